// Messages between a verification run and its matching workers.
import type { ComparisonVector } from '../matching/compare.ts';
import { fieldNames } from '../matching/compare.ts';
import type { MatchModel, Thresholds } from '../matching/fellegi-sunter.ts';

export interface MatchingWorkerData {
  databaseUrl: string;
  areaCode: string;
  runId: number;
  workerIndex: number;
  workerCount: number;
  /** ISO date the NIK birth dates are read against. */
  referenceDate: string;
  maximumBlockSize: number;
}

export interface MinistryListMeta {
  listId: number;
  programme: string;
  period: string;
}

export interface ModelMessage {
  model: MatchModel;
  thresholds: Thresholds;
}

export type MatchingRequest =
  | { type: 'load' }
  | { type: 'compare_registry'; randomPairs: number }
  | { type: 'compare_ministry'; lines: string[] }
  | { type: 'set_model'; scoring: ModelMessage }
  | { type: 'score_registry' }
  | { type: 'score_ministry'; lines: string[]; list: MinistryListMeta };

export interface LoadResult {
  persons: number;
  findingLines: string;
}

export interface CompareResult {
  /** Comparison-vector key → how many compared pairs have it. */
  patterns: Array<[string, number]>;
  comparisons: number;
  oversizedBlocks: number;
}

export interface ScoreResult {
  pairLines: string;
  comparisons: number;
  matches: number;
  reviews: number;
  nikConflicts: number;
}

export function vectorKey(vector: ComparisonVector): string {
  let key = '';
  for (const field of fieldNames) key += `${vector[field]}|`;
  return key;
}

export function vectorOfKey(key: string): ComparisonVector {
  const levels = key.split('|');
  return Object.fromEntries(
    fieldNames.map((field, index) => [field, levels[index]]),
  ) as unknown as ComparisonVector;
}

/** Adds pattern counts into a running total. */
export function addPatterns(total: Map<string, number>, patterns: Iterable<[string, number]>): void {
  for (const [key, count] of patterns) total.set(key, (total.get(key) ?? 0) + count);
}
