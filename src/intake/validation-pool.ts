import type { RegionSnapshot } from '../regions/region-snapshot.ts';
import { createWorkerPool } from '../workers/worker-pool.ts';
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
  const pool = createWorkerPool<SourceRow[], string>({
    url: WORKER_URL,
    size,
    name: 'Validation worker',
    workerData: () => workerData,
  });
  let next = 0;
  return {
    size,
    // Batches go round the workers in turn.
    run: (rows) => pool.ask(next++ % size, rows).then((lines) => lines ?? ''),
    close: () => pool.close(),
  };
}
