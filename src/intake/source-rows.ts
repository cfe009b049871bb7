// The rows of an intake file as read, and the CSV text cut into segments that worker threads split into rows:
// nothing here loads a spreadsheet library, so a worker starts without it.
import { type CsvRecord, CsvRecordSplitter } from './csv-record-splitter.ts';
import type { RowProblem } from './row-problem.ts';

/** One data row as read: its spreadsheet row number (the header is row 1) and its cells as text. */
export interface SourceRow {
  rowNumber: number;
  cells: string[];
  /** Columns whose spreadsheet cell held a number rather than text (identity numbers lose digits so). */
  numericColumns?: number[];
  /** Set for a CSV record without quotes (no cell holds a quote character): its text, as CsvRecord.text. */
  text?: string;
  /** The delimiter of text. */
  delimiter?: string;
}

/** A problem with the file as a whole: it stops reading, and nothing of the file is stored as rows. */
export class IntakeFileError extends Error {
  constructor(
    readonly problem: RowProblem & { row?: number },
    message: string,
  ) {
    super(message);
  }
}

/** Complete CSV records as text, split into rows where they are validated (a worker thread). */
export interface SourceSegment {
  text: string;
  /** Further records, following text (see CsvSegment.more). */
  more?: string;
  /** The line the first record starts on. */
  line: number;
  delimiter: string;
  maxRecordLength: number;
}

export type SourceBatch = SourceRow[] | SourceSegment;

/** A CSV record as a row: its line is its row number. */
export function sourceRowOf(record: CsvRecord, delimiter: string): SourceRow {
  return { rowNumber: record.line, cells: record.cells, text: record.text, delimiter };
}

/** The rows of a segment, numbered as if the whole file had been split in one pass. */
export function rowsOfSegment(segment: SourceSegment): SourceRow[] {
  const rows: SourceRow[] = [];
  forEachRowOfSegment(segment, (row) => rows.push(row));
  return rows;
}

/**
 * Hands each row of a segment to `handle` as soon as it is split, so that only one row at a time is alive:
 * a whole batch kept alive was copied by every young-generation garbage collection while it was checked.
 */
export function forEachRowOfSegment(segment: SourceSegment, handle: (row: SourceRow) => void): void {
  const splitter = new CsvRecordSplitter(segment.delimiter, segment.maxRecordLength, { line: segment.line });
  const sink = {
    push(record: CsvRecord) {
      handle(sourceRowOf(record, segment.delimiter));
    },
  };
  splitter.pushTo(segment.text, sink);
  if (segment.more) splitter.pushTo(segment.more, sink);
  splitter.endTo(sink);
}
