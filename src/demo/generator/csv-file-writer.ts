import { once } from 'node:events';
import type { WriteStream } from 'node:fs';
import { createWriteStream } from 'node:fs';

const chunkCharacters = 32 * 1024;

/** Quotes a cell only when it must: the delimiter, a quote or a line break inside. */
export function csvCell(value: string, delimiter: string): string {
  if (value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r')) {
    return `"${value.replaceAll('"', '""')}"`;
  }
  return value;
}

/**
 * Buffered CSV file writer with backpressure: rows are built flat with Array.join (no deep concatenation
 * trees for the garbage collector to copy), gathered into 32 KB chunks, and `drain()` waits whenever
 * the stream's queue is full, so memory stays flat however many rows are written.
 */
export class CsvFileWriter {
  private readonly stream: WriteStream;
  private pending: string[] = [];
  private pendingCharacters = 0;
  private waitingForDrain = false;
  private failure: Error | null = null;
  rows = 0;

  constructor(
    readonly filePath: string,
    header: readonly string[],
    readonly delimiter: string,
  ) {
    this.stream = createWriteStream(filePath, { encoding: 'utf8', highWaterMark: 1024 * 1024 });
    this.stream.on('error', (error) => {
      this.failure = error;
    });
    this.append(header.join(delimiter));
  }

  /** Writes one row given as a line; cells must already be quoted with `csvCell` where needed. */
  writeRow(line: string): void {
    this.append(line);
    this.rows++;
  }

  /** Writes one row from its cells, joined with the delimiter; cells must already be quoted where needed. */
  writeCells(cells: string[]): void {
    this.append(cells.join(this.delimiter));
    this.rows++;
  }

  private append(line: string): void {
    this.pending.push(line);
    this.pendingCharacters += line.length + 1;
    if (this.pendingCharacters >= chunkCharacters) this.flushPending();
  }

  private flushPending(): void {
    if (this.pending.length === 0) return;
    this.pending.push('');
    if (!this.stream.write(this.pending.join('\n'))) this.waitingForDrain = true;
    this.pending = [];
    this.pendingCharacters = 0;
  }

  /** Resolves once the stream can take more; call between batches of rows. */
  async drain(): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.waitingForDrain) return;
    // events.once rejects by itself if the stream errors while we wait.
    await once(this.stream, 'drain');
    this.waitingForDrain = false;
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    this.flushPending();
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}
