// A verification run, stage by stage; each stage commits its results with its checkpoint, so a rerun after
// a crash continues at the first stage not done and gives the same results as an uninterrupted run.
import os from 'node:os';
import type { DatabaseClient } from '../../db/database.ts';
import { databaseUrlOf, withRawTransaction } from '../../db/database.ts';
import type { MatchModel, SessionEstimationResult } from '../matching/fellegi-sunter.ts';
import {
  estimateMatchProportion,
  estimateModelBySessions,
  initialModel,
  priorLogOdds,
} from '../matching/fellegi-sunter.ts';
import { SessionPatterns } from '../matching/training-sessions.ts';
import { createMatchingPool, type MatchingPool } from './matching-pool.ts';
import { refreshPersonStatuses } from './person-status-repository.ts';
import { streamMinistryChunks } from './stream-ministry-chunks.ts';
import {
  analyseVerificationTables,
  copyFindings,
  copyPairs,
  countRunPairs,
  countRunStatuses,
  deleteRunFindings,
  deleteRunPairs,
  insertFamilyFindings,
} from './verification-result-repository.ts';
import {
  beatVerificationRun,
  completeVerificationStage,
  findVerificationRun,
  findVerificationSetting,
  finishVerificationRun,
  listActiveMinistryLists,
  markVerificationRunStarted,
  saveVerificationModel,
} from './verification-run-repository.ts';
import type { CompareResult, LoadResult, MinistryListMeta, ScoreResult } from './worker-protocol.ts';
import { vectorOfKey } from './worker-protocol.ts';

export interface VerificationProgress {
  stage: string;
  done?: number;
  total?: number;
}

export interface ExecuteVerificationRunOptions {
  db: DatabaseClient;
  runId: number;
  /** Worker threads; default one per core. */
  workers?: number;
  onProgress?: (progress: VerificationProgress) => void;
  /** Date NIK birth dates are read against (tests fix it); default today. */
  referenceDate?: Date;
  /** Registry size above which EM learns from a sample of the blocked pairs (tests lower it). */
  modelSampleSize?: number;
}

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

/** Above `sampleSize` persons (default 400,000) EM learns from a uniform sample of the blocked registry pairs. */
function registrySampleEvery(persons: number, sampleSize: number): number {
  return Math.max(1, Math.round(persons / sampleSize));
}

/** Random pairs for u: enough for rare levels to show, a few per person, capped. */
function randomPairs(persons: number): number {
  return Math.min(maximumRandomPairs, Math.max(100_000, persons));
}
const heartbeatMilliseconds = 5_000;
/** Posterior probabilities behind the default thresholds, when an administrator has set none. */
const defaultMatchProbability = 0.99;
const defaultReviewProbability = 0.5;

export async function executeVerificationRun({
  db,
  runId,
  workers = Math.max(1, Math.min(os.availableParallelism(), 8)),
  onProgress = () => {},
  referenceDate = new Date(),
  modelSampleSize = 400_000,
}: ExecuteVerificationRunOptions): Promise<void> {
  const run = await findVerificationRun(db, runId);
  if (!run) throw new Error(`No verification run ${runId}`);
  await markVerificationRunStarted(db, runId);
  const done = new Set(run.stagesDone);
  let progress: VerificationProgress = { stage: 'load' };
  const report = (next: VerificationProgress) => {
    progress = next;
    onProgress(next);
  };
  const heartbeat = setInterval(() => {
    beatVerificationRun(db, { runId, progress: { ...progress } }).catch(() => {});
  }, heartbeatMilliseconds);
  let pool: MatchingPool | undefined;
  try {
    report({ stage: 'load' });
    const databaseUrl = databaseUrlOf(db);
    pool = createMatchingPool({
      size: workers,
      workerData: {
        databaseUrl,
        areaCode: run.areaCode,
        runId,
        referenceDate: referenceDate.toISOString(),
        maximumBlockSize: 200,
      },
      heapMegabytes: 6144,
    });
    const loads = await pool.askAll<LoadResult>({ type: 'load' });
    const persons = loads[0].persons;

    if (!done.has('structure')) {
      report({ stage: 'structure' });
      await withRawTransaction(db, async (transaction) => {
        await deleteRunFindings(transaction.db, runId);
        await copyFindings(
          transaction,
          loads.map((load) => load.findingLines),
        );
        await insertFamilyFindings(transaction.db, { runId, areaCode: run.areaCode });
        await completeVerificationStage(transaction.db, { runId, stage: 'structure', figures: { persons } });
      });
    }

    let stored = run.model as StoredModel | null;
    let thresholds = run.thresholds;
    if (!done.has('model') || !stored || !thresholds) {
      report({ stage: 'model' });
      const started = performance.now();
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
      stored = { model: estimated.model, ministryLists, training: estimated.sessions, priorLogOdds: prior };
      // Weights carry the prior, so a threshold is a probability: 6.63 bits is 99 %, 0 bits 50 %.
      thresholds = (await findVerificationSetting(db)) ?? {
        match: roundBits(logOdds(defaultMatchProbability)),
        review: roundBits(logOdds(defaultReviewProbability)),
      };
      await db.transaction().execute(async (transaction) => {
        await saveVerificationModel(transaction, { runId, model: stored, thresholds });
        await completeVerificationStage(transaction, {
          runId,
          stage: 'model',
          figures: {
            modelComparisons: registryComparisons + ministryComparisons,
            registryPriorBits: roundBits(prior.registry),
            ministryPriorBits: roundBits(prior.ministry),
            oversizedBlocks,
            ministrySampleEvery: sampleEvery,
            registrySampleEvery: registrySampleEvery(persons, modelSampleSize),
            matchProportion: stored!.model.matchProportion,
            modelSeconds: seconds(started),
          },
        });
      });
    }
    const scoring = {
      model: stored.model,
      thresholds,
      priorLogOdds: stored.priorLogOdds ?? { registry: 0, ministry: 0 },
    };
    await pool.askAll({ type: 'set_model', scoring });

    if (!done.has('registry_pairs')) {
      report({ stage: 'registry_pairs' });
      const started = performance.now();
      const answers = await pool.askAll<ScoreResult>({ type: 'score_registry' });
      await withRawTransaction(db, async (transaction) => {
        await deleteRunPairs(transaction.db, { runId, ministryListId: null });
        await copyPairs(
          transaction,
          answers.map((answer) => answer.pairLines),
        );
        await completeVerificationStage(transaction.db, {
          runId,
          stage: 'registry_pairs',
          figures: {
            registryComparisons: sum(answers, (answer) => answer.comparisons),
            registrySeconds: seconds(started),
          },
        });
      });
    }

    for (const list of stored.ministryLists) {
      const stage = `ministry:${list.listId}`;
      if (done.has(stage)) continue;
      report({ stage, done: 0, total: list.acceptedCount });
      const started = performance.now();
      const pairLines: string[] = [];
      let rows = 0;
      let comparisons = 0;
      await streamMinistryChunks<ScoreResult>({
        databaseUrl,
        listId: list.listId,
        pool,
        request: (lines) => ({ type: 'score_ministry', lines, list }),
        collect: (answer, lineCount) => {
          if (answer.pairLines) pairLines.push(answer.pairLines);
          rows += lineCount;
          comparisons += answer.comparisons;
          report({ stage, done: rows, total: list.acceptedCount });
        },
      });
      await withRawTransaction(db, async (transaction) => {
        await deleteRunPairs(transaction.db, { runId, ministryListId: list.listId });
        await copyPairs(transaction, pairLines);
        await completeVerificationStage(transaction.db, {
          runId,
          stage,
          figures: {
            [`${stage}:rows`]: rows,
            [`${stage}:comparisons`]: comparisons,
            [`${stage}:seconds`]: seconds(started),
          },
        });
      });
    }
    await pool.close();
    pool = undefined;

    if (!done.has('statuses')) {
      report({ stage: 'statuses' });
      const started = performance.now();
      await analyseVerificationTables(db);
      await refreshPersonStatuses({ db, runId });
      const bands = await countRunPairs(db, runId);
      const statuses = await countRunStatuses(db, runId);
      await completeVerificationStage(db, {
        runId,
        stage: 'statuses',
        figures: {
          statusSeconds: seconds(started),
          ...Object.fromEntries(bands.map((row) => [`pairs:${row.kind}:${row.band}`, row.pairs])),
          ...Object.fromEntries(statuses.map((row) => [`persons:${row.status}`, row.persons])),
        },
      });
    }
    await finishVerificationRun(db, { runId, status: 'completed' });
    report({ stage: 'completed' });
  } catch (error) {
    await pool?.close();
    await finishVerificationRun(db, { runId, status: 'failed', error: (error as Error).message }).catch(
      () => {},
    );
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
}

function roundBits(bits: number): number {
  return Math.round(bits * 100) / 100;
}

function logOdds(probability: number): number {
  return Math.log2(probability / (1 - probability));
}

function seconds(started: number): number {
  return Math.round((performance.now() - started) / 100) / 10;
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}
