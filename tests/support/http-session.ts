import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createUser } from '../../src/auth/create-user.ts';
import type { Role } from '../../src/auth/roles.ts';
import { SESSION_COOKIE_NAME } from '../../src/auth/session-token.ts';
import { type SessionUser, SYSTEM_ACTOR } from '../../src/auth/session-user.ts';
import type { DatabaseClient } from '../../src/db/database.ts';

export interface SignedInUser {
  /** Pass as `headers: { cookie }` in app.inject. */
  cookie: string;
  user: SessionUser;
  password: string;
}

/** Creates a user with a unique username and signs them in over HTTP, so a test states only the role and area. */
export async function createUserAndLogin(
  app: FastifyInstance,
  db: DatabaseClient,
  { role, areaCode, areaRw, username }: { role: Role; areaCode: string; areaRw?: string; username?: string },
): Promise<SignedInUser> {
  const password = `test-password-${randomBytes(6).toString('hex')}`;
  const user = await createUser({
    db,
    actor: SYSTEM_ACTOR,
    input: {
      username: username ?? `${role.replaceAll('_', '.')}.${randomBytes(4).toString('hex')}`,
      fullName: `Test ${role}`,
      password,
      role,
      areaCode,
      areaRw: areaRw ?? (role === 'rt_rw_head' ? '001' : null),
    },
  });
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: user.username, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`Test login failed: ${response.statusCode} ${response.body}`);
  const sessionCookie = response.cookies.find((cookie) => cookie.name === SESSION_COOKIE_NAME);
  if (!sessionCookie) throw new Error('Test login returned no session cookie');
  return { cookie: `${SESSION_COOKIE_NAME}=${sessionCookie.value}`, user, password };
}

/** An upload of one file as a multipart request body, as the web UI's upload form sends it. */
export function multipart(fileName: string, content: string) {
  const boundary = '----tepat-test-boundary';
  const body =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
    `Content-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
