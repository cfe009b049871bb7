// npm run bench:intake [-- --families N]: generate N families, import them end to end (parse, validate,
// store, reach the registry) on a fresh embedded PostgreSQL, and COPY the same file raw as the baseline.
import { spawnSync } from 'node:child_process';
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { WHOLE_COUNTRY } from '../src/auth/area-scope.ts';
import { copyLinesInto } from '../src/db/copy-rows.ts';
import { connectDatabase } from '../src/db/database.ts';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { generateDemoData } from '../src/demo/generator/generate-demo-data.ts';
import { findSubmission } from '../src/intake/intake-repository.ts';
import { submitIntakeFile } from '../src/intake/submit-intake-file.ts';
import { importRegionCatalog } from '../src/regions/import-region-catalog.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const emit = (metric: string, value: number, unit: string, families: number) =>
  process.stdout.write(
    `${JSON.stringify({ bench: 'intake', metric, value: Math.round(value * 100) / 100, unit, families })}\n`,
  );

if (option('one')) {
  await runOne(Number(option('one')));
} else {
  const sizes = option('families') ? [Number(option('families'))] : [10_000, 100_000, 1_000_000];
  // Each size runs in its own process so peak RSS belongs to that size alone.
  for (const families of sizes) {
    const result = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--one', String(families)],
      {
        stdio: 'inherit',
      },
    );
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}

async function runOne(families: number) {
  const directory = await mkdtemp(path.join(tmpdir(), 'tepat-bench-intake-'));
  const server = await startEmbeddedPostgres({ dataDirectory: directory, databaseName: 'bench' });
  const database = connectDatabase({ url: server.url, maxConnections: 4 });
  try {
    await migrateToLatest({ db: database.db });
    await importRegionCatalog({ db: database.db });
    let started = Date.now();
    const summary = await generateDemoData({
      families,
      seed: 42,
      outDirectory: path.join(directory, 'files'),
    });
    emit('generate_seconds', (Date.now() - started) / 1000, 's', families);

    // Baseline: the same rows COPYed raw into a text table, no parsing in Node: the physical limit here.
    await database.pool.query(
      `create table raw_intake (${Array.from({ length: 17 }, (_, index) => `c${index} text`).join(', ')})`,
    );
    const postmaster = await postmasterPid(database.pool);
    const copyCpuBefore = { node: process.cpuUsage(), postgres: serverCpuSeconds(postmaster) };
    started = Date.now();
    const client = await database.pool.connect();
    try {
      await copyLinesInto({
        client,
        table: 'raw_intake',
        columns: Array.from({ length: 17 }, (_, index) => `c${index}`),
        lines: rawCsvLines(summary.files.intake),
      });
    } finally {
      client.release();
    }
    const copySeconds = (Date.now() - started) / 1000;
    const copyNodeCpu = process.cpuUsage(copyCpuBefore.node);
    const copyCpuSeconds =
      (copyNodeCpu.user + copyNodeCpu.system) / 1e6 + serverCpuSeconds(postmaster) - copyCpuBefore.postgres;
    await database.pool.query('drop table raw_intake');

    // CPU seconds as well as wall time: on a shared machine the wall time says how busy the others were.
    const cpuBefore = { node: process.cpuUsage(), postgres: serverCpuSeconds(postmaster) };
    const rssBefore = process.memoryUsage().rss;
    started = Date.now();
    const result = await submitIntakeFile({
      db: database.db,
      actor: { userId: null, username: 'bench' },
      scope: WHOLE_COUNTRY,
      filePath: summary.files.intake,
      fileName: 'intake-households.csv',
      channel: 'cli',
      forwardImmediately: true,
      referenceDate: new Date('2021-07-01T00:00:00Z'),
      onPhase: (phase, seconds) => emit(`phase_${phase}_seconds`, seconds, 's', families),
    });
    const importSeconds = (Date.now() - started) / 1000;
    const nodeCpu = process.cpuUsage(cpuBefore.node);
    const nodeCpuSeconds = (nodeCpu.user + nodeCpu.system) / 1e6;
    const postgresCpuSeconds = serverCpuSeconds(postmaster) - cpuBefore.postgres;
    const submission = await findSubmission(database.db, result.submissionId);
    const persons = submission?.row_count ?? 0;
    emit('rows', persons, 'rows', families);
    emit('accepted_rows', submission?.accepted_count ?? 0, 'rows', families);
    emit('households_created', result.arrival?.householdsCreated ?? 0, 'families', families);
    emit('raw_copy_persons_per_second', persons / copySeconds, 'persons/s', families);
    emit('raw_copy_persons_per_cpu_second', persons / copyCpuSeconds, 'persons/s', families);
    emit('import_seconds', importSeconds, 's', families);
    emit('import_persons_per_second', persons / importSeconds, 'persons/s', families);
    // The machine's speed drifts between runs; the raw COPY of the same run drifts with it.
    emit('import_share_of_raw_copy', copySeconds / importSeconds, 'ratio', families);
    emit('import_cpu_node_seconds', nodeCpuSeconds, 's', families);
    emit('import_cpu_postgres_seconds', postgresCpuSeconds, 's', families);
    emit(
      'import_persons_per_cpu_second',
      persons / (nodeCpuSeconds + postgresCpuSeconds),
      'persons/s',
      families,
    );
    emit('rss_before_import', rssBefore / 1024 / 1024, 'MB', families);
    emit('peak_rss', process.resourceUsage().maxRSS / 1024, 'MB', families);
  } finally {
    await database.close();
    await server.stop({ removeData: true });
    await rm(directory, { recursive: true, force: true });
  }
}

// Splits simple CSV lines into tab-separated COPY lines (the generator quotes only names with commas).
async function* rawCsvLines(filePath: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(filePath), crlfDelay: Number.POSITIVE_INFINITY });
  let first = true;
  let batch = '';
  let count = 0;
  for await (const line of lines) {
    if (first) {
      first = false;
      continue;
    }
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.slice(0, 17) ?? [];
    const values = cells.map((cell) =>
      cell.replace(/,$/, '').replace(/^"|"$/g, '').replace(/\\/g, '\\\\').replace(/\t/g, ' '),
    );
    while (values.length < 17) values.push('');
    batch += `${values.join('\t')}\n`;
    if (++count % 5000 === 0) {
      yield batch;
      batch = '';
    }
  }
  if (batch) yield batch;
}

/** The server process of the bench database: the parent of a connection's backend. */
async function postmasterPid(pool: pg.Pool): Promise<number | undefined> {
  const { rows } = await pool.query<{ pid: number }>('select pg_backend_pid() as pid');
  try {
    return Number(readFileSync(`/proc/${rows[0].pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** CPU-seconds of the bench's own server so far: the postmaster, its running processes and those that ended (Linux /proc; 0 elsewhere). */
function serverCpuSeconds(postmaster: number | undefined): number {
  if (postmaster === undefined) return 0;
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      // After the command name in parentheses: state, ppid, …, utime and stime (fields 14 and 15), then the
      // CPU of ended children (cutime, cstime): the postmaster's counts parallel index workers once they exit.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      if (Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
      if (Number(pid) === postmaster) {
        ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      }
    } catch {
      // The process ended while we read it.
    }
  }
  return ticks / 100;
}
