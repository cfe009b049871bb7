// Who may act on the list of which kota: the permission, and an area covering the whole kota.
import { scopeCovers } from '../auth/area-scope.ts';
import { hasPermission, type Permission } from '../auth/roles.ts';
import type { SessionUser } from '../auth/session-user.ts';
import { scopeOf } from '../auth/user-scope.ts';
import { forbidden } from '../http/http-error.ts';

export function assertMayActOnKota(user: SessionUser, permission: Permission, kotaCode: string): void {
  if (!hasPermission(user.role, permission))
    throw forbidden({
      en: `Your role (${user.role}) does not have the permission ${permission}`,
      id: `Peran Anda (${user.role}) tidak memiliki izin ${permission}`,
    });
  if (!scopeCovers(scopeOf(user), kotaCode))
    throw forbidden({
      en: `Kota ${kotaCode} is outside your area (${user.areaCode || 'whole country'})`,
      id: `Kota ${kotaCode} berada di luar wilayah Anda (${user.areaCode || 'seluruh negeri'})`,
    });
}

export function assertPermission(user: SessionUser, permission: Permission): void {
  if (!hasPermission(user.role, permission))
    throw forbidden({
      en: `Your role (${user.role}) does not have the permission ${permission}`,
      id: `Peran Anda (${user.role}) tidak memiliki izin ${permission}`,
    });
}

/** A kota code is two dotted levels under a province, e.g. 31.74. */
export const KOTA_CODE_PATTERN = /^\d{2}\.\d{2}$/;

/** The families a kota's list decides: the kota's, or only the programme's part of it (a kecamatan programme). */
export function decidedAreaOf(programmeArea: string, kotaCode: string): string {
  return programmeArea.startsWith(`${kotaCode}.`) ? programmeArea : kotaCode;
}
