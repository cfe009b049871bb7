// The stored form of a decision: one COPY text line of eligibility_decision per family, built without
// intermediate arrays; reasons as the same JSON that JSON.stringify writes.
import { copyValue } from '../db/copy-rows.ts';
import type { FamilyFacts, FamilyOutcome, Reason } from './rules.ts';

/** The columns of eligibility_decision written by decisionLine, in order. */
export const DECISION_COLUMNS = [
  'kk_number',
  'determination_id',
  'household_id',
  'kelurahan_code',
  'rw',
  'rt',
  'decision',
  'reasons',
  'flags',
  'head_name',
  'collector_member_id',
  'collector_name',
  'address',
  'member_count',
  'amount',
] as const;

// The JSON of the reasons shared by every family of a pass (frozen constants of the evaluator), kept by identity.
const sharedReasonJson = new WeakMap<Reason, string>();

function reasonJson(reason: Reason): string {
  if (!Object.isFrozen(reason)) return JSON.stringify(reason);
  let json = sharedReasonJson.get(reason);
  if (json === undefined) {
    json = JSON.stringify(reason);
    sharedReasonJson.set(reason, json);
  }
  return json;
}

/** JSON.stringify(reasons), reusing the text of shared reasons. */
export function reasonsJson(reasons: readonly Reason[]): string {
  let json = '[';
  for (let index = 0; index < reasons.length; index++) {
    if (index > 0) json += ',';
    json += reasonJson(reasons[index] as Reason);
  }
  return `${json}]`;
}

const text = (value: string | null | undefined) =>
  value === null || value === undefined ? '\\N' : copyValue(value);

/** One eligibility_decision row (DECISION_COLUMNS) as a COPY text line, newline included. */
export function decisionLine(
  determinationId: number,
  facts: FamilyFacts,
  outcome: FamilyOutcome,
  amount: number,
): string {
  return `${text(facts.kkNumber)}\t${determinationId}\t${facts.householdId}\t${text(facts.kelurahanCode)}\t${text(
    facts.rw,
  )}\t${text(facts.rt)}\t${outcome.decision}\t${copyValue(reasonsJson(outcome.reasons))}\t{${outcome.flags.join(
    ',',
  )}}\t${text(facts.head?.name)}\t${outcome.collectorMemberId ?? '\\N'}\t${text(outcome.collectorName)}\t${text(
    facts.address,
  )}\t${facts.memberCount}\t${amount}\n`;
}
