import type { DatabaseClient } from '../db/database.ts';
import { createUser } from './create-user.ts';
import { generateReadablePassword } from './passwords.ts';
import type { Role } from './roles.ts';
import { SYSTEM_ACTOR } from './session-user.ts';
import { findUserByUsername, listRolesInUse } from './user-repository.ts';

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

/** Creates one demo user for each role that has no user yet; returns only the new ones, with their passwords. */
export async function seedDemoUsers({ db }: { db: DatabaseClient }): Promise<DemoUser[]> {
  const rolesInUse = new Set(await listRolesInUse(db));
  const created: DemoUser[] = [];
  for (const demo of DEMO_USERS) {
    if (rolesInUse.has(demo.role) || (await findUserByUsername(db, demo.username))) continue;
    const password = generateReadablePassword();
    await createUser({ db, actor: SYSTEM_ACTOR, input: { ...demo, password } });
    created.push({
      username: demo.username,
      role: demo.role,
      password,
      area: demo.areaRw ? `${demo.areaCode} RW ${demo.areaRw}` : demo.areaCode,
      areaCode: demo.areaCode,
      areaRw: demo.areaRw ?? null,
    });
  }
  return created;
}
