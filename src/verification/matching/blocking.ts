// Blocking: only records sharing a key are compared; completeness and reduction ratio say what that costs.
import type { PreparedRecord } from './person-record.ts';

export interface BlockingRule {
  name: string;
  /** Keys of a record under this rule; none when the fields it needs are missing. */
  keys(record: PreparedRecord): string[];
  /** A smaller block limit than the overall one, for a rule that only backs up others. */
  maximumBlockSize?: number;
}

/**
 * The block size limit of each rule. The birth-year rules only catch the few duplicates whose birth date is
 * damaged; their blocks grow with the registry (a million families give blocks of hundreds), and at 300,000
 * families a limit of 30 kept every true pair while halving the candidate pairs.
 */
export function blockSizeLimits(rules: readonly BlockingRule[], overall: number): number[] {
  return rules.map((rule) => Math.min(rule.maximumBlockSize ?? overall, overall));
}

const yearOf = (record: PreparedRecord) => record.birthDate?.year ?? null;
const dateOf = (record: PreparedRecord) => record.record.birthDate;

/**
 * Each rule gives at most one key. Name rules carry the full birth date where a name word alone would make
 * blocks of thousands (Siti, Muhammad); the year-only rules need the whole name, or its first and last words.
 */
export const blockingRules: readonly BlockingRule[] = [
  { name: 'nik', keys: (record) => (record.nik?.length === 16 ? [record.nik] : []) },
  // Region and birth date part: survives a damaged serial (Excel's 0000) or a typo in the last digits.
  {
    name: 'nik_region_birth',
    keys: (record) => (record.nik?.length === 16 ? [record.nik.slice(0, 12)] : []),
  },
  {
    name: 'first_word_sound_birth_date',
    keys: (record) => {
      const first = record.name.phoneticTokens[0];
      return first && dateOf(record) ? [`${first}:${dateOf(record)}`] : [];
    },
  },
  {
    // The last word catches names whose first word is misspelled or dropped.
    name: 'last_word_sound_birth_date',
    keys: (record) => {
      const tokens = record.name.phoneticTokens;
      return tokens.length > 1 && dateOf(record) ? [`${tokens[tokens.length - 1]}:${dateOf(record)}`] : [];
    },
  },
  {
    // Survives a damaged birth date (day and month swapped, a typo) when a one-word name sounds the same;
    // longer names have the next rule, since a whole-name sound and a year make blocks of thousands.
    name: 'name_sound_birth_year',
    keys: (record) =>
      record.name.phoneticTokens.length === 1 && yearOf(record) !== null
        ? [`${record.name.phoneticKey}:${yearOf(record)}`]
        : [],
    maximumBlockSize: 30,
  },
  {
    name: 'first_last_word_sound_birth_year',
    keys: (record) => {
      const tokens = record.name.phoneticTokens;
      return tokens.length > 1 && yearOf(record) !== null
        ? [`${tokens[0]}:${tokens[tokens.length - 1]}:${yearOf(record)}`]
        : [];
    },
    maximumBlockSize: 30,
  },
  { name: 'kk_number', keys: (record) => (record.kkNumber?.length === 16 ? [record.kkNumber] : []) },
];

export interface CandidatePairOptions {
  rules?: readonly BlockingRule[];
  /** Blocks larger than this are skipped (and reported): they are too common a key to be useful. */
  maximumBlockSize?: number;
  /** Keeps only some pairs, e.g. intake against ministry lists only. */
  accept?: (left: PreparedRecord, right: PreparedRecord) => boolean;
}

export interface CandidatePairs {
  /** Pairs of indices into the records, left < right, each pair once. */
  pairs: Array<[number, number]>;
  skippedBlocks: Array<{ rule: string; key: string; size: number }>;
}

const defaultMaximumBlockSize = 200;

export function candidatePairs(
  records: readonly PreparedRecord[],
  options: CandidatePairOptions = {},
): CandidatePairs {
  const rules = options.rules ?? blockingRules;
  const maximumBlockSize = options.maximumBlockSize ?? defaultMaximumBlockSize;
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  const skippedBlocks: CandidatePairs['skippedBlocks'] = [];
  for (const rule of rules) {
    const blocks = new Map<string, number[]>();
    records.forEach((record, index) => {
      for (const key of rule.keys(record)) {
        const block = blocks.get(key);
        if (block) block.push(index);
        else blocks.set(key, [index]);
      }
    });
    for (const [key, block] of blocks) {
      if (block.length < 2) continue;
      if (block.length > maximumBlockSize) {
        skippedBlocks.push({ rule: rule.name, key, size: block.length });
        continue;
      }
      for (let first = 0; first < block.length; first++) {
        for (let second = first + 1; second < block.length; second++) {
          const left = block[first];
          const right = block[second];
          // Indices come in ascending order within a block, so left < right.
          const code = left * records.length + right;
          if (seen.has(code)) continue;
          seen.add(code);
          if (options.accept && !options.accept(records[left], records[right])) continue;
          pairs.push([left, right]);
        }
      }
    }
  }
  return { pairs, skippedBlocks };
}

export type IdPair = readonly [string, string];

/** Order-free key of a pair of record ids. */
export function pairKey(left: string, right: string): string {
  return left < right ? `${left}\u0000${right}` : `${right}\u0000${left}`;
}

/** Share of the true pairs that blocking kept (1 when there are no true pairs). */
export function pairsCompleteness(candidatePairs: Iterable<IdPair>, truePairs: Iterable<IdPair>): number {
  const candidates = new Set<string>();
  for (const [left, right] of candidatePairs) candidates.add(pairKey(left, right));
  let found = 0;
  let total = 0;
  for (const key of new Set([...truePairs].map(([left, right]) => pairKey(left, right)))) {
    total++;
    if (candidates.has(key)) found++;
  }
  return total === 0 ? 1 : found / total;
}

/** 1 − candidates / all possible pairs of `totalRecords`: how much comparison blocking saves. */
export function reductionRatio(candidatePairs: number | readonly unknown[], totalRecords: number): number {
  const count = typeof candidatePairs === 'number' ? candidatePairs : candidatePairs.length;
  const possible = (totalRecords * (totalRecords - 1)) / 2;
  return possible === 0 ? 0 : 1 - count / possible;
}
