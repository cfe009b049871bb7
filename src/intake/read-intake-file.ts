import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { type CsvRecord, CsvRecordSplitter, CsvRecordTooLongError } from './csv-record-splitter.ts';
import { IntakeFileError, type SourceBatch, type SourceRow, sourceRowOf } from './source-rows.ts';
import { Utf8Chunks } from './utf8-chunks.ts';

export type IntakeFileFormat = 'csv' | 'xlsx';

const MAX_LINE_BYTES = 1024 * 1024;

const SNIFF_BYTES = 64 * 1024;

/** Looks at the first bytes to tell XLSX from CSV and to refuse binaries and non-UTF-8 text early. */
export async function sniffIntakeFile(
  filePath: string,
  fileName: string,
): Promise<{ format: IntakeFileFormat; delimiter: string }> {
  const handle = await open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    if (bytesRead === 0) throw fileError('file_empty', `${fileName}: the file is empty`);
    if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
      return { format: 'xlsx', delimiter: ',' };
    }
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
      throw fileError('file_wrong_encoding', `${fileName}: the file is UTF-16; save it as "CSV UTF-8"`, {
        encoding: 'UTF-16',
      });
    }
    if (head.includes(0)) {
      throw fileError('file_binary', `${fileName}: this is not a CSV or XLSX file (it contains binary data)`);
    }
    const firstLineEnd = head.indexOf(0x0a);
    const firstLine = head.subarray(0, firstLineEnd === -1 ? head.length : firstLineEnd).toString('utf8');
    const commas = firstLine.split(',').length;
    const semicolons = firstLine.split(';').length;
    return { format: 'csv', delimiter: semicolons > commas ? ';' : ',' };
  } finally {
    await handle.close();
  }
}

function fileError(
  code: string,
  message: string,
  params?: Record<string, string | number>,
  row?: number,
): IntakeFileError {
  return new IntakeFileError({ field: 'row', code, severity: 'error', params, row }, message);
}

/** Reads rows of a CSV or XLSX intake file as text, header first, in batches (a promise per row is too slow). */
export async function* readIntakeRows({
  filePath,
  fileName,
  format,
  delimiter,
}: {
  filePath: string;
  fileName: string;
  format: IntakeFileFormat;
  delimiter: string;
}): AsyncGenerator<SourceRow[]> {
  if (format === 'xlsx') yield* inBatches(readXlsxRows(filePath, fileName), 2000);
  else yield* readCsvRows(filePath, fileName, delimiter, false) as AsyncGenerator<SourceRow[]>;
}

/**
 * Like readIntakeRows, but after the first batch of rows (the header's) a CSV file comes as segments of
 * record text, so that splitting them into cells happens in the worker threads that validate them.
 * File-level checks (encoding, line length) stay here and fail the same way.
 */
export async function* readIntakeBatches(options: {
  filePath: string;
  fileName: string;
  format: IntakeFileFormat;
  delimiter: string;
}): AsyncGenerator<SourceBatch> {
  if (options.format === 'xlsx') yield* readIntakeRows(options);
  else yield* readCsvRows(options.filePath, options.fileName, options.delimiter, true);
}

async function* inBatches(rows: AsyncIterable<SourceRow>, size: number): AsyncGenerator<SourceRow[]> {
  let batch: SourceRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

async function* readCsvRows(
  filePath: string,
  fileName: string,
  delimiter: string,
  segments: boolean,
): AsyncGenerator<SourceBatch> {
  const splitter = new CsvRecordSplitter(delimiter, MAX_LINE_BYTES);
  // The first byte sequence that is not UTF-8 stops the file with a clear message.
  const decoder = new Utf8Chunks();
  const toRows = (records: CsvRecord[]): SourceRow[] =>
    records.map((record) => sourceRowOf(record, delimiter));
  let headerRead = false;
  try {
    for await (const chunk of createReadStream(filePath, { highWaterMark: 1024 * 1024 })) {
      let text: string;
      try {
        text = decoder.decode(chunk as Buffer);
      } catch {
        throw notUtf8(fileName, splitter.currentLine);
      }
      if (segments && headerRead) {
        const segment = splitter.pushText(text);
        if (segment.text.length > 0) yield { ...segment, delimiter, maxRecordLength: MAX_LINE_BYTES };
      } else {
        const records = splitter.push(text);
        if (records.length > 0) {
          headerRead = true;
          yield toRows(records);
        }
      }
    }
    try {
      decoder.end();
    } catch {
      throw notUtf8(fileName, splitter.currentLine);
    }
    if (segments && headerRead) {
      const segment = splitter.endText();
      if (segment.text.length > 0) yield { ...segment, delimiter, maxRecordLength: MAX_LINE_BYTES };
    } else {
      const last = splitter.end();
      if (last.length > 0) yield toRows(last);
    }
  } catch (error) {
    if (error instanceof CsvRecordTooLongError) {
      throw fileError(
        'file_line_too_long',
        `${fileName}, row ${error.line}: a row is longer than 1 MB; the file is probably not an intake list`,
        { row: error.line },
        error.line,
      );
    }
    if (error instanceof IntakeFileError) throw error;
    throw fileError('file_unreadable', `${fileName}: ${(error as Error).message}`);
  }
}

function notUtf8(fileName: string, line: number): IntakeFileError {
  return fileError(
    'file_wrong_encoding',
    `${fileName}, near line ${line}: the file is not UTF-8 (perhaps saved as Windows-1252/ANSI); save it as "CSV UTF-8"`,
    { encoding: 'not UTF-8' },
    line,
  );
}

async function* readXlsxRows(filePath: string, fileName: string): AsyncGenerator<SourceRow> {
  let reader: ExcelJS.stream.xlsx.WorkbookReader;
  try {
    reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(filePath) as unknown as Readable, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
    });
  } catch (error) {
    throw fileError(
      'file_unreadable',
      `${fileName}: not a readable XLSX workbook (${(error as Error).message})`,
    );
  }
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        const numericColumns: number[] = [];
        for (let column = 1; column < values.length; column++) {
          const value = values[column];
          if (typeof value === 'number') numericColumns.push(column - 1);
          cells.push(cellText(value));
        }
        if (cells.every((cell) => cell.trim() === '')) continue;
        yield { rowNumber: row.number, cells, numericColumns };
      }
      // Only the first worksheet holds the list; further sheets (notes, lookups) are ignored.
      break;
    }
  } catch (error) {
    if (error instanceof IntakeFileError) throw error;
    throw fileError(
      'file_unreadable',
      `${fileName}: not a readable XLSX workbook (${(error as Error).message})`,
    );
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const object = value as {
      formula?: string;
      sharedFormula?: string;
      text?: unknown;
      richText?: { text: string }[];
      error?: string;
    };
    // A formula is kept as written so validation can refuse it; it is never evaluated.
    if (object.formula || object.sharedFormula) return `=${object.formula ?? object.sharedFormula}`;
    if (object.richText) return object.richText.map((part) => part.text).join('');
    if (object.text !== undefined) return cellText(object.text);
    if (object.error) return object.error;
  }
  return String(value);
}

// Big integers print in full; Excel keeps 15 significant digits, so a 16-digit NIK shows its lost digit as 0.
function numberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < Number.MAX_SAFE_INTEGER * 2)
    return BigInt(value).toString();
  return String(value);
}
