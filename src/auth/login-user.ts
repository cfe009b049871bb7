import { recordAudit } from '../audit/record-audit.ts';
import type { DatabaseClient } from '../db/database.ts';
import { HttpError } from '../http/http-error.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { deleteExpiredUserSessions, insertSession } from './session-repository.ts';
import { createSessionToken, SESSION_LIFETIME_MILLISECONDS } from './session-token.ts';
import { actorOf, type SessionUser } from './session-user.ts';
import { normalizeUsername, toSessionUser } from './user-mapping.ts';
import { findUserByUsername } from './user-repository.ts';

export const INVALID_CREDENTIALS_MESSAGE = 'Username or password is incorrect';

export function invalidCredentials(): HttpError {
  return new HttpError(401, 'invalid_credentials', {
    en: INVALID_CREDENTIALS_MESSAGE,
    id: 'Nama pengguna atau kata sandi salah',
  });
}

// Verifying against this hash when the user is unknown makes both failures take about as long.
let dummyHash: Promise<string> | undefined;
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('tepat-dummy-password-for-timing');
  return dummyHash;
}

/**
 * Checks the password and opens a 12-hour session; unknown user, wrong password and inactive user look alike.
 * A failure on an existing account is audited; on an unknown username nothing is, since what was typed there
 * is sometimes a password put in the wrong box.
 */
export async function loginUser({
  db,
  username,
  password,
  address,
  now = new Date(),
}: {
  db: DatabaseClient;
  username: string;
  password: string;
  /** The client's IP address, kept with a failed attempt as the trace of where guesses came from. */
  address?: string;
  now?: Date;
}): Promise<{ user: SessionUser; token: string; expiresAt: Date }> {
  const row = await findUserByUsername(db, normalizeUsername(username));
  const passwordMatches = await verifyPassword(row?.password_hash ?? (await dummyPasswordHash()), password);
  if (!row) throw invalidCredentials();
  if (!passwordMatches || !row.active) {
    // No actor id: nobody proved who they are; the username says which account was tried.
    await recordAudit({
      db,
      actor: { userId: null, username: row.username },
      action: 'user.login_failed',
      entityType: 'user',
      entityId: row.id,
      areaCode: row.area_code,
      detail: { reason: passwordMatches ? 'inactive' : 'wrong_password', address: address ?? null },
    });
    throw invalidCredentials();
  }

  const user = toSessionUser(row);
  const { token, tokenHash } = createSessionToken();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MILLISECONDS);
  // Each sign-in sweeps that user's old sessions, so the table stays small without a scheduled job.
  await deleteExpiredUserSessions(db, user.id, now);
  await insertSession(db, { tokenHash, userId: user.id, expiresAt });
  await recordAudit({
    db,
    actor: actorOf(user),
    action: 'user.login',
    entityType: 'user',
    entityId: user.id,
    // A sign-in belongs to the user's area, so an auditor of that area sees who signed in there.
    areaCode: user.areaCode,
  });
  return { user, token, expiresAt };
}
