import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type SignedInUser } from '../../tests/support/http-session.ts';
import { createTestDatabase, type TestDatabase } from '../../tests/support/test-database.ts';
import { WHOLE_COUNTRY } from '../auth/area-scope.ts';
import { type App, buildServer } from '../http/build-server.ts';
import { submitIntakeFile } from './submit-intake-file.ts';

const HEADER =
  'no_kk,nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,hubungan_keluarga,status_perkawinan,pekerjaan,alamat,rt,rw,kode_kelurahan,no_hp,penghasilan_tetap,terdampak_covid';
const PONDOK_PINANG = '31.74.05.1002';
const GAMBIR = '31.71.01.1001';
const SOUTH_HEAD_NIK = '3174050505800001';
const SOUTH_CHILD_NIK = '3174054407070001';
const SOUTH_KK = '3174050101100001';

// The data team's import: rows name their own kelurahan (the submission has none). Rows 2-3 are of Jakarta
// Selatan, 4-5 of Jakarta Pusat, 6 has no readable kelurahan; the children's birth dates cannot be read.
const MIXED_IMPORT = [
  HEADER,
  `${SOUTH_KK},${SOUTH_HEAD_NIK},BUDI SELATAN,L,JAKARTA,05/05/1980,KEPALA KELUARGA,KAWIN,PEDAGANG,JL. PINANG 1,001,002,${PONDOK_PINANG},081234567890,T,Y`,
  `${SOUTH_KK},${SOUTH_CHILD_NIK},SARI SELATAN,P,JAKARTA,31/02/2007,ANAK,BELUM KAWIN,PELAJAR,JL. PINANG 1,001,002,${PONDOK_PINANG},,T,Y`,
  `3171010101100001,3171010606750001,AHMAD PUSAT,L,JAKARTA,06/06/1975,KEPALA KELUARGA,KAWIN,BURUH,JL. GAMBIR 1,002,003,${GAMBIR},081298765432,T,Y`,
  `3171010101100001,3171014808080001,RINA PUSAT,P,JAKARTA,31/02/2008,ANAK,BELUM KAWIN,PELAJAR,JL. GAMBIR 1,002,003,${GAMBIR},,T,Y`,
  '3171010101100009,3171010101900001,TANPA WILAYAH,L,JAKARTA,01/01/1990,KEPALA KELUARGA,KAWIN,BURUH,JL. ENTAH 1,001,001,JAKARTA,,T,Y',
].join('\n');

// Reviewed by kelurahan before arrival: one accepted family of each kota, waiting.
const WAITING_IMPORT = [
  HEADER,
  `3174050101100002,3174050707700002,JOKO SELATAN,L,JAKARTA,07/07/1970,KEPALA KELUARGA,KAWIN,BURUH,JL. PINANG 2,001,002,${PONDOK_PINANG},,T,Y`,
  `3171010101100002,3171010808800002,DEDI PUSAT,L,JAKARTA,08/08/1980,KEPALA KELUARGA,KAWIN,BURUH,JL. GAMBIR 2,002,003,${GAMBIR},,T,Y`,
].join('\n');

// Only Jakarta Selatan rows: a Jakarta Pusat reader has nothing to see in it.
const SOUTH_ONLY_IMPORT = [
  HEADER,
  `3174050101100003,3174050909900003,EKO SELATAN,L,JAKARTA,09/09/1990,KEPALA KELUARGA,KAWIN,BURUH,JL. PINANG 3,001,002,${PONDOK_PINANG},,T,Y`,
].join('\n');

type Row = { rowNumber: number; values: Record<string, string>; validation: string; review: string };

describe.each([
  { path: 'shared partition', bulk: false },
  { path: 'own partition', bulk: true },
])('a province-wide import read by area ($path)', ({ bulk }) => {
  let database: TestDatabase;
  let app: App;
  let directory: string;
  let mixed: number;
  let waiting: number;
  let southOnly: number;
  let centralVerifier: SignedInUser;
  let centralAuditor: SignedInUser;
  let centralAdministrator: SignedInUser;
  let southVerifier: SignedInUser;
  let southAuditor: SignedInUser;
  let provinceVerifier: SignedInUser;
  let provinceAdministrator: SignedInUser;

  async function importFile(name: string, content: string, forwardImmediately: boolean): Promise<number> {
    const filePath = path.join(directory, name);
    await writeFile(filePath, content);
    const result = await submitIntakeFile({
      db: database.db,
      actor: { userId: null, username: 'data-team' },
      scope: WHOLE_COUNTRY,
      filePath,
      fileName: name,
      channel: 'cli',
      forwardImmediately,
      referenceDate: new Date('2021-07-01T00:00:00Z'),
      bulk,
    });
    expect(result.fileError).toBeNull();
    return result.submissionId;
  }

  const get = (user: SignedInUser, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: user.cookie, 'accept-language': 'en' } });
  const rowsOf = async (user: SignedInUser, submissionId: number, filter = 'all') =>
    (await get(user, `/api/intake/submissions/${submissionId}/rows?filter=${filter}`)).json() as {
      rows: Row[];
      total: number;
    };
  const rowNumbers = (rows: Row[]) => rows.map((row) => row.rowNumber);
  const correct = (user: SignedInUser, submissionId: number, rowNumber: number, values: object) =>
    app.inject({
      method: 'PATCH',
      url: `/api/intake/submissions/${submissionId}/rows/${rowNumber}`,
      headers: { cookie: user.cookie, 'accept-language': 'en' },
      payload: { values },
    });
  const review = (user: SignedInUser, submissionId: number, payload: object) =>
    app.inject({
      method: 'POST',
      url: `/api/intake/submissions/${submissionId}/review`,
      headers: { cookie: user.cookie, 'accept-language': 'en' },
      payload,
    });
  const storedRow = (submissionId: number, rowNumber: number) =>
    database.db
      .selectFrom('intake_row')
      .select(['validation', 'review', 'birth_date', 'kelurahan_code'])
      .where('submission_id', '=', submissionId)
      .where('row_number', '=', rowNumber)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await buildServer({ db: database.db, logLevel: 'silent' });
    directory = await mkdtemp(path.join(tmpdir(), 'tepat-import-scope-'));
    mixed = await importFile('mixed.csv', MIXED_IMPORT, true);
    waiting = await importFile('waiting.csv', WAITING_IMPORT, false);
    southOnly = await importFile('south.csv', SOUTH_ONLY_IMPORT, false);
    const login = (role: 'verifier' | 'auditor' | 'administrator', areaCode: string) =>
      createUserAndLogin(app, database.db, { role, areaCode });
    centralVerifier = await login('verifier', '31.71');
    centralAuditor = await login('auditor', '31.71');
    centralAdministrator = await login('administrator', '31.71');
    southVerifier = await login('verifier', '31.74');
    southAuditor = await login('auditor', '31.74');
    provinceVerifier = await login('verifier', '31');
    provinceAdministrator = await login('administrator', '31');
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('shows a Jakarta Pusat reader only the rows of Jakarta Pusat, nothing of Jakarta Selatan', async () => {
    for (const user of [centralVerifier, centralAuditor, centralAdministrator]) {
      const response = await get(user, `/api/intake/submissions/${mixed}/rows`);
      expect(response.statusCode).toBe(200);
      expect(rowNumbers(response.json().rows)).toEqual([4, 5]);
      expect(response.json().total).toBe(2);
      for (const secret of [
        SOUTH_HEAD_NIK,
        SOUTH_CHILD_NIK,
        SOUTH_KK,
        '081234567890',
        'BUDI SELATAN',
        'PINANG',
      ])
        expect(response.body).not.toContain(secret);
      expect(response.body).not.toContain('TANPA WILAYAH');
      expect(rowNumbers((await rowsOf(user, mixed, 'rejected')).rows)).toEqual([5]);
    }
  });

  it('shows a Jakarta Selatan verifier their rows, and a province verifier every row', async () => {
    expect(rowNumbers((await rowsOf(southVerifier, mixed)).rows)).toEqual([2, 3]);
    const everything = await rowsOf(provinceVerifier, mixed);
    expect(rowNumbers(everything.rows)).toEqual([2, 3, 4, 5, 6]);
    expect(everything.rows[0].values.nik).toBe(SOUTH_HEAD_NIK);
  });

  it('masks NIK, KK and phone for a role that may not read personal data, and logs reads by area', async () => {
    const masked = await rowsOf(provinceAdministrator, mixed);
    expect(rowNumbers(masked.rows)).toEqual([2, 3, 4, 5, 6]);
    expect(masked.rows[0].values).toMatchObject({ nama: 'BUDI SELATAN', nik: '317405••••••0001' });
    expect(masked.rows[0].values.no_kk).toBe('317405••••••0001');
    expect(masked.rows[0].values.no_hp).toMatch(/^0812•+90$/);
    const adminPusat = await rowsOf(centralAdministrator, mixed);
    expect(adminPusat.rows[0].values.nik).toBe('317101••••••0001');

    const reads = await database.db
      .selectFrom('audit_log')
      .select(['actor_username', 'area_code', 'entity_id'])
      .where('action', '=', 'personal_data.read')
      .where('entity_type', '=', 'intake_submission')
      .execute();
    // Reads of full numbers carry the rows' kelurahan, so each area's auditors see them; masked reads are none.
    const areasReadBy = (user: SignedInUser) =>
      new Set(
        reads.filter((read) => read.actor_username === user.user.username).map((read) => read.area_code),
      );
    expect(areasReadBy(centralVerifier)).toEqual(new Set([GAMBIR]));
    expect(areasReadBy(centralAuditor)).toEqual(new Set([GAMBIR]));
    expect(areasReadBy(southVerifier)).toEqual(new Set([PONDOK_PINANG]));
    expect(areasReadBy(provinceVerifier)).toEqual(new Set([PONDOK_PINANG, GAMBIR, null]));
    expect(reads.every((read) => read.entity_id === String(mixed))).toBe(true);
    expect(areasReadBy(provinceAdministrator).size + areasReadBy(centralAdministrator).size).toBe(0);
  });

  it('counts and lists an import for a narrower reader by the rows of their area only', async () => {
    const single = await get(centralVerifier, `/api/intake/submissions/${mixed}`);
    expect(single.statusCode).toBe(200);
    expect(single.json().submission).toMatchObject({ kelurahanCode: null, rowCount: 2, rejectedCount: 1 });
    expect((await get(provinceVerifier, `/api/intake/submissions/${mixed}`)).json().submission).toMatchObject(
      {
        rowCount: 5,
        rejectedCount: 3,
      },
    );
    const list = (await get(centralAuditor, '/api/intake/submissions')).json();
    expect(list.submissions.map((submission: { id: number }) => submission.id)).toEqual([waiting, mixed]);
    expect(list.total).toBe(2);
    expect(list.submissions[0]).toMatchObject({ rowCount: 1, pendingCount: 1 });
    const southList = (await get(southVerifier, '/api/intake/submissions')).json();
    expect(southList.total).toBe(3);
    // An import without a row of Jakarta Pusat does not exist for its readers.
    expect((await get(centralVerifier, `/api/intake/submissions/${southOnly}`)).statusCode).toBe(404);
    expect((await get(centralVerifier, `/api/intake/submissions/${southOnly}/rows`)).statusCode).toBe(404);
  });

  it('lets a Jakarta Pusat verifier neither correct nor forward a row of Jakarta Selatan', async () => {
    const corrected = await correct(centralVerifier, mixed, 3, { tanggal_lahir: '04/07/2007' });
    expect(corrected.statusCode).toBe(404);
    expect(corrected.body).not.toContain('SARI');
    const forwarded = await review(centralVerifier, mixed, {
      decisions: [{ rowNumber: 3, decision: 'forward' }],
    });
    expect(forwarded.statusCode).toBe(404);
    const returned = await review(centralVerifier, mixed, {
      decisions: [{ rowNumber: 2, decision: 'return', reason: 'bukan warga' }],
    });
    expect(returned.statusCode).toBe(404);
    expect(await storedRow(mixed, 3)).toMatchObject({
      validation: 'rejected',
      review: 'pending',
      birth_date: null,
    });
    expect(await storedRow(mixed, 2)).toMatchObject({ review: 'forwarded' });
    // "Forward all accepted" forwards the accepted rows of their own area only.
    const all = await review(centralVerifier, waiting, { forwardAllAccepted: true });
    expect(all.statusCode).toBe(200);
    expect(all.json().submission).toMatchObject({ forwardedCount: 1, pendingCount: 0 });
    expect(await storedRow(waiting, 2)).toMatchObject({ review: 'pending' });
    expect(await storedRow(waiting, 3)).toMatchObject({ review: 'forwarded' });
    // Nor move a row of their own out of their area by correcting its kelurahan.
    const moved = await correct(centralVerifier, mixed, 5, { kode_kelurahan: PONDOK_PINANG });
    expect(moved.statusCode).toBe(403);
    expect(await storedRow(mixed, 5)).toMatchObject({ kelurahan_code: GAMBIR });
  });

  it('lets the Jakarta Selatan verifier correct and forward it, audited under the kelurahan', async () => {
    const corrected = await correct(southVerifier, mixed, 3, { tanggal_lahir: '04/07/2007' });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json().row).toMatchObject({ validation: 'accepted' });
    const forwarded = await review(southVerifier, mixed, {
      decisions: [{ rowNumber: 3, decision: 'forward' }],
    });
    expect(forwarded.statusCode).toBe(200);
    expect(forwarded.json().submission).toMatchObject({ rowCount: 2, forwardedCount: 2, pendingCount: 0 });
    const members = await database.db
      .selectFrom('household_member as m')
      .innerJoin('household as h', (join) =>
        join.onRef('h.id', '=', 'm.household_id').onRef('h.kk_number', '=', 'm.kk_number'),
      )
      .select(['m.nik', 'h.kelurahan_code'])
      .where('m.kk_number', '=', SOUTH_KK)
      .execute();
    expect(members).toContainEqual({ nik: SOUTH_CHILD_NIK, kelurahan_code: PONDOK_PINANG });

    const auditedFor = async (user: SignedInUser, action: string) =>
      (
        await get(
          user,
          `/api/audit?action=${action}&entityType=${action === 'intake.review' ? 'intake_submission' : 'intake_row'}`,
        )
      ).json().entries as { actorUsername: string; areaCode: string | null; entityId: string }[];
    expect(await auditedFor(southAuditor, 'intake.correct_row')).toContainEqual(
      expect.objectContaining({
        actorUsername: southVerifier.user.username,
        areaCode: PONDOK_PINANG,
        entityId: `${mixed}:3`,
      }),
    );
    expect(await auditedFor(southAuditor, 'intake.review')).toContainEqual(
      expect.objectContaining({ actorUsername: southVerifier.user.username, areaCode: PONDOK_PINANG }),
    );
    // The Jakarta Pusat verifier's "forward all" is theirs to see, not Jakarta Selatan's.
    expect(await auditedFor(centralAuditor, 'intake.review')).toEqual([
      expect.objectContaining({ actorUsername: centralVerifier.user.username, areaCode: GAMBIR }),
    ]);
    expect(
      (await auditedFor(southAuditor, 'intake.review')).map((entry) => entry.actorUsername),
    ).not.toContain(centralVerifier.user.username);
  });

  it('scopes the intake figures of the home page to the reader area', async () => {
    const summaryOf = async (user: SignedInUser) => (await get(user, '/api/registry/summary')).json();
    // Jakarta Pusat: the child with the unreadable date (row 5 of the first import) waits.
    expect(await summaryOf(centralVerifier)).toMatchObject({
      rowsRejected: 1,
      rowsPending: 1,
      submissionsInReview: 1,
    });
    expect(await summaryOf(centralAuditor)).toMatchObject({ rowsRejected: 1, rowsPending: 1 });
    // Jakarta Selatan: the waiting family and the south-only import's family.
    expect(await summaryOf(southVerifier)).toMatchObject({
      rowsRejected: 0,
      rowsPending: 2,
      submissionsInReview: 2,
    });
    // The province: those, and the row without a kelurahan.
    expect(await summaryOf(provinceVerifier)).toMatchObject({ rowsRejected: 2, rowsPending: 4 });
  });

  it('records a province review of several kelurahan once per kelurahan, the arrival under their common area', async () => {
    const both = await importFile(
      'both.csv',
      [
        HEADER,
        `3174050101100004,3174050404700004,FAJAR SELATAN,L,JAKARTA,04/04/1970,KEPALA KELUARGA,KAWIN,BURUH,JL. PINANG 4,001,002,${PONDOK_PINANG},,T,Y`,
        `3171010101100004,3171010404700004,GILANG PUSAT,L,JAKARTA,04/04/1970,KEPALA KELUARGA,KAWIN,BURUH,JL. GAMBIR 4,002,003,${GAMBIR},,T,Y`,
      ].join('\n'),
      false,
    );
    const reviewed = await review(provinceVerifier, both, { forwardAllAccepted: true });
    expect(reviewed.json().submission).toMatchObject({ rowCount: 2, forwardedCount: 2 });
    const entries = await database.db
      .selectFrom('audit_log')
      .select(['area_code', 'after'])
      .where('action', '=', 'intake.review')
      .where('entity_id', '=', String(both))
      .orderBy('id')
      .execute();
    expect(entries).toEqual([
      { area_code: GAMBIR, after: { forwardedRows: [3], returnedRows: [] } },
      { area_code: PONDOK_PINANG, after: { forwardedRows: [2], returnedRows: [] } },
      {
        area_code: '31',
        after: {
          kelurahanCodes: [GAMBIR, PONDOK_PINANG],
          arrival: expect.objectContaining({ householdsCreated: 2 }),
        },
      },
    ]);
  });
});
