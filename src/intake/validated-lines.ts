import type { AreaScope } from '../auth/area-scope.ts';
import { scopeCovers } from '../auth/area-scope.ts';
import { INTAKE_FIELD_HEADERS, type IntakeField, resolveIntakeHeader } from './intake-fields.ts';
import { intakeRowLine } from './intake-row-line.ts';
import { IntakeFileError, type SourceRow } from './read-intake-file.ts';
import type { RowProblem } from './row-problem.ts';
import type { ValidatedIntakeRow } from './validate-intake-row.ts';
import type { ValidationPool } from './validation-pool.ts';

/** What turning one row into a COPY line needs, besides the row: plain data, so worker threads get it too. */
export interface RowLinesContext {
  columns: (IntakeField | null)[];
  headerCells: string[];
  submissionId: number;
  scope: AreaScope;
  review: 'pending' | 'forwarded';
}

/** Validates rows and returns their COPY lines; every row gets a line whatever its problems. */
export function rowLines(
  rows: SourceRow[],
  context: RowLinesContext,
  validate: (values: Partial<Record<IntakeField, string>>) => ValidatedIntakeRow,
): string {
  const { columns, headerCells, submissionId, scope, review } = context;
  let lines = '';
  for (const row of rows) {
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
    lines += intakeRowLine(submissionId, row.rowNumber, record, raw, problems, review);
  }
  return lines;
}

export interface ValidatedLinesOptions {
  rows: AsyncIterable<SourceRow[]>;
  fileName: string;
  submissionId: number;
  scope: AreaScope;
  review: 'pending' | 'forwarded';
  validate: (values: Partial<Record<IntakeField, string>>) => ValidatedIntakeRow;
  /** Validate in worker threads (large files); the pool is created once the header is known. */
  createPool?: (context: RowLinesContext) => ValidationPool;
  onProgress?: (rowsRead: number) => void;
}

/** Turns source rows into COPY lines: header first, then each row validated and kept whatever its problems. */
export async function* validatedLines(options: ValidatedLinesOptions): AsyncGenerator<string> {
  const { rows, fileName, submissionId, scope, review, validate } = options;
  let context: RowLinesContext | undefined;
  let pool: ValidationPool | undefined;
  const inFlight = new Map<number, Promise<{ id: number; lines: string }>>();
  let nextId = 0;
  let count = 0;
  try {
    for await (let batch of rows) {
      if (!context) {
        const headerRow = batch[0];
        const header = resolveIntakeHeader(headerRow.cells);
        if (header.missing.length > 0) {
          const missing = header.missing.map((field) => INTAKE_FIELD_HEADERS[field].indonesian).join(', ');
          throw new IntakeFileError(
            { field: 'row', code: 'file_missing_columns', severity: 'error', params: { columns: missing } },
            `${fileName}, row ${headerRow.rowNumber}: required columns missing: ${missing}`,
          );
        }
        context = { columns: header.columns, headerCells: headerRow.cells, submissionId, scope, review };
        pool = options.createPool?.(context);
        batch = batch.slice(1);
        if (batch.length === 0) continue;
      }
      count += batch.length;
      if (!pool) {
        yield rowLines(batch, context, validate);
      } else {
        const id = nextId++;
        const running = pool.run(batch).then((lines) => ({ id, lines }));
        // Awaited through Promise.race below; this keeps an abandoned failure from crashing the process.
        running.catch(() => {});
        inFlight.set(id, running);
        // Keep every worker busy, but no more than two batches each in memory.
        if (inFlight.size >= pool.size * 2) {
          const done = await Promise.race(inFlight.values());
          inFlight.delete(done.id);
          yield done.lines;
        }
      }
      options.onProgress?.(count);
    }
    while (inFlight.size > 0) {
      const done = await Promise.race(inFlight.values());
      inFlight.delete(done.id);
      yield done.lines;
    }
  } finally {
    await pool?.close();
  }
  if (!context) {
    throw new IntakeFileError(
      { field: 'row', code: 'file_empty', severity: 'error' },
      `${fileName}: the file has no rows`,
    );
  }
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
