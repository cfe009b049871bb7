import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../demo/generator/seeded-random.ts';
import type { ComparisonVector, FieldName } from './compare.ts';
import { compareRecordsButName, fieldNames } from './compare.ts';
import type { MatchModel } from './fellegi-sunter.ts';
import {
  classify,
  estimateParameters,
  initialModel,
  matchProbability,
  nameWeightCeiling,
  scorePair,
  scoreVector,
  thresholdsForProbabilities,
  weighPairAbove,
} from './fellegi-sunter.ts';
import type { PersonRecord } from './person-record.ts';
import { prepareRecord } from './person-record.ts';
import { buildNameFrequencies } from './term-frequency.ts';

const person = (overrides: Partial<PersonRecord>): PersonRecord => ({
  id: 'x',
  nik: '3174015203850002',
  kkNumber: '3174012304150007',
  fullName: 'SITI AMINAH',
  birthDate: '1985-03-12',
  sex: 'P',
  regionCode: '31.74.01.1001',
  ...overrides,
});

describe('scorePair', () => {
  const model = initialModel();

  it('explains every field with log2(m/u) and sums the explanation', () => {
    const left = prepareRecord(person({ id: 'a' }));
    const right = prepareRecord(person({ id: 'b', nik: null, birthDate: '1985-12-03' }));
    const score = scorePair(left, right, model);
    expect(score.explanation.map((entry) => entry.field)).toEqual(fieldNames);
    const birth = score.explanation.find((entry) => entry.field === 'birthDate')!;
    const { m, u } = model.fields.birthDate.day_month_swapped;
    expect(birth).toEqual({ field: 'birthDate', level: 'day_month_swapped', weight: Math.log2(m / u) });
    // A missing value is neither evidence for nor against.
    expect(score.explanation.find((entry) => entry.field === 'nik')).toMatchObject({
      level: 'missing',
      weight: 0,
    });
    const sum = score.explanation.reduce((total, entry) => total + entry.weight, 0);
    expect(score.weight).toBeCloseTo(sum, 10);
    expect(score.weight).toBeCloseTo(scoreVector(score.vector, model), 10);
  });

  it('scores the same person above two members of one family', () => {
    const same = scorePair(
      prepareRecord(person({ id: 'a', fullName: 'Hj. Siti Aminah' })),
      prepareRecord(person({ id: 'b', nik: '3174015230850002' })),
      model,
    );
    const sibling = scorePair(
      prepareRecord(person({ id: 'a' })),
      prepareRecord(
        person({
          id: 'c',
          nik: '3174011508100001',
          fullName: 'AHMAD FAUZI',
          birthDate: '2010-08-15',
          sex: 'L',
        }),
      ),
      model,
    );
    expect(same.weight).toBeGreaterThan(20);
    expect(sibling.weight).toBeLessThan(0);
  });

  it('lets a shared rare name word weigh more than a shared common one', () => {
    const words = 'ROHMAH KUSUMAWARDANI AMINAH RAHAYU WULAN PERTIWI MUNAWAROH FATIMAH HALIMAH ZUBAEDAH'.split(
      ' ',
    );
    const names = [
      ...Array.from({ length: 60 }, (_unused, index) => `SITI ${words[index % words.length]}`),
      'DEWI SITORUS',
      'RATNA SITORUS',
    ];
    const frequencies = buildNameFrequencies(
      names.map((name) => prepareRecord(person({ fullName: name })).name),
    );
    const pair = (left: string, right: string) =>
      scorePair(
        prepareRecord(person({ id: 'a', fullName: left })),
        prepareRecord(person({ id: 'b', fullName: right })),
        model,
        { frequencies },
      ).explanation[0];
    const rare = pair('DEWI SITORUS', 'RATNA SITORUS');
    const common = pair('SITI ROHMAH', 'SITI KUSUMAWARDANI');
    expect(rare.level).toBe('token_overlap');
    expect(common.level).toBe('token_overlap');
    expect(rare.termFrequencyAdjustment).toBeGreaterThan(0);
    expect(common.termFrequencyAdjustment).toBeLessThan(0);
    expect(rare.weight).toBeGreaterThan(common.weight);
    // The adjustment is bounded.
    expect(Math.abs(rare.termFrequencyAdjustment!)).toBeLessThanOrEqual(3);
  });
});

describe('classify and thresholds', () => {
  it('puts weights into three bands and refuses crossed thresholds', () => {
    const thresholds = { match: 10, review: 2 };
    expect(classify(10, thresholds)).toBe('match');
    expect(classify(9.99, thresholds)).toBe('review');
    expect(classify(2, thresholds)).toBe('review');
    expect(classify(1.99, thresholds)).toBe('non_match');
    expect(() => classify(5, { match: 1, review: 2 })).toThrow();
  });

  it('derives thresholds whose posterior is the asked probability', () => {
    const model = initialModel();
    const thresholds = thresholdsForProbabilities(model, 0.99, 0.5);
    expect(matchProbability(thresholds.match, model)).toBeCloseTo(0.99, 10);
    expect(matchProbability(thresholds.review, model)).toBeCloseTo(0.5, 10);
    expect(thresholds.match).toBeGreaterThan(thresholds.review);
  });
});

/** Draws a level from a distribution given as { level: probability }. */
function draw(random: SeededRandom, distribution: Record<string, number>): string {
  let roll = random.next();
  const entries = Object.entries(distribution);
  for (const [level, probability] of entries) {
    roll -= probability;
    if (roll < 0) return level;
  }
  return entries[entries.length - 1][0];
}

function simulate(model: MatchModel, count: number, random: SeededRandom): ComparisonVector[] {
  const vectors: ComparisonVector[] = [];
  for (let index = 0; index < count; index++) {
    const matched = random.next() < model.matchProportion;
    const vector = {} as Record<FieldName, string>;
    for (const field of fieldNames) {
      const levels = model.fields[field];
      const distribution = Object.fromEntries(
        Object.entries(levels).map(([level, probabilities]) => [
          level,
          matched ? probabilities.m : probabilities.u,
        ]),
      );
      // Some values are missing, which EM must simply skip.
      vector[field] = random.next() < 0.05 ? 'missing' : draw(random, distribution);
    }
    vectors.push(vector as unknown as ComparisonVector);
  }
  return vectors;
}

describe('estimateParameters', () => {
  it('recovers m, u and the match proportion from unlabelled vectors', () => {
    const truth = initialModel();
    truth.matchProportion = 0.15;
    const vectors = simulate(truth, 30_000, new SeededRandom(3));
    // Start far from the truth: flat-ish m and u, a wrong prior.
    const start = initialModel();
    start.matchProportion = 0.4;
    for (const field of fieldNames) {
      const levels = Object.keys(start.fields[field]);
      levels.forEach((level, index) => {
        start.fields[field][level] = {
          m: index === 0 ? 0.6 : 0.4 / (levels.length - 1),
          u: index === 0 ? 0.1 : 0.9 / (levels.length - 1),
        };
      });
    }
    const result = estimateParameters(vectors, start);
    expect(result.converged).toBe(true);
    expect(result.model.matchProportion).toBeCloseTo(0.15, 2);
    for (const field of fieldNames) {
      for (const [level, probabilities] of Object.entries(truth.fields[field])) {
        expect(
          Math.abs(result.model.fields[field][level].m - probabilities.m),
          `${field} ${level} m`,
        ).toBeLessThan(0.02);
        expect(
          Math.abs(result.model.fields[field][level].u - probabilities.u),
          `${field} ${level} u`,
        ).toBeLessThan(0.02);
      }
    }
  });

  it('keeps u as given when asked and rejects an empty input', () => {
    const truth = initialModel();
    const vectors = simulate(truth, 5000, new SeededRandom(4));
    const result = estimateParameters(vectors, truth, { fixedU: true });
    for (const field of fieldNames) {
      for (const [level, probabilities] of Object.entries(truth.fields[field])) {
        expect(result.model.fields[field][level].u).toBe(probabilities.u);
      }
    }
    expect(() => estimateParameters([], truth)).toThrow();
  });
});

describe('nameWeightCeiling', () => {
  it('bounds the weight of every pair from its other fields, whatever the names', () => {
    const random = new SeededRandom(7);
    const names = [
      'SITI AMINAH',
      'Siti Aminah binti Umar',
      'SITI AMINA',
      'Moch. Djoko Soesilo',
      'Budi',
      'SITORUS',
    ];
    const dates = ['1985-03-12', '1985-12-03', '1985-03-13', '1990-01-01', null];
    const records = Array.from({ length: 60 }, (_unused, index) =>
      prepareRecord(
        person({
          id: String(index),
          fullName: random.pick(names),
          birthDate: random.pick(dates),
          nik: random.next() < 0.5 ? null : '3174015203850002',
          regionCode: random.pick(['31.74.01.1001', '31.74.02.1001', '31.71.01.1001']),
        }),
      ),
    );
    const frequencies = buildNameFrequencies(records.map((record) => record.name));
    const model = initialModel();
    const ceiling = nameWeightCeiling(model, { frequencies });
    const plainCeiling = nameWeightCeiling(model);
    let reached = 0;
    for (const left of records)
      for (const right of records) {
        const partial = scoreVector(compareRecordsButName(left, right), model);
        const full = scorePair(left, right, model, { frequencies }).weight;
        expect(partial + ceiling).toBeGreaterThanOrEqual(full - 1e-9);
        // The fast path weighs a pair as scorePair does, and leaves out only pairs below its floor.
        const weighing = { frequencies, nameCeiling: ceiling };
        expect(weighPairAbove(left, right, model, { ...weighing, floor: -Infinity })?.weight).toBeCloseTo(
          full,
          9,
        );
        const skipped = weighPairAbove(left, right, model, { ...weighing, floor: 0 }) === null;
        if (skipped) expect(full).toBeLessThan(0);
        // Without term frequencies, names that agree exactly reach the bound.
        const plain = scorePair(left, right, model).weight;
        expect(partial + plainCeiling).toBeGreaterThanOrEqual(plain - 1e-9);
        if (Math.abs(partial + plainCeiling - plain) < 1e-9) reached++;
      }
    expect(reached).toBeGreaterThan(0);
  });
});
