import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

// count(*) and bigint ids come back as strings by default; ids stay below 2^53 so numbers are safe.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// Dates without time stay 'YYYY-MM-DD' strings: a birth date has no time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type DatabaseClient = Kysely<Database>;

export interface DatabaseHandle {
  db: DatabaseClient;
  pool: pg.Pool;
  close(): Promise<void>;
}

// Bulk loads need the raw pg client (COPY) of the pool behind a Kysely instance.
const poolsByDatabase = new WeakMap<DatabaseClient, pg.Pool>();
const urlsByDatabase = new WeakMap<DatabaseClient, string>();

/** The connection URL behind a Kysely instance, for worker threads that open their own connections. */
export function databaseUrlOf(db: DatabaseClient): string {
  const url = urlsByDatabase.get(db);
  if (!url) throw new Error('databaseUrlOf needs a database opened with connectDatabase');
  return url;
}

export function connectDatabase({
  url,
  maxConnections = 10,
}: {
  url: string;
  maxConnections?: number;
}): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections });
  pool.on('error', () => {
    // An idle client losing its connection must not crash the server; the next checkout reconnects.
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  poolsByDatabase.set(db, pool);
  urlsByDatabase.set(db, url);
  return {
    db,
    pool,
    close: async () => {
      await db.destroy();
    },
  };
}

export interface RawTransaction {
  /** The raw client, for COPY streams. */
  client: pg.PoolClient;
  /** A Kysely bound to the same connection and transaction. */
  db: DatabaseClient;
}

/** Runs work in one transaction on one connection, usable both for COPY and for Kysely queries. */
export async function withRawTransaction<T>(
  db: DatabaseClient,
  work: (transaction: RawTransaction) => Promise<T>,
): Promise<T> {
  const pool = poolsByDatabase.get(db);
  if (!pool) throw new Error('withRawTransaction needs a database opened with connectDatabase');
  const client = await pool.connect();
  const boundPool = {
    connect: async () => ({ query: client.query.bind(client), release: () => {} }),
    end: async () => {},
  };
  const boundDb = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: boundPool as unknown as pg.Pool }),
  });
  try {
    await client.query('begin');
    const result = await work({ client, db: boundDb });
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
