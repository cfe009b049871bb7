import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth/session-hook.ts';
import type { DatabaseClient } from '../db/database.ts';
import { notFound } from '../http/http-error.ts';
import { findRegion, listChildRegions } from './region-repository.ts';

const ZRegionSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.number(),
  parentCode: z.string().nullable(),
});

export function registerRegionRoutes(app: FastifyInstance, { db }: { db: DatabaseClient }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/regions',
    {
      schema: {
        tags: ['regions'],
        querystring: z.object({ parent: z.string().max(20).optional() }),
        response: { 200: z.object({ regions: z.array(ZRegionSchema) }) },
      },
    },
    async (request) => {
      requireUser(request);
      const regions = await listChildRegions(db, request.query.parent ?? null);
      return {
        regions: regions.map(({ code, name, level, parentCode }) => ({ code, name, level, parentCode })),
      };
    },
  );
  api.get(
    '/regions/:code',
    {
      schema: {
        tags: ['regions'],
        params: z.object({ code: z.string().max(20) }),
        response: { 200: z.object({ region: ZRegionSchema }) },
      },
    },
    async (request) => {
      requireUser(request);
      const region = await findRegion(db, request.params.code);
      if (!region)
        throw notFound({
          en: `No region with code ${request.params.code}`,
          id: `Tidak ada wilayah dengan kode ${request.params.code}`,
        });
      return {
        region: { code: region.code, name: region.name, level: region.level, parentCode: region.parentCode },
      };
    },
  );
}
