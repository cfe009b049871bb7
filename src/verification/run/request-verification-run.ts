// Starting a verification run, or taking over one whose process died, so a rerun finishes the work.
import { recordAudit } from '../../audit/record-audit.ts';
import type { Actor } from '../../auth/session-user.ts';
import type { DatabaseClient } from '../../db/database.ts';
import {
  claimStaleVerificationRun,
  findActiveVerificationRun,
  insertVerificationRun,
  type VerificationRunRecord,
} from './verification-run-repository.ts';
import { assertAreaCode } from './verification-source-repository.ts';

/** A run whose heartbeat is older than this is taken to have died (beats come every 5 seconds). */
export const staleRunSeconds = 30;

export class VerificationBusyError extends Error {
  constructor(readonly run: VerificationRunRecord) {
    super(
      `Verification run ${run.id} (area ${run.areaCode || 'all'}) is still in progress; wait for it to finish.`,
    );
  }
}

export interface RequestVerificationRunOptions {
  db: DatabaseClient;
  areaCode: string;
  actor: Actor;
  /** Seconds without a heartbeat after which an active run counts as dead (default `staleRunSeconds`). */
  staleSeconds?: number;
}

/**
 * Returns the run to execute: a new one, or an interrupted one taken over (`resumed`), whatever area the caller
 * asked for, because one run at a time writes results. Refuses while a live run is going.
 */
export async function requestVerificationRun({
  db,
  areaCode,
  actor,
  staleSeconds = staleRunSeconds,
}: RequestVerificationRunOptions): Promise<{ run: VerificationRunRecord; resumed: boolean }> {
  assertAreaCode(areaCode);
  const active = await findActiveVerificationRun(db);
  if (active) {
    const claimed = await claimStaleVerificationRun(db, { runId: active.id, staleSeconds });
    if (!claimed) throw new VerificationBusyError(active);
    await recordAudit({
      db,
      actor,
      action: 'verification.resume',
      entityType: 'verification_run',
      entityId: String(claimed.id),
      areaCode: claimed.areaCode,
      detail: { stagesDone: claimed.stagesDone },
    });
    return { run: claimed, resumed: true };
  }
  const run = await insertVerificationRun(db, { areaCode, requestedBy: actor.userId }).catch(
    async (error: { code?: string }) => {
      // Another request created one between our check and insert (the unique index said so).
      const raced = error.code === '23505' ? await findActiveVerificationRun(db) : null;
      throw raced ? new VerificationBusyError(raced) : error;
    },
  );
  await recordAudit({
    db,
    actor,
    action: 'verification.start',
    entityType: 'verification_run',
    entityId: String(run.id),
    areaCode,
  });
  return { run, resumed: false };
}
