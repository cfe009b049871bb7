import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, multipart, type SignedInUser } from '../../tests/support/http-session.ts';
import { createTestDatabase, type TestDatabase } from '../../tests/support/test-database.ts';
import { buildServer } from '../http/build-server.ts';

const HEADER =
  'no_kk;nik;nama;jenis_kelamin;tempat_lahir;tanggal_lahir;hubungan_keluarga;status_perkawinan;pekerjaan;alamat;rt;rw;kode_kelurahan;no_hp;penghasilan_tetap;terdampak_covid';
const TEBET_TIMUR = '31.74.01.1001';
const TEBET_BARAT = '31.74.01.1002';

describe('intake over HTTP: upload, review, arrival, and area scoping', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let rtHead: SignedInUser;
  let operator: SignedInUser;
  let otherOperator: SignedInUser;
  let verifier: SignedInUser;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await buildServer({ db: database.db, logLevel: 'silent' });
    rtHead = await createUserAndLogin(app, database.db, {
      role: 'rt_rw_head',
      areaCode: TEBET_TIMUR,
      areaRw: '002',
    });
    operator = await createUserAndLogin(app, database.db, {
      role: 'kelurahan_operator',
      areaCode: TEBET_TIMUR,
    });
    otherOperator = await createUserAndLogin(app, database.db, {
      role: 'kelurahan_operator',
      areaCode: TEBET_BARAT,
    });
    verifier = await createUserAndLogin(app, database.db, { role: 'verifier', areaCode: '31.74' });
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('takes an RT/RW upload row by row, lets the operator correct and forward it, and the family arrives', async () => {
    const csv = [
      HEADER,
      `3174010101100001;3174010505800001;BUDI SANTOSO;L;JAKARTA;05/05/1980;KEPALA KELUARGA;KAWIN;PEDAGANG;JL. TEBET 1;001;002;${TEBET_TIMUR};081234567890;T;Y`,
      `3174010101100001;317401470785000;SITI AMINAH;P;JAKARTA;07/07/1985;ISTRI;KAWIN;MENGURUS RUMAH TANGGA;JL. TEBET 1;001;002;${TEBET_TIMUR};;T;Y`,
      `3174010101100002;3174011212700001;JOKO;L;JAKARTA;12/12/1970;KEPALA KELUARGA;KAWIN;BURUH;JL. TEBET 9;001;005;${TEBET_TIMUR};;T;Y`,
    ].join('\n');
    const upload = await app.inject({
      method: 'POST',
      url: '/api/intake/uploads',
      cookies: {},
      headers: { cookie: rtHead.cookie, ...multipart('rt001.csv', csv).headers },
      payload: multipart('rt001.csv', csv).payload,
    });
    expect(upload.statusCode).toBe(200);
    const submission = upload.json().submission;
    expect(submission).toMatchObject({
      rowCount: 3,
      rejectedCount: 2,
      status: 'in_review',
      kelurahanCode: TEBET_TIMUR,
    });

    const rejected = await app.inject({
      method: 'GET',
      url: `/api/intake/submissions/${submission.id}/rows?filter=rejected`,
      headers: { cookie: rtHead.cookie },
    });
    const rows = rejected.json().rows;
    expect(rows.map((row: { rowNumber: number }) => row.rowNumber)).toEqual([3, 4]);
    expect(rows[0].problems[0]).toMatchObject({ field: 'nik', code: 'identity_number_digit_lost' });
    expect(rows[1].problems).toContainEqual(expect.objectContaining({ field: 'rw', code: 'outside_area' }));

    // Another kelurahan's operator cannot see or review it.
    const hidden = await app.inject({
      method: 'GET',
      url: `/api/intake/submissions/${submission.id}`,
      headers: { cookie: otherOperator.cookie },
    });
    expect(hidden.statusCode).toBe(404);
    const refusedReview = await app.inject({
      method: 'POST',
      url: `/api/intake/submissions/${submission.id}/review`,
      headers: { cookie: otherOperator.cookie },
      payload: { forwardAllAccepted: true },
    });
    expect(refusedReview.statusCode).toBe(404);
    // An RT/RW head cannot review their own submission.
    const selfReview = await app.inject({
      method: 'POST',
      url: `/api/intake/submissions/${submission.id}/review`,
      headers: { cookie: rtHead.cookie },
      payload: { forwardAllAccepted: true },
    });
    expect(selfReview.statusCode).toBe(403);

    const corrected = await app.inject({
      method: 'PATCH',
      url: `/api/intake/submissions/${submission.id}/rows/3`,
      headers: { cookie: operator.cookie },
      payload: { values: { nik: '3174014707850002' } },
    });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json().row).toMatchObject({ validation: 'accepted', problems: [] });
    // The audit entry holds the cell that changed, not the row's sixteen others.
    const correction = await database.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'intake.correct_row')
      .executeTakeFirstOrThrow();
    expect(correction).toEqual({ before: { nik: '317401470785000' }, after: { nik: '3174014707850002' } });

    const reviewed = await app.inject({
      method: 'POST',
      url: `/api/intake/submissions/${submission.id}/review`,
      headers: { cookie: operator.cookie },
      payload: {
        forwardAllAccepted: true,
        decisions: [{ rowNumber: 4, decision: 'return', reason: 'Bukan warga RW 002' }],
      },
    });
    expect(reviewed.statusCode).toBe(200);
    expect(reviewed.json().submission).toMatchObject({
      forwardedCount: 2,
      returnedCount: 1,
      pendingCount: 0,
      status: 'reviewed',
    });

    const found = await app.inject({
      method: 'GET',
      url: '/api/households?q=siti',
      headers: { cookie: verifier.cookie },
    });
    expect(found.json().households).toEqual([
      expect.objectContaining({ headName: 'BUDI SANTOSO', memberCount: 2, kelurahanCode: TEBET_TIMUR }),
    ]);
    const twoSpaces = await app.inject({
      method: 'GET',
      url: '/api/households?q=budi%20%20santoso',
      headers: { cookie: verifier.cookie },
    });
    expect(twoSpaces.json().total).toBe(1);
  });

  it('lists and counts submissions by the same visibility rule as single reads', async () => {
    const listFor = async (user: SignedInUser) =>
      (
        await app.inject({ method: 'GET', url: '/api/intake/submissions', headers: { cookie: user.cookie } })
      ).json();
    expect((await listFor(rtHead)).total).toBe(1);
    expect((await listFor(operator)).total).toBe(1);
    expect((await listFor(otherOperator)).total).toBe(0);
    const submission = (await listFor(operator)).submissions[0];
    expect(submission).toMatchObject({ forwardedCount: 2, returnedCount: 1, pendingCount: 0 });
    const summary = await app.inject({
      method: 'GET',
      url: '/api/registry/summary',
      headers: { cookie: operator.cookie },
    });
    expect(summary.json()).toEqual({
      households: 1,
      members: 2,
      submissionsInReview: 0,
      rowsRejected: 0,
      rowsPending: 0,
    });
    const foreignSummary = await app.inject({
      method: 'GET',
      url: '/api/registry/summary',
      headers: { cookie: otherOperator.cookie },
    });
    expect(foreignSummary.json()).toMatchObject({ households: 0, members: 0 });
  });

  it('never shows a family of another kelurahan, whatever the URL', async () => {
    const search = await app.inject({
      method: 'GET',
      url: '/api/households',
      headers: { cookie: verifier.cookie },
    });
    const householdId = search.json().households[0].id;
    const own = await app.inject({
      method: 'GET',
      url: `/api/households/${householdId}`,
      headers: { cookie: operator.cookie },
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().household.members[0].nik).toMatch(/^317401•+0001$/);
    // The two facts the eligibility rule reads, as the listing gave them (T, Y).
    expect(own.json().household).toMatchObject({ fixedIncome: false, covidAffected: true });
    const foreign = await app.inject({
      method: 'GET',
      url: `/api/households/${householdId}`,
      headers: { cookie: otherOperator.cookie },
    });
    expect(foreign.statusCode).toBe(404);
    const foreignHistory = await app.inject({
      method: 'GET',
      url: `/api/households/${householdId}/history`,
      headers: { cookie: otherOperator.cookie },
    });
    expect(foreignHistory.statusCode).toBe(404);
    const foreignSearch = await app.inject({
      method: 'GET',
      url: `/api/households?kelurahanCode=${TEBET_TIMUR}`,
      headers: { cookie: otherOperator.cookie },
    });
    expect(foreignSearch.json()).toEqual({ households: [], total: 0 });
  });

  it('reveals full numbers only on request, and logs who saw them', async () => {
    const search = await app.inject({
      method: 'GET',
      url: '/api/households',
      headers: { cookie: verifier.cookie },
    });
    const householdId = search.json().households[0].id;
    const revealed = await app.inject({
      method: 'GET',
      url: `/api/households/${householdId}?reveal=true`,
      headers: { cookie: verifier.cookie },
    });
    expect(revealed.json().household.members[0].nik).toBe('3174010505800001');
    const entries = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'personal_data.read')
      .where('entity_type', '=', 'household')
      .execute();
    expect(entries).toEqual([
      expect.objectContaining({ actor_username: verifier.user.username, entity_id: String(householdId) }),
    ]);
  });

  it('shows a reviewer the full numbers of intake rows and logs it under the kelurahan; masks them for the RT/RW head', async () => {
    const submissionId = (
      await app.inject({
        method: 'GET',
        url: '/api/intake/submissions',
        headers: { cookie: operator.cookie },
      })
    ).json().submissions[0].id;
    const rowsFor = async (user: SignedInUser) =>
      (
        await app.inject({
          method: 'GET',
          url: `/api/intake/submissions/${submissionId}/rows`,
          headers: { cookie: user.cookie },
        })
      ).json().rows;
    expect((await rowsFor(operator))[0].values).toMatchObject({
      nik: '3174010505800001',
      no_hp: '081234567890',
    });
    // The RT/RW head's role may not read personal data: their own rows come back masked, quoted values too.
    const own = await rowsFor(rtHead);
    expect(own[0].values).toMatchObject({ nik: '317401••••••0001', no_kk: '317401••••••0001' });
    expect(own[0].values.no_hp).toMatch(/^0812•+90$/);
    const entries = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'personal_data.read')
      .where('entity_type', '=', 'intake_submission')
      .execute();
    expect(entries).toContainEqual(
      expect.objectContaining({
        actor_username: operator.user.username,
        entity_id: String(submissionId),
        area_code: TEBET_TIMUR,
      }),
    );
    expect(entries.map((entry) => entry.actor_username)).not.toContain(rtHead.user.username);
  });

  it('takes a form whose household facts are not known, and keeps them unknown rather than answering no', async () => {
    const form = (fixedIncome: unknown) => ({
      household: {
        kkNumber: '3174010101100009',
        address: 'JL. TEBET 3',
        rt: '004',
        rw: '002',
        kelurahanCode: TEBET_TIMUR,
        fixedIncome,
        covidAffected: true,
      },
      members: [
        {
          nik: '3174010505800009',
          fullName: 'AGUS',
          sex: 'L',
          birthDate: '1980-05-05',
          relationship: 'head',
          maritalStatus: 'married',
        },
      ],
    });
    const sent = await app.inject({
      method: 'POST',
      url: '/api/intake/forms',
      headers: { cookie: rtHead.cookie },
      payload: form(null),
    });
    expect(sent.statusCode).toBe(200);
    const stored = await database.db
      .selectFrom('intake_row')
      .select(['fixed_income', 'covid_affected', 'validation'])
      .where('submission_id', '=', sent.json().submission.id)
      .execute();
    expect(stored).toEqual([{ fixed_income: null, covid_affected: true, validation: 'accepted' }]);
    // An answer that is neither yes, no nor unknown is refused.
    const refused = await app.inject({
      method: 'POST',
      url: '/api/intake/forms',
      headers: { cookie: rtHead.cookie },
      payload: form('Y'),
    });
    expect(refused.statusCode).toBe(400);
  });

  it('masks identity numbers a quote left open swallowed into another cell, for a role without personal data', async () => {
    const csv = [
      HEADER,
      `3174010101100031;3174010505800031;BUDI SANTOSO;L;JAKARTA;05/05/1980;KEPALA KELUARGA;KAWIN;PEDAGANG;"JL. TEBET 3;001;002;${TEBET_TIMUR};;T;Y`,
      `3174010101100032;3174011212700032;JOKO;L;JAKARTA;12/12/1970;KEPALA KELUARGA;KAWIN;BURUH;JL. TEBET 9;001;002;${TEBET_TIMUR};;T;Y`,
    ].join('\n');
    const upload = await app.inject({
      method: 'POST',
      url: '/api/intake/uploads',
      headers: { cookie: rtHead.cookie, ...multipart('quote.csv', csv).headers },
      payload: multipart('quote.csv', csv).payload,
    });
    const rows = await app.inject({
      method: 'GET',
      url: `/api/intake/submissions/${upload.json().submission.id}/rows`,
      headers: { cookie: rtHead.cookie },
    });
    expect(rows.statusCode).toBe(200);
    // The second row's KK and NIK were read into the first row's address, and quoted by its problem.
    expect(rows.body).toContain('JOKO');
    expect(rows.body).not.toMatch(/3174011212700032|3174010101100032/);
  });

  it('leaves listing to the RT/RW heads: a kelurahan operator reviews but does not submit (SPEC)', async () => {
    const body = multipart('kelurahan.csv', `${HEADER}\n`);
    const upload = await app.inject({
      method: 'POST',
      url: '/api/intake/uploads',
      headers: { cookie: operator.cookie, ...body.headers },
      payload: body.payload,
    });
    expect(upload.statusCode).toBe(403);
  });

  it('refuses anonymous requests and explains unreadable files', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/api/households' });
    expect(anonymous.statusCode).toBe(401);
    const body = multipart('data.csv', 'nama\nBUDI\n');
    const upload = await app.inject({
      method: 'POST',
      url: '/api/intake/uploads',
      headers: { cookie: rtHead.cookie, ...body.headers },
      payload: body.payload,
    });
    expect(upload.json().submission).toMatchObject({ status: 'file_rejected' });
    expect(upload.json().submission.fileProblems[0].message).toMatch(
      /^data\.csv, baris 1: kolom wajib tidak ada: .*nik/,
    );
    const english = await app.inject({
      method: 'GET',
      url: `/api/intake/submissions/${upload.json().submission.id}`,
      headers: { cookie: rtHead.cookie, 'accept-language': 'en' },
    });
    expect(english.json().submission.fileProblems[0].message).toMatch(
      /^data\.csv, row 1: required columns missing/,
    );
  });
});
