// One matching worker: holds the area's registry persons prepared and indexed, compares and scores pairs.
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { copyOutLines, detachedCopy, parseCopyLine } from '../../db/copy-out.ts';
import { blockingRules, blockSizeLimits } from '../matching/blocking.ts';
import { BlockingIndex, keyHashes } from '../matching/blocking-index.ts';
import type { FieldName } from '../matching/compare.ts';
import { compareRecords } from '../matching/compare.ts';
import type { PairScore } from '../matching/fellegi-sunter.ts';
import {
  bandOfPair,
  nameWeightCeiling,
  randomIndexPairs,
  scorePair,
  weighPairAbove,
} from '../matching/fellegi-sunter.ts';
import type { PreparedRecord } from '../matching/person-record.ts';
import { prepareRecord } from '../matching/person-record.ts';
import { buildNameFrequencies, type NameFrequencies } from '../matching/term-frequency.ts';
import { SessionPatterns, trainingRuleIndices, trainingRules } from '../matching/training-sessions.ts';
import { checkPersonStructure } from './person-structure.ts';
import {
  findingLine,
  type MinistryPersonMeta,
  ministryPairLine,
  type RegistryPersonMeta,
  registryPairLine,
} from './result-lines.ts';
import { registryPersonsQuery } from './verification-source-repository.ts';
import type {
  CompareResult,
  LoadResult,
  MatchingRequest,
  MatchingWorkerData,
  MinistryListMeta,
  ModelMessage,
  ScoreResult,
} from './worker-protocol.ts';
import { vectorKey } from './worker-protocol.ts';

const { databaseUrl, areaCode, workerIndex, workerCount, referenceDate, runId, maximumBlockSize } =
  workerData as MatchingWorkerData;

let records: PreparedRecord[] = [];
let people: RegistryPersonMeta[] = [];
let index: BlockingIndex | undefined;
let frequencies: NameFrequencies | undefined;
let scoring: ModelMessage | undefined;
let nameCeiling = 0;

/** A Uint32Array that grows, for tens of millions of key hashes without boxed numbers. */
class GrowingUint32 {
  values = new Uint32Array(1 << 20);
  length = 0;
  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
  toArray(): Uint32Array {
    return this.values.slice(0, this.length);
  }
}

// Millions of registry persons share a few thousand kelurahan codes and some tens of thousands of
// (birth date, sex) pairs: each is kept once per worker.
const keptKelurahanCodes = new Map<string, string>();
const keptDatesAndSexes = new Map<string, PreparedRecord['record']>();
const noWords: string[] = [];

function keptKelurahanCode(code: string): string {
  let kept = keptKelurahanCodes.get(code);
  if (kept === undefined) {
    kept = detachedCopy(code) ?? '';
    keptKelurahanCodes.set(kept, kept);
  }
  return kept;
}

function keptDateAndSex(birthDate: string | null, sex: 'L' | 'P' | null): PreparedRecord['record'] {
  const key = `${birthDate}|${sex}`;
  let kept = keptDatesAndSexes.get(key);
  if (kept === undefined) {
    kept = { id: '', nik: null, kkNumber: null, fullName: '', birthDate, sex, regionCode: null };
    keptDatesAndSexes.set(key, kept);
  }
  return kept;
}

/** Keeps only what comparison needs: millions of prepared records must fit in a worker's heap. */
function slim(record: PreparedRecord): PreparedRecord {
  return {
    // Comparison reads only the birth date and sex of the original record.
    record: keptDateAndSex(record.record.birthDate, record.record.sex),
    name: {
      canonical: record.name.canonical,
      concatenated: record.name.concatenated,
      givenTokens: record.name.givenTokens,
      tokens: noWords,
      fatherName: null,
      phoneticKey: '',
      phoneticTokens: noWords,
    },
    nik: detachedCopy(record.nik),
    kkNumber: detachedCopy(record.kkNumber),
    // Shared objects: prepareRecord parses each birth date and region once.
    birthDate: record.birthDate,
    regionParts: record.regionParts,
  };
}

async function loadRegistry(): Promise<LoadResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const hashes = new GrowingUint32();
  const reference = new Date(referenceDate);
  let findingLines = '';
  records = [];
  people = [];
  try {
    for await (const batch of copyOutLines(client, registryPersonsQuery(areaCode))) {
      for (const line of batch) {
        const [
          memberId,
          householdId,
          kkNumber,
          kelurahanCode,
          nik,
          fullName,
          sex,
          birthDate,
          ref,
          nikAbsence,
        ] = parseCopyLine(line);
        const person: RegistryPersonMeta = {
          memberId: Number(memberId),
          householdId: Number(householdId),
          kkNumber: detachedCopy(kkNumber) ?? '',
          kelurahanCode: keptKelurahanCode(kelurahanCode ?? ''),
          ref: detachedCopy(ref),
        };
        const record = prepareRecord({
          id: memberId ?? '',
          nik,
          kkNumber,
          fullName: fullName ?? '',
          birthDate,
          sex: sex === 'L' || sex === 'P' ? sex : null,
          regionCode: kelurahanCode,
        });
        for (const hash of keyHashes(record, blockingRules)) hashes.push(hash);
        // Structure is checked once: each worker takes every n-th person.
        if (people.length % workerCount === workerIndex) {
          for (const finding of checkPersonStructure(
            { nik, kkNumber, sex, birthDate, nikAbsence },
            reference,
          ))
            findingLines += findingLine(runId, person, finding);
        }
        records.push(slim(record));
        people.push(person);
      }
    }
  } finally {
    await client.end();
  }
  frequencies = buildNameFrequencies(records.map((record) => record.name));
  index = new BlockingIndex(
    hashes.toArray(),
    blockingRules.length,
    blockSizeLimits(blockingRules, maximumBlockSize),
  );
  return { persons: records.length, findingLines };
}

function requireIndex(): BlockingIndex {
  if (!index) throw new Error('The worker has not loaded the registry');
  return index;
}

const trainingIndices = trainingRuleIndices(blockingRules);

/** Adds a compared pair to the candidates and to each training session whose rule it satisfies. */
function countPair(
  patterns: SessionPatterns,
  kind: 'registry' | 'ministry',
  key: string,
  leftHash: (rule: number) => number,
  rightHash: (rule: number) => number,
): void {
  patterns.add(kind, key);
  trainingIndices.forEach((rule, session) => {
    if (rule < 0) return;
    const hash = leftHash(rule);
    if (hash !== 0 && hash === rightHash(rule)) patterns.add(trainingRules[session].rule, key);
  });
}

/**
 * Blocked registry pairs of this worker's shard, plus its share of the random pairs for u. Every pair is
 * counted; one in `sampleEvery` is compared for EM (a million families give tens of millions of pairs, and
 * a uniform sample keeps λ unbiased), and every same-NIK pair is compared for the NIK session, which is small.
 */
function compareRegistry(randomPairs: number, sampleEvery: number): CompareResult {
  const blocking = requireIndex();
  const patterns = new SessionPatterns();
  const nikRule = trainingIndices[trainingRules.findIndex(({ rule }) => rule === 'nik')] ?? -1;
  let comparisons = 0;
  let oversizedBlocks = 0;
  for (const [left, right] of blocking.internalPairs(workerIndex, workerCount, () => oversizedBlocks++)) {
    comparisons++;
    const sampled = sampleEvery <= 1 || ((Math.imul(left, 0x9e3779b1) + right) >>> 0) % sampleEvery === 0;
    const nikHash = nikRule >= 0 ? blocking.hashOf(left, nikRule) : 0;
    const sameNik = nikHash !== 0 && nikHash === blocking.hashOf(right, nikRule);
    if (!sampled && !sameNik) continue;
    const key = vectorKey(compareRecords(records[left], records[right]));
    if (!sampled) {
      patterns.add('nik', key);
      continue;
    }
    countPair(
      patterns,
      'registry',
      key,
      (rule) => blocking.hashOf(left, rule),
      (rule) => blocking.hashOf(right, rule),
    );
  }
  // Every worker draws the same random pairs and compares its share: the same set whatever the worker count.
  randomIndexPairs(records.length, records.length > 1 ? randomPairs : 0, 20_211).forEach(
    ([left, right], pair) => {
      if (pair % workerCount === workerIndex)
        patterns.add('random', vectorKey(compareRecords(records[left], records[right])));
    },
  );
  return { sessions: patterns.toJSON(), comparisons, oversizedBlocks };
}

function parseMinistryLine(line: string): { meta: MinistryPersonMeta; record: PreparedRecord } {
  const [rowNumber, nik, kkNumber, fullName, birthDate, regionCode, ref] = parseCopyLine(line);
  return {
    meta: { rowNumber: Number(rowNumber), nik, ref },
    record: prepareRecord({
      id: rowNumber ?? '',
      nik,
      kkNumber,
      fullName: fullName ?? '',
      birthDate,
      sex: null,
      regionCode,
    }),
  };
}

function compareMinistry(lines: string[]): CompareResult {
  const blocking = requireIndex();
  const patterns = new SessionPatterns();
  let comparisons = 0;
  for (const line of lines) {
    const { record } = parseMinistryLine(line);
    const hashes = keyHashes(record, blockingRules);
    blocking.probe(hashes, (registryIndex) => {
      const key = vectorKey(compareRecords(records[registryIndex], record));
      countPair(
        patterns,
        'ministry',
        key,
        (rule) => blocking.hashOf(registryIndex, rule),
        (rule) => hashes[rule],
      );
      comparisons++;
    });
  }
  return { sessions: patterns.toJSON(), comparisons, oversizedBlocks: 0, rows: lines.length };
}

/** The prior of the pair's kind joins the field weights, so the total is posterior log-odds (bits). */
function withPrior(
  score: PairScore,
  kind: 'registry' | 'ministry',
  prior: ModelMessage['priorLogOdds'],
): PairScore {
  return {
    weight: score.weight + prior[kind],
    vector: score.vector,
    explanation: [...score.explanation, { field: 'prior' as FieldName, level: kind, weight: prior[kind] }],
  };
}

function requireScoring(): ModelMessage {
  if (!scoring) throw new Error('The worker has no model yet');
  return scoring;
}

function scoreRegistry(): ScoreResult {
  const blocking = requireIndex();
  const { model, thresholds, priorLogOdds } = requireScoring();
  const result: ScoreResult = { pairLines: '', comparisons: 0, matches: 0, reviews: 0, nikConflicts: 0 };
  const weighing = { frequencies, nameCeiling, floor: thresholds.review - priorLogOdds.registry };
  for (const [left, right] of blocking.internalPairs(workerIndex, workerCount)) {
    result.comparisons++;
    const weighed = weighPairAbove(records[left], records[right], model, weighing);
    if (!weighed) continue;
    const { vector } = weighed;
    const weight = weighed.weight + priorLogOdds.registry;
    // Most pairs are non-matches: their explanation is never built.
    if (bandOfPair({ weight, vector }, thresholds) === 'non_match') continue;
    const score = withPrior(
      scorePair(records[left], records[right], model, { frequencies }, vector),
      'registry',
      priorLogOdds,
    );
    const band = bandOfPair(score, thresholds);
    if (band === 'match') result.matches++;
    else if (band === 'review') result.reviews++;
    else result.nikConflicts++;
    result.pairLines += registryPairLine(runId, people[left], people[right], band, score);
  }
  return result;
}

function scoreMinistry(lines: string[], list: MinistryListMeta): ScoreResult {
  const blocking = requireIndex();
  const { model, thresholds, priorLogOdds } = requireScoring();
  const result: ScoreResult = { pairLines: '', comparisons: 0, matches: 0, reviews: 0, nikConflicts: 0 };
  const weighing = { frequencies, nameCeiling, floor: thresholds.review - priorLogOdds.ministry };
  for (const line of lines) {
    const { meta, record } = parseMinistryLine(line);
    blocking.probe(keyHashes(record, blockingRules), (registryIndex) => {
      result.comparisons++;
      const weighed = weighPairAbove(records[registryIndex], record, model, weighing);
      if (!weighed) return;
      const { vector } = weighed;
      const weight = weighed.weight + priorLogOdds.ministry;
      // A ministry record sharing a NIK with different details is a candidate for review, not a conflict.
      const band = bandOfPair({ weight, vector }, thresholds).replace('nik_conflict', 'review');
      if (band === 'non_match') return;
      const score = withPrior(
        scorePair(records[registryIndex], record, model, { frequencies }, vector),
        'ministry',
        priorLogOdds,
      );
      if (band === 'match') result.matches++;
      else result.reviews++;
      result.pairLines += ministryPairLine(runId, people[registryIndex], meta, list, band, score);
    });
  }
  return result;
}

async function handle(request: MatchingRequest): Promise<unknown> {
  switch (request.type) {
    case 'load':
      return loadRegistry();
    case 'compare_registry':
      return compareRegistry(request.randomPairs, request.sampleEvery);
    case 'compare_ministry':
      return compareMinistry(request.lines);
    case 'set_model':
      scoring = request.scoring;
      nameCeiling = nameWeightCeiling(scoring.model, { frequencies });
      return null;
    case 'score_registry':
      return scoreRegistry();
    case 'score_ministry':
      return scoreMinistry(request.lines, request.list);
  }
}

parentPort?.on('message', ({ id, request }: { id: number; request: MatchingRequest }) => {
  handle(request).then(
    (result) => parentPort?.postMessage({ id, result }),
    (error: Error) => parentPort?.postMessage({ id, error: error.stack ?? error.message }),
  );
});
