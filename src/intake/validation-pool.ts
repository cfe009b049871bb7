import type { RegionSnapshot } from '../regions/region-snapshot.ts';
import { createWorkerPool } from '../workers/worker-pool.ts';
import type { AreaTally } from './row-counts.ts';
import type { SourceBatch } from './source-rows.ts';
import type { RowLinesContext } from './validated-lines.ts';

/** Worker threads validating batches of rows into COPY lines, so a large import uses every core. */
export interface ValidationPool {
  size: number;
  /** COPY text of the rows (a segment is split into rows first), and how many rows there were. */
  run(batch: SourceBatch): Promise<ValidatedBatch>;
  close(): Promise<void>;
}

export interface ValidatedBatch {
  lines: Uint8Array;
  rows: number;
  /** Of those rows, the rejected and the accepted with warnings. */
  rejected: number;
  warnings: number;
  /** The same by the rows' kelurahan. */
  areas: AreaTally[];
  /** The rows' family marks, when the context asks for them. */
  familyMarks?: Uint32Array;
  /** The accepted rows whose member key only PostgreSQL can give, when the context asks for them. */
  firstLoadKeyRows?: Int32Array;
}

export interface ValidationWorkerData {
  context: RowLinesContext;
  regions: RegionSnapshot;
  referenceDate: string;
}

const WORKER_URL = new URL('./validation-worker-entry.mjs', import.meta.url);

// Each row leaves only garbage: a larger young generation collects it less often. Measured at a million
// families: the read phase 62 s by default, 54-55 s at 96 or 192 MB, 61 s at 384 MB (peak RSS 741, 758, 848,
// 1157 MB).
const YOUNG_GENERATION_MB = 96;

/** Workers started before their rows are known: each loads its code meanwhile (a second or so). */
export interface StartedValidationPool {
  /** The pool, each worker told first what checking its rows needs. */
  prepare(workerData: ValidationWorkerData): ValidationPool;
  close(): Promise<void>;
}

export function startValidationPool({ size }: { size: number }): StartedValidationPool {
  // The worker is TypeScript: it runs with the same tsx loader as the rest of the product.
  const pool = createWorkerPool<SourceBatch, ValidatedBatch>({
    url: WORKER_URL,
    size,
    name: 'Validation worker',
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  let next = 0;
  return {
    prepare(workerData) {
      pool.tell({ prepare: workerData });
      return {
        size,
        // Batches go round the workers in turn.
        run: (batch) => pool.ask(next++ % size, batch),
        close: () => pool.close(),
      };
    },
    close: () => pool.close(),
  };
}
