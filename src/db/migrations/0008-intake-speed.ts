import { type Kysely, sql } from 'kysely';

/**
 * Measured on a 353k-row import: the submitted cells, stored as a JSON object keyed by header on every
 * row, were more than half the bytes COPY wrote into intake_row and half its time. A bulk import now
 * stores each row's cells as a JSON array and, once on the submission, the key of each column and
 * whether its empty cells are kept; rows written before, and corrected rows, keep the object form.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table intake_submission add column raw_columns jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table intake_submission drop column raw_columns`.execute(db);
}
