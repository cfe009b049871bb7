import { type ExpressionBuilder, sql } from 'kysely';
import type pg from 'pg';
import type { AreaScope } from '../auth/area-scope.ts';
import { inAreaScope } from '../auth/area-scope-sql.ts';
import { copyLinesInto } from '../db/copy-rows.ts';
import type { DatabaseClient } from '../db/database.ts';
import type { Database, IntakeRowRow, IntakeSubmissionRow } from '../db/schema.ts';
import { INTAKE_ROW_COPY_COLUMNS } from './intake-row-line.ts';
import type { SubmissionCounts } from './row-counts.ts';
import type { RowProblem } from './row-problem.ts';
import { type RawColumns, submittedCells } from './validated-lines.ts';

export interface NewSubmission {
  channel: 'upload' | 'form' | 'cli';
  fileName: string | null;
  fileSha256: string | null;
  fileFormat: string | null;
  kelurahanCode: string | null;
  rw: string | null;
  rt: string | null;
  submittedBy: number | null;
  status: string;
  fileProblems?: RowProblem[];
}

export async function insertSubmission(db: DatabaseClient, submission: NewSubmission): Promise<number> {
  const row = await db
    .insertInto('intake_submission')
    .values({
      channel: submission.channel,
      file_name: submission.fileName,
      file_sha256: submission.fileSha256,
      file_format: submission.fileFormat,
      kelurahan_code: submission.kelurahanCode,
      rw: submission.rw,
      rt: submission.rt,
      submitted_by: submission.submittedBy,
      status: submission.status,
      file_problems: JSON.stringify(submission.fileProblems ?? []),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function storeOriginalFile(
  db: DatabaseClient,
  submissionId: number,
  content: Buffer,
): Promise<void> {
  await db.insertInto('intake_file').values({ submission_id: submissionId, content }).execute();
}

export async function copyIntakeRows(
  client: pg.PoolClient,
  lines: AsyncIterable<string | Uint8Array>,
  /** A submission's own table (see createSubmissionRowTable), else the shared default partition. */
  table = 'intake_row',
): Promise<void> {
  // FREEZE: a submission's own table is new in this transaction, so its rows are written already frozen.
  await copyLinesInto({
    client,
    table,
    columns: INTAKE_ROW_COPY_COLUMNS,
    lines,
    freeze: table !== 'intake_row',
  });
}

/**
 * A table of its own for the rows of a large submission, filled by COPY before it has any index and attached
 * as the submission's partition of intake_row once checked (see 0010). Until then its rows are reached by its name.
 */
export async function createSubmissionRowTable(db: DatabaseClient, submissionId: number): Promise<string> {
  const id = Math.trunc(submissionId);
  const name = `intake_row_${id}`;
  // The check lets the attachment skip scanning the rows for the partition's bound.
  await sql`
    create table ${sql.table(name)} (like intake_row including defaults,
      constraint ${sql.id(`${name}_submission`)} check (submission_id = ${sql.lit(id)}))`.execute(db);
  return name;
}

/** The indexes of a loaded submission table, built in one pass each (family checks and the arrival use them). */
export async function indexSubmissionRowTable(db: DatabaseClient, name: string): Promise<void> {
  await sql`alter table ${sql.table(name)} add primary key (submission_id, row_number)`.execute(db);
  await sql`create index ${sql.id(`${name}_kk`)} on ${sql.table(name)} (submission_id, kk_number)`.execute(
    db,
  );
}

/** The distinct KK numbers of some rows of a submission's own table. */
export async function kkNumbersOfRows(
  db: DatabaseClient,
  { table, submissionId, rowNumbers }: { table: string; submissionId: number; rowNumbers: number[] },
): Promise<string[]> {
  if (rowNumbers.length === 0) return [];
  const result = await sql<{ kk_number: string }>`
    select distinct kk_number from ${sql.table(table)}
    where submission_id = ${submissionId} and row_number = any(${rowNumbers}::int[]) and kk_number is not null`.execute(
    db,
  );
  return result.rows.map((row) => row.kk_number);
}

/** Attaches the submission's own table, indexed, as the submission's partition. */
export async function attachSubmissionRowTable(
  db: DatabaseClient,
  { name, submissionId }: { name: string; submissionId: number },
): Promise<void> {
  await sql`
    alter table intake_row attach partition ${sql.table(name)} for values in (${sql.lit(Math.trunc(submissionId))})`.execute(
    db,
  );
}

/** How the rows' submitted cells, kept by position, are keyed when read (see submittedCells). */
export async function setSubmissionRawColumns(
  db: DatabaseClient,
  submissionId: number,
  rawColumns: RawColumns,
): Promise<void> {
  await sql`update intake_submission set raw_columns = ${JSON.stringify(rawColumns)}::jsonb where id = ${submissionId}`.execute(
    db,
  );
}

async function submissionRawColumns(db: DatabaseClient, submissionId: number): Promise<RawColumns | null> {
  const result = await sql<{ raw_columns: RawColumns | null }>`
    select raw_columns from intake_submission where id = ${submissionId}`.execute(db);
  return result.rows[0]?.raw_columns ?? null;
}

export async function analyzeIntakeRows(db: DatabaseClient, table = 'intake_row'): Promise<void> {
  await sql`analyze ${sql.table(table)}`.execute(db);
}

/** Finds an earlier, readable submission of the very same bytes by the same submitter. */
export async function findSubmissionByFile(
  db: DatabaseClient,
  { sha256, submittedBy }: { sha256: string; submittedBy: number | null },
): Promise<IntakeSubmissionRow | undefined> {
  return db
    .selectFrom('intake_submission')
    .selectAll()
    .where('file_sha256', '=', sha256)
    .where((eb) =>
      submittedBy === null ? eb('submitted_by', 'is', null) : eb('submitted_by', '=', submittedBy),
    )
    .where('status', '!=', 'file_rejected')
    .orderBy('id')
    .executeTakeFirst();
}

/**
 * Family checks need all rows of a listing at once: a family with no head or two heads, and the same
 * person twice in one family. Every row of such a family is rejected with the reason. Returns the rows
 * rejected here.
 */
export async function rejectInconsistentFamilies(
  db: DatabaseClient,
  submissionId: number,
  kkNumbers?: string[],
  /** The submission's own table while it is not attached yet. */
  table = 'intake_row',
): Promise<number[]> {
  const rows = sql.table(table);
  const onlyFamilies = kkNumbers ? sql`and kk_number = any(${kkNumbers})` : sql``;
  // The few families found are kept apart first: joined in one statement, the planner cannot tell they
  // are few and hashes every row of the submission a second time.
  await sql`drop table if exists inconsistent_family`.execute(db);
  await sql`
    create temp table inconsistent_family on commit drop as
    select kk_number, kelurahan_code, rw, rt, count(*) filter (where relationship = 'head') as heads
    from ${rows}
    where submission_id = ${submissionId} and kk_number is not null ${onlyFamilies}
    group by kk_number, kelurahan_code, rw, rt
    having count(*) filter (where relationship = 'head') <> 1`.execute(db);
  await sql`analyze inconsistent_family`.execute(db);
  const familyRows = await sql<{ row_number: number }>`
    update ${rows} r
    set validation = 'rejected',
        review = 'pending',
        problems = r.problems || jsonb_build_array(jsonb_build_object(
          'field', 'family',
          'code', case when f.heads = 0 then 'family_no_head' else 'family_two_heads' end,
          'severity', 'error',
          'params', jsonb_build_object('kkNumber', f.kk_number, 'heads', f.heads)))
    from inconsistent_family f
    where r.submission_id = ${submissionId}
      and r.kk_number = f.kk_number
      and r.kelurahan_code is not distinct from f.kelurahan_code
      and r.rw is not distinct from f.rw
      and r.rt is not distinct from f.rt
    returning r.row_number`.execute(db);
  await sql`drop table if exists repeated_person`.execute(db);
  await sql`
    create temp table repeated_person on commit drop as
    select kk_number, kelurahan_code, rw, rt, nik, min(row_number) as first_row
    from ${rows}
    where submission_id = ${submissionId} and nik is not null and kk_number is not null ${onlyFamilies}
    group by kk_number, kelurahan_code, rw, rt, nik
    having count(*) > 1`.execute(db);
  await sql`analyze repeated_person`.execute(db);
  const repeatedRows = await sql<{ row_number: number }>`
    update ${rows} r
    set validation = 'rejected',
        review = 'pending',
        problems = r.problems || jsonb_build_array(jsonb_build_object(
          'field', 'nik', 'code', 'duplicate_row_in_file', 'severity', 'error',
          'params', jsonb_build_object('row', d.first_row)))
    from repeated_person d
    where r.submission_id = ${submissionId}
      and r.kk_number = d.kk_number
      and r.kelurahan_code is not distinct from d.kelurahan_code
      and r.rw is not distinct from d.rw
      and r.rt is not distinct from d.rt
      and r.nik = d.nik
      and r.row_number <> d.first_row
    returning r.row_number`.execute(db);
  return [...familyRows.rows, ...repeatedRows.rows].map((row) => row.row_number);
}

/** Removes family-level problems of some families so they can be checked again after a correction. */
export async function clearFamilyProblems(
  db: DatabaseClient,
  submissionId: number,
  kkNumbers: string[],
): Promise<void> {
  await sql`
    update intake_row r
    set problems = kept.problems,
        validation = case when kept.problems @> '[{"severity":"error"}]'::jsonb then 'rejected' else 'accepted' end
    from (
      select row_number, coalesce(jsonb_agg(p) filter (
               where p->>'field' <> 'family' and p->>'code' <> 'duplicate_row_in_file'), '[]'::jsonb) as problems
      from intake_row, jsonb_array_elements(problems) p
      where submission_id = ${submissionId} and kk_number = any(${kkNumbers}) and review = 'pending'
      group by row_number
    ) kept
    where r.submission_id = ${submissionId} and r.row_number = kept.row_number`.execute(db);
}

export async function refreshSubmissionCounts(
  db: DatabaseClient,
  submissionId: number,
  status?: string,
): Promise<void> {
  // The submission is locked first, so two refreshes take turns and the later one counts what the earlier
  // committed.
  await sql`select id from intake_submission where id = ${submissionId} for update`.execute(db);
  const counts = await countSubmissionRows(db, { submissionId });
  await writeSubmissionCounts(db, { submissionId, counts, status });
}

/** Counts a submission's rows, all of them or those of some families (kk_number) only. */
export async function countSubmissionRows(
  db: DatabaseClient,
  {
    submissionId,
    table = 'intake_row',
    kkNumbers,
  }: { submissionId: number; table?: string; kkNumbers?: string[] },
): Promise<SubmissionCounts> {
  // Counted by a SELECT of its own, which PostgreSQL may share among parallel workers (an UPDATE's never is).
  const onlyFamilies = kkNumbers ? sql`and kk_number = any(${kkNumbers})` : sql``;
  const counted = await sql<SubmissionCounts>`
    select count(*)::int as total,
           count(*) filter (where validation = 'accepted')::int as accepted,
           count(*) filter (where validation = 'rejected')::int as rejected,
           count(*) filter (where validation = 'accepted' and problems <> '[]'::jsonb)::int as warnings,
           count(*) filter (where review = 'pending')::int as pending,
           count(*) filter (where review = 'forwarded')::int as forwarded,
           count(*) filter (where review = 'returned')::int as returned
    from ${sql.table(table)} where submission_id = ${submissionId} ${onlyFamilies}`.execute(db);
  const counts = counted.rows[0];
  if (!counts) throw new Error(`Submission ${submissionId}: no counts`);
  return counts;
}

/** Stores a submission's counts; it is reviewed once no row waits, unless a status is given. */
export async function writeSubmissionCounts(
  db: DatabaseClient,
  { submissionId, counts, status }: { submissionId: number; counts: SubmissionCounts; status?: string },
): Promise<void> {
  await sql`
    update intake_submission s set
      row_count = ${counts.total},
      accepted_count = ${counts.accepted},
      rejected_count = ${counts.rejected},
      warning_count = ${counts.warnings},
      pending_count = ${counts.pending},
      forwarded_count = ${counts.forwarded},
      returned_count = ${counts.returned},
      status = coalesce(${status ?? null}, case when ${counts.pending}::int = 0 and ${counts.total}::int > 0 then 'reviewed' else s.status end)
    where s.id = ${submissionId}`.execute(db);
}

export async function forwardAcceptedRows(
  db: DatabaseClient,
  {
    submissionId,
    reviewerId,
    rowNumbers,
  }: { submissionId: number; reviewerId: number | null; rowNumbers?: number[] },
): Promise<number[]> {
  let query = db
    .updateTable('intake_row')
    .set({ review: 'forwarded', reviewed_by: reviewerId, reviewed_at: sql`now()`, review_reason: null })
    .where('submission_id', '=', submissionId)
    .where('validation', '=', 'accepted')
    .where('review', '=', 'pending');
  if (rowNumbers) query = query.where('row_number', 'in', rowNumbers.length > 0 ? rowNumbers : [-1]);
  const rows = await query.returning('row_number').execute();
  return rows.map((row) => row.row_number);
}

export async function returnRows(
  db: DatabaseClient,
  {
    submissionId,
    reviewerId,
    rows,
  }: { submissionId: number; reviewerId: number | null; rows: { rowNumber: number; reason: string }[] },
): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await sql`
    update intake_row r
    set review = 'returned', review_reason = d.reason, reviewed_by = ${reviewerId}, reviewed_at = now()
    from unnest(${rows.map((row) => row.rowNumber)}::int[], ${rows.map((row) => row.reason)}::text[]) as d(row_number, reason)
    where r.submission_id = ${submissionId} and r.row_number = d.row_number and r.review = 'pending'`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0);
}

export interface SubmissionView extends IntakeSubmissionRow {
  kelurahan_name: string | null;
  submitter_username: string | null;
  submitter_full_name: string | null;
}

function submissionQuery(db: DatabaseClient) {
  return db
    .selectFrom('intake_submission as s')
    .leftJoin('region as r', 'r.code', 's.kelurahan_code')
    .leftJoin('app_user as u', 'u.id', 's.submitted_by')
    .selectAll('s')
    .select([
      'r.name as kelurahan_name',
      'u.username as submitter_username',
      'u.full_name as submitter_full_name',
    ]);
}

/** Submissions visible in an area; RT/RW heads see only their own (ownerId); province-wide imports for Dinas users. */
export async function listSubmissions(
  db: DatabaseClient,
  options: {
    scope: AreaScope;
    ownerId?: number;
    includeProvinceWide: boolean;
    status?: string;
    limit: number;
    offset: number;
  },
): Promise<{ submissions: SubmissionView[]; total: number }> {
  const { scope, ownerId, includeProvinceWide, status, limit, offset } = options;
  const visible = (eb: ExpressionBuilder<Database, 'intake_submission'>) => {
    const conditions = [];
    if (ownerId !== undefined) conditions.push(eb('intake_submission.submitted_by', '=', ownerId));
    else {
      const inArea = inAreaScope(
        { areaCode: scope.areaCode, rw: null },
        eb.ref('intake_submission.kelurahan_code'),
      );
      conditions.push(
        includeProvinceWide ? eb.or([inArea, eb('intake_submission.kelurahan_code', 'is', null)]) : inArea,
      );
    }
    if (status) conditions.push(eb('intake_submission.status', '=', status));
    return eb.and(conditions);
  };
  const { total } = await db
    .selectFrom('intake_submission')
    .where(visible)
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirstOrThrow();
  const ids = await db
    .selectFrom('intake_submission')
    .where(visible)
    .select('id')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  if (ids.length === 0) return { submissions: [], total };
  const submissions = (await submissionQuery(db)
    .where(
      's.id',
      'in',
      ids.map((row) => row.id),
    )
    .orderBy('s.id', 'desc')
    .execute()) as SubmissionView[];
  return { submissions, total };
}

export async function findSubmission(db: DatabaseClient, id: number): Promise<SubmissionView | undefined> {
  return (await submissionQuery(db).where('s.id', '=', id).executeTakeFirst()) as SubmissionView | undefined;
}

export type RowFilter = 'all' | 'rejected' | 'warnings' | 'pending' | 'forwarded' | 'returned';

/** An intake row with its submitted cells parsed back into an object. */
export type IntakeRowRecord = Omit<IntakeRowRow, 'raw'> & { raw: Record<string, string> };

// Rows of a bulk import keep their cells as an array keyed by the submission's columns; others an object.
function withParsedRaw<T extends { raw: string }>(
  row: T,
  rawColumns: RawColumns | null,
): Omit<T, 'raw'> & { raw: Record<string, string> } {
  return { ...row, raw: submittedCells(row.raw, rawColumns) };
}

export async function listSubmissionRows(
  db: DatabaseClient,
  {
    submissionId,
    filter,
    limit,
    offset,
  }: { submissionId: number; filter: RowFilter; limit: number; offset: number },
): Promise<{ rows: (IntakeRowRecord & { household_id: number | null })[]; total: number }> {
  let base = db.selectFrom('intake_row as i').where('i.submission_id', '=', submissionId);
  if (filter === 'rejected') base = base.where('i.validation', '=', 'rejected');
  if (filter === 'warnings')
    base = base.where('i.validation', '=', 'accepted').where(sql<boolean>`i.problems <> '[]'::jsonb`);
  if (filter === 'pending' || filter === 'forwarded' || filter === 'returned')
    base = base.where('i.review', '=', filter);
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin('household as h', (join) =>
      join
        .onRef('h.kk_number', '=', 'i.kk_number')
        .onRef('h.kelurahan_code', '=', 'i.kelurahan_code')
        .onRef('h.rw', '=', 'i.rw')
        .onRef('h.rt', '=', 'i.rt'),
    )
    .selectAll('i')
    .select(sql<number | null>`case when i.review = 'forwarded' then h.id end`.as('household_id'))
    .orderBy('i.row_number')
    .limit(limit)
    .offset(offset)
    .execute();
  const rawColumns = rows.length > 0 ? await submissionRawColumns(db, submissionId) : null;
  return { rows: rows.map((row) => withParsedRaw(row, rawColumns)), total };
}

export async function findSubmissionRow(
  db: DatabaseClient,
  submissionId: number,
  rowNumber: number,
): Promise<IntakeRowRecord | undefined> {
  const row = await db
    .selectFrom('intake_row')
    .selectAll()
    .where('submission_id', '=', submissionId)
    .where('row_number', '=', rowNumber)
    .executeTakeFirst();
  return row ? withParsedRaw(row, await submissionRawColumns(db, submissionId)) : undefined;
}

export async function replaceSubmissionRow(
  db: DatabaseClient,
  row: Omit<IntakeRowRecord, 'reviewed_by' | 'reviewed_at' | 'review_reason' | 'review'> & { review: string },
): Promise<void> {
  await db
    .updateTable('intake_row')
    .set({ ...row, raw: JSON.stringify(row.raw), problems: JSON.stringify(row.problems) })
    .where('submission_id', '=', row.submission_id)
    .where('row_number', '=', row.row_number)
    .execute();
}

export async function markSubmissionApplied(db: DatabaseClient, submissionId: number): Promise<void> {
  await db
    .updateTable('intake_submission')
    .set({ applied_at: sql`now()` })
    .where('id', '=', submissionId)
    .execute();
}

export async function countProblemsByCode(
  db: DatabaseClient,
  submissionId: number,
): Promise<{ field: string; code: string; severity: string; count: number }[]> {
  const result = await sql<{ field: string; code: string; severity: string; count: number }>`
    select p->>'field' as field, p->>'code' as code, p->>'severity' as severity, count(*)::int as count
    from intake_row, jsonb_array_elements(problems) p
    where submission_id = ${submissionId} and problems <> '[]'::jsonb
    group by 1, 2, 3
    order by count desc`.execute(db);
  return result.rows;
}

/** Work waiting for review among the submissions a user sees. */
export async function summariseIntakeBacklog(
  db: DatabaseClient,
  {
    scope,
    ownerId,
    includeProvinceWide,
  }: { scope: AreaScope; ownerId?: number; includeProvinceWide: boolean },
): Promise<{ submissionsInReview: number; rowsRejected: number; rowsPending: number }> {
  const inArea = inAreaScope(scope, sql.ref('s.kelurahan_code'));
  const visible =
    ownerId !== undefined
      ? sql`s.submitted_by = ${ownerId}`
      : includeProvinceWide
        ? sql`(${inArea} or s.kelurahan_code is null)`
        : inArea;
  const result = await sql<{ in_review: number; rejected: number; pending: number }>`
    select count(*)::int as in_review,
           coalesce(sum(s.pending_count), 0)::int as pending,
           coalesce(sum((select count(*) from intake_row i
                         where i.submission_id = s.id and i.validation = 'rejected' and i.review = 'pending')), 0)::int
             as rejected
    from intake_submission s
    where s.status = 'in_review' and ${visible}`.execute(db);
  const counts = result.rows[0];
  return {
    submissionsInReview: counts.in_review,
    rowsRejected: counts.rejected,
    rowsPending: counts.pending,
  };
}
