import { parentPort, workerData } from 'node:worker_threads';
import { directoryFromSnapshot } from '../regions/region-snapshot.ts';
import { FamilyMarks } from './family-tally.ts';
import { FirstLoadKeyRows } from './first-load-source.ts';
import { forEachRowOfSegment, type SourceBatch } from './source-rows.ts';
import { createRowLineWriter } from './validated-lines.ts';
import type { ValidatedBatch, ValidationWorkerData } from './validation-pool.ts';

const { context, regions, referenceDate } = workerData as ValidationWorkerData;
const directory = directoryFromSnapshot(regions);
const reference = new Date(referenceDate);

// About this many characters per row of an intake file: sizes the answer's buffer before the rows are counted.
const CHARACTERS_PER_ROW = 160;

parentPort?.on('message', ({ id, request }: { id: number; request: SourceBatch }) => {
  try {
    const expectedRows = Array.isArray(request)
      ? request.length
      : Math.ceil((request.text.length + (request.more?.length ?? 0)) / CHARACTERS_PER_ROW);
    const marks = context.markFamilies ? new FamilyMarks(expectedRows) : undefined;
    const keyRows = context.firstLoadKeys ? new FirstLoadKeyRows() : undefined;
    const writer = createRowLineWriter(
      context,
      { regions: directory, referenceDate: reference },
      { marks, keyRows },
      expectedRows,
    );
    let rows = 0;
    const add = (row: Parameters<typeof writer.add>[0]) => {
      rows++;
      writer.add(row);
    };
    // A segment's rows are checked as they are split: only one row at a time is alive.
    if (Array.isArray(request)) request.forEach(add);
    else forEachRowOfSegment(request, add);
    const lines = writer.take();
    const result: ValidatedBatch = {
      lines,
      rows,
      familyMarks: marks?.take(),
      firstLoadKeyRows: keyRows?.take(),
    };
    // Moved, not copied: the lines and marks were made for this answer alone.
    const transfer: ArrayBuffer[] = [lines.buffer as ArrayBuffer];
    if (result.familyMarks) transfer.push(result.familyMarks.buffer as ArrayBuffer);
    if (result.firstLoadKeyRows) transfer.push(result.firstLoadKeyRows.buffer as ArrayBuffer);
    parentPort?.postMessage({ id, result }, transfer);
  } catch (error) {
    parentPort?.postMessage({ id, error: (error as Error).message });
  }
});
