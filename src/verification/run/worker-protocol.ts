// Messages between a verification run and its matching workers.
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
  /** Thresholds on posterior log-odds: a pair's weight plus the prior of its kind. */
  thresholds: Thresholds;
  priorLogOdds: { registry: number; ministry: number };
}

export type MatchingRequest =
  | { type: 'load' }
  | { type: 'compare_registry'; randomPairs: number; sampleEvery: number }
  | { type: 'compare_ministry'; lines: string[] }
  | { type: 'set_model'; scoring: ModelMessage }
  | { type: 'score_registry' }
  | { type: 'score_ministry'; lines: string[]; list: MinistryListMeta };

export interface LoadResult {
  persons: number;
  findingLines: string;
}

export interface CompareResult {
  /** Ministry rows compared (for the prior over all registry × ministry pairs). */
  rows?: number;
  /**
   * Per session (training rule, 'random', 'registry', 'ministry' for all compared pairs of that kind):
   * comparison-vector key → how many pairs have it.
   */
  sessions: Record<string, Array<[string, number]>>;
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

export { vectorKey, vectorOfKey } from '../matching/training-sessions.ts';
