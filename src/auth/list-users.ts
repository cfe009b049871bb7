import type { DatabaseClient } from '../db/database.ts';
import { type UserManager, userManagementScope } from './user-management-access.ts';
import { toUserSummary, type UserSummary } from './user-mapping.ts';
import { listUsersInArea } from './user-repository.ts';

/** The users placed inside the manager's area, active and inactive, by username. */
export async function listUsers({
  db,
  actor,
}: {
  db: DatabaseClient;
  actor: UserManager;
}): Promise<UserSummary[]> {
  const rows = await listUsersInArea(db, userManagementScope(actor));
  return rows.map(toUserSummary);
}
