import { sql } from 'kysely';
import type { AreaScope } from '../auth/area-scope.ts';
import { inAreaScope } from '../auth/area-scope-sql.ts';
import type { DatabaseClient } from '../db/database.ts';

export interface HouseholdListItem {
  id: number;
  kk_number: string;
  head_name: string | null;
  address: string | null;
  rt: string;
  rw: string;
  kelurahan_code: string;
  kelurahan_name: string | null;
  member_count: number;
  status: string;
}

/** Families in the scope; q is an exact 16-digit NIK/KK or a name fragment. The scope is applied here, always. */
export async function searchHouseholds(
  db: DatabaseClient,
  options: {
    scope: AreaScope;
    q?: string;
    kelurahanCode?: string;
    rw?: string;
    limit: number;
    offset: number;
  },
): Promise<{ households: HouseholdListItem[]; total: number }> {
  const { scope, q, kelurahanCode, rw, limit, offset } = options;
  let base = db
    .selectFrom('household as h')
    .where((eb) => inAreaScope(scope, eb.ref('h.kelurahan_code'), eb.ref('h.rw')));
  if (kelurahanCode) base = base.where('h.kelurahan_code', '=', kelurahanCode);
  if (rw) base = base.where('h.rw', '=', rw);
  // Names are stored with single spaces: "BAGUS  PRAKOSO" typed with two finds "BAGUS PRAKOSO".
  const term = q?.trim().replace(/\s+/g, ' ');
  if (term && /^\d{16}$/.test(term)) {
    base = base.where((eb) =>
      eb.or([
        eb('h.kk_number', '=', term),
        eb.exists(
          eb
            .selectFrom('household_member as m')
            .whereRef('m.kk_number', '=', 'h.kk_number')
            .whereRef('m.household_id', '=', 'h.id')
            .where('m.nik', '=', term),
        ),
      ]),
    );
  } else if (term) {
    const pattern = `%${term.toLowerCase().replace(/[%_\\]/g, (character) => `\\${character}`)}%`;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('household_member as m')
          .whereRef('m.kk_number', '=', 'h.kk_number')
          .whereRef('m.household_id', '=', 'h.id')
          .where(sql<boolean>`lower(m.full_name) like ${pattern}`),
      ),
    );
  }
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const households = await base
    .leftJoin('region as r', 'r.code', 'h.kelurahan_code')
    .select([
      'h.id',
      'h.kk_number',
      'h.address',
      'h.rt',
      'h.rw',
      'h.kelurahan_code',
      'r.name as kelurahan_name',
      'h.status',
      sql<
        string | null
      >`(select m.full_name from household_member m where m.kk_number = h.kk_number and m.household_id = h.id
        order by (m.relationship = 'head') desc, m.id limit 1)`.as('head_name'),
      sql<number>`(select count(*)::int from household_member m where m.kk_number = h.kk_number and m.household_id = h.id)`.as(
        'member_count',
      ),
    ])
    .orderBy('h.kelurahan_code')
    .orderBy('h.rw')
    .orderBy('h.rt')
    .orderBy('h.id')
    .limit(limit)
    .offset(offset)
    .execute();
  return { households, total };
}

export async function findHouseholdInScope(
  db: DatabaseClient,
  { id, scope, lock = false }: { id: number; scope: AreaScope; lock?: boolean },
) {
  const query = db
    .selectFrom('household as h')
    .leftJoin('region as r', 'r.code', 'h.kelurahan_code')
    .selectAll('h')
    .select('r.name as kelurahan_name')
    .where('h.id', '=', id)
    .where((eb) => inAreaScope(scope, eb.ref('h.kelurahan_code'), eb.ref('h.rw')));
  // Locked, a family's edits take turns and each reads what the one before it wrote.
  return (lock ? query.forUpdate('h') : query).executeTakeFirst();
}

// Members are found through the family's KK number: the key the table is indexed and distributed by.
export async function listHouseholdMembers(
  db: DatabaseClient,
  household: { kkNumber: string; householdId: number },
) {
  return db
    .selectFrom('household_member')
    .selectAll()
    .where('kk_number', '=', household.kkNumber)
    .where('household_id', '=', household.householdId)
    .orderBy(sql`(relationship = 'head')`, 'desc')
    .orderBy('birth_date')
    .orderBy('id')
    .execute();
}

export async function listHouseholdChanges(db: DatabaseClient, householdId: number) {
  return db
    .selectFrom('registry_change as c')
    .leftJoin('household_member as m', (join) =>
      join
        .onRef('m.kk_number', '=', 'c.kk_number')
        .onRef('m.household_id', '=', 'c.household_id')
        .onRef('m.id', '=', 'c.member_id'),
    )
    .leftJoin('app_user as u', 'u.id', 'c.changed_by')
    .select([
      'c.changed_at',
      'c.field',
      'c.member_id',
      'm.full_name as member_name',
      'c.old_value',
      'c.new_value',
      'c.reason',
      'u.username as changed_by',
      'c.source_submission_id',
    ])
    .where('c.household_id', '=', householdId)
    .orderBy('c.changed_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

export async function summariseRegistry(db: DatabaseClient, scope: AreaScope) {
  const result = await sql<{ households: number; members: number }>`
    select count(distinct h.id)::int as households, count(m.id)::int as members
    from household h left join household_member m on m.kk_number = h.kk_number and m.household_id = h.id
    where ${inAreaScope(scope, sql.ref('h.kelurahan_code'), sql.ref('h.rw'))}`.execute(db);
  return result.rows[0];
}
