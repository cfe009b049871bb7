// The matching workers of a run: each holds the registry of the area; work is split by shard or by chunk.
import { Worker } from 'node:worker_threads';
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
  const workers = Array.from(
    { length: size },
    (_unused, workerIndex) =>
      new Worker(WORKER_URL, {
        workerData: { ...workerData, workerIndex, workerCount: size } satisfies MatchingWorkerData,
        resourceLimits: { maxOldGenerationSizeMb: heapMegabytes },
      }),
  );
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 0;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure = error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  for (const worker of workers) {
    worker.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) waiting?.reject(new Error(`Matching worker: ${message.error}`));
      else waiting?.resolve(message.result);
    });
    worker.on('error', failAll);
    worker.on('exit', (code) => {
      if (code !== 0) failAll(new Error(`A matching worker stopped (exit code ${code})`));
    });
  }
  const ask = <T>(workerNumber: number, request: MatchingRequest): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      workers[workerNumber].postMessage({ id, request });
    });
  };
  return {
    size,
    ask,
    askAll: <T>(request: MatchingRequest) =>
      Promise.all(workers.map((_worker, number) => ask<T>(number, request))),
    async close() {
      failure ??= new Error('The matching pool is closed');
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
