import { recordPersonalDataRead } from '../audit/record-audit.ts';
import { hasPermission } from '../auth/roles.ts';
import { actorOf, type SessionUser } from '../auth/session-user.ts';
import type { DatabaseClient } from '../db/database.ts';
import type { Language } from '../language.ts';
import { maskIdentityNumber, maskPhone } from '../registry/mask.ts';
import type { TSubmissionRow } from './intake-contracts.ts';
import { INTAKE_FIELD_HEADERS, type IntakeField } from './intake-fields.ts';
import { presentRow } from './intake-presenters.ts';
import { type IntakeRowRecord, listSubmissionRows, type RowFilter } from './intake-repository.ts';
import type { RowProblem } from './row-problem.ts';
import { requireVisibleSubmission } from './submission-access.ts';

const PERSONAL_FIELDS: Partial<Record<IntakeField, (value: string | null) => string | null>> = {
  kkNumber: maskIdentityNumber,
  nik: maskIdentityNumber,
  phone: maskPhone,
};

export interface ViewSubmissionRowsOptions {
  db: DatabaseClient;
  user: SessionUser;
  submissionId: number;
  filter: RowFilter;
  page: number;
  pageSize: number;
  language: Language;
}

/**
 * A page of the rows of a submission the user reads (of an import, those of their area). NIK, KK and phone
 * are shown in full to roles that may read personal data, to correct them, and the read is logged under the
 * rows' kelurahan; other roles see them masked, as in the registry.
 */
export async function viewSubmissionRows({
  db,
  user,
  submissionId,
  filter,
  page,
  pageSize,
  language,
}: ViewSubmissionRowsOptions): Promise<{ rows: TSubmissionRow[]; total: number }> {
  const { submission, rowArea } = await requireVisibleSubmission({ db, user, submissionId });
  const { rows, total } = await listSubmissionRows(db, {
    submissionId,
    filter,
    limit: pageSize,
    offset: (page - 1) * pageSize,
    rowArea,
  });
  if (readsPersonalData(user) && rows.length > 0) {
    const areas =
      submission.kelurahan_code !== null
        ? [submission.kelurahan_code]
        : [...new Set(rows.map((row) => row.kelurahan_code))];
    for (const areaCode of areas) {
      await recordPersonalDataRead({
        db,
        actor: actorOf(user),
        entityType: 'intake_submission',
        entityId: String(submissionId),
        fields: ['kk_number', 'nik', 'phone'],
        purpose: 'intake.rows',
        areaCode,
      });
    }
  }
  return { rows: rows.map((row) => presentRowFor(user, row, language)), total };
}

/** A row as this user may see it: NIK, KK and phone masked (cells and problem messages) unless allowed. */
export function presentRowFor(
  user: SessionUser,
  row: IntakeRowRecord & { household_id?: number | null },
  language: Language,
): TSubmissionRow {
  return presentRow(readsPersonalData(user) ? row : maskedRow(row), language);
}

function readsPersonalData(user: SessionUser): boolean {
  return hasPermission(user.role, 'registry.read_personal');
}

function maskedRow<T extends IntakeRowRecord>(row: T): T {
  const raw = { ...row.raw };
  for (const [field, mask] of Object.entries(PERSONAL_FIELDS)) {
    const header = INTAKE_FIELD_HEADERS[field as IntakeField].indonesian;
    if (raw[header]) raw[header] = mask(raw[header]) ?? '';
  }
  // Any other cell may hold a number too (a quote left open swallows the next rows into an address).
  for (const [header, value] of Object.entries(raw)) raw[header] = maskNumbersIn(value);
  // A problem with an identity number or phone quotes the value typed; others may quote swallowed rows.
  const problems = (row.problems as RowProblem[]).map((problem) => {
    const mask = PERSONAL_FIELDS[problem.field as IntakeField];
    const value = problem.params?.value;
    if (value === undefined) return problem;
    const masked = mask ? (mask(String(value)) ?? '') : maskNumbersIn(String(value));
    return { ...problem, params: { ...problem.params, value: masked } };
  });
  return { ...row, raw, problems };
}

/** Every run of 16 digits (an NIK or KK number) in a text, masked as the registry masks them. */
function maskNumbersIn(text: string): string {
  return text.replace(/\d{16}/g, (digits) => maskIdentityNumber(digits) ?? '');
}
