import { type Kysely, sql } from 'kysely';

/**
 * Each index on the registry costs a B-tree write per row of a million-family import. A family is its
 * listing (KK, kelurahan, RW, RT) and a member its (KK, family, member key): those become the primary
 * keys; ids stay for references and URLs, looked up through these keys or a plain index. All keys
 * start with kk_number, the distribution column on Citus (which cannot enforce a unique id alone).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table household drop constraint household_pkey`.execute(db);
  await sql`drop index household_listing`.execute(db);
  await sql`alter table household add constraint household_pkey primary key (kk_number, kelurahan_code, rw, rt)`.execute(
    db,
  );
  await sql`drop index household_id`.execute(db);
  await sql`create index household_id on household (id)`.execute(db);
  await sql`alter table household_member drop constraint household_member_pkey`.execute(db);
  await sql`drop index household_member_identity`.execute(db);
  await sql`
    alter table household_member add constraint household_member_pkey primary key (kk_number, household_id, member_key)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table household_member drop constraint household_member_pkey`.execute(db);
  await sql`alter table household_member add primary key (kk_number, id)`.execute(db);
  await sql`create unique index household_member_identity on household_member (kk_number, household_id, member_key)`.execute(
    db,
  );
  await sql`drop index household_id`.execute(db);
  await sql`create unique index household_id on household (id)`.execute(db);
  await sql`alter table household drop constraint household_pkey`.execute(db);
  await sql`alter table household add primary key (kk_number, id)`.execute(db);
  await sql`create unique index household_listing on household (kk_number, kelurahan_code, rw, rt)`.execute(
    db,
  );
}
