import { describe, expect, it } from 'vitest';
import { FamilyMarks, FamilyTally } from './family-tally.ts';
import type { IntakeRecord } from './validate-intake-row.ts';

function record(
  kkNumber: string | null,
  nik: string | null,
  relationship: string,
  rt: string | null = '001',
) {
  return { kkNumber, nik, relationship, kelurahanCode: '31.74.01.1001', rw: '002', rt } as IntakeRecord;
}

function suspects(rows: IntakeRecord[], batchSize = 2): number[] {
  const tally = new FamilyTally();
  for (let start = 0; start < rows.length; start += batchSize) {
    const marks = new FamilyMarks(1);
    for (const [index, row] of rows.slice(start, start + batchSize).entries())
      marks.add(start + index + 2, row);
    tally.add(marks.take());
  }
  return tally.suspectRows().sort((left, right) => left - right);
}

describe('FamilyTally', () => {
  it('names nothing when every family has one head and no person twice', () => {
    expect(
      suspects([
        record('1', 'A', 'head'),
        record('1', 'B', 'wife'),
        record('2', 'A', 'head'),
        record('2', null, 'child'),
        record('2', null, 'child'),
      ]),
    ).toEqual([]);
  });

  it('names a row of a family with no head or two heads, across batches and apart in the file', () => {
    expect(
      suspects([
        record('1', 'A', 'child'),
        record('2', 'B', 'head'),
        record('1', 'C', 'wife'),
        record('2', 'D', 'head'),
        record('3', 'E', 'head'),
      ]),
    ).toEqual([2, 3]);
  });

  it('names each repeat of a person within a family, not the same NIK in another family', () => {
    expect(
      suspects([
        record('1', 'A', 'head'),
        record('1', 'A', 'child'),
        record('2', 'A', 'head'),
        record('1', 'A', 'child'),
      ]),
    ).toEqual([3, 5]);
  });

  it('keeps a listing with an unknown RT apart from one with an RT, and skips rows without a KK', () => {
    expect(
      suspects([record('1', 'A', 'head'), record('1', 'B', 'head', null), record(null, 'C', 'child')]),
    ).toEqual([]);
  });

  it('keeps counting once its tables grow past their first size', () => {
    const rows = Array.from({ length: 100_000 }, (_, index) => record(String(index), 'A', 'head'));
    rows.push(record('77', 'B', 'head'));
    expect(suspects(rows, 5000)).toEqual([79]);
  });
});
