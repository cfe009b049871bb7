// The compute of a preparation, on this thread or in a worker thread: the same ChunkDecider either way.
import { createWorkerPool } from '../workers/worker-pool.ts';
import { ChunkDecider, type DecideSetup, type ListCounts } from './decide-chunks.ts';

/** A chunk of facts to decide, or (no chunk) the end of the facts. */
export interface DecideRequest {
  chunk?: Uint8Array;
}

export interface Decider {
  /** Decision lines of the families in the chunk (a line cut at its end is decided with the next chunk). */
  decide(chunk: Uint8Array): Promise<string>;
  /** The last lines and the counts of every list. */
  finish(): Promise<{ lines: string; counts: ListCounts[] }>;
  close(): Promise<void>;
}

const WORKER_URL = new URL('./decide-worker-entry.mjs', import.meta.url);

/**
 * A worker thread does the parsing, the rules and the writing of lines, so that the thread holding the database
 * connections keeps both streams moving while families are decided. Small lists are decided on this thread:
 * starting a worker costs more than it saves.
 */
export function createDecider(setup: DecideSetup, { worker }: { worker: boolean }): Decider {
  if (!worker) {
    const decider = new ChunkDecider(setup);
    return {
      decide: async (chunk) => decider.decide(chunk),
      finish: async () => decider.finish(),
      close: async () => {},
    };
  }
  const pool = createWorkerPool<DecideRequest, { lines: string; counts?: ListCounts[] }>({
    url: WORKER_URL,
    size: 1,
    name: 'Eligibility worker',
    workerData: () => setup,
  });
  return {
    decide: async (chunk) => (await pool.ask(0, { chunk })).lines,
    finish: async () => {
      const { lines, counts } = await pool.ask(0, {});
      return { lines, counts: counts ?? [] };
    },
    close: () => pool.close(),
  };
}
