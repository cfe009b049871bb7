import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth/session-hook.ts';
import type { DatabaseClient } from '../db/database.ts';
import { languageOf } from '../http/request-language.ts';
import { createCycle } from './create-cycle.ts';
import { createProgramme } from './create-programme.ts';
import {
  ZCycleDetailSchema,
  ZCycleSchema,
  ZDeterminationDetailSchema,
  ZFamilyCycleDecisionSchema,
  ZFamilyDecisionSchema,
  ZPrepareResultSchema,
  ZProgrammeSchema,
  ZRuleSchema,
} from './eligibility-contracts.ts';
import { exportAnnex } from './export-annex.ts';
import { listProgrammesWithRules } from './list-programmes.ts';
import { prepareDetermination } from './prepare-determination.ts';
import { signDetermination } from './sign-determination.ts';
import { updateProgrammeRule } from './update-programme-rule.ts';
import {
  listDeterminationFamilies,
  listPaymentCycles,
  viewCycle,
  viewDetermination,
  viewDeterminationFamily,
} from './view-determination.ts';
import { viewFamilyDecisions } from './view-family-decisions.ts';

export function registerEligibilityRoutes(app: FastifyInstance, { db }: { db: DatabaseClient }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['eligibility'];

  api.get(
    '/eligibility/programmes',
    { schema: { tags, response: { 200: z.object({ programmes: z.array(ZProgrammeSchema) }) } } },
    async (request) => ({ programmes: await listProgrammesWithRules({ db, user: requireUser(request) }) }),
  );

  api.post(
    '/eligibility/programmes',
    {
      schema: {
        tags,
        body: z.object({
          code: z.string().max(30),
          name: z.string().max(120),
          amountPerCycle: z.number().int(),
          areaCode: z.string().max(20),
        }),
        response: { 200: z.object({ programmes: z.array(ZProgrammeSchema) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await createProgramme({ db, user, ...request.body });
      return { programmes: await listProgrammesWithRules({ db, user }) };
    },
  );

  api.put(
    '/eligibility/programmes/:programmeId/rules/:ruleCode',
    {
      schema: {
        tags,
        params: z.object({ programmeId: z.coerce.number().int(), ruleCode: z.string().max(60) }),
        body: z.object({ enabled: z.boolean(), parameters: z.record(z.string(), z.unknown()).default({}) }),
        response: {
          200: z.object({
            rule: ZRuleSchema,
            triedOn: z.object({
              families: z.number(),
              eligible: z.number(),
              excluded: z.number(),
              pending: z.number(),
            }),
          }),
        },
      },
    },
    async (request) => {
      const result = await updateProgrammeRule({
        db,
        user: requireUser(request),
        programmeId: request.params.programmeId,
        ruleCode: request.params.ruleCode,
        enabled: request.body.enabled,
        parameters: request.body.parameters,
      });
      return {
        rule: { ...result.rule, parameters: result.rule.parameters as Record<string, unknown> },
        triedOn: result.triedOn,
      };
    },
  );

  api.get(
    '/eligibility/cycles',
    { schema: { tags, response: { 200: z.object({ cycles: z.array(ZCycleSchema) }) } } },
    async (request) => ({ cycles: await listPaymentCycles({ db, user: requireUser(request) }) }),
  );

  api.post(
    '/eligibility/cycles',
    {
      schema: {
        tags,
        body: z.object({
          programmeCode: z.string().max(40).default('BST-PROV'),
          period: z.string().max(7),
          months: z.union([z.literal(1), z.literal(2)]).default(1),
        }),
        response: { 200: z.object({ cycle: ZCycleSchema }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const cycle = await createCycle({ db, user, ...request.body });
      return { cycle: (await viewCycle({ db, user, cycleId: cycle.id })).cycle };
    },
  );

  api.get(
    '/eligibility/cycles/:cycleId',
    {
      schema: {
        tags,
        params: z.object({ cycleId: z.coerce.number().int() }),
        response: { 200: ZCycleDetailSchema },
      },
    },
    async (request) => viewCycle({ db, user: requireUser(request), cycleId: request.params.cycleId }),
  );

  api.post(
    '/eligibility/cycles/:cycleId/determinations',
    {
      schema: {
        tags,
        params: z.object({ cycleId: z.coerce.number().int() }),
        body: z.object({ kotaCode: z.string().max(10) }),
        response: { 200: ZPrepareResultSchema },
      },
    },
    async (request) => {
      const result = await prepareDetermination({
        db,
        user: requireUser(request),
        cycleId: request.params.cycleId,
        kotaCode: request.body.kotaCode,
      });
      return {
        determinationId: result.determinationId,
        familyCount: result.familyCount,
        eligibleCount: result.eligibleCount,
        totalAmount: result.totalAmount,
        byDecision: result.byDecision,
      };
    },
  );

  api.get(
    '/eligibility/determinations/:determinationId',
    {
      schema: {
        tags,
        params: z.object({ determinationId: z.coerce.number().int() }),
        response: { 200: ZDeterminationDetailSchema },
      },
    },
    async (request) =>
      viewDetermination({ db, user: requireUser(request), determinationId: request.params.determinationId }),
  );

  api.post(
    '/eligibility/determinations/:determinationId/sign',
    {
      schema: {
        tags,
        params: z.object({ determinationId: z.coerce.number().int() }),
        response: { 200: z.object({ determinationId: z.number(), signedAt: z.string() }) },
      },
    },
    async (request) => {
      const result = await signDetermination({
        db,
        user: requireUser(request),
        determinationId: request.params.determinationId,
      });
      return {
        determinationId: result.determinationId,
        signedAt: new Date(result.signedAt ?? '').toISOString(),
      };
    },
  );

  api.get(
    '/eligibility/determinations/:determinationId/families',
    {
      schema: {
        tags,
        params: z.object({ determinationId: z.coerce.number().int() }),
        querystring: z.object({
          kelurahanCode: z.string().max(20).optional(),
          decision: z.enum(['eligible', 'excluded', 'pending']).optional(),
          reason: z.string().max(60).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ families: z.array(ZFamilyDecisionSchema), total: z.number() }) },
      },
    },
    async (request) =>
      listDeterminationFamilies({
        db,
        user: requireUser(request),
        determinationId: request.params.determinationId,
        ...request.query,
        language: languageOf(request.headers['accept-language']),
      }),
  );

  api.get(
    '/eligibility/determinations/:determinationId/families/:householdId',
    {
      schema: {
        tags,
        params: z.object({ determinationId: z.coerce.number().int(), householdId: z.coerce.number().int() }),
        response: { 200: z.object({ family: ZFamilyDecisionSchema }) },
      },
    },
    async (request) => ({
      family: await viewDeterminationFamily({
        db,
        user: requireUser(request),
        determinationId: request.params.determinationId,
        householdId: request.params.householdId,
        language: languageOf(request.headers['accept-language']),
      }),
    }),
  );

  api.get(
    '/households/:householdId/decisions',
    {
      schema: {
        tags,
        params: z.object({ householdId: z.coerce.number().int() }),
        response: { 200: z.object({ decisions: z.array(ZFamilyCycleDecisionSchema) }) },
      },
    },
    async (request) => ({
      decisions: await viewFamilyDecisions({
        db,
        user: requireUser(request),
        householdId: request.params.householdId,
        language: languageOf(request.headers['accept-language']),
      }),
    }),
  );

  api.get(
    '/eligibility/determinations/:determinationId/annex.:format',
    {
      schema: {
        tags,
        params: z.object({ determinationId: z.coerce.number().int(), format: z.enum(['xlsx', 'pdf']) }),
        querystring: z.object({ kelurahanCode: z.string().max(20).optional() }),
      },
    },
    async (request, reply) => {
      const { fileName, content } = await exportAnnex({
        db,
        user: requireUser(request),
        determinationId: request.params.determinationId,
        kelurahanCode: request.query.kelurahanCode,
        format: request.params.format,
      });
      return reply
        .header(
          'content-type',
          request.params.format === 'pdf'
            ? 'application/pdf'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(content);
    },
  );
}
