import { describe, expect, it } from 'vitest';
import {
  ageInYears,
  encodeNik,
  isValidCalendarDate,
  normaliseRegionCode,
  parseKkNumber,
  parseNik,
  toCompactRegionCode,
  toDottedRegionCode,
} from './nik.ts';

const reference = new Date('2024-06-01T00:00:00Z');

describe('parseNik', () => {
  it('reads region, birth date, sex and serial of a man', () => {
    expect(parseNik('3174010101900001', reference)).toEqual({
      ok: true,
      nik: '3174010101900001',
      provinceCode: '31',
      regencyCode: '31.74',
      districtCode: '31.74.01',
      birthDate: '1990-01-01',
      sex: 'L',
      serial: '0001',
    });
  });

  it('reads a woman from the day plus 40', () => {
    const result = parseNik('3171074512850123', reference);
    expect(result).toMatchObject({ ok: true, birthDate: '1985-12-05', sex: 'P', districtCode: '31.71.07' });
  });

  it('accepts the extreme days 01, 31, 41 and 71', () => {
    expect(parseNik('3174013101900001', reference)).toMatchObject({
      ok: true,
      birthDate: '1990-01-31',
      sex: 'L',
    });
    expect(parseNik('3174017101900001', reference)).toMatchObject({
      ok: true,
      birthDate: '1990-01-31',
      sex: 'P',
    });
    expect(parseNik('3174014101900001', reference)).toMatchObject({
      ok: true,
      birthDate: '1990-01-01',
      sex: 'P',
    });
  });

  it('picks the most recent century that is not after the reference date', () => {
    expect(parseNik('3174010101100001', reference)).toMatchObject({ birthDate: '2010-01-01' });
    expect(parseNik('3174011506250001', reference)).toMatchObject({ birthDate: '1925-06-15' });
    expect(parseNik('3174011506250001', new Date('2025-07-01'))).toMatchObject({ birthDate: '2025-06-15' });
    expect(parseNik('3174010106240001', reference)).toMatchObject({ birthDate: '2024-06-01' });
    expect(parseNik('3174010206240001', reference)).toMatchObject({ birthDate: '1924-06-02' });
  });

  it('knows leap years, including 1900 which was not one', () => {
    expect(parseNik('3174012902000001', reference)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(parseNik('3174016902040001', reference)).toMatchObject({
      ok: true,
      birthDate: '2004-02-29',
      sex: 'P',
    });
    expect(parseNik('3174012902010001', reference)).toMatchObject({
      ok: false,
      code: 'nik_invalid_birth_date',
    });
    // With 2000 still in the future, 29/02/00 could only be 1900, which had no 29 February.
    expect(parseNik('3174012902000001', new Date('1999-06-01'))).toMatchObject({
      ok: false,
      code: 'nik_invalid_birth_date',
    });
  });

  it.each([
    ['day 00', '3174010001900001'],
    ['day 32', '3174013201900001'],
    ['day 40', '3174014001900001'],
    ['day 72', '3174017201900001'],
    ['month 00', '3174010100900001'],
    ['month 13', '3174010113900001'],
    ['31 April', '3174013104900001'],
    ['30 February of a woman', '3174017002900001'],
  ])('rejects an impossible birth date (%s)', (_label, nik) => {
    expect(parseNik(nik, reference)).toMatchObject({ ok: false, code: 'nik_invalid_birth_date' });
  });

  it('rejects serial 0000, which is never issued', () => {
    expect(parseNik('3174010101900000', reference)).toEqual({ ok: false, code: 'nik_serial_zero' });
  });

  it('rejects wrong length, non-digits and impossible regions', () => {
    expect(parseNik('317401010190001', reference)).toMatchObject({
      ok: false,
      code: 'nik_not_16_digits',
      detail: '15',
    });
    expect(parseNik('31740101019000011', reference)).toMatchObject({ ok: false, code: 'nik_not_16_digits' });
    expect(parseNik('', reference)).toMatchObject({ ok: false, code: 'nik_not_16_digits' });
    expect(parseNik('3174O10101900001', reference)).toMatchObject({ ok: false, code: 'nik_non_digit' });
    expect(parseNik('9974010101900001', reference)).toMatchObject({
      ok: false,
      code: 'nik_invalid_province',
      detail: '99',
    });
    expect(parseNik('3100010101900001', reference)).toMatchObject({ ok: false, code: 'nik_invalid_region' });
    expect(parseNik('3174000101900001', reference)).toMatchObject({ ok: false, code: 'nik_invalid_region' });
  });
});

describe('encodeNik', () => {
  it('encodes a woman with day + 40 and round-trips through parseNik', () => {
    const nik = encodeNik({ districtCode: '31.74.01', birthDate: '1985-12-05', sex: 'P', serial: 12 });
    expect(nik).toBe('3174014512850012');
    expect(parseNik(nik, reference)).toMatchObject({
      districtCode: '31.74.01',
      birthDate: '1985-12-05',
      sex: 'P',
      serial: '0012',
    });
  });

  it('encodes a man and accepts an undotted district code', () => {
    expect(encodeNik({ districtCode: '317101', birthDate: '2004-02-29', sex: 'L', serial: 9999 })).toBe(
      '3171012902049999',
    );
  });

  it('refuses impossible parts', () => {
    const valid = { districtCode: '31.74.01', birthDate: '1990-01-01', sex: 'L' as const, serial: 1 };
    expect(() => encodeNik({ ...valid, serial: 0 })).toThrow(RangeError);
    expect(() => encodeNik({ ...valid, serial: 10000 })).toThrow(RangeError);
    expect(() => encodeNik({ ...valid, birthDate: '1990-02-30' })).toThrow(RangeError);
    expect(() => encodeNik({ ...valid, districtCode: '31.74' })).toThrow(RangeError);
  });
});

describe('region codes', () => {
  it('converts between compact and dotted codes', () => {
    expect(toDottedRegionCode('317401')).toBe('31.74.01');
    expect(toDottedRegionCode('3174011001')).toBe('31.74.01.1001');
    expect(toDottedRegionCode('3174')).toBe('31.74');
    expect(toDottedRegionCode('31740')).toBeNull();
    expect(toCompactRegionCode('31.74.01.1001')).toBe('3174011001');
    expect(normaliseRegionCode(' 31.74.01.1001 ')).toBe('31.74.01.1001');
    expect(normaliseRegionCode('3174011001')).toBe('31.74.01.1001');
    expect(normaliseRegionCode('31.74.1.1001')).toBeNull();
  });
});

describe('calendar helpers', () => {
  it('validates calendar dates', () => {
    expect(isValidCalendarDate(2000, 2, 29)).toBe(true);
    expect(isValidCalendarDate(1900, 2, 29)).toBe(false);
    expect(isValidCalendarDate(2023, 4, 31)).toBe(false);
    expect(isValidCalendarDate(2023, 12, 31)).toBe(true);
  });

  it('counts completed years', () => {
    expect(ageInYears({ year: 1990, month: 6, day: 2 }, { year: 2024, month: 6, day: 1 })).toBe(33);
    expect(ageInYears({ year: 1990, month: 6, day: 1 }, { year: 2024, month: 6, day: 1 })).toBe(34);
  });
});

describe('parseKkNumber', () => {
  it('reads region, issue date and serial', () => {
    expect(parseKkNumber('3174012301150003', reference)).toEqual({
      ok: true,
      kkNumber: '3174012301150003',
      provinceCode: '31',
      regencyCode: '31.74',
      districtCode: '31.74.01',
      issueDate: '2015-01-23',
      serial: '0003',
      warnings: [],
    });
  });

  it('does not apply the +40 rule: day 45 is an unusual issue date, not a woman', () => {
    const result = parseKkNumber('3174014501150003', reference);
    expect(result).toMatchObject({ ok: true, issueDate: null, warnings: ['kk_unusual_issue_date'] });
  });

  it('only warns about impossible dates and serial 0000', () => {
    expect(parseKkNumber('3174013102990000', reference)).toMatchObject({
      ok: true,
      issueDate: null,
      warnings: ['kk_unusual_issue_date', 'kk_serial_zero'],
    });
  });

  it('rejects non-digits, wrong length and unknown provinces', () => {
    expect(parseKkNumber('31740123011500X3', reference)).toMatchObject({ ok: false, code: 'kk_non_digit' });
    expect(parseKkNumber('317401230115003', reference)).toMatchObject({
      ok: false,
      code: 'kk_not_16_digits',
    });
    expect(parseKkNumber('0074012301150003', reference)).toMatchObject({
      ok: false,
      code: 'kk_invalid_province',
    });
  });
});
