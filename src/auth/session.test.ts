import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/support/test-database.ts';
import { createUser } from './create-user.ts';
import { INVALID_CREDENTIALS_MESSAGE, loginUser } from './login-user.ts';
import { logoutUser } from './logout-user.ts';
import { resolveSession } from './resolve-session.ts';
import { hashSessionToken } from './session-token.ts';
import { SYSTEM_ACTOR } from './session-user.ts';
import { deactivateUser } from './user-activity.ts';

let database: TestDatabase;
const password = 'a-long-enough-password';

beforeAll(async () => {
  database = await createTestDatabase();
  await createUser({
    db: database.db,
    actor: SYSTEM_ACTOR,
    input: {
      username: 'verifier.one',
      fullName: 'Verifier One',
      password,
      role: 'verifier',
      areaCode: '31.74',
    },
  });
});

afterAll(async () => {
  await database?.drop();
});

describe('loginUser', () => {
  it('opens a session whose token resolves to the user', async () => {
    const session = await loginUser({ db: database.db, username: 'Verifier.One', password });
    expect(session.user).toMatchObject({
      username: 'verifier.one',
      role: 'verifier',
      areaCode: '31.74',
      areaRw: null,
    });
    expect(await resolveSession({ db: database.db, token: session.token })).toEqual(session.user);
  });

  it('stores only the SHA-256 of the token', async () => {
    const session = await loginUser({ db: database.db, username: 'verifier.one', password });
    const stored = await database.db.selectFrom('user_session').select('token_hash').execute();
    const hashes = stored.map((row) => row.token_hash);
    expect(hashes).toContain(hashSessionToken(session.token));
    expect(hashes).not.toContain(session.token);
    expect(Buffer.from(session.token, 'base64url')).toHaveLength(32);
  });

  it('gives the same error for a wrong password and an unknown user', async () => {
    // Both attempts run at once, and both are awaited together: whichever fails first is handled.
    const [wrongPassword, unknownUser] = await Promise.allSettled([
      loginUser({ db: database.db, username: 'verifier.one', password: 'wrong-password-here' }),
      loginUser({ db: database.db, username: 'nobody.here', password }),
    ]);
    for (const attempt of [wrongPassword, unknownUser]) {
      if (attempt.status !== 'rejected') throw new Error('a login with bad credentials succeeded');
      expect(attempt.reason).toMatchObject({ statusCode: 401, code: 'invalid_credentials' });
      expect(attempt.reason.message).toBe(INVALID_CREDENTIALS_MESSAGE);
    }
  });

  it('expires sessions after 12 hours', async () => {
    const start = new Date();
    const session = await loginUser({ db: database.db, username: 'verifier.one', password, now: start });
    expect(session.expiresAt.getTime() - start.getTime()).toBe(12 * 60 * 60 * 1000);
    const almostExpired = new Date(session.expiresAt.getTime() - 1000);
    expect(await resolveSession({ db: database.db, token: session.token, now: almostExpired })).toBeDefined();
    expect(
      await resolveSession({ db: database.db, token: session.token, now: session.expiresAt }),
    ).toBeUndefined();
  });

  it('ends the session at logout', async () => {
    const session = await loginUser({ db: database.db, username: 'verifier.one', password });
    await logoutUser({ db: database.db, token: session.token, user: session.user });
    expect(await resolveSession({ db: database.db, token: session.token })).toBeUndefined();
    await logoutUser({ db: database.db, token: session.token, user: session.user });
  });

  it('refuses unknown tokens', async () => {
    expect(await resolveSession({ db: database.db, token: 'made-up' })).toBeUndefined();
    expect(await resolveSession({ db: database.db, token: undefined })).toBeUndefined();
  });

  it('refuses inactive users, both at login and for open sessions', async () => {
    const user = await createUser({
      db: database.db,
      actor: SYSTEM_ACTOR,
      input: {
        username: 'leaving.soon',
        fullName: 'Leaving Soon',
        password,
        role: 'auditor',
        areaCode: '31',
      },
    });
    const session = await loginUser({ db: database.db, username: 'leaving.soon', password });
    await deactivateUser({ db: database.db, actor: SYSTEM_ACTOR, userId: user.id });
    expect(await resolveSession({ db: database.db, token: session.token })).toBeUndefined();
    await expect(loginUser({ db: database.db, username: 'leaving.soon', password })).rejects.toThrow(
      INVALID_CREDENTIALS_MESSAGE,
    );
  });
});
