import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../tests/support/test-database.ts';
import { importMinistryList, MinistryListError } from './import-ministry-list.ts';
import { countMinistryProblems, findActiveMinistryList } from './ministry-list-repository.ts';

const HEADER = 'nik,no_kk,nama,tanggal_lahir,kode_wilayah,program,periode,ref';
const ROWS = [
  '3174010505800001,3174010101100001,BUDI SANTOSO,05-05-1980,31.74.01.1001,PKH,2021-07,PKH-1',
  '3174014707850002,3174010101100001,SITI AMINAH,1985-07-07,31.74.01,PKH,2021-07,PKH-2',
  '3.17401E+15,,AHMAD,01/01/1970,31.74.01.1001,PKH,2021-07,PKH-3',
  ',,,01/01/1970,31.74.01.1001,PKH,2021-07,PKH-4',
  '3174011212700001,,JOKO,12/12/1970,31.74.01.1001,PKH,2021-06,PKH-5',
];

describe('importMinistryList', () => {
  const fixture = useTestDatabase();

  async function load(name: string, content: string, programme = 'PKH', period = '2021-07') {
    const filePath = await fixture.writeFile(name, content);
    return importMinistryList({
      db: fixture.database.db,
      actor: { userId: null, username: 'test' },
      filePath,
      fileName: name,
      programme,
      period,
      referenceDate: new Date('2021-07-01T00:00:00Z'),
    });
  }

  it('keeps every row, rejecting only rows that cannot be matched or belong elsewhere', async () => {
    const result = await load('pkh.csv', `${HEADER}\n${ROWS.join('\n')}\n`);
    expect(result).toMatchObject({ rows: 5, accepted: 3, rejected: 2, replacedListId: null });
    const problems = await countMinistryProblems(fixture.database.db, result.listId);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'nik', code: 'excel_scientific_notation', count: 1 }),
        expect.objectContaining({ field: 'row', code: 'not_matchable', count: 1 }),
        expect.objectContaining({ field: 'period', code: 'period_mismatch', count: 1 }),
      ]),
    );
    const stored = await fixture.database.db
      .selectFrom('ministry_person')
      .select(['nik', 'birth_date', 'region_code'])
      .where('list_id', '=', result.listId)
      .orderBy('row_number')
      .execute();
    expect(stored[0]).toEqual({
      nik: '3174010505800001',
      birth_date: '1980-05-05',
      region_code: '31.74.01.1001',
    });
  });

  it('replaces the list of the same programme and period, dropping the old rows', async () => {
    const before = await findActiveMinistryList(fixture.database.db, { programme: 'PKH', period: '2021-07' });
    const result = await load('pkh-again.csv', `${HEADER}\n${ROWS[0]}\n`);
    expect(result.replacedListId).toBe(before?.id);
    const counts = await sql<{ lists: number; persons: number }>`
      select (select count(*)::int from ministry_list where status = 'active') as lists,
             (select count(*)::int from ministry_person) as persons`.execute(fixture.database.db);
    expect(counts.rows[0]).toEqual({ lists: 1, persons: 1 });
  });

  it('refuses an empty, mislabelled or truncated-header list and keeps the active one', async () => {
    const active = await findActiveMinistryList(fixture.database.db, { programme: 'PKH', period: '2021-07' });
    await expect(load('empty.csv', '')).rejects.toThrow(/empty/);
    const bpnt = ROWS.map((row) => row.replace(',PKH,', ',BPNT,'));
    await expect(load('labelled-pkh.csv', `${HEADER}\n${bpnt.join('\n')}\n`)).rejects.toThrow(
      /labelled PKH, but 5 of 5 rows say programme "BPNT"/,
    );
    await expect(load('cut.csv', 'nik,no_kk,nam')).rejects.toThrow(MinistryListError);
    await expect(load('pkh.csv', `${HEADER}\n`, 'PKH', '2021-13')).rejects.toThrow(/expected YYYY-MM/);
    expect(
      await findActiveMinistryList(fixture.database.db, { programme: 'PKH', period: '2021-07' }),
    ).toEqual(active);
  });

  it('rejects rows cut short at the end of a truncated file', async () => {
    const result = await load(
      'truncated.csv',
      `${HEADER}\n${ROWS[0]}\n3174014707850002,317401010110`,
      'PKH',
      '2021-07',
    );
    expect(result).toMatchObject({ rows: 2, accepted: 1, rejected: 1 });
    const problems = await countMinistryProblems(fixture.database.db, result.listId);
    expect(problems).toContainEqual(expect.objectContaining({ code: 'row_truncated' }));
  });
});
