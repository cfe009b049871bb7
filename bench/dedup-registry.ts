// The registry persons as the verification run sees them, read once from the database: what the bench needs for
// blocking figures (pure matching core), quality against ground truth and the two baselines.
import type pg from 'pg';
import { blockingRules, blockSizeLimits } from '../src/verification/matching/blocking.ts';
import { BlockingIndex, keyHashes } from '../src/verification/matching/blocking-index.ts';
import { jaroWinklerSimilarity } from '../src/verification/matching/jaro-winkler.ts';
import { prepareRecord } from '../src/verification/matching/person-record.ts';
import { registryPersonsQuery } from '../src/verification/run/verification-source-repository.ts';
import { copyRows, type GroundTruth } from './dedup-truth.ts';

/** The run's block size limit (execute-verification-run.ts passes 200 to its workers). */
export const maximumBlockSize = 200;

export interface RegistryPersons {
  size: number;
  memberIndex: Map<number, number>;
  memberId: Float64Array;
  householdId: Float64Array;
  /** Real person of each record (−1: not in the ground truth). */
  person: Int32Array;
  faults: Uint32Array;
  /** Raw NIK when it is exactly 16 digits, else ''. */
  nik: string[];
  /** Full name upper-cased and trimmed. */
  name: string[];
  birthDate: string[];
  /** Registry members per real person. */
  membersOfPerson: Int32Array;
  /** Key hashes, record × rule, as the run's workers compute them. */
  hashes: Uint32Array;
  normaliseSeconds: number;
  hashSeconds: number;
}

/**
 * Reads the registry persons of the whole country with the run's own query, preparing each record
 * (normalise) and hashing its blocking keys as the workers do; raw fields are kept for the baselines.
 */
export async function loadRegistryPersons(
  client: pg.PoolClient,
  truth: GroundTruth,
): Promise<RegistryPersons> {
  const memberIndex = new Map<number, number>();
  const memberIds: number[] = [];
  const householdIds: number[] = [];
  const persons: number[] = [];
  const faults: number[] = [];
  const nik: string[] = [];
  const name: string[] = [];
  const birthDate: string[] = [];
  let hashes = new Uint32Array(1 << 20);
  let hashCount = 0;
  let normaliseSeconds = 0;
  let hashSeconds = 0;
  for await (const fields of copyRows(client, registryPersonsQuery(''))) {
    const [memberId, householdId, kkNumber, kelurahanCode, rawNik, fullName, sex, rawBirthDate, ref] = fields;
    let started = performance.now();
    const record = prepareRecord({
      id: memberId ?? '',
      nik: rawNik,
      kkNumber,
      fullName: fullName ?? '',
      birthDate: rawBirthDate,
      sex: sex === 'L' || sex === 'P' ? sex : null,
      regionCode: kelurahanCode,
    });
    normaliseSeconds += performance.now() - started;
    started = performance.now();
    const recordHashes = keyHashes(record, blockingRules);
    if (hashCount + recordHashes.length > hashes.length) {
      const grown = new Uint32Array(hashes.length * 2);
      grown.set(hashes);
      hashes = grown;
    }
    hashes.set(recordHashes, hashCount);
    hashCount += recordHashes.length;
    hashSeconds += performance.now() - started;
    const row = truth.intakeRow(ref);
    memberIndex.set(Number(memberId), memberIds.length);
    memberIds.push(Number(memberId));
    householdIds.push(Number(householdId));
    persons.push(row.person);
    faults.push(row.faults);
    const trimmedNik = rawNik?.trim() ?? '';
    nik.push(/^\d{16}$/.test(trimmedNik) ? trimmedNik : '');
    name.push((fullName ?? '').trim().toUpperCase());
    birthDate.push(rawBirthDate ?? '');
  }
  const membersOfPerson = new Int32Array(truth.personCount);
  for (const person of persons) if (person >= 0) membersOfPerson[person]++;
  return {
    size: memberIds.length,
    memberIndex,
    memberId: Float64Array.from(memberIds),
    householdId: Float64Array.from(householdIds),
    person: Int32Array.from(persons),
    faults: Uint32Array.from(faults),
    nik,
    name,
    birthDate,
    membersOfPerson,
    hashes: hashes.slice(0, hashCount),
    normaliseSeconds: normaliseSeconds / 1000,
    hashSeconds: hashSeconds / 1000,
  };
}

/** Record indices grouped by real person (groups of two or more only), for counting and walking true pairs. */
export function personGroups(registry: RegistryPersons): Uint32Array[] {
  const order = Uint32Array.from({ length: registry.size }, (_unused, index) => index).sort(
    (left, right) => registry.person[left] - registry.person[right],
  );
  const groups: Uint32Array[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    const person = registry.person[order[start]];
    while (end < order.length && registry.person[order[end]] === person) end++;
    if (person >= 0 && end - start > 1) groups.push(order.slice(start, end).sort());
    start = end;
  }
  return groups;
}

export const truePairCount = (groups: readonly Uint32Array[]) =>
  groups.reduce((total, group) => total + (group.length * (group.length - 1)) / 2, 0);

/** Key of an unordered pair of record indices. */
export const recordPairKey = (left: number, right: number) =>
  left < right ? `${left}:${right}` : `${right}:${left}`;

export interface BlockingFigures {
  index: BlockingIndex;
  candidatePairs: number;
  trueCandidatePairs: number;
  /** True pairs found, by the rule that produced them. */
  trueByRule: number[];
  /** Candidate pairs, by the rule that produced them first. */
  pairsByRule: number[];
  oversizedBlocks: number;
  /** Keys of the true pairs blocking kept. */
  keptTruePairs: Set<string>;
  blockSeconds: number;
}

/** Builds the run's blocking index over the registry and enumerates its candidate pairs once. */
export function measureBlocking(registry: RegistryPersons): BlockingFigures {
  const started = performance.now();
  const index = new BlockingIndex(
    registry.hashes,
    blockingRules.length,
    blockSizeLimits(blockingRules, maximumBlockSize),
  );
  let candidatePairs = 0;
  let trueCandidatePairs = 0;
  let oversizedBlocks = 0;
  const trueByRule = blockingRules.map(() => 0);
  const pairsByRule = blockingRules.map(() => 0);
  const keptTruePairs = new Set<string>();
  for (const [left, right, rule] of index.internalPairs(0, 1, () => oversizedBlocks++)) {
    candidatePairs++;
    pairsByRule[rule]++;
    const person = registry.person[left];
    if (person >= 0 && person === registry.person[right]) {
      trueCandidatePairs++;
      trueByRule[rule]++;
      keptTruePairs.add(recordPairKey(left, right));
    }
  }
  return {
    index,
    candidatePairs,
    trueCandidatePairs,
    trueByRule,
    pairsByRule,
    oversizedBlocks,
    keptTruePairs,
    blockSeconds: (performance.now() - started) / 1000,
  };
}

export interface BaselineFigures {
  predicted: number;
  truePositives: number;
  comparisons: number;
  seconds: number;
  /** What pairs were compared (for the JW baseline). */
  blockedOn?: string;
}

/** Exact-NIK baseline: two registry records with the same 16-digit NIK are a match. */
export function exactNikBaseline(registry: RegistryPersons): BaselineFigures {
  const started = performance.now();
  return pairsWithinGroups(
    registry,
    groupBy(registry, (index) => registry.nik[index]),
    () => true,
    started,
  );
}

/**
 * One Jaro–Winkler threshold on the full name. Comparing all pairs is out of reach, so only pairs sharing the
 * birth year are compared; where that would exceed `maximumComparisons`, also the first letters of the name, then
 * the whole birth date with them, and `blockedOn` says so.
 */
export function jaroWinklerBaseline(
  registry: RegistryPersons,
  threshold = 0.95,
  maximumComparisons = 20_000_000,
): BaselineFigures {
  const started = performance.now();
  const year = (index: number) => registry.birthDate[index].slice(0, 4);
  const levels: Array<[string, (index: number) => string]> = [
    ['birth_year', year],
    ['birth_year+first_letter', (index) => `${year(index)}:${registry.name[index].slice(0, 1)}`],
    ['birth_year+first_two_letters', (index) => `${year(index)}:${registry.name[index].slice(0, 2)}`],
    ['birth_year+first_three_letters', (index) => `${year(index)}:${registry.name[index].slice(0, 3)}`],
    // At a million families common name starts (SITI, MUH, NUR) still give hundreds of millions of pairs.
    [
      'birth_date+first_letter',
      (index) => `${registry.birthDate[index]}:${registry.name[index].slice(0, 1)}`,
    ],
    [
      'birth_date+first_two_letters',
      (index) => `${registry.birthDate[index]}:${registry.name[index].slice(0, 2)}`,
    ],
  ];
  let chosen = levels[0];
  let groups: Uint32Array[] = [];
  for (const level of levels) {
    chosen = level;
    groups = groupBy(registry, (index) => (registry.name[index] && year(index) ? level[1](index) : ''));
    if (truePairCount(groups) <= maximumComparisons) break;
  }
  const figures = pairsWithinGroups(
    registry,
    groups,
    (left, right) => jaroWinklerSimilarity(registry.name[left], registry.name[right]) >= threshold,
    started,
  );
  return { ...figures, blockedOn: chosen[0] };
}

/** Groups of two or more record indices sharing a non-empty key. */
function groupBy(registry: RegistryPersons, keyOf: (index: number) => string): Uint32Array[] {
  const first = new Map<string, number>();
  const next = new Int32Array(registry.size).fill(-1);
  const sizes = new Map<string, number>();
  for (let index = registry.size - 1; index >= 0; index--) {
    const key = keyOf(index);
    if (!key) continue;
    const head = first.get(key);
    if (head !== undefined) next[index] = head;
    first.set(key, index);
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  const groups: Uint32Array[] = [];
  for (const [key, head] of first) {
    const size = sizes.get(key)!;
    if (size < 2) continue;
    const group = new Uint32Array(size);
    for (let index = head, position = 0; index !== -1; index = next[index]) group[position++] = index;
    groups.push(group);
  }
  return groups;
}

function pairsWithinGroups(
  registry: RegistryPersons,
  groups: readonly Uint32Array[],
  isMatch: (left: number, right: number) => boolean,
  started: number,
): BaselineFigures {
  let predicted = 0;
  let truePositives = 0;
  let comparisons = 0;
  for (const group of groups) {
    for (let first = 0; first < group.length; first++) {
      const left = group[first];
      for (let second = first + 1; second < group.length; second++) {
        const right = group[second];
        comparisons++;
        if (!isMatch(left, right)) continue;
        predicted++;
        if (registry.person[left] >= 0 && registry.person[left] === registry.person[right]) truePositives++;
      }
    }
  }
  return { predicted, truePositives, comparisons, seconds: (performance.now() - started) / 1000 };
}
