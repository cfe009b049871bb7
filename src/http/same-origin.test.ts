import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type SignedInUser } from '../../tests/support/http-session.ts';
import { createTestDatabase, type TestDatabase } from '../../tests/support/test-database.ts';
import { type App, buildServer } from './build-server.ts';

let database: TestDatabase;
let app: App;
let rtHead: SignedInUser;
// How the server is reached in these tests: inject sends this Host header.
const host = 'tepat.example:3000';

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildServer({ db: database.db, logLevel: 'silent' });
  rtHead = await createUserAndLogin(app, database.db, {
    role: 'rt_rw_head',
    areaCode: '31.74.01.1001',
    areaRw: '001',
  });
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

function login(headers: Record<string, string>, target: App = app) {
  return target.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { host, ...headers },
    payload: { username: rtHead.user.username, password: rtHead.password },
  });
}

function upload(headers: Record<string, string>) {
  const boundary = '----tepat-same-origin';
  return app.inject({
    method: 'POST',
    url: '/api/intake/uploads',
    headers: {
      host,
      cookie: rtHead.cookie,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      ...headers,
    },
    payload:
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="rt.csv"\r\n` +
      `Content-Type: text/csv\r\n\r\nno_kk,nik,nama\r\n\r\n--${boundary}--\r\n`,
  });
}

const submissionCount = async () =>
  Number(
    (
      await database.db
        .selectFrom('intake_submission')
        .select((expression) => expression.fn.countAll().as('count'))
        .executeTakeFirstOrThrow()
    ).count,
  );

describe('requests a page of another origin sends', () => {
  it('refuses a sign-in from another origin (login CSRF), in both languages', async () => {
    const refused = await login({ origin: 'http://evil.example' });
    expect([refused.statusCode, refused.json().error]).toEqual([403, 'cross_origin_refused']);
    expect(refused.json().message).toMatch(/^Ditolak/);
    expect(refused.headers['set-cookie']).toBeUndefined();
    const english = await login({ origin: 'http://evil.example', 'accept-language': 'en' });
    expect(english.json().message).toMatch(/^Refused/);
  });

  it('refuses another port of the same host, as Origin or as Sec-Fetch-Site', async () => {
    expect((await login({ origin: 'http://tepat.example:4000' })).statusCode).toBe(403);
    expect((await login({ origin: 'https://tepat.example:3000' })).statusCode).toBe(403);
    expect((await login({ origin: 'null' })).statusCode).toBe(403);
    for (const site of ['same-site', 'cross-site'])
      expect((await login({ 'sec-fetch-site': site })).statusCode).toBe(403);
  });

  it('refuses a cross-origin upload carrying the session cookie before a byte is stored', async () => {
    const before = await submissionCount();
    const refused = await upload({ origin: 'http://tepat.example:4000', 'sec-fetch-site': 'same-site' });
    expect([refused.statusCode, refused.json().error]).toEqual([403, 'cross_origin_refused']);
    expect(await submissionCount()).toBe(before);
    // The same upload from the page itself goes through to the intake checks.
    const accepted = await upload({ origin: `http://${host}`, 'sec-fetch-site': 'same-origin' });
    expect(accepted.json().error).not.toBe('cross_origin_refused');
    expect(await submissionCount()).toBe(before + 1);
  });

  it('accepts the same origin, a typed-in address (none), and clients that name no origin', async () => {
    expect((await login({ origin: `http://${host}` })).statusCode).toBe(200);
    expect((await login({ origin: 'HTTP://TEPAT.EXAMPLE:3000' })).statusCode).toBe(200);
    expect((await login({ 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
    expect((await login({ 'sec-fetch-site': 'none' })).statusCode).toBe(200);
    expect((await login({})).statusCode).toBe(200);
    // A default port is the same origin whether written or not.
    expect((await login({ host: 'tepat.example', origin: 'http://tepat.example:80' })).statusCode).toBe(200);
  });

  it('leaves reads alone: a GET from another origin is answered', async () => {
    const health = await app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(health.statusCode).toBe(200);
  });

  it("trusts the browser's Sec-Fetch-Site over an Origin that a proxy's rewritten Host no longer matches", async () => {
    const response = await login({
      host: '127.0.0.1:3000',
      origin: 'https://tepat.example',
      'sec-fetch-site': 'same-origin',
    });
    expect(response.statusCode).toBe(200);
  });

  it('compares with the public origin from X-Forwarded-Host/Proto only when the proxy is trusted', async () => {
    const behindProxy = {
      host: '127.0.0.1:3000',
      origin: 'https://tepat.example',
      'x-forwarded-host': 'tepat.example',
      'x-forwarded-proto': 'https',
    };
    expect((await login(behindProxy)).statusCode).toBe(403);
    const trusting = await buildServer({ db: database.db, logLevel: 'silent', trustProxy: ['loopback'] });
    try {
      expect((await login(behindProxy, trusting)).statusCode).toBe(200);
      expect(
        (await login({ ...behindProxy, origin: 'https://tepat.example:8443' }, trusting)).statusCode,
      ).toBe(403);
      // Forwarded headers from an address that is not the proxy are not believed.
      const direct = await trusting.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '203.0.113.7',
        headers: behindProxy,
        payload: { username: rtHead.user.username, password: rtHead.password },
      });
      expect(direct.statusCode).toBe(403);
    } finally {
      await trusting.close();
    }
  });
});
