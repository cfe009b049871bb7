import { type Kysely, sql } from 'kysely';

/**
 * Whether this database holds the demo: `npm start` loads it only into an empty database, records here when it
 * began and when it was finished, and lists demo users only where this row exists. At most one row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table demo_marker (
      only_row boolean primary key default true check (only_row),
      -- Names this demo's entry in the data folder's demo-users.json.
      demo_id text not null,
      started_at timestamptz not null default now(),
      -- null while the demo is being loaded, or when its loading was interrupted
      finished_at timestamptz
    )`.execute(db);
  // A database that got the demo before this table existed: its families came from the 'demo' actor.
  await sql`
    insert into demo_marker (demo_id, started_at, finished_at)
    select 'legacy', min(occurred_at), min(occurred_at) from audit_log
    where actor_username = 'demo' and action = 'intake.submit'
    having count(*) > 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table demo_marker`.execute(db);
}
