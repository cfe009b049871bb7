import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DatabaseClient } from '../db/database.ts';
import { forbidden, HttpError } from '../http/http-error.ts';
import { resolveSession } from './resolve-session.ts';
import { hasPermission, type Permission } from './roles.ts';
import { SESSION_COOKIE_NAME } from './session-token.ts';
import type { SessionUser } from './session-user.ts';

export { scopeOf } from './user-scope.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user of the session cookie, resolved once per API request. */
    user: SessionUser | undefined;
  }
}

/** Resolves the session cookie of every API request into request.user. */
export function registerSessionHook(app: FastifyInstance, { db }: { db: DatabaseClient }): void {
  app.decorateRequest('user', undefined);
  app.addHook('onRequest', async (request) => {
    // Static files of the web UI need no user; skipping them spares a query per asset.
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies?.[SESSION_COOKIE_NAME];
    request.user = token ? await resolveSession({ db, token }) : undefined;
  });
}

export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.user)
    throw new HttpError(401, 'unauthenticated', {
      en: 'Please sign in first',
      id: 'Silakan masuk terlebih dahulu',
    });
  return request.user;
}

export function requirePermission(request: FastifyRequest, permission: Permission): SessionUser {
  const user = requireUser(request);
  if (!hasPermission(user.role, permission)) {
    throw forbidden({
      en: `Your role (${user.role}) does not have the permission ${permission}`,
      id: `Peran Anda (${user.role}) tidak memiliki izin ${permission}`,
    });
  }
  return user;
}

/** preHandler refusing anonymous requests, for routes that only need a signed-in user. */
export async function authenticated(request: FastifyRequest): Promise<void> {
  requireUser(request);
}

/** preHandler refusing users without the permission. */
export function permitted(permission: Permission) {
  return async (request: FastifyRequest): Promise<void> => {
    requirePermission(request, permission);
  };
}
