// A family's page shows what the current verification run of its area found on each member, inside the reader's area.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type SignedInUser } from '../../../tests/support/http-session.ts';
import { useTestDatabase } from '../../../tests/support/test-database.ts';
import { type App, buildServer } from '../../http/build-server.ts';
import {
  insertCompletedRun,
  insertMinistryPair,
  insertRegistryPair,
  insertTestFamily,
  type TestFamily,
} from '../review/review-test-support.ts';
import { refreshPersonStatuses } from './person-status-repository.ts';

describe('verification results of one family over HTTP', () => {
  const fixture = useTestDatabase();
  let app: App;
  let operator: SignedInUser;
  let pusatVerifier: SignedInUser;
  let budi: TestFamily;
  let budiAgain: TestFamily;
  let gambir: TestFamily;

  const get = (user: SignedInUser, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: user.cookie } });

  beforeAll(async () => {
    const db = fixture.database.db;
    app = await buildServer({ db, logLevel: 'silent' });
    operator = await createUserAndLogin(app, db, { role: 'kelurahan_operator', areaCode: '31.74.01.1001' });
    pusatVerifier = await createUserAndLogin(app, db, { role: 'verifier', areaCode: '31.71' });
    budi = await insertTestFamily(db, {
      kkNumber: '3174010101100001',
      kelurahanCode: '31.74.01.1001',
      members: [
        { fullName: 'BUDI SANTOSO', nik: '3174010505800001' },
        { fullName: 'SITI AMINAH', nik: '3174014707850002', sex: 'P', relationship: 'wife' },
      ],
    });
    budiAgain = await insertTestFamily(db, {
      kkNumber: '3174010101100009',
      kelurahanCode: '31.74.01.1002',
      members: [{ fullName: 'BOEDI SANTOSO', nik: '3174010505800001' }],
    });
    gambir = await insertTestFamily(db, {
      kkNumber: '3171010101100001',
      kelurahanCode: '31.71.01.1001',
      members: [{ fullName: 'ADI', nik: '3171010101800001' }],
    });
    // A run over Jakarta Selatan only: BUDI is in another family too, SITI perhaps on a PKH list (in review).
    const runId = await insertCompletedRun(db, { areaCode: '31.74' });
    await insertRegistryPair(db, { runId, a: budi, b: budiAgain, weight: 20, band: 'match' });
    await insertMinistryPair(db, {
      runId,
      family: budi,
      member: 1,
      weight: 18,
      person: {
        nik: '3174014707850002',
        kkNumber: '3174010101100001',
        fullName: 'SITI AMINAH',
        birthDate: '1985-07-07',
        regionCode: '31.74.01',
        ref: 'PKH-0001',
      },
    });
    await refreshPersonStatuses({ db, runId });
  });

  afterAll(async () => {
    await app.close();
  });

  it("gives each member's status and reasons from the current run of the family's area", async () => {
    const response = await get(operator, `/api/households/${budi.householdId}/verification`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.runId).toEqual(expect.any(Number));
    expect(body.members).toEqual([
      expect.objectContaining({
        memberId: budi.memberIds[0],
        status: 'duplicate',
        reasons: expect.arrayContaining(['registry_duplicate']),
        matchedSource: 'registry',
      }),
      expect.objectContaining({
        memberId: budi.memberIds[1],
        status: 'needs_review',
        reasons: expect.arrayContaining(['awaiting_review']),
        matchedSource: 'PKH/2021-07',
      }),
    ]);
  });

  it("says so when no run covers the family, and refuses a family outside the reader's area", async () => {
    const outside = await get(pusatVerifier, `/api/households/${budi.householdId}/verification`);
    expect(outside.statusCode).toBe(404);
    const none = await get(pusatVerifier, `/api/households/${gambir.householdId}/verification`);
    expect(none.statusCode).toBe(200);
    expect(none.json()).toEqual({ runId: null, finishedAt: null, members: [] });
  });
});
