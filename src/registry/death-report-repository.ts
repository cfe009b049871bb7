import { sql } from 'kysely';
import type pg from 'pg';
import type { AreaScope } from '../auth/area-scope.ts';
import { inAreaScope } from '../auth/area-scope-sql.ts';
import { copyLinesInto } from '../db/copy-rows.ts';
import type { DatabaseClient } from '../db/database.ts';

export async function findDeathReportByFile(db: DatabaseClient, fileSha256: string, areaCode: string) {
  const result = await sql<{ id: number }>`
    select id from death_report where file_sha256 = ${fileSha256} and area_code = ${areaCode}`.execute(db);
  return result.rows[0];
}

export async function insertDeathReport(
  db: DatabaseClient,
  report: { fileName: string; fileSha256: string; source: string; areaCode: string; importedBy: string },
): Promise<number> {
  const result = await sql<{ id: number }>`
    insert into death_report (file_name, file_sha256, source, area_code, imported_by)
    values (${report.fileName}, ${report.fileSha256}, ${report.source}, ${report.areaCode}, ${report.importedBy})
    returning id`.execute(db);
  return result.rows[0].id;
}

export const DEATH_REPORT_ROW_COPY_COLUMNS = [
  'report_id',
  'row_number',
  'nik',
  'full_name',
  'death_date',
  'ref',
  'outcome',
  'problems',
  'raw',
] as const;

export async function copyDeathReportRows(
  client: pg.PoolClient,
  lines: AsyncIterable<string>,
): Promise<void> {
  await copyLinesInto({ client, table: 'death_report_row', columns: DEATH_REPORT_ROW_COPY_COLUMNS, lines });
}

export interface DeathCandidate {
  row_number: number;
  listed_name: string;
  death_date: string;
  kk_number: string;
  household_id: number;
  member_id: number;
  member_name: string;
  birth_date: string | null;
  life_status: string;
}

/** The registry members each readable row's NIK names (a person may be listed in more than one family). */
export async function findDeathCandidates(
  db: DatabaseClient,
  reportId: number,
  scope: AreaScope,
): Promise<DeathCandidate[]> {
  const result = await sql<DeathCandidate>`
    select r.row_number, r.full_name as listed_name, r.death_date::text as death_date, m.kk_number,
           m.household_id, m.id as member_id, m.full_name as member_name, m.birth_date::text as birth_date,
           m.life_status
    from death_report_row r
    join household_member m on m.nik = r.nik
    join household h on h.kk_number = m.kk_number and h.id = m.household_id
    where r.report_id = ${reportId} and r.outcome = 'pending' and h.status <> 'merged'
      and ${inAreaScope(scope, sql.ref('h.kelurahan_code'), sql.ref('h.rw'))}
    order by r.row_number, m.id`.execute(db);
  return result.rows;
}

export interface RecordedDeath {
  kkNumber: string;
  householdId: number;
  memberId: number;
  rowNumber: number;
  deathDate: string;
}

/** Marks the members deceased and writes each change into their family's history, in two statements. */
export async function recordDeaths(
  db: DatabaseClient,
  {
    deaths,
    source,
    reason,
    userId,
  }: { deaths: RecordedDeath[]; source: string; reason: string; userId: number | null },
): Promise<void> {
  if (deaths.length === 0) return;
  const kkNumbers = deaths.map((death) => death.kkNumber);
  const memberIds = deaths.map((death) => death.memberId);
  const dates = deaths.map((death) => death.deathDate);
  await sql`
    insert into registry_change (kk_number, household_id, member_id, field, old_value, new_value, reason, changed_by)
    select m.kk_number, m.household_id, m.id, c.field, c.old_value, c.new_value, ${reason}, ${userId}
    from unnest(${kkNumbers}::text[], ${memberIds}::bigint[], ${dates}::date[]) as d(kk_number, member_id, death_date)
    join household_member m on m.kk_number = d.kk_number and m.id = d.member_id
    cross join lateral (values ('life_status', m.life_status, 'deceased'),
                               ('death_date', m.death_date::text, d.death_date::text),
                               ('death_source', m.death_source, ${source}::text)) as c(field, old_value, new_value)
    where c.old_value is distinct from c.new_value`.execute(db);
  await sql`
    update household_member m
    set life_status = 'deceased', death_date = d.death_date, death_source = ${source}, updated_at = now()
    from unnest(${kkNumbers}::text[], ${memberIds}::bigint[], ${dates}::date[]) as d(kk_number, member_id, death_date)
    where m.kk_number = d.kk_number and m.id = d.member_id`.execute(db);
}

/** What became of each row read; rows not named stay as copied (rejected) or, when pending, had no member. */
export async function settleDeathReportRows(
  db: DatabaseClient,
  reportId: number,
  outcomes: { rowNumber: number; outcome: string; memberIds: number[] }[],
): Promise<void> {
  if (outcomes.length > 0) {
    await sql`
      update death_report_row r
      set outcome = o.outcome, member_ids = o.member_ids
      from (select row_number, outcome, nullif(string_to_array(member_ids, ','), '{}')::bigint[] as member_ids
            from unnest(${outcomes.map((item) => item.rowNumber)}::int[], ${outcomes.map((item) => item.outcome)}::text[],
                        ${outcomes.map((item) => item.memberIds.join(','))}::text[]) as u(row_number, outcome, member_ids)) o
      where r.report_id = ${reportId} and r.row_number = o.row_number`.execute(db);
  }
  await sql`
    update death_report_row set outcome = 'not_found'
    where report_id = ${reportId} and outcome = 'pending'`.execute(db);
  await sql`
    update death_report d
    set row_count = c.rows, recorded_count = c.recorded, already_recorded_count = c.already,
        not_found_count = c.not_found, name_mismatch_count = c.mismatch, rejected_count = c.rejected
    from (select count(*)::int as rows,
                 count(*) filter (where outcome = 'recorded')::int as recorded,
                 count(*) filter (where outcome = 'already_recorded')::int as already,
                 count(*) filter (where outcome = 'not_found')::int as not_found,
                 count(*) filter (where outcome in ('name_mismatch', 'before_birth'))::int as mismatch,
                 count(*) filter (where outcome = 'rejected')::int as rejected
          from death_report_row where report_id = ${reportId}) c
    where d.id = ${reportId}`.execute(db);
}

export interface DeathReportSummary {
  id: number;
  row_count: number;
  recorded_count: number;
  already_recorded_count: number;
  not_found_count: number;
  name_mismatch_count: number;
  rejected_count: number;
}

export async function findDeathReport(db: DatabaseClient, reportId: number): Promise<DeathReportSummary> {
  const result = await sql<DeathReportSummary>`
    select id, row_count, recorded_count, already_recorded_count, not_found_count, name_mismatch_count,
           rejected_count
    from death_report where id = ${reportId}`.execute(db);
  return result.rows[0];
}
