// npm run bench:dedup [-- --families N] [-- --ministry-persons M] [-- --data DIR [--setup-only yes]]: generator
// data with ground truth on a fresh embedded PostgreSQL (or, with --data, one kept in DIR and reused by the next
// run of the same size, to measure the verification again without the setup; --setup-only prepares it and stops) (intake and ministry lists imported as setup), one whole-country verification run, then
// its quality against ground truth, blocking figures from the pure matching core, and two baselines
// (exact NIK, one Jaro–Winkler threshold). Default sizes: 100,000 families, and 1,000,000 families against
// ministry lists of 10,000,000 persons in all.
//
// Stages the issue names, and where their figures come from:
//   normalise  prepareRecord over every registry person, here in the bench (the run does it in its load stage);
//   block      building the blocking index and enumerating its candidate pairs, here in the bench;
//   EM         the run's model stage (modelSeconds: blocked + random registry pairs and a ministry sample
//              compared into patterns, then EM);
//   score      the run's registry_pairs stage (registrySeconds) and its ministry stages (ministry:<id>:seconds);
//   cluster    the run's statuses stage (statusSeconds: per-person statuses from the pairs).
// Peak RSS is this process with its worker threads; the PostgreSQL server is a separate process, not counted.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { WHOLE_COUNTRY } from '../src/auth/area-scope.ts';
import { SYSTEM_ACTOR } from '../src/auth/session-user.ts';
import { connectDatabase, type DatabaseClient } from '../src/db/database.ts';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { generateDemoData } from '../src/demo/generator/generate-demo-data.ts';
import { findSubmission } from '../src/intake/intake-repository.ts';
import { submitIntakeFile } from '../src/intake/submit-intake-file.ts';
import { importRegionCatalog } from '../src/regions/import-region-catalog.ts';
import { blockingRules } from '../src/verification/matching/blocking.ts';
import { importMinistryList } from '../src/verification/ministry/import-ministry-list.ts';
import { executeVerificationRun } from '../src/verification/run/execute-verification-run.ts';
import { requestVerificationRun } from '../src/verification/run/request-verification-run.ts';
import {
  type KindQuality,
  measureMinistryBlocking,
  measureQuality,
  precisionRecall,
} from './dedup-quality.ts';
import {
  exactNikBaseline,
  jaroWinklerBaseline,
  loadRegistryPersons,
  measureBlocking,
  personGroups,
  truePairCount,
} from './dedup-registry.ts';
import { GroundTruth } from './dedup-truth.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
/** The generator's ministry lists hold about this many rows per family for registry persons (10% overlap). */
const ministryRowsPerFamily = 0.124;
const referenceDate = new Date('2021-07-01T00:00:00Z');
const period = '2021-07';

if (option('one')) {
  await runOne(Number(option('one')), option('ministry-persons'), option('data'));
} else {
  const sizes = option('families') ? [Number(option('families'))] : [100_000, 1_000_000];
  // Each size runs in its own process so peak RSS belongs to that size alone.
  for (const families of sizes) {
    const ministryPersons = option('ministry-persons') ?? (families >= 1_000_000 ? '10000000' : undefined);
    const result = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        '--max-old-space-size=8192',
        fileURLToPath(import.meta.url),
        '--one',
        String(families),
        ...(ministryPersons ? ['--ministry-persons', ministryPersons] : []),
        ...(option('data') ? ['--data', path.resolve(option('data') ?? '', String(families))] : []),
        ...(option('setup-only') !== undefined ? ['--setup-only', 'yes'] : []),
      ],
      { stdio: 'inherit' },
    );
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}

async function runOne(families: number, ministryPersons: string | undefined, keptDirectory?: string) {
  const emit = (metric: string, value: number, unit: string) =>
    process.stdout.write(
      `${JSON.stringify({ bench: 'dedup', metric, value: Number(value.toPrecision(7)), unit, families })}\n`,
    );
  const log = (message: string) => process.stderr.write(`[dedup ${families}] ${message}\n`);
  const seconds = (started: number) => (performance.now() - started) / 1000;
  let directory = keptDirectory ?? '';
  if (keptDirectory) await mkdir(keptDirectory, { recursive: true });
  else directory = await mkdtemp(path.join(tmpdir(), 'tepat-bench-dedup-'));
  const server = await startEmbeddedPostgres({ dataDirectory: directory, databaseName: 'bench' });
  const database = connectDatabase({ url: server.url, maxConnections: 6 });
  const { db } = database;
  try {
    await migrateToLatest({ db });
    const keptSetupFile = path.join(directory, 'setup.json');
    const setup: BenchSetup = existsSync(keptSetupFile)
      ? JSON.parse(await readFile(keptSetupFile, 'utf8'))
      : await prepareSetup({ db, families, ministryPersons, directory, emit });
    if (keptDirectory) await writeFile(keptSetupFile, JSON.stringify(setup));
    if (option('setup-only') !== undefined) return;
    // A kept database may hold a run a killed bench left unfinished: it must not be resumed as this one.
    await sql`update verification_run set status = 'failed' where status in ('queued', 'running')`.execute(
      db,
    );
    const programmeOfList = new Map(setup.programmeOfList);
    const summary = { files: { groundTruth: setup.groundTruthFile } };
    let started = performance.now();

    // 3. The verification run, with peak RSS sampled over the process and its worker threads.
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 200);
    const stageWall = new Map<string, number>();
    let stage = '';
    let stageStarted = performance.now();
    const { run } = await requestVerificationRun({ db, areaCode: '', actor: SYSTEM_ACTOR });
    started = performance.now();
    await executeVerificationRun({
      db,
      runId: run.id,
      referenceDate,
      onProgress: (progress) => {
        if (progress.stage === stage) return;
        if (stage) stageWall.set(stage, (performance.now() - stageStarted) / 1000);
        stage = progress.stage;
        stageStarted = performance.now();
        log(`stage ${stage} at ${seconds(started).toFixed(1)} s`);
      },
    });
    const runSeconds = seconds(started);
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const stored = await sql<{
      figures: Record<string, number>;
      status: string;
      model: { model?: { matchProportion: number } } | null;
      thresholds: { match: number; review: number } | null;
    }>`select figures, status, model, thresholds from verification_run where id = ${run.id}`.execute(db);
    const figures = stored.rows[0]?.figures ?? {};
    log(`run ${run.id} ${stored.rows[0]?.status}: ${JSON.stringify(figures)}`);
    // The EM model and thresholds, to tell a bad model from bad scoring when quality drops.
    log(`model ${JSON.stringify(stored.rows[0]?.model?.model)}`);
    log(`thresholds ${JSON.stringify(stored.rows[0]?.thresholds)}`);

    // 4–6. Ground truth, the registry as the run saw it, blocking, quality, baselines.
    const client = await database.pool.connect();
    try {
      started = performance.now();
      const truth = new GroundTruth();
      await truth.readIntake(summary.files.groundTruth);
      const registry = await loadRegistryPersons(client, truth);
      await truth.readMinistry(summary.files.groundTruth, registry.membersOfPerson);
      const groups = personGroups(registry);
      const registryTruePairs = truePairCount(groups);
      log(`ground truth and registry read in ${seconds(started).toFixed(1)} s`);

      const blocking = measureBlocking(registry);
      const ministryBlocking = await measureMinistryBlocking(client, truth, registry, blocking.index);
      const quality = await measureQuality({
        client,
        runId: run.id,
        truth,
        registry,
        groups,
        keptRegistry: blocking.keptTruePairs,
        keptMinistry: ministryBlocking.kept,
      });
      const nik = exactNikBaseline(registry);
      const jaroWinkler = jaroWinklerBaseline(registry);
      log(`Jaro–Winkler baseline compared pairs sharing ${jaroWinkler.blockedOn}`);
      for (const line of quality.registry.examples) log(`registry ${line}`);
      for (const line of quality.ministry.examples) log(`ministry ${line}`);

      // Diagnostics first: recall and false matches by fault.
      for (const [name, kind] of [
        ['registry', quality.registry],
        ['ministry', quality.ministry],
      ] as const) {
        for (const [fault, tally] of [...kind.byFault].sort(([left], [right]) => left.localeCompare(right))) {
          emit(`${name}_fault_${fault}_true_pairs`, tally.pairs, 'pairs');
          emit(`${name}_fault_${fault}_recall`, tally.match / tally.pairs, 'ratio');
          emit(`${name}_fault_${fault}_in_review`, tally.review / tally.pairs, 'ratio');
          emit(`${name}_fault_${fault}_not_blocked`, tally.notBlocked / tally.pairs, 'ratio');
        }
        for (const [fault, count] of kind.falseMatchesByFault)
          emit(`${name}_false_matches_fault_${fault}`, count, 'pairs');
      }
      for (const [index, rule] of blockingRules.entries()) {
        emit(`blocking_true_pairs_first_found_by_${rule.name}`, blocking.trueByRule[index], 'pairs');
        emit(`blocking_candidate_pairs_first_found_by_${rule.name}`, blocking.pairsByRule[index], 'pairs');
      }

      // Figures.
      emit('registry_persons', registry.size, 'persons');
      emit('registry_true_pairs', registryTruePairs, 'pairs');
      emit('ministry_true_pairs', ministryBlocking.completeness.truePairs, 'pairs');
      emit('stage_normalise_seconds', registry.normaliseSeconds, 's');
      emit('stage_block_seconds', registry.hashSeconds + blocking.blockSeconds, 's');
      emit('stage_em_seconds', figures.modelSeconds ?? 0, 's');
      emit('stage_score_registry_seconds', figures.registrySeconds ?? 0, 's');
      let ministrySeconds = 0;
      let ministryComparisons = 0;
      for (const [listId, programme] of programmeOfList) {
        const listSeconds = figures[`ministry:${listId}:seconds`] ?? 0;
        ministrySeconds += listSeconds;
        ministryComparisons += figures[`ministry:${listId}:comparisons`] ?? 0;
        emit(`stage_score_ministry_${programme}_seconds`, listSeconds, 's');
      }
      emit('stage_score_ministry_seconds', ministrySeconds, 's');
      emit('stage_cluster_seconds', figures.statusSeconds ?? 0, 's');
      for (const [name, wall] of stageWall)
        emit(`run_stage_${name.replace(':', '_')}_wall_seconds`, wall, 's');
      emit('verification_wall_seconds', runSeconds, 's');
      emit('model_match_proportion', stored.rows[0]?.model?.model?.matchProportion ?? 0, 'ratio');
      emit('threshold_match', stored.rows[0]?.thresholds?.match ?? 0, 'log2');
      emit('threshold_review', stored.rows[0]?.thresholds?.review ?? 0, 'log2');
      const scoringComparisons =
        (figures.modelComparisons ?? 0) + (figures.registryComparisons ?? 0) + ministryComparisons;
      const scoringSeconds = (figures.modelSeconds ?? 0) + (figures.registrySeconds ?? 0) + ministrySeconds;
      emit('comparisons_model', figures.modelComparisons ?? 0, 'pairs');
      emit('comparisons_registry', figures.registryComparisons ?? 0, 'pairs');
      emit('comparisons_ministry', ministryComparisons, 'pairs');
      emit('comparisons_per_second', scoringComparisons / scoringSeconds, 'pairs/s');
      emit(
        'comparisons_per_second_scoring_only',
        ((figures.registryComparisons ?? 0) + ministryComparisons) /
          ((figures.registrySeconds ?? 0) + ministrySeconds),
        'pairs/s',
      );
      emit('peak_rss_verification', peakRss / 1024 / 1024, 'MB');
      emit('peak_rss_process', process.resourceUsage().maxRSS / 1024, 'MB');

      emit('blocking_candidate_pairs', blocking.candidatePairs, 'pairs');
      emit('blocking_oversized_blocks', blocking.oversizedBlocks, 'blocks');
      emit(
        'blocking_pairs_completeness',
        registryTruePairs ? blocking.trueCandidatePairs / registryTruePairs : 1,
        'ratio',
      );
      emit(
        'blocking_reduction_ratio',
        1 - blocking.candidatePairs / ((registry.size * (registry.size - 1)) / 2),
        'ratio',
      );
      const { completeness } = ministryBlocking;
      emit(
        'blocking_ministry_pairs_completeness',
        completeness.truePairs ? completeness.kept / completeness.truePairs : 1,
        'ratio',
      );
      emit(
        'blocking_ministry_reduction_ratio',
        1 - ministryComparisons / (registry.size * completeness.acceptedRows),
        'ratio',
      );

      const bandOf = (kind: KindQuality, band: string) =>
        kind.bands.get(band) ?? { truePositives: 0, falsePositives: 0 };
      const emitQuality = (name: string, truePositives: number, predicted: number, truePairs: number) => {
        const figures = precisionRecall(truePositives, predicted, truePairs);
        emit(`${name}_precision`, figures.precision, 'ratio');
        emit(`${name}_recall`, figures.recall, 'ratio');
        emit(`${name}_f1`, figures.f1, 'ratio');
      };
      for (const [name, kind] of [
        ['registry', quality.registry],
        ['ministry', quality.ministry],
      ] as const) {
        for (const [band, counts] of kind.bands) {
          emit(`${name}_${band}_pairs`, counts.truePositives + counts.falsePositives, 'pairs');
          emit(`${name}_${band}_true_pairs`, counts.truePositives, 'pairs');
        }
        const review = bandOf(kind, 'review');
        emit(
          `${name}_review_per_1000_families`,
          ((review.truePositives + review.falsePositives) * 1000) / families,
          'pairs',
        );
      }
      const registryMatch = bandOf(quality.registry, 'match');
      const ministryMatch = bandOf(quality.ministry, 'match');
      const reviewPairs = [quality.registry, quality.ministry].reduce(
        (total, kind) => total + bandOf(kind, 'review').truePositives + bandOf(kind, 'review').falsePositives,
        0,
      );
      emit('baseline_exact_nik_comparisons', nik.comparisons, 'pairs');
      emitQuality('baseline_exact_nik', nik.truePositives, nik.predicted, registryTruePairs);
      emit('baseline_jaro_winkler_comparisons', jaroWinkler.comparisons, 'pairs');
      emit('baseline_jaro_winkler_seconds', jaroWinkler.seconds, 's');
      emitQuality(
        'baseline_jaro_winkler',
        jaroWinkler.truePositives,
        jaroWinkler.predicted,
        registryTruePairs,
      );
      emitQuality(
        'registry_match',
        registryMatch.truePositives,
        registryMatch.truePositives + registryMatch.falsePositives,
        quality.registry.truePairs,
      );
      emitQuality(
        'ministry_match',
        ministryMatch.truePositives,
        ministryMatch.truePositives + ministryMatch.falsePositives,
        quality.ministry.truePairs,
      );
      emitQuality(
        'combined_match',
        registryMatch.truePositives + ministryMatch.truePositives,
        registryMatch.truePositives +
          registryMatch.falsePositives +
          ministryMatch.truePositives +
          ministryMatch.falsePositives,
        quality.registry.truePairs + quality.ministry.truePairs,
      );
      emit('review_per_1000_families', (reviewPairs * 1000) / families, 'pairs');
    } finally {
      client.release();
    }
  } finally {
    await database.close();
    await server.stop({ removeData: !keptDirectory });
    if (!keptDirectory) await rm(directory, { recursive: true, force: true });
  }
}

interface BenchSetup {
  groundTruthFile: string;
  programmeOfList: Array<[number, string]>;
}

/** Generator data with ground truth, imported: intake reaches the registry, the ministry lists are stored. */
async function prepareSetup({
  db,
  families,
  ministryPersons,
  directory,
  emit,
}: {
  db: DatabaseClient;
  families: number;
  ministryPersons: string | undefined;
  directory: string;
  emit: (metric: string, value: number, unit: string) => void;
}): Promise<BenchSetup> {
  const seconds = (started: number) => (performance.now() - started) / 1000;
  await importRegionCatalog({ db });
  let started = performance.now();
  const summary = await generateDemoData({
    families,
    seed: 42,
    outDirectory: path.join(directory, 'files'),
    period,
    ministryExtraPersons:
      ministryPersons === undefined
        ? undefined
        : Math.max(0, Number(ministryPersons) - Math.round(families * ministryRowsPerFamily)),
  });
  emit('generate_seconds', seconds(started), 's');
  emit('intake_rows', summary.rows.intake, 'rows');
  emit(
    'ministry_rows',
    Object.values(summary.rows.ministry).reduce((total, rows) => total + rows, 0),
    'rows',
  );

  // Setup, timed but not the figure.
  started = performance.now();
  const intake = await submitIntakeFile({
    db,
    actor: { userId: null, username: 'bench' },
    scope: WHOLE_COUNTRY,
    filePath: summary.files.intake,
    fileName: 'intake-households.csv',
    channel: 'cli',
    forwardImmediately: true,
    referenceDate,
  });
  emit('setup_intake_import_seconds', seconds(started), 's');
  const submission = await findSubmission(db, intake.submissionId);
  emit('intake_accepted_rows', submission?.accepted_count ?? 0, 'rows');
  started = performance.now();
  const programmeOfList: Array<[number, string]> = [];
  let ministryAccepted = 0;
  for (const [programme, filePath] of Object.entries(summary.files.ministryLists)) {
    const imported = await importMinistryList({
      db,
      actor: SYSTEM_ACTOR,
      filePath,
      fileName: path.basename(filePath),
      programme,
      period,
      referenceDate,
    });
    programmeOfList.push([imported.listId, programme]);
    ministryAccepted += imported.accepted;
  }
  emit('setup_ministry_import_seconds', seconds(started), 's');
  emit('ministry_accepted_rows', ministryAccepted, 'rows');
  await sql`analyze`.execute(db);
  return { groundTruthFile: summary.files.groundTruth, programmeOfList };
}
