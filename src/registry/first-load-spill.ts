import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The intake lines of a large import, kept in a file as they go to COPY, for a first load to number (see
 * FirstLoadLines): about 380 bytes a row, 1.3 GB at a million families, more than memory should hold. Removed by
 * remove().
 */
export class FirstLoadSpill {
  /** Rows whose member key PostgreSQL must give (their lines leave it empty). */
  readonly keyRows: number[] = [];
  private finished = false;

  private constructor(
    private readonly folder: string,
    private readonly file: string,
    private readonly output: WriteStream,
  ) {}

  static async create(): Promise<FirstLoadSpill> {
    const folder = await mkdtemp(join(tmpdir(), 'tepat-first-load-'));
    const file = join(folder, 'rows.copy');
    return new FirstLoadSpill(folder, file, createWriteStream(file));
  }

  async append({
    lines,
    keyRows,
  }: {
    lines: Uint8Array | string;
    keyRows: ArrayLike<number>;
  }): Promise<void> {
    for (let index = 0; index < keyRows.length; index++) this.keyRows.push(keyRows[index]);
    if (lines.length > 0 && !this.output.write(lines)) await once(this.output, 'drain');
  }

  /** The lines appended, in their order, once every one was written. */
  async *read(): AsyncGenerator<Buffer> {
    if (!this.finished) {
      this.finished = true;
      this.output.end();
      await once(this.output, 'finish');
    }
    // In pieces of 64 kB: read a megabyte at a time, FirstLoadLines spent a third more (collecting its garbage).
    yield* createReadStream(this.file) as AsyncIterable<Buffer>;
  }

  async remove(): Promise<void> {
    this.output.destroy();
    await rm(this.folder, { recursive: true, force: true });
  }
}
