import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requirePermission } from '../auth/session-hook.ts';
import type { DatabaseClient } from '../db/database.ts';
import { ZAuditListResponseSchema, ZAuditQuerySchema } from './audit-contracts.ts';
import { listAuditLog } from './list-audit-log.ts';

export function registerAuditRoutes(api: FastifyInstance, { db }: { db: DatabaseClient }): void {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/audit',
    { schema: { querystring: ZAuditQuerySchema, response: { 200: ZAuditListResponseSchema } } },
    async (request) => {
      const actor = requirePermission(request, 'audit.read');
      return listAuditLog({ db, actor, query: request.query });
    },
  );
}
