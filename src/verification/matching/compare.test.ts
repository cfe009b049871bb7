import { describe, expect, it } from 'vitest';
import {
  compareBirthDates,
  compareIdentityDigits,
  compareKkNumbers,
  compareNames,
  compareNiks,
  compareRecords,
  compareRegions,
  compareSexes,
} from './compare.ts';
import { normaliseName } from './normalise-name.ts';
import { prepareRecord } from './person-record.ts';

const names = (left: string, right: string) => compareNames(normaliseName(left), normaliseName(right));
const date = (iso: string) => {
  const [year, month, day] = iso.split('-').map(Number);
  return { year, month, day };
};

describe('compareNames', () => {
  it('grades names from exact to disagree', () => {
    expect(names('Moch. Djoko Soesilo', 'Muhammad Joko Susilo')).toBe('exact');
    expect(names('Nurhayati', 'Nur Hayati')).toBe('exact');
    expect(names('SUPARMAN', 'SUPARMNA')).toBe('jaro_winkler_094');
    expect(names('SITI AMINAH', 'SITI AMALIA')).toBe('jaro_winkler_085');
    expect(names('SITI AMINAH', 'RATNA SITI')).toBe('token_overlap');
    expect(names('SUTRISNO', 'DAVID PASARIBU')).toBe('disagree');
    expect(names('', 'SUTRISNO')).toBe('missing');
  });

  it('does not count a shared initial as a shared token', () => {
    expect(names('A RAHMAT', 'A DEWI')).toBe('disagree');
  });
});

describe('compareNiks', () => {
  const nik = '3174015203850002';
  it('recognises the typing faults of a NIK', () => {
    expect(compareNiks(nik, nik)).toBe('exact');
    expect(compareNiks(nik, '3174015230850002')).toBe('transposition');
    expect(compareNiks(nik, '3174015203950002')).toBe('one_edit');
    expect(compareNiks(nik, '317401520385002')).toBe('one_edit');
    expect(compareNiks(nik, '3174015203850000')).toBe('same_region_birth');
    expect(compareNiks(nik, '3271015203850002')).toBe('disagree');
    expect(compareNiks(nik, null)).toBe('missing');
  });

  it('treats one other region digit as a neighbouring kecamatan, not a typo', () => {
    expect(compareNiks('3174011307770001', '3174031307770001')).toBe('disagree');
    expect(compareNiks('3174011307770001', '3174011307780001')).toBe('one_edit');
  });

  it('treats another serial as another person: same day, same kecamatan is common', () => {
    expect(compareNiks(nik, '3174015203850001')).toBe('disagree');
    expect(compareNiks(nik, '3174015203850013')).toBe('disagree');
  });

  it('tells the kinds of digit difference apart', () => {
    expect(compareIdentityDigits('1234', '1243')).toBe('transposition');
    expect(compareIdentityDigits('1234', '1284')).toBe('substitution');
    expect(compareIdentityDigits('1234', '124')).toBe('lost_digit');
    expect(compareIdentityDigits('123', '1234')).toBe('lost_digit');
    expect(compareIdentityDigits('1234', '4321')).toBe('disagree');
    expect(compareIdentityDigits('3174015203850002', '3174015203850007')).toBe('same_prefix');
  });
});

describe('compareKkNumbers', () => {
  it('folds typing faults into one level and keeps a zeroed serial apart', () => {
    const kk = '3174012304150007';
    expect(compareKkNumbers(kk, kk)).toBe('exact');
    expect(compareKkNumbers(kk, '3174012340150007')).toBe('one_edit');
    expect(compareKkNumbers(kk, '317401230415007')).toBe('one_edit');
    expect(compareKkNumbers(kk, '3174012304150000')).toBe('same_prefix');
    expect(compareKkNumbers(kk, '3175012304159999')).toBe('disagree');
    // Another family whose KK was issued the same day in the same kecamatan.
    expect(compareKkNumbers(kk, '3174012304150008')).toBe('disagree');
    expect(compareKkNumbers(null, kk)).toBe('missing');
  });
});

describe('compareBirthDates', () => {
  it('grades dates', () => {
    expect(compareBirthDates(date('1985-03-12'), date('1985-03-12'))).toBe('exact');
    expect(compareBirthDates(date('1985-03-12'), date('1985-12-03'))).toBe('day_month_swapped');
    expect(compareBirthDates(date('1985-03-12'), date('1986-03-12'))).toBe('one_component');
    expect(compareBirthDates(date('1985-03-12'), date('1985-03-21'))).toBe('one_component');
    expect(compareBirthDates(date('1985-03-12'), date('1985-07-30'))).toBe('same_year');
    expect(compareBirthDates(date('1985-03-12'), date('1990-07-30'))).toBe('disagree');
    expect(compareBirthDates(null, date('1990-07-30'))).toBe('missing');
  });
});

describe('compareSexes and compareRegions', () => {
  it('compares sex', () => {
    expect(compareSexes('L', 'L')).toBe('agree');
    expect(compareSexes('L', 'P')).toBe('disagree');
    expect(compareSexes(null, 'P')).toBe('missing');
  });

  it('compares regions at the finest level both records give', () => {
    const kelurahan = ['31', '74', '01', '1001'];
    expect(compareRegions(kelurahan, ['31', '74', '01', '1001'])).toBe('kelurahan');
    expect(compareRegions(kelurahan, ['31', '74', '01', '1002'])).toBe('kecamatan');
    expect(compareRegions(kelurahan, ['31', '74', '01'])).toBe('kecamatan');
    expect(compareRegions(kelurahan, ['31', '74', '02', '1001'])).toBe('kota');
    expect(compareRegions(kelurahan, ['31', '75', '01', '1001'])).toBe('disagree');
    expect(compareRegions(null, kelurahan)).toBe('missing');
  });
});

describe('compareRecords', () => {
  it('builds the comparison vector of two prepared records', () => {
    const left = prepareRecord({
      id: 'a',
      nik: '3174015203850002',
      kkNumber: '3174012304150007',
      fullName: 'Hj. Siti Aminah',
      birthDate: '1985-03-12',
      sex: 'P',
      regionCode: '31.74.01.1001',
    });
    const right = prepareRecord({
      id: 'b',
      nik: '3.17401E+15',
      kkNumber: "'3174012304150007",
      fullName: 'SITI AMINAH BINTI SALEH',
      birthDate: '1985-12-03',
      sex: null,
      regionCode: '3174011001',
    });
    expect(compareRecords(left, right)).toEqual({
      name: 'exact',
      nik: 'missing',
      birthDate: 'day_month_swapped',
      sex: 'missing',
      region: 'kelurahan',
      kkNumber: 'exact',
    });
  });
});
