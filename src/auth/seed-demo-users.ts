import type { DatabaseClient } from '../db/database.ts';
import { createUser } from './create-user.ts';
import { generateReadablePassword, verifyPassword } from './passwords.ts';
import type { Role } from './roles.ts';
import { SYSTEM_ACTOR } from './session-user.ts';
import { findUserByUsername } from './user-repository.ts';

export interface DemoUser {
  username: string;
  role: Role;
  password: string;
  /** Human-readable area, e.g. '31.74.01.1001 RW 001'. */
  area: string;
  areaCode: string;
  areaRw: string | null;
}

const TEBET_TIMUR = '31.74.01.1001';
/** The demo's RT/RW head (RW 001 Tebet Timur), whose list waits for review in the demo. */
export const DEMO_NEIGHBOURHOOD_HEAD = 'rt.tebettimur';
const JAKARTA_SELATAN = '31.74';
const DKI_JAKARTA = '31';

const DEMO_USERS: { username: string; fullName: string; role: Role; areaCode: string; areaRw?: string }[] = [
  {
    username: DEMO_NEIGHBOURHOOD_HEAD,
    fullName: 'Ketua RW 001 Tebet Timur',
    role: 'rt_rw_head',
    areaCode: TEBET_TIMUR,
    areaRw: '001',
  },
  {
    username: 'operator.tebettimur',
    fullName: 'Operator Kelurahan Tebet Timur',
    role: 'kelurahan_operator',
    areaCode: TEBET_TIMUR,
  },
  {
    username: 'verifier.jaksel',
    fullName: 'Verifikator Jakarta Selatan',
    role: 'verifier',
    areaCode: JAKARTA_SELATAN,
  },
  {
    username: 'approver.jaksel',
    fullName: 'Penyetuju Jakarta Selatan',
    role: 'approver',
    areaCode: JAKARTA_SELATAN,
  },
  {
    username: 'bank.jaksel',
    fullName: 'Petugas Bank Jakarta Selatan',
    role: 'bank_officer',
    areaCode: JAKARTA_SELATAN,
  },
  {
    username: 'site.jaksel',
    fullName: 'Petugas Lokasi Jakarta Selatan',
    role: 'site_officer',
    areaCode: JAKARTA_SELATAN,
  },
  {
    username: 'complaint.jaksel',
    fullName: 'Petugas Aduan Jakarta Selatan',
    role: 'complaint_officer',
    areaCode: JAKARTA_SELATAN,
  },
  { username: 'auditor.dki', fullName: 'Auditor DKI Jakarta', role: 'auditor', areaCode: DKI_JAKARTA },
  {
    username: 'admin.dki',
    fullName: 'Administrator DKI Jakarta',
    role: 'administrator',
    areaCode: DKI_JAKARTA,
  },
];

/** The demo's users, one per role; created only in the demo's own database (see src/demo/seed-demo.ts). */
export const DEMO_USERNAMES: readonly string[] = DEMO_USERS.map((demo) => demo.username);

/** Every demo user with the password remembered for it, or a new one: written down before the users are created. */
export function planDemoUsers(remembered: ReadonlyMap<string, string>): DemoUser[] {
  return DEMO_USERS.map((demo) => ({
    username: demo.username,
    role: demo.role,
    password: remembered.get(demo.username) ?? generateReadablePassword(),
    area: areaLabel(demo),
    areaCode: demo.areaCode,
    areaRw: demo.areaRw ?? null,
  }));
}

/**
 * Creates each demo user that does not exist yet, with the password given for it (or a new one); returns only
 * the new ones, with their passwords. Never called on a database that does not hold the demo.
 */
export async function seedDemoUsers({
  db,
  passwords = new Map(),
}: {
  db: DatabaseClient;
  passwords?: ReadonlyMap<string, string>;
}): Promise<DemoUser[]> {
  const created: DemoUser[] = [];
  for (const demo of DEMO_USERS) {
    if (await findUserByUsername(db, demo.username)) continue;
    const password = passwords.get(demo.username) ?? generateReadablePassword();
    await createUser({ db, actor: SYSTEM_ACTOR, input: { ...demo, password } });
    created.push({
      username: demo.username,
      role: demo.role,
      password,
      area: areaLabel(demo),
      areaCode: demo.areaCode,
      areaRw: demo.areaRw ?? null,
    });
  }
  return created;
}

export interface DemoUserListing {
  username: string;
  role: Role;
  area: string;
  /** The password the demo gave, only when it still signs in. */
  password: string | null;
  /** 'changed': the remembered password no longer signs in; 'unknown': none is remembered here. */
  status: 'signs_in' | 'changed' | 'unknown' | 'deactivated';
}

/** The demo users that exist, each with its remembered password when (and only when) that still signs in. */
export async function listDemoUsers({
  db,
  passwords,
}: {
  db: DatabaseClient;
  passwords: ReadonlyMap<string, string>;
}): Promise<DemoUserListing[]> {
  const listings = await Promise.all(
    DEMO_USERS.map(async (demo): Promise<DemoUserListing | null> => {
      const user = await findUserByUsername(db, demo.username);
      if (!user) return null;
      const listing = { username: user.username, role: user.role as Role, area: areaLabel(demo) };
      if (!user.active) return { ...listing, password: null, status: 'deactivated' };
      const remembered = passwords.get(demo.username);
      if (remembered === undefined) return { ...listing, password: null, status: 'unknown' };
      // Checked against the stored hash: a password changed or reset since is never printed as if it worked.
      return (await verifyPassword(user.password_hash, remembered))
        ? { ...listing, password: remembered, status: 'signs_in' }
        : { ...listing, password: null, status: 'changed' };
    }),
  );
  return listings.filter((listing) => listing !== null);
}

function areaLabel(demo: { areaCode: string; areaRw?: string }): string {
  return demo.areaRw ? `${demo.areaCode} RW ${demo.areaRw}` : demo.areaCode;
}
