import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connectDatabase } from '../../src/db/database.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/db/embedded-postgres.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { importRegionCatalog } from '../../src/regions/import-region-catalog.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseServerUrl: string;
    templateDatabase: string;
  }
}

/** One server for the whole run (DATABASE_URL or embedded) and a migrated template copied per test file. */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedPostgres | undefined;
  let temporaryDirectory: string | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    temporaryDirectory = await mkdtemp(path.join(tmpdir(), 'tepat-test-'));
    embedded = await startEmbeddedPostgres({ dataDirectory: temporaryDirectory, databaseName: 'postgres' });
    serverUrl = embedded.url;
  }
  const templateDatabase = `tepat_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${templateDatabase}`);
  await admin.query(`create database ${templateDatabase}`);
  const template = connectDatabase({ url: withDatabase(serverUrl, templateDatabase), maxConnections: 2 });
  await migrateToLatest({ db: template.db });
  await importRegionCatalog({ db: template.db });
  await template.close();
  project.provide('databaseServerUrl', serverUrl);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    const leftovers = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like 'tepat_test_${process.pid}_%' or datname = $1`,
      [templateDatabase],
    );
    for (const row of leftovers.rows)
      await admin.query(`drop database if exists ${row.datname} with (force)`);
    await admin.end();
    await embedded?.stop({ removeData: true });
    if (temporaryDirectory) await rm(temporaryDirectory, { recursive: true, force: true });
  };
}

export function withDatabase(serverUrl: string, databaseName: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}
