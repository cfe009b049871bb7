import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../src/db/database.ts';

export interface TestDatabase extends DatabaseHandle {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database copied from the migrated template (regions loaded), private to one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject('databaseServerUrl');
  const template = inject('templateDatabase');
  const name = `tepat_test_${template.split('_').pop()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = connectDatabase({ url: url.toString(), maxConnections: 5 });
  return {
    ...handle,
    url: url.toString(),
    drop: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export interface TestDatabaseFixture {
  readonly database: TestDatabase;
  /** Writes a file into a folder private to the test file (removed afterwards) and returns its path. */
  writeFile(name: string, content: string | Buffer): Promise<string>;
}

/** A fresh database and a scratch folder for the tests of one file, set up before them and removed after. */
export function useTestDatabase(): TestDatabaseFixture {
  let database: TestDatabase | undefined;
  let directory: string | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    directory = await mkdtemp(path.join(tmpdir(), 'tepat-test-files-'));
  });
  afterAll(async () => {
    await database?.drop();
    if (directory) await rm(directory, { recursive: true, force: true });
  });
  return {
    get database() {
      if (!database) throw new Error('The test database is not ready yet (use it inside a hook or test)');
      return database;
    },
    async writeFile(name, content) {
      if (!directory) throw new Error('The scratch folder is not ready yet (use it inside a hook or test)');
      const filePath = path.join(directory, name);
      await writeFile(filePath, content);
      return filePath;
    },
  };
}
