// The verification export: one CSV row per registry person of a run, written by PostgreSQL's COPY.
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { DatabaseClient } from '../../db/database.ts';
import { databaseUrlOf } from '../../db/database.ts';

export const exportColumns = [
  'ref',
  'nik',
  'status',
  'reasons',
  'matched_ref',
  'matched_source',
  'score',
] as const;

export async function latestCompletedRunId(db: DatabaseClient, areaCode: string): Promise<number | null> {
  const { rows } = await sql<{ id: number }>`
    select id from verification_run
    where status = 'completed' and ${areaCode} like area_code || '%'
    order by id desc limit 1`.execute(db);
  return rows[0]?.id ?? null;
}

/** Writes the run's persons to `filePath`; returns how many rows were written. */
export async function writeVerificationExport(
  db: DatabaseClient,
  { runId, filePath }: { runId: number; filePath: string },
): Promise<number> {
  if (!Number.isInteger(runId)) throw new Error('Bad run id');
  const client = new pg.Client({ connectionString: databaseUrlOf(db) });
  await client.connect();
  try {
    // ref falls back to the member id so every row can be traced back when the list gave no reference.
    const stream = client.query(
      copyTo(`copy (
        select ${spreadsheetSafe("coalesce(ref, 'member:' || member_id)")} as ref, nik, status,
          array_to_string(reasons, ';') as reasons, ${spreadsheetSafe('matched_ref')} as matched_ref, matched_source,
          round(score::numeric, 2) as score
        from verification_person where run_id = ${runId}
        order by kelurahan_code, kk_number, household_id, member_id
      ) to stdout with (format csv, header)`),
    );
    await pipeline(stream, createWriteStream(filePath));
    return Number(stream.rowCount ?? 0);
  } finally {
    await client.end();
  }
}

/**
 * References come from the lists as typed: one starting = + - @, a tab or CR would run as a formula when the file is
 * opened in a spreadsheet, so it gets a leading single quote (as the intake's own CSV exports do).
 */
function spreadsheetSafe(expression: string): string {
  return `(case when ${expression} ~ '^[-=+@\t\r]' then '''' || ${expression} else ${expression} end)`;
}
