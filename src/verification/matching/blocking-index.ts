// Blocking at scale: one 32-bit key hash per record and rule, sorted once; blocks are runs of equal hashes.
import type { BlockingRule } from './blocking.ts';
import type { PreparedRecord } from './person-record.ts';

/** FNV-1a over UTF-16 code units; 0 is kept for "no key", so a real key never hashes to it. */
export function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0 || 1;
}

/** Hashes of a record's key under each rule (0 where the rule has no key for it); rules give at most one key. */
export function keyHashes(record: PreparedRecord, rules: readonly BlockingRule[]): Uint32Array {
  const hashes = new Uint32Array(rules.length);
  for (let rule = 0; rule < rules.length; rule++) {
    const keys = rules[rule].keys(record);
    if (keys.length > 0) hashes[rule] = hashKey(keys[0]);
  }
  return hashes;
}

interface SortedRule {
  /** Hashes in ascending order, 0s (no key) left out. */
  hashes: Uint32Array;
  /** Record index of each sorted hash. */
  records: Uint32Array;
}

/** Sorts (hash, record) pairs by hash with two 16-bit counting passes: linear, and stable by record index. */
function sortByHash(hashOf: Uint32Array, count: number): SortedRule {
  let keyed = 0;
  for (let record = 0; record < count; record++) if (hashOf[record] !== 0) keyed++;
  let records = new Uint32Array(keyed);
  let position = 0;
  for (let record = 0; record < count; record++) if (hashOf[record] !== 0) records[position++] = record;
  let scratch = new Uint32Array(keyed);
  for (const shift of [0, 16]) {
    const counts = new Uint32Array(65537);
    for (let index = 0; index < keyed; index++) counts[((hashOf[records[index]] >>> shift) & 0xffff) + 1]++;
    for (let bucket = 1; bucket <= 65536; bucket++) counts[bucket] += counts[bucket - 1];
    for (let index = 0; index < keyed; index++) {
      const record = records[index];
      scratch[counts[(hashOf[record] >>> shift) & 0xffff]++] = record;
    }
    [records, scratch] = [scratch, records];
  }
  const hashes = new Uint32Array(keyed);
  for (let index = 0; index < keyed; index++) hashes[index] = hashOf[records[index]];
  return { hashes, records };
}

/** First position in [low, high) whose hash is at least `hash` (hashes ascending), or `high`. */
function lowerBound(hashes: Uint32Array, hash: number, from: number, to: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (hashes[middle] < hash) low = middle + 1;
    else high = middle;
  }
  return low;
}

export interface Block {
  rule: number;
  /** Record indices in ascending order. */
  records: Uint32Array;
}

/**
 * The blocks of every rule over a fixed set of records, compact enough for millions of records. A pair is
 * produced by the first rule whose block holds both, so each candidate pair is compared once.
 */
export class BlockingIndex {
  readonly ruleCount: number;
  readonly size: number;
  /** Largest usable block of each rule: a bigger one is skipped, its key too common to tell anyone apart. */
  readonly maximumBlockSizes: Uint32Array;
  /** hashes[record * ruleCount + rule]. */
  private readonly recordHashes: Uint32Array;
  private readonly sorted: SortedRule[];
  /** Bit `rule` of a record is set when its block under that rule is not oversized (a probe may meet it alone). */
  private readonly usableBlocks: Uint8Array;

  constructor(recordHashes: Uint32Array, ruleCount: number, maximumBlockSize: number | readonly number[]) {
    this.ruleCount = ruleCount;
    this.size = recordHashes.length / ruleCount;
    this.maximumBlockSizes = Uint32Array.from({ length: ruleCount }, (_unused, rule) =>
      typeof maximumBlockSize === 'number' ? maximumBlockSize : maximumBlockSize[rule],
    );
    this.recordHashes = recordHashes;
    if (ruleCount > 8) throw new Error('A blocking index holds at most 8 rules');
    this.sorted = [];
    this.usableBlocks = new Uint8Array(this.size);
    const column = new Uint32Array(this.size);
    for (let rule = 0; rule < ruleCount; rule++) {
      for (let record = 0; record < this.size; record++)
        column[record] = recordHashes[record * ruleCount + rule];
      const sorted = sortByHash(column, this.size);
      this.sorted.push(sorted);
      this.markUsableBlocks(rule, sorted);
    }
  }

  private markUsableBlocks(rule: number, { hashes, records }: SortedRule): void {
    let start = 0;
    while (start < hashes.length) {
      let end = start + 1;
      while (end < hashes.length && hashes[end] === hashes[start]) end++;
      if (end - start <= this.maximumBlockSizes[rule])
        for (let index = start; index < end; index++) this.usableBlocks[records[index]] |= 1 << rule;
      start = end;
    }
  }

  hashOf(record: number, rule: number): number {
    return this.recordHashes[record * this.ruleCount + rule];
  }

  /** [start, end) of the hash's block in the rule's sorted order (blocks may be huge: no linear scan). */
  private range(rule: number, hash: number): [number, number] {
    const { hashes } = this.sorted[rule];
    const start = lowerBound(hashes, hash, 0, hashes.length);
    if (start === hashes.length || hashes[start] !== hash) return [start, start];
    // Most blocks are small: gallop from the start to bracket the end before searching.
    let step = 1;
    while (start + step < hashes.length && hashes[start + step] === hash) step *= 2;
    return [start, lowerBound(hashes, hash + 1, start + (step >>> 1), Math.min(start + step, hashes.length))];
  }

  blockSize(rule: number, hash: number): number {
    if (hash === 0) return 0;
    const [start, end] = this.range(rule, hash);
    return end - start;
  }

  /** Whether an earlier rule already puts a record with these hashes in a usable block with `record`. */
  coveredEarlier(hashes: ArrayLike<number>, record: number, beforeRule: number): boolean {
    const usable = this.usableBlocks[record];
    if (usable === 0) return false;
    const base = record * this.ruleCount;
    for (let rule = 0; rule < beforeRule; rule++) {
      // Equal hashes put both records in the same block, so the record's own block size decides.
      if ((usable >> rule) & 1 && hashes[rule] === this.recordHashes[base + rule]) return true;
    }
    return false;
  }

  /**
   * Every internal candidate pair (left < right) once, for blocks whose hash falls in `shard` of `shards`
   * (so workers split the work). Oversized blocks are reported, not expanded.
   */
  *internalPairs(
    shard = 0,
    shards = 1,
    onOversized?: (rule: number, size: number) => void,
  ): Generator<[number, number, number]> {
    const rowHashes = new Uint32Array(this.ruleCount);
    for (let rule = 0; rule < this.ruleCount; rule++) {
      const { hashes, records } = this.sorted[rule];
      let start = 0;
      while (start < hashes.length) {
        let end = start + 1;
        while (end < hashes.length && hashes[end] === hashes[start]) end++;
        const size = end - start;
        if (size > 1 && hashes[start] % shards === shard) {
          if (size > this.maximumBlockSizes[rule]) onOversized?.(rule, size);
          else {
            // Stable sort by record index keeps records ascending within a block.
            for (let first = start; first < end; first++) {
              const left = records[first];
              for (let rule2 = 0; rule2 < rule; rule2++) rowHashes[rule2] = this.hashOf(left, rule2);
              for (let second = first + 1; second < end; second++) {
                const right = records[second];
                if (this.coveredEarlier(rowHashes, right, rule)) continue;
                yield [left, right, rule];
              }
            }
          }
        }
        start = end;
      }
    }
  }

  /** Indexed records sharing a block with an outside record of these hashes, each once. */
  probe(hashes: ArrayLike<number>, visit: (record: number, rule: number) => void): void {
    for (let rule = 0; rule < this.ruleCount; rule++) {
      const hash = hashes[rule];
      if (hash === 0) continue;
      const [start, end] = this.range(rule, hash);
      if (end === start || end - start > this.maximumBlockSizes[rule]) continue;
      const records = this.sorted[rule].records;
      for (let index = start; index < end; index++) {
        const record = records[index];
        if (this.coveredEarlier(hashes, record, rule)) continue;
        visit(record, rule);
      }
    }
  }
}

export function buildBlockingIndex(
  records: readonly PreparedRecord[],
  rules: readonly BlockingRule[],
  maximumBlockSize: number | readonly number[] = 200,
): BlockingIndex {
  const hashes = new Uint32Array(records.length * rules.length);
  records.forEach((record, index) => {
    hashes.set(keyHashes(record, rules), index * rules.length);
  });
  return new BlockingIndex(hashes, rules.length, maximumBlockSize);
}
