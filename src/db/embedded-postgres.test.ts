import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

/** The first column of the first row of one statement, on a connection of its own. */
async function queryOne(url: string, text: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Object.values((await client.query(text)).rows[0] ?? {})[0];
  } finally {
    await client.end();
  }
}

const selectOne = (url: string) => queryOne(url, 'select 1 as one');
const hasMarker = (url: string) => queryOne(url, "select to_regclass('marker') is not null as found");

describe('startEmbeddedPostgres', () => {
  it('uses a server already running on the same folder instead of failing on its lock, and leaves it running', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'tepat-embedded-test-'));
    const first = await startEmbeddedPostgres({ dataDirectory: directory, databaseName: 'first' });
    try {
      const second = await startEmbeddedPostgres({ dataDirectory: directory, databaseName: 'second' });
      expect(second.port).toBe(first.port);
      await second.stop();
      expect(await selectOne(first.url)).toBe(1);
      expect(await selectOne(second.url)).toBe(1);
    } finally {
      await first.stop({ removeData: true });
      await rm(directory, { recursive: true, force: true });
    }
    // A cluster relocated out of a private folder (as under root) must not be left behind in /var/tmp.
    expect(existsSync(first.dataDirectory)).toBe(false);
  }, 60_000);

  it('keeps its data while the data folder stays, and starts empty once the folder is deleted (a fresh clone)', async () => {
    // A private parent, as a checkout under /root: as root the cluster is relocated to /var/tmp.
    const parent = await mkdtemp(path.join(tmpdir(), 'tepat-embedded-private-'));
    await chmod(parent, 0o700);
    const dataDirectory = path.join(parent, 'data');
    try {
      const first = await startEmbeddedPostgres({ dataDirectory, databaseName: 'kept' });
      await queryOne(first.url, 'create table marker (id int)');
      await first.stop();

      const again = await startEmbeddedPostgres({ dataDirectory, databaseName: 'kept' });
      expect(again.dataDirectory).toBe(first.dataDirectory);
      expect(await hasMarker(again.url)).toBe(true);
      await again.stop();

      await rm(dataDirectory, { recursive: true, force: true });
      const fresh = await startEmbeddedPostgres({ dataDirectory, databaseName: 'kept' });
      try {
        expect(await hasMarker(fresh.url)).toBe(false);
        // The cluster of the deleted folder is not left behind.
        expect(existsSync(first.dataDirectory)).toBe(false);
      } finally {
        await fresh.stop({ removeData: true });
      }
      expect(existsSync(fresh.dataDirectory)).toBe(false);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  }, 120_000);
});
