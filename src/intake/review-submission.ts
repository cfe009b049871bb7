import { recordAudit } from '../audit/record-audit.ts';
import { actorOf, type SessionUser } from '../auth/session-user.ts';
import type { DatabaseClient } from '../db/database.ts';
import { badRequest } from '../http/http-error.ts';
import {
  type ArrivalCounts,
  applyForwardedIntakeRows,
  takeArrivalTurn,
} from '../registry/intake-arrival-repository.ts';
import {
  findSubmission,
  forwardAcceptedRows,
  refreshSubmissionCounts,
  returnRows,
} from './intake-repository.ts';
import { assertCanReview, assertSubmissionVisible } from './submission-access.ts';

export type ReviewDecision = { rowNumber: number; decision: 'forward' | 'return'; reason?: string };

export interface ReviewSubmissionOptions {
  db: DatabaseClient;
  user: SessionUser;
  submissionId: number;
  decisions?: ReviewDecision[];
  forwardAllAccepted?: boolean;
}

/** The kelurahan operator forwards rows to Dinas Sosial (they reach the registry at once) or returns them with a reason. */
export async function reviewSubmission({
  db,
  user,
  submissionId,
  decisions = [],
  forwardAllAccepted = false,
}: ReviewSubmissionOptions) {
  const submission = assertSubmissionVisible(user, await findSubmission(db, submissionId));
  assertCanReview(user, submission);
  const missingReason = decisions.find(
    (decision) => decision.decision === 'return' && !decision.reason?.trim(),
  );
  if (missingReason)
    throw badRequest('reason_required', {
      en: `Row ${missingReason.rowNumber}: a returned row needs a reason`,
      id: `Baris ${missingReason.rowNumber}: baris yang dikembalikan harus diberi alasan`,
    });
  return db.transaction().execute(async (transaction) => {
    const forwardNumbers = decisions
      .filter((decision) => decision.decision === 'forward')
      .map((decision) => decision.rowNumber);
    if (forwardAllAccepted || forwardNumbers.length > 0) await takeArrivalTurn(transaction);
    const forwarded = await forwardAcceptedRows(transaction, {
      submissionId,
      reviewerId: user.id,
      rowNumbers: forwardAllAccepted ? undefined : forwardNumbers,
    });
    const returned = await returnRows(transaction, {
      submissionId,
      reviewerId: user.id,
      rows: decisions
        .filter((decision) => decision.decision === 'return')
        .map((decision) => ({ rowNumber: decision.rowNumber, reason: decision.reason!.trim() })),
    });
    let arrival: ArrivalCounts | null = null;
    if (forwarded.length > 0) {
      arrival = await applyForwardedIntakeRows(transaction, {
        submissionId,
        rowNumbers: forwarded,
        actorUserId: user.id,
      });
    }
    await refreshSubmissionCounts(transaction, submissionId);
    await recordAudit({
      db: transaction,
      actor: actorOf(user),
      action: 'intake.review',
      entityType: 'intake_submission',
      entityId: String(submissionId),
      areaCode: submission.kelurahan_code,
      after: { forwardedRows: forwarded, returnedRows: returned, arrival },
    });
    return { forwarded: forwarded.length, returned, arrival };
  });
}
