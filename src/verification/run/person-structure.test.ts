import { describe, expect, it } from 'vitest';
import { checkPersonStructure } from './person-structure.ts';

const reference = new Date('2021-07-01T00:00:00Z');
const person = {
  nik: '3174015203850002',
  kkNumber: '3174012304150007',
  sex: 'P',
  birthDate: '1985-03-12',
  nikAbsence: null,
};

describe('checkPersonStructure', () => {
  it('finds nothing wrong with a consistent woman (day + 40)', () => {
    expect(checkPersonStructure(person, reference)).toEqual([]);
  });

  it('names a birth date or sex that disagrees with the NIK', () => {
    expect(checkPersonStructure({ ...person, birthDate: '1985-12-03', sex: 'L' }, reference)).toEqual([
      { code: 'nik_birth_date_mismatch', detail: { nik: '1985-03-12', recorded: '1985-12-03' } },
      { code: 'nik_sex_mismatch', detail: { nik: 'P', recorded: 'L' } },
    ]);
  });

  it('flags a malformed NIK or KK, and a missing NIK with its reason', () => {
    expect(checkPersonStructure({ ...person, nik: '3174015203850000' }, reference)).toEqual([
      { code: 'nik_invalid', detail: { problem: 'nik_serial_zero' } },
    ]);
    expect(checkPersonStructure({ ...person, kkNumber: '0074012304150007' }, reference)).toEqual([
      { code: 'kk_invalid', detail: { problem: 'kk_invalid_province' } },
    ]);
    expect(checkPersonStructure({ ...person, nik: null, nikAbsence: 'BELUM REKAM' }, reference)).toEqual([
      { code: 'nik_missing', detail: { reason: 'BELUM REKAM' } },
    ]);
  });
});
