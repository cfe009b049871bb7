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

/** The rows validated so far: all of them, the rejected, and the accepted with warnings. */
export class RowCounts {
  rows = 0;
  rejected = 0;
  warnings = 0;

  /** One row: rejected, or accepted with problems (warnings only) or without. */
  add(rejected: boolean, withProblems: boolean): void {
    this.rows++;
    if (rejected) this.rejected++;
    else if (withProblems) this.warnings++;
  }

  addCounts(other: { rows: number; rejected: number; warnings: number }): void {
    this.rows += other.rows;
    this.rejected += other.rejected;
    this.warnings += other.warnings;
  }

  /** The counts of these rows stored for this review: rejected rows always wait for review (see intakeRowLine). */
  submissionCounts(review: 'pending' | 'forwarded'): SubmissionCounts {
    const accepted = this.rows - this.rejected;
    return {
      total: this.rows,
      accepted,
      rejected: this.rejected,
      warnings: this.warnings,
      pending: this.rejected + (review === 'pending' ? accepted : 0),
      forwarded: review === 'forwarded' ? accepted : 0,
      returned: 0,
    };
  }
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
