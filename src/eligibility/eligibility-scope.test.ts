import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type SignedInUser } from '../../tests/support/http-session.ts';
import { createTestDatabase, type TestDatabase } from '../../tests/support/test-database.ts';
import type { AreaScope } from '../auth/area-scope.ts';
import { buildServer } from '../http/build-server.ts';
import {
  compareWithPrevious,
  countByKelurahan,
  findDecision,
  listDecisions,
  listFamilyDecisions,
  listRecipients,
} from './eligibility-repository.ts';
import { insertTestFamily } from './test-families.ts';

const TEBET_TIMUR = '31.74.01.1001';
const TEBET_BARAT = '31.74.01.1002';
const RW_002_OF_TEBET_TIMUR: AreaScope = { areaCode: TEBET_TIMUR, rw: '002' };

describe('recipient lists read within the reader’s area', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let verifier: SignedInUser;
  let rwHead: SignedInUser;
  let kelurahanOperator: SignedInUser;
  let provinceAuditor: SignedInUser;
  let kelurahanAuditor: SignedInUser;
  let cycleId: number;
  let determinationId: number;
  const families: Record<'rw001' | 'rw002' | 'rw002NoNik' | 'otherKelurahan', number> = {
    rw001: 0,
    rw002: 0,
    rw002NoNik: 0,
    otherKelurahan: 0,
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await buildServer({ db: database.db, logLevel: 'silent' });
    verifier = await createUserAndLogin(app, database.db, { role: 'verifier', areaCode: '31.74' });
    rwHead = await createUserAndLogin(app, database.db, {
      role: 'rt_rw_head',
      areaCode: TEBET_TIMUR,
      areaRw: '002',
    });
    kelurahanOperator = await createUserAndLogin(app, database.db, {
      role: 'kelurahan_operator',
      areaCode: TEBET_TIMUR,
    });
    provinceAuditor = await createUserAndLogin(app, database.db, { role: 'auditor', areaCode: '31' });
    kelurahanAuditor = await createUserAndLogin(app, database.db, { role: 'auditor', areaCode: TEBET_TIMUR });
    families.rw001 = (
      await insertTestFamily(database.db, {
        kkNumber: '3174010101210001',
        rw: '001',
        members: [{ name: 'BUDI SANTOSO', nik: '3174010101800001' }],
      })
    ).householdId;
    families.rw002 = (
      await insertTestFamily(database.db, {
        kkNumber: '3174010101210002',
        rw: '002',
        members: [{ name: 'DEWI LESTARI', nik: '3174014101800002' }],
      })
    ).householdId;
    families.rw002NoNik = (
      await insertTestFamily(database.db, {
        kkNumber: '3174010101210003',
        rw: '002',
        members: [{ name: 'RAHMAT' }],
      })
    ).householdId;
    // The same RW number in another kelurahan: the RW alone must not let it through.
    families.otherKelurahan = (
      await insertTestFamily(database.db, {
        kkNumber: '3174010101210004',
        kelurahanCode: TEBET_BARAT,
        rw: '002',
        members: [{ name: 'SITI AMINAH', nik: '3174014101800004' }],
      })
    ).householdId;
    const cycle = await call(verifier, 'POST', '/api/eligibility/cycles', { period: '2021-07', months: 1 });
    cycleId = cycle.json().cycle.id;
    const prepared = await call(verifier, 'POST', `/api/eligibility/cycles/${cycleId}/determinations`, {
      kotaCode: '31.74',
    });
    expect(prepared.json()).toMatchObject({ familyCount: 4, eligibleCount: 3 });
    determinationId = prepared.json().determinationId;
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const call = (user: SignedInUser, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, payload, headers: { cookie: user.cookie, 'accept-language': 'en' } });
  const sheetValues = async (payload: Buffer) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(payload as unknown as ArrayBuffer);
    return workbook.worksheets.map((sheet) =>
      sheet
        .getSheetValues()
        .flat()
        .filter((value) => value !== undefined && value !== null),
    );
  };

  it('refuses an RT/RW head the recipient lists, whatever the URL, in both languages', async () => {
    const list = `/api/eligibility/determinations/${determinationId}`;
    const urls = [
      '/api/eligibility/cycles',
      `/api/eligibility/cycles/${cycleId}`,
      list,
      `${list}/families?pageSize=200`,
      `${list}/families?kelurahanCode=${TEBET_TIMUR}`,
      `${list}/families/${families.rw001}`,
      `${list}/families/${families.rw002}`,
      `${list}/annex.xlsx`,
      `${list}/annex.pdf`,
      `${list}/annex.xlsx?kelurahanCode=${TEBET_TIMUR}`,
    ];
    for (const url of urls) {
      const response = await call(rwHead, 'GET', url);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 403 });
      expect(response.json().message).toMatch(/RT\/RW head/);
      expect(response.body).not.toMatch(/BUDI|DEWI|RAHMAT|SITI/);
    }
    const indonesian = await app.inject({
      method: 'GET',
      url: `${list}/families`,
      headers: { cookie: rwHead.cookie },
    });
    expect(indonesian.statusCode).toBe(403);
    expect(indonesian.json().message).toMatch(/Ketua RT\/RW/);
  });

  it('shows an RT/RW head the decision of a family of their RW on its page, and no other', async () => {
    const own = await call(rwHead, 'GET', `/api/households/${families.rw002}/decisions`);
    expect(own.statusCode).toBe(200);
    expect(own.json().decisions).toEqual([
      expect.objectContaining({ determinationId, decision: 'eligible' }),
    ]);
    expect((await call(rwHead, 'GET', `/api/households/${families.rw001}/decisions`)).statusCode).toBe(404);
    expect(
      (await call(rwHead, 'GET', `/api/households/${families.otherKelurahan}/decisions`)).statusCode,
    ).toBe(404);
  });

  it('reads only the families of an RW-scoped scope in every repository query of a list', async () => {
    const scope = RW_002_OF_TEBET_TIMUR;
    const listed = await listDecisions(database.db, { determinationId, scope, limit: 200, offset: 0 });
    expect(listed.total).toBe(2);
    expect(listed.rows.map((row) => row.household_id).sort()).toEqual(
      [families.rw002, families.rw002NoNik].sort(),
    );
    expect(
      await findDecision(database.db, { determinationId, householdId: families.rw001, scope }),
    ).toBeUndefined();
    expect(
      await findDecision(database.db, { determinationId, householdId: families.otherKelurahan, scope }),
    ).toBeUndefined();
    expect(
      (await findDecision(database.db, { determinationId, householdId: families.rw002, scope }))?.head_name,
    ).toBe('DEWI LESTARI');
    const recipients = await listRecipients(database.db, { determinationId, scope });
    expect(recipients.map((row) => row.head_name)).toEqual(['DEWI LESTARI']);
    expect(await countByKelurahan(database.db, { determinationId, scope })).toEqual([
      expect.objectContaining({ kelurahan_code: TEBET_TIMUR, eligible: 1, pending: 1, amount: 300_000 }),
    ]);
    // Against a list that does not exist every family is "added": the comparison too keeps to the RW.
    const changes = await compareWithPrevious(database.db, {
      determinationId,
      previousId: -1,
      limit: 50,
      scope,
    });
    expect(changes.counts).toEqual({ added: 2 });
    expect(changes.rows.map((row) => row.head_name).sort()).toEqual(['DEWI LESTARI', 'RAHMAT']);
    expect(
      await listFamilyDecisions(database.db, {
        kkNumber: '3174010101210001',
        householdId: families.rw001,
        scope,
        limit: 12,
      }),
    ).toEqual([]);
  });

  it('shows a kelurahan operator the families of their kelurahan, all RWs, and nothing of another', async () => {
    const list = `/api/eligibility/determinations/${determinationId}`;
    const detail = await call(kelurahanOperator, 'GET', list);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().kelurahan).toEqual([
      expect.objectContaining({ kelurahanCode: TEBET_TIMUR, eligible: 2, pending: 1 }),
    ]);
    const listed = await call(kelurahanOperator, 'GET', `${list}/families?pageSize=200`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().total).toBe(3);
    expect(
      listed
        .json()
        .families.map((family: { headName: string }) => family.headName)
        .sort(),
    ).toEqual(['BUDI SANTOSO', 'DEWI LESTARI', 'RAHMAT']);
    expect((await call(kelurahanOperator, 'GET', `${list}/families/${families.rw001}`)).statusCode).toBe(200);
    const outside = await call(kelurahanOperator, 'GET', `${list}/families/${families.otherKelurahan}`);
    expect(outside.statusCode).toBe(404);
    expect(outside.body).not.toMatch(/SITI/);
    expect(
      (await call(kelurahanOperator, 'GET', `${list}/families?kelurahanCode=${TEBET_BARAT}`)).statusCode,
    ).toBe(403);
    expect(
      (await call(kelurahanOperator, 'GET', `${list}/annex.xlsx?kelurahanCode=${TEBET_BARAT}`)).statusCode,
    ).toBe(404);

    const annex = await call(kelurahanOperator, 'GET', `${list}/annex.xlsx`);
    expect(annex.statusCode).toBe(200);
    const sheets = await sheetValues(annex.rawPayload);
    expect(sheets).toHaveLength(1);
    expect(sheets[0]).toEqual(expect.arrayContaining(['BUDI SANTOSO', 'DEWI LESTARI', '2 keluarga', 600000]));
    expect(sheets[0]).not.toContain('SITI AMINAH');
  });

  it('writes every annex download to the audit log with the area it covers', async () => {
    const list = `/api/eligibility/determinations/${determinationId}`;
    // With the kelurahan operator's XLSX of the test above; refused downloads are not logged.
    expect((await call(kelurahanOperator, 'GET', `${list}/annex.pdf`)).statusCode).toBe(200);
    expect((await call(verifier, 'GET', `${list}/annex.xlsx`)).statusCode).toBe(200);
    expect((await call(verifier, 'GET', `${list}/annex.pdf?kelurahanCode=${TEBET_BARAT}`)).statusCode).toBe(
      200,
    );

    const audited = (reader: SignedInUser) =>
      call(
        reader,
        'GET',
        `/api/audit?action=personal_data.read&entityType=determination&entityId=${determinationId}&pageSize=200`,
      );
    type Entry = {
      actorUsername: string;
      areaCode: string | null;
      detail: { purpose: string; fields: string[] };
    };
    const entries = (await audited(provinceAuditor)).json().entries as Entry[];
    const downloads = entries.map(
      (entry) => `${entry.actorUsername} ${entry.detail.purpose} @${entry.areaCode}`,
    );
    expect(downloads.sort()).toEqual(
      [
        `${kelurahanOperator.user.username} eligibility.annex.pdf @${TEBET_TIMUR}`,
        `${kelurahanOperator.user.username} eligibility.annex.xlsx @${TEBET_TIMUR}`,
        `${verifier.user.username} eligibility.annex.pdf @${TEBET_BARAT}`,
        `${verifier.user.username} eligibility.annex.xlsx @31.74`,
      ].sort(),
    );
    expect(entries[0]?.detail.fields).toEqual(expect.arrayContaining(['head_name', 'address']));
    // An auditor of the kelurahan sees who printed its families, not the downloads of another kelurahan.
    const local = (await audited(kelurahanAuditor)).json().entries as Entry[];
    expect(local.map((entry) => entry.areaCode)).toEqual([TEBET_TIMUR, TEBET_TIMUR]);
  });
});
