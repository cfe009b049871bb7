import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeCovers } from '../../auth/area-scope.ts';
import { requirePermission, scopeOf } from '../../auth/session-hook.ts';
import { actorOf } from '../../auth/session-user.ts';
import type { DatabaseClient } from '../../db/database.ts';
import { conflict, forbidden, notFound } from '../../http/http-error.ts';
import { executeVerificationRun } from './execute-verification-run.ts';
import { requestVerificationRun, VerificationBusyError } from './request-verification-run.ts';
import {
  presentVerificationRun,
  ZFamilyVerificationSchema,
  ZVerificationRunSchema,
} from './run-contracts.ts';
import { findVerificationRun, listVerificationRuns } from './verification-run-repository.ts';
import { viewFamilyVerification } from './view-family-verification.ts';

export function registerVerificationRunRoutes(app: FastifyInstance, { db }: { db: DatabaseClient }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/verification/runs',
    {
      schema: {
        tags: ['verification'],
        body: z
          .object({
            areaCode: z
              .string()
              .regex(/^[0-9.]{0,13}$/)
              .optional(),
          })
          .default({}),
        response: { 202: z.object({ run: ZVerificationRunSchema, resumed: z.boolean() }) },
      },
    },
    async (request, reply) => {
      const user = requirePermission(request, 'verification.run');
      const scope = scopeOf(user);
      const areaCode = request.body.areaCode ?? scope.areaCode;
      if (!areaCode.startsWith(scope.areaCode) || (scope.rw !== null && !scopeCovers(scope, areaCode)))
        throw forbidden({
          en: 'You may only verify your own area.',
          id: 'Anda hanya boleh memverifikasi wilayah Anda sendiri.',
        });
      try {
        const { run, resumed } = await requestVerificationRun({ db, areaCode, actor: actorOf(user) });
        // The run goes on after the answer; its progress is read from GET /verification/runs/:id.
        executeVerificationRun({ db, runId: run.id }).catch((error: Error) =>
          request.log.error({ runId: run.id, error: error.message }, 'verification run failed'),
        );
        return reply.code(202).send({ run: presentVerificationRun(run), resumed });
      } catch (error) {
        if (error instanceof VerificationBusyError)
          throw conflict('verification_busy', {
            en: error.message,
            id: `Verifikasi ${error.run.id} (wilayah ${error.run.areaCode || 'semua'}) masih berjalan; tunggu hingga selesai.`,
          });
        throw error;
      }
    },
  );

  api.get(
    '/verification/runs',
    {
      schema: {
        tags: ['verification'],
        response: { 200: z.object({ runs: z.array(ZVerificationRunSchema) }) },
      },
    },
    async (request) => {
      const user = requirePermission(request, 'registry.read');
      const runs = await listVerificationRuns(db, { areaCode: scopeOf(user).areaCode, limit: 50 });
      return { runs: runs.map(presentVerificationRun) };
    },
  );

  api.get(
    '/verification/runs/:id',
    {
      schema: {
        tags: ['verification'],
        params: z.object({ id: z.coerce.number().int() }),
        response: { 200: z.object({ run: ZVerificationRunSchema }) },
      },
    },
    async (request) => {
      const user = requirePermission(request, 'registry.read');
      const run = await findVerificationRun(db, request.params.id);
      const scope = scopeOf(user).areaCode;
      // A run is visible when its area and the user's overlap.
      if (!run || !(run.areaCode.startsWith(scope) || scope.startsWith(run.areaCode)))
        throw notFound({ en: 'No such verification run.', id: 'Verifikasi ini tidak ada.' });
      return { run: presentVerificationRun(run) };
    },
  );

  api.get(
    '/households/:householdId/verification',
    {
      schema: {
        tags: ['verification'],
        params: z.object({ householdId: z.coerce.number().int() }),
        response: { 200: ZFamilyVerificationSchema },
      },
    },
    async (request) =>
      viewFamilyVerification({
        db,
        user: requirePermission(request, 'registry.read'),
        householdId: request.params.householdId,
      }),
  );
}
