import type { DatabaseClient } from '../db/database.ts';
import { type UserManager, userManagementScope } from './user-management-access.ts';
import { toUserSummary, type UserSummary } from './user-mapping.ts';
import { listUsersInArea } from './user-repository.ts';

/** The users placed inside the manager's area, active and inactive, by username, each with its area's name. */
export async function listUsers({
  db,
  actor,
}: {
  db: DatabaseClient;
  actor: UserManager;
}): Promise<(UserSummary & { areaName: string | null })[]> {
  const rows = await listUsersInArea(db, userManagementScope(actor));
  return rows.map((row) => ({ ...toUserSummary(row), areaName: row.area_name }));
}
