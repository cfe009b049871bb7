import { recordAudit } from '../audit/record-audit.ts';
import type { DatabaseClient } from '../db/database.ts';
import { badRequest, conflict } from '../http/http-error.ts';
import { findRegion } from '../regions/region-repository.ts';
import { findPasswordProblem, hashPassword } from './passwords.ts';
import { isRole, type Role } from './roles.ts';
import type { SessionUser } from './session-user.ts';
import { actorOf } from './session-user.ts';
import { assertManagesArea, type UserManager, userManagementScope } from './user-management-access.ts';
import { normalizeUsername, toSessionUser } from './user-mapping.ts';
import { findUserByUsername, insertUser } from './user-repository.ts';
import { withinTransaction } from './within-transaction.ts';

export interface CreateUserInput {
  username: string;
  fullName: string;
  password: string;
  role: string;
  areaCode: string;
  areaRw?: string | null;
}

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const AREA_CODE_PATTERN = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;
const RW_PATTERN = /^\d{3}$/;
const KELURAHAN_CODE_LENGTH = 13;
// These roles work inside one kelurahan, so a wider area would give them other kelurahan's families.
const KELURAHAN_ROLES: readonly Role[] = ['rt_rw_head', 'kelurahan_operator'];

/** Creates a user after checking role, area and password; only administrators (or the system) may. */
export async function createUser({
  db,
  actor,
  input,
}: {
  db: DatabaseClient;
  actor: UserManager;
  input: CreateUserInput;
}): Promise<SessionUser> {
  const scope = userManagementScope(actor);
  const user = await validateNewUser(db, input);
  assertManagesArea(scope, user.areaCode);
  const passwordHash = await hashPassword(input.password);
  const createdBy = 'role' in actor ? actor.id : actor.userId;
  const auditActor = 'role' in actor ? actorOf(actor) : actor;

  return withinTransaction(db, async (transaction) => {
    const row = await insertUser(transaction, { ...user, passwordHash, createdBy }).catch(
      (error: unknown) => {
        if ((error as { code?: string }).code === '23505') throw usernameTaken(user.username);
        throw error;
      },
    );
    const created = toSessionUser(row);
    await recordAudit({
      db: transaction,
      actor: auditActor,
      action: 'user.create',
      entityType: 'user',
      entityId: created.id,
      areaCode: created.areaCode,
      after: {
        username: created.username,
        fullName: created.fullName,
        role: created.role,
        areaCode: created.areaCode,
        areaRw: created.areaRw,
      },
    });
    return created;
  });
}

async function validateNewUser(db: DatabaseClient, input: CreateUserInput) {
  const username = normalizeUsername(input.username);
  if (!USERNAME_PATTERN.test(username)) {
    throw badRequest('invalid_username', {
      en: 'The username must have 3 to 64 characters: lowercase letters, digits, dots, dashes or underscores',
      id: 'Nama pengguna harus terdiri atas 3 sampai 64 karakter: huruf kecil, angka, titik, tanda hubung, atau garis bawah',
    });
  }
  if (await findUserByUsername(db, username)) throw usernameTaken(username);
  const fullName = input.fullName.trim();
  if (fullName.length === 0 || fullName.length > 200) {
    throw badRequest('invalid_full_name', {
      en: 'The full name must have 1 to 200 characters',
      id: 'Nama lengkap harus terdiri atas 1 sampai 200 karakter',
    });
  }
  const passwordProblem = findPasswordProblem(input.password);
  if (passwordProblem) throw badRequest('weak_password', passwordProblem);
  if (!isRole(input.role))
    throw badRequest('invalid_role', {
      en: `Unknown role '${input.role}'`,
      id: `Peran '${input.role}' tidak dikenal`,
    });
  const role = input.role;

  const areaCode = input.areaCode.trim();
  if (!AREA_CODE_PATTERN.test(areaCode)) {
    throw badRequest('invalid_area', {
      en: `'${areaCode}' is not a dotted region code like 31.74 or 31.74.01.1001`,
      id: `'${areaCode}' bukan kode wilayah bertitik seperti 31.74 atau 31.74.01.1001`,
    });
  }
  const region = await findRegion(db, areaCode);
  if (!region)
    throw badRequest('unknown_area', {
      en: `There is no region with code ${areaCode}`,
      id: `Tidak ada wilayah dengan kode ${areaCode}`,
    });
  if (region.retired)
    throw badRequest('unknown_area', {
      en: `Region ${areaCode} is retired; use its successor`,
      id: `Wilayah ${areaCode} sudah tidak berlaku; gunakan wilayah penggantinya`,
    });
  if (KELURAHAN_ROLES.includes(role) && areaCode.length !== KELURAHAN_CODE_LENGTH) {
    throw badRequest('kelurahan_required', {
      en: `A ${role} must be placed in a kelurahan (a code like 31.74.01.1001)`,
      id: `Pengguna dengan peran ${role} harus ditempatkan di sebuah kelurahan (kode seperti 31.74.01.1001)`,
    });
  }

  const areaRw = input.areaRw?.trim() || null;
  if (role === 'rt_rw_head') {
    if (!areaRw)
      throw badRequest('area_rw_required', {
        en: 'An RT/RW head needs their RW (001 to 999)',
        id: 'Ketua RT/RW harus diberi nomor RW-nya (001 sampai 999)',
      });
    if (!RW_PATTERN.test(areaRw) || areaRw === '000') {
      throw badRequest('invalid_area_rw', {
        en: `'${areaRw}' is not an RW number from 001 to 999`,
        id: `'${areaRw}' bukan nomor RW dari 001 sampai 999`,
      });
    }
  } else if (areaRw) {
    throw badRequest('area_rw_not_allowed', {
      en: 'Only RT/RW heads are limited to one RW',
      id: 'Hanya ketua RT/RW yang dibatasi pada satu RW',
    });
  }
  return { username, fullName, role, areaCode, areaRw };
}

function usernameTaken(username: string) {
  return conflict('username_taken', {
    en: `The username '${username}' is already taken`,
    id: `Nama pengguna '${username}' sudah dipakai`,
  });
}
