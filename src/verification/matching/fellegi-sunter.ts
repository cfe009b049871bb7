// Fellegi–Sunter scoring: per field and agreement level, weight log2(m/u); m/u estimated by EM over pairs.
import type { ComparisonVector, FieldName } from './compare.ts';
import {
  compareNames,
  compareRecords,
  compareRecordsButName,
  fieldLevels,
  fieldNames,
  MISSING,
  sharedTokens,
} from './compare.ts';
import type { PreparedRecord } from './person-record.ts';
import type { NameFrequencies } from './term-frequency.ts';
import { fullNameShare, rarestTokenShare } from './term-frequency.ts';

export interface LevelProbabilities {
  /** P(level | same person). */
  m: number;
  /** P(level | different people). */
  u: number;
}

export interface MatchModel {
  /** Prior share of compared pairs that are the same person (λ). */
  matchProportion: number;
  /** Per field, per agreement level except 'missing' (which weighs nothing). */
  fields: Record<FieldName, Record<string, LevelProbabilities>>;
}

export interface FieldWeight {
  field: FieldName;
  level: string;
  /** log2(m/u), term-frequency adjustment included. */
  weight: number;
  /** Part of `weight` due to how common the shared name or name word is. */
  termFrequencyAdjustment?: number;
}

export interface PairScore {
  weight: number;
  vector: ComparisonVector;
  explanation: FieldWeight[];
}

export interface ScoreOptions {
  /** Name frequencies of the data; without them names weigh by level only. */
  frequencies?: NameFrequencies;
  /** Bound, in bits, on the term-frequency adjustment either way (default 3). */
  maximumAdjustment?: number;
}

export type Band = 'match' | 'review' | 'non_match';

export interface Thresholds {
  /** Total weight at or above which a pair is matched automatically. */
  match: number;
  /** Total weight at or above which (and below `match`) a pair goes to human review. */
  review: number;
}

const defaultMaximumAdjustment = 3;

// log2(m/u) of every level, computed once per model: scoring millions of pairs looks them up.
const weightTables = new WeakMap<MatchModel, Map<string, Map<string, number>>>();

export function levelWeight(model: MatchModel, field: FieldName, level: string): number {
  if (level === MISSING) return 0;
  let table = weightTables.get(model);
  if (!table) {
    table = new Map(fieldNames.map((name) => [name, new Map<string, number>()]));
    weightTables.set(model, table);
  }
  const weights = table.get(field)!;
  const known = weights.get(level);
  if (known !== undefined) return known;
  const probabilities = model.fields[field][level];
  if (!probabilities) throw new Error(`The model has no level ${level} for ${field}`);
  const weight = Math.log2(probabilities.m / probabilities.u);
  weights.set(level, weight);
  return weight;
}

/** Total weight of a comparison vector, without term-frequency adjustment. */
export function scoreVector(vector: ComparisonVector, model: MatchModel): number {
  let weight = 0;
  for (const field of fieldNames) weight += levelWeight(model, field, vector[field]);
  return weight;
}

/** The most a name can add to a pair's weight: its strongest level and the largest term-frequency bonus. */
export function nameWeightCeiling(model: MatchModel, options: ScoreOptions = {}): number {
  let ceiling = 0;
  for (const level of fieldLevels.name) ceiling = Math.max(ceiling, levelWeight(model, 'name', level));
  return ceiling + (options.frequencies ? (options.maximumAdjustment ?? defaultMaximumAdjustment) : 0);
}

/**
 * The pair's vector and weight (as `scorePair`'s, without its explanation), or null when its other fields keep it below `floor` whatever
 * its names: most blocked pairs, and the names are the costly comparison. A shared NIK is always weighed, it
 * may be a conflict. `nameCeiling` is `nameWeightCeiling(model, options)`, computed once by the caller.
 */
export function weighPairAbove(
  left: PreparedRecord,
  right: PreparedRecord,
  model: MatchModel,
  options: ScoreOptions & { floor: number; nameCeiling: number },
): { vector: ComparisonVector; weight: number } | null {
  const vector = compareRecordsButName(left, right);
  const others = scoreVector(vector, model);
  if (vector.nik !== 'exact' && others + options.nameCeiling < options.floor) return null;
  vector.name = compareNames(left.name, right.name);
  let weight = others + levelWeight(model, 'name', vector.name);
  if (options.frequencies) weight += nameAdjustment(left, right, vector.name, model, options);
  return { vector, weight };
}

export function scorePair(
  left: PreparedRecord,
  right: PreparedRecord,
  model: MatchModel,
  options: ScoreOptions = {},
  compared?: ComparisonVector,
): PairScore {
  const vector = compared ?? compareRecords(left, right);
  const explanation: FieldWeight[] = [];
  let total = 0;
  for (const field of fieldNames) {
    const level = vector[field];
    let weight = levelWeight(model, field, level);
    const entry: FieldWeight = { field, level, weight };
    if (field === 'name' && options.frequencies) {
      const adjustment = nameAdjustment(left, right, vector.name, model, options);
      if (adjustment !== 0) {
        weight += adjustment;
        entry.weight = weight;
        entry.termFrequencyAdjustment = adjustment;
      }
    }
    explanation.push(entry);
    total += weight;
  }
  return { weight: total, vector, explanation };
}

// The level's u is an average over all names; a pair sharing a rare name is likelier the same person.
function nameAdjustment(
  left: PreparedRecord,
  right: PreparedRecord,
  level: string,
  model: MatchModel,
  options: ScoreOptions,
): number {
  const frequencies = options.frequencies!;
  if (level === 'disagree' || level === MISSING) return 0;
  const share =
    level === 'exact'
      ? fullNameShare(frequencies, left.name)
      : rarestTokenShare(frequencies, sharedTokens(left.name, right.name));
  if (share === null) return 0;
  const limit = options.maximumAdjustment ?? defaultMaximumAdjustment;
  const adjustment = Math.log2(model.fields.name[level].u / share);
  return Math.max(-limit, Math.min(limit, adjustment));
}

export function classify(weight: number, thresholds: Thresholds): Band {
  if (thresholds.review > thresholds.match)
    throw new Error('The review threshold must not exceed the match one');
  if (weight >= thresholds.match) return 'match';
  return weight >= thresholds.review ? 'review' : 'non_match';
}

export type PairBand = Band | 'nik_conflict';

/**
 * The band of a scored pair, with two guards on the model: a pair whose names disagree is never matched
 * automatically, and one NIK carried by two people who are not the same is flagged (both), never merged.
 */
export function bandOfPair(score: Pick<PairScore, 'weight' | 'vector'>, thresholds: Thresholds): PairBand {
  const band = classify(score.weight, thresholds);
  const namesDisagree = score.vector.name === 'disagree';
  if (score.vector.nik === 'exact' && (band === 'non_match' || (band === 'match' && namesDisagree)))
    return 'nik_conflict';
  return band === 'match' && namesDisagree ? 'review' : band;
}

/** Posterior probability that a pair with this total weight is the same person. */
export function matchProbability(weight: number, model: MatchModel): number {
  const priorOdds = model.matchProportion / (1 - model.matchProportion);
  return 1 / (1 + 1 / (priorOdds * 2 ** weight));
}

/** Weights at which the posterior reaches the given probabilities: a readable default for administrators. */
export function thresholdsForProbabilities(model: MatchModel, matchAt: number, reviewAt: number): Thresholds {
  const priorLogOdds = Math.log2(model.matchProportion / (1 - model.matchProportion));
  const weightAt = (probability: number) => Math.log2(probability / (1 - probability)) - priorLogOdds;
  return { match: weightAt(matchAt), review: weightAt(reviewAt) };
}

/** Starting values for EM: agreement is likely for the same person and rare otherwise. */
export function initialModel(): MatchModel {
  const spread = (m: number[], u: number[]) => (levels: readonly string[]) =>
    Object.fromEntries(
      levels
        .filter((level) => level !== MISSING)
        .map((level, index) => [level, { m: m[index], u: u[index] }]),
    );
  return {
    matchProportion: 0.05,
    fields: {
      name: spread([0.85, 0.08, 0.03, 0.02, 0.02], [0.005, 0.01, 0.05, 0.2, 0.735])(fieldLevels.name),
      nik: spread([0.9, 0.02, 0.02, 0.02, 0.04], [0.001, 0.001, 0.001, 0.02, 0.977])(fieldLevels.nik),
      birthDate: spread(
        [0.9, 0.03, 0.03, 0.02, 0.02],
        [0.01, 0.001, 0.03, 0.06, 0.899],
      )(fieldLevels.birthDate),
      sex: spread([0.98, 0.02], [0.5, 0.5])(fieldLevels.sex),
      region: spread([0.85, 0.05, 0.05, 0.05], [0.3, 0.2, 0.2, 0.3])(fieldLevels.region),
      kkNumber: spread([0.75, 0.04, 0.01, 0.2], [0.3, 0.01, 0.04, 0.65])(fieldLevels.kkNumber),
    },
  };
}

export type {
  EstimationOptions,
  EstimationResult,
  Pattern,
  SessionEstimationResult,
  TrainingSession,
} from './estimate-parameters.ts';
export {
  estimateMatchProportion,
  estimateModelBySessions,
  estimateParameters,
  estimateParametersFromPatterns,
  priorLogOdds,
  randomIndexPairs,
} from './estimate-parameters.ts';
