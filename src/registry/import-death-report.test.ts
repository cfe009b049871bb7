// The data team records the deaths of a Dukcapil list: every row kept with its outcome, each death in the history.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../tests/support/spawn-cli.ts';
import { useTestDatabase } from '../../tests/support/test-database.ts';
import { SYSTEM_ACTOR } from '../auth/session-user.ts';
import { insertTestFamily } from '../verification/review/review-test-support.ts';
import { importDeathReport } from './import-death-report.ts';

describe('tepat import deaths', () => {
  const fixture = useTestDatabase();
  const tepat = (args: string[]) => runCli(args, { databaseUrl: fixture.database.url });

  it('records a death whose NIK and name agree, keeps every other row with its reason, and changes nothing twice', async () => {
    const db = fixture.database.db;
    const family = await insertTestFamily(db, {
      kkNumber: '3174010101100001',
      kelurahanCode: '31.74.01.1001',
      members: [
        { fullName: 'BUDI SANTOSO', nik: '3174010505800001' },
        {
          fullName: 'SITI AMINAH',
          nik: '3174014707850002',
          sex: 'P',
          relationship: 'wife',
          birthDate: '1985-07-07',
        },
      ],
    });
    const file = await fixture.writeFile(
      'deaths-2021-06.csv',
      [
        'nik,nama,tanggal_meninggal,ref',
        '3174010505800001,Budi Santoso,04/03/2021,D1',
        // A mistyped NIK that lands on another person: the name guards against recording her death.
        '3174014707850002,RAHMAT HIDAYAT,2021-03-05,D2',
        '3174019999990009,ORANG LAIN,2021-03-06,D3',
        '3.17401E+15,TANPA NIK,2021-03-07,D4',
      ].join('\n'),
    );
    const first = await tepat(['import', 'deaths', file]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      '4 rows: 1 recorded on registry members, 0 already recorded, 1 with no member of that NIK, 1 whose name or dates do not agree',
    );

    const members = await db
      .selectFrom('household_member')
      .select(['full_name', 'life_status', 'death_date', 'death_source'])
      .where('household_id', '=', family.householdId)
      .orderBy('id')
      .execute();
    expect(members).toEqual([
      {
        full_name: 'BUDI SANTOSO',
        life_status: 'deceased',
        death_date: '2021-03-04',
        death_source: 'Dukcapil: deaths-2021-06.csv',
      },
      { full_name: 'SITI AMINAH', life_status: 'alive', death_date: null, death_source: null },
    ]);
    const history = await db
      .selectFrom('registry_change')
      .select(['field', 'old_value', 'new_value', 'reason'])
      .where('household_id', '=', family.householdId)
      .orderBy('id')
      .execute();
    expect(history.map((change) => `${change.field}: ${change.old_value} → ${change.new_value}`)).toEqual([
      'life_status: alive → deceased',
      'death_date: null → 2021-03-04',
      'death_source: null → Dukcapil: deaths-2021-06.csv',
    ]);
    expect(history[0].reason).toBe('deaths list deaths-2021-06.csv');
    const rows = await sql<{ row_number: number; outcome: string }>`
      select row_number, outcome from death_report_row order by row_number`.execute(db);
    expect(rows.rows).toEqual([
      { row_number: 2, outcome: 'recorded' },
      { row_number: 3, outcome: 'name_mismatch' },
      { row_number: 4, outcome: 'not_found' },
      { row_number: 5, outcome: 'rejected' },
    ]);

    const again = await tepat(['import', 'deaths', file]);
    expect(again.stdout).toContain('imported before as deaths list');
    const later = await fixture.writeFile(
      'deaths-2021-07.csv',
      'nik,nama,tanggal_meninggal,ref\n3174010505800001,BUDI SANTOSO,2021-03-04,E1\n',
    );
    expect((await tepat(['import', 'deaths', later])).stdout).toContain(
      '0 recorded on registry members, 1 already recorded',
    );
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'death_report.import')
      .execute();
    expect(audit).toHaveLength(2);

    const notAList = await fixture.writeFile('wrong.csv', 'nik,nama\n3174010505800001,BUDI\n');
    const refused = await tepat(['import', 'deaths', notAList]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      'tepat: wrong.csv, row 1: required columns missing: deathDate (expected nik, nama, tanggal_meninggal, ref)',
    );
  }, 90_000);

  it("touches no member outside the importer's area, and the same list from a wider importer still records them", async () => {
    const db = fixture.database.db;
    await insertTestFamily(db, {
      kkNumber: '3174010101100002',
      kelurahanCode: '31.74.01.1001',
      members: [{ fullName: 'JOKO WIDODO', nik: '3174011212700001' }],
    });
    const file = await fixture.writeFile(
      'deaths-area.csv',
      'nik,nama,tanggal_meninggal\n3174011212700001,JOKO WIDODO,2021-04-01\n',
    );
    const { report } = await importDeathReport({
      db,
      actor: SYSTEM_ACTOR,
      filePath: file,
      fileName: 'deaths-area.csv',
      scope: { areaCode: '31.71', rw: null },
      referenceDate: new Date('2021-07-01T00:00:00Z'),
    });
    expect(report).toMatchObject({ recorded_count: 0, not_found_count: 1 });
    // The same list from the whole registry's importer is not a repeat: it records what the other could not.
    const again = await importDeathReport({
      db,
      actor: SYSTEM_ACTOR,
      filePath: file,
      fileName: 'deaths-area.csv',
      referenceDate: new Date('2021-07-01T00:00:00Z'),
    });
    expect(again).toMatchObject({ duplicateOf: null, report: { recorded_count: 1 } });
    const joko = await db
      .selectFrom('household_member')
      .select('life_status')
      .where('nik', '=', '3174011212700001')
      .executeTakeFirstOrThrow();
    expect(joko.life_status).toBe('deceased');
  });
});
