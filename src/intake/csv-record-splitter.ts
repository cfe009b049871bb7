/** A CSV record with the physical line it starts on (the header is line 1). */
export interface CsvRecord {
  line: number;
  cells: string[];
  /** Set when the record had no quote: no cell holds a quote character. */
  unquoted?: true;
}

/** Complete records as text, and the line the first one starts on. */
export interface CsvSegment {
  text: string;
  line: number;
}

/** Where records go as they are completed: an array, or a function handling each at once (no batch kept alive). */
export interface CsvRecordSink {
  push(record: CsvRecord): unknown;
}

export class CsvRecordTooLongError extends Error {
  constructor(readonly line: number) {
    super(`line ${line} is longer than the limit`);
  }
}

/**
 * Splits decoded CSV text into records, chunk by chunk. Lines without a quote take a fast path
 * (a plain split); quoted fields follow RFC 4180, and a quote inside an unquoted field is kept as a
 * character, as spreadsheets write it. Empty lines are skipped; a record longer than maxRecordLength
 * characters fails instead of growing without bound.
 */
export class CsvRecordSplitter {
  private carry = '';
  private line = 1;
  private started = false;

  constructor(
    private readonly delimiter: string,
    private readonly maxRecordLength: number,
    /** For text cut out of a file by textOfRecords: the line its first record starts on. */
    segment?: { line: number },
  ) {
    if (segment) {
      this.line = segment.line;
      this.started = true;
    }
  }

  /** Records completed by this chunk of text. */
  push(text: string): CsvRecord[] {
    const records: CsvRecord[] = [];
    this.pushTo(text, records);
    return records;
  }

  /** The last record when the text does not end with a line break. */
  end(): CsvRecord[] {
    const records: CsvRecord[] = [];
    this.endTo(records);
    return records;
  }

  /** Like push, handing each completed record to the sink as soon as it is read. */
  pushTo(text: string, sink: CsvRecordSink): void {
    const buffer = this.withCarry(text);
    const consumed = this.split(buffer, sink, false);
    this.keepCarry(buffer, consumed);
  }

  /** Like end, for pushTo. */
  endTo(sink: CsvRecordSink): void {
    if (this.carry.length > 0) this.split(this.carry, sink, true);
    this.carry = '';
  }

  /**
   * Like push, but returns the text of the records this chunk completes, and the line the first starts
   * on, instead of the records: another splitter made with that line reads the same records from it (in
   * a worker thread), while this one only finds where records end. Limits are checked the same way.
   */
  pushText(text: string): CsvSegment {
    const buffer = this.withCarry(text);
    const line = this.line;
    const consumed = this.split(buffer, undefined, false);
    this.keepCarry(buffer, consumed);
    return { text: buffer.slice(0, consumed), line };
  }

  /** Like end, for pushText. */
  endText(): CsvSegment {
    const line = this.line;
    const text = this.carry;
    if (text.length > 0) this.split(text, undefined, true);
    this.carry = '';
    return { text, line };
  }

  private withCarry(text: string): string {
    let buffer = this.carry + text;
    if (!this.started && buffer.length > 0) {
      this.started = true;
      if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
    }
    return buffer;
  }

  private keepCarry(buffer: string, consumed: number): void {
    this.carry = buffer.slice(consumed);
    if (this.carry.length > this.maxRecordLength) throw new CsvRecordTooLongError(this.line);
  }

  /** The line the splitter has reached: where a decoding error would be. */
  get currentLine(): number {
    return this.line;
  }

  // Returns how many characters of buffer were consumed into complete records (collected unless undefined).
  private split(buffer: string, records: CsvRecordSink | undefined, final: boolean): number {
    let position = 0;
    const length = buffer.length;
    // The next quote is looked up once and reused while lines before it take the fast path.
    let quote = buffer.indexOf('"');
    while (position < length) {
      const newline = buffer.indexOf('\n', position);
      if (newline === -1 && !final) return position;
      const lineEnd = newline === -1 ? length : newline;
      if (quote !== -1 && quote < position) quote = buffer.indexOf('"', position);
      if (quote === -1 || quote > lineEnd) {
        const textEnd = buffer.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
        if (textEnd - position > this.maxRecordLength) throw new CsvRecordTooLongError(this.line);
        if (records && textEnd > position) {
          records.push({
            line: this.line,
            cells: buffer.slice(position, textEnd).split(this.delimiter),
            unquoted: true,
          });
        }
        this.line++;
        position = lineEnd + 1;
        continue;
      }
      const parsed = this.parseQuoted(buffer, position, final);
      if (!parsed) return position;
      records?.push({ line: this.line, cells: parsed.cells });
      this.line += parsed.lines;
      position = parsed.end;
    }
    return position;
  }

  // Parses one record that contains quotes; undefined when the buffer ends inside it.
  private parseQuoted(
    buffer: string,
    start: number,
    final: boolean,
  ): { cells: string[]; end: number; lines: number } | undefined {
    const cells: string[] = [];
    const delimiter = this.delimiter;
    let position = start;
    let lines = 1;
    let cell = '';
    while (true) {
      if (position - start > this.maxRecordLength) throw new CsvRecordTooLongError(this.line);
      if (position >= buffer.length) {
        if (!final) return undefined;
        cells.push(cell);
        return { cells, end: position, lines };
      }
      let character = buffer[position];
      if (character === '"' && cell === '') {
        // A quoted field: doubled quotes are one quote; line breaks belong to the field.
        position++;
        while (true) {
          const close = buffer.indexOf('"', position);
          if (close === -1) {
            if (!final) return undefined;
            cell += buffer.slice(position);
            position = buffer.length;
            break;
          }
          const piece = buffer.slice(position, close);
          for (let at = piece.indexOf('\n'); at !== -1; at = piece.indexOf('\n', at + 1)) lines++;
          cell += piece;
          if (buffer[close + 1] === '"') {
            cell += '"';
            position = close + 2;
            continue;
          }
          if (close + 1 >= buffer.length && !final) return undefined;
          position = close + 1;
          break;
        }
        character = buffer[position];
      }
      if (character === undefined) continue;
      if (character === delimiter) {
        cells.push(cell);
        cell = '';
        position++;
      } else if (character === '\n' || (character === '\r' && buffer[position + 1] === '\n')) {
        cells.push(cell);
        return { cells, end: position + (character === '\r' ? 2 : 1), lines };
      } else if (character === '\r' && position + 1 >= buffer.length && !final) {
        return undefined;
      } else {
        cell += character;
        position++;
      }
    }
  }
}
