import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/support/test-database.ts';
import { type CreateUserInput, createUser } from './create-user.ts';
import { listUsers } from './list-users.ts';
import { loginUser } from './login-user.ts';
import { seedDemoUsers } from './seed-demo-users.ts';
import { type SessionUser, SYSTEM_ACTOR } from './session-user.ts';
import { deactivateUser } from './user-activity.ts';

let database: TestDatabase;
let administrator: SessionUser;

const valid: CreateUserInput = {
  username: 'operator.example',
  fullName: 'Operator Example',
  password: 'long-enough-password',
  role: 'kelurahan_operator',
  areaCode: '31.74.01.1001',
};

beforeAll(async () => {
  database = await createTestDatabase();
  administrator = await createUser({
    db: database.db,
    actor: SYSTEM_ACTOR,
    input: { ...valid, username: 'admin.jaksel', role: 'administrator', areaCode: '31.74' },
  });
});

afterAll(async () => {
  await database?.drop();
});

function attempt(input: Partial<CreateUserInput>, actor: SessionUser | typeof SYSTEM_ACTOR = administrator) {
  return createUser({ db: database.db, actor, input: { ...valid, ...input } });
}

describe('createUser', () => {
  it('creates a user and records it in the audit log without the password', async () => {
    const user = await attempt({ username: 'Operator.Created' });
    expect(user).toMatchObject({ username: 'operator.created', role: 'kelurahan_operator', areaRw: null });
    const entry = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.create')
      .where('entity_id', '=', String(user.id))
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      actor_user_id: administrator.id,
      actor_username: 'admin.jaksel',
      area_code: '31.74.01.1001',
    });
    expect(JSON.stringify(entry.after)).not.toContain('password');
  });

  it('refuses an unknown role', async () => {
    await expect(attempt({ username: 'bad.role', role: 'mayor' })).rejects.toMatchObject({
      code: 'invalid_role',
    });
  });

  it('refuses an unknown or malformed area', async () => {
    await expect(attempt({ username: 'bad.area', areaCode: '31.74.01.9999' })).rejects.toMatchObject({
      code: 'unknown_area',
    });
    await expect(attempt({ username: 'bad.area', areaCode: '3174011001' })).rejects.toMatchObject({
      code: 'invalid_area',
    });
  });

  it('requires an RT/RW head to have a kelurahan and an RW', async () => {
    const head = { username: 'rt.head', role: 'rt_rw_head' };
    await expect(attempt(head)).rejects.toMatchObject({ code: 'area_rw_required' });
    await expect(attempt({ ...head, areaRw: '000' })).rejects.toMatchObject({ code: 'invalid_area_rw' });
    await expect(attempt({ ...head, areaRw: '1' })).rejects.toMatchObject({ code: 'invalid_area_rw' });
    await expect(attempt({ ...head, areaCode: '31.74', areaRw: '001' })).rejects.toMatchObject({
      code: 'kelurahan_required',
    });
    expect(await attempt({ ...head, areaRw: '007' })).toMatchObject({
      areaCode: '31.74.01.1001',
      areaRw: '007',
    });
  });

  it('refuses an RW for other roles, short passwords and taken usernames', async () => {
    await expect(attempt({ username: 'with.rw', areaRw: '001' })).rejects.toMatchObject({
      code: 'area_rw_not_allowed',
    });
    await expect(attempt({ username: 'short.password', password: 'short' })).rejects.toMatchObject({
      code: 'weak_password',
    });
    await expect(attempt({ username: 'admin.jaksel' })).rejects.toMatchObject({
      statusCode: 409,
      code: 'username_taken',
    });
  });

  it('lets only administrators create users, inside their own area', async () => {
    const verifier = await attempt(
      { username: 'verifier.jaksel', role: 'verifier', areaCode: '31.74' },
      SYSTEM_ACTOR,
    );
    await expect(attempt({ username: 'by.verifier' }, verifier)).rejects.toMatchObject({ statusCode: 403 });
    await expect(attempt({ username: 'outside.area', areaCode: '31.71.01.1001' })).rejects.toMatchObject({
      statusCode: 403,
    });
  });
});

describe('listUsers and deactivateUser', () => {
  it('lists only users inside the administrator area', async () => {
    await attempt({ username: 'auditor.province', role: 'auditor', areaCode: '31' }, SYSTEM_ACTOR);
    const usernames = (await listUsers({ db: database.db, actor: administrator })).map(
      (user) => user.username,
    );
    expect(usernames).toContain('operator.created');
    expect(usernames).not.toContain('auditor.province');
    const all = (await listUsers({ db: database.db, actor: SYSTEM_ACTOR })).map((user) => user.username);
    expect(all).toContain('auditor.province');
  });

  it('deactivates a user, refusing self-deactivation and users outside the area', async () => {
    const target = await attempt({ username: 'to.deactivate' });
    const result = await deactivateUser({ db: database.db, actor: administrator, userId: target.id });
    expect(result.active).toBe(false);
    await expect(
      deactivateUser({ db: database.db, actor: administrator, userId: administrator.id }),
    ).rejects.toMatchObject({
      code: 'cannot_deactivate_self',
    });
    const outside = await attempt(
      { username: 'outside.deactivate', role: 'auditor', areaCode: '31' },
      SYSTEM_ACTOR,
    );
    await expect(
      deactivateUser({ db: database.db, actor: administrator, userId: outside.id }),
    ).rejects.toMatchObject({
      statusCode: 403,
    });
  });
});

describe('seedDemoUsers', () => {
  it('creates one user per missing role with a working password, once', async () => {
    const seedDatabase = await createTestDatabase();
    try {
      const seeded = await seedDemoUsers({ db: seedDatabase.db });
      expect(seeded.map((user) => user.role).sort()).toEqual(
        [
          'administrator',
          'approver',
          'auditor',
          'bank_officer',
          'complaint_officer',
          'kelurahan_operator',
          'rt_rw_head',
          'site_officer',
          'verifier',
        ].sort(),
      );
      expect(seeded.find((user) => user.role === 'rt_rw_head')).toMatchObject({
        username: 'rt.tebettimur',
        area: '31.74.01.1001 RW 001',
      });
      const head = seeded.find((user) => user.username === 'rt.tebettimur')!;
      const session = await loginUser({
        db: seedDatabase.db,
        username: head.username,
        password: head.password,
      });
      expect(session.user.areaRw).toBe('001');
      expect(await seedDemoUsers({ db: seedDatabase.db })).toEqual([]);
    } finally {
      await seedDatabase.drop();
    }
  });
});
