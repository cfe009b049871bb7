import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin } from '../../tests/support/http-session.ts';
import { createTestDatabase, type TestDatabase } from '../../tests/support/test-database.ts';
import { SYSTEM_ACTOR } from '../auth/session-user.ts';
import { type App, buildServer } from '../http/build-server.ts';
import { PERSONAL_DATA_READ_ACTION, recordAudit, recordPersonalDataRead } from './record-audit.ts';

let database: TestDatabase;
let app: App;
const officer = { userId: 900, username: 'officer.test' };

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildServer({ db: database.db, logLevel: 'silent' });
  await recordAudit({
    db: database.db,
    actor: officer,
    action: 'household.update',
    entityType: 'household',
    entityId: 11,
    areaCode: '31.74.01.1001',
    before: { phone: '0811' },
    after: { phone: '0812' },
    detail: { reason: 'typo' },
  });
  await recordAudit({
    db: database.db,
    actor: officer,
    action: 'household.update',
    entityType: 'household',
    entityId: 22,
    areaCode: '31.71.01.1001',
  });
  await recordAudit({
    db: database.db,
    actor: SYSTEM_ACTOR,
    action: 'settings.update',
    entityType: 'settings',
  });
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

describe('audit log', () => {
  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(database.db.updateTable('audit_log').set({ action: 'tampered' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(database.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    const count = await database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(count.count)).toBeGreaterThanOrEqual(3);
  });

  it('logs personal data reads by people, one entry per entity, and skips the system', async () => {
    await recordPersonalDataRead({
      db: database.db,
      actor: officer,
      entityType: 'household',
      entityId: [31, 32],
      fields: ['nik', 'phone'],
      purpose: 'household.detail',
      areaCode: '31.74.01.1001',
    });
    await recordPersonalDataRead({
      db: database.db,
      actor: SYSTEM_ACTOR,
      entityType: 'household',
      entityId: 33,
      fields: ['nik'],
      purpose: 'export',
    });
    const rows = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', PERSONAL_DATA_READ_ACTION)
      .orderBy('entity_id')
      .execute();
    expect(rows.map((row) => row.entity_id)).toEqual(['31', '32']);
    expect(rows[0].detail).toEqual({ fields: ['nik', 'phone'], purpose: 'household.detail' });
  });
});

describe('GET /api/audit', () => {
  it('refuses roles without audit.read', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
    const { cookie } = await createUserAndLogin(app, database.db, { role: 'verifier', areaCode: '31.74' });
    expect((await app.inject({ method: 'GET', url: '/api/audit', headers: { cookie } })).statusCode).toBe(
      403,
    );
  });

  it('shows an area auditor only the entries of their area', async () => {
    const { cookie } = await createUserAndLogin(app, database.db, { role: 'auditor', areaCode: '31.74' });
    const response = await app.inject({
      method: 'GET',
      url: '/api/audit?entityType=household',
      headers: { cookie },
    });
    expect(response.statusCode).toBe(200);
    const ids = response.json().entries.map((entry: { entityId: string }) => entry.entityId);
    expect(ids).toContain('11');
    expect(ids).not.toContain('22');
    const actions = (await app.inject({ method: 'GET', url: '/api/audit', headers: { cookie } }))
      .json()
      .entries.map((entry: { action: string }) => entry.action);
    expect(actions).not.toContain('settings.update');
  });

  it('shows a kota auditor the sign-ins and sign-outs of users of the kota, not of another kota', async () => {
    const inside = await createUserAndLogin(app, database.db, {
      role: 'kelurahan_operator',
      areaCode: '31.74.01.1001',
    });
    const outside = await createUserAndLogin(app, database.db, {
      role: 'kelurahan_operator',
      areaCode: '31.71.01.1001',
    });
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: inside.cookie } });
    const { cookie } = await createUserAndLogin(app, database.db, { role: 'auditor', areaCode: '31.74' });
    const entries = (
      await app.inject({ method: 'GET', url: '/api/audit?entityType=user&pageSize=200', headers: { cookie } })
    ).json().entries as { action: string; actorUsername: string; areaCode: string | null }[];
    const insideActions = entries
      .filter((entry) => entry.actorUsername === inside.user.username)
      .map((entry) => `${entry.action}@${entry.areaCode}`);
    expect(insideActions.sort()).toEqual(['user.login@31.74.01.1001', 'user.logout@31.74.01.1001']);
    expect(entries.some((entry) => entry.actorUsername === outside.user.username)).toBe(false);
  });

  it('shows a province auditor everything, filtered and paged', async () => {
    const { cookie } = await createUserAndLogin(app, database.db, { role: 'auditor', areaCode: '31' });
    const all = await app.inject({ method: 'GET', url: '/api/audit?pageSize=200', headers: { cookie } });
    const actions = all.json().entries.map((entry: { action: string }) => entry.action);
    expect(actions).toContain('settings.update');

    const filtered = await app.inject({
      method: 'GET',
      url: '/api/audit?entityType=household&entityId=11&actor=officer.test&from=2000-01-01',
      headers: { cookie },
    });
    expect(filtered.json()).toMatchObject({ total: 1, page: 1, pageSize: 50 });
    expect(filtered.json().entries[0]).toMatchObject({
      action: 'household.update',
      actorUsername: 'officer.test',
      before: { phone: '0811' },
      after: { phone: '0812' },
      detail: { reason: 'typo' },
    });

    const byAction = await app.inject({
      method: 'GET',
      url: '/api/audit?action=settings.update',
      headers: { cookie },
    });
    expect(byAction.json().entries.map((entry: { action: string }) => entry.action)).toEqual([
      'settings.update',
    ]);

    const future = await app.inject({
      method: 'GET',
      url: '/api/audit?from=2999-01-01',
      headers: { cookie },
    });
    expect(future.json().total).toBe(0);
    const paged = await app.inject({
      method: 'GET',
      url: '/api/audit?pageSize=1&page=2',
      headers: { cookie },
    });
    expect(paged.json().entries).toHaveLength(1);
    expect(paged.json().total).toBeGreaterThan(1);
  });
});
