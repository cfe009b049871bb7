import { z } from 'zod';
import type { VerificationRunRecord } from './verification-run-repository.ts';

export const ZVerificationRunSchema = z.object({
  id: z.number(),
  areaCode: z.string(),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  requestedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  stagesDone: z.array(z.string()),
  progress: z.object({
    stage: z.string().optional(),
    done: z.number().optional(),
    total: z.number().optional(),
  }),
  thresholds: z.object({ match: z.number(), review: z.number() }).nullable(),
  figures: z.record(z.string(), z.number()),
  error: z.string().nullable(),
});

export type VerificationRunView = z.infer<typeof ZVerificationRunSchema>;

export function presentVerificationRun(run: VerificationRunRecord): VerificationRunView {
  const progress = run.progress as VerificationRunView['progress'];
  return {
    id: run.id,
    areaCode: run.areaCode,
    status: run.status as VerificationRunView['status'],
    requestedAt: run.requestedAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    stagesDone: run.stagesDone,
    progress: {
      stage: typeof progress.stage === 'string' ? progress.stage : undefined,
      done: typeof progress.done === 'number' ? progress.done : undefined,
      total: typeof progress.total === 'number' ? progress.total : undefined,
    },
    thresholds: run.thresholds,
    figures: Object.fromEntries(
      Object.entries(run.figures).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
    ),
    error: run.error,
  };
}

/** One family's members as the current verification run of its area saw them. */
export const ZFamilyVerificationSchema = z.object({
  runId: z.number().nullable(),
  finishedAt: z.string().nullable(),
  members: z.array(
    z.object({
      memberId: z.number(),
      status: z.string(),
      reasons: z.array(z.string()),
      matchedRef: z.string().nullable(),
      matchedSource: z.string().nullable(),
      score: z.number().nullable(),
    }),
  ),
});
export type FamilyVerificationView = z.infer<typeof ZFamilyVerificationSchema>;
