import { recordAudit } from '../audit/record-audit.ts';
import { scopeCovers } from '../auth/area-scope.ts';
import { actorOf, type SessionUser } from '../auth/session-user.ts';
import type { DatabaseClient } from '../db/database.ts';
import { forbidden, HttpError } from '../http/http-error.ts';
import { cachedRegionDirectory } from '../regions/region-directory.ts';
import { INTAKE_FIELD_HEADERS, INTAKE_FIELDS, type IntakeField } from './intake-fields.ts';
import {
  clearFamilyProblems,
  findSubmissionRow,
  refreshSubmissionCounts,
  rejectInconsistentFamilies,
  replaceSubmissionRow,
} from './intake-repository.ts';
import { isRejected } from './row-problem.ts';
import { assertCanReview, requireVisibleSubmission, rowNotFound } from './submission-access.ts';
import { validateIntakeRow } from './validate-intake-row.ts';
import { addScopeProblem } from './validated-lines.ts';

export interface CorrectSubmissionRowOptions {
  db: DatabaseClient;
  user: SessionUser;
  submissionId: number;
  rowNumber: number;
  /** New cell values keyed by the Indonesian header (no_kk, nik, nama, …). */
  values: Record<string, string>;
  referenceDate?: Date;
}

/**
 * An operator corrects a pending row; it is validated again, with its family, and the change audited. In an
 * import a reader of one area corrects only the rows of that area, and cannot move one out of it.
 */
export async function correctSubmissionRow({
  db,
  user,
  submissionId,
  rowNumber,
  values,
  referenceDate,
}: CorrectSubmissionRowOptions) {
  const { submission, rowArea } = await requireVisibleSubmission({ db, user, submissionId });
  assertCanReview(user, submission);
  const before = await findSubmissionRow(db, submissionId, rowNumber, rowArea);
  if (!before) throw rowNotFound(submissionId, rowNumber);
  if (before.review !== 'pending')
    throw new HttpError(409, 'row_already_reviewed', {
      en: `Row ${rowNumber} was already ${before.review}`,
      id: `Baris ${rowNumber} sudah ${before.review === 'forwarded' ? 'diteruskan' : 'dikembalikan'}`,
    });
  const raw = { ...before.raw };
  for (const [header, value] of Object.entries(values)) {
    if (!INTAKE_FIELDS.some((field) => INTAKE_FIELD_HEADERS[field].indonesian === header)) {
      throw new HttpError(400, 'unknown_field', {
        en: `Unknown field "${header}"`,
        id: `Kolom "${header}" tidak dikenal`,
      });
    }
    raw[header] = value;
  }
  const fieldValues: Partial<Record<IntakeField, string>> = {};
  for (const field of INTAKE_FIELDS) {
    const value = raw[INTAKE_FIELD_HEADERS[field].indonesian];
    if (value !== undefined) fieldValues[field] = value;
  }
  const regions = await cachedRegionDirectory({ db });
  const { record, problems } = validateIntakeRow(fieldValues, {
    regions,
    referenceDate: referenceDate ?? new Date(),
  });
  if (submission.kelurahan_code)
    addScopeProblem({ areaCode: submission.kelurahan_code, rw: submission.rw }, record, problems);
  else if (
    rowArea !== undefined &&
    !(record.kelurahanCode && scopeCovers({ areaCode: rowArea, rw: null }, record.kelurahanCode))
  )
    throw forbidden({
      en: `Row ${rowNumber}: the kelurahan code given is outside your area (${rowArea}) or cannot be read`,
      id: `Baris ${rowNumber}: kode kelurahan yang diisi berada di luar wilayah Anda (${rowArea}) atau tidak terbaca`,
    });
  const rejected = isRejected(problems);
  await db.transaction().execute(async (transaction) => {
    await replaceSubmissionRow(transaction, {
      submission_id: submissionId,
      row_number: rowNumber,
      kk_number: record.kkNumber,
      nik: record.nik,
      nik_absence_reason: record.nikAbsenceReason,
      full_name: record.fullName,
      sex: record.sex,
      birth_place: record.birthPlace,
      birth_date: record.birthDate,
      relationship: record.relationship,
      marital_status: record.maritalStatus,
      occupation: record.occupation,
      address: record.address,
      rt: record.rt,
      rw: record.rw,
      kelurahan_code: record.kelurahanCode,
      phone: record.phone,
      fixed_income: record.fixedIncome,
      covid_affected: record.covidAffected,
      ref: record.ref,
      raw,
      problems,
      validation: rejected ? 'rejected' : 'accepted',
      review: 'pending',
    });
    const families = [before.kk_number, record.kkNumber].filter((kk): kk is string => kk !== null);
    if (families.length > 0) {
      await clearFamilyProblems(transaction, submissionId, families);
      await rejectInconsistentFamilies(transaction, submissionId, families);
    }
    await refreshSubmissionCounts(transaction, submissionId);
    // An import's row belongs to its own kelurahan; a row moved to another is recorded for both areas.
    const areas = submission.kelurahan_code
      ? [submission.kelurahan_code]
      : [...new Set([before.kelurahan_code, record.kelurahanCode])].filter((code) => code !== null);
    for (const areaCode of areas.length > 0 ? areas : [null]) {
      await recordAudit({
        db: transaction,
        actor: actorOf(user),
        action: 'intake.correct_row',
        entityType: 'intake_row',
        entityId: `${submissionId}:${rowNumber}`,
        areaCode,
        // Only the cells the operator changed: before → after of each.
        ...changedCells(before.raw, raw),
      });
    }
  });
  return (await findSubmissionRow(db, submissionId, rowNumber))!;
}

function changedCells(
  before: Record<string, string>,
  after: Record<string, string>,
): { before: Record<string, string | null>; after: Record<string, string | null> } {
  const changed = Object.keys({ ...before, ...after }).filter(
    (key) => (before[key] ?? '') !== (after[key] ?? ''),
  );
  return {
    before: Object.fromEntries(changed.map((key) => [key, before[key] ?? null])),
    after: Object.fromEntries(changed.map((key) => [key, after[key] ?? null])),
  };
}
