// Streams a ministry list's rows to the matching workers in chunks, a bounded number in flight per worker.
import pg from 'pg';
import { copyOutLines } from '../../db/copy-out.ts';
import type { MatchingPool } from './matching-pool.ts';
import { ministryPersonsQuery } from './verification-source-repository.ts';
import type { MatchingRequest } from './worker-protocol.ts';

const chunkLines = 20_000;
const inFlightPerWorker = 2;

/** Sends every chunk of the list to a worker and hands each answer to `collect`, in no particular order. */
export async function streamMinistryChunks<T>({
  databaseUrl,
  listId,
  sampleEvery = 1,
  pool,
  request,
  collect,
}: {
  databaseUrl: string;
  listId: number;
  sampleEvery?: number;
  pool: MatchingPool;
  request: (lines: string[]) => MatchingRequest;
  collect: (answer: T, lines: number) => void;
}): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const inFlight = new Set<Promise<void>>();
  let next = 0;
  try {
    for await (const lines of copyOutLines(client, ministryPersonsQuery(listId, sampleEvery), chunkLines)) {
      while (inFlight.size >= pool.size * inFlightPerWorker) await Promise.race(inFlight);
      const worker = next++ % pool.size;
      const task = pool.ask<T>(worker, request(lines)).then((answer) => {
        collect(answer, lines.length);
        inFlight.delete(task);
      });
      inFlight.add(task);
      // A failed chunk rejects below; keep the unhandled-rejection tracker quiet meanwhile.
      task.catch(() => {});
    }
    await Promise.all(inFlight);
  } finally {
    await client.end();
  }
}
