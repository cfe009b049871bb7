import type { AreaScope } from '../auth/area-scope.ts';
import { scopeCovers } from '../auth/area-scope.ts';
import { CopyTextBuffer, copyValue } from '../db/copy-rows.ts';
import { FamilyMarks } from './family-tally.ts';
import { FirstLoadKeyRows, type FirstLoadSource } from './first-load-source.ts';
import {
  columnLetters,
  INTAKE_FIELD_HEADERS,
  INTAKE_FIELDS,
  type IntakeField,
  REQUIRED_INTAKE_COLUMNS,
  type ResolvedIntakeHeader,
  resolveIntakeHeader,
} from './intake-fields.ts';
import { intakeRowLine } from './intake-row-line.ts';
import type { RowCounts } from './row-counts.ts';
import { isRejected, type RowProblem } from './row-problem.ts';
import { IntakeFileError, rowsOfSegment, type SourceBatch, type SourceRow } from './source-rows.ts';
import {
  type IntakeRowContext,
  untidyRecordTest,
  type ValidatedIntakeRow,
  validateIntakeCells,
  validateIntakeRow,
} from './validate-intake-row.ts';
import type { ValidatedBatch, ValidationPool } from './validation-pool.ts';

/** What turning one row into a COPY line needs, besides the row: plain data, so worker threads get it too. */
export interface RowLinesContext {
  columns: (IntakeField | null)[];
  headerCells: string[];
  submissionId: number;
  scope: AreaScope;
  review: 'pending' | 'forwarded';
  /**
   * Keep each row's submitted cells by position rather than as an object: a record read without quotes as its
   * own text, other rows as a JSON array; read back by submittedCells with rawColumnsOf(this context).
   */
  compactRaw?: boolean;
  /** Mark each row's family for the family checks (see FamilyMarks). */
  markFamilies?: boolean;
  /** Note the accepted rows whose member key only PostgreSQL can give (see FirstLoadKeyRows). */
  firstLoadKeys?: boolean;
}

/** What is written beside the COPY lines, row by row, when asked for. */
export interface RowSideOutputs {
  /** Each row's family, for the family checks. */
  marks?: FamilyMarks;
  /** The accepted rows whose member key only PostgreSQL can give. */
  keyRows?: FirstLoadKeyRows;
  /** The rows by standing. */
  counts?: RowCounts;
}

/** Per column: the key its cell is kept under and whether an empty cell is kept; null when never kept. */
export type RawColumns = ([string, boolean] | null)[];

/** How to turn a row's cells back into the object rowLines would have stored (see rawCellsObject). */
export function rawColumnsOf(context: Pick<RowLinesContext, 'columns' | 'headerCells'>): RawColumns {
  return context.headerCells.map((cell, index) => {
    const field = context.columns[index];
    if (field) return [INTAKE_FIELD_HEADERS[field].indonesian, true];
    return cell !== '' ? [cell, false] : null;
  });
}

/**
 * A row's submitted cells keyed by header, from the text kept in intake_row.raw: an object's JSON (the form and
 * small files), a JSON array of the cells by position, or a record's own text after its delimiter (',a,b,c').
 */
export function submittedCells(raw: string, rawColumns: RawColumns | null): Record<string, string> {
  const first = raw.charCodeAt(0);
  if (first === 0x7b) return JSON.parse(raw) as Record<string, string>;
  const cells = first === 0x5b ? (JSON.parse(raw) as string[]) : raw.slice(1).split(raw[0]);
  return rawCellsObject(cells, rawColumns ?? []);
}

/** The submitted cells keyed by header, built by the same assignments as rowLines makes. */
export function rawCellsObject(cells: string[], rawColumns: RawColumns): Record<string, string> {
  const raw: Record<string, string> = {};
  for (let index = 0; index < cells.length && index < rawColumns.length; index++) {
    const column = rawColumns[index];
    if (column && (column[1] || cells[index] !== '')) raw[column[0]] = cells[index];
  }
  return raw;
}

/** Validates rows and returns their COPY lines; every row gets a line whatever its problems. */
export function rowLines(
  rows: SourceRow[],
  context: RowLinesContext,
  validate: (values: Partial<Record<IntakeField, string>>) => ValidatedIntakeRow,
  { marks, keyRows, counts }: RowSideOutputs = {},
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
    const rawText = context.compactRaw
      ? JSON.stringify(row.cells.slice(0, headerCells.length))
      : JSON.stringify(raw);
    const rejected = isRejected(problems);
    marks?.add(row.rowNumber, record, rejected);
    if (keyRows && !rejected) keyRows.add(row.rowNumber, record);
    counts?.add(rejected, problems.length > 0, record.kelurahanCode);
    lines += intakeRowLine(submissionId, row.rowNumber, record, copyValue(rawText), problems, review);
  }
  return lines;
}

/**
 * rowLines for the bulk path: cells go to the row check by position and the submitted cells become their
 * JSON text directly, without an object per row. Gives the same lines as rowLines with validateIntakeRow, in a
 * buffer owning its memory (a worker transfers it).
 */
export function rowLinesFast(
  rows: SourceRow[],
  context: RowLinesContext,
  rowContext: IntakeRowContext,
  outputs: RowSideOutputs = {},
): Buffer {
  const writer = createRowLineWriter(context, rowContext, outputs, rows.length);
  for (const row of rows) writer.add(row);
  return writer.take();
}

/** rowLinesFast one row at a time: each row's line is written as it is added, and the row can go. */
export interface RowLineWriter {
  add(row: SourceRow): void;
  /** The lines of every row added (its memory its own). */
  take(): Buffer;
}

export function createRowLineWriter(
  context: RowLinesContext,
  rowContext: IntakeRowContext,
  outputs: RowSideOutputs = {},
  expectedRows = 1024,
): RowLineWriter {
  const { marks, keyRows, counts } = outputs;
  const { columns, headerCells, submissionId, scope, review } = context;
  const plan = context.compactRaw
    ? compactPlan(columns, headerCells.length)
    : rawCellsPlan(columns, headerCells);
  if (!plan) {
    // Repeated or numeric headers: the object's own rules apply (rowLines), for the whole batch at once.
    const rows: SourceRow[] = [];
    return {
      add: (row) => rows.push(row),
      take: () => {
        const text = rowLines(rows, context, (values) => validateIntakeRow(values, rowContext), outputs);
        // Through CopyTextBuffer rather than Buffer.from, which may share the pool's memory.
        const lines = new CopyTextBuffer(text.length);
        lines.write(text);
        return lines.take();
      },
    };
  }
  const fieldCount = INTAKE_FIELDS.length;
  const cellsByField = new Array<string | undefined>(fieldCount);
  const lines = new CopyTextBuffer(expectedRows * 700);
  const add = (row: SourceRow) => {
    const cells = row.cells;
    // A row as long as the header sets every field it has a column for; a shorter one leaves some unset.
    if (cells.length < plan.fieldIndex.length) cellsByField.fill(undefined);
    let raw: string;
    const { text, delimiter } = row;
    const textForm =
      plan.compact && text !== undefined && delimiter !== undefined && cells.length <= plan.keys.length;
    // Most records are plain printable ASCII: one native search then spares a scan per cell and one for escapes.
    const tidy = textForm && !isUntidyRecord(text, delimiter);
    const escapes = tidy ? NO_ESCAPES : textForm ? copyEscapesOf(text) : JSON_FORM;
    if (escapes !== JSON_FORM) {
      for (let index = 0; index < cells.length; index++) {
        const fieldIndex = plan.fieldIndex[index];
        if (fieldIndex >= 0) cellsByField[fieldIndex] = cells[index];
      }
      // The record's own text keeps its cells, none holding the delimiter (see submittedCells).
      raw = escapes === NO_ESCAPES ? `${delimiter}${text}` : copyValue(`${delimiter}${text}`);
    } else if (plan.compact) {
      raw = copyValue(compactRaw(cells, plan, cellsByField));
    } else {
      raw = '{';
      for (let index = 0; index < cells.length; index++) {
        const fieldIndex = plan.fieldIndex[index];
        const cell = cells[index];
        if (fieldIndex !== undefined && fieldIndex >= 0) {
          cellsByField[fieldIndex] = cell;
        } else if (plan.keys[index] === undefined || cell === '') {
          continue;
        }
        raw += `${raw.length > 1 ? ',' : ''}${plan.keys[index]}${jsonString(cell)}`;
      }
      raw = copyValue(`${raw}}`);
    }
    const { record, problems } = validateIntakeCells(cellsByField, rowContext, tidy, delimiter !== undefined);
    addSpreadsheetNumberProblems(row, columns, problems);
    addScopeProblem(scope, record, problems);
    const rejected = isRejected(problems);
    marks?.add(row.rowNumber, record, rejected);
    if (keyRows && !rejected) keyRows.add(row.rowNumber, record);
    counts?.add(rejected, problems.length > 0, record.kelurahanCode);
    lines.write(
      intakeRowLine(submissionId, row.rowNumber, record, raw, problems, review, escapes === NO_ESCAPES),
    );
  };
  return { add, take: () => lines.take() };
}

const untidyRecordTests = new Map<string, (record: string) => boolean>();
function isUntidyRecord(record: string, delimiter: string): boolean {
  let test = untidyRecordTests.get(delimiter);
  if (test === undefined) {
    test = untidyRecordTest(delimiter);
    untidyRecordTests.set(delimiter, test);
  }
  return test(record);
}

const NO_ESCAPES = 0;
const COPY_ESCAPES = 1;
const JSON_FORM = 2;

// Whether a record's text needs COPY escaping (backslash, tab, line breaks); a surrogate sends the row to the JSON
// form, whose encoding of a lone half the text form would lose.
function copyEscapesOf(text: string): number {
  let escapes = NO_ESCAPES;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x5c || code === 0x09 || code === 0x0a || code === 0x0d) escapes = COPY_ESCAPES;
    else if (code >= 0xd800 && code <= 0xdfff) return JSON_FORM;
  }
  return escapes;
}

// Every cell under the header, by position, as a JSON array (rawCellsObject applies the keys when the row is
// read); each field's cell goes to cellsByField.
function compactRaw(cells: string[], plan: RawCellsPlan, cellsByField: (string | undefined)[]): string {
  let raw = '[';
  for (let index = 0; index < cells.length && index < plan.keys.length; index++) {
    const fieldIndex = plan.fieldIndex[index];
    if (fieldIndex >= 0) cellsByField[fieldIndex] = cells[index];
    raw += `${index > 0 ? ',' : ''}${jsonString(cells[index])}`;
  }
  return `${raw}]`;
}

interface RawCellsPlan {
  /** Per column: its field's position in INTAKE_FIELDS, or -1. */
  fieldIndex: number[];
  /** Per column: `"key":` of its cell in the submitted cells' JSON, or undefined when the cell is not kept. */
  keys: (string | undefined)[];
  /** The cells are kept as a JSON array (every cell under the header, keys empty). */
  compact?: boolean;
}

function compactPlan(columns: (IntakeField | null)[], headerLength: number): RawCellsPlan {
  return {
    fieldIndex: columns.map((field) => (field ? INTAKE_FIELDS.indexOf(field) : -1)),
    keys: Array.from({ length: headerLength }, () => ''),
    compact: true,
  };
}

const ARRAY_INDEX_KEY = /^(?:0|[1-9]\d*)$/;

// The JSON text can be written cell by cell when each kept column has its own ordinary key; otherwise (a
// repeated or numeric header) the object's own rules for key order and overwriting apply, via rowLines.
function rawCellsPlan(columns: (IntakeField | null)[], headerCells: string[]): RawCellsPlan | undefined {
  const fieldIndex: number[] = [];
  const keys: (string | undefined)[] = [];
  const seen = new Set<string>();
  for (let index = 0; index < headerCells.length; index++) {
    const field = columns[index];
    const key = field ? INTAKE_FIELD_HEADERS[field].indonesian : headerCells[index];
    fieldIndex.push(field ? INTAKE_FIELDS.indexOf(field) : -1);
    if (key === undefined || key === '') {
      keys.push(undefined);
      continue;
    }
    if (seen.has(key) || key === '__proto__' || ARRAY_INDEX_KEY.test(key)) return undefined;
    seen.add(key);
    keys.push(`${JSON.stringify(key)}:`);
  }
  return { fieldIndex, keys };
}

// JSON.stringify of a string, skipping the call for text with nothing to escape.
function jsonString(text: string): string {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) {
      return JSON.stringify(text);
    }
  }
  return `"${text}"`;
}

export interface ValidatedLinesOptions {
  /** Rows, header first; later batches may be segments of CSV text (see readIntakeBatches). */
  rows: AsyncIterable<SourceBatch>;
  fileName: string;
  submissionId: number;
  scope: AreaScope;
  review: 'pending' | 'forwarded';
  validate: (values: Partial<Record<IntakeField, string>>) => ValidatedIntakeRow;
  /** When given, rows are checked with validateIntakeCells in this context (same lines, less work) instead of validate. */
  rowContext?: IntakeRowContext;
  /** Keep the submitted cells of each row as a JSON array (see RowLinesContext.compactRaw). */
  compactRaw?: boolean;
  /** Called once the header is read, with what turning rows into lines needs. */
  onHeader?: (context: RowLinesContext) => void;
  /** Validate in worker threads (large files); the pool is created once the header is known. */
  createPool?: (context: RowLinesContext) => ValidationPool;
  onProgress?: (rowsRead: number) => void;
  /** Receives the family marks of every row (see FamilyTally); needs rowContext. */
  onFamilyMarks?: (marks: Uint32Array) => void;
  /** Counts the rows by standing as they are validated (see RowCounts). */
  counts?: RowCounts;
  /** Receives each batch's lines and its rows needing a member key from PostgreSQL, in file order (see FirstLoadLines). */
  onFirstLoadSource?: (source: FirstLoadSource) => void | Promise<void>;
}

/** Turns source rows into COPY lines: header first, then each row validated and kept whatever its problems. */
export async function* validatedLines(options: ValidatedLinesOptions): AsyncGenerator<string | Uint8Array> {
  const { rows, fileName, submissionId, scope, review, validate } = options;
  let context: RowLinesContext | undefined;
  let pool: ValidationPool | undefined;
  const inFlight = new Map<number, Promise<ValidatedBatch & { id: number }>>();
  const marking = options.onFamilyMarks !== undefined;
  const capturing = options.onFirstLoadSource !== undefined;
  let nextId = 0;
  let count = 0;
  const dispatch = (batch: SourceBatch) => {
    const id = nextId++;
    const running = pool!.run(batch).then((result) => ({ id, ...result }));
    // Awaited in settleOne; this keeps an abandoned failure from crashing the process.
    running.catch(() => {});
    inFlight.set(id, running);
  };
  // The oldest batch first: rows reach COPY in the order of the file, so the table's primary key is built
  // from presorted rows and its members arrive numbered in file order.
  const settleOne = async () => {
    const [oldest] = inFlight.values();
    const done = await oldest;
    inFlight.delete(done.id);
    if (marking) {
      if (!done.familyMarks) throw new Error('The validation worker did not mark the families of its rows');
      options.onFamilyMarks?.(done.familyMarks);
    }
    if (capturing) {
      if (!done.firstLoadKeyRows)
        throw new Error('The validation worker did not note the first-load key rows');
      await options.onFirstLoadSource?.({ lines: done.lines, keyRows: done.firstLoadKeyRows });
    }
    count += done.rows;
    options.counts?.addCounts(done);
    options.onProgress?.(count);
    return done.lines;
  };
  try {
    for await (const source of rows) {
      // Segments are split into rows by the worker that validates them, or here when there is none.
      if (!Array.isArray(source) && pool) {
        dispatch(source);
        if (inFlight.size >= pool.size * 2) yield await settleOne();
        continue;
      }
      let batch = Array.isArray(source) ? source : rowsOfSegment(source);
      if (!context) {
        const headerRow = batch[0];
        const header = resolveIntakeHeader(headerRow.cells);
        const refused = headerProblem(header, fileName, headerRow.rowNumber);
        if (refused) throw refused;
        context = {
          columns: header.columns,
          headerCells: headerRow.cells,
          submissionId,
          scope,
          review,
          compactRaw: options.compactRaw,
          markFamilies: marking,
          firstLoadKeys: capturing,
        };
        options.onHeader?.(context);
        pool = options.createPool?.(context);
        batch = batch.slice(1);
      }
      if (batch.length === 0) continue;
      if (!pool) {
        count += batch.length;
        const marks = marking ? new FamilyMarks(batch.length) : undefined;
        const keyRows = capturing ? new FirstLoadKeyRows() : undefined;
        const outputs = { marks, keyRows, counts: options.counts };
        const lines = options.rowContext
          ? rowLinesFast(batch, context, options.rowContext, outputs)
          : rowLines(batch, context, validate, outputs);
        if (keyRows) await options.onFirstLoadSource?.({ lines, keyRows: keyRows.take() });
        yield lines;
        if (marks) options.onFamilyMarks?.(marks.take());
        options.onProgress?.(count);
      } else {
        dispatch(batch);
        // Keep every worker busy, but no more than two batches each in memory.
        if (inFlight.size >= pool.size * 2) yield await settleOne();
      }
    }
    while (inFlight.size > 0) yield await settleOne();
  } finally {
    await pool?.close();
  }
  if (!context) {
    throw new IntakeFileError(
      { field: 'row', code: 'file_empty', severity: 'error' },
      `${fileName}: the file has no rows`,
    );
  }
  // Thrown after the header's empty COPY: the caller's transaction then stores nothing.
  if (count === 0) {
    throw new IntakeFileError(
      { field: 'row', code: 'file_no_rows', severity: 'error' },
      `${fileName}: there are no rows under the header`,
    );
  }
}

/**
 * Why a header refuses its file: required columns missing (with a hint when none was found, as under a title
 * row), or a column named twice (which of them would count is a guess). Columns naming no field are kept.
 */
function headerProblem(
  header: ResolvedIntakeHeader,
  fileName: string,
  row: number,
): IntakeFileError | undefined {
  const refuse = (code: string, columns: string, message: string) =>
    new IntakeFileError(
      { field: 'row', code, severity: 'error', params: { columns }, row },
      `${fileName}, row ${row}: ${message}`,
    );
  if (header.missing.length > 0) {
    const missing = header.missing.map((field) => INTAKE_FIELD_HEADERS[field].indonesian).join(', ');
    if (header.missing.length === REQUIRED_INTAKE_COLUMNS.length) {
      return refuse(
        'file_header_not_found',
        missing,
        `required columns missing: ${missing}; the column names must be in the first row (remove any title rows above them)`,
      );
    }
    return refuse('file_missing_columns', missing, `required columns missing: ${missing}`);
  }
  if (header.duplicated.length > 0) {
    const columns = header.duplicated
      .map(
        ({ field, columns }) =>
          `${INTAKE_FIELD_HEADERS[field].indonesian} (${columns.map(columnLetters).join(', ')})`,
      )
      .join(', ');
    return refuse(
      'file_duplicate_columns',
      columns,
      `columns appear more than once: ${columns}; keep one of each`,
    );
  }
  // Columns the template does not have (a running "No.", "Catatan") are kept with each row for the reviewer to
  // read, not refused: RT/RW lists often carry them.
  return undefined;
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
        problems.push({
          field,
          code: 'excel_trailing_digits_lost',
          severity: 'error',
          params: { value: row.cells[index] },
        });
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
