import { describe, expect, it } from 'vitest';
import { FamilyMarks, FamilyTally } from './family-tally.ts';
import type { IntakeRecord } from './validate-intake-row.ts';

const KELURAHAN = '31.74.01.1001';

/** A KK number of 16 digits ending in the given serial. */
function kk(serial: number): string {
  return `317401010119${String(serial).padStart(4, '0')}`;
}

function record(
  kkNumber: string | null,
  nik: string | null,
  relationship: string,
  listing: { kelurahanCode?: string | null; rw?: string | null; rt?: string | null } = {},
) {
  return {
    kkNumber,
    nik,
    relationship,
    kelurahanCode: listing.kelurahanCode === undefined ? KELURAHAN : listing.kelurahanCode,
    rw: listing.rw === undefined ? '002' : listing.rw,
    rt: listing.rt === undefined ? '001' : listing.rt,
  } as IntakeRecord;
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
        record(kk(1), 'A', 'head'),
        record(kk(1), 'B', 'wife'),
        record(kk(2), 'A', 'head'),
        record(kk(2), null, 'child'),
        record(kk(2), null, 'child'),
      ]),
    ).toEqual([]);
  });

  it('names a row of a family with no head or two heads, across batches and apart in the file', () => {
    expect(
      suspects([
        record(kk(1), 'A', 'child'),
        record(kk(2), 'B', 'head'),
        record(kk(1), 'C', 'wife'),
        record(kk(2), 'D', 'head'),
        record(kk(3), 'E', 'head'),
      ]),
    ).toEqual([2, 3]);
  });

  it('names each repeat of a person within a family, not the same NIK in another family', () => {
    expect(
      suspects([
        record(kk(1), 'A', 'head'),
        record(kk(1), 'A', 'child'),
        record(kk(2), 'A', 'head'),
        record(kk(1), 'A', 'child'),
      ]),
    ).toEqual([3, 5]);
  });

  it('keeps a listing with an unknown RT apart from one with an RT, and skips rows without a KK', () => {
    expect(
      suspects([
        record(kk(1), 'A', 'head'),
        record(kk(1), 'B', 'head', { rt: null }),
        record(null, 'C', 'child'),
      ]),
    ).toEqual([]);
  });

  // A family without a head counted together with one that has a head would pass unseen: every part of the
  // key must tell the two apart.
  it('tells apart families whose keys differ in one part only, so a family without a head is always named', () => {
    const variants: IntakeRecord[] = [
      record('2174010101190001', 'B', 'child'),
      record('3174010101190002', 'B', 'child'),
      record(kk(1), 'B', 'child', { kelurahanCode: '32.74.01.1001' }),
      record(kk(1), 'B', 'child', { kelurahanCode: '31.73.01.1001' }),
      record(kk(1), 'B', 'child', { kelurahanCode: '31.74.02.1001' }),
      record(kk(1), 'B', 'child', { kelurahanCode: '31.74.01.1002' }),
      record(kk(1), 'B', 'child', { kelurahanCode: null }),
      record(kk(1), 'B', 'child', { rw: '003' }),
      record(kk(1), 'B', 'child', { rw: null }),
      record(kk(1), 'B', 'child', { rt: '999' }),
      record(kk(1), 'B', 'child', { rt: null }),
    ];
    expect(suspects([record(kk(1), 'A', 'head'), ...variants])).toEqual(
      variants.map((_, index) => index + 3),
    );
  });

  it('names every row whose family key is not in the form the validation writes', () => {
    expect(
      suspects([
        record('31740101011900', 'A', 'head'),
        record(kk(1), 'A', 'head', { kelurahanCode: '3174011001' }),
        record(kk(1), 'A', 'head', { rt: '1' }),
        record(kk(1), 'A', 'head', { rw: '0x1' }),
        record(kk(1), 'A', 'head'),
      ]),
    ).toEqual([2, 3, 4, 5]);
  });

  it('keeps counting once its tables grow past their first size', () => {
    const rows = Array.from({ length: 100_000 }, (_, index) =>
      record(`3174${String(index).padStart(12, '0')}`, 'A', 'head'),
    );
    rows.push(record('3174000000000077', 'B', 'head'));
    expect(suspects(rows, 5000)).toEqual([79]);
  });
});
