import { type Kysely, sql } from 'kysely';

/**
 * Lists of deaths from the civil registry (Dukcapil) and every row of each, with what became of it: recorded on a
 * registry member, already recorded, no member with that NIK, a name that does not agree, or rejected.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table death_report (
      id bigint generated always as identity primary key,
      file_name text not null,
      file_sha256 text not null,
      -- What a member's death_source says: the list it was learnt from.
      source text not null,
      -- The area the importer may change ('' for the whole registry): the same list may come again for another.
      area_code text not null default '',
      imported_by text not null,
      imported_at timestamptz not null default now(),
      row_count integer not null default 0,
      recorded_count integer not null default 0,
      already_recorded_count integer not null default 0,
      not_found_count integer not null default 0,
      name_mismatch_count integer not null default 0,
      rejected_count integer not null default 0
    )`.execute(db);
  await sql`create unique index death_report_file on death_report (file_sha256, area_code)`.execute(db);
  await sql`
    create table death_report_row (
      report_id bigint not null references death_report (id),
      row_number integer not null,
      nik text,
      full_name text,
      death_date date,
      ref text,
      -- recorded | already_recorded | not_found | name_mismatch | before_birth | rejected
      outcome text not null,
      problems jsonb not null default '[]',
      raw jsonb,
      member_ids bigint[],
      primary key (report_id, row_number)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists death_report_row, death_report`.execute(db);
}
