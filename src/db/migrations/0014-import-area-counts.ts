import { type Kysely, sql } from 'kysely';

/**
 * A submission without a kelurahan (an import whose rows name their own) is read by kota and kecamatan users
 * for the rows of their area only. Its counts by kelurahan are kept here, refreshed with the submission's own
 * counts, so lists and home pages scope them without scanning millions of rows (measured at 3.5M rows: a scan
 * by area 1.1-1.3 s; grouping the recount by kelurahan costs what the recount did, 2.2-3.3 s).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table intake_import_area_count (
      submission_id bigint not null references intake_submission (id),
      -- null: rows whose kelurahan could not be read, seen by province-wide readers only
      kelurahan_code text,
      row_count integer not null,
      accepted_count integer not null,
      rejected_count integer not null,
      warning_count integer not null,
      pending_count integer not null,
      forwarded_count integer not null,
      returned_count integer not null,
      rejected_pending_count integer not null
    )`.execute(db);
  await sql`
    create index intake_import_area_count_submission
    on intake_import_area_count (submission_id, kelurahan_code text_pattern_ops)`.execute(db);
  await sql`
    insert into intake_import_area_count
    select i.submission_id, i.kelurahan_code,
           count(*),
           count(*) filter (where i.validation = 'accepted'),
           count(*) filter (where i.validation = 'rejected'),
           count(*) filter (where i.validation = 'accepted' and i.problems <> '[]'::jsonb),
           count(*) filter (where i.review = 'pending'),
           count(*) filter (where i.review = 'forwarded'),
           count(*) filter (where i.review = 'returned'),
           count(*) filter (where i.validation = 'rejected' and i.review = 'pending')
    from intake_row i join intake_submission s on s.id = i.submission_id
    where s.kelurahan_code is null
    group by i.submission_id, i.kelurahan_code`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table intake_import_area_count`.execute(db);
}
