import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../../auth/session-hook.ts';
import type { DatabaseClient } from '../../db/database.ts';
import { decidePair } from './decide-pair.ts';
import { listMergesAwaitingReview } from './list-awaiting-merges.ts';
import { listReviewQueue } from './list-review-queue.ts';
import {
  ZAwaitingMergeSchema,
  ZDecideSchema,
  ZDecisionSchema,
  ZPairDetailSchema,
  ZQueueSchema,
  ZSecondReviewSchema,
} from './review-contracts.ts';
import { reviewMerge } from './review-merge.ts';
import { viewReviewPair } from './view-review-pair.ts';

const areaQuery = z.string().max(20).optional();

export function registerReviewRoutes(app: FastifyInstance, { db }: { db: DatabaseClient }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/verification/review/pairs',
    {
      schema: {
        tags: ['verification'],
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(25),
          areaCode: areaQuery,
          kelurahanCode: z.string().max(20).optional(),
          kind: z.enum(['registry', 'ministry']).optional(),
          order: z.enum(['weight', 'uncertainty']).default('weight'),
        }),
        response: { 200: ZQueueSchema },
      },
    },
    async (request) => {
      const user = requirePermission(request, 'verification.review');
      return listReviewQueue({ db, user, ...request.query });
    },
  );

  api.get(
    '/verification/review/pair',
    {
      schema: {
        tags: ['verification'],
        querystring: z.object({
          key: z.string().min(1).max(300),
          runId: z.coerce.number().int().optional(),
          reveal: z.enum(['true', 'false']).default('false'),
        }),
        response: { 200: z.object({ pair: ZPairDetailSchema }) },
      },
    },
    async (request) => {
      const user = requirePermission(request, 'verification.review');
      const pair = await viewReviewPair({
        db,
        user,
        pairKey: request.query.key,
        runId: request.query.runId,
        reveal: request.query.reveal === 'true',
      });
      return { pair };
    },
  );

  api.post(
    '/verification/review/decisions',
    {
      schema: {
        tags: ['verification'],
        body: ZDecideSchema,
        response: { 200: z.object({ decision: ZDecisionSchema }) },
      },
    },
    async (request) => {
      const user = requirePermission(request, 'verification.review');
      return decidePair({ db, user, ...request.body });
    },
  );

  api.get(
    '/verification/review/merges',
    {
      schema: {
        tags: ['verification'],
        querystring: z.object({ areaCode: areaQuery }),
        response: { 200: z.object({ merges: z.array(ZAwaitingMergeSchema) }) },
      },
    },
    async (request) => {
      const user = requirePermission(request, 'verification.review');
      return listMergesAwaitingReview({ db, user, areaCode: request.query.areaCode });
    },
  );

  api.post(
    '/verification/review/merges',
    {
      schema: {
        tags: ['verification'],
        body: ZSecondReviewSchema,
        response: {
          200: z.object({
            decision: ZDecisionSchema,
            merge: z.object({ mergedHouseholdId: z.number(), intoHouseholdId: z.number() }).nullable(),
          }),
        },
      },
    },
    async (request) => {
      const user = requirePermission(request, 'verification.review');
      return reviewMerge({ db, user, ...request.body });
    },
  );
}
