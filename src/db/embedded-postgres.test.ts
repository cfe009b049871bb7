import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ one: number }>('select 1 as one')).rows[0].one;
  } finally {
    await client.end();
  }
}

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
});
