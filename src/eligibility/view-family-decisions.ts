// The "why" of one family across the cycles: its decision in every list still in force, with its reasons.
import type { SessionUser } from '../auth/session-user.ts';
import { scopeOf } from '../auth/user-scope.ts';
import type { DatabaseClient } from '../db/database.ts';
import type { Language } from '../language.ts';
import { requireHouseholdInScope } from '../registry/household-access.ts';
import type { TFamilyCycleDecision } from './eligibility-contracts.ts';
import { listFamilyDecisions } from './eligibility-repository.ts';
import { describeReason } from './reason-text.ts';
import type { Reason } from './rules.ts';
import { assertMayRead } from './view-determination.ts';

const CYCLES_SHOWN = 12;

export async function viewFamilyDecisions({
  db,
  user,
  householdId,
  language,
}: {
  db: DatabaseClient;
  user: SessionUser;
  householdId: number;
  language: Language;
}): Promise<TFamilyCycleDecision[]> {
  assertMayRead(user);
  const household = await requireHouseholdInScope({ db, user, householdId });
  const rows = await listFamilyDecisions(db, {
    kkNumber: household.kk_number,
    householdId,
    // The snapshot row keeps the address it was decided at: it too must lie in the reader's area.
    scope: scopeOf(user),
    limit: CYCLES_SHOWN,
  });
  return rows.map((row) => ({
    determinationId: Number(row.determination_id),
    cycleId: Number(row.cycle_id),
    programmeName: row.programme_name,
    periods: row.periods,
    kotaCode: row.kota_code,
    listStatus: row.status as 'prepared' | 'signed',
    decision: row.decision as TFamilyCycleDecision['decision'],
    amount: Number(row.amount),
    flags: row.flags,
    reasons: (row.reasons as Reason[]).map((reason) => describeReason(reason, language)),
  }));
}
