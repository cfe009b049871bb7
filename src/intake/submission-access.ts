import { type AreaScope, WHOLE_COUNTRY } from '../auth/area-scope.ts';
import { hasPermission } from '../auth/roles.ts';
import type { SessionUser } from '../auth/session-user.ts';
import type { DatabaseClient } from '../db/database.ts';
import { forbidden, notFound } from '../http/http-error.ts';
import { findVisibleSubmission, type SubmissionView } from './intake-repository.ts';

export interface SubmissionVisibility {
  /** Kelurahan whose submissions the user sees (RT/RW heads are not limited to their RW: they see their own). */
  scope: AreaScope;
  /** Set for RT/RW heads: they see only what they submitted. */
  ownerId?: number;
  /**
   * Imports carry no kelurahan: each row names its own. '' reads every row of every import, an area code the
   * rows inside that area (and only imports holding some), null no import at all.
   */
  importArea: string | null;
}

// Rows without a readable kelurahan belong to the province, as audit entries without an area do.
const PROVINCE_CODE_LENGTH = 2;

/** The one rule for who sees which submissions, used by lists, counts and single reads alike. */
export function submissionVisibility(user: SessionUser): SubmissionVisibility {
  if (user.role === 'rt_rw_head') return { scope: WHOLE_COUNTRY, ownerId: user.id, importArea: null };
  const readsImports = hasPermission(user.role, 'intake.import') || hasPermission(user.role, 'audit.read');
  return {
    scope: { areaCode: user.areaCode, rw: null },
    importArea: !readsImports ? null : user.areaCode.length <= PROVINCE_CODE_LENGTH ? '' : user.areaCode,
  };
}

export interface VisibleSubmission {
  /** Counted, for an import read by one area, by the rows of that area. */
  submission: SubmissionView;
  /** Set when the user reads, corrects and reviews only the rows whose own kelurahan lies in this area. */
  rowArea?: string;
}

/** A submission the user sees, with the rows they may read; any other looks exactly like a missing one. */
export async function requireVisibleSubmission({
  db,
  user,
  submissionId,
}: {
  db: DatabaseClient;
  user: SessionUser;
  submissionId: number;
}): Promise<VisibleSubmission> {
  const visibility = submissionVisibility(user);
  const submission = await findVisibleSubmission(db, { id: submissionId, visibility });
  if (!submission)
    throw notFound({
      en: 'Submission not found or outside your area',
      id: 'Kiriman tidak ditemukan atau berada di luar wilayah Anda',
    });
  const rowArea =
    submission.kelurahan_code === null && visibility.ownerId === undefined && visibility.importArea
      ? visibility.importArea
      : undefined;
  return { submission, rowArea };
}

/** A row outside the user's area answers as a row that does not exist. */
export function rowNotFound(submissionId: number, rowNumber: number) {
  return notFound({
    en: `Row ${rowNumber} not found in submission ${submissionId}`,
    id: `Baris ${rowNumber} tidak ditemukan dalam kiriman ${submissionId}`,
  });
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
