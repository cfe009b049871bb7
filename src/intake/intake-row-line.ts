import { copyLine } from '../db/copy-rows.ts';
import type { RowProblem } from './row-problem.ts';
import type { IntakeRecord } from './validate-intake-row.ts';

/** Column order of intake_row as written by COPY; must match intakeRowLine. */
export const INTAKE_ROW_COPY_COLUMNS = [
  'submission_id',
  'row_number',
  'kk_number',
  'nik',
  'nik_absence_reason',
  'full_name',
  'sex',
  'birth_place',
  'birth_date',
  'relationship',
  'marital_status',
  'occupation',
  'address',
  'rt',
  'rw',
  'kelurahan_code',
  'phone',
  'fixed_income',
  'covid_affected',
  'ref',
  'raw',
  'problems',
  'validation',
  'review',
] as const;

export function intakeRowLine(
  submissionId: number,
  rowNumber: number,
  record: IntakeRecord,
  raw: Record<string, string>,
  problems: RowProblem[],
  review: 'pending' | 'forwarded',
): string {
  const rejected = problems.some((problem) => problem.severity === 'error');
  return copyLine([
    submissionId,
    rowNumber,
    record.kkNumber,
    record.nik,
    record.nikAbsenceReason,
    record.fullName,
    record.sex,
    record.birthPlace,
    record.birthDate,
    record.relationship,
    record.maritalStatus,
    record.occupation,
    record.address,
    record.rt,
    record.rw,
    record.kelurahanCode,
    record.phone,
    record.fixedIncome,
    record.covidAffected,
    record.ref,
    JSON.stringify(raw),
    problems.length === 0 ? '[]' : JSON.stringify(problems),
    rejected ? 'rejected' : 'accepted',
    rejected ? 'pending' : review,
  ]);
}
