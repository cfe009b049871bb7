import { type AreaScope, scopeCovers, WHOLE_COUNTRY } from '../auth/area-scope.ts';
import { hasPermission } from '../auth/roles.ts';
import type { SessionUser } from '../auth/session-user.ts';
import { forbidden, notFound } from '../http/http-error.ts';
import type { SubmissionView } from './intake-repository.ts';

export interface SubmissionVisibility {
  /** Kelurahan whose submissions the user sees (RT/RW heads are not limited to their RW: they see their own). */
  scope: AreaScope;
  /** Set for RT/RW heads: they see only what they submitted. */
  ownerId?: number;
  /** Dinas Sosial imports cover the whole province and carry no kelurahan. */
  includeProvinceWide: boolean;
}

/** The one rule for who sees which submissions, used by lists, counts and single reads alike. */
export function submissionVisibility(user: SessionUser): SubmissionVisibility {
  if (user.role === 'rt_rw_head')
    return { scope: WHOLE_COUNTRY, ownerId: user.id, includeProvinceWide: false };
  return {
    scope: { areaCode: user.areaCode, rw: null },
    includeProvinceWide: hasPermission(user.role, 'intake.import') || hasPermission(user.role, 'audit.read'),
  };
}

export function canSeeSubmission(user: SessionUser, submission: SubmissionView): boolean {
  const visibility = submissionVisibility(user);
  if (visibility.ownerId !== undefined) return submission.submitted_by === visibility.ownerId;
  if (submission.kelurahan_code === null) return visibility.includeProvinceWide;
  return scopeCovers(visibility.scope, submission.kelurahan_code);
}

export function assertSubmissionVisible(
  user: SessionUser,
  submission: SubmissionView | undefined,
): SubmissionView {
  // Outside the user's area looks exactly like a missing submission: no existence leak.
  if (!submission || !canSeeSubmission(user, submission))
    throw notFound({
      en: 'Submission not found or outside your area',
      id: 'Kiriman tidak ditemukan atau berada di luar wilayah Anda',
    });
  return submission;
}

export function assertCanReview(user: SessionUser, submission: SubmissionView): void {
  if (!hasPermission(user.role, 'intake.review'))
    throw forbidden({
      en: 'Your role cannot review submissions',
      id: 'Peran Anda tidak dapat memeriksa kiriman',
    });
  if (submission.status === 'file_rejected')
    throw forbidden({
      en: 'A rejected file has no rows to review',
      id: 'Berkas yang ditolak tidak memiliki baris untuk diperiksa',
    });
}
