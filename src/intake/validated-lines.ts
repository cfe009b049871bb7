import type { AreaScope } from '../auth/area-scope.ts';
import { scopeCovers } from '../auth/area-scope.ts';
import { INTAKE_FIELD_HEADERS, type IntakeField, resolveIntakeHeader } from './intake-fields.ts';
import { intakeRowLine } from './intake-row-line.ts';
import { IntakeFileError, type SourceRow } from './read-intake-file.ts';
import type { RowProblem } from './row-problem.ts';
import type { ValidatedIntakeRow } from './validate-intake-row.ts';

export interface ValidatedLinesOptions {
  rows: AsyncIterable<SourceRow[]>;
  fileName: string;
  submissionId: number;
  scope: AreaScope;
  review: 'pending' | 'forwarded';
  validate: (values: Partial<Record<IntakeField, string>>) => ValidatedIntakeRow;
  onProgress?: (rowsRead: number) => void;
}

/** Turns source rows into COPY lines: header first, then each row validated and kept whatever its problems. */
export async function* validatedLines(options: ValidatedLinesOptions): AsyncGenerator<string> {
  const { rows, fileName, submissionId, scope, review, validate } = options;
  let columns: (IntakeField | null)[] | undefined;
  let headerCells: string[] = [];
  let count = 0;
  let batch = '';
  for await (const batchOfRows of rows) {
    for (const row of batchOfRows) {
      if (!columns) {
        const header = resolveIntakeHeader(row.cells);
        if (header.missing.length > 0) {
          const missing = header.missing.map((field) => INTAKE_FIELD_HEADERS[field].indonesian).join(', ');
          throw new IntakeFileError(
            { field: 'row', code: 'file_missing_columns', severity: 'error', params: { columns: missing } },
            `${fileName}, row ${row.rowNumber}: required columns missing: ${missing}`,
          );
        }
        columns = header.columns;
        headerCells = row.cells;
        continue;
      }
      const values: Partial<Record<IntakeField, string>> = {};
      const raw: Record<string, string> = {};
      for (let index = 0; index < row.cells.length; index++) {
        const field = columns[index];
        const cell = row.cells[index];
        if (field) {
          values[field] = cell;
          raw[INTAKE_FIELD_HEADERS[field].indonesian] = cell;
        } else if (cell !== '' && headerCells[index] !== undefined && headerCells[index] !== '') {
          raw[headerCells[index]] = cell;
        }
      }
      const { record, problems } = validate(values);
      addSpreadsheetNumberProblems(row, columns, problems);
      addScopeProblem(scope, record, problems);
      batch += intakeRowLine(submissionId, row.rowNumber, record, raw, problems, review);
      count++;
    }
    if (batch.length > 0) {
      yield batch;
      batch = '';
      options.onProgress?.(count);
    }
  }
  if (!columns) {
    throw new IntakeFileError(
      { field: 'row', code: 'file_empty', severity: 'error' },
      `${fileName}: the file has no rows`,
    );
  }
  if (batch) yield batch;
  options.onProgress?.(count);
}

// A 16-digit number kept as a spreadsheet number has lost its last digit to Excel's 15-digit precision.
function addSpreadsheetNumberProblems(
  row: SourceRow,
  columns: (IntakeField | null)[],
  problems: RowProblem[],
): void {
  for (const index of row.numericColumns ?? []) {
    const field = columns[index];
    if (
      (field === 'nik' || field === 'kkNumber') &&
      /^\d{16}$/.test(row.cells[index]) &&
      row.cells[index].endsWith('0')
    ) {
      if (!problems.some((problem) => problem.field === field && problem.severity === 'error')) {
        problems.push({ field, code: 'excel_trailing_digits_lost', severity: 'error' });
      }
    }
  }
}

/** Rows of families outside the submitter's area are kept but rejected. */
export function addScopeProblem(
  scope: AreaScope,
  record: { kelurahanCode: string | null; rw: string | null },
  problems: RowProblem[],
): void {
  if (record.kelurahanCode && !scopeCovers(scope, record.kelurahanCode, record.rw)) {
    problems.push({
      field:
        scope.rw && scopeCovers({ areaCode: scope.areaCode, rw: null }, record.kelurahanCode)
          ? 'rw'
          : 'kelurahanCode',
      code: 'outside_area',
      severity: 'error',
      params: { area: scope.rw ? `${scope.areaCode} RW ${scope.rw}` : scope.areaCode },
    });
  }
}
