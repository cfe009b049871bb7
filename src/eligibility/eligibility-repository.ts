// Programmes, rules, cycles, determinations and the decision snapshot rows: the SQL of eligibility.
import { sql } from 'kysely';
import type pg from 'pg';
import type { AreaScope } from '../auth/area-scope.ts';
import { inAreaScope } from '../auth/area-scope-sql.ts';
import { copyLinesInto } from '../db/copy-rows.ts';
import type { DatabaseClient } from '../db/database.ts';
import { DECISION_COLUMNS } from './decision-rows.ts';
import type { ListSummary } from './evaluate-area.ts';

export async function listProgrammes(db: DatabaseClient) {
  return db.selectFrom('programme').selectAll().orderBy('id').execute();
}

export async function findProgramme(db: DatabaseClient, { id, code }: { id?: number; code?: string }) {
  let query = db.selectFrom('programme').selectAll();
  if (id !== undefined) query = query.where('id', '=', id);
  if (code !== undefined) query = query.where(sql<boolean>`upper(code) = upper(${code})`);
  return query.executeTakeFirst();
}

export async function insertProgramme(
  db: DatabaseClient,
  values: { code: string; name: string; amountPerCycle: number; areaCode: string },
) {
  return db
    .insertInto('programme')
    .values({
      code: values.code,
      name: values.name,
      amount_per_cycle: values.amountPerCycle,
      area_code: values.areaCode,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listProgrammeRules(db: DatabaseClient, programmeId: number) {
  return db.selectFrom('programme_rule').selectAll().where('programme_id', '=', programmeId).execute();
}

export async function upsertProgrammeRule(
  db: DatabaseClient,
  values: {
    programmeId: number;
    ruleCode: string;
    enabled: boolean;
    parameters: unknown;
    updatedBy: number | null;
  },
) {
  await db
    .insertInto('programme_rule')
    .values({
      programme_id: values.programmeId,
      rule_code: values.ruleCode,
      enabled: values.enabled,
      parameters: JSON.stringify(values.parameters),
      updated_by: values.updatedBy,
    })
    .onConflict((conflict) =>
      conflict.columns(['programme_id', 'rule_code']).doUpdateSet({
        enabled: values.enabled,
        parameters: JSON.stringify(values.parameters),
        updated_by: values.updatedBy,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

export async function findCycle(db: DatabaseClient, { id }: { id: number }) {
  return db
    .selectFrom('payment_cycle as c')
    .innerJoin('programme as p', 'p.id', 'c.programme_id')
    .selectAll('c')
    .select(['p.code as programme_code', 'p.name as programme_name', 'p.area_code as programme_area_code'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export async function findCycleByPeriod(
  db: DatabaseClient,
  { programmeId, period }: { programmeId: number; period: string },
) {
  const row = await db
    .selectFrom('payment_cycle')
    .select('id')
    .where('programme_id', '=', programmeId)
    .where('period', '=', period)
    .executeTakeFirst();
  return row ? findCycle(db, { id: row.id }) : undefined;
}

/** Cycles of the programme paying any of these months (a combined cycle pays two). */
export async function findOverlappingCycle(
  db: DatabaseClient,
  { programmeId, periods }: { programmeId: number; periods: string[] },
) {
  return db
    .selectFrom('payment_cycle')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where(sql<boolean>`periods && ${periods}::text[]`)
    .executeTakeFirst();
}

export async function insertCycle(
  db: DatabaseClient,
  values: {
    programmeId: number;
    period: string;
    periods: string[];
    amount: number;
    createdBy: number | null;
  },
) {
  return db
    .insertInto('payment_cycle')
    .values({
      programme_id: values.programmeId,
      period: values.period,
      periods: values.periods,
      amount: values.amount,
      created_by: values.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listCycles(db: DatabaseClient) {
  return db
    .selectFrom('payment_cycle as c')
    .innerJoin('programme as p', 'p.id', 'c.programme_id')
    .selectAll('c')
    .select(['p.code as programme_code', 'p.name as programme_name'])
    .orderBy('c.period', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

const determinationColumns = [
  'd.id',
  'd.cycle_id',
  'd.kota_code',
  'd.status',
  'd.prepared_by',
  'd.prepared_at',
  'd.signed_by',
  'd.signed_at',
  'd.source_fingerprint',
  'd.rules',
  'd.summary',
  'd.family_count',
  'd.eligible_count',
  'd.total_amount',
  'd.previous_determination_id',
] as const;

/** A determination with the names of who prepared and signed it and of its kota. */
function determinationsWithNames(db: DatabaseClient) {
  return db
    .selectFrom('determination as d')
    .leftJoin('app_user as preparer', 'preparer.id', 'd.prepared_by')
    .leftJoin('app_user as signer', 'signer.id', 'd.signed_by')
    .leftJoin('region as r', 'r.code', 'd.kota_code')
    .select(determinationColumns)
    .select([
      'preparer.full_name as prepared_by_name',
      'signer.full_name as signed_by_name',
      'r.name as kota_name',
    ]);
}

export async function findDetermination(db: DatabaseClient, id: number) {
  return determinationsWithNames(db).where('d.id', '=', id).executeTakeFirst();
}

export async function listDeterminations(db: DatabaseClient, { cycleId }: { cycleId: number }) {
  return determinationsWithNames(db)
    .where('d.cycle_id', '=', cycleId)
    .where('d.status', '<>', 'superseded')
    .orderBy('d.kota_code')
    .execute();
}

export async function findCurrentDetermination(
  db: DatabaseClient,
  { cycleId, kotaCode }: { cycleId: number; kotaCode: string },
) {
  return db
    .selectFrom('determination')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .where('kota_code', '=', kotaCode)
    .where('status', 'in', ['prepared', 'signed'])
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** The signed list of the same programme and kota for the latest cycle before this one. */
export async function findPreviousSignedDetermination(
  db: DatabaseClient,
  { programmeId, period, kotaCode }: { programmeId: number; period: string; kotaCode: string },
) {
  return db
    .selectFrom('determination as d')
    .innerJoin('payment_cycle as c', 'c.id', 'd.cycle_id')
    .select(['d.id', 'c.period'])
    .where('c.programme_id', '=', programmeId)
    .where('c.period', '<', period)
    .where('d.kota_code', '=', kotaCode)
    .where('d.status', '=', 'signed')
    .orderBy('c.period', 'desc')
    .executeTakeFirst();
}

/**
 * Marks an unsigned list superseded and drops its rows: it was never signed, so nothing refers to it. When no other
 * live list shares its table, the table is emptied at once; otherwise its rows are deleted.
 */
export async function supersedeDetermination(db: DatabaseClient, id: number) {
  const shared = await sql<{ decision_table: string | null; others: number }>`
    select d.decision_table,
           (select count(*)::int from determination o
            where o.decision_table = d.decision_table and o.id <> d.id and o.status in ('prepared', 'signed')) as others
    from determination d where d.id = ${id}`.execute(db);
  const table = shared.rows[0]?.decision_table;
  if (table && shared.rows[0]?.others === 0) await sql`truncate table ${sql.table(table)}`.execute(db);
  else await db.deleteFrom('eligibility_decision').where('determination_id', '=', id).execute();
  await db.updateTable('determination').set({ status: 'superseded' }).where('id', '=', id).execute();
}

/** The table receiving the lists of one preparation (COPY first, indexes after): named after its first list. */
export async function createDecisionTable(db: DatabaseClient, firstDeterminationId: number) {
  const name = `eligibility_decision_${Math.trunc(firstDeterminationId)}`;
  await sql`create table ${sql.table(name)} (like eligibility_decision including defaults)`.execute(db);
  // Row triggers come with the partition; TRUNCATE's statement trigger must be the table's own (see 0011).
  await sql`
    create trigger eligibility_decision_truncate_frozen before truncate on ${sql.table(name)}
    for each statement execute function signed_list_refuse_truncate()`.execute(db);
  return name;
}

/** Streams decision lines (DECISION_COLUMNS) into a table created in the same transaction. */
export function copyDecisionLines(
  client: pg.PoolClient,
  { table, lines }: { table: string; lines: AsyncIterable<string | Uint8Array> },
): Promise<void> {
  // FREEZE: the table is new in this transaction, so its rows are written already frozen (no later pass).
  return copyLinesInto({ client, table, columns: DECISION_COLUMNS, lines, freeze: true });
}

/**
 * Builds the indexes of a loaded decision table in one pass each and attaches it as the partition of its lists
 * (the trigger freezing signed lists comes with the partition).
 */
export async function attachDecisionTable(
  db: DatabaseClient,
  { name, determinationIds }: { name: string; determinationIds: readonly number[] },
) {
  await sql`alter table ${sql.table(name)} add primary key (kk_number, determination_id, household_id)`.execute(
    db,
  );
  await sql`create index ${sql.id(`${name}_list`)} on ${sql.table(name)} (determination_id, kelurahan_code, decision)`.execute(
    db,
  );
  await sql`
    alter table eligibility_decision attach partition ${sql.table(name)}
    for values in (${sql.raw(determinationIds.map((id) => String(Math.trunc(id))).join(', '))})`.execute(db);
  await sql`update determination set decision_table = ${name} where id = any(${[...determinationIds]}::bigint[])`.execute(
    db,
  );
}

export async function insertDetermination(
  db: DatabaseClient,
  values: {
    cycleId: number;
    kotaCode: string;
    preparedBy: number;
    fingerprint: string;
    rules: unknown;
    previousDeterminationId: number | null;
  },
) {
  return db
    .insertInto('determination')
    .values({
      cycle_id: values.cycleId,
      kota_code: values.kotaCode,
      status: 'prepared',
      prepared_by: values.preparedBy,
      source_fingerprint: values.fingerprint,
      rules: JSON.stringify(values.rules),
      previous_determination_id: values.previousDeterminationId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** The fingerprint of what an unsigned list was prepared from (taken while it was computed). */
export async function setFingerprint(
  db: DatabaseClient,
  { id, fingerprint }: { id: number; fingerprint: string },
) {
  await db
    .updateTable('determination')
    .set({ source_fingerprint: fingerprint })
    .where('id', '=', id)
    .execute();
}

/** Stores the counts of a list (computed while it was written) on the list. */
export async function storeSummary(db: DatabaseClient, id: number, summary: ListSummary) {
  await db
    .updateTable('determination')
    .set({
      summary: JSON.stringify({
        byDecision: summary.byDecision,
        byReason: summary.byReason,
        byFlag: summary.byFlag,
      }),
      family_count: summary.familyCount,
      eligible_count: summary.eligibleCount,
      total_amount: summary.totalAmount,
    })
    .where('id', '=', id)
    .execute();
}

/** Signs a prepared list; returns nothing when it was signed (or superseded) in the meantime. */
export async function markSigned(db: DatabaseClient, { id, signedBy }: { id: number; signedBy: number }) {
  return db
    .updateTable('determination')
    .set({ status: 'signed', signed_by: signedBy, signed_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', 'prepared')
    .returning(['id', 'signed_at'])
    .executeTakeFirst();
}

/** Counts of a list by kelurahan and decision (the drill-down from kota to kelurahan), of the scope's families. */
export async function countByKelurahan(
  db: DatabaseClient,
  { determinationId, scope }: { determinationId: number; scope: AreaScope },
) {
  const result = await sql<{
    kelurahan_code: string;
    kelurahan_name: string | null;
    kecamatan_name: string | null;
    eligible: number;
    excluded: number;
    pending: number;
    amount: number;
  }>`
    select d.kelurahan_code, r.name as kelurahan_name, k.name as kecamatan_name,
           (count(*) filter (where d.decision = 'eligible'))::int as eligible,
           (count(*) filter (where d.decision = 'excluded'))::int as excluded,
           (count(*) filter (where d.decision = 'pending'))::int as pending,
           coalesce(sum(d.amount), 0)::bigint as amount
    from eligibility_decision d
    left join region r on r.code = d.kelurahan_code
    left join region k on k.code = r.parent_code
    where d.determination_id = ${determinationId}
      and ${inAreaScope(scope, sql.ref('d.kelurahan_code'), sql.ref('d.rw'))}
    group by d.kelurahan_code, r.name, k.name
    order by d.kelurahan_code`.execute(db);
  return result.rows.map((row) => ({ ...row, amount: Number(row.amount) }));
}

/** Decisions of a list on the scope's families, filtered and paged. */
export async function listDecisions(
  db: DatabaseClient,
  options: {
    determinationId: number;
    scope: AreaScope;
    kelurahanCode?: string;
    decision?: string;
    reason?: string;
    limit: number;
    offset: number;
  },
) {
  let query = db
    .selectFrom('eligibility_decision as d')
    .where('d.determination_id', '=', options.determinationId)
    .where((eb) => inAreaScope(options.scope, eb.ref('d.kelurahan_code'), eb.ref('d.rw')));
  if (options.kelurahanCode) query = query.where('d.kelurahan_code', '=', options.kelurahanCode);
  if (options.decision) query = query.where('d.decision', '=', options.decision);
  if (options.reason)
    query = query.where(
      sql<boolean>`d.reasons::jsonb @> ${JSON.stringify([{ code: options.reason }])}::jsonb`,
    );
  const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll('d')
    .orderBy('d.kelurahan_code')
    .orderBy('d.rw')
    .orderBy('d.rt')
    .orderBy('d.household_id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return { total, rows };
}

/** The decision of a list on one family, when the family lies in the scope. */
export async function findDecision(
  db: DatabaseClient,
  { determinationId, householdId, scope }: { determinationId: number; householdId: number; scope: AreaScope },
) {
  return db
    .selectFrom('eligibility_decision as d')
    .selectAll('d')
    .where('d.determination_id', '=', determinationId)
    .where('d.household_id', '=', householdId)
    .where((eb) => inAreaScope(scope, eb.ref('d.kelurahan_code'), eb.ref('d.rw')))
    .executeTakeFirst();
}

/** Eligible families of a list in the scope (the annex), by kelurahan, RW, RT. */
export async function listRecipients(
  db: DatabaseClient,
  {
    determinationId,
    scope,
    kelurahanCode,
  }: { determinationId: number; scope: AreaScope; kelurahanCode?: string },
) {
  let query = db
    .selectFrom('eligibility_decision as d')
    .leftJoin('region as r', 'r.code', 'd.kelurahan_code')
    .selectAll('d')
    .select('r.name as kelurahan_name')
    .where('d.determination_id', '=', determinationId)
    .where('d.decision', '=', 'eligible')
    .where((eb) => inAreaScope(scope, eb.ref('d.kelurahan_code'), eb.ref('d.rw')));
  if (kelurahanCode) query = query.where('d.kelurahan_code', '=', kelurahanCode);
  return query
    .orderBy('d.kelurahan_code')
    .orderBy('d.rw')
    .orderBy('d.rt')
    .orderBy('d.household_id')
    .execute();
}

/** The scope's families added, removed or decided differently since the previous signed list, compared in SQL. */
export async function compareWithPrevious(
  db: DatabaseClient,
  {
    determinationId,
    previousId,
    scope,
    limit,
  }: { determinationId: number; previousId: number; scope: AreaScope; limit: number },
) {
  const changed = sql`
    select coalesce(cur.kk_number, prev.kk_number) as kk_number,
           coalesce(cur.household_id, prev.household_id) as household_id,
           coalesce(cur.kelurahan_code, prev.kelurahan_code) as kelurahan_code,
           coalesce(cur.rw, prev.rw) as rw,
           coalesce(cur.head_name, prev.head_name) as head_name,
           prev.decision as previous_decision, cur.decision as current_decision,
           case when prev.kk_number is null then 'added' when cur.kk_number is null then 'removed'
                else 'changed' end as change
    from (select * from eligibility_decision where determination_id = ${determinationId}) cur
    full join (select * from eligibility_decision where determination_id = ${previousId}) prev
      on prev.kk_number = cur.kk_number and prev.household_id = cur.household_id
    where prev.kk_number is null or cur.kk_number is null or prev.decision <> cur.decision`;
  const diff = sql`
    select kk_number, household_id, kelurahan_code, head_name, previous_decision, current_decision, change
    from (${changed}) c
    where ${inAreaScope(scope, sql.ref('c.kelurahan_code'), sql.ref('c.rw'))}`;
  const counts = await sql<{ change: string; count: number }>`
    select change, count(*)::int as count from (${diff}) x group by change`.execute(db);
  const rows = await sql<{
    kk_number: string;
    household_id: number;
    kelurahan_code: string;
    head_name: string | null;
    previous_decision: string | null;
    current_decision: string | null;
    change: string;
  }>`select * from (${diff}) x order by kelurahan_code, household_id limit ${limit}`.execute(db);
  return { counts: Object.fromEntries(counts.rows.map((row) => [row.change, row.count])), rows: rows.rows };
}

/** The decisions on one family of the scope in the lists still in force (prepared or signed), newest cycle first. */
export async function listFamilyDecisions(
  db: DatabaseClient,
  {
    kkNumber,
    householdId,
    scope,
    limit,
  }: { kkNumber: string; householdId: number; scope: AreaScope; limit: number },
) {
  return db
    .selectFrom('eligibility_decision as e')
    .innerJoin('determination as d', 'd.id', 'e.determination_id')
    .innerJoin('payment_cycle as c', 'c.id', 'd.cycle_id')
    .innerJoin('programme as p', 'p.id', 'c.programme_id')
    .select([
      'e.determination_id',
      'e.decision',
      'e.reasons',
      'e.flags',
      'e.amount',
      'd.status',
      'd.kota_code',
      'c.id as cycle_id',
      'c.periods',
      'p.name as programme_name',
    ])
    .where('e.kk_number', '=', kkNumber)
    .where('e.household_id', '=', householdId)
    .where((eb) => inAreaScope(scope, eb.ref('e.kelurahan_code'), eb.ref('e.rw')))
    .where('d.status', 'in', ['prepared', 'signed'])
    .orderBy('c.period', 'desc')
    .orderBy('e.determination_id', 'desc')
    .limit(limit)
    .execute();
}
