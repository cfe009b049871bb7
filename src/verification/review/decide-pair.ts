import { recordAudit } from '../../audit/record-audit.ts';
import { actorOf, type SessionUser } from '../../auth/session-user.ts';
import { scopeOf } from '../../auth/user-scope.ts';
import { withinTransaction } from '../../auth/within-transaction.ts';
import type { DatabaseClient } from '../../db/database.ts';
import { badRequest, conflict, notFound } from '../../http/http-error.ts';
import { refreshPersonStatuses } from '../run/person-status-repository.ts';
import { findCurrentRun, findDecision, findReviewPair, storeDecision } from './review-repository.ts';
import { runForPair } from './review-run.ts';
import { presentDecision } from './view-review-pair.ts';

export interface DecidePairOptions {
  db: DatabaseClient;
  user: SessionUser;
  pairKey: string;
  runId?: number;
  decision: 'same_person' | 'different_people';
  reason: string;
}

/**
 * A reviewer's answer on a review-band pair, remembered by its pair key so it never comes back. "Same person"
 * on two different families proposes merging them, which a second, different reviewer must confirm.
 */
export async function decidePair({ db, user, pairKey, runId, decision, reason }: DecidePairOptions) {
  const text = reason.trim();
  if (!text)
    throw badRequest('reason_required', {
      en: 'Give a reason for the decision',
      id: 'Beri alasan untuk keputusan ini',
    });
  const run = await runForPair({ db, user, runId });
  const pair = await findReviewPair(db, { runId: run.id, pairKey, scope: scopeOf(user) });
  if (!pair)
    throw notFound({
      en: 'Pair not found in the review band of the current results, or outside your area',
      id: 'Pasangan tidak ditemukan di antrean tinjauan hasil terakhir, atau berada di luar wilayah Anda',
    });
  const crossFamily =
    pair.kind === 'registry' &&
    pair.right_household_id !== null &&
    pair.right_household_id !== pair.left_household_id;
  const mergeStatus = decision === 'same_person' && crossFamily ? 'awaiting_second_review' : null;

  const stored = await withinTransaction(db, async (transaction) => {
    const before = await findDecision(transaction, pairKey);
    const saved = await storeDecision(transaction, {
      pairKey,
      kind: pair.kind,
      decision,
      reason: text,
      decidedBy: user.id,
      leftMemberId: pair.left_member_id,
      leftHouseholdId: pair.left_household_id,
      rightMemberId: pair.right_member_id,
      rightHouseholdId: pair.right_household_id,
      mergeStatus,
    });
    if (!saved)
      throw conflict('already_decided', {
        en: 'This pair has already been decided by another reviewer',
        id: 'Pasangan ini sudah diputuskan oleh pemeriksa lain',
      });
    await recordAudit({
      db: transaction,
      actor: actorOf(user),
      action: 'verification.decide',
      entityType: 'match_decision',
      entityId: pairKey,
      areaCode: pair.left_kelurahan_code,
      before: before ? presentDecision(before) : null,
      after: { decision, reason: text, mergeStatus, runId: run.id },
    });
    return findDecision(transaction, pairKey);
  });
  // After the commit: the refresh runs its own transaction over the decisions as stored.
  await refreshStatusesAfterDecision({ db, runId: run.id, pair });
  return { decision: presentDecision(stored!) };
}

/**
 * Recomputes the two families' person statuses in the pair's run and in the current run of each family's
 * kelurahan when that is another (a decision applies wherever the pair appears).
 */
export async function refreshStatusesAfterDecision({
  db,
  runId,
  pair,
}: {
  db: DatabaseClient;
  runId: number;
  pair: {
    kk_number: string;
    right_kk_number: string | null;
    left_kelurahan_code: string;
    right_kelurahan_code: string | null;
  };
}): Promise<void> {
  const kelurahan = [pair.left_kelurahan_code, pair.right_kelurahan_code].filter(
    (code): code is string => code !== null,
  );
  const current = await Promise.all(kelurahan.map((code) => findCurrentRun(db, code)));
  const runIds = new Set([runId, ...current.filter((run) => run !== undefined).map((run) => run.id)]);
  for (const id of runIds) await refreshPersonStatuses({ db, runId: id, kkNumbers: familiesOf(pair) });
}

export function familiesOf(pair: { kk_number: string; right_kk_number: string | null }): string[] {
  return [...new Set([pair.kk_number, pair.right_kk_number].filter((kk): kk is string => kk !== null))];
}
