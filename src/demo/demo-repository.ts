import { sql } from 'kysely';
import type { DatabaseClient } from '../db/database.ts';

export interface DemoMarker {
  demoId: string;
  startedAt: Date;
  /** null while the demo is being loaded, or when its loading was interrupted. */
  finishedAt: Date | null;
}

/** The demo this database holds, or null when it holds none (see migration 0016). */
export async function findDemoMarker(db: DatabaseClient): Promise<DemoMarker | null> {
  const { rows } = await sql<{ demo_id: string; started_at: Date; finished_at: Date | null }>`
    select demo_id, started_at, finished_at from demo_marker`.execute(db);
  const row = rows[0];
  return row ? { demoId: row.demo_id, startedAt: row.started_at, finishedAt: row.finished_at } : null;
}

/**
 * Records that the demo begins in this database, only when it holds no family, submission or user (one
 * statement, so two starts cannot both claim it); false when the database is not empty or holds a demo already.
 */
export async function claimEmptyDatabaseForDemo(db: DatabaseClient, demoId: string): Promise<boolean> {
  const { rows } = await sql<{ demo_id: string }>`
    insert into demo_marker (demo_id)
    select ${demoId}
    where not exists (select from household)
      and not exists (select from intake_submission)
      and not exists (select from app_user)
    on conflict do nothing
    returning demo_id`.execute(db);
  return rows.length === 1;
}

export async function markDemoFinished(db: DatabaseClient): Promise<void> {
  await sql`update demo_marker set finished_at = now() where finished_at is null`.execute(db);
}

export async function countHouseholds(db: DatabaseClient): Promise<number> {
  const { rows } = await sql<{ households: number }>`
    select count(*)::int as households from household`.execute(db);
  return rows[0].households;
}

export async function countKelurahanWithoutCentre(db: DatabaseClient, provinceCode: string): Promise<number> {
  const { rows } = await sql<{ missing: number }>`
    select count(*)::int as missing from region
    where level = 4 and code like ${`${provinceCode}.%`} and latitude is null`.execute(db);
  return rows[0].missing;
}

export async function listKelurahanCodes(db: DatabaseClient, kotaCode: string): Promise<string[]> {
  const { rows } = await sql<{ code: string }>`
    select code from region where level = 4 and code like ${`${kotaCode}.%`} and not retired order by code`.execute(
    db,
  );
  return rows.map((row) => row.code);
}

export async function hasCompletedVerificationRun(db: DatabaseClient): Promise<boolean> {
  const { rows } = await sql<{ completed: boolean }>`
    select exists (select from verification_run where status = 'completed') as completed`.execute(db);
  return rows[0].completed;
}
