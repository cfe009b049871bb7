import { sql } from 'kysely';
import type pg from 'pg';
import { copyLinesInto } from '../../db/copy-rows.ts';
import type { DatabaseClient } from '../../db/database.ts';

export const MINISTRY_PERSON_COPY_COLUMNS = [
  'list_id',
  'row_number',
  'nik',
  'kk_number',
  'full_name',
  'birth_date',
  'region_code',
  'ref',
  'validation',
  'problems',
  'raw',
] as const;

export async function insertMinistryList(
  db: DatabaseClient,
  list: { programme: string; period: string; fileName: string; fileSha256: string; importedBy: string },
): Promise<number> {
  const row = await db
    .insertInto('ministry_list')
    .values({
      programme: list.programme,
      period: list.period,
      file_name: list.fileName,
      file_sha256: list.fileSha256,
      imported_by: list.importedBy,
      status: 'loading',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Each list is its own partition: a later list for the same period replaces it by dropping it whole.
  await sql`create table ${sql.table(partitionName(row.id))} partition of ministry_person for values in (${sql.lit(row.id)})`.execute(
    db,
  );
  return row.id;
}

function partitionName(listId: number): string {
  return `ministry_person_${listId}`;
}

export async function copyMinistryPersons(
  client: pg.PoolClient,
  lines: AsyncIterable<string>,
): Promise<void> {
  await copyLinesInto({ client, table: 'ministry_person', columns: MINISTRY_PERSON_COPY_COLUMNS, lines });
}

export async function findActiveMinistryList(
  db: DatabaseClient,
  { programme, period }: { programme: string; period: string },
) {
  return db
    .selectFrom('ministry_list')
    .selectAll()
    .where('programme', '=', programme)
    .where('period', '=', period)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

/** Makes a loaded list the active one of its programme and period, dropping the rows of the list it replaces. */
export async function activateMinistryList(
  db: DatabaseClient,
  { listId, replacing }: { listId: number; replacing: number | undefined },
): Promise<void> {
  if (replacing !== undefined) {
    await db
      .updateTable('ministry_list')
      .set({ status: 'replaced', replaced_at: sql`now()` })
      .where('id', '=', replacing)
      .execute();
    await sql`drop table if exists ${sql.table(partitionName(replacing))}`.execute(db);
  }
  await sql`
    update ministry_list l set status = 'active',
      row_count = c.total, accepted_count = c.accepted, rejected_count = c.total - c.accepted
    from (
      select count(*)::int as total, count(*) filter (where validation = 'accepted')::int as accepted
      from ministry_person where list_id = ${listId}
    ) c
    where l.id = ${listId}`.execute(db);
}

export async function countMinistryProblems(db: DatabaseClient, listId: number) {
  const result = await sql<{ field: string; code: string; count: number }>`
    select p->>'field' as field, p->>'code' as code, count(*)::int as count
    from ministry_person, jsonb_array_elements(problems) p
    where list_id = ${listId} and problems <> '[]'::jsonb
    group by 1, 2 order by count desc`.execute(db);
  return result.rows;
}

export async function findMinistryList(db: DatabaseClient, listId: number) {
  return db.selectFrom('ministry_list').selectAll().where('id', '=', listId).executeTakeFirst();
}
