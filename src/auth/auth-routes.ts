import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DatabaseClient } from '../db/database.ts';
import { HttpError } from '../http/http-error.ts';
import {
  ZChangePasswordRequestSchema,
  ZErrorResponseSchema,
  ZLoginRequestSchema,
  ZUserResponseSchema,
} from './auth-contracts.ts';
import { changeOwnPassword } from './change-own-password.ts';
import { LoginThrottle } from './login-throttle.ts';
import { loginUser } from './login-user.ts';
import { logoutUser } from './logout-user.ts';
import { requireUser } from './session-hook.ts';
import { hashSessionToken, SESSION_COOKIE_NAME, SESSION_LIFETIME_MILLISECONDS } from './session-token.ts';
import { normalizeUsername } from './user-mapping.ts';
import { registerUserRoutes } from './user-routes.ts';

export function sessionCookieOptions(secureCookies: boolean): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', secure: secureCookies, path: '/' };
}

export function registerAuthRoutes(
  api: FastifyInstance,
  {
    db,
    secureCookies,
    loginThrottle = new LoginThrottle(),
  }: { db: DatabaseClient; secureCookies: boolean; loginThrottle?: LoginThrottle },
): void {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/auth/login',
    {
      schema: {
        body: ZLoginRequestSchema,
        response: { 200: ZUserResponseSchema, 401: ZErrorResponseSchema, 429: ZErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const throttleKey = `${normalizeUsername(request.body.username)}|${request.ip}`;
      refuseWhileThrottled(loginThrottle, throttleKey, reply, (minutes) => ({
        en: `Too many failed sign-ins; try again in ${minutes} minute(s)`,
        id: `Terlalu banyak percobaan masuk yang gagal; coba lagi dalam ${minutes} menit`,
      }));
      const session = await loginUser({ db, ...request.body }).catch((error: unknown) => {
        if (error instanceof HttpError && error.code === 'invalid_credentials')
          loginThrottle.recordFailure(throttleKey);
        throw error;
      });
      loginThrottle.reset(throttleKey);
      reply.setCookie(SESSION_COOKIE_NAME, session.token, {
        ...sessionCookieOptions(secureCookies),
        maxAge: SESSION_LIFETIME_MILLISECONDS / 1000,
      });
      return { user: session.user };
    },
  );

  app.post('/auth/logout', async (request, reply) => {
    await logoutUser({ db, token: request.cookies[SESSION_COOKIE_NAME], user: request.user });
    reply.clearCookie(SESSION_COOKIE_NAME, sessionCookieOptions(secureCookies));
    return reply.status(204).send();
  });

  app.get('/auth/me', { schema: { response: { 200: ZUserResponseSchema } } }, async (request) => ({
    user: requireUser(request),
  }));

  app.post('/auth/password', { schema: { body: ZChangePasswordRequestSchema } }, async (request, reply) => {
    const user = requireUser(request);
    // A stolen session must not become a way to guess the password it lacks.
    const throttleKey = `password-change|${user.id}`;
    refuseWhileThrottled(loginThrottle, throttleKey, reply, (minutes) => ({
      en: `Too many wrong current passwords; try again in ${minutes} minute(s)`,
      id: `Terlalu banyak kata sandi saat ini yang salah; coba lagi dalam ${minutes} menit`,
    }));
    const token = request.cookies[SESSION_COOKIE_NAME];
    await changeOwnPassword({
      db,
      user,
      ...request.body,
      sessionTokenHash: token ? hashSessionToken(token) : undefined,
    }).catch((error: unknown) => {
      if (error instanceof HttpError && error.code === 'current_password_wrong')
        loginThrottle.recordFailure(throttleKey);
      throw error;
    });
    loginThrottle.reset(throttleKey);
    return reply.status(204).send();
  });

  registerUserRoutes(app, { db });
}

/** Answers 429 with Retry-After while the key has failed too often. */
function refuseWhileThrottled(
  throttle: LoginThrottle,
  key: string,
  reply: FastifyReply,
  message: (minutes: number) => { en: string; id: string },
): void {
  const retryAfter = throttle.retryAfter(key);
  if (retryAfter <= 0) return;
  reply.header('retry-after', Math.ceil(retryAfter / 1000));
  throw new HttpError(429, 'too_many_attempts', message(Math.ceil(retryAfter / 60_000)));
}
