import pg from 'pg';
import type { AppConfig } from '../config.ts';
import { ensureRegionCatalog } from '../regions/import-region-catalog.ts';
import { connectDatabase, type DatabaseHandle } from './database.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { migrateToLatest } from './migrate.ts';

export interface OpenDatabase extends DatabaseHandle {
  url: string;
  embedded: boolean;
}

/** The database cannot be reached or entered: a problem of configuration or of the server, told in one line. */
export class DatabaseUnavailableError extends Error {}

const CONNECT_TIMEOUT_MILLISECONDS = 10_000;
// How long closing waits for queries still running (an interrupted import) before the server is stopped anyway.
const CLOSE_WAIT_MILLISECONDS = 3_000;

/** Connects to DATABASE_URL, or starts the embedded server under the data folder, then migrates. */
export async function openDatabase({
  config,
  log = () => {},
  maxConnections,
}: {
  config: AppConfig;
  log?: (message: string) => void;
  maxConnections?: number;
}): Promise<OpenDatabase> {
  if (config.databaseUrl) await checkConnection(config.databaseUrl);
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dataDirectory: config.dataDirectory, log });
  const url = config.databaseUrl ?? embedded!.url;
  const handle = connectDatabase({ url, maxConnections });
  const close = async () => {
    await Promise.race([
      handle.close(),
      new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MILLISECONDS).unref()),
    ]);
    await embedded?.stop();
  };
  try {
    await migrateToLatest({ db: handle.db });
    if (await ensureRegionCatalog({ db: handle.db })) log('Loaded the regions of Indonesia (idn-area-data).');
  } catch (error) {
    await close();
    throw error;
  }
  return { ...handle, url, embedded: embedded !== undefined, close };
}

/** Connects once, so an unreachable server or a wrong URL is named in one line before anything else runs. */
export async function checkConnection(url: string): Promise<void> {
  const server = describeServer(url);
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MILLISECONDS,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseUnavailableError(
      `Cannot connect to PostgreSQL at ${server.text}: ${connectionProblem(error, server)}`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

interface ServerDescription {
  text: string;
  host: string;
  database: string;
}

/** user@host:port/database of a URL, never its password; refuses what is not a PostgreSQL URL. */
export function describeServer(url: string): ServerDescription {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    parsed = new URL('invalid:');
  }
  if (!['postgres:', 'postgresql:', 'socket:'].includes(parsed.protocol)) {
    // The value itself is not repeated: it may hold a password.
    throw new DatabaseUnavailableError(
      'DATABASE_URL is not a PostgreSQL URL (expected postgres://user@host:5432/database)',
    );
  }
  const host = decodeURIComponent(parsed.hostname) || parsed.searchParams.get('host') || 'localhost';
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default database)';
  const user = decodeURIComponent(parsed.username);
  return {
    text: `${user ? `${user}@` : ''}${host}:${parsed.port || '5432'}/${database}`,
    host,
    database,
  };
}

function connectionProblem(error: unknown, server: ServerDescription): string {
  const { code, message } = error as { code?: string; message?: string };
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (is PostgreSQL running and listening on that port?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host ${server.host} not found`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `host ${server.host} cannot be reached`;
    case 'ETIMEDOUT':
      return 'the server did not answer';
    case '3D000':
      return `database "${server.database}" does not exist`;
  }
  if (/timeout/i.test(message ?? '')) return `no answer within ${CONNECT_TIMEOUT_MILLISECONDS / 1000} s`;
  if (/client password must be a string/.test(message ?? ''))
    return 'the server asks for a password and DATABASE_URL gives none';
  // The server's own words (a role that does not exist, a refused password, pg_hba.conf): one line, no URL.
  return (message ?? String(error)).split('\n')[0];
}
