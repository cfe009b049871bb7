// A problem found in one intake row (or its family, or its file), named by a stable code for messages and reports.
import type { IntakeField } from './intake-fields.ts';

export type ProblemSeverity = 'error' | 'warning';

export type RowProblem = {
  field: IntakeField | 'row' | 'family';
  code: string;
  severity: ProblemSeverity;
  params?: Record<string, string | number>;
};

/** A row with any error is rejected; warnings alone keep it accepted. */
export function isRejected(problems: readonly RowProblem[]): boolean {
  for (const problem of problems) if (problem.severity === 'error') return true;
  return false;
}

/** Codes raised by checks on one row's fields (identity numbers and dates have their own code lists). */
export type RowCheckProblemCode =
  | 'required'
  | 'value_too_long'
  | 'formula_not_allowed'
  | 'quote_not_closed'
  | 'line_break_in_cell'
  | 'name_invalid'
  | 'sex_invalid'
  | 'relationship_invalid'
  | 'marital_status_invalid'
  | 'yes_no_invalid'
  | 'rt_invalid'
  | 'rw_invalid'
  | 'kelurahan_code_invalid'
  | 'unknown_kelurahan'
  | 'phone_invalid'
  | 'nik_missing'
  | 'nik_unknown_region'
  | 'nik_region_split'
  | 'nik_birth_date_mismatch'
  | 'birth_date_day_month_swapped'
  | 'nik_sex_mismatch'
  | 'kk_unknown_province'
  | 'birth_date_in_future'
  | 'birth_date_too_old';

/** Codes raised when looking at the rows of one family together. */
export type FamilyProblemCode = 'family_no_head' | 'family_two_heads' | 'family_head_rejected';

/** Codes raised when reading the file as a whole, or when comparing its rows with each other. */
export type FileProblemCode =
  | 'file_empty'
  | 'file_binary'
  | 'file_wrong_encoding'
  | 'file_missing_columns'
  | 'file_duplicate_columns'
  | 'file_line_too_long'
  | 'file_row_too_long'
  | 'file_cell_too_long'
  | 'file_unpacked_too_large'
  | 'file_ods'
  | 'file_zip_archive'
  | 'file_legacy_xls'
  | 'file_header_not_found'
  | 'file_no_rows'
  | 'file_unreadable'
  | 'file_too_large'
  | 'duplicate_row_in_file'
  | 'outside_area';
