import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { type TestDatabaseFixture, useTestDatabase } from '../../tests/support/test-database.ts';
import { WHOLE_COUNTRY } from '../auth/area-scope.ts';
import { applyForwardedIntakeRows } from '../registry/intake-arrival-repository.ts';
import {
  countProblemsByCode,
  countSubmissionRows,
  findSubmission,
  forwardAcceptedRows,
  listSubmissionRows,
} from './intake-repository.ts';
import { submitIntakeFile } from './submit-intake-file.ts';

const HEADER =
  'no_kk,nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,hubungan_keluarga,status_perkawinan,pekerjaan,alamat,rt,rw,kode_kelurahan,no_hp,penghasilan_tetap,terdampak_covid,ref';
const FAMILY = [
  '3174010101100001,3174010505800001,BUDI SANTOSO,L,JAKARTA,05/05/1980,KEPALA KELUARGA,KAWIN,PEDAGANG,JL. TEBET 1,001,002,31.74.01.1001,081234567890,T,Y,A1',
  '3174010101100001,3174014707850002,SITI AMINAH,P,JAKARTA,07/07/1985,ISTRI,KAWIN,MENGURUS RUMAH TANGGA,JL. TEBET 1,001,002,31.74.01.1001,,T,Y,A2',
];
const referenceDate = new Date('2021-07-01T00:00:00Z');
const actor = { userId: null, username: 'test' };

async function submitTestFile(
  fixture: TestDatabaseFixture,
  name: string,
  content: string | Buffer,
  { bulk, forwardImmediately }: { bulk: boolean; forwardImmediately: boolean },
) {
  const filePath = await fixture.writeFile(name, content);
  return submitIntakeFile({
    db: fixture.database.db,
    actor,
    scope: WHOLE_COUNTRY,
    filePath,
    fileName: name,
    channel: 'cli',
    forwardImmediately,
    referenceDate,
    bulk,
  });
}

// Small files are stored row by row into the shared partition; large ones (bulk) into a table of their own.
describe.each([
  { path: 'small', bulk: false },
  { path: 'bulk', bulk: true },
])('submitIntakeFile ($path)', ({ bulk }) => {
  const fixture = useTestDatabase();

  async function storedRowCount(): Promise<number> {
    const result = await sql<{ n: number }>`select count(*)::int as n from intake_row`.execute(
      fixture.database.db,
    );
    return result.rows[0].n;
  }

  async function submit(
    name: string,
    content: string | Buffer,
    options: { bulk?: boolean; forwardImmediately?: boolean } = {},
  ) {
    return submitTestFile(fixture, name, content, {
      bulk: options.bulk ?? bulk,
      forwardImmediately: options.forwardImmediately ?? true,
    });
  }

  it('keeps every row, rejects the bad one with its field, and brings accepted families into the registry', async () => {
    const bad =
      '3174010101100002,3.17401E+15,AHMAD,L,JAKARTA,01/01/1970,KEPALA KELUARGA,KAWIN,BURUH,JL. TEBET 2,001,002,31.74.01.1001,,T,Y,B1';
    const result = await submit('first.csv', `${HEADER}\n${FAMILY.join('\n')}\n${bad}\n`);
    expect(result.fileError).toBeNull();
    const submission = await findSubmission(fixture.database.db, result.submissionId);
    expect(submission).toMatchObject({ row_count: 3, accepted_count: 2, rejected_count: 1 });
    const { rows } = await listSubmissionRows(fixture.database.db, {
      submissionId: result.submissionId,
      filter: 'rejected',
      limit: 10,
      offset: 0,
    });
    expect(rows).toHaveLength(1);
    expect(rows[0].row_number).toBe(4);
    expect(rows[0].problems).toEqual([
      expect.objectContaining({ field: 'nik', code: 'excel_scientific_notation' }),
    ]);
    // The submitted cells as they were, whichever form they were kept in.
    expect(rows[0].raw).toMatchObject({
      no_kk: '3174010101100002',
      nik: '3.17401E+15',
      nama: 'AHMAD',
      ref: 'B1',
    });
    expect(result.arrival).toMatchObject({ householdsCreated: 1, membersCreated: 2 });
    const partitions = await sql<{ name: string }>`
      select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'intake_row'::regclass order by 1`.execute(fixture.database.db);
    expect(partitions.rows.map((row) => row.name)).toEqual(
      bulk ? [`intake_row_${result.submissionId}`, 'intake_row_default'] : ['intake_row_default'],
    );
  });

  it('changes nothing when the same file comes again', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from intake_row`.execute(
      fixture.database.db,
    );
    const again = await submit(
      'first-again.csv',
      `${HEADER}\n${FAMILY.join('\n')}\n3174010101100002,3.17401E+15,AHMAD,L,JAKARTA,01/01/1970,KEPALA KELUARGA,KAWIN,BURUH,JL. TEBET 2,001,002,31.74.01.1001,,T,Y,B1\n`,
    );
    expect(again.duplicateOf).not.toBeNull();
    const after = await sql<{ n: number }>`select count(*)::int as n from intake_row`.execute(
      fixture.database.db,
    );
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('records a changed row as a change with old and new values, and unchanged rows as nothing', async () => {
    const changed = FAMILY[1].replace('MENGURUS RUMAH TANGGA', 'PEDAGANG');
    const result = await submit('second.csv', `${HEADER}\n${FAMILY[0]}\n${changed}\n`);
    expect(result.arrival).toMatchObject({
      householdsCreated: 0,
      membersCreated: 0,
      membersChanged: 1,
      fieldChanges: 1,
    });
    const changes = await fixture.database.db.selectFrom('registry_change').selectAll().execute();
    expect(changes).toEqual([
      expect.objectContaining({
        field: 'occupation',
        old_value: 'MENGURUS RUMAH TANGGA',
        new_value: 'PEDAGANG',
      }),
    ]);
  });

  it('rejects every row of a family without a head or with two heads', async () => {
    const twoHeads = [FAMILY[0], FAMILY[1].replace('ISTRI', 'KEPALA KELUARGA')].map((row) =>
      row.replaceAll('3174010101100001', '3174010101100003'),
    );
    const result = await submit('two-heads.csv', `${HEADER}\n${twoHeads.join('\n')}\n`);
    const problems = await countProblemsByCode(fixture.database.db, result.submissionId);
    expect(problems).toContainEqual(expect.objectContaining({ code: 'family_two_heads', count: 2 }));
    expect(result.arrival?.householdsCreated).toBe(0);
  });

  it.each([true, false])(
    'counts its rows by standing, family checks included (forwarded at once: %s)',
    async (forwardImmediately) => {
      // Other families for each run: the same file again would change nothing.
      const family = (last: string, rows: string[]) =>
        rows.map((row) =>
          row.replaceAll('3174010101100001', `317401010110${forwardImmediately ? 10 : 20}${last}`),
        );
      const rows = [
        ...family('10', FAMILY),
        // A warning only: the wife's phone number is not one.
        ...family('11', [
          FAMILY[0],
          FAMILY[1].replace('JL. TEBET 1,001,002,31.74.01.1001,', 'JL. TEBET 1,001,002,31.74.01.1001,12'),
        ]),
        ...family('12', [FAMILY[0], FAMILY[1].replace('ISTRI', 'KEPALA KELUARGA')]),
        ...family('13', [FAMILY[0], FAMILY[1], FAMILY[1]]),
        ...family('14', [FAMILY[0].replace('3174010505800001', 'ABC')]),
      ];
      const result = await submit(`counts-${forwardImmediately}.csv`, `${HEADER}\n${rows.join('\n')}\n`, {
        forwardImmediately,
      });
      const submission = await findSubmission(fixture.database.db, result.submissionId);
      const stored = {
        total: submission?.row_count,
        accepted: submission?.accepted_count,
        rejected: submission?.rejected_count,
        warnings: submission?.warning_count,
        pending: submission?.pending_count,
        forwarded: submission?.forwarded_count,
        returned: submission?.returned_count,
      };
      expect(stored).toEqual({
        total: 10,
        accepted: 6,
        rejected: 4,
        warnings: 1,
        pending: forwardImmediately ? 4 : 10,
        forwarded: forwardImmediately ? 6 : 0,
        returned: 0,
      });
      expect(stored).toEqual(
        await countSubmissionRows(fixture.database.db, { submissionId: result.submissionId }),
      );
    },
  );

  it('rejects a person listed twice in one family, pointing at the first row', async () => {
    const family = [FAMILY[0], FAMILY[1], FAMILY[1]].map((row) =>
      row.replaceAll('3174010101100001', '3174010101100004'),
    );
    const result = await submit('twice.csv', `${HEADER}\n${family.join('\n')}\n`);
    const { rows } = await listSubmissionRows(fixture.database.db, {
      submissionId: result.submissionId,
      filter: 'rejected',
      limit: 10,
      offset: 0,
    });
    expect(rows.map((row) => row.row_number)).toEqual([4]);
    expect(rows[0].problems).toEqual([
      expect.objectContaining({ code: 'duplicate_row_in_file', params: { row: 3 } }),
    ]);
  });

  it('refuses a binary file, an empty file and a file without the columns, storing no rows', async () => {
    const rowsBefore = await sql<{ n: number }>`select count(*)::int as n from intake_row`.execute(
      fixture.database.db,
    );
    const binary = await submit('photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]));
    expect(binary.fileError).toMatch(/photo\.csv.*binary/);
    const empty = await submit('empty.csv', '');
    expect(empty.fileError).toMatch(/empty/);
    const columns = await submit('columns.csv', 'nama,alamat\nBUDI,JL. X\n');
    expect(columns.fileError).toMatch(/columns\.csv, row 1: required columns missing: no_kk/);
    const latin1 = await submit(
      'latin1.csv',
      Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.from([0x4a, 0xe9, 0x0a])]),
    );
    expect(latin1.fileError).toMatch(/not UTF-8/);
    const rowsAfter = await sql<{ n: number }>`select count(*)::int as n from intake_row`.execute(
      fixture.database.db,
    );
    expect(rowsAfter.rows[0].n).toBe(rowsBefore.rows[0].n);
    const rejected = await findSubmission(fixture.database.db, columns.submissionId);
    expect(rejected?.status).toBe('file_rejected');
  });

  it('refuses a header naming a column twice, and keeps columns it does not know with each row', async () => {
    const rowsBefore = await storedRowCount();
    const row = FAMILY[0].replaceAll('3174010101100001', '3174010101100081');
    const twice = await submit('twice-named.csv', `${HEADER},name\n${row},SOMEONE ELSE\n`);
    expect(twice.fileError).toBe(
      'twice-named.csv, row 1: columns appear more than once: nama (C, R); keep one of each',
    );
    expect(await storedRowCount()).toBe(rowsBefore);
    expect(await findSubmission(fixture.database.db, twice.submissionId)).toMatchObject({
      status: 'file_rejected',
    });
    // A running number and a note, as RT/RW lists often have: the row is read, the extra cells kept with it.
    const unknown = await submit('unknown.csv', `No.,${HEADER},Catatan\n1,${row},pindah\n`, {
      forwardImmediately: false,
    });
    expect(unknown.fileError).toBeNull();
    const stored = await sql<{ validation: string; raw: string }>`
      select validation, raw::text as raw from intake_row where submission_id = ${unknown.submissionId}`.execute(
      fixture.database.db,
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].validation).toBe('accepted');
    expect(stored.rows[0].raw).toContain('pindah');
  });

  it('says the header must be on row 1 when a title row stands above it', async () => {
    const result = await submit('titled.csv', `DAFTAR KELUARGA RW 002\n${HEADER}\n${FAMILY[0]}\n`);
    expect(result.fileError).toMatch(
      /^titled\.csv, row 1: required columns missing: no_kk, .*; the column names must be in the first row \(remove any title rows above them\)$/,
    );
  });

  it('refuses a header without rows as empty', async () => {
    const result = await submit('header-only.csv', `${HEADER}\n`);
    expect(result.fileError).toBe('header-only.csv: there are no rows under the header');
    expect(await findSubmission(fixture.database.db, result.submissionId)).toMatchObject({
      status: 'file_rejected',
    });
  });

  it('takes a file without the marital status, fixed income and COVID columns, those facts unknown', async () => {
    const without = ['status_perkawinan', 'penghasilan_tetap', 'terdampak_covid'];
    const columns = HEADER.split(',');
    const keep = (line: string) =>
      line
        .split(',')
        .filter((_, index) => !without.includes(columns[index]))
        .join(',');
    const family = FAMILY.map((row) => keep(row.replaceAll('3174010101100001', '3174010101100082')));
    const result = await submit('fewer-columns.csv', `${keep(HEADER)}\n${family.join('\n')}\n`);
    expect(result.fileError).toBeNull();
    const { rows } = await listSubmissionRows(fixture.database.db, {
      submissionId: result.submissionId,
      filter: 'all',
      limit: 10,
      offset: 0,
    });
    expect(
      rows.map((row) => [row.validation, row.marital_status, row.fixed_income, row.covid_affected]),
    ).toEqual([
      ['accepted', null, null, null],
      ['accepted', null, null, null],
    ]);
  });

  it('names the line of the first byte that is not UTF-8, far into a large file', async () => {
    const rows = Array.from({ length: 30_000 }, (_, index) =>
      FAMILY[0].replace('BUDI SANTOSO', `WARGA ${index}`).replace(',A1', `,R${index}`),
    );
    // Row 20002 (the 20001st under the header) is written in Windows-1252: 'é' is one byte.
    const lines = [HEADER, ...rows].map((line, index) =>
      index === 20_001
        ? Buffer.from(line.replace('JAKARTA', 'JAKARTA S\u00e9LATAN'), 'latin1')
        : Buffer.from(line),
    );
    const file = Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')]));
    const result = await submit('latin1-late.csv', file);
    expect(result.fileError).toMatch(/^latin1-late\.csv, line 20002: the file is not UTF-8/);
  });

  it('refuses a 2 MB single line without storing anything', async () => {
    const result = await submit('long-line.csv', `${HEADER}\n${'x'.repeat(2 * 1024 * 1024)}\n`);
    expect(result.fileError).toMatch(/row 2: a row is longer than 1 MB/);
  });

  it('names an unclosed quote that read the following rows into one cell, and warns of a line break in a cell', async () => {
    const family = (kk: string, rows: string[]) => rows.map((row) => row.replaceAll('3174010101100001', kk));
    const [familyA, familyB] = [family('3174010101100071', FAMILY), family('3174010101100072', FAMILY)];
    const unclosed = family('3174010101100073', [FAMILY[0]])[0].replace('JL. TEBET 1', '"JL. TEBET TIMUR 5');
    const result = await submit(
      'unclosed-quote.csv',
      `${HEADER}\n${familyA.join('\n')}\n${unclosed}\n${familyB.join('\n')}\n`,
    );
    const { rows } = await listSubmissionRows(fixture.database.db, {
      submissionId: result.submissionId,
      filter: 'all',
      limit: 10,
      offset: 0,
    });
    // Family B went into row 4's address: the row says so, not only that its fields are missing.
    expect(rows.map((row) => row.row_number)).toEqual([2, 3, 4]);
    expect(rows[2].problems).toContainEqual(
      expect.objectContaining({
        field: 'address',
        code: 'quote_not_closed',
        severity: 'error',
        params: { value: expect.stringMatching(/^3174010101100072,3174010505800001,BUDI/) },
      }),
    );
    // A quoted cell may hold a line break; it is kept as a space, with a warning in case the quote was a slip.
    const twoLines = family('3174010101100074', [FAMILY[0]])[0].replace(
      'JL. TEBET 1',
      '"JL. TEBET 1\nBLOK C"',
    );
    const warned = await submit('line-break.csv', `${HEADER}\n${twoLines}\n`);
    const { rows: warnedRows } = await listSubmissionRows(fixture.database.db, {
      submissionId: warned.submissionId,
      filter: 'all',
      limit: 10,
      offset: 0,
    });
    expect(warnedRows[0]).toMatchObject({ validation: 'accepted', address: 'JL. TEBET 1 BLOK C' });
    expect(warnedRows[0].problems).toEqual([
      { field: 'address', code: 'line_break_in_cell', severity: 'warning' },
    ]);
  });

  it('keeps a formula as text and rejects it', async () => {
    const formula = FAMILY[0]
      .replace('BUDI SANTOSO', '"=HYPERLINK(""http://x"",""klik"")"')
      .replaceAll('3174010101100001', '3174010101100009');
    const result = await submit('formula.csv', `${HEADER}\n${formula}\n`);
    const { rows } = await listSubmissionRows(fixture.database.db, {
      submissionId: result.submissionId,
      filter: 'all',
      limit: 10,
      offset: 0,
    });
    expect(rows[0].validation).toBe('rejected');
    expect((rows[0].raw as Record<string, string>).nama).toBe('=HYPERLINK("http://x","klik")');
    expect(rows[0].problems).toContainEqual(
      expect.objectContaining({ field: 'fullName', code: 'formula_not_allowed' }),
    );
  });

  it('brings a new family and a known one in together: the new one created, the known one compared', async () => {
    const knownFamily = FAMILY.map((row) => row.replaceAll('3174010101100001', '3174010101100013'));
    await submit('known.csv', `${HEADER}\n${knownFamily.join('\n')}\n`);
    const moved = knownFamily[1].replace('JAKARTA,07/07/1985', 'BOGOR,07/07/1985');
    const child =
      '3174010101100013,,ANDI,L,JAKARTA,01/02/2010,ANAK,BELUM KAWIN,PELAJAR,JL. TEBET 1,001,002,31.74.01.1001,,T,Y,A3';
    const newFamily = FAMILY.map((row) =>
      row.replaceAll('3174010101100001', '3174010101100011').replace('JL. TEBET 1', 'JL. TEBET 11'),
    );
    const result = await submit(
      'mixed.csv',
      `${HEADER}\n${knownFamily[0]}\n${moved}\n${child}\n${newFamily.join('\n')}\n`,
    );
    expect(result.arrival).toMatchObject({
      householdsCreated: 1,
      householdsChanged: 0,
      membersCreated: 3,
      membersChanged: 1,
      fieldChanges: 1,
    });
    const created = await fixture.database.db
      .selectFrom('household_member as m')
      .innerJoin('household as h', 'h.id', 'm.household_id')
      .select(['h.kk_number', 'm.member_key', 'm.source_row_number'])
      .where('m.source_submission_id', '=', result.submissionId)
      .orderBy('m.source_row_number')
      .execute();
    expect(created).toEqual([
      { kk_number: '3174010101100013', member_key: 'name:andi:2010-02-01', source_row_number: 4 },
      { kk_number: '3174010101100011', member_key: '3174010505800001', source_row_number: 5 },
      { kk_number: '3174010101100011', member_key: '3174014707850002', source_row_number: 6 },
    ]);
    const changes = await fixture.database.db
      .selectFrom('registry_change')
      .selectAll()
      .where('source_submission_id', '=', result.submissionId)
      .orderBy('source_row_number')
      .execute();
    // The known family's history: the changed birth place, and the child who joined it (the new family has none).
    expect(changes).toEqual([
      expect.objectContaining({
        field: 'birth_place',
        old_value: 'JAKARTA',
        new_value: 'BOGOR',
        source_row_number: 3,
      }),
      expect.objectContaining({ field: 'member', old_value: null, new_value: 'ANDI', source_row_number: 4 }),
    ]);
  });

  it('keeps a person without NIK listed twice in a new family once, from the first row', async () => {
    const head = FAMILY[0].replaceAll('3174010101100001', '3174010101100012');
    const child =
      '3174010101100012,,RINA,P,JAKARTA,03/03/2012,ANAK,BELUM KAWIN,PELAJAR,JL. TEBET 1,001,002,31.74.01.1001,,T,Y,C';
    const result = await submit(
      'child-twice.csv',
      `${HEADER}\n${head}\n${child.replace(',C', ',C1')}\n${child.replace(',C', ',C2')}\n`,
    );
    expect(result.arrival).toMatchObject({ householdsCreated: 1, membersCreated: 2 });
    const members = await fixture.database.db
      .selectFrom('household_member')
      .select(['member_key', 'ref', 'source_row_number'])
      .where('kk_number', '=', '3174010101100012')
      .orderBy('source_row_number')
      .execute();
    expect(members).toEqual([
      { member_key: '3174010505800001', ref: 'A1', source_row_number: 2 },
      { member_key: 'name:rina:2012-03-03', ref: 'C1', source_row_number: 3 },
    ]);
  });

  it("takes a family's values from its head's row; a family whose head's row is rejected waits for it", async () => {
    const wifeFirst = [
      FAMILY[1].replaceAll('3174010101100001', '3174010101100061').replace('JL. TEBET 1', 'JL. ISTRI 2'),
      FAMILY[0].replaceAll('3174010101100001', '3174010101100061'),
    ];
    // The head's row is rejected (no such date): the wife's row waits with it, so no family arrives headless.
    const headRejected = [
      FAMILY[0].replaceAll('3174010101100001', '3174010101100062').replace('05/05/1980', '31/02/1980'),
      FAMILY[1].replaceAll('3174010101100001', '3174010101100062').replace(',,T,Y', ',081299990000,Y,Y'),
    ];
    const result = await submit('head-row.csv', `${HEADER}\n${[...wifeFirst, ...headRejected].join('\n')}\n`);
    expect(result.arrival).toMatchObject({ householdsCreated: 1, membersCreated: 2 });
    const households = await sql<{
      kk_number: string;
      address: string;
      phone: string | null;
      fixed_income: boolean;
    }>`
      select kk_number, address, phone, fixed_income from household
      where kk_number in ('3174010101100061', '3174010101100062') order by kk_number`.execute(
      fixture.database.db,
    );
    expect(households.rows).toEqual([
      { kk_number: '3174010101100061', address: 'JL. TEBET 1', phone: '081234567890', fixed_income: false },
    ]);
    const waiting = await fixture.database.db
      .selectFrom('intake_row')
      .select(['row_number', 'validation'])
      .where('submission_id', '=', result.submissionId)
      .where('kk_number', '=', '3174010101100062')
      .orderBy('row_number')
      .execute();
    expect(waiting).toEqual([
      { row_number: 4, validation: 'rejected' },
      { row_number: 5, validation: 'rejected' },
    ]);
  });

  it('lets two imports of the same family run at once: one creates it, the other finds it', async () => {
    const family = FAMILY.map((row) => row.replaceAll('3174010101100001', '3174010101100021'));
    const changed = [family[0], family[1].replace('MENGURUS RUMAH TANGGA', 'GURU')];
    const [first, second] = await Promise.all([
      submit('together-1.csv', `${HEADER}\n${family.join('\n')}\n`),
      submit('together-2.csv', `${HEADER}\n${changed.join('\n')}\n`),
    ]);
    const created = [first, second].map((result) => result.arrival?.householdsCreated).sort();
    expect(created).toEqual([0, 1]);
    const households = await fixture.database.db
      .selectFrom('household')
      .select('id')
      .where('kk_number', '=', '3174010101100021')
      .execute();
    expect(households).toHaveLength(1);
    const members = await fixture.database.db
      .selectFrom('household_member')
      .select('member_key')
      .where('kk_number', '=', '3174010101100021')
      .execute();
    expect(members).toHaveLength(2);
  });

  it('lets a large import and a small one run at once, each forwarding its families', async () => {
    const large = FAMILY.map((row) => row.replaceAll('3174010101100001', '3174010101100031'));
    const small = FAMILY.map((row) => row.replaceAll('3174010101100001', '3174010101100032'));
    const results = await Promise.all([
      submit('at-once-large.csv', `${HEADER}\n${large.join('\n')}\n`, { bulk: true }),
      submit('at-once-small.csv', `${HEADER}\n${small.join('\n')}\n`, { bulk: false }),
    ]);
    expect(results.map((result) => result.arrival?.householdsCreated)).toEqual([1, 1]);
  });

  it('keeps rows pending for review, then brings the forwarded ones in', async () => {
    const family = FAMILY.map((row) => row.replaceAll('3174010101100001', '3174010101100041'));
    const result = await submit('review.csv', `${HEADER}\n${family.join('\n')}\n`, {
      forwardImmediately: false,
    });
    expect(result.arrival).toBeNull();
    expect(await findSubmission(fixture.database.db, result.submissionId)).toMatchObject({
      row_count: 2,
      pending_count: 2,
    });
    const arrival = await fixture.database.db.transaction().execute(async (transaction) => {
      const rowNumbers = await forwardAcceptedRows(transaction, {
        submissionId: result.submissionId,
        reviewerId: null,
      });
      expect(rowNumbers).toEqual([2, 3]);
      return applyForwardedIntakeRows(transaction, {
        submissionId: result.submissionId,
        rowNumbers,
        actorUserId: null,
      });
    });
    expect(arrival).toMatchObject({ householdsCreated: 1, membersCreated: 2 });
    const { rows } = await listSubmissionRows(fixture.database.db, {
      submissionId: result.submissionId,
      filter: 'forwarded',
      limit: 10,
      offset: 0,
    });
    expect(rows.map((row) => row.household_id)).toEqual([expect.any(Number), expect.any(Number)]);
  });
});

describe('arrival into an empty registry', () => {
  const fixture = useTestDatabase();

  async function registryIndexes() {
    const result = await sql<{ definition: string }>`
      select indexdef as definition from pg_indexes
      where tablename in ('household', 'household_member') order by indexname`.execute(fixture.database.db);
    return result.rows.map((row) => row.definition);
  }

  async function indexRelation(name: string) {
    const result = await sql<{ oid: number | null }>`select to_regclass(${name})::oid::int as oid`.execute(
      fixture.database.db,
    );
    return result.rows[0]?.oid ?? null;
  }

  async function forwardAll(name: string, rows: string[]) {
    const result = await submitTestFile(fixture, name, `${HEADER}\n${rows.join('\n')}\n`, {
      bulk: true,
      forwardImmediately: false,
    });
    return fixture.database.db.transaction().execute(async (transaction) => {
      const rowNumbers = await forwardAcceptedRows(transaction, {
        submissionId: result.submissionId,
        reviewerId: null,
      });
      return applyForwardedIntakeRows(transaction, {
        submissionId: result.submissionId,
        rowNumbers,
        actorUserId: null,
        rebuildIndexesFrom: 1,
      });
    });
  }

  async function tableFiles() {
    const result = await sql<{ household: number; member: number }>`
      select pg_relation_filenode('household')::int as household,
             pg_relation_filenode('household_member')::int as member`.execute(fixture.database.db);
    return result.rows[0];
  }

  it('builds the indexes again after loading more families than the registry holds', async () => {
    const before = await registryIndexes();
    const nikIndexBefore = await indexRelation('household_member_nik');
    expect(nikIndexBefore).not.toBeNull();
    const filesBefore = await tableFiles();
    // A child without NIK listed twice is one member (the first row); another birth date is another person,
    // and the same name and date in another family a member there too.
    const child =
      '3174010101100001,,RINA,P,JAKARTA,03/03/2012,ANAK,BELUM KAWIN,PELAJAR,JL. TEBET 1,001,002,31.74.01.1001,,T,Y,C';
    const otherFamily = (row: string) =>
      row.replaceAll('3174010101100001', '3174010101100003').replace('3174010505800001', '3174010505800003');
    const arrival = await forwardAll('first-load.csv', [
      ...FAMILY,
      child.replace(',C', ',C1'),
      child.replace(',C', ',C2'),
      child.replace('03/03/2012', '04/04/2014').replace(',C', ',C3'),
      otherFamily(FAMILY[0]),
      otherFamily(child).replace(',C', ',C4'),
    ]);
    expect(arrival).toMatchObject({ householdsCreated: 2, membersCreated: 6 });
    const members = await fixture.database.db
      .selectFrom('household_member')
      .select(['kk_number', 'member_key', 'ref'])
      .orderBy('kk_number')
      .orderBy('source_row_number')
      .execute();
    expect(members.map((member) => `${member.kk_number} ${member.member_key} ${member.ref}`)).toEqual([
      '3174010101100001 3174010505800001 A1',
      '3174010101100001 3174014707850002 A2',
      '3174010101100001 name:rina:2012-03-03 C1',
      '3174010101100001 name:rina:2014-04-04 C3',
      '3174010101100003 3174010505800003 A1',
      '3174010101100003 name:rina:2012-03-03 C4',
    ]);
    expect(await registryIndexes()).toEqual(before);
    // Built again: the same definition under a new relation.
    expect(await indexRelation('household_member_nik')).not.toBe(nikIndexBefore);
    // The empty registry's tables were renewed (new files, written without WAL on the embedded server).
    const filesAfter = await tableFiles();
    expect(filesAfter.household).not.toBe(filesBefore.household);
    expect(filesAfter.member).not.toBe(filesBefore.member);
  });

  it('compares known families as usual when new ones outnumber the registry', async () => {
    const changed = [FAMILY[0], FAMILY[1].replace('MENGURUS RUMAH TANGGA', 'GURU')];
    const others = ['3174010101100051', '3174010101100052'].flatMap((kk) =>
      FAMILY.map((row) => row.replaceAll('3174010101100001', kk)),
    );
    const before = await registryIndexes();
    const filesBefore = await tableFiles();
    const arrival = await forwardAll('second-load.csv', [...changed, ...others]);
    // A registry holding families is never truncated, however many more arrive.
    expect(await tableFiles()).toEqual(filesBefore);
    expect(arrival).toMatchObject({
      householdsCreated: 2,
      membersCreated: 4,
      membersChanged: 1,
      fieldChanges: 1,
    });
    expect(await registryIndexes()).toEqual(before);
  });

  it('numbers the families of such a load in the order of the file, not of their KK numbers', async () => {
    const serials = ['97', '93', '96', '90', '95', '91', '94', '92'];
    const heads = serials.map((serial) =>
      FAMILY[0]
        .replaceAll('3174010101100001', `31740101011000${serial}`)
        .replace('3174010505800001', `31740105058000${serial}`),
    );
    const arrival = await forwardAll('numbered-load.csv', heads);
    expect(arrival).toMatchObject({ householdsCreated: serials.length });
    const households = await fixture.database.db
      .selectFrom('household')
      .select('kk_number')
      .where(
        'kk_number',
        'in',
        serials.map((serial) => `31740101011000${serial}`),
      )
      .orderBy('id')
      .execute();
    expect(households.map((household) => household.kk_number.slice(-2))).toEqual(serials);
  });
});
