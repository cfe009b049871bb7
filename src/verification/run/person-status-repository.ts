// Per-person verification results: status and reasons from findings, pairs and reviewers' decisions.
import type { DatabaseClient } from '../../db/database.ts';

export interface RefreshPersonStatusesOptions {
  db: DatabaseClient;
  runId: number;
  /** Only the families with these KK numbers (after a review decision); all of the run when omitted. */
  kkNumbers?: readonly string[];
}

/** Recomputes verification_person rows of the run (or of some families) from findings, pairs and decisions. */
export async function refreshPersonStatuses(_options: RefreshPersonStatusesOptions): Promise<void> {
  // Filled in by the verification run work.
}
