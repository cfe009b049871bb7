// End to end on generator data with ground truth: blocking, EM, scoring and the automatic-match band.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../demo/generator/generate-demo-data.ts';
import { readCsv } from '../../demo/generator/test-support.ts';
import { parseIntakeDate } from '../../intake/intake-date.ts';
import type { IdPair } from './blocking.ts';
import { blockingRules, candidatePairs, pairKey, pairsCompleteness, reductionRatio } from './blocking.ts';
import { type ComparisonVector, compareRecords } from './compare.ts';
import type { MatchModel, Thresholds } from './fellegi-sunter.ts';
import {
  bandOfPair,
  estimateMatchProportion,
  estimateModelBySessions,
  initialModel,
  priorLogOdds,
  randomIndexPairs,
  scorePair,
} from './fellegi-sunter.ts';
import type { PersonRecord, PreparedRecord } from './person-record.ts';
import { prepareRecord } from './person-record.ts';
import { buildNameFrequencies } from './term-frequency.ts';
import { SessionPatterns, trainingRules, vectorKey, vectorOfKey } from './training-sessions.ts';

const families = 5000;
let workDirectory = '';

interface DataSet {
  prepared: PreparedRecord[];
  /** Ground truth: record id → the real person. */
  personOf: Map<string, string>;
}

const dateOf = (cell: string) => {
  const parsed = parseIntakeDate(cell);
  return 'date' in parsed ? parsed.date : null;
};
const sexOf = (cell: string) => (cell === 'L' || cell === 'P' ? cell : null);

beforeAll(async () => {
  workDirectory = await mkdtemp(path.join(os.tmpdir(), 'tepat-matching-'));
});

async function loadDataSet(name: string, faultRate?: number, ministryFaultRate?: number): Promise<DataSet> {
  const outDirectory = path.join(workDirectory, name);
  const summary = await generateDemoData({ families, seed: 42, outDirectory, faultRate, ministryFaultRate });
  const truth = await readCsv(summary.files.groundTruth);
  const personOf = new Map(truth.map((row) => [`${row.source}/${row.ref}`, row.person_id]));
  const records: PersonRecord[] = [];
  for (const row of await readCsv(summary.files.intake)) {
    records.push({
      id: `intake/${row.ref}`,
      source: 'intake',
      nik: row.nik || null,
      kkNumber: row.no_kk || null,
      fullName: row.nama,
      birthDate: dateOf(row.tanggal_lahir),
      sex: sexOf(row.jenis_kelamin),
      regionCode: row.kode_kelurahan || null,
    });
  }
  for (const [programme, file] of Object.entries(summary.files.ministryLists)) {
    for (const row of await readCsv(file)) {
      records.push({
        id: `${programme}/${row.ref}`,
        source: programme,
        nik: row.nik || null,
        kkNumber: row.no_kk || null,
        fullName: row.nama,
        birthDate: dateOf(row.tanggal_lahir),
        sex: null,
        regionCode: row.kode_wilayah || null,
      });
    }
  }
  return { prepared: records.map(prepareRecord), personOf };
}

afterAll(async () => {
  if (workDirectory) await rm(workDirectory, { recursive: true, force: true });
});

const isIntake = (id: string) => id.startsWith('intake/');

/** Every pair of records of one real person, split into intake-vs-intake and intake-vs-ministry. */
function truePairs({ prepared, personOf }: DataSet): { intake: IdPair[]; ministry: IdPair[] } {
  const byPerson = new Map<string, string[]>();
  for (const { record } of prepared) {
    const personId = personOf.get(record.id)!;
    const ids = byPerson.get(personId) ?? [];
    ids.push(record.id);
    byPerson.set(personId, ids);
  }
  const intake: IdPair[] = [];
  const ministry: IdPair[] = [];
  for (const ids of byPerson.values()) {
    for (let first = 0; first < ids.length; first++) {
      for (let second = first + 1; second < ids.length; second++) {
        const pair: IdPair = [ids[first], ids[second]];
        if (isIntake(pair[0]) && isIntake(pair[1])) intake.push(pair);
        else if (isIntake(pair[0]) !== isIntake(pair[1])) ministry.push(pair);
      }
    }
  }
  return { intake, ministry };
}

interface Quality {
  precision: number;
  recall: number;
  f1: number;
  reviewPairs: number;
  truePositives: number;
  falsePositives: number;
  truePairs: number;
}

function bandQuality(
  scored: Array<{ pair: IdPair; weight: number; vector: ComparisonVector }>,
  truth: IdPair[],
  thresholds: Thresholds,
): Quality {
  const trueKeys = new Set(truth.map(([left, right]) => pairKey(left, right)));
  let truePositives = 0;
  let falsePositives = 0;
  let reviewPairs = 0;
  for (const { pair, weight, vector } of scored) {
    const band = bandOfPair({ weight, vector }, thresholds);
    if (band === 'review') reviewPairs++;
    if (band !== 'match') continue;
    if (trueKeys.has(pairKey(pair[0], pair[1]))) truePositives++;
    else falsePositives++;
  }
  const precision = truePositives / (truePositives + falsePositives);
  const recall = truePositives / trueKeys.size;
  return {
    precision,
    recall,
    f1: (2 * precision * recall) / (precision + recall),
    reviewPairs,
    truePositives,
    falsePositives,
    truePairs: trueKeys.size,
  };
}

/** Pairwise F1 of the automatic band over registry and ministry pairs together. */
function combinedF1(intake: Quality, ministry: Quality): number {
  const truePositives = intake.truePositives + ministry.truePositives;
  const precision = truePositives / (truePositives + intake.falsePositives + ministry.falsePositives);
  const recall = truePositives / (intake.truePairs + ministry.truePairs);
  return (2 * precision * recall) / (precision + recall);
}

interface PipelineFigures {
  records: number;
  candidatePairs: number;
  pairsCompleteness: number;
  reductionRatio: number;
  truePairs: { intake: number; ministry: number };
  thresholds: Thresholds;
  intake: Quality;
  ministry: Quality;
  f1: number;
  reviewPer1000Families: number;
  milliseconds: number;
}

/** Block, compare, EM, score and band a data set as the verification run will, and measure each step. */
function runPipeline(dataSet: DataSet): PipelineFigures {
  const { prepared } = dataSet;
  const started = performance.now();
  const truth = truePairs(dataSet);
  const { pairs } = candidatePairs(prepared);
  const idPairs: IdPair[] = pairs.map(([left, right]) => [
    prepared[left].record.id,
    prepared[right].record.id,
  ]);
  const vectors = pairs.map(([left, right]) => compareRecords(prepared[left], prepared[right]));
  // As the verification run does: u from random pairs, m per training rule, λ per kind of pair.
  const kindOf = ([left, right]: IdPair) =>
    isIntake(left) && isIntake(right) ? 'registry' : isIntake(left) !== isIntake(right) ? 'ministry' : null;
  const patterns = new SessionPatterns();
  const compared = { registry: 0, ministry: 0 };
  pairs.forEach(([left, right], index) => {
    const kind = kindOf(idPairs[index]);
    if (kind === null) return;
    compared[kind]++;
    const key = vectorKey(vectors[index]);
    patterns.add(kind, key);
    for (const { rule } of trainingRules) {
      const keys = (record: PreparedRecord) =>
        blockingRules.find((candidate) => candidate.name === rule)!.keys(record);
      const leftKey = keys(prepared[left])[0];
      if (leftKey !== undefined && leftKey === keys(prepared[right])[0]) patterns.add(rule, key);
    }
  });
  for (const [left, right] of randomIndexPairs(prepared.length, Math.max(100_000, prepared.length)))
    patterns.add('random', vectorKey(compareRecords(prepared[left], prepared[right])));
  const { model, sessions } = estimateModelBySessions({
    initial: initialModel(),
    randomPatterns: patterns.patterns('random', vectorOfKey),
    sessions: patterns.trainingSessions(vectorOfKey),
    candidatePatterns: [
      ...patterns.patterns('registry', vectorOfKey),
      ...patterns.patterns('ministry', vectorOfKey),
    ],
  });
  const intakeRecords = prepared.filter((record) => isIntake(record.record.id)).length;
  const ministryRecords = prepared.length - intakeRecords;
  const prior = {
    registry: priorLogOdds({
      matchProportion: estimateMatchProportion(patterns.patterns('registry', vectorOfKey), model),
      comparedPairs: compared.registry,
      possiblePairs: (intakeRecords * (intakeRecords - 1)) / 2,
    }),
    ministry: priorLogOdds({
      matchProportion: estimateMatchProportion(patterns.patterns('ministry', vectorOfKey), model),
      comparedPairs: compared.ministry,
      possiblePairs: intakeRecords * ministryRecords,
    }),
  };
  const converged =
    sessions.length === trainingRules.length && sessions.every((session) => session.converged);
  expect(converged).toBe(true);
  expectSensibleModel(model);
  const frequencies = buildNameFrequencies(prepared.map((record) => record.name));
  // Weights plus the prior of their kind are posterior log-odds: 99 % and 50 %.
  const thresholds = { match: Math.log2(99), review: 0 };
  const scored = pairs.flatMap(([left, right], index) => {
    const kind = kindOf(idPairs[index]);
    if (kind === null) return [];
    const weight = scorePair(prepared[left], prepared[right], model, { frequencies }).weight + prior[kind];
    return [{ pair: idPairs[index], weight, vector: vectors[index] }];
  });
  const intakeScored = scored.filter(({ pair }) => isIntake(pair[0]) && isIntake(pair[1]));
  const ministryScored = scored.filter(({ pair }) => isIntake(pair[0]) !== isIntake(pair[1]));
  const intake = bandQuality(intakeScored, truth.intake, thresholds);
  const ministry = bandQuality(ministryScored, truth.ministry, thresholds);
  return {
    records: prepared.length,
    candidatePairs: pairs.length,
    pairsCompleteness: pairsCompleteness(idPairs, [...truth.intake, ...truth.ministry]),
    reductionRatio: reductionRatio(pairs, prepared.length),
    truePairs: { intake: truth.intake.length, ministry: truth.ministry.length },
    thresholds,
    intake,
    ministry,
    f1: combinedF1(intake, ministry),
    reviewPer1000Families: ((intake.reviewPairs + ministry.reviewPairs) * 1000) / families,
    milliseconds: Math.round(performance.now() - started),
  };
}

describe('matching engine on generator data', () => {
  it('with default faults: complete blocking, and after EM precise and complete automatic matches', async () => {
    const figures = runPipeline(await loadDataSet('default'));
    // The figures the issue asks for, printed for the closing note.
    console.info(JSON.stringify(figures));
    expect(figures.truePairs.intake).toBeGreaterThan(100);
    expect(figures.truePairs.ministry).toBeGreaterThan(300);
    expect(figures.pairsCompleteness).toBeGreaterThanOrEqual(0.98);
    expect(figures.reductionRatio).toBeGreaterThan(0.999);
    // The goal: F1 of the automatic band at least 0.98, review band under 5 per 1,000 families.
    expect(figures.f1).toBeGreaterThanOrEqual(0.98);
    expect(figures.reviewPer1000Families).toBeLessThan(5);
    expect(figures.intake.precision).toBeGreaterThanOrEqual(0.92);
    expect(figures.intake.recall).toBeGreaterThanOrEqual(0.95);
    expect(figures.ministry.precision).toBeGreaterThanOrEqual(0.98);
    expect(figures.ministry.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('with five times the default faults: still precise, still nearly complete', async () => {
    const figures = runPipeline(await loadDataSet('heavy', 0.4, 0.15));
    console.info(JSON.stringify(figures));
    expect(figures.truePairs.intake).toBeGreaterThan(500);
    expect(figures.pairsCompleteness).toBeGreaterThanOrEqual(0.98);
    // Five times the faults: what the automatic band lets go must land in review, not in false matches.
    expect(figures.f1).toBeGreaterThanOrEqual(0.97);
    expect(figures.intake.precision).toBeGreaterThanOrEqual(0.98);
    expect(figures.intake.recall).toBeGreaterThanOrEqual(0.94);
    expect(figures.ministry.precision).toBeGreaterThanOrEqual(0.98);
    expect(figures.ministry.recall).toBeGreaterThanOrEqual(0.94);
  });
});

/** EM must land on "same person" as the match class, not on "same family". */
function expectSensibleModel(model: MatchModel): void {
  const weight = (field: keyof MatchModel['fields'], level: string) =>
    Math.log2(model.fields[field][level].m / model.fields[field][level].u);
  expect(weight('nik', 'exact')).toBeGreaterThan(8);
  expect(weight('nik', 'disagree')).toBeLessThan(-3);
  expect(weight('name', 'exact')).toBeGreaterThan(2);
  expect(weight('name', 'disagree')).toBeLessThan(-4);
  expect(weight('birthDate', 'exact')).toBeGreaterThan(4);
  expect(weight('birthDate', 'disagree')).toBeLessThan(-4);
  expect(model.matchProportion).toBeGreaterThan(0.001);
  expect(model.matchProportion).toBeLessThan(0.2);
}
