import { scopeCovers } from '../auth/area-scope.ts';
import { hasPermission } from '../auth/roles.ts';
import type { SessionUser } from '../auth/session-user.ts';
import { forbidden, notFound } from '../http/http-error.ts';
import type { SubmissionView } from './intake-repository.ts';

/** Who may see a submission: its RT/RW head, reviewers of its kelurahan, and Dinas Sosial for province-wide imports. */
export function canSeeSubmission(user: SessionUser, submission: SubmissionView): boolean {
  if (user.role === 'rt_rw_head') return submission.submitted_by === user.id;
  if (submission.kelurahan_code === null)
    return hasPermission(user.role, 'intake.import') || hasPermission(user.role, 'audit.read');
  return scopeCovers({ areaCode: user.areaCode, rw: null }, submission.kelurahan_code);
}

export function assertSubmissionVisible(
  user: SessionUser,
  submission: SubmissionView | undefined,
): SubmissionView {
  // Outside the user's area looks exactly like a missing submission: no existence leak.
  if (!submission || !canSeeSubmission(user, submission))
    throw notFound('Submission not found or outside your area');
  return submission;
}

export function assertCanReview(user: SessionUser, submission: SubmissionView): void {
  if (!hasPermission(user.role, 'intake.review')) throw forbidden('Your role cannot review submissions');
  if (submission.status === 'file_rejected') throw forbidden('A rejected file has no rows to review');
}
