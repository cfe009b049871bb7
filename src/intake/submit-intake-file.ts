import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type pg from 'pg';
import { recordAudit } from '../audit/record-audit.ts';
import type { AreaScope } from '../auth/area-scope.ts';
import type { Actor } from '../auth/session-user.ts';
import { type DatabaseClient, withRawTransaction } from '../db/database.ts';
import { cachedRegionDirectory } from '../regions/region-directory.ts';
import { firstLoadLikely } from '../registry/first-load-repository.ts';
import { FirstLoadSpill } from '../registry/first-load-spill.ts';
import {
  type ArrivalCounts,
  applyForwardedIntakeRows,
  takeArrivalTurn,
} from '../registry/intake-arrival-repository.ts';
import { FamilyTally } from './family-tally.ts';
import { hashFile } from './hash-file.ts';
import {
  analyzeIntakeRows,
  attachSubmissionRowTable,
  copyIntakeRows,
  countSubmissionRowsByArea,
  createSubmissionRowTable,
  findSubmissionByFile,
  indexSubmissionRowTable,
  insertSubmission,
  kkNumbersOfRows,
  refreshSubmissionCounts,
  rejectInconsistentFamilies,
  setSubmissionRawColumns,
  writeSubmissionCounts,
} from './intake-repository.ts';
import { readIntakeBatches, readIntakeRows, sniffIntakeFile } from './read-intake-file.ts';
import {
  type AreaCounts,
  areaCountsAfter,
  RowCounts,
  recountedAfter,
  type SubmissionCounts,
} from './row-counts.ts';
import { IntakeFileError, type SourceBatch } from './source-rows.ts';
import { validateIntakeRow } from './validate-intake-row.ts';
import { type RawColumns, rawColumnsOf, validatedLines } from './validated-lines.ts';
import { type StartedValidationPool, startValidationPool } from './validation-pool.ts';

export const MAX_INTAKE_FILE_BYTES = 2 * 1024 * 1024 * 1024;
// Below this size (about 80,000 families) starting worker threads, each loading the sources again, costs more
// than they save: measured whole imports in one thread vs workers, 10k families 3.0-3.3 s vs 5.0-5.2 s, 60k
// 8.7-8.8 s vs 9.1-9.2 s, 100k (59 MB) 13.2-16.1 s vs 14.1-15.8 s.
const PARALLEL_VALIDATION_BYTES = 48 * 1024 * 1024;
const ANALYZE_AFTER_ROWS = 10_000;
const VALIDATION_WORKERS = Math.max(1, Math.min(4, availableParallelism()));

export interface SubmitIntakeFileOptions {
  db: DatabaseClient;
  actor: Actor;
  /** Rows outside this area are rejected; a kelurahan-level scope also labels the submission. */
  scope: AreaScope;
  filePath: string;
  fileName: string;
  channel: 'upload' | 'cli';
  /** Dinas Sosial imports skip kelurahan review: accepted rows reach the registry at once. */
  forwardImmediately: boolean;
  referenceDate?: Date;
  onProgress?: (rowsRead: number) => void;
  onPhase?: (phase: string, seconds: number) => void;
  /** Validate in worker threads into a table of the submission's own; by default for files of 48 MB or more. */
  bulk?: boolean;
}

export interface SubmitIntakeFileResult {
  submissionId: number;
  /** Set when the same file was already received: nothing changed. */
  duplicateOf: number | null;
  fileError: string | null;
  arrival: ArrivalCounts | null;
}

/** Reads, validates and stores every row of an intake file; file-level problems store no rows at all. */
export async function submitIntakeFile(options: SubmitIntakeFileOptions): Promise<SubmitIntakeFileResult> {
  const fileBytes = (await stat(options.filePath)).size;
  const parallel = options.bulk ?? fileBytes >= PARALLEL_VALIDATION_BYTES;
  // Started before the file is hashed: the workers load their code meanwhile.
  const workers = parallel ? startValidationPool({ size: VALIDATION_WORKERS }) : undefined;
  try {
    return await submitHashedFile(options, { fileBytes, parallel, workers });
  } finally {
    await workers?.close();
  }
}

async function submitHashedFile(
  options: SubmitIntakeFileOptions,
  {
    fileBytes,
    parallel,
    workers,
  }: { fileBytes: number; parallel: boolean; workers: StartedValidationPool | undefined },
): Promise<SubmitIntakeFileResult> {
  const { db, actor, scope, filePath, fileName, channel } = options;
  const sha256 = await hashFile(filePath);
  const earlier = await findSubmissionByFile(db, { sha256, submittedBy: actor.userId });
  if (earlier) return { submissionId: earlier.id, duplicateOf: earlier.id, fileError: null, arrival: null };
  const label = submissionLabel(scope);
  const base = {
    channel,
    fileName,
    fileSha256: sha256,
    kelurahanCode: label.kelurahanCode,
    rw: label.rw,
    rt: null,
    submittedBy: actor.userId,
  } as const;
  try {
    if (fileBytes > MAX_INTAKE_FILE_BYTES) {
      throw new IntakeFileError(
        { field: 'row', code: 'file_too_large', severity: 'error' },
        `${fileName}: larger than 2 GB`,
      );
    }
    const { format, delimiter } = await sniffIntakeFile(filePath, fileName);
    return await withRawTransaction(db, async ({ client, db: transaction }) => {
      const submissionId = await insertSubmission(transaction, {
        ...base,
        fileFormat: format,
        status: 'in_review',
      });
      const arrival = await storeSubmissionRows({
        client,
        transaction,
        submissionId,
        rows: parallel
          ? readIntakeBatches({ filePath, fileName, format, delimiter })
          : readIntakeRows({ filePath, fileName, format, delimiter }),
        parallel,
        workers,
        fileName,
        scope,
        forwardImmediately: options.forwardImmediately,
        actorUserId: actor.userId,
        referenceDate: options.referenceDate,
        onProgress: options.onProgress,
        onPhase: options.onPhase,
      });
      await recordAudit({
        db: transaction,
        actor,
        action: 'intake.submit',
        entityType: 'intake_submission',
        entityId: String(submissionId),
        areaCode: label.kelurahanCode,
        after: { fileName, sha256, channel, forwarded: options.forwardImmediately, arrival },
      });
      return { submissionId, duplicateOf: null, fileError: null, arrival };
    });
  } catch (error) {
    if (!(error instanceof IntakeFileError)) throw error;
    // The file is refused whole, but the attempt itself is kept with its reason.
    const submissionId = await insertSubmission(db, {
      ...base,
      fileFormat: null,
      status: 'file_rejected',
      fileProblems: [{ ...error.problem, params: { ...error.problem.params, message: error.message } }],
    });
    await recordAudit({
      db,
      actor,
      action: 'intake.file_rejected',
      entityType: 'intake_submission',
      entityId: String(submissionId),
      areaCode: label.kelurahanCode,
      after: { fileName, sha256, reason: error.message },
    });
    return { submissionId, duplicateOf: null, fileError: error.message, arrival: null };
  }
}

export function submissionLabel(scope: AreaScope): { kelurahanCode: string | null; rw: string | null } {
  return scope.areaCode.length === 13
    ? { kelurahanCode: scope.areaCode, rw: scope.rw }
    : { kelurahanCode: null, rw: null };
}

export interface StoreSubmissionRowsOptions {
  client: pg.PoolClient;
  transaction: DatabaseClient;
  submissionId: number;
  rows: AsyncIterable<SourceBatch>;
  /** Validate in worker threads: worth it for large files only. */
  parallel?: boolean;
  /** The workers, when started already (see startValidationPool); closed by the caller. */
  workers?: StartedValidationPool;
  /** Load the rows into a table of their own attached as the submission's partition; by default when parallel. */
  ownTable?: boolean;
  fileName: string;
  scope: AreaScope;
  forwardImmediately: boolean;
  actorUserId: number | null;
  referenceDate?: Date;
  onProgress?: (rowsRead: number) => void;
  /** Called after each phase with its duration, for benchmarks. */
  onPhase?: (phase: string, seconds: number) => void;
}

function phaseTimer(onPhase: ((phase: string, seconds: number) => void) | undefined) {
  let last = performance.now();
  return (phase: string) => {
    const now = performance.now();
    onPhase?.(phase, (now - last) / 1000);
    last = now;
  };
}

/** Validates and stores rows (header first) of one submission inside the caller's transaction. */
export async function storeSubmissionRows(
  options: StoreSubmissionRowsOptions,
): Promise<ArrivalCounts | null> {
  const { transaction, submissionId } = options;
  const regions = await cachedRegionDirectory({ db: transaction });
  const referenceDate = options.referenceDate ?? new Date();
  // A large file's rows go into a table of their own, indexed once loaded (see 0010); its family checks
  // are tallied as the rows stream by, leaving SQL the few families found.
  const table =
    (options.ownTable ?? options.parallel)
      ? await createSubmissionRowTable(transaction, submissionId)
      : 'intake_row';
  const tally = table !== 'intake_row' ? new FamilyTally() : undefined;
  // A large import into an empty registry keeps its intake lines as they go to COPY, for the arrival to number.
  const spill =
    table !== 'intake_row' && options.forwardImmediately && (await firstLoadLikely(transaction))
      ? await FirstLoadSpill.create()
      : undefined;
  try {
    return await storeRows({ ...options, regions, referenceDate, table, tally, spill });
  } finally {
    await spill?.remove();
  }
}

async function storeRows(
  options: StoreSubmissionRowsOptions & {
    regions: Awaited<ReturnType<typeof cachedRegionDirectory>>;
    referenceDate: Date;
    table: string;
    tally: FamilyTally | undefined;
    spill: FirstLoadSpill | undefined;
  },
): Promise<ArrivalCounts | null> {
  const { client, transaction, submissionId, regions, referenceDate, table, tally, spill } = options;
  const review = options.forwardImmediately ? 'forwarded' : 'pending';
  // Rows of a table of their own are counted as they are validated, not counted again once stored.
  const rowCounts = table !== 'intake_row' ? new RowCounts() : undefined;
  let rowsRead = 0;
  let rawColumns: RawColumns | undefined;
  const lines = validatedLines({
    rows: options.rows,
    fileName: options.fileName,
    submissionId,
    scope: options.scope,
    review,
    counts: rowCounts,
    validate: (values) => validateIntakeRow(values, { regions, referenceDate }),
    rowContext: { regions, referenceDate },
    compactRaw: true,
    onHeader: (context) => {
      rawColumns = rawColumnsOf(context);
    },
    createPool: options.parallel
      ? (context) =>
          (options.workers ?? startValidationPool({ size: VALIDATION_WORKERS })).prepare({
            context,
            regions: regions.snapshot,
            referenceDate: referenceDate.toISOString(),
          })
      : undefined,
    onProgress: (count) => {
      rowsRead = count;
      options.onProgress?.(count);
    },
    onFamilyMarks: tally ? (marks) => tally.add(marks) : undefined,
    onFirstLoadSource: spill ? (source) => spill.append(source) : undefined,
  });
  const phase = phaseTimer(options.onPhase);
  if (options.forwardImmediately && table === 'intake_row') await takeArrivalTurn(transaction);
  await copyIntakeRows(client, lines, table);
  if (rawColumns) await setSubmissionRawColumns(transaction, submissionId, rawColumns);
  if (table !== 'intake_row') await indexSubmissionRowTable(transaction, table);
  // Fresh statistics, or the planner joins a million new rows one index lookup at a time.
  if (rowsRead >= ANALYZE_AFTER_ROWS || table !== 'intake_row') await analyzeIntakeRows(transaction, table);
  phase('read_validate_copy');
  let rejectedRows: number[] = [];
  let counts = rowCounts?.submissionCounts(review);
  let areaCounts = rowCounts?.areaCounts(review);
  if (tally && counts && areaCounts) {
    const families = await kkNumbersOfRows(transaction, {
      table,
      submissionId,
      rowNumbers: tally.suspectRows(),
    });
    if (families.length > 0) {
      const recount = () =>
        countSubmissionRowsByArea(transaction, { submissionId, table, kkNumbers: families });
      const before = await recount();
      rejectedRows = await rejectInconsistentFamilies(transaction, submissionId, families, table);
      const after = await recount();
      counts = recountedAfter(counts, { before: totalOf(before), after: totalOf(after) });
      areaCounts = areaCountsAfter(areaCounts, { before, after });
    }
  } else {
    await rejectInconsistentFamilies(transaction, submissionId);
  }
  phase('family_checks');
  const arrival = options.forwardImmediately
    ? await applyForwardedIntakeRows(transaction, {
        submissionId,
        actorUserId: options.actorUserId,
        table,
        loadByCopy: spill ? { client, source: spill, rejectedRows: new Set(rejectedRows) } : undefined,
      })
    : null;
  phase('registry_arrival');
  // Attached last: attaching locks the shared partition until the transaction ends (see takeArrivalTurn).
  if (table !== 'intake_row') await attachSubmissionRowTable(transaction, { name: table, submissionId });
  if (counts) await writeSubmissionCounts(transaction, { submissionId, counts, areaCounts });
  else await refreshSubmissionCounts(transaction, submissionId);
  phase('counts');
  return arrival;
}

/** The totals of counts by kelurahan. */
function totalOf(areas: Map<string | null, AreaCounts>): SubmissionCounts {
  const total = { total: 0, accepted: 0, rejected: 0, warnings: 0, pending: 0, forwarded: 0, returned: 0 };
  for (const counts of areas.values()) {
    for (const field of Object.keys(total) as (keyof SubmissionCounts)[]) total[field] += counts[field];
  }
  return total;
}
