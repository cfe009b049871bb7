import { z } from 'zod';

const ZPairOfThresholds = z.object({ match: z.number(), review: z.number() });

export const ZThresholdsViewSchema = z.object({
  /** What the next run uses: the administrator's setting, else the thresholds of the latest run. */
  current: ZPairOfThresholds.extend({ source: z.enum(['setting', 'latest_run']) }).nullable(),
  setting: ZPairOfThresholds.extend({
    updatedAt: z.string(),
    updatedBy: z.object({ username: z.string().nullable(), fullName: z.string().nullable() }),
  }).nullable(),
  /** Posterior probability of the same person at each threshold, under the latest run's model. */
  probabilities: z.object({ match: z.number().nullable(), review: z.number().nullable() }),
  latestRun: z
    .object({
      id: z.number(),
      areaCode: z.string(),
      finishedAt: z.string().nullable(),
      matchProportion: z.number().nullable(),
      thresholds: ZPairOfThresholds.nullable(),
      /** Pairs of that run per band: match, review, nik_conflict. */
      bands: z.record(z.string(), z.number()),
    })
    .nullable(),
});
export type TThresholdsView = z.infer<typeof ZThresholdsViewSchema>;

export const ZSetThresholdsSchema = z.object({
  match: z.number().finite().min(-100).max(100),
  review: z.number().finite().min(-100).max(100),
});
