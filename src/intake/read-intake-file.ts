import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { type CsvRecord, CsvRecordSplitter, CsvRecordTooLongError } from './csv-record-splitter.ts';
import { columnLetters } from './intake-fields.ts';
import { IntakeFileError, type SourceBatch, type SourceRow, sourceRowOf } from './source-rows.ts';
import { Utf8Chunks } from './utf8-chunks.ts';
import {
  type ChunkWatcher,
  openZipEntry,
  readZipEntries,
  type ZipEntry,
  ZipEntryTooLargeError,
  ZipFormatError,
} from './zip-entries.ts';

export type IntakeFileFormat = 'csv' | 'xlsx';

const MAX_LINE_BYTES = 1024 * 1024;

const SNIFF_BYTES = 64 * 1024;

// The container of .xls workbooks, and of XLSX workbooks encrypted with a password.
const COMPOUND_FILE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

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
      await xlsxEntries(handle, fileName);
      return { format: 'xlsx', delimiter: ',' };
    }
    if (head.subarray(0, 8).equals(COMPOUND_FILE_SIGNATURE)) {
      throw fileError(
        'file_legacy_xls',
        `${fileName}: this is an Excel 97-2003 workbook (.xls) or a workbook protected by a password; save it as XLSX without a password, or as "CSV UTF-8"`,
      );
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
        throw notUtf8(fileName, await lineOfFirstInvalidUtf8(filePath));
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
      throw notUtf8(fileName, await lineOfFirstInvalidUtf8(filePath));
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
    `${fileName}, line ${line}: the file is not UTF-8 (perhaps saved as Windows-1252/ANSI); save it as "CSV UTF-8"`,
    { encoding: 'not UTF-8' },
    line,
  );
}

/**
 * The line of the file's first byte sequence that is not UTF-8, read again from the start once decoding failed:
 * the decoder only tells that a chunk failed, and counting lines on the way would slow every file.
 */
async function lineOfFirstInvalidUtf8(filePath: string): Promise<number> {
  let line = 1;
  // As the WHATWG decoder that failed: continuation bytes still needed, and the range the next one must be in.
  let needed = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for await (const chunk of createReadStream(filePath, { highWaterMark: 1024 * 1024 })) {
    const bytes = chunk as Buffer;
    for (let index = 0; index < bytes.length; index++) {
      const byte = bytes[index];
      if (needed > 0) {
        if (byte < lower || byte > upper) return line;
        lower = 0x80;
        upper = 0xbf;
        needed--;
      } else if (byte < 0x80) {
        if (byte === 0x0a) line++;
      } else if (byte >= 0xc2 && byte <= 0xdf) {
        needed = 1;
      } else if (byte >= 0xe0 && byte <= 0xef) {
        if (byte === 0xe0) lower = 0xa0;
        if (byte === 0xed) upper = 0x9f;
        needed = 2;
      } else if (byte >= 0xf0 && byte <= 0xf4) {
        if (byte === 0xf0) lower = 0x90;
        if (byte === 0xf4) upper = 0x8f;
        needed = 3;
      } else {
        return line;
      }
    }
  }
  return line;
}

// What an XLSX may unpack to. A list of 1,048,576 rows (Excel's most) of the template's columns measured 660-800
// bytes of sheet per row (720-840 MB) and 154 bytes of shared text per row (160 MB): the limits leave room for
// longer text and further columns, and refuse what is no intake list before anything is parsed (zip bombs).
const XLSX_LIMITS = {
  /** The sheet read, streamed row by row. */
  sheetBytes: 2 * 1024 ** 3,
  /** xl/sharedStrings.xml, held in memory while the sheet is read. */
  sharedStringsBytes: 400 * 1024 ** 2,
  /** The workbook, its relationships and styles, each parsed whole. */
  otherPartBytes: 32 * 1024 ** 2,
  /**
   * The XML of one row, or of one shared string: a row of 1M characters over 16,384 cells, each character
   * escaped, stays under it; the parser holds a row whole, so a longer one is stopped before it is held.
   */
  rowXmlBytes: 16 * 1024 ** 2,
};

// The parts of exceljs's streaming reader that read one part each: the reader decides which parts, in which order,
// unpacked with limits (see openZipEntry); exceljs's own zip reading would unpack whatever the archive holds.
interface WorkbookReaderParts {
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { rId: string }[] };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(
    iterator: AsyncIterable<unknown>,
    sheetNo: string,
  ): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
}

const MEGABYTE = 1024 * 1024;

async function* readXlsxRows(filePath: string, fileName: string): AsyncGenerator<SourceRow> {
  const handle = await open(filePath, 'r');
  const opened: Readable[] = [];
  const watch = new SheetRowWatch();
  let header: string[] | undefined;
  try {
    const entries = await xlsxEntries(handle, fileName);
    const part = async (
      name: string,
      limit: number,
      watcher?: ChunkWatcher,
    ): Promise<Readable | undefined> => {
      const entry = entries.get(name);
      if (!entry) return undefined;
      if (entry.uncompressedSize > limit) throw unpackedTooLarge(fileName, entry, limit);
      const stream = await openZipEntry(handle, filePath, entry, { limit, watch: watcher });
      opened.push(stream);
      return stream;
    };
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(filePath, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
    }) as unknown as WorkbookReaderParts;
    const rels = await part('xl/_rels/workbook.xml.rels', XLSX_LIMITS.otherPartBytes);
    if (rels) await reader._parseRels(rels);
    await reader._parseWorkbook((await part('xl/workbook.xml', XLSX_LIMITS.otherPartBytes)) as Readable);
    const styles = await part('xl/styles.xml', XLSX_LIMITS.otherPartBytes);
    if (styles) await reader._parseStyles(styles);
    const sharedStrings = await part(
      'xl/sharedStrings.xml',
      XLSX_LIMITS.sharedStringsBytes,
      spanWatcher('<si', () => new SharedStringTooLongError()),
    );
    if (sharedStrings) for await (const _ of reader._parseSharedStrings(sharedStrings));
    const sheetName = firstSheetName(reader, entries);
    if (!sheetName) return;
    const sheet = (await part(sheetName, XLSX_LIMITS.sheetBytes, watch.watch)) as Readable;
    const sheetNumber = /sheet(\d+)\.xml$/.exec(sheetName)?.[1] ?? '1';
    const [{ value: worksheet }] = [...reader._parseWorksheet(sheet, sheetNumber)];
    for await (const row of worksheet) {
      const values = row.values as unknown[];
      const cells: string[] = [];
      const numericColumns: number[] = [];
      let length = 0;
      let longest = 0;
      for (let column = 1; column < values.length; column++) {
        const value = values[column];
        if (typeof value === 'number') numericColumns.push(column - 1);
        const text = cellText(value);
        length += text.length;
        if (text.length > (cells[longest]?.length ?? -1)) longest = cells.length;
        cells.push(text);
      }
      if (length > MAX_LINE_BYTES) throw rowTooLong(fileName, row.number, columnName(longest, header));
      if (cells.every((cell) => cell.trim() === '')) continue;
      header ??= cells;
      yield { rowNumber: row.number, cells, numericColumns };
    }
  } catch (error) {
    if (error instanceof IntakeFileError) throw error;
    if (error instanceof SheetRowTooLongError) {
      throw rowTooLong(
        fileName,
        error.row,
        error.column === undefined ? undefined : columnName(error.column, header),
      );
    }
    if (error instanceof SharedStringTooLongError) {
      throw fileError(
        'file_cell_too_long',
        `${fileName}: a cell holds more than 1 MB of text; the file is probably not an intake list`,
      );
    }
    // Stated sizes were checked before each part was opened: more than stated is a damaged or forged archive.
    const reason =
      error instanceof ZipEntryTooLargeError
        ? `${error.entry.name} unpacks to more than the archive says`
        : (error as Error).message;
    throw fileError('file_unreadable', `${fileName}: not a readable XLSX workbook (${reason})`);
  } finally {
    for (const stream of opened) stream.destroy();
    await handle.close();
  }
}

/** The archive's entries by name, once it is known to be a readable XLSX workbook. */
async function xlsxEntries(handle: FileHandle, fileName: string): Promise<Map<string, ZipEntry>> {
  const { size } = await handle.stat();
  let entries: ZipEntry[];
  try {
    entries = await readZipEntries(handle, size);
  } catch (error) {
    if (error instanceof ZipFormatError) {
      throw fileError('file_unreadable', `${fileName}: not a readable XLSX workbook (${error.message})`);
    }
    throw error;
  }
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  if (byName.has('xl/workbook.xml')) return byName;
  if (byName.has('content.xml') && byName.has('mimetype')) {
    throw fileError(
      'file_ods',
      `${fileName}: this is an OpenDocument spreadsheet (.ods), not XLSX or CSV; save it as XLSX or as "CSV UTF-8"`,
    );
  }
  throw fileError(
    'file_zip_archive',
    `${fileName}: this is a zip archive, not an XLSX workbook; unpack it and upload the CSV or XLSX file inside`,
  );
}

// The workbook's first sheet as its tabs are ordered (the names of its parts follow the order they were made in).
function firstSheetName(reader: WorkbookReaderParts, entries: Map<string, ZipEntry>): string | undefined {
  for (const sheet of reader.model?.sheets ?? []) {
    const target = reader.workbookRels?.find((rel) => rel.Id === sheet.rId)?.Target;
    if (!target) continue;
    // As exceljs resolves it: relative to xl/, or from the root when written as /xl/….
    const name = `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`;
    if (name.startsWith('xl/worksheets/') && entries.has(name)) return name;
  }
  const numbered = [...entries.keys()]
    .map((name) => ({ name, number: /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name)?.[1] }))
    .filter((sheet) => sheet.number !== undefined)
    .sort((a, b) => Number(a.number) - Number(b.number));
  return numbered[0]?.name;
}

function unpackedTooLarge(fileName: string, entry: ZipEntry, limit: number): IntakeFileError {
  const size = Math.ceil(entry.uncompressedSize / MEGABYTE);
  const most = Math.floor(limit / MEGABYTE);
  return fileError(
    'file_unpacked_too_large',
    `${fileName}: the workbook unpacks to ${size} MB in ${entry.name} (at most ${most} MB); the file is probably not an intake list`,
    { part: entry.name, size, limit: most },
  );
}

function rowTooLong(fileName: string, row: number, column: string | undefined): IntakeFileError {
  const where = column ? `, column ${column}` : '';
  return fileError(
    'file_row_too_long',
    `${fileName}, row ${row}${where}: the row is longer than 1 MB; the file is probably not an intake list`,
    { row, column: column ?? '?' },
    row,
  );
}

// 'C (nama)': the column's letter, and its header when the header row has been read.
function columnName(index: number, header: string[] | undefined): string {
  const letters = columnLetters(index);
  const title = header?.[index]?.trim();
  return title ? `${letters} (${title.slice(0, 60)})` : letters;
}

function columnIndex(letters: string): number {
  let number = 0;
  for (const letter of letters) number = number * 26 + letter.charCodeAt(0) - 64;
  return number - 1;
}

class SheetRowTooLongError extends Error {
  constructor(
    readonly row: number,
    readonly column: number | undefined,
  ) {
    super(`row ${row} is longer than the limit`);
  }
}

class SharedStringTooLongError extends Error {}

/**
 * Follows the sheet's XML as it is unpacked: where the last row began, and its last cell. A row running past
 * XLSX_LIMITS.rowXmlBytes stops the reading before the parser has gathered it.
 */
class SheetRowWatch {
  private row = 0;
  private column: number | undefined;
  private span = 0;

  readonly watch = (chunk: Buffer): void => {
    const rowAt = chunk.lastIndexOf('<row');
    if (rowAt === -1) {
      this.span += chunk.length;
    } else {
      this.span = chunk.length - rowAt;
      const number = /^<row\b[^>]*?\sr="(\d+)"/.exec(chunk.toString('latin1', rowAt, rowAt + 200))?.[1];
      this.row = number ? Number(number) : this.row + 1;
      this.column = undefined;
    }
    const cellAt = chunk.lastIndexOf('<c ');
    if (cellAt > rowAt) {
      const letters = /^<c\b[^>]*?\sr="([A-Z]{1,3})\d+"/.exec(
        chunk.toString('latin1', cellAt, cellAt + 200),
      )?.[1];
      this.column = letters ? columnIndex(letters) : undefined;
    }
    if (this.span > XLSX_LIMITS.rowXmlBytes) throw new SheetRowTooLongError(this.row, this.column);
  };
}

// Stops a part when the text since the last `marker` runs past XLSX_LIMITS.rowXmlBytes.
function spanWatcher(marker: string, tooLong: () => Error): ChunkWatcher {
  let span = 0;
  return (chunk) => {
    const at = chunk.lastIndexOf(marker);
    span = at === -1 ? span + chunk.length : chunk.length - at;
    if (span > XLSX_LIMITS.rowXmlBytes) throw tooLong();
  };
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
