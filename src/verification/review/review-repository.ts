// Queries of the review queue: the current run of an area, its undecided review-band pairs, decisions and merges.
import { type Expression, type SqlBool, sql } from 'kysely';
import type { AreaScope } from '../../auth/area-scope.ts';
import { inAreaScope } from '../../auth/area-scope-sql.ts';
import type { DatabaseClient } from '../../db/database.ts';

export interface CurrentRun {
  id: number;
  area_code: string;
  finished_at: Date | string | null;
  model: unknown;
  thresholds: unknown;
}

/** The latest completed run whose area covers the given area ('' covers everything, '31' all of DKI). */
export async function findCurrentRun(db: DatabaseClient, areaCode: string): Promise<CurrentRun | undefined> {
  return db
    .selectFrom('verification_run')
    .select(['id', 'area_code', 'finished_at', 'model', 'thresholds'])
    .where('status', '=', 'completed')
    .where(sql<SqlBool>`(area_code = '' or area_code = ${areaCode} or ${areaCode} like area_code || '.%')`)
    .orderBy('finished_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findCompletedRun(db: DatabaseClient, id: number): Promise<CurrentRun | undefined> {
  return db
    .selectFrom('verification_run')
    .select(['id', 'area_code', 'finished_at', 'model', 'thresholds'])
    .where('status', '=', 'completed')
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The latest completed run of any area: the one whose model and bands the thresholds page shows. */
export async function findLatestCompletedRun(db: DatabaseClient): Promise<CurrentRun | undefined> {
  return db
    .selectFrom('verification_run')
    .select(['id', 'area_code', 'finished_at', 'model', 'thresholds'])
    .where('status', '=', 'completed')
    .orderBy('finished_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function countPairsByBand(db: DatabaseClient, runId: number) {
  return db
    .selectFrom('verification_pair')
    .select(['band', sql<number>`count(*)::int`.as('count')])
    .where('run_id', '=', runId)
    .groupBy('band')
    .execute();
}

/**
 * A pair is visible when both of its registry families lie in the scope (a ministry row has no family): a
 * verifier never sees a family outside their area, so pairs across two areas go to a wider-scoped verifier.
 */
function pairInScope(
  scope: AreaScope,
  left: Expression<string | null>,
  right: Expression<string | null>,
  kind: Expression<string>,
): Expression<SqlBool> {
  return sql<SqlBool>`(${inAreaScope(scope, left)} and (${kind} = 'ministry' or ${inAreaScope(scope, right)}))`;
}

/** Undecided: no decision yet, or a family merge the second reviewer turned down (it comes back). */
const undecided = sql<SqlBool>`not exists (
  select 1 from match_decision d where d.pair_key = p.pair_key and d.merge_status is distinct from 'rejected')`;

export type QueueOrder = 'weight' | 'uncertainty';

export interface QueueFilter {
  runId: number;
  scope: AreaScope;
  kelurahanCode?: string;
  kind?: 'registry' | 'ministry';
}

function queueBase(db: DatabaseClient, { runId, scope, kelurahanCode, kind }: QueueFilter) {
  let query = db
    .selectFrom('verification_pair as p')
    .where('p.run_id', '=', runId)
    .where('p.band', '=', 'review')
    .where((eb) =>
      pairInScope(scope, eb.ref('p.left_kelurahan_code'), eb.ref('p.right_kelurahan_code'), eb.ref('p.kind')),
    )
    .where(undecided);
  if (kelurahanCode) query = query.where('p.left_kelurahan_code', '=', kelurahanCode);
  if (kind) query = query.where('p.kind', '=', kind);
  return query;
}

export async function listQueuePairs(
  db: DatabaseClient,
  filter: QueueFilter & {
    order: QueueOrder;
    /** Weight at which the posterior is one half: the most uncertain pairs lie closest to it. */
    evenWeight: number;
    limit: number;
    offset: number;
  },
) {
  const { total } = await queueBase(db, filter)
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirstOrThrow();
  let query = queueBase(db, filter)
    .leftJoin('household_member as lm', (join) =>
      join
        .onRef('lm.kk_number', '=', 'p.kk_number')
        .onRef('lm.household_id', '=', 'p.left_household_id')
        .onRef('lm.id', '=', 'p.left_member_id'),
    )
    .leftJoin('household_member as rm', (join) =>
      join
        .onRef('rm.kk_number', '=', 'p.right_kk_number')
        .onRef('rm.household_id', '=', 'p.right_household_id')
        .onRef('rm.id', '=', 'p.right_member_id'),
    )
    .leftJoin('ministry_person as mp', (join) =>
      join
        .onRef('mp.list_id', '=', 'p.ministry_list_id')
        .onRef('mp.row_number', '=', 'p.ministry_row_number'),
    )
    .leftJoin('region as r', 'r.code', 'p.left_kelurahan_code')
    .select([
      'p.pair_key',
      'p.kind',
      'p.weight',
      'p.left_kelurahan_code',
      'r.name as left_kelurahan_name',
      'p.right_kelurahan_code',
      'p.left_household_id',
      'p.right_household_id',
      'p.ministry_programme',
      'p.ministry_period',
      'p.levels',
      'lm.full_name as left_name',
      sql<string | null>`coalesce(rm.full_name, mp.full_name)`.as('right_name'),
      sql<string | null>`(select d.second_reason from match_decision d where d.pair_key = p.pair_key)`.as(
        'rejected_merge_reason',
      ),
    ]);
  query =
    filter.order === 'uncertainty'
      ? query.orderBy(sql`abs(p.weight - ${filter.evenWeight})`).orderBy('p.weight', 'desc')
      : query.orderBy('p.weight', 'desc');
  const pairs = await query.orderBy('p.pair_key').limit(filter.limit).offset(filter.offset).execute();
  return { pairs, total };
}

/** Undecided review pairs per kelurahan (of the left family), for the queue's filter. */
export async function countQueueByKelurahan(db: DatabaseClient, filter: QueueFilter) {
  return queueBase(db, { ...filter, kelurahanCode: undefined })
    .leftJoin('region as r', 'r.code', 'p.left_kelurahan_code')
    .select(['p.left_kelurahan_code as code', 'r.name', sql<number>`count(*)::int`.as('count')])
    .groupBy(['p.left_kelurahan_code', 'r.name'])
    .orderBy('p.left_kelurahan_code')
    .execute();
}

/** One review-band pair of the run, when it lies in the scope. */
export async function findReviewPair(
  db: DatabaseClient,
  { runId, pairKey, scope }: { runId: number; pairKey: string; scope: AreaScope },
) {
  return db
    .selectFrom('verification_pair as p')
    .selectAll('p')
    .where('p.run_id', '=', runId)
    .where('p.band', '=', 'review')
    .where('p.pair_key', '=', pairKey)
    .where((eb) =>
      pairInScope(scope, eb.ref('p.left_kelurahan_code'), eb.ref('p.right_kelurahan_code'), eb.ref('p.kind')),
    )
    .executeTakeFirst();
}

export type ReviewPairRow = NonNullable<Awaited<ReturnType<typeof findReviewPair>>>;

export async function findMemberWithFamily(
  db: DatabaseClient,
  { kkNumber, householdId, memberId }: { kkNumber: string; householdId: number; memberId: number },
) {
  const household = await db
    .selectFrom('household as h')
    .leftJoin('region as r', 'r.code', 'h.kelurahan_code')
    .selectAll('h')
    .select('r.name as kelurahan_name')
    .where('h.kk_number', '=', kkNumber)
    .where('h.id', '=', householdId)
    .executeTakeFirst();
  if (!household) return undefined;
  const members = await db
    .selectFrom('household_member')
    .selectAll()
    .where('kk_number', '=', kkNumber)
    .where('household_id', '=', householdId)
    .orderBy(sql`(relationship = 'head')`, 'desc')
    .orderBy('birth_date')
    .orderBy('id')
    .execute();
  const member = members.find((candidate) => candidate.id === memberId);
  if (!member) return undefined;
  return { household, member, members };
}

export async function findMinistryPerson(
  db: DatabaseClient,
  { listId, rowNumber }: { listId: number; rowNumber: number },
) {
  return db
    .selectFrom('ministry_person as mp')
    .leftJoin('ministry_list as l', 'l.id', 'mp.list_id')
    .select([
      'mp.list_id',
      'mp.row_number',
      'mp.nik',
      'mp.kk_number',
      'mp.full_name',
      'mp.birth_date',
      'mp.region_code',
      'mp.ref',
      'l.programme',
      'l.period',
      'l.file_name',
      'l.status as list_status',
    ])
    .where('mp.list_id', '=', listId)
    .where('mp.row_number', '=', rowNumber)
    .executeTakeFirst();
}

export async function findRegionName(db: DatabaseClient, code: string): Promise<string | null> {
  const region = await db.selectFrom('region').select('name').where('code', '=', code).executeTakeFirst();
  return region?.name ?? null;
}

export async function findDecision(db: DatabaseClient, pairKey: string) {
  return db
    .selectFrom('match_decision as d')
    .leftJoin('app_user as u', 'u.id', 'd.decided_by')
    .leftJoin('app_user as s', 's.id', 'd.second_reviewer')
    .selectAll('d')
    .select([
      'u.username as decided_by_username',
      'u.full_name as decided_by_name',
      's.username as second_reviewer_username',
      's.full_name as second_reviewer_name',
    ])
    .where('d.pair_key', '=', pairKey)
    .executeTakeFirst();
}

export type DecisionRow = NonNullable<Awaited<ReturnType<typeof findDecision>>>;

export interface NewDecision {
  pairKey: string;
  kind: string;
  decision: 'same_person' | 'different_people';
  reason: string;
  decidedBy: number;
  leftMemberId: number;
  leftHouseholdId: number;
  rightMemberId: number | null;
  rightHouseholdId: number | null;
  mergeStatus: 'awaiting_second_review' | null;
}

/**
 * Stores a decision unless the pair already has one that stands (anything but a turned-down merge); returns
 * false when another reviewer was first.
 */
export async function storeDecision(db: DatabaseClient, decision: NewDecision): Promise<boolean> {
  const values = {
    pair_key: decision.pairKey,
    kind: decision.kind,
    decision: decision.decision,
    reason: decision.reason,
    decided_by: decision.decidedBy,
    decided_at: sql<Date>`now()`,
    left_member_id: decision.leftMemberId,
    left_household_id: decision.leftHouseholdId,
    right_member_id: decision.rightMemberId,
    right_household_id: decision.rightHouseholdId,
    merge_status: decision.mergeStatus,
    second_reviewer: null,
    second_reviewed_at: null,
    second_reason: null,
  };
  const stored = await db
    .insertInto('match_decision')
    .values(values)
    .onConflict((conflict) =>
      conflict.column('pair_key').doUpdateSet(values).where('match_decision.merge_status', '=', 'rejected'),
    )
    .returning('pair_key')
    .executeTakeFirst();
  return stored !== undefined;
}

/** Records the second reviewer's answer on a merge still awaiting it; false when someone answered first. */
export async function answerMerge(
  db: DatabaseClient,
  {
    pairKey,
    mergeStatus,
    reviewerId,
    reason,
  }: { pairKey: string; mergeStatus: 'confirmed' | 'rejected'; reviewerId: number; reason: string | null },
): Promise<boolean> {
  const updated = await db
    .updateTable('match_decision')
    .set({
      merge_status: mergeStatus,
      second_reviewer: reviewerId,
      second_reviewed_at: sql<Date>`now()`,
      second_reason: reason,
    })
    .where('pair_key', '=', pairKey)
    .where('merge_status', '=', 'awaiting_second_review')
    .returning('pair_key')
    .executeTakeFirst();
  return updated !== undefined;
}

/** Merges awaiting a second reviewer whose pair is in the run and the scope. */
export async function listAwaitingMerges(
  db: DatabaseClient,
  { runId, scope }: { runId: number; scope: AreaScope },
) {
  return db
    .selectFrom('match_decision as d')
    .innerJoin('verification_pair as p', (join) =>
      join.onRef('p.pair_key', '=', 'd.pair_key').on('p.run_id', '=', runId).on('p.band', '=', 'review'),
    )
    .leftJoin('app_user as u', 'u.id', 'd.decided_by')
    .leftJoin('household_member as lm', (join) =>
      join
        .onRef('lm.kk_number', '=', 'p.kk_number')
        .onRef('lm.household_id', '=', 'p.left_household_id')
        .onRef('lm.id', '=', 'p.left_member_id'),
    )
    .leftJoin('household_member as rm', (join) =>
      join
        .onRef('rm.kk_number', '=', 'p.right_kk_number')
        .onRef('rm.household_id', '=', 'p.right_household_id')
        .onRef('rm.id', '=', 'p.right_member_id'),
    )
    .select([
      'd.pair_key',
      'd.reason',
      'd.decided_at',
      'd.decided_by',
      'u.username as decided_by_username',
      'u.full_name as decided_by_name',
      'p.weight',
      'p.left_household_id',
      'p.right_household_id',
      'p.left_kelurahan_code',
      'p.right_kelurahan_code',
      'lm.full_name as left_name',
      'rm.full_name as right_name',
    ])
    .where('d.merge_status', '=', 'awaiting_second_review')
    .where((eb) =>
      pairInScope(scope, eb.ref('p.left_kelurahan_code'), eb.ref('p.right_kelurahan_code'), eb.ref('p.kind')),
    )
    .orderBy('d.decided_at')
    .execute();
}

export async function findHouseholdStatus(
  db: DatabaseClient,
  { kkNumber, id }: { kkNumber: string; id: number },
) {
  return db
    .selectFrom('household')
    .select(['id', 'kk_number', 'status', 'merged_into_household_id', 'kelurahan_code'])
    .where('kk_number', '=', kkNumber)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Marks a family as merged into another and writes the change into both families' history. */
export async function mergeHousehold(
  db: DatabaseClient,
  {
    merged,
    into,
    previousStatus,
    changedBy,
    reason,
  }: {
    merged: { kkNumber: string; id: number };
    into: { kkNumber: string; id: number };
    previousStatus: string;
    changedBy: number;
    reason: string;
  },
): Promise<void> {
  await db
    .updateTable('household')
    .set({ status: 'merged', merged_into_household_id: into.id, updated_at: sql<Date>`now()` })
    .where('kk_number', '=', merged.kkNumber)
    .where('id', '=', merged.id)
    .execute();
  await db
    .insertInto('registry_change')
    .values([
      {
        kk_number: merged.kkNumber,
        household_id: merged.id,
        member_id: null,
        field: 'status',
        old_value: previousStatus,
        new_value: 'merged',
        reason,
        changed_by: changedBy,
      },
      {
        kk_number: merged.kkNumber,
        household_id: merged.id,
        member_id: null,
        field: 'mergedIntoHouseholdId',
        old_value: null,
        new_value: String(into.id),
        reason,
        changed_by: changedBy,
      },
      {
        kk_number: into.kkNumber,
        household_id: into.id,
        member_id: null,
        field: 'mergedFromHouseholdId',
        old_value: null,
        new_value: String(merged.id),
        reason,
        changed_by: changedBy,
      },
    ])
    .execute();
}
