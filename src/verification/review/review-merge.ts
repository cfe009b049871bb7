import { recordAudit } from '../../audit/record-audit.ts';
import { actorOf, type SessionUser } from '../../auth/session-user.ts';
import { scopeOf } from '../../auth/user-scope.ts';
import { withinTransaction } from '../../auth/within-transaction.ts';
import type { DatabaseClient } from '../../db/database.ts';
import { badRequest, conflict, HttpError, notFound } from '../../http/http-error.ts';
import { refreshStatusesAfterDecision } from './decide-pair.ts';
import {
  answerMerge,
  findDecision,
  findHouseholdStatus,
  findReviewPair,
  mergeHousehold,
} from './review-repository.ts';
import { runForPair } from './review-run.ts';
import { presentDecision } from './view-review-pair.ts';

export interface ReviewMergeOptions {
  db: DatabaseClient;
  user: SessionUser;
  pairKey: string;
  runId?: number;
  answer: 'confirm' | 'reject';
  /** Required to turn a merge down; optional to confirm it. */
  reason?: string;
}

/**
 * The second reviewer's answer on a proposed family merge. Confirmed: the family with the larger id is marked
 * merged into the other, in both histories. Turned down: the pair goes back to the review queue.
 */
export async function reviewMerge({ db, user, pairKey, runId, answer, reason }: ReviewMergeOptions) {
  const text = reason?.trim() || null;
  if (answer === 'reject' && !text)
    throw badRequest('reason_required', {
      en: 'Give a reason for turning the merge down',
      id: 'Beri alasan penolakan penggabungan',
    });
  const run = await runForPair({ db, user, runId });
  const pair = await findReviewPair(db, { runId: run.id, pairKey, scope: scopeOf(user) });
  if (!pair)
    throw notFound({
      en: 'Pair not found in the current results, or outside your area',
      id: 'Pasangan tidak ditemukan di hasil terakhir, atau berada di luar wilayah Anda',
    });
  const proposal = await findDecision(db, pairKey);
  if (proposal?.merge_status !== 'awaiting_second_review') {
    throw conflict('no_merge_awaiting', {
      en: 'No merge of these families is waiting for a second review',
      id: 'Tidak ada penggabungan keluarga-keluarga ini yang menunggu pemeriksaan kedua',
    });
  }
  if (proposal.decided_by === user.id) {
    throw new HttpError(403, 'same_reviewer', {
      en: 'You proposed this merge yourself; a second, different verifier must confirm or reject it',
      id: 'Anda sendiri yang mengusulkan penggabungan ini; verifikator kedua yang lain harus menyetujui atau menolaknya',
    });
  }

  const result = await withinTransaction(db, async (transaction) => {
    const answered = await answerMerge(transaction, {
      pairKey,
      mergeStatus: answer === 'confirm' ? 'confirmed' : 'rejected',
      reviewerId: user.id,
      reason: text,
    });
    if (!answered)
      throw conflict('no_merge_awaiting', {
        en: 'Another reviewer has already answered this merge',
        id: 'Pemeriksa lain sudah menjawab penggabungan ini',
      });
    let merge: { mergedHouseholdId: number; intoHouseholdId: number } | null = null;
    if (answer === 'confirm') {
      const left = { kkNumber: pair.kk_number, id: pair.left_household_id };
      const right = { kkNumber: pair.right_kk_number ?? '', id: pair.right_household_id ?? 0 };
      const [kept, merged] = left.id < right.id ? [left, right] : [right, left];
      const [keptRow, mergedRow] = await Promise.all([
        findHouseholdStatus(transaction, kept),
        findHouseholdStatus(transaction, merged),
      ]);
      if (!keptRow || !mergedRow)
        throw notFound({
          en: 'One of the two families is no longer in the registry',
          id: 'Salah satu dari kedua keluarga sudah tidak ada di data keluarga',
        });
      if (keptRow.status === 'merged' || mergedRow.status === 'merged') {
        throw conflict('family_already_merged', {
          en: `Family #${keptRow.status === 'merged' ? kept.id : merged.id} has already been merged into another; run verification again`,
          id: `Keluarga #${keptRow.status === 'merged' ? kept.id : merged.id} sudah digabungkan ke keluarga lain; jalankan verifikasi lagi`,
        });
      }
      await mergeHousehold(transaction, {
        merged,
        into: kept,
        previousStatus: mergedRow.status,
        changedBy: user.id,
        reason: 'verification',
      });
      merge = { mergedHouseholdId: merged.id, intoHouseholdId: kept.id };
      await recordAudit({
        db: transaction,
        actor: actorOf(user),
        action: 'household.merge',
        entityType: 'household',
        entityId: merged.id,
        areaCode: mergedRow.kelurahan_code,
        before: { status: mergedRow.status, mergedIntoHouseholdId: mergedRow.merged_into_household_id },
        after: { status: 'merged', mergedIntoHouseholdId: kept.id },
        detail: { pairKey, proposedBy: proposal.decided_by, reason: proposal.reason, secondReason: text },
      });
    }
    await recordAudit({
      db: transaction,
      actor: actorOf(user),
      action: answer === 'confirm' ? 'verification.merge_confirm' : 'verification.merge_reject',
      entityType: 'match_decision',
      entityId: pairKey,
      areaCode: pair.left_kelurahan_code,
      before: presentDecision(proposal),
      after: { mergeStatus: answer === 'confirm' ? 'confirmed' : 'rejected', secondReason: text, merge },
    });
    return { decision: await findDecision(transaction, pairKey), merge };
  });
  // After the commit: the refresh runs its own transaction over the decisions and families as stored.
  await refreshStatusesAfterDecision({ db, runId: run.id, pair });
  return { decision: presentDecision(result.decision!), merge: result.merge };
}
