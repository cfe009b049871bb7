import { recordAudit } from '../audit/record-audit.ts';
import type { DatabaseClient } from '../db/database.ts';
import { badRequest } from '../http/http-error.ts';
import { findPasswordProblem, hashPassword, verifyPassword } from './passwords.ts';
import { deleteUserSessions } from './session-repository.ts';
import { actorOf, type SessionUser } from './session-user.ts';
import { findUserById, setUserPasswordHash } from './user-repository.ts';
import { withinTransaction } from './within-transaction.ts';

/**
 * A signed-in user replaces their own password after giving the current one. Their other sessions end (a
 * password changed because it leaked must lock out whoever used it); the one that asked stays signed in.
 */
export async function changeOwnPassword({
  db,
  user,
  currentPassword,
  newPassword,
  sessionTokenHash,
}: {
  db: DatabaseClient;
  user: SessionUser;
  currentPassword: string;
  newPassword: string;
  sessionTokenHash: string | undefined;
}): Promise<void> {
  const row = await findUserById(db, user.id);
  if (!row || !(await verifyPassword(row.password_hash, currentPassword)))
    throw badRequest('current_password_wrong', {
      en: 'The current password is not correct',
      id: 'Kata sandi saat ini tidak benar',
    });
  const problem = findPasswordProblem(newPassword);
  if (problem) throw badRequest('password_too_weak', problem);
  if (newPassword === currentPassword)
    throw badRequest('password_unchanged', {
      en: 'The new password is the same as the current one',
      id: 'Kata sandi baru sama dengan kata sandi saat ini',
    });
  const passwordHash = await hashPassword(newPassword);
  await withinTransaction(db, async (transaction) => {
    await setUserPasswordHash(transaction, user.id, passwordHash);
    await deleteUserSessions(transaction, user.id, { exceptTokenHash: sessionTokenHash });
    await recordAudit({
      db: transaction,
      actor: actorOf(user),
      action: 'user.password_change',
      entityType: 'user',
      entityId: user.id,
      areaCode: user.areaCode,
    });
  });
}
