import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin } from '../../tests/support/http-session.ts';
import { createTestDatabase, type TestDatabase } from '../../tests/support/test-database.ts';
import { type App, buildServer } from '../http/build-server.ts';
import { createUser } from './create-user.ts';
import { SESSION_COOKIE_NAME } from './session-token.ts';
import { SYSTEM_ACTOR } from './session-user.ts';

let database: TestDatabase;
let app: App;
const password = 'a-long-enough-password';

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildServer({ db: database.db, logLevel: 'silent' });
  await createUser({
    db: database.db,
    actor: SYSTEM_ACTOR,
    input: {
      username: 'site.officer',
      fullName: 'Site Officer',
      password,
      role: 'site_officer',
      areaCode: '31.74',
    },
  });
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

function login(
  username: string,
  attemptPassword: string,
  target: App = app,
  from: { remoteAddress?: string; headers?: Record<string, string> } = {},
) {
  return target.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: attemptPassword },
    ...from,
  });
}

/** A server that believes a reverse proxy on the same machine, as TEPAT_TRUST_PROXY=true sets it. */
async function withTrustedProxy(test: (trusting: App) => Promise<void>): Promise<void> {
  const trusting = await buildServer({ db: database.db, logLevel: 'silent', trustProxy: ['loopback'] });
  try {
    await test(trusting);
  } finally {
    await trusting.close();
  }
}

const createAuditor = (username: string) =>
  createUser({
    db: database.db,
    actor: SYSTEM_ACTOR,
    input: { username, fullName: 'Target', password, role: 'auditor', areaCode: '31' },
  });

describe('sign-in over HTTP', () => {
  it("answers refused requests in the reader's language: schema failures by field, broken JSON, unknown addresses", async () => {
    const ask = (language: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'accept-language': language },
        payload: { username: 5 },
      });
    const indonesian = await ask('id-ID,id;q=0.9');
    expect(indonesian.statusCode).toBe(400);
    expect(indonesian.json()).toEqual({
      error: 'invalid_request',
      message:
        'username: Input tidak valid: diharapkan string, diterima number; password: Input tidak valid: diharapkan string, diterima undefined',
    });
    const english = await ask('en-US');
    expect(english.json().message).toBe(
      'username: Invalid input: expected string, received number; password: Invalid input: expected string, received undefined',
    );
    const broken = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().message).toBe('Isi permintaan bukan JSON yang sah.');
    const unknown = await app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe('Alamat ini tidak ada');
  });

  it('sets an HTTP-only, SameSite=Lax session cookie and returns the user', async () => {
    const response = await login('site.officer', password);
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ username: 'site.officer', role: 'site_officer' });
    const cookie = response.cookies.find((item) => item.name === SESSION_COOKIE_NAME)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 12 * 60 * 60 });
    expect(cookie.secure).toBeFalsy();

    const me = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `${SESSION_COOKIE_NAME}=${cookie.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe('site.officer');
  });

  it('marks the cookie Secure when asked to', async () => {
    const secureApp = await buildServer({ db: database.db, logLevel: 'silent', secureCookies: true });
    try {
      const response = await login('site.officer', password, secureApp);
      expect(response.cookies.find((item) => item.name === SESSION_COOKIE_NAME)?.secure).toBe(true);
    } finally {
      await secureApp.close();
    }
  });

  it('marks the cookie Secure behind HTTPS through a trusted proxy, not when anyone merely claims HTTPS', async () => {
    const claimingHttps = { headers: { 'x-forwarded-proto': 'https' } };
    const untrusted = await login('site.officer', password, app, claimingHttps);
    expect(untrusted.cookies.find((item) => item.name === SESSION_COOKIE_NAME)?.secure).toBeFalsy();
    await withTrustedProxy(async (trusting) => {
      const response = await login('site.officer', password, trusting, claimingHttps);
      const cookie = response.cookies.find((item) => item.name === SESSION_COOKIE_NAME)!;
      expect(cookie.secure).toBe(true);
      const logout = await trusting.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { ...claimingHttps.headers, cookie: `${SESSION_COOKIE_NAME}=${cookie.value}` },
      });
      expect(logout.cookies.find((item) => item.name === SESSION_COOKIE_NAME)?.secure).toBe(true);
    });
  });

  it('answers 401 invalid_credentials with one message for wrong password and unknown user', async () => {
    const wrongPassword = await login('site.officer', 'not-the-password');
    const unknownUser = await login('no.such.user', password);
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownUser.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual(unknownUser.json());
    expect(wrongPassword.json().error).toBe('invalid_credentials');
    expect(wrongPassword.headers['set-cookie']).toBeUndefined();
  });

  it('answers 401 on /me without a session and after logout', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const { cookie } = await createUserAndLogin(app, database.db, { role: 'verifier', areaCode: '31.74' });
    const logout = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(logout.statusCode).toBe(204);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json().error).toBe('unauthenticated');
  });

  it('blocks a username and address after 10 failures in 15 minutes, even with the right password', async () => {
    await createUser({
      db: database.db,
      actor: SYSTEM_ACTOR,
      input: { username: 'target.user', fullName: 'Target', password, role: 'auditor', areaCode: '31' },
    });
    for (let attempt = 0; attempt < 10; attempt++)
      expect((await login('target.user', 'guess-number-x')).statusCode).toBe(401);
    const blocked = await login('target.user', password);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toBe('too_many_attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('does not take X-Forwarded-For for a fresh address unless a proxy is trusted', async () => {
    await createAuditor('forwarded.target');
    for (let attempt = 0; attempt < 10; attempt++) {
      const headers = { 'x-forwarded-for': `10.0.0.${attempt}` };
      expect((await login('forwarded.target', 'guess-number-x', app, { headers })).statusCode).toBe(401);
    }
    const headers = { 'x-forwarded-for': '10.0.0.99' };
    expect((await login('forwarded.target', password, app, { headers })).statusCode).toBe(429);
  });

  it('counts each client behind a trusted proxy by the address the proxy saw, not one the client wrote', async () => {
    await createAuditor('proxied.target');
    await withTrustedProxy(async (trusting) => {
      // The proxy appends the address it saw after whatever the client sent.
      const through = (sent: string, seen: string) => ({
        headers: { 'x-forwarded-for': `${sent}, ${seen}` },
      });
      for (let attempt = 0; attempt < 10; attempt++) {
        const guess = await login(
          'proxied.target',
          'guess-number-x',
          trusting,
          through(`10.0.0.${attempt}`, '198.51.100.7'),
        );
        expect(guess.statusCode).toBe(401);
      }
      const blocked = await login('proxied.target', password, trusting, through('10.0.0.99', '198.51.100.7'));
      expect(blocked.statusCode).toBe(429);
      // Another client behind the same proxy is a different address and still signs in.
      const other = await login('proxied.target', password, trusting, through('10.0.0.99', '198.51.100.8'));
      expect(other.statusCode).toBe(200);
    });
  });

  it('stops guesses at one username spread over many addresses after 50, other users unaffected', async () => {
    await createAuditor('spread.target');
    for (let attempt = 0; attempt < 50; attempt++) {
      const remoteAddress = `192.0.2.${attempt}`;
      expect((await login('spread.target', `guess-${attempt}`, app, { remoteAddress })).statusCode).toBe(401);
    }
    const blocked = await login('spread.target', password, app, { remoteAddress: '192.0.2.200' });
    expect([blocked.statusCode, blocked.json().error]).toEqual([429, 'too_many_attempts']);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login('site.officer', password, app, { remoteAddress: '192.0.2.1' })).statusCode).toBe(200);
  });

  it('audits a failed sign-in of a known user (area, reason, address; never the password), nothing for unknown names', async () => {
    const user = await createUser({
      db: database.db,
      actor: SYSTEM_ACTOR,
      input: { username: 'failing.user', fullName: 'Failing', password, role: 'verifier', areaCode: '31.74' },
    });
    const guess = 'a-wrong-guess-123';
    const remoteAddress = '192.0.2.77';
    expect((await login('Failing.User', guess, app, { remoteAddress })).statusCode).toBe(401);
    await database.db.updateTable('app_user').set({ active: false }).where('id', '=', user.id).execute();
    expect((await login('failing.user', password, app, { remoteAddress })).statusCode).toBe(401);
    expect((await login('no.such.person', guess, app, { remoteAddress })).statusCode).toBe(401);

    const entries = await database.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'actor_username', 'entity_type', 'entity_id', 'area_code', 'detail'])
      .where('action', '=', 'user.login_failed')
      .where('entity_id', '=', String(user.id))
      .orderBy('id')
      .execute();
    const expected = { actor_user_id: null, actor_username: 'failing.user', entity_type: 'user' };
    expect(entries).toEqual([
      {
        ...expected,
        entity_id: String(user.id),
        area_code: '31.74',
        detail: { reason: 'wrong_password', address: remoteAddress },
      },
      {
        ...expected,
        entity_id: String(user.id),
        area_code: '31.74',
        detail: { reason: 'inactive', address: remoteAddress },
      },
    ]);
    const everything = JSON.stringify(await database.db.selectFrom('audit_log').selectAll().execute());
    expect(everything).not.toContain(guess);
    expect(everything).not.toContain(password);
    expect(everything).not.toContain('no.such.person');
  });
});

describe('user management over HTTP', () => {
  it('refuses anonymous requests with 401 and other roles with 403', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/users' })).statusCode).toBe(401);
    const { cookie } = await createUserAndLogin(app, database.db, { role: 'auditor', areaCode: '31' });
    const list = await app.inject({ method: 'GET', url: '/api/users', headers: { cookie } });
    expect(list.statusCode).toBe(403);
    expect(list.json().error).toBe('forbidden');
    const create = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: { username: 'sneaky', fullName: 'Sneaky', password, role: 'administrator', areaCode: '31' },
    });
    expect(create.statusCode).toBe(403);
  });

  it('lets an administrator create, list and deactivate users', async () => {
    const { cookie } = await createUserAndLogin(app, database.db, { role: 'administrator', areaCode: '31' });
    const create = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: {
        username: 'rt.new',
        fullName: 'RT New',
        password,
        role: 'rt_rw_head',
        areaCode: '31.74.01.1001',
        areaRw: '002',
      },
    });
    expect(create.statusCode).toBe(201);
    const created = create.json().user;
    expect(created).toMatchObject({ username: 'rt.new', areaRw: '002' });

    const missingRw = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: {
        username: 'rt.norw',
        fullName: 'RT',
        password,
        role: 'rt_rw_head',
        areaCode: '31.74.01.1001',
      },
    });
    expect(missingRw.statusCode).toBe(400);
    expect(missingRw.json().error).toBe('area_rw_required');

    const badRole = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: { username: 'bad.role', fullName: 'Bad', password, role: 'mayor', areaCode: '31' },
    });
    expect(badRole.statusCode).toBe(400);

    const list = await app.inject({ method: 'GET', url: '/api/users', headers: { cookie } });
    expect(list.json().users.map((user: { username: string }) => user.username)).toContain('rt.new');
    // Each user's area comes with its name, as officers know it.
    expect(list.json().users.find((user: { username: string }) => user.username === 'rt.new')).toMatchObject({
      areaCode: '31.74.01.1001',
      areaName: 'Tebet Timur',
      areaRw: '002',
    });

    const headSession = await login('rt.new', password);
    const headCookie = `${SESSION_COOKIE_NAME}=${headSession.cookies[0].value}`;
    const deactivate = await app.inject({
      method: 'POST',
      url: `/api/users/${created.id}/deactivate`,
      headers: { cookie },
    });
    expect(deactivate.statusCode).toBe(200);
    expect(deactivate.json().user.active).toBe(false);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: headCookie } });
    expect(me.statusCode).toBe(401);
    expect((await login('rt.new', password)).statusCode).toBe(401);

    // Deactivated by mistake: activated again, the user signs in with the same password.
    const activate = await app.inject({
      method: 'POST',
      url: `/api/users/${created.id}/activate`,
      headers: { cookie },
    });
    expect([activate.statusCode, activate.json().user.active]).toEqual([200, true]);
    expect((await login('rt.new', password)).statusCode).toBe(200);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity_type', '=', 'user')
      .where('entity_id', '=', String(created.id))
      .where('action', 'in', ['user.deactivate', 'user.activate'])
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'user.deactivate', after: { active: false } },
      { action: 'user.activate', after: { active: true } },
    ]);
  });
});

describe('passwords over HTTP', () => {
  const cookieOf = (response: { cookies: { name: string; value: string }[] }) =>
    `${SESSION_COOKIE_NAME}=${response.cookies.find((cookie) => cookie.name === SESSION_COOKIE_NAME)?.value}`;
  const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  const auditOf = (action: string, entityId: number) =>
    database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .where('entity_id', '=', String(entityId))
      .execute();

  it('lets a user change their own password: the old one stops working, other sessions end, this one stays', async () => {
    const user = await createUser({
      db: database.db,
      actor: SYSTEM_ACTOR,
      input: {
        username: 'rt.changer',
        fullName: 'RT',
        password,
        role: 'rt_rw_head',
        areaCode: '31.74.01.1001',
        areaRw: '002',
      },
    });
    const here = cookieOf(await login('rt.changer', password));
    const elsewhere = cookieOf(await login('rt.changer', password));
    const change = (payload: object, cookie = here) =>
      app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload });
    const newPassword = 'kebon-baru-xv-25';

    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/auth/password',
          payload: { currentPassword: password, newPassword },
        })
      ).statusCode,
    ).toBe(401);
    const wrong = await change({ currentPassword: 'not-the-password', newPassword });
    expect([wrong.statusCode, wrong.json().error]).toEqual([400, 'current_password_wrong']);
    const weak = await change({ currentPassword: password, newPassword: 'short' });
    expect([weak.statusCode, weak.json().error]).toEqual([400, 'password_too_weak']);
    const same = await change({ currentPassword: password, newPassword: password });
    expect([same.statusCode, same.json().error]).toEqual([400, 'password_unchanged']);
    // Refused attempts changed nothing.
    expect((await me(elsewhere)).statusCode).toBe(200);

    expect((await change({ currentPassword: password, newPassword })).statusCode).toBe(204);
    expect((await me(here)).statusCode).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
    expect((await login('rt.changer', password)).statusCode).toBe(401);
    expect((await login('rt.changer', newPassword)).statusCode).toBe(200);
    const entries = await auditOf('user.password_change', user.id);
    expect(entries).toEqual([expect.objectContaining({ actor_username: 'rt.changer' })]);
    expect(JSON.stringify(entries)).not.toContain(newPassword);
  });

  it('stops guessing the current password through a session after ten wrong ones', async () => {
    const guessed = await createUserAndLogin(app, database.db, { role: 'verifier', areaCode: '31.74' });
    const change = (currentPassword: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: { cookie: guessed.cookie },
        payload: { currentPassword, newPassword: 'a-brand-new-password' },
      });
    for (let attempt = 0; attempt < 10; attempt++)
      expect((await change(`guess-${attempt}`)).statusCode).toBe(400);
    const blocked = await change(guessed.password);
    expect([blocked.statusCode, blocked.json().error]).toEqual([429, 'too_many_attempts']);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Nothing changed: the password still signs in.
    expect((await login(guessed.user.username, guessed.password)).statusCode).toBe(200);
  });

  it('lets an administrator give a user of their area a new password, shown once; not outside the area', async () => {
    const administrator = await createUserAndLogin(app, database.db, {
      role: 'administrator',
      areaCode: '31.74',
    });
    const verifier = await createUserAndLogin(app, database.db, { role: 'verifier', areaCode: '31.74' });
    const forgetful = await createUserAndLogin(app, database.db, {
      role: 'kelurahan_operator',
      areaCode: '31.74.01.1001',
    });
    const elsewhere = await createUserAndLogin(app, database.db, {
      role: 'kelurahan_operator',
      areaCode: '31.71.01.1001',
    });
    const reset = (userId: number, cookie: string) =>
      app.inject({ method: 'POST', url: `/api/users/${userId}/password-reset`, headers: { cookie } });

    expect((await reset(forgetful.user.id, verifier.cookie)).statusCode).toBe(403);
    expect((await reset(elsewhere.user.id, administrator.cookie)).statusCode).toBe(403);
    expect((await login(elsewhere.user.username, elsewhere.password)).statusCode).toBe(200);

    const done = await reset(forgetful.user.id, administrator.cookie);
    expect(done.statusCode).toBe(200);
    const { password: given, user } = done.json();
    expect(user.username).toBe(forgetful.user.username);
    expect(given).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    // The forgetful user's open session ends; the old password no longer works, the new one does.
    expect((await me(forgetful.cookie)).statusCode).toBe(401);
    expect((await login(forgetful.user.username, forgetful.password)).statusCode).toBe(401);
    expect((await login(forgetful.user.username, given)).statusCode).toBe(200);
    const entries = await auditOf('user.password_reset', forgetful.user.id);
    expect(entries).toEqual([expect.objectContaining({ actor_username: administrator.user.username })]);
    expect(JSON.stringify(entries)).not.toContain(given);
  });
});
