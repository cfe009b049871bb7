import type { SessionUser } from '../auth/session-user.ts';
import { scopeOf } from '../auth/user-scope.ts';
import type { DatabaseClient } from '../db/database.ts';
import { notFound } from '../http/http-error.ts';
import { findHouseholdInScope } from './household-repository.ts';

/** A family the user's area covers; any other is "not found", so its existence is not given away. */
export async function requireHouseholdInScope({
  db,
  user,
  householdId,
  lock = false,
}: {
  db: DatabaseClient;
  user: SessionUser;
  householdId: number;
  /** Lock the family's row until the caller's transaction ends (for an edit). */
  lock?: boolean;
}) {
  const household = await findHouseholdInScope(db, { id: householdId, scope: scopeOf(user), lock });
  if (!household)
    throw notFound({
      en: 'Family not found or outside your area',
      id: 'Keluarga tidak ditemukan atau berada di luar wilayah Anda',
    });
  return household;
}
