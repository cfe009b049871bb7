import { type Kysely, sql } from 'kysely';

// Review counts are kept on the submission so listing submissions never counts millions of rows.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table intake_submission
      add column pending_count integer not null default 0,
      add column forwarded_count integer not null default 0,
      add column returned_count integer not null default 0`.execute(db);
  await sql`
    update intake_submission s set
      pending_count = c.pending, forwarded_count = c.forwarded, returned_count = c.returned
    from (
      select submission_id,
             count(*) filter (where review = 'pending')::int as pending,
             count(*) filter (where review = 'forwarded')::int as forwarded,
             count(*) filter (where review = 'returned')::int as returned
      from intake_row group by submission_id
    ) c
    where s.id = c.submission_id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table intake_submission drop column pending_count, drop column forwarded_count, drop column returned_count`.execute(
    db,
  );
}
