import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type SignedInUser } from '../../../tests/support/http-session.ts';
import { useTestDatabase } from '../../../tests/support/test-database.ts';
import { type App, buildServer } from '../../http/build-server.ts';
import { insertCompletedRun, insertRegistryPair, insertTestFamily } from '../review/review-test-support.ts';

const URL = '/api/verification/settings/thresholds';

describe('verification thresholds over HTTP', () => {
  const fixture = useTestDatabase();
  let app: App;
  let verifier: SignedInUser;
  let administrator: SignedInUser;
  let operator: SignedInUser;

  beforeAll(async () => {
    const db = fixture.database.db;
    app = await buildServer({ db, logLevel: 'silent' });
    verifier = await createUserAndLogin(app, db, { role: 'verifier', areaCode: '31.74' });
    administrator = await createUserAndLogin(app, db, { role: 'administrator', areaCode: '31' });
    operator = await createUserAndLogin(app, db, { role: 'kelurahan_operator', areaCode: '31.74.01.1001' });
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (user: SignedInUser) =>
    app.inject({ method: 'GET', url: URL, headers: { cookie: user.cookie } });
  const put = (user: SignedInUser, payload: object) =>
    app.inject({ method: 'PUT', url: URL, headers: { cookie: user.cookie }, payload });

  it('shows nothing set before any run, then the latest run’s thresholds with probabilities and band counts', async () => {
    const db = fixture.database.db;
    const before = await get(verifier);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ current: null, setting: null, latestRun: null });

    const a = await insertTestFamily(db, {
      kkNumber: '3174010101100001',
      kelurahanCode: '31.74.01.1001',
      members: [{ fullName: 'A' }, { fullName: 'B' }],
    });
    const b = await insertTestFamily(db, {
      kkNumber: '3174010101100002',
      kelurahanCode: '31.74.01.1001',
      members: [{ fullName: 'A' }, { fullName: 'B' }],
    });
    const runId = await insertCompletedRun(db, { thresholds: { match: 12, review: 4 } });
    await insertRegistryPair(db, { runId, a, b, weight: 14, band: 'match' });
    await insertRegistryPair(db, { runId, a, b, bMember: 1, weight: 6, band: 'review' });
    await insertRegistryPair(db, { runId, a, aMember: 1, b, bMember: 1, weight: 5, band: 'review' });

    const view = (await get(verifier)).json();
    expect(view.current).toEqual({ match: 12, review: 4, source: 'latest_run' });
    expect(view.latestRun).toMatchObject({
      id: runId,
      matchProportion: 0.01,
      bands: { match: 1, review: 2 },
    });
    const posterior = (weight: number) => 1 / (1 + 1 / ((0.01 / 0.99) * 2 ** weight));
    expect(view.probabilities.match).toBeCloseTo(posterior(12), 9);
    expect(view.probabilities.review).toBeCloseTo(posterior(4), 9);
    expect((await get(operator)).statusCode).toBe(403);
    expect((await get(administrator)).statusCode).toBe(200);
  });

  it('lets only an administrator set them, in order and finite, and audits the change', async () => {
    expect((await put(verifier, { match: 10, review: 3 })).statusCode).toBe(403);
    const reversed = await put(administrator, { match: 3, review: 10 });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error).toBe('thresholds_order');
    expect((await put(administrator, { match: 'many', review: 1 })).statusCode).toBe(400);
    expect((await put(administrator, { match: 1e308, review: 1 })).statusCode).toBe(400);

    const saved = await put(administrator, { match: 10, review: 3 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().current).toEqual({ match: 10, review: 3, source: 'setting' });
    expect(saved.json().setting.updatedBy.username).toBe(administrator.user.username);
    // The latest run keeps the thresholds it used; the setting applies to the next run.
    expect(saved.json().latestRun.thresholds).toEqual({ match: 12, review: 4 });
    await put(administrator, { match: 11, review: 11 });
    const audit = await fixture.database.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'verification.thresholds.update')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { before: null, after: { match: 10, review: 3 } },
      { before: { match: 10, review: 3 }, after: { match: 11, review: 11 } },
    ]);
  });
});
