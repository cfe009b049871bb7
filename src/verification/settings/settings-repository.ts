import { sql } from 'kysely';
import type { DatabaseClient } from '../../db/database.ts';

export async function findThresholdSetting(db: DatabaseClient) {
  return db
    .selectFrom('verification_setting as s')
    .leftJoin('app_user as u', 'u.id', 's.updated_by')
    .select([
      's.match_threshold',
      's.review_threshold',
      's.updated_at',
      'u.username as updated_by_username',
      'u.full_name as updated_by_name',
    ])
    .where('s.id', '=', 1)
    .executeTakeFirst();
}

export async function saveThresholdSetting(
  db: DatabaseClient,
  { match, review, updatedBy }: { match: number; review: number; updatedBy: number },
): Promise<void> {
  const values = {
    id: 1,
    match_threshold: match,
    review_threshold: review,
    updated_by: updatedBy,
    updated_at: sql<Date>`now()`,
  };
  await db
    .insertInto('verification_setting')
    .values(values)
    .onConflict((conflict) => conflict.column('id').doUpdateSet(values))
    .execute();
}
