import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../tests/support/test-database.ts';
import { seedDemoUsers } from '../auth/seed-demo-users.ts';
import { toSessionUser } from '../auth/user-mapping.ts';
import { findUserByUsername } from '../auth/user-repository.ts';
import { correctSubmissionRow } from '../intake/correct-submission-row.ts';
import { findSubmission, listSubmissionRows } from '../intake/intake-repository.ts';
import type { RowProblem } from '../intake/row-problem.ts';
import { submitDemoWaitingList } from './demo-waiting-list.ts';

describe('the demo list waiting for review', () => {
  const fixture = useTestDatabase();

  it('is the RT/RW head’s upload, pending, with one row rejected for an NIK Excel damaged, which a correction accepts', async () => {
    const { db } = fixture.database;
    const outDirectory = path.join(path.dirname(await fixture.writeFile('placeholder', '')), 'demo');
    // Without the demo's RT/RW head there is no one to have sent it.
    expect(await submitDemoWaitingList({ db, outDirectory })).toBe(null);
    await seedDemoUsers({ db });
    const waiting = await submitDemoWaitingList({ db, outDirectory });
    if (!waiting) throw new Error('no list was submitted');
    const submission = await findSubmission(db, waiting.submissionId);
    expect(submission).toMatchObject({
      channel: 'upload',
      kelurahan_code: '31.74.01.1001',
      rw: '001',
      row_count: 8,
      accepted_count: 7,
      rejected_count: 1,
    });
    const rows = await listSubmissionRows(db, {
      submissionId: waiting.submissionId,
      filter: 'all',
      limit: 20,
      offset: 0,
    });
    // Nothing is forwarded by itself: every row waits for the operator.
    expect(rows.rows.every((row) => row.review === 'pending')).toBe(true);
    const rejected = rows.rows.filter((row) => row.validation === 'rejected');
    expect(
      rejected.map((row) => [
        row.row_number,
        (row.problems as RowProblem[]).map((problem) => `${problem.field}:${problem.code}`),
      ]),
    ).toEqual([[7, ['nik:excel_scientific_notation']]]);
    expect(rows.rows.filter((row) => row.problems.length > 0).map((row) => row.row_number)).toEqual([7]);

    // The operator types the NIK again, as the demo invites: the row is accepted.
    const operator = await findUserByUsername(db, 'operator.tebettimur');
    if (!operator) throw new Error('no demo operator');
    const corrected = await correctSubmissionRow({
      db,
      user: toSessionUser(operator),
      submissionId: waiting.submissionId,
      rowNumber: 7,
      values: { nik: '3174015706990002' },
    });
    expect(corrected.validation).toBe('accepted');
  });
});
