import { describe, expect, it } from 'vitest';
import { cleanIdentityNumber } from './identity-number.ts';

describe('cleanIdentityNumber', () => {
  it('keeps a clean 16-digit number as it is', () => {
    expect(cleanIdentityNumber('3174010101900001', 'nik')).toEqual({
      value: '3174010101900001',
      problems: [],
    });
  });

  it.each(['3.17401E+15', '3,17401E+15', '3.17401e15', '3E+15', ' 3.174010101900001E+15 '])(
    'names scientific notation %s as unrecoverable Excel damage',
    (raw) => {
      const result = cleanIdentityNumber(raw, 'nik');
      expect(result.value).toBeNull();
      expect(result.problems).toEqual([
        { field: 'nik', code: 'excel_scientific_notation', severity: 'error', params: { value: raw.trim() } },
      ]);
    },
  );

  it('names a number whose last digits Excel zeroed', () => {
    const result = cleanIdentityNumber('3174010101900000', 'kk');
    expect(result.value).toBeNull();
    expect(result.problems).toMatchObject([
      { field: 'kkNumber', code: 'excel_trailing_digits_lost', severity: 'error' },
    ]);
  });

  it('removes a .0 decimal suffix with a warning', () => {
    for (const raw of ['3174010101900001.0', '3174010101900001,00']) {
      expect(cleanIdentityNumber(raw, 'nik')).toEqual({
        value: '3174010101900001',
        problems: [
          { field: 'nik', code: 'excel_decimal_suffix', severity: 'warning', params: { value: raw } },
        ],
      });
    }
  });

  it('strips the leading apostrophe Excel uses as a text marker, silently', () => {
    expect(cleanIdentityNumber("'3174010101900001", 'nik')).toEqual({
      value: '3174010101900001',
      problems: [],
    });
    expect(cleanIdentityNumber(" '3174010101900001 ", 'kk')).toEqual({
      value: '3174010101900001',
      problems: [],
    });
  });

  it.each(['3174 0101 0190 0001', '3174.0101.0190.0001', '3174-0101-0190-0001', '31.74.01 010190 0001'])(
    'cleans separators in %s with a warning',
    (raw) => {
      const result = cleanIdentityNumber(raw, 'nik');
      expect(result.value).toBe('3174010101900001');
      expect(result.problems).toMatchObject([{ code: 'identity_number_separators', severity: 'warning' }]);
    },
  );

  it('names 15 digits as a lost digit', () => {
    const result = cleanIdentityNumber('317401010190001', 'nik');
    expect(result.value).toBeNull();
    expect(result.problems).toEqual([
      {
        field: 'nik',
        code: 'identity_number_digit_lost',
        severity: 'error',
        params: { value: '317401010190001', digits: 15 },
      },
    ]);
  });

  it('names too long, too short and non-digit values', () => {
    expect(cleanIdentityNumber('31740101019000011', 'nik').problems).toMatchObject([
      { code: 'identity_number_too_long', params: { digits: 17 } },
    ]);
    expect(cleanIdentityNumber('3174', 'nik').problems).toMatchObject([
      { code: 'identity_number_too_short', params: { digits: 4 } },
    ]);
    expect(cleanIdentityNumber('3174O10101900001', 'nik').problems).toMatchObject([
      { code: 'identity_number_non_digit', severity: 'error' },
    ]);
    expect(cleanIdentityNumber('belum ada', 'kk').problems).toMatchObject([
      { field: 'kkNumber', code: 'identity_number_non_digit' },
    ]);
    expect(cleanIdentityNumber('3174010101900001X', 'kk').value).toBeNull();
  });

  it('reports only the error when separators come with a wrong length', () => {
    expect(cleanIdentityNumber('3174 0101 0190 001', 'nik').problems).toMatchObject([
      { code: 'identity_number_digit_lost', severity: 'error' },
    ]);
  });

  it('treats empty input as no value and no problem', () => {
    for (const raw of ['', '   ', "'", '\u200B']) {
      expect(cleanIdentityNumber(raw, 'nik')).toEqual({ value: null, problems: [] });
    }
  });
});
