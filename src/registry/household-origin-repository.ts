import type { DatabaseClient } from '../db/database.ts';

/** The submission a family first arrived through, with who sent it: its origin on the family's page. */
export async function findHouseholdOrigin(db: DatabaseClient, submissionId: number) {
  return db
    .selectFrom('intake_submission as s')
    .leftJoin('app_user as u', 'u.id', 's.submitted_by')
    .select(['s.id', 's.channel', 's.file_name', 's.submitted_at', 'u.username', 'u.full_name'])
    .where('s.id', '=', submissionId)
    .executeTakeFirst();
}
