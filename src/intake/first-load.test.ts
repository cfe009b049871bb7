import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../tests/support/test-database.ts';
import { WHOLE_COUNTRY } from '../auth/area-scope.ts';
import { generateDemoData } from '../demo/generator/generate-demo-data.ts';
import { applyForwardedIntakeRows } from '../registry/intake-arrival-repository.ts';
import { forwardAcceptedRows } from './intake-repository.ts';
import { submitIntakeFile } from './submit-intake-file.ts';

const referenceDate = new Date('2021-07-01T00:00:00Z');
const actor = { userId: null, username: 'test' };

// A large import into an empty registry numbers its families in Node and loads them by COPY; any other arrival
// goes through the SQL statements. Both must leave the same registry.
describe('a first load into an empty registry', () => {
  const fixture = useTestDatabase();

  async function submit(filePath: string, forwardImmediately: boolean) {
    return submitIntakeFile({
      db: fixture.database.db,
      actor,
      scope: WHOLE_COUNTRY,
      filePath,
      fileName: path.basename(filePath),
      channel: 'cli',
      forwardImmediately,
      referenceDate,
      bulk: true,
    });
  }

  // Generated files in a folder of their own inside the test's scratch folder.
  async function generate(
    folder: string,
    options: Omit<Parameters<typeof generateDemoData>[0], 'outDirectory'>,
  ) {
    const outDirectory = path.join(path.dirname(await fixture.writeFile('.keep', '')), folder);
    await mkdir(outDirectory, { recursive: true });
    return generateDemoData({ ...options, outDirectory });
  }

  // The reviewer forwards every accepted row; they arrive through the set-based statements.
  async function forwardBySql(submissionId: number) {
    return fixture.database.db.transaction().execute(async (transaction) => {
      const rowNumbers = await forwardAcceptedRows(transaction, { submissionId, reviewerId: null });
      return applyForwardedIntakeRows(transaction, { submissionId, rowNumbers, actorUserId: null });
    });
  }

  async function emptyRegistry() {
    await sql`delete from household_member`.execute(fixture.database.db);
    await sql`delete from household`.execute(fixture.database.db);
  }

  // Everything but ids and times; each member with its family's listing, found through its household id.
  async function registryContents() {
    const households = await sql<Record<string, unknown>>`
      select kk_number, kelurahan_code, rw, rt, address, phone, fixed_income, covid_affected, ref, status
      from household order by kk_number, kelurahan_code, rw, rt`.execute(fixture.database.db);
    const members = await sql<Record<string, unknown>>`
      select m.kk_number, h.kelurahan_code, h.rw, h.rt, m.member_key, m.nik, m.nik_absence_reason, m.full_name,
             m.sex, m.birth_place, m.birth_date::text, m.relationship, m.marital_status, m.occupation,
             m.life_status, m.moved, m.ref, m.source_row_number
      from household_member m
      left join household h on h.id = m.household_id and h.kk_number = m.kk_number
      order by m.source_row_number`.execute(fixture.database.db);
    return { households: households.rows, members: members.rows };
  }

  it('leaves the same families and members as the arrival statements, numbered in file order', async () => {
    // The same rows twice (another delimiter, so another file): faults, families listed by two RTs, children
    // without NIK, families without a head or with two.
    const options = { families: 300, seed: 11, headAnomalyRate: 0.03, referenceDate };
    const comma = await generate('comma', options);
    const semicolon = await generate('semicolon', { ...options, delimiter: ';' });
    expect(await readFile(comma.files.intake)).not.toEqual(await readFile(semicolon.files.intake));

    const reviewed = await submit(comma.files.intake, false);
    const bySql = await forwardBySql(reviewed.submissionId);
    const expected = await registryContents();
    expect(expected.members.every((member) => member.rw !== null)).toBe(true);
    await emptyRegistry();

    const loaded = await submit(semicolon.files.intake, true);
    expect(loaded.arrival).toEqual(bySql);
    // Most of the 300 arrive; families whose head's row is rejected wait for it.
    expect(bySql.householdsCreated).toBeGreaterThan(280);
    const contents = await registryContents();
    expect(contents.households).toEqual(expected.households);
    expect(contents.members).toEqual(expected.members);

    // Ids follow the file: families by their first row, members by their row.
    const order = await sql<{ families_in_order: boolean; members_in_order: boolean }>`
      select (select bool_and(first_row_order = id_order) from (
                select rank() over (order by min(m.source_row_number)) as first_row_order,
                       rank() over (order by h.id) as id_order
                from household h join household_member m on m.household_id = h.id group by h.id) f)
               as families_in_order,
             (select bool_and(row_order = id_order) from (
                select rank() over (order by source_row_number) as row_order, rank() over (order by id) as id_order
                from household_member) m) as members_in_order`.execute(fixture.database.db);
    expect(order.rows[0]).toEqual({ families_in_order: true, members_in_order: true });
  });

  it('leaves the same registry for rows rejected after their lines were written, and names only PostgreSQL lowercases', async () => {
    const header =
      'no_kk,nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,hubungan_keluarga,status_perkawinan,pekerjaan,alamat,rt,rw,kode_kelurahan,no_hp,penghasilan_tetap,terdampak_covid,ref';
    const row = (kk: string, nik: string, name: string, sexDate: string, relationship: string, ref: string) =>
      `31740101011000${kk},${nik},${name},${sexDate},${relationship},KAWIN,PEDAGANG,JL. ${ref},001,002,31.74.01.1001,,T,Y,${ref}`;
    const man = 'L,JAKARTA,05/05/1980';
    const woman = 'P,JAKARTA,07/07/1985';
    const child = 'P,JAKARTA,03/03/2012';
    const rows = [
      // Children without NIK whose names only PostgreSQL lowercases, one listed twice.
      row('71', '3174010505800001', 'BUDI', man, 'KEPALA KELUARGA', 'A1'),
      row('71', '', 'ÇAĞLAR ÖZ', child, 'ANAK', 'A2'),
      row('71', '', 'ÇAĞLAR ÖZ', child, 'ANAK', 'A3'),
      row('71', '', 'Şİ ΣΟΦΊΑ', child, 'ANAK', 'A4'),
      // The only head repeats the wife's NIK: that row is rejected, and the wife's row waits for its head.
      row('72', '3174014707850002', 'SITI', woman, 'ISTRI', 'B1'),
      row('72', '3174014707850002', 'SITI', woman, 'KEPALA KELUARGA', 'B2'),
      // Two heads: the whole family is rejected.
      row('73', '3174010505800003', 'AGUS', man, 'KEPALA KELUARGA', 'C1'),
      row('73', '3174014707850003', 'RINA', woman, 'KEPALA KELUARGA', 'C2'),
      // The head's row is rejected by its own check (no such date): the wife's row waits too.
      row('74', '3174010505800004', 'JOKO', man.replace('05/05', '31/02'), 'KEPALA KELUARGA', 'D1'),
      row('74', '3174014707850004', 'DEWI', woman, 'ISTRI', 'D2'),
    ];
    const content = `${header}\n${rows.join('\n')}\n`;
    await emptyRegistry();
    const reviewed = await submit(await fixture.writeFile('edge-review.csv', content), false);
    const bySql = await forwardBySql(reviewed.submissionId);
    expect(bySql).toMatchObject({ householdsCreated: 1, membersCreated: 3 });
    const expected = await registryContents();
    await emptyRegistry();
    // The same rows with other line ends: another file, the same row numbers.
    const loaded = await submit(
      await fixture.writeFile('edge-load.csv', content.replaceAll('\n', '\r\n')),
      true,
    );
    expect(loaded.arrival).toEqual(bySql);
    expect(await registryContents()).toEqual(expected);
    expect(expected.households.map((household) => household.ref)).toEqual(['A1']);
  });

  it('lets the next arrival number on after the ids the load gave', async () => {
    await emptyRegistry();
    const first = await generate('next-1', { families: 20, seed: 12, referenceDate });
    const next = await generate('next-2', { families: 5, seed: 13, referenceDate });
    const loaded = await submit(first.files.intake, true);
    expect(loaded.arrival?.householdsCreated).toBeGreaterThan(15);
    const highest = async () =>
      (
        await sql<{ household: number; member: number }>`
          select (select max(id)::int from household) as household,
                 (select max(id)::int from household_member) as member`.execute(fixture.database.db)
      ).rows[0];
    const afterLoad = await highest();
    const added = await submit(next.files.intake, true);
    expect(added.arrival?.householdsCreated).toBeGreaterThan(0);
    const newIds = await sql<{ household: number; member: number }>`
      select (select min(id)::int from household where source_submission_id = ${added.submissionId}) as household,
             (select min(id)::int from household_member where source_submission_id = ${added.submissionId})
               as member`.execute(fixture.database.db);
    expect(newIds.rows[0].household).toBeGreaterThan(afterLoad.household);
    expect(newIds.rows[0].member).toBeGreaterThan(afterLoad.member);
  });
});
