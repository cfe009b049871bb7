// Writing a run's results: each stage replaces its own rows in one transaction with its checkpoint.
import { sql } from 'kysely';
import { copyLinesInto } from '../../db/copy-rows.ts';
import type { DatabaseClient, RawTransaction } from '../../db/database.ts';
import { findingColumns, pairColumns } from './result-lines.ts';
import { assertAreaCode } from './verification-source-repository.ts';

/** Family-level findings, set-based: a KK listed by two RTs, no head or several, deceased or moved members. */
export async function insertFamilyFindings(
  db: DatabaseClient,
  { runId, areaCode }: { runId: number; areaCode: string },
): Promise<void> {
  const area = `${assertAreaCode(areaCode)}%`;
  await sql`
    insert into verification_finding (run_id, kk_number, household_id, member_id, kelurahan_code, code, detail)
    select ${runId}, h.kk_number, h.id, null, h.kelurahan_code, 'kk_listed_twice',
      jsonb_build_object('listings', listings.count)
    from household h
    join (
      select kk_number, count(*)::int as count from household where status = 'active'
      group by kk_number having count(*) > 1
    ) listings on listings.kk_number = h.kk_number
    where h.status = 'active' and h.kelurahan_code like ${area}`.execute(db);
  await sql`
    insert into verification_finding (run_id, kk_number, household_id, member_id, kelurahan_code, code, detail)
    select ${runId}, h.kk_number, h.id, null, h.kelurahan_code,
      case when heads.count = 0 then 'no_head' else 'several_heads' end, jsonb_build_object('heads', heads.count)
    from household h
    join (
      select kk_number, household_id, count(*) filter (where relationship = 'head')::int as count
      from household_member group by household_id, kk_number
    ) heads on heads.kk_number = h.kk_number and heads.household_id = h.id
    where h.status = 'active' and h.kelurahan_code like ${area} and heads.count <> 1`.execute(db);
  await sql`
    insert into verification_finding (run_id, kk_number, household_id, member_id, kelurahan_code, code, detail)
    select ${runId}, m.kk_number, m.household_id, m.id, h.kelurahan_code,
      case when m.life_status = 'deceased' then 'member_deceased' else 'member_moved' end,
      jsonb_strip_nulls(jsonb_build_object('deathDate', m.death_date, 'source', m.death_source, 'note', m.moved_note))
    from household_member m
    join household h on h.kk_number = m.kk_number and h.id = m.household_id
    where h.status = 'active' and h.kelurahan_code like ${area} and (m.life_status = 'deceased' or m.moved)`.execute(
    db,
  );
}

export async function deleteRunFindings(db: DatabaseClient, runId: number): Promise<void> {
  await db.deleteFrom('verification_finding').where('run_id', '=', runId).execute();
}

export async function copyFindings(transaction: RawTransaction, lines: Iterable<string>): Promise<void> {
  await copyLinesInto({
    client: transaction.client,
    table: 'verification_finding',
    columns: findingColumns,
    lines,
  });
}

/** Removes a stage's pairs before it writes them again (after a crash mid-stage nothing was committed, but a
 * stage may be re-run by hand). */
export async function deleteRunPairs(
  db: DatabaseClient,
  { runId, ministryListId }: { runId: number; ministryListId: number | null },
): Promise<void> {
  let query = db.deleteFrom('verification_pair').where('run_id', '=', runId);
  query =
    ministryListId === null
      ? query.where('kind', '=', 'registry')
      : query.where('ministry_list_id', '=', ministryListId);
  await query.execute();
}

export async function copyPairs(transaction: RawTransaction, lines: Iterable<string>): Promise<void> {
  await copyLinesInto({
    client: transaction.client,
    table: 'verification_pair',
    columns: pairColumns,
    lines,
  });
}

/** Statistics for the planner after a large write, so the status join sees the fresh rows. */
export async function analyseVerificationTables(db: DatabaseClient): Promise<void> {
  await sql`analyze verification_pair`.execute(db);
  await sql`analyze verification_finding`.execute(db);
}

export interface BandCounts {
  kind: string;
  band: string;
  pairs: number;
}

export async function countRunPairs(db: DatabaseClient, runId: number): Promise<BandCounts[]> {
  const { rows } = await sql<BandCounts>`
    select kind, band, count(*)::int as pairs from verification_pair where run_id = ${runId}
    group by kind, band order by kind, band`.execute(db);
  return rows;
}

export async function countRunStatuses(
  db: DatabaseClient,
  runId: number,
): Promise<Array<{ status: string; persons: number }>> {
  const { rows } = await sql<{ status: string; persons: number }>`
    select status, count(*)::int as persons from verification_person where run_id = ${runId}
    group by status order by status`.execute(db);
  return rows;
}
