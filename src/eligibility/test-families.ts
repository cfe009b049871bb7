// Test support: families written straight into the registry tables, as the intake would leave them.
import { sql } from 'kysely';
import type { DatabaseClient } from '../db/database.ts';

export interface TestMember {
  name: string;
  nik?: string | null;
  relationship?: string;
  birthDate?: string;
  lifeStatus?: 'alive' | 'deceased';
  deathDate?: string | null;
  moved?: boolean;
}

export interface TestFamily {
  kkNumber: string;
  kelurahanCode?: string;
  rw?: string;
  rt?: string;
  address?: string | null;
  fixedIncome?: boolean | null;
  covidAffected?: boolean | null;
  status?: string;
  listedThroughKelurahan?: boolean;
  members: TestMember[];
}

export async function insertTestFamily(db: DatabaseClient, family: TestFamily) {
  const household = await db
    .insertInto('household')
    .values({
      kk_number: family.kkNumber,
      kelurahan_code: family.kelurahanCode ?? '31.74.01.1001',
      rw: family.rw ?? '001',
      rt: family.rt ?? '001',
      address: family.address === undefined ? 'Jl. Tebet Barat Dalam No. 1' : family.address,
      fixed_income: family.fixedIncome === undefined ? false : family.fixedIncome,
      covid_affected: family.covidAffected === undefined ? true : family.covidAffected,
      status: family.status ?? 'active',
      source_submission_id: family.listedThroughKelurahan === false ? null : 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const memberIds: number[] = [];
  for (const [index, member] of family.members.entries()) {
    const row = await db
      .insertInto('household_member')
      .values({
        kk_number: family.kkNumber,
        household_id: household.id,
        member_key: member.nik ?? `name:${member.name.toLowerCase()}:${index}`,
        nik: member.nik ?? null,
        nik_absence_reason: member.nik ? null : 'belum rekam',
        full_name: member.name,
        relationship: member.relationship ?? (index === 0 ? 'head' : 'child'),
        birth_date: member.birthDate ?? `${1980 + index}-01-01`,
        life_status: member.lifeStatus ?? 'alive',
        death_date: member.deathDate ?? null,
        moved: member.moved ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    memberIds.push(row.id);
  }
  return { householdId: household.id, memberIds };
}

/** A completed verification run over an area with ministry pairs, as the verification run would leave them. */
export async function insertTestMinistryPairs(
  db: DatabaseClient,
  {
    areaCode,
    pairs,
  }: {
    areaCode: string;
    pairs: {
      pairKey: string;
      band: 'match' | 'review';
      kkNumber: string;
      householdId: number;
      memberId: number;
      kelurahanCode?: string;
      programme: string;
      period: string;
      decision?: 'same_person' | 'different_people';
    }[];
  },
) {
  const run = await db
    .insertInto('verification_run')
    .values({ area_code: areaCode, status: 'completed', finished_at: sql<Date>`now()` })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const pair of pairs) {
    await db
      .insertInto('verification_pair')
      .values({
        run_id: run.id,
        kk_number: pair.kkNumber,
        pair_key: pair.pairKey,
        kind: 'ministry',
        band: pair.band,
        weight: pair.band === 'match' ? 20 : 8,
        left_member_id: pair.memberId,
        left_household_id: pair.householdId,
        left_kelurahan_code: pair.kelurahanCode ?? '31.74.01.1001',
        ministry_programme: pair.programme,
        ministry_period: pair.period,
        levels: '{}',
        explanation: '[]',
      })
      .execute();
    if (pair.decision)
      await db
        .insertInto('match_decision')
        .values({
          pair_key: pair.pairKey,
          kind: 'ministry',
          decision: pair.decision,
          reason: 'checked by phone',
          decided_by: 1,
          left_member_id: pair.memberId,
          left_household_id: pair.householdId,
        })
        .execute();
  }
  return run.id;
}
