import { Worker } from 'node:worker_threads';
import type { RegionSnapshot } from '../regions/region-snapshot.ts';
import type { SourceRow } from './read-intake-file.ts';
import type { RowLinesContext } from './validated-lines.ts';

/** Worker threads validating batches of rows into COPY lines, so a large import uses every core. */
export interface ValidationPool {
  size: number;
  run(rows: SourceRow[]): Promise<string>;
  close(): Promise<void>;
}

export interface ValidationWorkerData {
  context: RowLinesContext;
  regions: RegionSnapshot;
  referenceDate: string;
}

const WORKER_URL = new URL('./validation-worker-entry.mjs', import.meta.url);

export function createValidationPool({
  size,
  workerData,
}: {
  size: number;
  workerData: ValidationWorkerData;
}): ValidationPool {
  // The worker is TypeScript: it runs with the same tsx loader as the rest of the product.
  const workers = Array.from({ length: size }, () => new Worker(WORKER_URL, { workerData }));
  const pending = new Map<number, { resolve(lines: string): void; reject(error: Error): void }>();
  let nextId = 0;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure = error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  for (const worker of workers) {
    worker.on('message', (message: { id: number; lines?: string; error?: string }) => {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.lines ?? '');
    });
    worker.on('error', failAll);
  }
  return {
    size,
    run(rows) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise<string>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        workers[id % workers.length].postMessage({ id, rows });
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
