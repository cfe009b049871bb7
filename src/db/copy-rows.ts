import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Escapes one value for PostgreSQL's COPY text format; null becomes \N. */
export function copyValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value !== 'string') return String(value);
  if (!/[\\\t\n\r]/.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export function copyLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  let line = '';
  for (let index = 0; index < values.length; index++) {
    if (index > 0) line += '\t';
    line += copyValue(values[index]);
  }
  return `${line}\n`;
}

/** Streams text-format lines into a table with COPY on one client (pass a client inside a transaction to make it atomic). */
export async function copyLinesInto({
  client,
  table,
  columns,
  lines,
  freeze = false,
}: {
  client: pg.PoolClient | pg.Client;
  table: string;
  columns: readonly string[];
  lines: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;
  /** Write the rows already frozen: only for a table created or truncated in the same transaction. */
  freeze?: boolean;
}): Promise<void> {
  const options = freeze ? ' with (freeze)' : '';
  const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin${options}`));
  await pipeline(Readable.from(lines, { objectMode: false }), stream);
}

/**
 * COPY text collected in one growing Buffer rather than a string: a batch of lines built by `+=` is a
 * tree of string pieces that every young-generation garbage collection copies while it lives.
 */
export class CopyTextBuffer {
  private buffer: Buffer | undefined;
  private used = 0;

  // Never from Node's shared pool: a taken buffer owns its memory, so a worker thread can transfer it. Allocated
  // at the first write: a buffer allocated for nothing still counts as external memory the collector answers for.
  constructor(private readonly initialBytes = 1 << 20) {}

  /** Appends text already in COPY form (escaped, tab-separated, newline-terminated). */
  write(text: string): void {
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    const needed = this.used + text.length * 3;
    if (this.buffer === undefined || needed > this.buffer.length) {
      const grown = Buffer.allocUnsafeSlow(
        Math.max((this.buffer?.length ?? 0) * 2, this.initialBytes, needed),
      );
      this.buffer?.copy(grown, 0, 0, this.used);
      this.buffer = grown;
    }
    this.used += this.buffer.write(text, this.used);
  }

  get byteLength(): number {
    return this.used;
  }

  /** The text written so far (its memory its own); the buffer starts again empty. */
  take(): Buffer {
    const written = this.buffer ? this.buffer.subarray(0, this.used) : Buffer.allocUnsafeSlow(0);
    this.buffer = undefined;
    this.used = 0;
    return written;
  }
}
