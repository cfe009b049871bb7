import { type Kysely, sql } from 'kysely';

/**
 * Measured on a 353k-row import: parsing `raw` as jsonb cost more than the rest of the COPY, the
 * per-row foreign-key check and the household_id index most of the member insert. `raw` is only
 * displayed, never queried, so it is kept as JSON text; members are reached by (kk_number,
 * household_id), the prefix of their identity index, and are only written by the arrival statements,
 * which insert them joined to their household.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table intake_row alter column raw type text using raw::text`.execute(db);
  await sql`alter table household_member drop constraint if exists household_member_kk_number_household_id_fkey`.execute(
    db,
  );
  await sql`drop index if exists household_member_household`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index household_member_household on household_member (household_id)`.execute(db);
  await sql`
    alter table household_member add foreign key (kk_number, household_id) references household (kk_number, id)`.execute(
    db,
  );
  await sql`alter table intake_row alter column raw type jsonb using raw::jsonb`.execute(db);
}
