import type { DatabaseClient } from '../db/database.ts';
import type { AppUserRow } from '../db/schema.ts';
import type { AreaScope } from './area-scope.ts';
import { inAreaScope } from './area-scope-sql.ts';
import type { Role } from './roles.ts';

export interface NewUserRecord {
  username: string;
  fullName: string;
  passwordHash: string;
  role: Role;
  areaCode: string;
  areaRw: string | null;
  createdBy: number | null;
}

export async function insertUser(db: DatabaseClient, user: NewUserRecord): Promise<AppUserRow> {
  return db
    .insertInto('app_user')
    .values({
      username: user.username,
      full_name: user.fullName,
      password_hash: user.passwordHash,
      role: user.role,
      area_code: user.areaCode,
      area_rw: user.areaRw,
      created_by: user.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findUserByUsername(
  db: DatabaseClient,
  username: string,
): Promise<AppUserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: DatabaseClient, id: number): Promise<AppUserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Users whose own area lies inside the scope, with the area's name; the RW part of the scope is not applied to users. */
export async function listUsersInArea(
  db: DatabaseClient,
  scope: AreaScope,
): Promise<(AppUserRow & { area_name: string | null })[]> {
  return db
    .selectFrom('app_user as u')
    .leftJoin('region as r', 'r.code', 'u.area_code')
    .selectAll('u')
    .select('r.name as area_name')
    .where((eb) => inAreaScope({ areaCode: scope.areaCode, rw: null }, eb.ref('u.area_code')))
    .orderBy('u.username')
    .execute();
}

export async function listRolesInUse(db: DatabaseClient): Promise<string[]> {
  const rows = await db.selectFrom('app_user').select('role').distinct().execute();
  return rows.map((row) => row.role);
}

export async function setUserPasswordHash(
  db: DatabaseClient,
  id: number,
  passwordHash: string,
): Promise<AppUserRow | undefined> {
  return db
    .updateTable('app_user')
    .set({ password_hash: passwordHash })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function setUserActive(
  db: DatabaseClient,
  id: number,
  active: boolean,
): Promise<AppUserRow | undefined> {
  return db.updateTable('app_user').set({ active }).where('id', '=', id).returningAll().executeTakeFirst();
}
