import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerAuditRoutes } from '../audit/audit-routes.ts';
import { registerAuthRoutes } from '../auth/auth-routes.ts';
import { registerSessionHook } from '../auth/session-hook.ts';
import type { TrustProxy } from '../config.ts';
import type { DatabaseClient } from '../db/database.ts';
import { registerEligibilityRoutes } from '../eligibility/eligibility-routes.ts';
import { registerIntakeRoutes } from '../intake/intake-routes.ts';
import { registerRegionRoutes } from '../regions/region-routes.ts';
import { registerRegistryRoutes } from '../registry/registry-routes.ts';
import { registerReviewRoutes } from '../verification/review/review-routes.ts';
import { registerVerificationRunRoutes } from '../verification/run/run-routes.ts';
import { registerVerificationSettingsRoutes } from '../verification/settings/settings-routes.ts';
import { clientError } from './client-error-messages.ts';
import { HttpError, notFound } from './http-error.ts';
import { languageOf } from './request-language.ts';
import { registerSameOriginHook } from './same-origin.ts';
import { validationMessage, validatorCompiler } from './validation-messages.ts';

export interface BuildServerOptions {
  db: DatabaseClient;
  logLevel?: string;
  secureCookies?: boolean;
  /** Which reverse proxy's X-Forwarded-* headers to believe; none unless configured (TEPAT_TRUST_PROXY). */
  trustProxy?: TrustProxy;
  /** Folder with the built web UI (vite build output); the API works without it. */
  webDirectory?: string;
}

export type App = FastifyInstance;

export async function buildServer({
  db,
  logLevel = 'info',
  secureCookies = false,
  trustProxy = false,
  webDirectory,
}: BuildServerOptions) {
  const app = Fastify({
    logger: logLevel === 'silent' ? false : { level: logLevel },
    bodyLimit: 10 * 1024 * 1024,
    trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, {
    openapi: { info: { title: 'Tepat API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });
  await app.register(cookie);
  // Intake files up to 100 MB; larger files are refused with a clear message, not a crash.
  await app.register(multipart, { limits: { fileSize: 100 * 1024 * 1024, files: 1 } });

  app.setErrorHandler((error, request, reply) => {
    const language = languageOf(request.headers['accept-language']);
    const invalid = validationMessage(error, language);
    if (invalid !== undefined) return reply.status(400).send({ error: 'invalid_request', message: invalid });
    const statusCode = (error as { statusCode?: number }).statusCode;
    const refusal =
      error instanceof HttpError
        ? error
        : statusCode && statusCode >= 400 && statusCode < 500
          ? clientError(error as Error & { code?: unknown }, statusCode)
          : undefined;
    if (refusal) {
      return reply
        .status(refusal.statusCode)
        .send({ error: refusal.code, message: refusal.messageIn(language) });
    }
    request.log.error(error);
    const message =
      language === 'en'
        ? 'Internal error; the team has been notified.'
        : 'Terjadi kesalahan di server; tim sudah diberi tahu.';
    return reply.status(500).send({ error: 'internal_error', message });
  });

  // Before the session is looked up: a request another site's page sent is refused unread.
  registerSameOriginHook(app);
  registerSessionHook(app, { db });
  await app.register(
    async (api) => {
      registerAuthRoutes(api, { db, secureCookies });
      registerRegionRoutes(api, { db });
      registerIntakeRoutes(api, { db });
      registerRegistryRoutes(api, { db });
      registerAuditRoutes(api, { db });
      registerEligibilityRoutes(api, { db });
      registerReviewRoutes(api, { db });
      registerVerificationRunRoutes(api, { db });
      registerVerificationSettingsRoutes(api, { db });
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      api.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
    },
    { prefix: '/api' },
  );

  const webUi = webDirectory !== undefined && existsSync(path.join(webDirectory, 'index.html'));
  if (webUi) await app.register(fastifyStatic, { root: webDirectory, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes all load the single page.
    if (webUi && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.send(notFound({ en: 'No such endpoint', id: 'Alamat ini tidak ada' }));
  });
  return app;
}
