import type { DatabaseClient } from '../db/database.ts';
import { findSessionUser } from './session-repository.ts';
import { hashSessionToken } from './session-token.ts';
import type { SessionUser } from './session-user.ts';
import { toSessionUser } from './user-mapping.ts';

/** The signed-in user of a session token, or undefined when it is unknown, expired or the user is inactive. */
export async function resolveSession({
  db,
  token,
  now = new Date(),
}: {
  db: DatabaseClient;
  token: string | undefined;
  now?: Date;
}): Promise<SessionUser | undefined> {
  if (!token) return undefined;
  const row = await findSessionUser(db, hashSessionToken(token), now);
  if (!row?.active) return undefined;
  return toSessionUser(row);
}
