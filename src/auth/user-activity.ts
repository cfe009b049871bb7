import { recordAudit } from '../audit/record-audit.ts';
import type { DatabaseClient } from '../db/database.ts';
import { badRequest, notFound } from '../http/http-error.ts';
import { deleteUserSessions } from './session-repository.ts';
import { actorOf } from './session-user.ts';
import { assertManagesArea, type UserManager, userManagementScope } from './user-management-access.ts';
import { toUserSummary, type UserSummary } from './user-mapping.ts';
import { findUserById, setUserActive } from './user-repository.ts';
import { withinTransaction } from './within-transaction.ts';

interface UserActivityOptions {
  db: DatabaseClient;
  actor: UserManager;
  userId: number;
}

/** Stops a user from signing in and ends their open sessions; the account stays for the audit trail. */
export async function deactivateUser(options: UserActivityOptions): Promise<UserSummary> {
  return setActivity(options, false);
}

/** Lets a deactivated user sign in again, with the password they had (reset it if that is why they were stopped). */
export async function activateUser(options: UserActivityOptions): Promise<UserSummary> {
  return setActivity(options, true);
}

async function setActivity(
  { db, actor, userId }: UserActivityOptions,
  active: boolean,
): Promise<UserSummary> {
  const scope = userManagementScope(actor);
  const existing = await findUserById(db, userId);
  if (!existing) throw noSuchUser(userId);
  assertManagesArea(scope, existing.area_code);
  // An administrator locking themselves out would leave the area without one.
  if (!active && 'role' in actor && actor.id === userId)
    throw badRequest('cannot_deactivate_self', {
      en: 'You cannot deactivate yourself',
      id: 'Anda tidak dapat menonaktifkan akun Anda sendiri',
    });
  if (existing.active === active) return toUserSummary(existing);

  return withinTransaction(db, async (transaction) => {
    const updated = await setUserActive(transaction, userId, active);
    if (!updated) throw noSuchUser(userId);
    if (!active) await deleteUserSessions(transaction, userId);
    await recordAudit({
      db: transaction,
      actor: 'role' in actor ? actorOf(actor) : actor,
      action: active ? 'user.activate' : 'user.deactivate',
      entityType: 'user',
      entityId: userId,
      areaCode: updated.area_code,
      before: { active: !active },
      after: { active },
    });
    return toUserSummary(updated);
  });
}

function noSuchUser(userId: number) {
  return notFound({ en: `There is no user with id ${userId}`, id: `Tidak ada pengguna dengan id ${userId}` });
}
