// A verification run, stage by stage; each stage commits its results with its checkpoint, so a rerun after
// a crash continues at the first stage not done and gives the same results as an uninterrupted run.
import os from 'node:os';
import type { DatabaseClient } from '../../db/database.ts';
import { databaseUrlOf, withRawTransaction } from '../../db/database.ts';
import { estimateRunModel, roundBits, type StoredModel } from './estimate-run-model.ts';
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
  markVerificationRunStarted,
  saveVerificationModel,
} from './verification-run-repository.ts';
import type { LoadResult, ScoreResult } from './worker-protocol.ts';

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
      const estimated = await estimateRunModel({ db, pool, databaseUrl, persons, modelSampleSize });
      stored = estimated.stored;
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
          figures: { ...estimated.figures, modelSeconds: seconds(started) },
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

function logOdds(probability: number): number {
  return Math.log2(probability / (1 - probability));
}

function seconds(started: number): number {
  return Math.round((performance.now() - started) / 100) / 10;
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}
