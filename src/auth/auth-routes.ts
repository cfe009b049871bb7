import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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

/** Secure when configured so, and whenever the request came over HTTPS (directly or via a trusted proxy). */
export function sessionCookieOptions(
  secureCookies: boolean,
  request: FastifyRequest,
): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies || request.protocol === 'https',
    path: '/',
  };
}

export function registerAuthRoutes(
  api: FastifyInstance,
  {
    db,
    secureCookies,
    loginThrottle = new LoginThrottle(),
    accountThrottle = new LoginThrottle({ maximumFailures: 50 }),
  }: {
    db: DatabaseClient;
    secureCookies: boolean;
    /** Failed sign-ins per username and address; also wrong current passwords per user. */
    loginThrottle?: LoginThrottle;
    /** Failed sign-ins per username from any address, so guesses spread over many addresses still stop. */
    accountThrottle?: LoginThrottle;
  },
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
      // Unknown usernames are counted alike, so a refusal never tells whether the account exists.
      const accountKey = normalizeUsername(request.body.username);
      const addressKey = `${accountKey}|${request.ip}`;
      const retryAfter = Math.max(
        loginThrottle.retryAfter(addressKey),
        accountThrottle.retryAfter(accountKey),
      );
      refuseWhileThrottled(retryAfter, reply, (minutes) => ({
        en: `Too many failed sign-ins; try again in ${minutes} minute(s)`,
        id: `Terlalu banyak percobaan masuk yang gagal; coba lagi dalam ${minutes} menit`,
      }));
      const session = await loginUser({ db, ...request.body, address: request.ip }).catch(
        (error: unknown) => {
          if (error instanceof HttpError && error.code === 'invalid_credentials') {
            loginThrottle.recordFailure(addressKey);
            accountThrottle.recordFailure(accountKey);
          }
          throw error;
        },
      );
      // The account's count is left to expire: a success of the owner must not hand a guesser 50 more tries.
      loginThrottle.reset(addressKey);
      reply.setCookie(SESSION_COOKIE_NAME, session.token, {
        ...sessionCookieOptions(secureCookies, request),
        maxAge: SESSION_LIFETIME_MILLISECONDS / 1000,
      });
      return { user: session.user };
    },
  );

  app.post('/auth/logout', async (request, reply) => {
    await logoutUser({ db, token: request.cookies[SESSION_COOKIE_NAME], user: request.user });
    reply.clearCookie(SESSION_COOKIE_NAME, sessionCookieOptions(secureCookies, request));
    return reply.status(204).send();
  });

  app.get('/auth/me', { schema: { response: { 200: ZUserResponseSchema } } }, async (request) => ({
    user: requireUser(request),
  }));

  app.post('/auth/password', { schema: { body: ZChangePasswordRequestSchema } }, async (request, reply) => {
    const user = requireUser(request);
    // A stolen session must not become a way to guess the password it lacks.
    const throttleKey = `password-change|${user.id}`;
    refuseWhileThrottled(loginThrottle.retryAfter(throttleKey), reply, (minutes) => ({
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

/** Answers 429 with Retry-After while a throttle still blocks (retryAfter milliseconds above 0). */
function refuseWhileThrottled(
  retryAfter: number,
  reply: FastifyReply,
  message: (minutes: number) => { en: string; id: string },
): void {
  if (retryAfter <= 0) return;
  reply.header('retry-after', Math.ceil(retryAfter / 1000));
  throw new HttpError(429, 'too_many_attempts', message(Math.ceil(retryAfter / 60_000)));
}
