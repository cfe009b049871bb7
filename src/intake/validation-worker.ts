import { parentPort } from 'node:worker_threads';
import { directoryFromSnapshot } from '../regions/region-snapshot.ts';
import { FamilyMarks } from './family-tally.ts';
import { FirstLoadKeyRows } from './first-load-source.ts';
import { RowCounts } from './row-counts.ts';
import { forEachRowOfSegment, type SourceBatch, type SourceRow } from './source-rows.ts';
import type { IntakeRowContext } from './validate-intake-row.ts';
import { createRowLineWriter, type RowLinesContext } from './validated-lines.ts';
import type { ValidatedBatch, ValidationWorkerData } from './validation-pool.ts';

// About this many characters per row of an intake file: sizes the answer's buffer before the rows are counted.
const CHARACTERS_PER_ROW = 160;

// What every row needs, told once before the first batch (the worker starts before the file's header is read).
let prepared: { context: RowLinesContext; rowContext: IntakeRowContext } | undefined;

type Message = { prepare: ValidationWorkerData } | { id: number; request: SourceBatch };

parentPort?.on('message', (message: Message) => {
  if ('prepare' in message) {
    const { context, regions, referenceDate } = message.prepare;
    prepared = {
      context,
      rowContext: { regions: directoryFromSnapshot(regions), referenceDate: new Date(referenceDate) },
    };
    return;
  }
  const { id, request } = message;
  try {
    if (!prepared) throw new Error('a batch came before the worker was prepared');
    const { context, rowContext } = prepared;
    const expectedRows = Array.isArray(request)
      ? request.length
      : Math.ceil((request.text.length + (request.more?.length ?? 0)) / CHARACTERS_PER_ROW);
    const marks = context.markFamilies ? new FamilyMarks(expectedRows) : undefined;
    const keyRows = context.firstLoadKeys ? new FirstLoadKeyRows() : undefined;
    const counts = new RowCounts();
    const writer = createRowLineWriter(context, rowContext, { marks, keyRows, counts }, expectedRows);
    // A segment's rows are checked as they are split: only one row at a time is alive.
    const add = (row: SourceRow) => writer.add(row);
    if (Array.isArray(request)) request.forEach(add);
    else forEachRowOfSegment(request, add);
    const lines = writer.take();
    const result: ValidatedBatch = {
      lines,
      rows: counts.rows,
      rejected: counts.rejected,
      warnings: counts.warnings,
      areas: counts.areaTallies(),
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
