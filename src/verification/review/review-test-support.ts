// Test rows for the review queue: registry families and a completed run with pairs, inserted directly.
import type { DatabaseClient } from '../../db/database.ts';
import { insertMinistryList } from '../ministry/ministry-list-repository.ts';

export interface TestMember {
  fullName: string;
  nik?: string | null;
  sex?: 'L' | 'P';
  birthDate?: string;
  relationship?: string;
}

export interface TestFamily {
  householdId: number;
  kkNumber: string;
  kelurahanCode: string;
  memberIds: number[];
}

export async function insertTestFamily(
  db: DatabaseClient,
  {
    kkNumber,
    kelurahanCode,
    rw = '001',
    rt = '001',
    address = 'JL. UJI 1',
    members,
  }: {
    kkNumber: string;
    kelurahanCode: string;
    rw?: string;
    rt?: string;
    address?: string;
    members: TestMember[];
  },
): Promise<TestFamily> {
  const household = await db
    .insertInto('household')
    .values({ kk_number: kkNumber, kelurahan_code: kelurahanCode, rw, rt, address, status: 'active' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const memberIds: number[] = [];
  for (const [index, member] of members.entries()) {
    const row = await db
      .insertInto('household_member')
      .values({
        kk_number: kkNumber,
        household_id: household.id,
        member_key: member.nik ?? `${member.fullName}-${index}`,
        nik: member.nik ?? null,
        full_name: member.fullName,
        sex: member.sex ?? 'L',
        birth_date: member.birthDate ?? '1980-05-05',
        relationship: member.relationship ?? (index === 0 ? 'head' : 'child'),
        marital_status: 'married',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    memberIds.push(row.id);
  }
  return { householdId: household.id, kkNumber, kelurahanCode, memberIds };
}

/** The run's stored model (as the run writes it) with λ = 0.01: a weight of log2(99) ≈ 6.63 bits is an even chance. */
export const TEST_MODEL = { model: { matchProportion: 0.01, fields: {} }, ministryLists: [] };

export async function insertCompletedRun(
  db: DatabaseClient,
  { areaCode = '31', thresholds = { match: 12, review: 4 } }: { areaCode?: string; thresholds?: object } = {},
): Promise<number> {
  const run = await db
    .insertInto('verification_run')
    .values({
      area_code: areaCode,
      status: 'completed',
      started_at: new Date(),
      finished_at: new Date(),
      stages_done: ['structure', 'model', 'registry_pairs', 'statuses'],
      progress: JSON.stringify({}),
      model: JSON.stringify(TEST_MODEL),
      thresholds: JSON.stringify(thresholds),
      figures: JSON.stringify({ pairs: 0 }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return run.id;
}

const defaultLevels = {
  name: 'jaro_winkler_094',
  nik: 'transposition',
  birthDate: 'exact',
  sex: 'agree',
  region: 'kecamatan',
  kkNumber: 'disagree',
};

const defaultExplanation = (levels: Record<string, string>) =>
  Object.entries(levels).map(([field, level]) => ({
    field,
    level,
    weight: level === 'exact' || level === 'agree' ? 3 : level === 'disagree' ? -2 : 1.5,
    ...(field === 'name' ? { termFrequencyAdjustment: -0.5 } : {}),
  }));

/** A registry pair between two members (left = the smaller member id, as the run stores it). */
export async function insertRegistryPair(
  db: DatabaseClient,
  {
    runId,
    a,
    aMember = 0,
    b,
    bMember = 0,
    weight,
    band = 'review',
    levels = defaultLevels,
  }: {
    runId: number;
    a: TestFamily;
    aMember?: number;
    b: TestFamily;
    bMember?: number;
    weight: number;
    band?: string;
    levels?: Record<string, string>;
  },
): Promise<string> {
  let left = { family: a, memberId: a.memberIds[aMember] };
  let right = { family: b, memberId: b.memberIds[bMember] };
  if (right.memberId < left.memberId) [left, right] = [right, left];
  const pairKey = `m:${left.memberId}|m:${right.memberId}`;
  await db
    .insertInto('verification_pair')
    .values({
      run_id: runId,
      kk_number: left.family.kkNumber,
      pair_key: pairKey,
      kind: 'registry',
      band,
      weight,
      left_member_id: left.memberId,
      left_household_id: left.family.householdId,
      left_kelurahan_code: left.family.kelurahanCode,
      right_member_id: right.memberId,
      right_household_id: right.family.householdId,
      right_kk_number: right.family.kkNumber,
      right_kelurahan_code: right.family.kelurahanCode,
      levels: JSON.stringify(levels),
      explanation: JSON.stringify(defaultExplanation(levels)),
    })
    .execute();
  return pairKey;
}

/** A ministry list with one row, and a pair between a registry member and that row. */
export async function insertMinistryPair(
  db: DatabaseClient,
  {
    runId,
    family,
    member = 0,
    weight,
    person,
    programme = 'PKH',
    period = '2021-07',
  }: {
    runId: number;
    family: TestFamily;
    member?: number;
    weight: number;
    person: {
      nik: string;
      kkNumber: string;
      fullName: string;
      birthDate: string;
      regionCode: string;
      ref: string;
    };
    programme?: string;
    period?: string;
  },
): Promise<string> {
  const listId = await insertMinistryList(db, {
    programme,
    period,
    fileName: `${programme}.csv`,
    fileSha256: `${programme}-${period}-${runId}`,
    importedBy: 'test',
  });
  await db.updateTable('ministry_list').set({ status: 'active' }).where('id', '=', listId).execute();
  await db
    .insertInto('ministry_person')
    .values({
      list_id: listId,
      row_number: 2,
      nik: person.nik,
      kk_number: person.kkNumber,
      full_name: person.fullName,
      birth_date: person.birthDate,
      region_code: person.regionCode,
      ref: person.ref,
      validation: 'accepted',
    })
    .execute();
  const memberId = family.memberIds[member];
  const pairKey = `m:${memberId}|${programme}/${period}/${person.ref}`;
  const levels = { ...defaultLevels, kkNumber: 'exact', region: 'kelurahan' };
  await db
    .insertInto('verification_pair')
    .values({
      run_id: runId,
      kk_number: family.kkNumber,
      pair_key: pairKey,
      kind: 'ministry',
      band: 'review',
      weight,
      left_member_id: memberId,
      left_household_id: family.householdId,
      left_kelurahan_code: family.kelurahanCode,
      ministry_list_id: listId,
      ministry_row_number: 2,
      ministry_programme: programme,
      ministry_period: period,
      ministry_ref: person.ref,
      levels: JSON.stringify(levels),
      explanation: JSON.stringify(defaultExplanation(levels)),
    })
    .execute();
  return pairKey;
}
