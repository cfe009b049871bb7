/** A CSV record with the physical line it starts on (the header is line 1). */
export interface CsvRecord {
  line: number;
  cells: string[];
  /** Set when the record had no quote (no cell holds a quote character): its text, cells joined by the delimiter. */
  text?: string;
}

/** Complete records as text, and the line the first one starts on. */
export interface CsvSegment {
  text: string;
  /**
   * Records following `text`, kept apart: joining a short record carried from the previous chunk to a chunk's
   * megabyte of text costs V8 a copy that took milliseconds per chunk (several seconds at a million families).
   */
  more?: string;
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
    const carry = this.carry;
    const buffer = this.withCarry(text);
    const line = this.line;
    // The chunk's own text (without a byte order mark), where searches and slices stay cheap.
    const own = buffer.length - carry.length === text.length ? text : buffer.slice(carry.length);
    const { consumed, firstEnd } = this.findRecordsEnd(buffer, own, carry.length);
    if (consumed < carry.length) {
      // Not even the carried record ended: it grows by the whole chunk.
      this.keepCarry(buffer, consumed);
      return { text: '', line };
    }
    this.keepCarry(own, consumed - carry.length);
    const rest = own.slice(firstEnd - carry.length, consumed - carry.length);
    if (carry.length === 0) return { text: rest, line };
    return { text: carry + own.slice(0, firstEnd - carry.length), more: rest, line };
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

  /**
   * Where the complete records of buffer end, as split() finds it but collecting nothing: lines without a quote
   * are passed by indexOf alone, and only a record holding a quote is read character by character. A quote opens
   * a quoted field only at the start of a field, as in parseQuoted; a line break inside quotes ends no record.
   * Searches run in `text`, the part of buffer from `offset` on (the carry, before it, holds no record end).
   */
  private findRecordsEnd(
    buffer: string,
    text: string,
    offset: number,
  ): { consumed: number; firstEnd: number } {
    const limit = this.maxRecordLength;
    let line = this.line;
    let position = 0;
    // Where the record begun in the carry ends: what is joined to the carry (see CsvSegment.more).
    let firstEnd = offset;
    if (offset > 0 && this.carry.indexOf('"') !== -1) {
      // The carried record holds a quote: read it whole, then go on in the text.
      const record = this.quotedRecordEnd(buffer, 0, 0);
      if (record === undefined) return { consumed: 0, firstEnd: 0 };
      if (record.end - 1 > limit) throw new CsvRecordTooLongError(line);
      line += record.lines;
      position = record.end;
      firstEnd = position;
    }
    let quote = text.indexOf('"', Math.max(0, position - offset));
    while (true) {
      const newline = text.indexOf('\n', Math.max(0, position - offset));
      if (newline === -1) break;
      const newlineAt = newline + offset;
      if (quote !== -1 && quote + offset < position) quote = text.indexOf('"', position - offset);
      if (quote === -1 || quote > newline) {
        // As split(): without quotes, a final CR is not counted in the record's length.
        const before = newline > 0 ? text.charCodeAt(newline - 1) : buffer.charCodeAt(newlineAt - 1);
        const end = before === 13 ? newlineAt - 1 : newlineAt;
        if (end - position > limit) {
          this.line = line;
          throw new CsvRecordTooLongError(line);
        }
        line++;
        if (position < offset) firstEnd = newlineAt + 1;
        position = newlineAt + 1;
        continue;
      }
      // Read in the chunk's text unless the record began in the carry (charCodeAt makes V8 copy the joined string).
      const record =
        position >= offset
          ? this.quotedRecordEnd(text, position - offset, offset)
          : this.quotedRecordEnd(buffer, position, 0);
      if (record === undefined) break;
      if (record.end - 1 - position > limit) {
        this.line = line;
        throw new CsvRecordTooLongError(line);
      }
      line += record.lines;
      if (position < offset) firstEnd = record.end;
      position = record.end;
    }
    this.line = line;
    return { consumed: position, firstEnd };
  }

  // Where a record holding a quote ends (after its line break, plus offset), and how many lines it spans;
  // undefined if it does not end in buffer.
  private quotedRecordEnd(
    buffer: string,
    start: number,
    offset: number,
  ): { end: number; lines: number } | undefined {
    const delimiter = this.delimiter.charCodeAt(0);
    // 0: start of a field, 1: inside an unquoted field, 2: inside quotes, 3: just after a quote inside quotes.
    let state = 0;
    let lines = 1;
    for (let position = start; position < buffer.length; position++) {
      const code = buffer.charCodeAt(position);
      if (code === 10) {
        if (state !== 2) return { end: position + 1 + offset, lines };
        lines++;
      } else if (code === 34) {
        if (state === 0 || state === 3) state = 2;
        else if (state === 2) state = 3;
      } else if (code === delimiter) {
        if (state !== 2) state = 0;
      } else if (state === 0 || state === 3) {
        state = 1;
      }
    }
    return undefined;
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
          const text = buffer.slice(position, textEnd);
          records.push({ line: this.line, cells: text.split(this.delimiter), text });
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
