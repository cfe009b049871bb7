import { parentPort, workerData } from 'node:worker_threads';
import { directoryFromSnapshot } from '../regions/region-snapshot.ts';
import { FamilyMarks } from './family-tally.ts';
import { rowsOfSegment, type SourceBatch } from './read-intake-file.ts';
import { rowLinesFast } from './validated-lines.ts';
import type { ValidatedBatch, ValidationWorkerData } from './validation-pool.ts';

const { context, regions, referenceDate } = workerData as ValidationWorkerData;
const directory = directoryFromSnapshot(regions);
const reference = new Date(referenceDate);

parentPort?.on('message', ({ id, request }: { id: number; request: SourceBatch }) => {
  try {
    const rows = Array.isArray(request) ? request : rowsOfSegment(request);
    const marks = context.markFamilies ? new FamilyMarks(rows.length) : undefined;
    const lines = rowLinesFast(rows, context, { regions: directory, referenceDate: reference }, marks);
    const result: ValidatedBatch = { lines, rows: rows.length, familyMarks: marks?.take() };
    // Moved, not copied: the lines and marks were made for this answer alone.
    const transfer: ArrayBuffer[] = [lines.buffer as ArrayBuffer];
    if (result.familyMarks) transfer.push(result.familyMarks.buffer as ArrayBuffer);
    parentPort?.postMessage({ id, result }, transfer);
  } catch (error) {
    parentPort?.postMessage({ id, error: (error as Error).message });
  }
});
