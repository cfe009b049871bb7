import { recordAudit } from '../audit/record-audit.ts';
import type { DatabaseClient } from '../db/database.ts';
import { notFound } from '../http/http-error.ts';
import { generateReadablePassword, hashPassword } from './passwords.ts';
import { deleteUserSessions } from './session-repository.ts';
import { actorOf } from './session-user.ts';
import { assertManagesArea, type UserManager, userManagementScope } from './user-management-access.ts';
import { normalizeUsername, toUserSummary, type UserSummary } from './user-mapping.ts';
import { findUserById, findUserByUsername, setUserPasswordHash } from './user-repository.ts';
import { withinTransaction } from './within-transaction.ts';

/**
 * Gives a user who forgot their password a new generated one, shown once to the administrator who passes it on,
 * and ends the user's sessions. Only within the administrator's area; the audit log records who, not the password.
 */
export async function resetUserPassword({
  db,
  actor,
  user: target,
}: {
  db: DatabaseClient;
  actor: UserManager;
  /** The user by id (the web UI) or by username (the command line). */
  user: { id: number } | { username: string };
}): Promise<{ user: UserSummary; password: string }> {
  const scope = userManagementScope(actor);
  const existing =
    'id' in target
      ? await findUserById(db, target.id)
      : await findUserByUsername(db, normalizeUsername(target.username));
  if (!existing) {
    const named = 'id' in target ? `id ${target.id}` : `username ${target.username}`;
    throw notFound({ en: `There is no user with ${named}`, id: `Tidak ada pengguna dengan ${named}` });
  }
  assertManagesArea(scope, existing.area_code);
  const password = generateReadablePassword();
  const passwordHash = await hashPassword(password);
  return withinTransaction(db, async (transaction) => {
    const updated = (await setUserPasswordHash(transaction, existing.id, passwordHash)) ?? existing;
    await deleteUserSessions(transaction, existing.id);
    await recordAudit({
      db: transaction,
      actor: 'role' in actor ? actorOf(actor) : actor,
      action: 'user.password_reset',
      entityType: 'user',
      entityId: existing.id,
      areaCode: existing.area_code,
    });
    return { user: toUserSummary(updated), password };
  });
}
