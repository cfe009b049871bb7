import { describe, expect, it } from 'vitest';
import { namesAgree, resolveDeathReportHeader, validateDeathReportRow } from './death-report-row.ts';

describe('a row of a list of deaths', () => {
  const { columns } = resolveDeathReportHeader(['NIK', 'Nama', 'Tanggal Meninggal', 'ref']);
  const today = new Date('2021-07-01T00:00:00Z');

  it('reads the NIK, name and date, and rejects what could name the wrong person or is not a date', () => {
    expect(validateDeathReportRow(['3174010505800001', 'BUDI', '04/03/2021', 'D1'], columns, today)).toEqual({
      record: { nik: '3174010505800001', fullName: 'BUDI', deathDate: '2021-03-04', ref: 'D1' },
      problems: [],
    });
    const damaged = validateDeathReportRow(['3.17401E+15', '', '2021-13-01', ''], columns, today);
    expect(damaged.problems.map((problem) => `${problem.field}:${problem.code}`)).toEqual([
      'nik:nik_invalid',
      'fullName:required',
      'deathDate:date_invalid',
    ]);
    const future = validateDeathReportRow(['3174010505800001', 'BUDI', '02/07/2021', ''], columns, today);
    expect(future.problems.map((problem) => problem.code)).toEqual(['date_in_future']);
  });

  it('names the columns a file lacks', () => {
    expect(resolveDeathReportHeader(['nik', 'name']).missing).toEqual(['deathDate']);
  });
});

describe('namesAgree', () => {
  it.each([
    ['BUDI', 'BUDI SANTOSO'],
    ['Budi Santoso', 'BUDI SANTOSO'],
    ['MOCH. RIZKI', 'MUHAMMAD RIZKI'],
    ['H. AHMAD DJUNAEDI', 'AHMAD JUNAEDI'],
    ['SUSILAWTI', 'SUSILAWATI'],
    ['NURHAYATI', 'NUR HAYATI'],
  ])('takes %s for %s', (listed, registered) => {
    expect(namesAgree(listed, registered)).toBe(true);
  });

  it.each([
    ['SITI RAHAYU', 'SITI AMINAH'],
    ['AHMAD', 'BUDI SANTOSO'],
    ['', 'BUDI'],
  ])('does not take %s for %s', (listed, registered) => {
    expect(namesAgree(listed, registered)).toBe(false);
  });
});
