// What verification found on one family: each member's status and reasons in the current run of its area.
import type { SessionUser } from '../../auth/session-user.ts';
import type { DatabaseClient } from '../../db/database.ts';
import { requireHouseholdInScope } from '../../registry/household-access.ts';
import { findCurrentRun } from '../review/review-repository.ts';
import { listFamilyVerification } from './family-verification-repository.ts';
import type { FamilyVerificationView } from './run-contracts.ts';

export async function viewFamilyVerification({
  db,
  user,
  householdId,
}: {
  db: DatabaseClient;
  user: SessionUser;
  householdId: number;
}): Promise<FamilyVerificationView> {
  const household = await requireHouseholdInScope({ db, user, householdId });
  const run = await findCurrentRun(db, household.kelurahan_code);
  if (!run) return { runId: null, finishedAt: null, members: [] };
  const rows = await listFamilyVerification(db, {
    runId: Number(run.id),
    kkNumber: household.kk_number,
    householdId,
  });
  return {
    runId: Number(run.id),
    finishedAt: run.finished_at ? new Date(run.finished_at).toISOString() : null,
    members: rows.map((row) => ({
      memberId: Number(row.member_id),
      status: row.status,
      reasons: row.reasons,
      matchedRef: row.matched_ref,
      matchedSource: row.matched_source,
      score: row.score === null ? null : Number(row.score),
    })),
  };
}
