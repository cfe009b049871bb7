import { forbidden } from '../http/http-error.ts';
import { type AreaScope, scopeCovers, WHOLE_COUNTRY } from './area-scope.ts';
import { hasPermission } from './roles.ts';
import type { Actor, SessionUser } from './session-user.ts';
import { scopeOf } from './user-scope.ts';

/** A signed-in administrator, or the system (CLI and start-up seeding run by whoever holds the database). */
export type UserManager = SessionUser | Actor;

/** The area in which the manager may create, list and deactivate users; refuses anyone without users.manage. */
export function userManagementScope(actor: UserManager): AreaScope {
  if (!('role' in actor)) {
    if (actor.userId !== null)
      throw forbidden({
        en: 'Only administrators manage users',
        id: 'Hanya administrator yang dapat mengelola pengguna',
      });
    return WHOLE_COUNTRY;
  }
  if (!hasPermission(actor.role, 'users.manage'))
    throw forbidden({
      en: 'Only administrators manage users',
      id: 'Hanya administrator yang dapat mengelola pengguna',
    });
  return { areaCode: scopeOf(actor).areaCode, rw: null };
}

export function assertManagesArea(scope: AreaScope, areaCode: string): void {
  if (!scopeCovers(scope, areaCode))
    throw forbidden({
      en: `Area ${areaCode} lies outside your area ${scope.areaCode}`,
      id: `Wilayah ${areaCode} berada di luar wilayah Anda (${scope.areaCode})`,
    });
}
