import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvRecordSplitter, CsvRecordTooLongError } from './csv-record-splitter.ts';

function splitAll(text: string, chunkSize: number, delimiter = ',') {
  const splitter = new CsvRecordSplitter(delimiter, 1000);
  const records = [];
  for (let start = 0; start < text.length; start += chunkSize)
    records.push(...splitter.push(text.slice(start, start + chunkSize)));
  records.push(...splitter.end());
  return records;
}

// A repeatable sequence of numbers in [0, 1).
function seededRandom(start: number) {
  let seed = start;
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

// One splitter cuts the text into segments (as the reading thread does), others split each (as workers do).
function splitBySegments(text: string, chunkSize: number) {
  const cutter = new CsvRecordSplitter(',', 1000);
  const segments = [];
  for (let start = 0; start < text.length; start += chunkSize) {
    segments.push(cutter.pushText(text.slice(start, start + chunkSize)));
  }
  segments.push(cutter.endText());
  return segments.flatMap((segment) => {
    const splitter = new CsvRecordSplitter(',', 1000, { line: segment.line });
    return [...splitter.push(segment.text), ...splitter.push(segment.more ?? ''), ...splitter.end()];
  });
}

describe('CsvRecordSplitter', () => {
  it('splits plain and quoted records with their starting lines, whatever the chunk size', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, ""quoted""",3\n\n4,"multi\nline",6\n7,8,9';
    for (const chunkSize of [1, 2, 3, 7, 1000]) {
      expect(splitAll(text, chunkSize)).toEqual([
        { line: 1, cells: ['a', 'b', 'c'], text: 'a,b,c' },
        { line: 2, cells: ['1', 'x, "quoted"', '3'] },
        { line: 4, cells: ['4', 'multi\nline', '6'] },
        { line: 6, cells: ['7', '8', '9'], text: '7,8,9' },
      ]);
    }
  });

  it('keeps a quote inside an unquoted field as a character, as spreadsheets write it', () => {
    expect(splitAll('JL. "MAWAR";5\n', 4, ';')).toEqual([{ line: 1, cells: ['JL. "MAWAR"', '5'] }]);
  });

  it('agrees with csv-parse on random CSV built from awkward cells', () => {
    const pieces = ['', 'a', '"', ',', '\n', ' ', 'é', '""', 'x y', '\r\n'];
    const random = seededRandom(7);
    for (let trial = 0; trial < 200; trial++) {
      const rows = Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
        Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
          const cell = Array.from(
            { length: Math.floor(random() * 4) },
            () => pieces[Math.floor(random() * pieces.length)],
          ).join('');
          return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
        }),
      );
      const text = `${rows.map((row) => row.join(',')).join('\n')}\n`;
      const expected = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
      const actual = splitAll(text, 1 + Math.floor(random() * 9)).map((record) => record.cells);
      expect(actual).toEqual(expected);
    }
  });

  it('refuses a record longer than the limit, naming its line', () => {
    const splitter = new CsvRecordSplitter(',', 10);
    expect(() => splitter.push('a,b\nthis line is far too long')).toThrow(CsvRecordTooLongError);
    expect(splitter.currentLine).toBe(2);
  });

  it('gives the same records when one splitter cuts the text into segments and others split them', () => {
    const text =
      '\uFEFFa,b,c\r\n1,"x, ""quoted""",3\n\n4,"multi\nline",6\r\n\n7,8,9\n10,"a\n\nb",11\n12,13,14';
    for (const chunkSize of [1, 2, 3, 5, 7, 11, 1000]) {
      expect(splitBySegments(text, chunkSize)).toEqual(splitAll(text, chunkSize));
    }
  });

  it('cuts random text with stray quotes, empty lines and carriage returns where splitting it record by record would', () => {
    const pieces = ['', 'a', '"', '""', ',', '\n', '\r', '\r\n', ' ', 'é', 'x"y', '\n\n'];
    const random = seededRandom(11);
    for (let trial = 0; trial < 500; trial++) {
      // Not always valid CSV: unbalanced quotes and quotes inside unquoted fields are what files hold too.
      const text = Array.from({ length: 1 + Math.floor(random() * 30) }, () =>
        random() < 0.2
          ? `"${pieces[Math.floor(random() * pieces.length)]}"`
          : pieces[Math.floor(random() * pieces.length)],
      ).join('');
      const chunkSize = 1 + Math.floor(random() * 9);
      expect(splitBySegments(text, chunkSize)).toEqual(splitAll(text, chunkSize));
    }
  });

  it('refuses a quoted record longer than the limit while cutting segments, naming the line it starts on', () => {
    const splitter = new CsvRecordSplitter(',', 10);
    expect(() => splitter.pushText('a,b\nc\n"far\ntoo",long for one record\n')).toThrow(
      CsvRecordTooLongError,
    );
    expect(splitter.currentLine).toBe(3);
  });

  it('refuses a record longer than the limit while cutting segments too', () => {
    const splitter = new CsvRecordSplitter(',', 10);
    expect(() => splitter.pushText('a,b\nthis line is far too long\n')).toThrow(CsvRecordTooLongError);
    expect(splitter.currentLine).toBe(2);
  });
});
