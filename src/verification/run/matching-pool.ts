// The matching workers of a run: each holds the registry of the area; work is split by shard or by chunk.
import { createWorkerPool } from '../../workers/worker-pool.ts';
import type { MatchingRequest, MatchingWorkerData } from './worker-protocol.ts';

export interface MatchingPool {
  size: number;
  /** Sends a request to one worker. */
  ask<T>(worker: number, request: MatchingRequest): Promise<T>;
  /** Sends the same request to every worker; answers in worker order. */
  askAll<T>(request: MatchingRequest): Promise<T[]>;
  close(): Promise<void>;
}

const WORKER_URL = new URL('./matching-worker-entry.mjs', import.meta.url);

export function createMatchingPool({
  size,
  workerData,
  heapMegabytes,
}: {
  size: number;
  workerData: Omit<MatchingWorkerData, 'workerIndex' | 'workerCount'>;
  /** Old-generation heap of each worker; millions of prepared records need more than Node's default. */
  heapMegabytes: number;
}): MatchingPool {
  // The worker is TypeScript: its entry registers the same tsx loader as the rest of the product.
  const pool = createWorkerPool<MatchingRequest, unknown>({
    url: WORKER_URL,
    size,
    name: 'Matching worker',
    workerData: (workerIndex) =>
      ({ ...workerData, workerIndex, workerCount: size }) satisfies MatchingWorkerData,
    resourceLimits: { maxOldGenerationSizeMb: heapMegabytes },
  });
  const ask = <T>(worker: number, request: MatchingRequest) => pool.ask(worker, request) as Promise<T>;
  return {
    size,
    ask,
    askAll: <T>(request: MatchingRequest) =>
      Promise.all(Array.from({ length: size }, (_unused, worker) => ask<T>(worker, request))),
    close: () => pool.close(),
  };
}
