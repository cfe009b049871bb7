// Expectation–maximisation of m and u probabilities over comparison vectors, with no labelled pairs.
import type { ComparisonVector, FieldName } from './compare.ts';
import { fieldLevels, fieldNames, MISSING } from './compare.ts';
import type { LevelProbabilities, MatchModel } from './fellegi-sunter.ts';

export interface EstimationOptions {
  /** Default 100. */
  maximumIterations?: number;
  /** Stop when no probability moves by more than this (default 1e-6). */
  tolerance?: number;
  /**
   * Keep u as given (e.g. measured on random pairs) and estimate only m and the match proportion: for every
   * field (true) or the named ones.
   */
  fixedU?: boolean | readonly FieldName[];
  /** Pseudo-count added to every level so none becomes 0 (default 0.5). */
  smoothing?: number;
}

export interface EstimationResult {
  model: MatchModel;
  iterations: number;
  converged: boolean;
}

export interface Pattern {
  vector: ComparisonVector;
  count: number;
}

// Identical vectors are counted once: a million pairs usually hold a few thousand distinct patterns.
function countPatterns(vectors: Iterable<ComparisonVector>): Pattern[] {
  const patterns = new Map<string, Pattern>();
  for (const vector of vectors) {
    const key = fieldNames.map((field) => vector[field]).join('|');
    const pattern = patterns.get(key);
    if (pattern) pattern.count++;
    else patterns.set(key, { vector, count: 1 });
  }
  return [...patterns.values()];
}

type Counts = Record<FieldName, Record<string, { matched: number; unmatched: number }>>;

function emptyCounts(): Counts {
  const counts = {} as Counts;
  for (const field of fieldNames) {
    counts[field] = {};
    for (const level of fieldLevels[field]) {
      if (level !== MISSING) counts[field][level] = { matched: 0, unmatched: 0 };
    }
  }
  return counts;
}

/** Probability that the pair is the same person under the model (the E step). */
function posterior(vector: ComparisonVector, model: MatchModel): number {
  let logMatched = Math.log(model.matchProportion);
  let logUnmatched = Math.log(1 - model.matchProportion);
  for (const field of fieldNames) {
    const level = vector[field];
    if (level === MISSING) continue;
    const probabilities = model.fields[field][level];
    logMatched += Math.log(probabilities.m);
    logUnmatched += Math.log(probabilities.u);
  }
  return 1 / (1 + Math.exp(logUnmatched - logMatched));
}

export function estimateParameters(
  vectors: Iterable<ComparisonVector>,
  initialModel: MatchModel,
  options: EstimationOptions = {},
): EstimationResult {
  return estimateParametersFromPatterns(countPatterns(vectors), initialModel, options);
}

/** EM over distinct comparison vectors with their counts (what workers send back instead of every pair). */
export function estimateParametersFromPatterns(
  patterns: readonly Pattern[],
  initialModel: MatchModel,
  options: EstimationOptions = {},
): EstimationResult {
  const maximumIterations = options.maximumIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-6;
  const smoothing = options.smoothing ?? 0.5;
  const total = patterns.reduce((sum, pattern) => sum + pattern.count, 0);
  if (total === 0) throw new Error('EM needs at least one comparison vector');
  let model = initialModel;
  for (let iteration = 1; iteration <= maximumIterations; iteration++) {
    const counts = emptyCounts();
    let matchedTotal = 0;
    for (const pattern of patterns) {
      const probability = posterior(pattern.vector, model);
      matchedTotal += probability * pattern.count;
      for (const field of fieldNames) {
        const level = pattern.vector[field];
        if (level === MISSING) continue;
        counts[field][level].matched += probability * pattern.count;
        counts[field][level].unmatched += (1 - probability) * pattern.count;
      }
    }
    const fixed = options.fixedU ?? false;
    const fixedFields = new Set<FieldName>(fixed === true ? fieldNames : fixed === false ? [] : fixed);
    const next = maximise(counts, matchedTotal / total, model, smoothing, fixedFields);
    const change = largestChange(model, next);
    model = next;
    if (change < tolerance) return { model, iterations: iteration, converged: true };
  }
  return { model, iterations: maximumIterations, converged: false };
}

function maximise(
  counts: Counts,
  matchProportion: number,
  previous: MatchModel,
  smoothing: number,
  fixedU: ReadonlySet<FieldName>,
): MatchModel {
  const fields = {} as MatchModel['fields'];
  for (const field of fieldNames) {
    const levels = Object.keys(counts[field]);
    let matchedSum = 0;
    let unmatchedSum = 0;
    for (const level of levels) {
      matchedSum += counts[field][level].matched;
      unmatchedSum += counts[field][level].unmatched;
    }
    const probabilities: Record<string, LevelProbabilities> = {};
    for (const level of levels) {
      const count = counts[field][level];
      probabilities[level] = {
        m: (count.matched + smoothing) / (matchedSum + smoothing * levels.length),
        u: fixedU.has(field)
          ? previous.fields[field][level].u
          : (count.unmatched + smoothing) / (unmatchedSum + smoothing * levels.length),
      };
    }
    fields[field] = probabilities;
  }
  // Kept off 0 and 1 so the logarithms of the next round stay finite.
  const bounded = Math.min(1 - 1e-9, Math.max(1e-9, matchProportion));
  return { matchProportion: bounded, fields };
}

function largestChange(before: MatchModel, after: MatchModel): number {
  let change = Math.abs(before.matchProportion - after.matchProportion);
  for (const field of fieldNames) {
    for (const [level, probabilities] of Object.entries(after.fields[field])) {
      const previous = before.fields[field][level];
      change = Math.max(
        change,
        Math.abs(previous.m - probabilities.m),
        Math.abs(previous.u - probabilities.u),
      );
    }
  }
  return change;
}

/** Deterministic pseudo-random pairs of distinct indices below `size` (mulberry32). */
export function randomIndexPairs(size: number, count: number, seed = 1): Array<[number, number]> {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  const pairs: Array<[number, number]> = [];
  if (size < 2) return pairs;
  while (pairs.length < count) {
    const left = Math.floor(next() * size);
    const right = Math.floor(next() * size);
    if (left !== right) pairs.push(left < right ? [left, right] : [right, left]);
  }
  return pairs;
}

/** Pairs found by one blocking rule, for learning m of the fields that rule does not force to agree. */
export interface TrainingSession {
  name: string;
  /** Fields the rule makes agree (or nearly): their m cannot be learnt from its pairs. */
  blockedFields: readonly FieldName[];
  patterns: readonly Pattern[];
}

export interface SessionEstimationResult {
  model: MatchModel;
  /** Per session: iterations and whether EM converged. */
  sessions: Array<{ name: string; pairs: number; iterations: number; converged: boolean }>;
}

/**
 * EM that cannot drift towards a frequent look-alike group (the Splink approach): u comes from random pairs,
 * and m of each field from the pairs of blocking rules that do not involve that field, averaged over rules.
 * Plain EM over all blocked pairs learnt "same common name, same birth year" as its match class once a
 * registry passed 50,000 families, because such pairs grow with the square of the registry.
 */
export function estimateModelBySessions({
  initial,
  randomPatterns,
  sessions,
  candidatePatterns,
  options = {},
}: {
  initial: MatchModel;
  randomPatterns: readonly Pattern[];
  sessions: readonly TrainingSession[];
  /** Every compared candidate pair, for the match proportion λ. */
  candidatePatterns: readonly Pattern[];
  options?: EstimationOptions;
}): SessionEstimationResult {
  const smoothing = options.smoothing ?? 0.5;
  const withU = withUFromRandomPairs(initial, randomPatterns, smoothing);
  const learnt = new Map<FieldName, Array<Record<string, LevelProbabilities>>>();
  const report: SessionEstimationResult['sessions'] = [];
  for (const session of sessions) {
    const blocked = new Set(session.blockedFields);
    const masked = session.patterns.map((pattern) => ({
      count: pattern.count,
      vector: Object.fromEntries(
        fieldNames.map((field) => [field, blocked.has(field) ? MISSING : pattern.vector[field]]),
      ) as unknown as ComparisonVector,
    }));
    const pairs = masked.reduce((sum, pattern) => sum + pattern.count, 0);
    if (pairs === 0) continue;
    const result = estimateParametersFromPatterns(masked, withU, { ...options, fixedU: true });
    report.push({ name: session.name, pairs, iterations: result.iterations, converged: result.converged });
    for (const field of fieldNames) {
      if (blocked.has(field)) continue;
      const estimates = learnt.get(field) ?? [];
      estimates.push(result.model.fields[field]);
      learnt.set(field, estimates);
    }
  }
  const fields = {} as MatchModel['fields'];
  for (const field of fieldNames) {
    const estimates = learnt.get(field);
    fields[field] = Object.fromEntries(
      Object.entries(withU.fields[field]).map(([level, probabilities]) => [
        level,
        {
          m: estimates
            ? estimates.reduce((sum, estimate) => sum + estimate[level].m, 0) / estimates.length
            : probabilities.m,
          u: probabilities.u,
        },
      ]),
    );
  }
  const withFamilyU = familyFieldsU(candidatePatterns, fields, initial.matchProportion, smoothing);
  const model = {
    matchProportion: matchProportionOf(candidatePatterns, withFamilyU, initial.matchProportion),
    fields: withFamilyU,
  };
  return { model, sessions: report };
}

function withUFromRandomPairs(
  model: MatchModel,
  randomPatterns: readonly Pattern[],
  smoothing: number,
): MatchModel {
  const counts = emptyCounts();
  for (const pattern of randomPatterns) {
    for (const field of fieldNames) {
      const level = pattern.vector[field];
      if (level !== MISSING) counts[field][level].unmatched += pattern.count;
    }
  }
  const updated = {} as MatchModel['fields'];
  for (const field of fieldNames) {
    const levels = Object.keys(counts[field]);
    const total = levels.reduce((sum, level) => sum + counts[field][level].unmatched, 0);
    updated[field] = Object.fromEntries(
      levels.map((level) => [
        level,
        {
          m: model.fields[field][level].m,
          u: (counts[field][level].unmatched + smoothing) / (total + smoothing * levels.length),
        },
      ]),
    );
  }
  return { matchProportion: model.matchProportion, fields: updated };
}

/** Fields shared by relatives, not by one person alone. */
const familyFields: readonly FieldName[] = ['kkNumber', 'region'];

/**
 * Relatives share a KK and a kelurahan, and blocking on the KK brings them together: among compared pairs,
 * agreement there is common for different people, which random pairs cannot show. So u of these fields is
 * their distribution among compared pairs, each weighed by how surely it is two people by the person
 * fields alone (name, NIK, birth date, sex).
 */
function familyFieldsU(
  candidatePatterns: readonly Pattern[],
  fields: MatchModel['fields'],
  matchProportion: number,
  smoothing: number,
): MatchModel['fields'] {
  if (candidatePatterns.length === 0) return fields;
  const personOnly = (vector: ComparisonVector) =>
    Object.fromEntries(
      fieldNames.map((field) => [field, familyFields.includes(field) ? MISSING : vector[field]]),
    ) as unknown as ComparisonVector;
  const counts = emptyCounts();
  for (const pattern of candidatePatterns) {
    const different = 1 - posterior(personOnly(pattern.vector), { matchProportion, fields });
    for (const field of familyFields) {
      const level = pattern.vector[field];
      if (level !== MISSING) counts[field][level].unmatched += different * pattern.count;
    }
  }
  const updated = { ...fields };
  for (const field of familyFields) {
    const levels = Object.keys(counts[field]);
    const total = levels.reduce((sum, level) => sum + counts[field][level].unmatched, 0);
    updated[field] = Object.fromEntries(
      levels.map((level) => [
        level,
        {
          m: fields[field][level].m,
          u: (counts[field][level].unmatched + smoothing) / (total + smoothing * levels.length),
        },
      ]),
    );
  }
  return updated;
}

/** λ alone by EM, with m and u held: the share of the given compared pairs that are the same person. */
export function estimateMatchProportion(patterns: readonly Pattern[], model: MatchModel): number {
  return matchProportionOf(patterns, model.fields, model.matchProportion);
}

function matchProportionOf(
  patterns: readonly Pattern[],
  fields: MatchModel['fields'],
  start: number,
): number {
  const total = patterns.reduce((sum, pattern) => sum + pattern.count, 0);
  if (total === 0) return start;
  let proportion = start;
  for (let iteration = 0; iteration < 200; iteration++) {
    let matched = 0;
    for (const pattern of patterns)
      matched += posterior(pattern.vector, { matchProportion: proportion, fields }) * pattern.count;
    const next = Math.min(1 - 1e-9, Math.max(1e-9, matched / total));
    if (Math.abs(next - proportion) < 1e-9) return next;
    proportion = next;
  }
  return proportion;
}

/**
 * Prior log-odds (bits) that a pair of records is the same person, over all possible pairs rather than the
 * compared ones: `matchProportion` of the compared pairs × compared / possible. Added to a pair's weight it
 * gives posterior log-odds that hold at any registry size: two people sharing a name and a birth date are
 * a coincidence a million families make common, and the prior over all pairs falls as the registry grows.
 */
export function priorLogOdds({
  matchProportion,
  comparedPairs,
  possiblePairs,
}: {
  matchProportion: number;
  comparedPairs: number;
  possiblePairs: number;
}): number {
  if (comparedPairs <= 0 || possiblePairs <= 0) return 0;
  const prior = Math.min(1 - 1e-12, Math.max(1e-300, (matchProportion * comparedPairs) / possiblePairs));
  return Math.log2(prior / (1 - prior));
}
