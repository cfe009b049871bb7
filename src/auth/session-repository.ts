import type { DatabaseClient } from '../db/database.ts';
import type { AppUserRow } from '../db/schema.ts';

export async function insertSession(
  db: DatabaseClient,
  session: { tokenHash: string; userId: number; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('user_session')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** The user of an unexpired session, active or not; the caller decides what an inactive user may do. */
export async function findSessionUser(
  db: DatabaseClient,
  tokenHash: string,
  now: Date,
): Promise<AppUserRow | undefined> {
  return db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .selectAll('app_user')
    .where('user_session.token_hash', '=', tokenHash)
    .where('user_session.expires_at', '>', now)
    .executeTakeFirst();
}

export async function deleteSession(db: DatabaseClient, tokenHash: string): Promise<number | undefined> {
  const row = await db
    .deleteFrom('user_session')
    .where('token_hash', '=', tokenHash)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}

/** Ends the user's sessions, all but the one given (the browser that asked, still signed in). */
export async function deleteUserSessions(
  db: DatabaseClient,
  userId: number,
  { exceptTokenHash }: { exceptTokenHash?: string } = {},
): Promise<void> {
  let query = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (exceptTokenHash !== undefined) query = query.where('token_hash', '<>', exceptTokenHash);
  await query.execute();
}

export async function deleteExpiredUserSessions(
  db: DatabaseClient,
  userId: number,
  now: Date,
): Promise<void> {
  await db.deleteFrom('user_session').where('user_id', '=', userId).where('expires_at', '<=', now).execute();
}
