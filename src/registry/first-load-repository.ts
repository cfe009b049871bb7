import { sql } from 'kysely';
import type pg from 'pg';
import { copyLinesInto, copyValue } from '../db/copy-rows.ts';
import type { DatabaseClient } from '../db/database.ts';
import {
  FIRST_LOAD_HOUSEHOLD_COLUMNS,
  FIRST_LOAD_MEMBER_COLUMNS,
  type FirstLoadCounts,
  FirstLoadLines,
} from './first-load-lines.ts';
import type { FirstLoadSpill } from './first-load-spill.ts';
import { MEMBER_KEY } from './member-key.ts';

/**
 * Whether a large import should keep its intake lines for a first load (see FirstLoadLines): the registry is
 * empty, and this server makes member keys as FirstLoadLines does (ASCII lowercased alike, ISO dates).
 */
export async function firstLoadLikely(db: DatabaseClient): Promise<boolean> {
  const result = await sql<{ likely: boolean }>`
    select not exists (select 1 from household) and not exists (select 1 from household_member)
           and lower('ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'abcdefghijklmnopqrstuvwxyz'
           and '2001-02-03'::date::text = '2001-02-03' as likely`.execute(db);
  return result.rows[0]?.likely === true;
}

/**
 * Brings a large import's accepted rows into an empty registry by COPY. Its intake lines, kept as the file was
 * read, are numbered in Node (FirstLoadLines) while PostgreSQL takes in the member lines. Measured at a
 * million families this replaces the grouping and INSERT … SELECT statements of the arrival (see the README). The
 * caller holds the arrival turn and the registry tables' exclusive lock, and has emptied them in this
 * transaction (hence FREEZE).
 */
export async function loadEmptyRegistry(
  client: pg.PoolClient,
  db: DatabaseClient,
  {
    submissionId,
    table,
    source,
    rejectedRows,
    freeze,
  }: {
    submissionId: number;
    table: string;
    source: FirstLoadSpill;
    /** Rows the family checks rejected after their lines were written. */
    rejectedRows: ReadonlySet<number>;
    freeze: boolean;
  },
): Promise<FirstLoadCounts> {
  const first = await sql<{ household: string; member: string }>`
    select nextval('household_id_seq')::text as household, nextval('household_member_id_seq')::text as member`.execute(
    db,
  );
  const memberChunks: Buffer[] = [];
  const builder = new FirstLoadLines({
    submissionId,
    firstHouseholdId: Number(first.rows[0]?.household),
    firstMemberId: Number(first.rows[0]?.member),
    onMemberLines: (chunk) => memberChunks.push(chunk),
    skipRows: rejectedRows,
    memberKeys: await memberKeysOfRows(db, { submissionId, table, rowNumbers: source.keyRows }),
  });
  let counts: FirstLoadCounts | undefined;
  async function* memberLines(): AsyncGenerator<Buffer> {
    for await (const chunk of source.read()) {
      builder.push(chunk);
      yield* memberChunks.splice(0);
    }
    counts = builder.end();
    yield* memberChunks.splice(0);
  }
  await copyLinesInto({
    client,
    table: 'household_member',
    columns: FIRST_LOAD_MEMBER_COLUMNS,
    lines: memberLines(),
    freeze,
  });
  if (!counts) throw new Error('First load: the member lines ended early');
  await copyLinesInto({
    client,
    table: 'household',
    columns: FIRST_LOAD_HOUSEHOLD_COLUMNS,
    lines: builder.households(),
    freeze,
  });
  // Ids given here are not drawn from the sequences one by one: they go on after the last.
  if (counts.lastHouseholdId !== null) {
    await sql`select setval('household_id_seq', ${counts.lastHouseholdId})`.execute(db);
  }
  if (counts.lastMemberId !== null) {
    await sql`select setval('household_member_id_seq', ${counts.lastMemberId})`.execute(db);
  }
  return counts;
}

/** Member keys of rows whose names only PostgreSQL lowercases as the arrival statements do, as COPY text. */
async function memberKeysOfRows(
  db: DatabaseClient,
  { submissionId, table, rowNumbers }: { submissionId: number; table: string; rowNumbers: number[] },
): Promise<Map<number, string>> {
  if (rowNumbers.length === 0) return new Map();
  const result = await sql<{ row_number: number; member_key: string | null }>`
    select row_number, ${MEMBER_KEY} as member_key from ${sql.table(table)}
    where submission_id = ${submissionId} and row_number = any(${rowNumbers}::int[])`.execute(db);
  // In the lines' form: UTF-8 bytes read as latin1 (see FirstLoadLines).
  return new Map(
    result.rows.map((row) => [
      row.row_number,
      Buffer.from(copyValue(row.member_key), 'utf8').toString('latin1'),
    ]),
  );
}
