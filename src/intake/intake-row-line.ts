import { copyValue } from '../db/copy-rows.ts';
import { isRejected, type RowProblem } from './row-problem.ts';
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

// Codes, digits and dates written by the row check never need COPY escaping; free text may.
export function code(value: string | null): string {
  return value === null ? '\\N' : value;
}

export function flag(value: boolean | null): string {
  return value === null ? '\\N' : value ? 'true' : 'false';
}

export function intakeRowLine(
  submissionId: number,
  rowNumber: number,
  record: IntakeRecord,
  /** The submitted cells (see submittedCells), already in COPY form. */
  raw: string,
  problems: RowProblem[],
  review: 'pending' | 'forwarded',
  /** The row's text holds nothing COPY escapes (a backslash, tab or line break), so neither do its values. */
  plainText = false,
): string {
  const rejected = isRejected(problems);
  const text = plainText ? code : copyValue;
  return `${submissionId}\t${rowNumber}\t${code(record.kkNumber)}\t${code(record.nik)}\t${text(
    record.nikAbsenceReason,
  )}\t${text(record.fullName)}\t${code(record.sex)}\t${text(record.birthPlace)}\t${code(
    record.birthDate,
  )}\t${code(record.relationship)}\t${code(record.maritalStatus)}\t${text(record.occupation)}\t${text(
    record.address,
  )}\t${code(record.rt)}\t${code(record.rw)}\t${code(record.kelurahanCode)}\t${code(record.phone)}\t${flag(
    record.fixedIncome,
  )}\t${flag(record.covidAffected)}\t${text(record.ref)}\t${raw}\t${
    problems.length === 0 ? '[]' : copyValue(JSON.stringify(problems))
  }\t${rejected ? 'rejected' : 'accepted'}\t${rejected ? 'pending' : review}\n`;
}
