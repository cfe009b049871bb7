// The model stage of a verification run: compare blocked, random and sampled ministry pairs in the workers,
// learn m and u by EM sessions, and the prior of each kind of pair over all possible pairs.
import type { DatabaseClient } from '../../db/database.ts';
import type { MatchModel, SessionEstimationResult } from '../matching/fellegi-sunter.ts';
import {
  estimateMatchProportion,
  estimateModelBySessions,
  initialModel,
  priorLogOdds,
} from '../matching/fellegi-sunter.ts';
import { SessionPatterns } from '../matching/training-sessions.ts';
import type { MatchingPool } from './matching-pool.ts';
import { streamMinistryChunks } from './stream-ministry-chunks.ts';
import { listActiveMinistryLists } from './verification-run-repository.ts';
import type { CompareResult, MinistryListMeta } from './worker-protocol.ts';
import { vectorOfKey } from './worker-protocol.ts';

/** What the model stage stores on the run, so later stages and resumed runs use the same one. */
export interface StoredModel {
  model: MatchModel;
  ministryLists: Array<MinistryListMeta & { acceptedCount: number }>;
  /** The EM sessions the m probabilities were learnt from. */
  training?: SessionEstimationResult['sessions'];
  /** Prior log-odds of a registry pair and of a registry–ministry pair over all possible pairs (bits). */
  priorLogOdds?: { registry: number; ministry: number };
}

const ministrySampleRows = 200_000;
const maximumRandomPairs = 2_000_000;

/** Above `sampleSize` persons EM learns from a uniform sample of the blocked registry pairs. */
function registrySampleEvery(persons: number, sampleSize: number): number {
  return Math.max(1, Math.round(persons / sampleSize));
}

/** Random pairs for u: enough for rare levels to show, a few per person, capped. */
function randomPairs(persons: number): number {
  return Math.min(maximumRandomPairs, Math.max(100_000, persons));
}

export function roundBits(bits: number): number {
  return Math.round(bits * 100) / 100;
}

export async function estimateRunModel({
  db,
  pool,
  databaseUrl,
  persons,
  modelSampleSize,
}: {
  db: DatabaseClient;
  pool: MatchingPool;
  databaseUrl: string;
  /** Registry persons the workers loaded. */
  persons: number;
  modelSampleSize: number;
}): Promise<{ stored: StoredModel; figures: Record<string, number> }> {
  const ministryLists = await listActiveMinistryLists(db);
  const patterns = new SessionPatterns();
  let registryComparisons = 0;
  let ministryComparisons = 0;
  let ministryRows = 0;
  let oversizedBlocks = 0;
  for (const answer of await pool.askAll<CompareResult>({
    type: 'compare_registry',
    randomPairs: randomPairs(persons),
    sampleEvery: registrySampleEvery(persons, modelSampleSize),
  })) {
    patterns.merge(answer.sessions);
    registryComparisons += answer.comparisons;
    oversizedBlocks += answer.oversizedBlocks;
  }
  const totalMinistry = ministryLists.reduce((sum, list) => sum + list.acceptedCount, 0);
  const sampleEvery = Math.max(1, Math.ceil(totalMinistry / ministrySampleRows));
  // Answers arrive in any order; counts are summed and sorted, so the model does not depend on it.
  for (const list of ministryLists) {
    await streamMinistryChunks<CompareResult>({
      databaseUrl,
      listId: list.listId,
      sampleEvery,
      pool,
      request: (lines) => ({ type: 'compare_ministry', lines }),
      collect: (answer) => {
        patterns.merge(answer.sessions);
        ministryComparisons += answer.comparisons;
        ministryRows += answer.rows ?? 0;
      },
    });
  }
  const registryPatterns = patterns.patterns('registry', vectorOfKey);
  const ministryPatterns = patterns.patterns('ministry', vectorOfKey);
  const estimated = estimateModelBySessions({
    initial: initialModel(),
    randomPatterns: patterns.patterns('random', vectorOfKey),
    sessions: patterns.trainingSessions(vectorOfKey),
    candidatePatterns: [...registryPatterns, ...ministryPatterns],
    options: { maximumIterations: 200 },
  });
  const prior = {
    registry: priorLogOdds({
      matchProportion: estimateMatchProportion(registryPatterns, estimated.model),
      comparedPairs: registryComparisons,
      possiblePairs: (persons * (persons - 1)) / 2,
    }),
    ministry: priorLogOdds({
      matchProportion: estimateMatchProportion(ministryPatterns, estimated.model),
      comparedPairs: ministryComparisons,
      possiblePairs: persons * ministryRows,
    }),
  };
  const stored: StoredModel = {
    model: estimated.model,
    ministryLists,
    training: estimated.sessions,
    priorLogOdds: prior,
  };
  return {
    stored,
    figures: {
      modelComparisons: registryComparisons + ministryComparisons,
      registryPriorBits: roundBits(prior.registry),
      ministryPriorBits: roundBits(prior.ministry),
      oversizedBlocks,
      ministrySampleEvery: sampleEvery,
      registrySampleEvery: registrySampleEvery(persons, modelSampleSize),
      matchProportion: estimated.model.matchProportion,
    },
  };
}
