import type { SessionUser } from '../auth/session-user.ts';
import { scopeOf } from '../auth/user-scope.ts';
import type { DatabaseClient } from '../db/database.ts';
import { summariseIntakeBacklog } from '../intake/intake-repository.ts';
import { submissionVisibility } from '../intake/submission-access.ts';
import { summariseRegistry } from './household-repository.ts';

/** The figures of a home page: families and members in the user's area, and intake waiting for review. */
export async function summariseArea({ db, user }: { db: DatabaseClient; user: SessionUser }) {
  const scope = scopeOf(user);
  const [registry, backlog] = await Promise.all([
    summariseRegistry(db, scope),
    summariseIntakeBacklog(db, submissionVisibility(user)),
  ]);
  return { households: registry.households, members: registry.members, ...backlog };
}
