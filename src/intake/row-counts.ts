// A submission's rows counted by standing as validation writes them: a large import then needs no second pass
// over a million rows to fill in its counts (see storeRows). No I/O here.

/** How a submission's rows stand: the count columns of intake_submission. */
export interface SubmissionCounts {
  total: number;
  accepted: number;
  rejected: number;
  warnings: number;
  pending: number;
  forwarded: number;
  returned: number;
}

/** An import's counts of one kelurahan's rows, as intake_import_area_count keeps them. */
export interface AreaCounts extends SubmissionCounts {
  rejectedPending: number;
}

/** Rows, rejected, and accepted with warnings, of one kelurahan ('' for rows naming none). */
export type AreaTally = [kelurahanCode: string, rows: number, rejected: number, warnings: number];

/** The rows validated so far: all of them, the rejected, and the accepted with warnings; also by kelurahan. */
export class RowCounts {
  rows = 0;
  rejected = 0;
  warnings = 0;
  // Counted where the rows are checked, so an import's counts by area need no pass over its stored rows.
  private readonly areas = new Map<string, AreaTally>();

  /** One row: rejected, or accepted with problems (warnings only) or without; of its own kelurahan. */
  add(rejected: boolean, withProblems: boolean, kelurahanCode: string | null = null): void {
    this.rows++;
    const key = kelurahanCode ?? '';
    let area = this.areas.get(key);
    if (area === undefined) {
      area = [key, 0, 0, 0];
      this.areas.set(key, area);
    }
    area[1]++;
    if (rejected) {
      this.rejected++;
      area[2]++;
    } else if (withProblems) {
      this.warnings++;
      area[3]++;
    }
  }

  addCounts(other: { rows: number; rejected: number; warnings: number; areas?: AreaTally[] }): void {
    this.rows += other.rows;
    this.rejected += other.rejected;
    this.warnings += other.warnings;
    for (const [key, rows, rejected, warnings] of other.areas ?? []) {
      const area = this.areas.get(key);
      if (area === undefined) this.areas.set(key, [key, rows, rejected, warnings]);
      else {
        area[1] += rows;
        area[2] += rejected;
        area[3] += warnings;
      }
    }
  }

  /** The counts by kelurahan, to hand from a worker thread to the thread storing the rows. */
  areaTallies(): AreaTally[] {
    return [...this.areas.values()];
  }

  /** The counts of these rows stored for this review: rejected rows always wait for review (see intakeRowLine). */
  submissionCounts(review: 'pending' | 'forwarded'): SubmissionCounts {
    return countsOf(this.rows, this.rejected, this.warnings, review);
  }

  /** The same by kelurahan (null for rows naming none). */
  areaCounts(review: 'pending' | 'forwarded'): Map<string | null, AreaCounts> {
    const counts = new Map<string | null, AreaCounts>();
    for (const [key, rows, rejected, warnings] of this.areas.values()) {
      counts.set(key === '' ? null : key, {
        ...countsOf(rows, rejected, warnings, review),
        rejectedPending: rejected,
      });
    }
    return counts;
  }
}

function countsOf(
  rows: number,
  rejected: number,
  warnings: number,
  review: 'pending' | 'forwarded',
): SubmissionCounts {
  const accepted = rows - rejected;
  return {
    total: rows,
    accepted,
    rejected,
    warnings,
    pending: rejected + (review === 'pending' ? accepted : 0),
    forwarded: review === 'forwarded' ? accepted : 0,
    returned: 0,
  };
}

/** Counts after some rows changed: those rows' counts before the change taken out, after it put in. */
export function recountedAfter(
  counts: SubmissionCounts,
  changed: { before: SubmissionCounts; after: SubmissionCounts },
): SubmissionCounts {
  const result = { ...counts };
  for (const key of Object.keys(result) as (keyof SubmissionCounts)[]) {
    result[key] += changed.after[key] - changed.before[key];
  }
  return result;
}

/** Counts by kelurahan after some rows changed, as recountedAfter does for the totals. */
export function areaCountsAfter(
  counts: Map<string | null, AreaCounts>,
  changed: { before: Map<string | null, AreaCounts>; after: Map<string | null, AreaCounts> },
): Map<string | null, AreaCounts> {
  const result = new Map([...counts].map(([key, value]) => [key, { ...value }]));
  const apply = (side: Map<string | null, AreaCounts>, sign: 1 | -1) => {
    for (const [key, value] of side) {
      const area = result.get(key) ?? { ...ZERO_AREA };
      for (const field of Object.keys(ZERO_AREA) as (keyof AreaCounts)[]) area[field] += sign * value[field];
      result.set(key, area);
    }
  };
  apply(changed.before, -1);
  apply(changed.after, 1);
  return result;
}

const ZERO_AREA: AreaCounts = {
  total: 0,
  accepted: 0,
  rejected: 0,
  warnings: 0,
  pending: 0,
  forwarded: 0,
  returned: 0,
  rejectedPending: 0,
};
