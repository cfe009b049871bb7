// What the review screens read about a submission: the accepted rows "forward all" would take, the submissions
// holding returned rows, and the web form's refusals worded with its field names.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, multipart, type SignedInUser } from '../../tests/support/http-session.ts';
import { createTestDatabase, type TestDatabase } from '../../tests/support/test-database.ts';
import { buildServer } from '../http/build-server.ts';

const HEADER =
  'no_kk;nik;nama;jenis_kelamin;tanggal_lahir;hubungan_keluarga;status_perkawinan;alamat;rt;rw;kode_kelurahan';
const TEBET_TIMUR = '31.74.01.1001';

const FORM_HOUSEHOLD = {
  kkNumber: '3174010101100071',
  address: 'JL. TEBET 7',
  rt: '001',
  rw: '002',
  kelurahanCode: TEBET_TIMUR,
  phone: '',
  fixedIncome: false,
  covidAffected: null,
};
const FORM_HEAD = {
  nik: '3174010505800071',
  nikAbsenceReason: '',
  fullName: 'SUGIONO',
  sex: 'L',
  birthPlace: '',
  birthDate: '05/05/1980',
  relationship: 'head',
  occupation: '',
};

describe('submission counts and form refusals for the review screens', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let head: SignedInUser;
  let operator: SignedInUser;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await buildServer({ db: database.db, logLevel: 'silent' });
    head = await createUserAndLogin(app, database.db, {
      role: 'rt_rw_head',
      areaCode: TEBET_TIMUR,
      areaRw: '002',
    });
    operator = await createUserAndLogin(app, database.db, {
      role: 'kelurahan_operator',
      areaCode: TEBET_TIMUR,
    });
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  async function upload(fileName: string, rows: string[]) {
    const csv = [HEADER, ...rows].join('\n');
    const { payload, headers } = multipart(fileName, csv);
    const response = await app.inject({
      method: 'POST',
      url: '/api/intake/uploads',
      headers: { cookie: head.cookie, ...headers },
      payload,
    });
    expect(response.statusCode).toBe(200);
    return response.json().submission as { id: number };
  }

  it('counts the accepted rows still waiting, leaving out forwarded and returned rows', async () => {
    const family = (serial: number) =>
      `31740101011001${serial};31740105058000${serial};WARGA;L;05/05/1980;KEPALA KELUARGA;KAWIN;JL. TEBET;001;002;${TEBET_TIMUR}`;
    // Rows 2-6 accepted, rows 7 and 8 rejected (an 11-digit NIK).
    const submission = await upload('rw002.csv', [
      ...[11, 12, 13, 14, 15].map(family),
      `3174010101100116;31740112345;JOKO;L;05/05/1980;KEPALA KELUARGA;KAWIN;JL. TEBET;001;002;${TEBET_TIMUR}`,
      `3174010101100117;31740154321;AGUS;L;05/05/1980;KEPALA KELUARGA;KAWIN;JL. TEBET;001;002;${TEBET_TIMUR}`,
    ]);
    const review = await app.inject({
      method: 'POST',
      url: `/api/intake/submissions/${submission.id}/review`,
      headers: { cookie: operator.cookie },
      payload: {
        decisions: [
          { rowNumber: 2, decision: 'forward' },
          { rowNumber: 3, decision: 'return', reason: 'Alamat kurang lengkap' },
          { rowNumber: 7, decision: 'return', reason: 'NIK kurang digit' },
        ],
      },
    });
    expect(review.statusCode).toBe(200);
    expect(review.json().submission).toMatchObject({
      acceptedCount: 5,
      rejectedCount: 2,
      pendingCount: 4,
      returnedCount: 2,
      acceptedPendingCount: 3,
    });
    const read = await app.inject({
      method: 'GET',
      url: `/api/intake/submissions/${submission.id}`,
      headers: { cookie: operator.cookie },
    });
    expect(read.json().submission.acceptedPendingCount).toBe(3);

    // Only this submission has rows returned to the head.
    await upload('rw002-b.csv', [family(18)]);
    const returned = await app.inject({
      method: 'GET',
      url: '/api/intake/submissions?returned=true',
      headers: { cookie: head.cookie },
    });
    expect(returned.json()).toMatchObject({
      total: 1,
      submissions: [{ id: submission.id, returnedCount: 2 }],
    });
    const all = await app.inject({
      method: 'GET',
      url: '/api/intake/submissions',
      headers: { cookie: head.cookie },
    });
    expect(all.json().total).toBe(2);
  });

  it('takes a form member without a marital status as not stated', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/intake/forms',
      headers: { cookie: head.cookie },
      payload: { household: FORM_HOUSEHOLD, members: [{ ...FORM_HEAD, maritalStatus: '' }] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().submission).toMatchObject({ rowCount: 1, acceptedCount: 1 });
    const stored = await database.db
      .selectFrom('intake_row')
      .select('marital_status')
      .where('kk_number', '=', FORM_HOUSEHOLD.kkNumber)
      .execute();
    expect(stored).toEqual([{ marital_status: null }]);
  });

  it("names a refused form field by the form's label, not its path", async () => {
    const send = (language: string) =>
      app.inject({
        method: 'POST',
        url: '/api/intake/forms',
        headers: { cookie: head.cookie, 'accept-language': language },
        payload: {
          household: FORM_HOUSEHOLD,
          members: [FORM_HEAD, { ...FORM_HEAD, relationship: '', maritalStatus: 'x' }],
        },
      });
    const indonesian = await send('id');
    expect(indonesian.statusCode).toBe(400);
    expect(indonesian.json().message).toMatch(
      /^Anggota 2, Hubungan keluarga: .+; Anggota 2, Status perkawinan: /,
    );
    expect((await send('en')).json().message).toMatch(
      /^Member 2, Relationship: .+; Member 2, Marital status: /,
    );
  });
});
