import { type Kysely, sql } from 'kysely';

/**
 * A row trigger never sees TRUNCATE, so a signed list's table could be emptied whole, and a trigger on the
 * partitioned table does not fire when one partition is truncated by name. Each decision table, and the partitioned
 * table itself, refuses TRUNCATE while it holds rows of a signed list; an unsigned list's table is still emptied when
 * the list is prepared again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function signed_list_refuse_truncate() returns trigger language plpgsql as $$
    declare
      signed_id bigint;
      holds_rows boolean;
    begin
      for signed_id in select id from determination where status = 'signed' loop
        execute format('select exists (select 1 from %I.%I where determination_id = $1)',
          tg_table_schema, tg_table_name) into holds_rows using signed_id;
        if holds_rows then
          raise exception 'recipient list % is signed and frozen: table % cannot be emptied', signed_id, tg_table_name;
        end if;
      end loop;
      return null;
    end $$`.execute(db);
  const tables = await sql<{ name: string }>`
    select 'eligibility_decision' as name
    union all
    select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'eligibility_decision'::regclass`.execute(db);
  for (const { name } of tables.rows) {
    await sql`
      create trigger eligibility_decision_truncate_frozen before truncate on ${sql.table(name)}
      for each statement execute function signed_list_refuse_truncate()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function signed_list_refuse_truncate() cascade`.execute(db);
}
