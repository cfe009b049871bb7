// Verification runs: creation, the one-active-run rule, stage checkpoints and progress.
import { sql } from 'kysely';
import type { DatabaseClient } from '../../db/database.ts';

export interface VerificationRunRecord {
  id: number;
  areaCode: string;
  status: string;
  requestedBy: number | null;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  heartbeatAt: Date | null;
  stagesDone: string[];
  progress: Record<string, unknown>;
  model: unknown;
  thresholds: { match: number; review: number } | null;
  figures: Record<string, unknown>;
  error: string | null;
}

const runColumns = [
  'id',
  'area_code',
  'status',
  'requested_by',
  'requested_at',
  'started_at',
  'finished_at',
  'heartbeat_at',
  'stages_done',
  'progress',
  'model',
  'thresholds',
  'figures',
  'error',
] as const;

function toRecord(row: {
  id: number;
  area_code: string;
  status: string;
  requested_by: number | null;
  requested_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  heartbeat_at: Date | null;
  stages_done: string[];
  progress: Record<string, unknown>;
  model: unknown;
  thresholds: unknown;
  figures: Record<string, unknown>;
  error: string | null;
}): VerificationRunRecord {
  return {
    id: row.id,
    areaCode: row.area_code,
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    heartbeatAt: row.heartbeat_at,
    stagesDone: row.stages_done,
    progress: row.progress,
    model: row.model,
    thresholds: (row.thresholds as VerificationRunRecord['thresholds']) ?? null,
    figures: row.figures,
    error: row.error,
  };
}

export async function findVerificationRun(
  db: DatabaseClient,
  runId: number,
): Promise<VerificationRunRecord | null> {
  const row = await db
    .selectFrom('verification_run')
    .select(runColumns)
    .where('id', '=', runId)
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** Runs whose area overlaps the given one (a province run covers a kelurahan; a kelurahan run shows at its kota). */
export async function listVerificationRuns(
  db: DatabaseClient,
  { areaCode, limit }: { areaCode: string; limit: number },
): Promise<VerificationRunRecord[]> {
  const rows = await db
    .selectFrom('verification_run')
    .select(runColumns)
    .where((eb) =>
      eb.or([
        eb(sql.val(areaCode), 'like', sql<string>`area_code || '%'`),
        eb('area_code', 'like', `${areaCode}%`),
      ]),
    )
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRecord);
}

export async function findActiveVerificationRun(db: DatabaseClient): Promise<VerificationRunRecord | null> {
  const row = await db
    .selectFrom('verification_run')
    .select(runColumns)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function insertVerificationRun(
  db: DatabaseClient,
  { areaCode, requestedBy }: { areaCode: string; requestedBy: number | null },
): Promise<VerificationRunRecord> {
  const row = await db
    .insertInto('verification_run')
    .values({ area_code: areaCode, status: 'queued', requested_by: requestedBy, heartbeat_at: sql`now()` })
    .returning(runColumns)
    .executeTakeFirstOrThrow();
  return toRecord(row);
}

/** Takes over an active run whose heartbeat stopped (its process died), atomically: one taker wins. */
export async function claimStaleVerificationRun(
  db: DatabaseClient,
  { runId, staleSeconds }: { runId: number; staleSeconds: number },
): Promise<VerificationRunRecord | null> {
  const row = await db
    .updateTable('verification_run')
    .set({ heartbeat_at: sql`now()`, status: 'queued' })
    .where('id', '=', runId)
    .where('status', 'in', ['queued', 'running'])
    .where(
      sql<boolean>`coalesce(heartbeat_at, requested_at) < now() - make_interval(secs => ${staleSeconds})`,
    )
    .returning(runColumns)
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function markVerificationRunStarted(db: DatabaseClient, runId: number): Promise<void> {
  await db
    .updateTable('verification_run')
    .set({ status: 'running', started_at: sql`coalesce(started_at, now())`, heartbeat_at: sql`now()` })
    .where('id', '=', runId)
    .execute();
}

export async function beatVerificationRun(
  db: DatabaseClient,
  { runId, progress }: { runId: number; progress: Record<string, unknown> },
): Promise<void> {
  await db
    .updateTable('verification_run')
    .set({ heartbeat_at: sql`now()`, progress: JSON.stringify(progress) })
    .where('id', '=', runId)
    .where('status', '=', 'running')
    .execute();
}

/** Marks a stage done and merges its figures, inside the transaction that wrote the stage's results. */
export async function completeVerificationStage(
  db: DatabaseClient,
  { runId, stage, figures }: { runId: number; stage: string; figures: Record<string, unknown> },
): Promise<void> {
  await db
    .updateTable('verification_run')
    .set({
      stages_done: sql`array_append(stages_done, ${stage})`,
      figures: sql`figures || ${JSON.stringify(figures)}::jsonb`,
      heartbeat_at: sql`now()`,
    })
    .where('id', '=', runId)
    .execute();
}

export async function saveVerificationModel(
  db: DatabaseClient,
  { runId, model, thresholds }: { runId: number; model: unknown; thresholds: unknown },
): Promise<void> {
  await db
    .updateTable('verification_run')
    .set({ model: JSON.stringify(model), thresholds: JSON.stringify(thresholds) })
    .where('id', '=', runId)
    .execute();
}

export async function finishVerificationRun(
  db: DatabaseClient,
  { runId, status, error }: { runId: number; status: 'completed' | 'failed'; error?: string },
): Promise<void> {
  await db
    .updateTable('verification_run')
    .set({ status, finished_at: sql`now()`, error: error ?? null, progress: JSON.stringify({}) })
    .where('id', '=', runId)
    .execute();
}

export async function findVerificationSetting(
  db: DatabaseClient,
): Promise<{ match: number; review: number } | null> {
  const row = await db
    .selectFrom('verification_setting')
    .select(['match_threshold', 'review_threshold'])
    .executeTakeFirst();
  return row ? { match: row.match_threshold, review: row.review_threshold } : null;
}

export async function listActiveMinistryLists(
  db: DatabaseClient,
): Promise<Array<{ listId: number; programme: string; period: string; acceptedCount: number }>> {
  const rows = await db
    .selectFrom('ministry_list')
    .select(['id', 'programme', 'period', 'accepted_count'])
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    listId: row.id,
    programme: row.programme,
    period: row.period,
    acceptedCount: row.accepted_count,
  }));
}
