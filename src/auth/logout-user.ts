import { recordAudit } from '../audit/record-audit.ts';
import type { DatabaseClient } from '../db/database.ts';
import { deleteSession } from './session-repository.ts';
import { hashSessionToken } from './session-token.ts';
import type { SessionUser } from './session-user.ts';
import { actorOf } from './session-user.ts';

/** Ends the session of this token; logging out twice or with an unknown token is harmless. */
export async function logoutUser({
  db,
  token,
  user,
}: {
  db: DatabaseClient;
  token: string | undefined;
  user?: SessionUser;
}): Promise<void> {
  if (!token) return;
  const userId = await deleteSession(db, hashSessionToken(token));
  if (userId !== undefined && user) {
    await recordAudit({
      db,
      actor: actorOf(user),
      action: 'user.logout',
      entityType: 'user',
      entityId: user.id,
      areaCode: user.areaCode,
    });
  }
}
