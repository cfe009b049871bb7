import { type Expression, type SqlBool, sql } from 'kysely';
import type pg from 'pg';
import { inAreaScope } from '../auth/area-scope-sql.ts';
import { copyLinesInto } from '../db/copy-rows.ts';
import type { DatabaseClient } from '../db/database.ts';
import type { IntakeRowRow, IntakeSubmissionRow } from '../db/schema.ts';
import { INTAKE_ROW_COPY_COLUMNS } from './intake-row-line.ts';
import type { AreaCounts, SubmissionCounts } from './row-counts.ts';
import type { RowProblem } from './row-problem.ts';
import type { SubmissionVisibility } from './submission-access.ts';
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
  // After repeats: a head rejected as a repeat leaves its family waiting too.
  await sql`drop table if exists inconsistent_family`.execute(db);
  await sql`
    create temp table inconsistent_family on commit drop as
    select kk_number, kelurahan_code, rw, rt, count(*) filter (where relationship = 'head') as heads
    from ${rows}
    where submission_id = ${submissionId} and kk_number is not null ${onlyFamilies}
    group by kk_number, kelurahan_code, rw, rt
    having count(*) filter (where relationship = 'head') <> 1
        or count(*) filter (where relationship = 'head' and validation = 'rejected') > 0`.execute(db);
  await sql`analyze inconsistent_family`.execute(db);
  const familyRows = await sql<{ row_number: number }>`
    update ${rows} r
    set validation = 'rejected',
        review = 'pending',
        problems = r.problems || jsonb_build_array(jsonb_build_object(
          'field', 'family',
          'code', case when f.heads = 0 then 'family_no_head'
                       when f.heads > 1 then 'family_two_heads'
                       else 'family_head_rejected' end,
          'severity', 'error',
          'params', jsonb_build_object('kkNumber', f.kk_number, 'heads', f.heads)))
    from inconsistent_family f
    where r.submission_id = ${submissionId}
      and r.kk_number = f.kk_number
      and r.kelurahan_code is not distinct from f.kelurahan_code
      and r.rw is not distinct from f.rw
      and r.rt is not distinct from f.rt
      -- A head rejected for its own faults keeps just those; the rest of the family waits for it.
      and not (f.heads = 1 and r.relationship = 'head')
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
  const locked = await sql<{ kelurahan_code: string | null }>`
    select kelurahan_code from intake_submission where id = ${submissionId} for update`.execute(db);
  // An import's rows are counted by kelurahan in the same single pass, for readers of one area.
  const counts =
    locked.rows[0]?.kelurahan_code === null
      ? await storeImportAreaCounts(db, submissionId)
      : await countSubmissionRows(db, { submissionId });
  await storeSubmissionCounts(db, { submissionId, counts, status });
}

/**
 * Counts an import's rows by kelurahan into intake_import_area_count (see 0014), replacing the earlier
 * counts, and returns their totals.
 */
async function storeImportAreaCounts(db: DatabaseClient, submissionId: number): Promise<SubmissionCounts> {
  await sql`delete from intake_import_area_count where submission_id = ${submissionId}`.execute(db);
  await sql`
    insert into intake_import_area_count (submission_id, kelurahan_code, row_count, accepted_count, rejected_count,
      warning_count, pending_count, forwarded_count, returned_count, rejected_pending_count)
    select ${submissionId}, kelurahan_code,
           count(*),
           count(*) filter (where validation = 'accepted'),
           count(*) filter (where validation = 'rejected'),
           count(*) filter (where validation = 'accepted' and problems <> '[]'::jsonb),
           count(*) filter (where review = 'pending'),
           count(*) filter (where review = 'forwarded'),
           count(*) filter (where review = 'returned'),
           count(*) filter (where validation = 'rejected' and review = 'pending')
    from intake_row where submission_id = ${submissionId}
    group by kelurahan_code`.execute(db);
  const totals = await sql<SubmissionCounts>`
    select coalesce(sum(row_count), 0)::int as total,
           coalesce(sum(accepted_count), 0)::int as accepted,
           coalesce(sum(rejected_count), 0)::int as rejected,
           coalesce(sum(warning_count), 0)::int as warnings,
           coalesce(sum(pending_count), 0)::int as pending,
           coalesce(sum(forwarded_count), 0)::int as forwarded,
           coalesce(sum(returned_count), 0)::int as returned
    from intake_import_area_count where submission_id = ${submissionId}`.execute(db);
  return totals.rows[0];
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

/**
 * Stores a submission's counts counted as its rows were validated; it is reviewed once no row waits, unless a
 * status is given. An import's counts by kelurahan are stored as counted too (given), else counted in one pass
 * over its rows (3.5M rows: about 2-3 s).
 */
export async function writeSubmissionCounts(
  db: DatabaseClient,
  {
    submissionId,
    counts,
    areaCounts,
    status,
  }: {
    submissionId: number;
    counts: SubmissionCounts;
    areaCounts?: Map<string | null, AreaCounts>;
    status?: string;
  },
): Promise<void> {
  const submission = await sql<{ kelurahan_code: string | null }>`
    select kelurahan_code from intake_submission where id = ${submissionId}`.execute(db);
  if (submission.rows[0]?.kelurahan_code === null) {
    if (areaCounts) await insertImportAreaCounts(db, submissionId, areaCounts);
    else await storeImportAreaCounts(db, submissionId);
  }
  await storeSubmissionCounts(db, { submissionId, counts, status });
}

async function insertImportAreaCounts(
  db: DatabaseClient,
  submissionId: number,
  areaCounts: Map<string | null, AreaCounts>,
): Promise<void> {
  const areas = [...areaCounts].filter(([, counts]) => counts.total > 0);
  const column = (pick: (counts: AreaCounts) => number) => areas.map(([, counts]) => pick(counts));
  await sql`delete from intake_import_area_count where submission_id = ${submissionId}`.execute(db);
  await sql`
    insert into intake_import_area_count (submission_id, kelurahan_code, row_count, accepted_count, rejected_count,
      warning_count, pending_count, forwarded_count, returned_count, rejected_pending_count)
    select ${submissionId}, * from unnest(
      ${areas.map(([code]) => code)}::text[], ${column((counts) => counts.total)}::int[],
      ${column((counts) => counts.accepted)}::int[], ${column((counts) => counts.rejected)}::int[],
      ${column((counts) => counts.warnings)}::int[], ${column((counts) => counts.pending)}::int[],
      ${column((counts) => counts.forwarded)}::int[], ${column((counts) => counts.returned)}::int[],
      ${column((counts) => counts.rejectedPending)}::int[])`.execute(db);
}

/** countSubmissionRows of some families, by the rows' kelurahan (null for rows naming none). */
export async function countSubmissionRowsByArea(
  db: DatabaseClient,
  { submissionId, table, kkNumbers }: { submissionId: number; table: string; kkNumbers: string[] },
): Promise<Map<string | null, AreaCounts>> {
  const counted = await sql<AreaCounts & { kelurahan_code: string | null }>`
    select kelurahan_code,
           count(*)::int as total,
           count(*) filter (where validation = 'accepted')::int as accepted,
           count(*) filter (where validation = 'rejected')::int as rejected,
           count(*) filter (where validation = 'accepted' and problems <> '[]'::jsonb)::int as warnings,
           count(*) filter (where review = 'pending')::int as pending,
           count(*) filter (where review = 'forwarded')::int as forwarded,
           count(*) filter (where review = 'returned')::int as returned,
           count(*) filter (where validation = 'rejected' and review = 'pending')::int as "rejectedPending"
    from ${sql.table(table)} where submission_id = ${submissionId} and kk_number = any(${kkNumbers})
    group by kelurahan_code`.execute(db);
  return new Map(counted.rows.map(({ kelurahan_code, ...counts }) => [kelurahan_code, counts]));
}

async function storeSubmissionCounts(
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

/** Keeps the rows (alias i) whose own kelurahan lies in the area; every row when no area is given. */
function rowInArea(rowArea: string | undefined): Expression<SqlBool> {
  return rowArea === undefined
    ? sql<SqlBool>`true`
    : inAreaScope({ areaCode: rowArea, rw: null }, sql.ref('i.kelurahan_code'));
}

/** A row as forwarding or returning left it, with its kelurahan for the audit log. */
export interface ReviewedRow {
  row_number: number;
  kelurahan_code: string | null;
}

export async function forwardAcceptedRows(
  db: DatabaseClient,
  options: { submissionId: number; reviewerId: number | null; rowNumbers?: number[]; rowArea?: string },
): Promise<number[]> {
  return (await forwardAcceptedRowsOfArea(db, options)).map((row) => row.row_number);
}

/** Forwards accepted pending rows (some, or all of them), only those inside rowArea when it is given. */
export async function forwardAcceptedRowsOfArea(
  db: DatabaseClient,
  {
    submissionId,
    reviewerId,
    rowNumbers,
    rowArea,
  }: { submissionId: number; reviewerId: number | null; rowNumbers?: number[]; rowArea?: string },
): Promise<ReviewedRow[]> {
  let query = db
    .updateTable('intake_row as i')
    .set({ review: 'forwarded', reviewed_by: reviewerId, reviewed_at: sql`now()`, review_reason: null })
    .where('i.submission_id', '=', submissionId)
    .where('i.validation', '=', 'accepted')
    .where('i.review', '=', 'pending')
    .where(rowInArea(rowArea));
  if (rowNumbers) query = query.where('i.row_number', 'in', rowNumbers.length > 0 ? rowNumbers : [-1]);
  return query.returning(['i.row_number', 'i.kelurahan_code']).execute();
}

export interface HeadlessFamily {
  kk_number: string;
  kelurahan_code: string | null;
  rw: string | null;
  rt: string | null;
}

/**
 * Families of these forwarded rows that would reach the registry without a head: none of their rows forwarded
 * (now or before) is the head, and the registry does not hold the family already.
 */
export async function findFamiliesForwardedWithoutHead(
  db: DatabaseClient,
  { submissionId, rowNumbers }: { submissionId: number; rowNumbers: number[] },
): Promise<HeadlessFamily[]> {
  const result = await sql<HeadlessFamily>`
    with family as (
      select distinct kk_number, kelurahan_code, rw, rt
      from intake_row
      where submission_id = ${submissionId} and row_number = any(${rowNumbers}::int[]) and kk_number is not null
    )
    select f.kk_number, f.kelurahan_code, f.rw, f.rt
    from family f
    where not exists (
        select 1 from intake_row r
        where r.submission_id = ${submissionId} and r.kk_number = f.kk_number
          and r.kelurahan_code is not distinct from f.kelurahan_code and r.rw is not distinct from f.rw
          and r.rt is not distinct from f.rt and r.relationship = 'head' and r.review = 'forwarded')
      and not exists (
        select 1 from household h
        where h.kk_number = f.kk_number and h.kelurahan_code = f.kelurahan_code and h.rw = f.rw and h.rt = f.rt)
    order by f.kk_number
    limit 20`.execute(db);
  return result.rows;
}

export async function returnRows(
  db: DatabaseClient,
  {
    submissionId,
    reviewerId,
    rows,
    rowArea,
  }: {
    submissionId: number;
    reviewerId: number | null;
    rows: { rowNumber: number; reason: string }[];
    rowArea?: string;
  },
): Promise<ReviewedRow[]> {
  if (rows.length === 0) return [];
  const result = await sql<ReviewedRow>`
    update intake_row i
    set review = 'returned', review_reason = d.reason, reviewed_by = ${reviewerId}, reviewed_at = now()
    from unnest(${rows.map((row) => row.rowNumber)}::int[], ${rows.map((row) => row.reason)}::text[]) as d(row_number, reason)
    where i.submission_id = ${submissionId} and i.row_number = d.row_number and i.review = 'pending'
      and ${rowInArea(rowArea)}
    returning i.row_number, i.kelurahan_code`.execute(db);
  return result.rows;
}

/** Which of some rows of a submission exist (inside rowArea when it is given). */
export async function findRowNumbers(
  db: DatabaseClient,
  { submissionId, rowNumbers, rowArea }: { submissionId: number; rowNumbers: number[]; rowArea?: string },
): Promise<Set<number>> {
  if (rowNumbers.length === 0) return new Set();
  const result = await sql<{ row_number: number }>`
    select i.row_number from intake_row i
    where i.submission_id = ${submissionId} and i.row_number = any(${rowNumbers}::int[]) and ${rowInArea(rowArea)}`.execute(
    db,
  );
  return new Set(result.rows.map((row) => row.row_number));
}

export interface SubmissionView extends IntakeSubmissionRow {
  kelurahan_name: string | null;
  submitter_username: string | null;
  submitter_full_name: string | null;
  /** Accepted rows still waiting; counted when one submission is read (see withAcceptedPendingCount). */
  accepted_pending_count?: number;
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

/**
 * The condition keeping the submissions (alias s) a user sees: their own for RT/RW heads; else those of
 * kelurahan in their area, and imports (no kelurahan) all of them or, for a narrower reader, those with rows
 * in their area.
 */
function visibleTo({ scope, ownerId, importArea }: SubmissionVisibility): Expression<SqlBool> {
  if (ownerId !== undefined) return sql<SqlBool>`s.submitted_by = ${ownerId}`;
  const labelled = sql<SqlBool>`(s.kelurahan_code is not null and ${inAreaScope(
    { areaCode: scope.areaCode, rw: null },
    sql.ref('s.kelurahan_code'),
  )})`;
  if (importArea === null) return labelled;
  if (importArea === '') return sql<SqlBool>`(${labelled} or s.kelurahan_code is null)`;
  return sql<SqlBool>`(${labelled} or (s.kelurahan_code is null and exists (
    select 1 from intake_import_area_count a
    where a.submission_id = s.id and a.row_count > 0
      and ${inAreaScope({ areaCode: importArea, rw: null }, sql.ref('a.kelurahan_code'))})))`;
}

/** For a reader of one area, an import's counts are those of its rows in that area (see 0014). */
async function withAreaCounts(
  db: DatabaseClient,
  submissions: SubmissionView[],
  importArea: string | null,
): Promise<SubmissionView[]> {
  const imports = submissions.filter((submission) => submission.kelurahan_code === null);
  if (!importArea || imports.length === 0) return submissions;
  const result = await sql<{ submission_id: number } & AreaCountColumns>`
    select submission_id::int as submission_id,
           sum(row_count)::int as row_count,
           sum(accepted_count)::int as accepted_count,
           sum(rejected_count)::int as rejected_count,
           sum(warning_count)::int as warning_count,
           sum(pending_count)::int as pending_count,
           sum(forwarded_count)::int as forwarded_count,
           sum(returned_count)::int as returned_count
    from intake_import_area_count
    where submission_id = any(${imports.map((submission) => submission.id)}::bigint[])
      and ${inAreaScope({ areaCode: importArea, rw: null }, sql.ref('kelurahan_code'))}
    group by submission_id`.execute(db);
  const counts = new Map(result.rows.map(({ submission_id, ...columns }) => [submission_id, columns]));
  return submissions.map((submission) =>
    submission.kelurahan_code === null
      ? { ...submission, ...(counts.get(Number(submission.id)) ?? NO_ROWS) }
      : submission,
  );
}

type AreaCountColumns = Pick<
  SubmissionView,
  | 'row_count'
  | 'accepted_count'
  | 'rejected_count'
  | 'warning_count'
  | 'pending_count'
  | 'forwarded_count'
  | 'returned_count'
>;

const NO_ROWS: AreaCountColumns = {
  row_count: 0,
  accepted_count: 0,
  rejected_count: 0,
  warning_count: 0,
  pending_count: 0,
  forwarded_count: 0,
  returned_count: 0,
};

/** The submissions a user sees (see visibleTo), newest first, an import counted by the rows they read. */
export async function listSubmissions(
  db: DatabaseClient,
  options: SubmissionVisibility & {
    status?: string;
    withReturnedRows?: boolean;
    limit: number;
    offset: number;
  },
): Promise<{ submissions: SubmissionView[]; total: number }> {
  const { status, withReturnedRows, limit, offset } = options;
  let visible = db.selectFrom('intake_submission as s').where(visibleTo(options));
  if (status) visible = visible.where('s.status', '=', status);
  if (withReturnedRows) visible = visible.where('s.returned_count', '>', 0);
  const { total } = await visible.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const ids = await visible.select('s.id').orderBy('s.id', 'desc').limit(limit).offset(offset).execute();
  if (ids.length === 0) return { submissions: [], total };
  const submissions = (await submissionQuery(db)
    .where(
      's.id',
      'in',
      ids.map((row) => row.id),
    )
    .orderBy('s.id', 'desc')
    .execute()) as SubmissionView[];
  return { submissions: await withAreaCounts(db, submissions, options.importArea), total };
}

/** A submission whatever the reader: for the system's own work, or once a reader's access is settled. */
export async function findSubmission(db: DatabaseClient, id: number): Promise<SubmissionView | undefined> {
  const submission = (await submissionQuery(db).where('s.id', '=', id).executeTakeFirst()) as
    | SubmissionView
    | undefined;
  return submission && withAcceptedPendingCount(db, submission, null);
}

/** A submission the user sees (see visibleTo), an import counted by the rows they read; else undefined. */
export async function findVisibleSubmission(
  db: DatabaseClient,
  { id, visibility }: { id: number; visibility: SubmissionVisibility },
): Promise<SubmissionView | undefined> {
  const submission = (await submissionQuery(db)
    .where('s.id', '=', id)
    .where(visibleTo(visibility))
    .executeTakeFirst()) as SubmissionView | undefined;
  if (!submission) return undefined;
  const [counted] = await withAreaCounts(db, [submission], visibility.importArea);
  return withAcceptedPendingCount(db, counted, visibility.importArea);
}

/**
 * The submission with its accepted rows still waiting, those "forward all" takes (returned and forwarded rows
 * left out); an import's from its counts by kelurahan, of the reader's area when given.
 */
async function withAcceptedPendingCount(
  db: DatabaseClient,
  submission: SubmissionView,
  importArea: string | null,
): Promise<SubmissionView> {
  const result =
    submission.kelurahan_code === null
      ? await sql<{ count: number }>`
          select coalesce(sum(pending_count - rejected_pending_count), 0)::int as count
          from intake_import_area_count
          where submission_id = ${submission.id}
            and ${importArea ? inAreaScope({ areaCode: importArea, rw: null }, sql.ref('kelurahan_code')) : sql`true`}`.execute(
          db,
        )
      : await sql<{ count: number }>`
          select count(*)::int as count from intake_row
          where submission_id = ${submission.id} and validation = 'accepted' and review = 'pending'`.execute(
          db,
        );
  return { ...submission, accepted_pending_count: result.rows[0].count };
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

const AREA_COUNT_OF_FILTER: Record<RowFilter, string> = {
  all: 'row_count',
  rejected: 'rejected_count',
  warnings: 'warning_count',
  pending: 'pending_count',
  forwarded: 'forwarded_count',
  returned: 'returned_count',
};

/** A page of a submission's rows; given rowArea (imports), only those whose own kelurahan lies in it. */
export async function listSubmissionRows(
  db: DatabaseClient,
  {
    submissionId,
    filter,
    limit,
    offset,
    rowArea,
  }: { submissionId: number; filter: RowFilter; limit: number; offset: number; rowArea?: string },
): Promise<{ rows: (IntakeRowRecord & { household_id: number | null })[]; total: number }> {
  let base = db
    .selectFrom('intake_row as i')
    .where('i.submission_id', '=', submissionId)
    .where(rowInArea(rowArea));
  if (filter === 'rejected') base = base.where('i.validation', '=', 'rejected');
  if (filter === 'warnings')
    base = base.where('i.validation', '=', 'accepted').where(sql<boolean>`i.problems <> '[]'::jsonb`);
  if (filter === 'pending' || filter === 'forwarded' || filter === 'returned')
    base = base.where('i.review', '=', filter);
  // An area's share of an import is counted from its counts by kelurahan: counting it here reads every row.
  const total =
    rowArea === undefined
      ? (await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow()).total
      : await countImportRowsInArea(db, { submissionId, rowArea, column: AREA_COUNT_OF_FILTER[filter] });
  if (total === 0) return { rows: [], total };
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

async function countImportRowsInArea(
  db: DatabaseClient,
  { submissionId, rowArea, column }: { submissionId: number; rowArea: string; column: string },
): Promise<number> {
  const result = await sql<{ total: number }>`
    select coalesce(sum(${sql.ref(column)}), 0)::int as total from intake_import_area_count
    where submission_id = ${submissionId}
      and ${inAreaScope({ areaCode: rowArea, rw: null }, sql.ref('kelurahan_code'))}`.execute(db);
  return result.rows[0].total;
}

/** One row of a submission; undefined when it does not exist or, rowArea given, lies outside that area. */
export async function findSubmissionRow(
  db: DatabaseClient,
  submissionId: number,
  rowNumber: number,
  rowArea?: string,
): Promise<IntakeRowRecord | undefined> {
  const row = await db
    .selectFrom('intake_row as i')
    .selectAll('i')
    .where('i.submission_id', '=', submissionId)
    .where('i.row_number', '=', rowNumber)
    .where(rowInArea(rowArea))
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

/**
 * Work waiting for review among the submissions a user sees; of an import, the rows of the reader's area only
 * (a submission counts when some of those wait).
 */
export async function summariseIntakeBacklog(
  db: DatabaseClient,
  visibility: SubmissionVisibility,
): Promise<{ submissionsInReview: number; rowsRejected: number; rowsPending: number }> {
  const labelled = await sql<{ in_review: number; rejected: number; pending: number }>`
    select count(*)::int as in_review,
           coalesce(sum(s.pending_count), 0)::int as pending,
           coalesce(sum((select count(*) from intake_row i
                         where i.submission_id = s.id and i.validation = 'rejected' and i.review = 'pending')), 0)::int
             as rejected
    from intake_submission s
    where s.status = 'in_review' and ${visibleTo({ ...visibility, importArea: null })}`.execute(db);
  const counts = { ...labelled.rows[0] };
  if (visibility.ownerId === undefined && visibility.importArea !== null) {
    const imports = await sql<{ in_review: number; rejected: number; pending: number }>`
      select count(*) filter (where a.pending_count > 0)::int as in_review,
             coalesce(sum(a.pending_count), 0)::int as pending,
             coalesce(sum(a.rejected_pending_count), 0)::int as rejected
      from intake_submission s
      cross join lateral (
        select sum(pending_count) as pending_count, sum(rejected_pending_count) as rejected_pending_count
        from intake_import_area_count
        where submission_id = s.id
          and ${inAreaScope({ areaCode: visibility.importArea, rw: null }, sql.ref('kelurahan_code'))}
      ) a
      where s.status = 'in_review' and s.kelurahan_code is null`.execute(db);
    const fromImports = imports.rows[0];
    counts.in_review += fromImports.in_review;
    counts.pending += fromImports.pending;
    counts.rejected += fromImports.rejected;
  }
  return {
    submissionsInReview: counts.in_review,
    rowsRejected: counts.rejected,
    rowsPending: counts.pending,
  };
}
