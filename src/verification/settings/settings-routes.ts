import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hasPermission } from '../../auth/roles.ts';
import { requirePermission, requireUser } from '../../auth/session-hook.ts';
import type { DatabaseClient } from '../../db/database.ts';
import { forbidden } from '../../http/http-error.ts';
import { setThresholds } from './set-thresholds.ts';
import { ZSetThresholdsSchema, ZThresholdsViewSchema } from './settings-contracts.ts';
import { viewThresholds } from './view-thresholds.ts';

export function registerVerificationSettingsRoutes(
  app: FastifyInstance,
  { db }: { db: DatabaseClient },
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/verification/settings/thresholds',
    { schema: { tags: ['verification'], response: { 200: ZThresholdsViewSchema } } },
    async (request) => {
      const user = requireUser(request);
      if (
        !hasPermission(user.role, 'verification.review') &&
        !hasPermission(user.role, 'verification.settings')
      )
        throw forbidden({
          en: `Your role (${user.role}) may not see the verification thresholds`,
          id: `Peran Anda (${user.role}) tidak boleh melihat ambang verifikasi`,
        });
      return viewThresholds({ db });
    },
  );

  api.put(
    '/verification/settings/thresholds',
    {
      schema: {
        tags: ['verification'],
        body: ZSetThresholdsSchema,
        response: { 200: ZThresholdsViewSchema },
      },
    },
    async (request) => {
      const user = requirePermission(request, 'verification.settings');
      return setThresholds({ db, user, ...request.body });
    },
  );
}
