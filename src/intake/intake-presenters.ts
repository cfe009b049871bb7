import type { Language } from '../language.ts';
import type { TSubmission, TSubmissionRow } from './intake-contracts.ts';
import type { IntakeRowRecord, SubmissionView } from './intake-repository.ts';
import { formatProblem, isKnownProblemCode } from './problem-messages.ts';
import type { RowProblem } from './row-problem.ts';

export function presentSubmission(
  view: SubmissionView,
  language: Language,
  duplicateOf: number | null = null,
): TSubmission {
  const fileProblems = (view.file_problems as StoredFileProblem[]).map((problem) => ({
    code: problem.code,
    message: fileProblemMessage(problem, view.file_name ?? '', language),
  }));
  return {
    id: view.id,
    channel: view.channel,
    fileName: view.file_name,
    kelurahanCode: view.kelurahan_code,
    kelurahanName: view.kelurahan_name,
    rw: view.rw,
    rt: view.rt,
    submittedBy: { username: view.submitter_username, fullName: view.submitter_full_name },
    submittedAt: new Date(view.submitted_at).toISOString(),
    status: view.status,
    rowCount: view.row_count,
    acceptedCount: view.accepted_count,
    rejectedCount: view.rejected_count,
    warningCount: view.warning_count,
    pendingCount: view.pending_count,
    forwardedCount: view.forwarded_count,
    returnedCount: view.returned_count,
    acceptedPendingCount: view.accepted_pending_count ?? null,
    fileProblems,
    duplicateOf,
  };
}

export function presentRow(
  row: IntakeRowRecord & { household_id?: number | null },
  language: Language,
): TSubmissionRow {
  return {
    rowNumber: row.row_number,
    values: row.raw,
    validation: row.validation as TSubmissionRow['validation'],
    problems: (row.problems as RowProblem[]).map((problem) => ({
      field: problem.field,
      code: problem.code,
      severity: problem.severity,
      message: formatProblem(problem, language),
    })),
    review: row.review as TSubmissionRow['review'],
    reviewReason: row.review_reason,
    householdId: row.household_id ?? null,
  };
}

type StoredFileProblem = RowProblem & { row?: number; params?: { message?: string } };

const ROW_WORD: Record<Language, string> = { id: 'baris', en: 'row' };

/**
 * A refused file's problem in the reader's language, naming the file and row. The message stored with it is
 * English with the reader's own detail; it is shown as it is in English, or when its code has no translation.
 */
function fileProblemMessage(problem: StoredFileProblem, fileName: string, language: Language): string {
  const stored = problem.params?.message ? String(problem.params.message) : undefined;
  if (stored && (language === 'en' || !isKnownProblemCode(problem.code))) return stored;
  const where = problem.row ? `${fileName}, ${ROW_WORD[language]} ${problem.row}` : fileName;
  return where ? `${where}: ${formatProblem(problem, language)}` : formatProblem(problem, language);
}
