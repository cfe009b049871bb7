import type { DatabaseClient } from '../../db/database.ts';

/** The verification results of one family's members in one run. */
export async function listFamilyVerification(
  db: DatabaseClient,
  { runId, kkNumber, householdId }: { runId: number; kkNumber: string; householdId: number },
) {
  return db
    .selectFrom('verification_person')
    .select(['member_id', 'status', 'reasons', 'matched_ref', 'matched_source', 'score'])
    .where('kk_number', '=', kkNumber)
    .where('run_id', '=', runId)
    .where('household_id', '=', householdId)
    .orderBy('member_id')
    .execute();
}
