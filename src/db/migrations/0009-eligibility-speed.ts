import { type Kysely, sql } from 'kysely';

/**
 * A recipient list is written once (a million rows for the province), read list by list and never changed after
 * signing. Measured: maintaining the two indexes row by row cost more than the rest of the COPY. Each preparation
 * now loads its lists into a table of its own, builds the indexes once over the loaded rows, and attaches the table
 * as a partition of eligibility_decision (partitioned by list). determination.decision_table names that table.
 * Lists prepared before stay where they were, attached as one partition; their decision_table stays null (a signed
 * determination cannot be changed), so one of them prepared again has its rows deleted, as before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table eligibility_decision rename to eligibility_decision_0007`.execute(db);
  await sql`alter index eligibility_decision_pkey rename to eligibility_decision_0007_pkey`.execute(db);
  await sql`alter index eligibility_decision_list rename to eligibility_decision_0007_list`.execute(db);
  await sql`drop trigger eligibility_decision_frozen on eligibility_decision_0007`.execute(db);
  await sql`
    create table eligibility_decision (
      kk_number text not null,
      determination_id bigint not null,
      household_id bigint not null,
      kelurahan_code text not null,
      rw text not null,
      rt text not null,
      decision text not null,
      reasons json not null,
      flags text[] not null default '{}',
      head_name text,
      collector_member_id bigint,
      collector_name text,
      address text,
      member_count integer not null,
      amount bigint not null,
      primary key (kk_number, determination_id, household_id)
    ) partition by list (determination_id)`.execute(db);
  await sql`create index eligibility_decision_list on eligibility_decision (determination_id, kelurahan_code, decision)`.execute(
    db,
  );
  // The trigger freezing signed lists, on every partition (present and future).
  await sql`
    create trigger eligibility_decision_frozen before update or delete on eligibility_decision
    for each row execute function signed_list_refuse_change()`.execute(db);
  await sql`alter table determination add column decision_table text`.execute(db);
  const lists = await sql<{ id: string }>`
    select distinct determination_id::text as id from eligibility_decision_0007 order by 1`.execute(db);
  if (lists.rows.length === 0) {
    await sql`drop table eligibility_decision_0007`.execute(db);
    return;
  }
  const ids = lists.rows.map((row) => BigInt(row.id).toString());
  await sql`
    alter table eligibility_decision attach partition eligibility_decision_0007
    for values in (${sql.raw(ids.join(', '))})`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table eligibility_decision rename to eligibility_decision_partitioned`.execute(db);
  await sql`alter index eligibility_decision_pkey rename to eligibility_decision_partitioned_pkey`.execute(
    db,
  );
  await sql`alter index eligibility_decision_list rename to eligibility_decision_partitioned_list`.execute(
    db,
  );
  await sql`create table eligibility_decision (like eligibility_decision_partitioned including defaults)`.execute(
    db,
  );
  await sql`alter table eligibility_decision add primary key (kk_number, determination_id, household_id)`.execute(
    db,
  );
  await sql`create index eligibility_decision_list on eligibility_decision (determination_id, kelurahan_code, decision)`.execute(
    db,
  );
  await sql`insert into eligibility_decision select * from eligibility_decision_partitioned`.execute(db);
  const partitions = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'eligibility_decision_partitioned'::regclass`.execute(db);
  await sql`drop table eligibility_decision_partitioned`.execute(db);
  for (const { name } of partitions.rows) await sql`drop table if exists ${sql.table(name)}`.execute(db);
  await sql`
    create trigger eligibility_decision_frozen before update or delete on eligibility_decision
    for each row execute function signed_list_refuse_change()`.execute(db);
  await sql`alter table determination drop column decision_table`.execute(db);
}
