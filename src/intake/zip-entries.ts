// A zip archive's entries read from its central directory, and one entry's bytes unpacked with a hard limit:
// what an XLSX unpacks to is known, and bounded, before a spreadsheet parser sees any of it.
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is not read. */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** As the archive states it; unpacking never gives more (see openZipEntry). */
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** The archive is not a zip that can be read (damaged, cut short, or a form this reader does not take). */
export class ZipFormatError extends Error {}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
// A spreadsheet holds a few dozen parts; a directory this large is not one.
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  if (bytesRead < length) throw new ZipFormatError('the archive is cut short');
  return buffer;
}

/** The entries listed in the archive's central directory. */
export async function readZipEntries(handle: FileHandle, fileSize: number): Promise<ZipEntry[]> {
  const tailLength = Math.min(fileSize, END_RECORD_BYTES + MAX_COMMENT_BYTES);
  if (tailLength < END_RECORD_BYTES) throw new ZipFormatError('the archive is cut short');
  const tailStart = fileSize - tailLength;
  const tail = await readAt(handle, tailStart, tailLength);
  let end = -1;
  for (let at = tail.length - END_RECORD_BYTES; at >= 0; at--) {
    if (tail.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end === -1) throw new ZipFormatError('no central directory (the archive is cut short or damaged)');
  let entryCount = tail.readUInt16LE(end + 10);
  let directoryBytes = tail.readUInt32LE(end + 12);
  let directoryOffset = tail.readUInt32LE(end + 16);
  if (entryCount === 0xffff || directoryBytes === 0xffffffff || directoryOffset === 0xffffffff) {
    const locatorAt = tailStart + end - 20;
    if (locatorAt < 0) throw new ZipFormatError('a damaged zip64 directory');
    const locator = await readAt(handle, locatorAt, 20);
    if (locator.readUInt32LE(0) !== ZIP64_LOCATOR) throw new ZipFormatError('a damaged zip64 directory');
    const record = await readAt(handle, safeNumber(locator.readBigUInt64LE(8)), 56);
    if (record.readUInt32LE(0) !== ZIP64_END_OF_DIRECTORY)
      throw new ZipFormatError('a damaged zip64 directory');
    entryCount = safeNumber(record.readBigUInt64LE(32));
    directoryBytes = safeNumber(record.readBigUInt64LE(40));
    directoryOffset = safeNumber(record.readBigUInt64LE(48));
  }
  if (directoryBytes > MAX_DIRECTORY_BYTES) throw new ZipFormatError('the archive lists too many parts');
  if (directoryOffset + directoryBytes > fileSize) throw new ZipFormatError('the archive is cut short');
  const directory = await readAt(handle, directoryOffset, directoryBytes);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let index = 0; index < entryCount; index++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== DIRECTORY_ENTRY) {
      throw new ZipFormatError('a damaged central directory');
    }
    const flags = directory.readUInt16LE(at + 8);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      name: directory.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength),
      method: directory.readUInt16LE(at + 10),
      encrypted: (flags & 1) !== 0,
      compressedSize: directory.readUInt32LE(at + 20),
      uncompressedSize: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42),
    };
    readZip64Sizes(entry, directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

// Sizes and offsets too large for 32 bits are 0xFFFFFFFF, the real values in the zip64 extra field, in order.
function readZip64Sizes(entry: ZipEntry, extra: Buffer): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = (): number => {
        if (field + 8 > at + 4 + size) throw new ZipFormatError('a damaged zip64 entry');
        const value = safeNumber(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + size;
  }
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('a size beyond any real file');
  return Number(value);
}

/** An entry unpacked more than its stated size, or more than the caller allows. */
export class ZipEntryTooLargeError extends Error {
  constructor(
    readonly entry: ZipEntry,
    readonly limit: number,
  ) {
    super(`${entry.name} unpacks to more than ${limit} bytes`);
  }
}

/** Looks at each unpacked chunk as it passes, e.g. to stop at a record too long; an error it throws ends the stream. */
export type ChunkWatcher = (chunk: Buffer) => void;

/**
 * One entry's unpacked bytes as a stream that fails (ZipEntryTooLargeError) as soon as they exceed the entry's
 * stated size or `limit`: a stated size can lie, the count cannot.
 */
export async function openZipEntry(
  handle: FileHandle,
  filePath: string,
  entry: ZipEntry,
  { limit, watch }: { limit: number; watch?: ChunkWatcher },
): Promise<Readable> {
  if (entry.encrypted) throw new ZipFormatError('an entry is protected by a password');
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ZipFormatError(
      `an entry is packed in a way this reader does not take (method ${entry.method})`,
    );
  }
  const header = await readAt(handle, entry.localHeaderOffset, 30);
  if (header.readUInt32LE(0) !== LOCAL_HEADER) throw new ZipFormatError('a damaged entry');
  const dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const counted = new CountedBytes(entry, Math.min(limit, entry.uncompressedSize), watch);
  if (entry.compressedSize === 0) {
    counted.end();
    return counted;
  }
  const packed = createReadStream(filePath, { start: dataStart, end: dataStart + entry.compressedSize - 1 });
  // On an error anywhere the others are destroyed and `counted` fails with it, which is what the reader sees.
  if (entry.method === 8) pipeline(packed, createInflateRaw(), counted, () => {});
  else pipeline(packed, counted, () => {});
  return counted;
}

class CountedBytes extends Transform {
  private total = 0;

  constructor(
    private readonly entry: ZipEntry,
    private readonly limit: number,
    private readonly watch: ChunkWatcher | undefined,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.total += chunk.length;
    if (this.total > this.limit) {
      callback(new ZipEntryTooLargeError(this.entry, this.limit));
      return;
    }
    try {
      this.watch?.(chunk);
    } catch (error) {
      callback(error as Error);
      return;
    }
    callback(null, chunk);
  }
}
