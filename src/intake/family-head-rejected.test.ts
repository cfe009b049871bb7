import { sql } from 'kysely';
// A family whose head's row is rejected waits whole: its other rows are rejected with it until the head is mended.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../tests/support/test-database.ts';
import { WHOLE_COUNTRY } from '../auth/area-scope.ts';
import { createUser } from '../auth/create-user.ts';
import { SYSTEM_ACTOR } from '../auth/session-user.ts';
import { correctSubmissionRow } from './correct-submission-row.ts';
import { submitIntakeFile } from './submit-intake-file.ts';

const HEADER =
  'no_kk,nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,hubungan_keluarga,status_perkawinan,pekerjaan,alamat,rt,rw,kode_kelurahan,no_hp,penghasilan_tetap,terdampak_covid';
const PLACE = 'JL. TEBET 1,001,002,31.74.01.1001,,T,Y';
const DAMAGED_HEAD = `3174010101100001,3.17401E+15,BUDI SANTOSO,L,JAKARTA,05/05/1980,KEPALA KELUARGA,KAWIN,,${PLACE}`;
const WIFE = `3174010101100001,3174014707850002,SITI AMINAH,P,JAKARTA,07/07/1985,ISTRI,KAWIN,,${PLACE}`;
// Another kelurahan (Tebet Barat), so the import is counted in two areas.
const OTHER_FAMILY = `3174010101100002,3174011212700001,JOKO,L,JAKARTA,12/12/1970,KEPALA KELUARGA,KAWIN,,JL. TEBET 2,001,002,31.74.01.1002,,T,Y`;

describe.each([
  { path: 'small', bulk: false },
  { path: 'bulk', bulk: true },
])('a family whose head is rejected ($path)', ({ bulk }) => {
  const fixture = useTestDatabase();

  it('rejects the rest of the family with it, and accepts them once the head is corrected', async () => {
    const db = fixture.database.db;
    const filePath = await fixture.writeFile(
      'list.csv',
      `${HEADER}\n${DAMAGED_HEAD}\n${WIFE}\n${OTHER_FAMILY}\n`,
    );
    const { submissionId } = await submitIntakeFile({
      db,
      actor: SYSTEM_ACTOR,
      scope: WHOLE_COUNTRY,
      filePath,
      fileName: 'list.csv',
      channel: 'cli',
      forwardImmediately: false,
      referenceDate: new Date('2021-07-01T00:00:00Z'),
      bulk,
    });
    const rows = () =>
      db
        .selectFrom('intake_row')
        .select(['row_number', 'validation', 'problems'])
        .where('submission_id', '=', submissionId)
        .orderBy('row_number')
        .execute();
    const codes = (problems: unknown) => (problems as { code: string }[]).map((problem) => problem.code);
    const before = await rows();
    expect(before.map((row) => [row.row_number, row.validation])).toEqual([
      [2, 'rejected'],
      [3, 'rejected'],
      [4, 'accepted'],
    ]);
    expect(codes(before[0].problems)).not.toContain('family_head_rejected');
    expect(codes(before[1].problems)).toEqual(['family_head_rejected']);
    const submission = await db
      .selectFrom('intake_submission')
      .select(['accepted_count', 'rejected_count'])
      .where('id', '=', submissionId)
      .executeTakeFirstOrThrow();
    expect(submission).toEqual({ accepted_count: 1, rejected_count: 2 });
    // An import's counts by kelurahan, counted as its rows were checked and mended by the family check, are
    // what its stored rows say.
    const stored = await sql`
      select kelurahan_code, row_count, accepted_count, rejected_count, warning_count, pending_count,
             forwarded_count, returned_count, rejected_pending_count
      from intake_import_area_count where submission_id = ${submissionId} order by kelurahan_code`.execute(
      db,
    );
    const counted = await sql`
      select kelurahan_code, count(*)::int as row_count,
             count(*) filter (where validation = 'accepted')::int as accepted_count,
             count(*) filter (where validation = 'rejected')::int as rejected_count,
             count(*) filter (where validation = 'accepted' and problems <> '[]'::jsonb)::int as warning_count,
             count(*) filter (where review = 'pending')::int as pending_count,
             count(*) filter (where review = 'forwarded')::int as forwarded_count,
             count(*) filter (where review = 'returned')::int as returned_count,
             count(*) filter (where validation = 'rejected' and review = 'pending')::int as rejected_pending_count
      from intake_row where submission_id = ${submissionId} group by kelurahan_code order by kelurahan_code`.execute(
      db,
    );
    expect(stored.rows).toEqual(counted.rows);
    expect(stored.rows).toHaveLength(2);

    const verifier = await createUser({
      db,
      actor: SYSTEM_ACTOR,
      input: {
        username: `verifier.${bulk ? 'bulk' : 'small'}`,
        fullName: 'Verifier',
        password: 'a-long-enough-password',
        role: 'verifier',
        areaCode: '31.74',
      },
    });
    await correctSubmissionRow({
      db,
      user: verifier,
      submissionId,
      rowNumber: 2,
      values: { nik: '3174010505800001' },
      referenceDate: new Date('2021-07-01T00:00:00Z'),
    });
    expect((await rows()).map((row) => [row.row_number, row.validation])).toEqual([
      [2, 'accepted'],
      [3, 'accepted'],
      [4, 'accepted'],
    ]);
  });
});
