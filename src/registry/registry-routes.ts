import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission, scopeOf } from '../auth/session-hook.ts';
import type { SessionUser } from '../auth/session-user.ts';
import type { DatabaseClient } from '../db/database.ts';
import { languageOf } from '../http/request-language.ts';
import { ZPageQuerySchema } from '../intake/intake-contracts.ts';
import { formatProblem } from '../intake/problem-messages.ts';
import type { RowProblem } from '../intake/row-problem.ts';
import { editHousehold } from './edit-household.ts';
import { editMember } from './edit-member.ts';
import { searchHouseholds } from './household-repository.ts';
import { maskIdentityNumber } from './mask.ts';
import { ZChangeSchema, ZHouseholdDetailSchema, ZHouseholdListItemSchema } from './registry-contracts.ts';
import {
  ZHouseholdEditSchema,
  ZMemberEditSchema,
  ZRegistryEditResponseSchema,
} from './registry-edit-contracts.ts';
import { summariseArea } from './summarise-area.ts';
import { viewHousehold, viewHouseholdHistory } from './view-household.ts';

/** The family as it now reads (masked), what changed, and the warnings in the reader's language. */
async function editResponse({
  db,
  user,
  householdId,
  outcome,
  request,
}: {
  db: DatabaseClient;
  user: SessionUser;
  householdId: number;
  outcome: { changedFields: string[]; warnings: RowProblem[] };
  request: FastifyRequest;
}) {
  const language = languageOf(request.headers['accept-language']);
  return {
    household: await viewHousehold({ db, user, householdId, reveal: false }),
    changedFields: outcome.changedFields,
    warnings: outcome.warnings.map((problem) => formatProblem(problem, language)),
  };
}

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
        querystring: z.object({ reveal: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.object({ changes: z.array(ZChangeSchema) }) },
      },
    },
    async (request) => {
      const user = requirePermission(request, 'registry.read');
      const changes = await viewHouseholdHistory({
        db,
        user,
        householdId: request.params.id,
        reveal: request.query.reveal === 'true',
      });
      return { changes };
    },
  );

  api.patch(
    '/households/:id',
    {
      schema: {
        tags: ['registry'],
        params: z.object({ id: z.coerce.number().int() }),
        body: ZHouseholdEditSchema,
        response: { 200: ZRegistryEditResponseSchema },
      },
    },
    async (request) => {
      const user = requirePermission(request, 'registry.edit');
      const householdId = request.params.id;
      const outcome = await editHousehold({ db, user, householdId, edit: request.body });
      return editResponse({ db, user, householdId, outcome, request });
    },
  );

  api.patch(
    '/households/:id/members/:memberId',
    {
      schema: {
        tags: ['registry'],
        params: z.object({ id: z.coerce.number().int(), memberId: z.coerce.number().int() }),
        body: ZMemberEditSchema,
        response: { 200: ZRegistryEditResponseSchema },
      },
    },
    async (request) => {
      const user = requirePermission(request, 'registry.edit');
      const householdId = request.params.id;
      const outcome = await editMember({
        db,
        user,
        householdId,
        memberId: request.params.memberId,
        edit: request.body,
      });
      return editResponse({ db, user, householdId, outcome, request });
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
