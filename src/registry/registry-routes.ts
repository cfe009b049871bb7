import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission, scopeOf } from '../auth/session-hook.ts';
import type { DatabaseClient } from '../db/database.ts';
import { ZPageQuerySchema } from '../intake/intake-contracts.ts';
import { searchHouseholds } from './household-repository.ts';
import { maskIdentityNumber } from './mask.ts';
import { ZChangeSchema, ZHouseholdDetailSchema, ZHouseholdListItemSchema } from './registry-contracts.ts';
import { summariseArea } from './summarise-area.ts';
import { viewHousehold, viewHouseholdHistory } from './view-household.ts';

export function registerRegistryRoutes(app: FastifyInstance, { db }: { db: DatabaseClient }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/households',
    {
      schema: {
        tags: ['registry'],
        querystring: ZPageQuerySchema.extend({
          q: z.string().max(100).optional(),
          kelurahanCode: z.string().max(20).optional(),
          rw: z.string().max(5).optional(),
        }),
        response: { 200: z.object({ households: z.array(ZHouseholdListItemSchema), total: z.number() }) },
      },
    },
    async (request) => {
      const user = requirePermission(request, 'registry.read');
      const { page, pageSize, q, kelurahanCode, rw } = request.query;
      const { households, total } = await searchHouseholds(db, {
        scope: scopeOf(user),
        q,
        kelurahanCode,
        rw,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return {
        total,
        households: households.map((household) => ({
          id: household.id,
          kkNumberMasked: maskIdentityNumber(household.kk_number) ?? '',
          headName: household.head_name,
          address: household.address,
          rt: household.rt,
          rw: household.rw,
          kelurahanCode: household.kelurahan_code,
          kelurahanName: household.kelurahan_name,
          memberCount: household.member_count,
          status: household.status,
        })),
      };
    },
  );

  api.get(
    '/households/:id',
    {
      schema: {
        tags: ['registry'],
        params: z.object({ id: z.coerce.number().int() }),
        querystring: z.object({ reveal: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.object({ household: ZHouseholdDetailSchema }) },
      },
    },
    async (request) => {
      const user = requirePermission(request, 'registry.read');
      const household = await viewHousehold({
        db,
        user,
        householdId: request.params.id,
        reveal: request.query.reveal === 'true',
      });
      return { household };
    },
  );

  api.get(
    '/households/:id/history',
    {
      schema: {
        tags: ['registry'],
        params: z.object({ id: z.coerce.number().int() }),
        response: { 200: z.object({ changes: z.array(ZChangeSchema) }) },
      },
    },
    async (request) => {
      const user = requirePermission(request, 'registry.read');
      return { changes: await viewHouseholdHistory({ db, user, householdId: request.params.id }) };
    },
  );

  api.get(
    '/registry/summary',
    {
      schema: {
        tags: ['registry'],
        response: {
          200: z.object({
            households: z.number(),
            members: z.number(),
            submissionsInReview: z.number(),
            rowsRejected: z.number(),
            rowsPending: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const user = requirePermission(request, 'registry.read');
      return summariseArea({ db, user });
    },
  );
}
