import type { SessionUser } from '../../auth/session-user.ts';
import type { DatabaseClient } from '../../db/database.ts';
import { listAwaitingMerges } from './review-repository.ts';
import { currentRunFor, reviewAreaOf } from './review-run.ts';

/** Family merges proposed in the user's area that wait for a second reviewer; the user's own are marked. */
export async function listMergesAwaitingReview({
  db,
  user,
  areaCode,
}: {
  db: DatabaseClient;
  user: SessionUser;
  areaCode?: string;
}) {
  const area = reviewAreaOf(user, areaCode);
  const run = await currentRunFor({ db, user, areaCode: area });
  if (!run) return { merges: [] };
  const rows = await listAwaitingMerges(db, { runId: run.id, scope: { areaCode: area, rw: null } });
  return {
    merges: rows.map((row) => ({
      pairKey: row.pair_key,
      runId: run.id,
      reason: row.reason,
      decidedAt: new Date(row.decided_at).toISOString(),
      decidedBy: { id: row.decided_by, username: row.decided_by_username, fullName: row.decided_by_name },
      mine: row.decided_by === user.id,
      weight: row.weight,
      leftHouseholdId: row.left_household_id,
      rightHouseholdId: row.right_household_id,
      leftName: row.left_name,
      rightName: row.right_name,
      kelurahanCode: row.left_kelurahan_code,
    })),
  };
}
