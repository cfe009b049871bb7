import type { AppUserRow } from '../db/schema.ts';
import type { Role } from './roles.ts';
import type { SessionUser } from './session-user.ts';

/** A user as administrators see them in lists. */
export interface UserSummary extends SessionUser {
  active: boolean;
  createdAt: string;
}

export function toSessionUser(row: AppUserRow): SessionUser {
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    // Roles are checked on the way in (createUser), so the stored text is always a Role.
    role: row.role as Role,
    areaCode: row.area_code,
    areaRw: row.area_rw,
  };
}

export function toUserSummary(row: AppUserRow): UserSummary {
  return { ...toSessionUser(row), active: row.active, createdAt: asDate(row.created_at).toISOString() };
}

/** Usernames are stored and looked up in lowercase, so 'Admin.DKI' and 'admin.dki' are one user. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

// pg returns timestamptz as a Date; the schema types the generated column loosely.
function asDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}
