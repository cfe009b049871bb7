import { type Kysely, sql } from 'kysely';

/**
 * Measured at 300k families: keeping intake_row's two indexes row by row made COPY into it twice as slow as
 * a raw COPY. intake_row is now partitioned by submission: a large import loads its rows into a table of its
 * own created in the same transaction (COPY FREEZE), builds the indexes once over the loaded rows and attaches
 * the table as the partition of its submission. Small submissions, the web form and every row stored before
 * go into the default partition, as before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table intake_row rename to intake_row_default`.execute(db);
  await sql`alter index intake_row_pkey rename to intake_row_default_pkey`.execute(db);
  await sql`alter index intake_row_kk rename to intake_row_default_kk`.execute(db);
  // The same columns, defaults and NOT NULLs as the table renamed above, whatever earlier migrations made them.
  await sql`
    create table intake_row (
      like intake_row_default including defaults including constraints,
      primary key (submission_id, row_number)
    ) partition by list (submission_id)`.execute(db);
  await sql`create index intake_row_kk on intake_row (submission_id, kk_number)`.execute(db);
  await sql`alter table intake_row attach partition intake_row_default default`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const partitions = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'intake_row'::regclass and c.relname <> 'intake_row_default'`.execute(db);
  await sql`alter table intake_row detach partition intake_row_default`.execute(db);
  for (const { name } of partitions.rows) {
    await sql`insert into intake_row_default select * from ${sql.table(name)}`.execute(db);
  }
  await sql`drop table intake_row`.execute(db);
  for (const { name } of partitions.rows) await sql`drop table if exists ${sql.table(name)}`.execute(db);
  await sql`alter table intake_row_default rename to intake_row`.execute(db);
  await sql`alter index intake_row_default_pkey rename to intake_row_pkey`.execute(db);
  await sql`alter index intake_row_default_kk rename to intake_row_kk`.execute(db);
}
