import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type SignedInUser } from '../../tests/support/http-session.ts';
import { createTestDatabase, type TestDatabase } from '../../tests/support/test-database.ts';
import { buildServer } from '../http/build-server.ts';
import { insertTestFamily } from './test-families.ts';

describe('recipient lists over HTTP: prepare, sign, drill down, annex', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let verifier: SignedInUser;
  let approver: SignedInUser;
  let administrator: SignedInUser;
  let otherKotaApprover: SignedInUser;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await buildServer({ db: database.db, logLevel: 'silent' });
    verifier = await createUserAndLogin(app, database.db, { role: 'verifier', areaCode: '31.74' });
    approver = await createUserAndLogin(app, database.db, { role: 'approver', areaCode: '31.74' });
    administrator = await createUserAndLogin(app, database.db, { role: 'administrator', areaCode: '31' });
    otherKotaApprover = await createUserAndLogin(app, database.db, { role: 'approver', areaCode: '31.71' });
    await insertTestFamily(database.db, {
      kkNumber: '3174010101210001',
      members: [{ name: 'BUDI SANTOSO', nik: '3174010101800001' }],
    });
    await insertTestFamily(database.db, {
      kkNumber: '3174010101210002',
      kelurahanCode: '31.74.01.1002',
      rt: '004',
      members: [{ name: 'SITI AMINAH', nik: '3174014101800002' }],
    });
    await insertTestFamily(database.db, {
      kkNumber: '3174010101210003',
      kelurahanCode: '31.74.01.1002',
      members: [{ name: 'RAHMAT' }],
    });
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const call = (user: SignedInUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, payload, headers: { cookie: user.cookie, 'accept-language': 'en' } });

  it('prepares a kota list, refuses the wrong signers, signs it and serves the annex', async () => {
    const created = await call(verifier, 'POST', '/api/eligibility/cycles', { period: '2021-07', months: 1 });
    expect(created.statusCode).toBe(200);
    const cycleId = created.json().cycle.id;

    const prepared = await call(verifier, 'POST', `/api/eligibility/cycles/${cycleId}/determinations`, {
      kotaCode: '31.74',
    });
    expect(prepared.statusCode).toBe(200);
    expect(prepared.json()).toMatchObject({ familyCount: 3, eligibleCount: 2, totalAmount: 600_000 });
    const determinationId = prepared.json().determinationId;

    const outside = await call(verifier, 'POST', `/api/eligibility/cycles/${cycleId}/determinations`, {
      kotaCode: '31.71',
    });
    expect(outside.statusCode).toBe(403);

    const selfSigned = await call(
      verifier,
      'POST',
      `/api/eligibility/determinations/${determinationId}/sign`,
    );
    expect(selfSigned.statusCode).toBe(409);
    expect(selfSigned.json()).toMatchObject({ error: 'self_signing' });
    expect(
      (await call(otherKotaApprover, 'POST', `/api/eligibility/determinations/${determinationId}/sign`))
        .statusCode,
    ).toBe(403);
    const signed = await call(approver, 'POST', `/api/eligibility/determinations/${determinationId}/sign`);
    expect(signed.statusCode).toBe(200);
    const again = await call(approver, 'POST', `/api/eligibility/determinations/${determinationId}/sign`);
    expect(again.json()).toMatchObject({ error: 'already_signed' });

    const detail = await call(approver, 'GET', `/api/eligibility/determinations/${determinationId}`);
    expect(detail.json().determination).toMatchObject({ status: 'signed', eligibleCount: 2 });
    expect(detail.json().kelurahan).toEqual([
      expect.objectContaining({ kelurahanCode: '31.74.01.1001', eligible: 1, pending: 0 }),
      expect.objectContaining({ kelurahanCode: '31.74.01.1002', eligible: 1, pending: 1 }),
    ]);

    const pending = await call(
      approver,
      'GET',
      `/api/eligibility/determinations/${determinationId}/families?kelurahanCode=31.74.01.1002&decision=pending`,
    );
    expect(pending.json().families).toEqual([
      expect.objectContaining({
        headName: 'RAHMAT',
        kkNumberMasked: '317401••••••0003',
        flags: expect.arrayContaining(['field_visit']),
        reasons: expect.arrayContaining([
          expect.objectContaining({ text: 'no member has an NIK: domicile statement required, field visit' }),
        ]),
      }),
    ]);

    // The family's own page gives the same "why", list by list, inside the reader's area only.
    const rahmat = pending.json().families[0].householdId;
    const decisions = await call(approver, 'GET', `/api/households/${rahmat}/decisions`);
    expect(decisions.statusCode).toBe(200);
    expect(decisions.json().decisions).toEqual([
      expect.objectContaining({
        determinationId,
        periods: ['2021-07'],
        kotaCode: '31.74',
        listStatus: 'signed',
        decision: 'pending',
        reasons: expect.arrayContaining(['no member has an NIK: domicile statement required, field visit']),
      }),
    ]);
    expect((await call(otherKotaApprover, 'GET', `/api/households/${rahmat}/decisions`)).statusCode).toBe(
      404,
    );

    const xlsx = await call(approver, 'GET', `/api/eligibility/determinations/${determinationId}/annex.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets).toHaveLength(2);
    const sheet = workbook.worksheets[1];
    const values = sheet
      ?.getSheetValues()
      .flat()
      .filter((value) => value !== undefined && value !== null);
    expect(values).toEqual(expect.arrayContaining(['SITI AMINAH', '1 keluarga', 300000]));
    expect(values).not.toContain('RAHMAT');

    const pdf = await call(
      approver,
      'GET',
      `/api/eligibility/determinations/${determinationId}/annex.pdf?kelurahanCode=31.74.01.1001`,
    );
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('lets only an administrator change a rule, and refuses a rule set excluding everyone', async () => {
    const { programmes } = (await call(verifier, 'GET', '/api/eligibility/programmes')).json();
    const bst = programmes[0];
    expect(bst).toMatchObject({ code: 'BST-PROV', amountPerCycle: 300000 });
    expect(bst.rules.map((rule: { code: string }) => rule.code)).toHaveLength(6);
    const url = `/api/eligibility/programmes/${bst.id}/rules/listed_in_domicile`;
    expect(
      (await call(verifier, 'PUT', url, { enabled: true, parameters: { provinceCode: '31' } })).statusCode,
    ).toBe(403);
    const everyone = await call(administrator, 'PUT', url, {
      enabled: true,
      parameters: { provinceCode: '32' },
    });
    expect(everyone.statusCode).toBe(409);
    expect(everyone.json().message).toMatch(/exclude all 3 families/);
    // Bahasa Indonesia unless the reader asks for English, with the same details.
    const indonesian = await app.inject({
      method: 'PUT',
      url,
      payload: { enabled: true, parameters: { provinceCode: '32' } },
      headers: { cookie: administrator.cookie },
    });
    expect(indonesian.json()).toMatchObject({ error: 'excludes_everyone' });
    expect(indonesian.json().message).toMatch(/mengecualikan seluruh 3 keluarga .*perubahan tidak disimpan/);
    const invalid = await call(administrator, 'PUT', url, { enabled: true, parameters: { province: 'DKI' } });
    expect(invalid.json()).toMatchObject({ error: 'invalid_parameters' });
    const off = await call(
      administrator,
      'PUT',
      `/api/eligibility/programmes/${bst.id}/rules/domicile_without_nik`,
      {
        enabled: true,
        parameters: { decision: 'eligible' },
      },
    );
    expect(off.json()).toMatchObject({ triedOn: { families: 3, eligible: 3 } });
  });

  it('configures another programme with its own amount, and pays it per cycle', async () => {
    const blt = {
      code: 'blt-apbd',
      name: 'BLT APBD Jakarta Selatan',
      amountPerCycle: 250_000,
      areaCode: '31.74',
    };
    expect((await call(verifier, 'POST', '/api/eligibility/programmes', blt)).statusCode).toBe(403);
    const created = await call(administrator, 'POST', '/api/eligibility/programmes', blt);
    expect(created.statusCode).toBe(200);
    expect(created.json().programmes).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'BLT-APBD', amountPerCycle: 250_000 })]),
    );
    expect((await call(administrator, 'POST', '/api/eligibility/programmes', blt)).json()).toMatchObject({
      error: 'programme_exists',
    });
    const cycle = await call(verifier, 'POST', '/api/eligibility/cycles', {
      programmeCode: 'BLT-APBD',
      period: '2021-07',
      months: 2,
    });
    expect(cycle.json().cycle).toMatchObject({ periods: ['2021-07', '2021-08'], amount: 500_000 });
    const prepared = await call(
      verifier,
      'POST',
      `/api/eligibility/cycles/${cycle.json().cycle.id}/determinations`,
      {
        kotaCode: '31.74',
      },
    );
    // A new programme starts from the BST rules: the family without NIK waits for its domicile statement.
    expect(prepared.json()).toMatchObject({ familyCount: 3, eligibleCount: 2, totalAmount: 1_000_000 });
  });
});
