import { parentPort, workerData } from 'node:worker_threads';
import { directoryFromSnapshot } from '../regions/region-snapshot.ts';
import type { SourceRow } from './read-intake-file.ts';
import { validateIntakeRow } from './validate-intake-row.ts';
import { rowLines } from './validated-lines.ts';
import type { ValidationWorkerData } from './validation-pool.ts';

const { context, regions, referenceDate } = workerData as ValidationWorkerData;
const directory = directoryFromSnapshot(regions);
const reference = new Date(referenceDate);

parentPort?.on('message', ({ id, request: rows }: { id: number; request: SourceRow[] }) => {
  try {
    const lines = rowLines(rows, context, (values) =>
      validateIntakeRow(values, { regions: directory, referenceDate: reference }),
    );
    parentPort?.postMessage({ id, result: lines });
  } catch (error) {
    parentPort?.postMessage({ id, error: (error as Error).message });
  }
});
