import { recordAudit } from '../audit/record-audit.ts';
import type { DatabaseClient } from '../db/database.ts';
import { badRequest, notFound } from '../http/http-error.ts';
import { deleteUserSessions } from './session-repository.ts';
import { actorOf } from './session-user.ts';
import { assertManagesArea, type UserManager, userManagementScope } from './user-management-access.ts';
import { toUserSummary, type UserSummary } from './user-mapping.ts';
import { findUserById, setUserActive } from './user-repository.ts';
import { withinTransaction } from './within-transaction.ts';

/** Stops a user from signing in and ends their open sessions; the account stays for the audit trail. */
export async function deactivateUser({
  db,
  actor,
  userId,
}: {
  db: DatabaseClient;
  actor: UserManager;
  userId: number;
}): Promise<UserSummary> {
  const scope = userManagementScope(actor);
  const existing = await findUserById(db, userId);
  if (!existing)
    throw notFound({
      en: `There is no user with id ${userId}`,
      id: `Tidak ada pengguna dengan id ${userId}`,
    });
  assertManagesArea(scope, existing.area_code);
  // An administrator locking themselves out would leave the area without one.
  if ('role' in actor && actor.id === userId)
    throw badRequest('cannot_deactivate_self', {
      en: 'You cannot deactivate yourself',
      id: 'Anda tidak dapat menonaktifkan akun Anda sendiri',
    });
  if (!existing.active) return toUserSummary(existing);

  return withinTransaction(db, async (transaction) => {
    const updated = await setUserActive(transaction, userId, false);
    if (!updated)
      throw notFound({
        en: `There is no user with id ${userId}`,
        id: `Tidak ada pengguna dengan id ${userId}`,
      });
    await deleteUserSessions(transaction, userId);
    await recordAudit({
      db: transaction,
      actor: 'role' in actor ? actorOf(actor) : actor,
      action: 'user.deactivate',
      entityType: 'user',
      entityId: userId,
      areaCode: updated.area_code,
      before: { active: true },
      after: { active: false },
    });
    return toUserSummary(updated);
  });
}
