import { sql } from 'kysely';
import type pg from 'pg';
import type { DatabaseClient } from '../db/database.ts';
import { loadEmptyRegistry } from './first-load-repository.ts';
import type { FirstLoadSpill } from './first-load-spill.ts';
import { MEMBER_KEY, memberKeyOf } from './member-key.ts';

export interface ArrivalCounts {
  householdsCreated: number;
  householdsChanged: number;
  membersCreated: number;
  membersChanged: number;
  fieldChanges: number;
}

// Advisory lock key of registry arrivals (any fixed number no other lock uses).
const ARRIVAL_LOCK = 7_301_001;

const HOUSEHOLD_FIELDS = ['address', 'phone', 'fixed_income', 'covid_affected'] as const;
const MEMBER_FIELDS = [
  'nik_absence_reason',
  'full_name',
  'sex',
  'birth_place',
  'birth_date',
  'relationship',
  'marital_status',
  'occupation',
] as const;

const MEMBER_KEY_OF_ROW = memberKeyOf('a');

function changedFields(fields: readonly string[], left: string, right: string) {
  return sql.join(
    fields.map(
      (field) =>
        sql`(${sql.lit(field)}, ${sql.ref(`${left}.${field}`)}::text, ${sql.ref(`${right}.${field}`)}::text)`,
    ),
  );
}

// Below this many arriving families, keeping the indexes row by row costs less than building them again.
const REBUILD_INDEXES_FROM_FAMILIES = 50_000;

// Whether the registry holds fewer families than this (the statistics' estimate, else a count up to it).
async function registryFamiliesBelow(db: DatabaseClient, families: number): Promise<boolean> {
  const estimate = await sql<{ rows: number }>`
    select reltuples::float8 as rows from pg_class where oid = 'household'::regclass`.execute(db);
  const rows = Number(estimate.rows[0]?.rows ?? -1);
  if (rows >= 0) return rows < families;
  // Never analysed: counted, but no further than needed.
  const counted = await sql<{ count: number }>`
    select count(*)::int as count from (select 1 from household limit ${families}) h`.execute(db);
  return (counted.rows[0]?.count ?? 0) < families;
}

interface DroppedIndexes {
  /** Statements building them again, primary keys first. */
  restore: string[];
  primaryKeys: boolean;
}

/**
 * Drops the registry's indexes, primary keys included when nothing refers to them, and returns how to build
 * them again. Measured at a million new families: kept row by row they cost most of the arrival, built again
 * once a few seconds. Dropping takes the tables' exclusive lock until the commit, hence only when the arrival
 * outnumbers the registry (a first load).
 */
async function dropRegistryIndexes(db: DatabaseClient): Promise<DroppedIndexes> {
  const keys = await sql<{ owner: string; name: string; definition: string }>`
    select k.conrelid::regclass::text as owner, k.conname as name, pg_get_constraintdef(k.oid) as definition
    from pg_constraint k
    where k.conrelid in ('household'::regclass, 'household_member'::regclass) and k.contype = 'p'
      and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.confrelid = k.conrelid)
    order by 1`.execute(db);
  const indexes = await sql<{ name: string; definition: string }>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
    where i.indrelid in ('household'::regclass, 'household_member'::regclass)
      and not i.indisprimary and not i.indisunique
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
    order by 1`.execute(db);
  // Both keys or neither: the inserts below either keep their order and conflict checks or need neither.
  const droppedKeys = keys.rows.length === 2 ? keys.rows : [];
  for (const key of droppedKeys)
    await sql`alter table ${sql.raw(key.owner)} drop constraint ${sql.id(key.name)}`.execute(db);
  for (const index of indexes.rows) await sql`drop index ${sql.raw(index.name)}`.execute(db);
  return {
    restore: [
      ...droppedKeys.map((key) => `alter table ${key.owner} add constraint "${key.name}" ${key.definition}`),
      ...indexes.rows.map((index) => index.definition),
    ],
    primaryKeys: droppedKeys.length > 0,
  };
}

/**
 * An empty registry's tables are truncated (still empty) so that they get new files: with wal_level=minimal (the
 * embedded server) what this transaction then writes into them is not written to the WAL as well. Measured at a
 * million new families: the member and family inserts took about a tenth less time.
 */
async function renewEmptyRegistry(db: DatabaseClient): Promise<boolean> {
  await sql`lock table household, household_member in access exclusive mode`.execute(db);
  const empty = await registryIsEmpty(db);
  if (empty) await sql`truncate household, household_member`.execute(db);
  return empty;
}

async function registryIsEmpty(db: DatabaseClient): Promise<boolean> {
  const empty = await sql<{ empty: boolean }>`
    select not exists (select 1 from household) and not exists (select 1 from household_member) as empty`.execute(
    db,
  );
  return empty.rows[0]?.empty === true;
}

export interface FirstLoadInput {
  client: pg.PoolClient;
  source: FirstLoadSpill;
  /** Rows the family checks rejected after their lines were kept. */
  rejectedRows: ReadonlySet<number>;
}

async function loadIntoEmptyRegistry(
  db: DatabaseClient,
  { submissionId, table, firstLoad }: { submissionId: number; table: string; firstLoad: FirstLoadInput },
): Promise<ArrivalCounts> {
  const dropped = await dropRegistryIndexes(db);
  const loaded = await loadEmptyRegistry(firstLoad.client, db, {
    submissionId,
    table,
    source: firstLoad.source,
    rejectedRows: firstLoad.rejectedRows,
    freeze: true,
  });
  await rebuildIndexes(db, dropped);
  // Later joins must see the new families in the statistics, or they look them up one by one.
  if (loaded.households >= 10_000) await sql`analyze household`.execute(db);
  return {
    householdsCreated: loaded.households,
    householdsChanged: 0,
    membersCreated: loaded.members,
    membersChanged: 0,
    fieldChanges: 0,
  };
}

async function rebuildIndexes(db: DatabaseClient, dropped: DroppedIndexes | null): Promise<void> {
  for (const statement of dropped?.restore ?? []) await sql.raw(statement).execute(db);
}

/**
 * Waits for the arrivals of other transactions to commit; held until this one ends. A transaction that
 * writes intake rows and then brings them in takes its turn before writing them: a large import attaches its
 * rows' partition after its arrival, which waits for every writer of the shared partition (see 0010).
 */
export async function takeArrivalTurn(db: DatabaseClient): Promise<void> {
  // Arrivals take turns (only they create families), so a family missing now is still missing when
  // inserted: no conflict check per family is needed (measured a third faster at 100k families).
  await sql`select pg_advisory_xact_lock(${ARRIVAL_LOCK})`.execute(db);
}

/**
 * Brings forwarded intake rows into the registry in a few set-based statements: new families and
 * members are inserted; a changed value of a known one is updated and kept as a recorded change.
 * Re-applying the same rows changes nothing, which makes re-submission of a file harmless.
 */
export async function applyForwardedIntakeRows(
  db: DatabaseClient,
  {
    submissionId,
    rowNumbers,
    actorUserId,
    table = 'intake_row',
    rebuildIndexesFrom = REBUILD_INDEXES_FROM_FAMILIES,
    loadByCopy,
  }: {
    submissionId: number;
    rowNumbers?: number[];
    actorUserId: number | null;
    /** The submission's own table while it is not attached to intake_row yet. */
    table?: string;
    /** From how many arriving families a registry smaller than the arrival has its secondary indexes rebuilt. */
    rebuildIndexesFrom?: number;
    /** A large import's first-load lines and its transaction's connection: with an empty registry, COPY them in. */
    loadByCopy?: FirstLoadInput;
  },
): Promise<ArrivalCounts> {
  const rows = sql.table(table);
  // The sorts and hashes below cover every arriving row; with the default memory they spill to disk at 1M families.
  await sql`set local work_mem = '512MB'`.execute(db);
  await takeArrivalTurn(db);
  // Looked at before taking the tables' exclusive lock, which a registry in use should not wait for.
  if (loadByCopy && !rowNumbers && (await registryIsEmpty(db)) && (await renewEmptyRegistry(db))) {
    return loadIntoEmptyRegistry(db, { submissionId, table, firstLoad: loadByCopy });
  }
  const rowFilter = rowNumbers ? sql`and row_number = any(${rowNumbers})` : sql``;
  const arriving = sql`${rows} where submission_id = ${submissionId} and review = 'forwarded' and validation = 'accepted' ${rowFilter}`;
  await sql`drop table if exists arriving_family`.execute(db);
  await sql`drop table if exists arriving_household`.execute(db);
  // A family's values come from its head's row, else its first row. A family with one head (nearly all: the
  // family check rejects the others unless rows were picked) gets them in the same pass as its grouping,
  // since the aggregates over its only head row are that row's values; the rest are looked up by row. Joining
  // every family back to its row instead hashed all arriving rows a second time (7.5 s at 1M families).
  await sql`
    create temp table arriving_family on commit drop as
    select kk_number, kelurahan_code, rw, rt,
           count(*) filter (where relationship = 'head') as heads,
           coalesce(min(row_number) filter (where relationship = 'head'), min(row_number)) as row_number,
           min(address) filter (where relationship = 'head') as address,
           min(phone) filter (where relationship = 'head') as phone,
           bool_or(fixed_income) filter (where relationship = 'head') as fixed_income,
           bool_or(covid_affected) filter (where relationship = 'head') as covid_affected,
           min(ref) filter (where relationship = 'head') as ref
    from ${arriving}
    group by kk_number, kelurahan_code, rw, rt`.execute(db);
  await sql`analyze arriving_family`.execute(db);
  const arrivingCount = await sql<{
    count: number;
  }>`select count(*)::int as count from arriving_family`.execute(db);
  const arrivingFamilies = arrivingCount.rows[0]?.count ?? 0;
  const firstLoad =
    arrivingFamilies >= rebuildIndexesFrom && (await registryFamiliesBelow(db, arrivingFamilies));
  // Families, like members below, are then inserted in index order: once the registry's indexes outgrow
  // shared buffers, random B-tree writes cost reads. A first load builds its indexes afterwards: its families
  // are numbered in the order of the file instead, by a cheaper sort where they are inserted (0.7 s less at 1M).
  const householdOrder = firstLoad ? sql`` : sql`order by kk_number, kelurahan_code, rw, rt`;
  await sql`
    create temp table arriving_household on commit drop as
    select * from (
      select kk_number, kelurahan_code, rw, rt, address, phone, fixed_income, covid_affected, ref, row_number
      from arriving_family where heads = 1
      union all
      select r.kk_number, r.kelurahan_code, r.rw, r.rt, r.address, r.phone, r.fixed_income, r.covid_affected, r.ref,
             r.row_number
      from arriving_family f
      join ${rows} r on r.submission_id = ${submissionId} and r.row_number = f.row_number
      where f.heads <> 1) h
    ${householdOrder}`.execute(db);
  await sql`analyze arriving_household`.execute(db);
  if (firstLoad) await renewEmptyRegistry(db);
  const droppedIndexes = firstLoad ? await dropRegistryIndexes(db) : null;
  // Without keys, neither index order nor conflict checks matter: new families' members cannot repeat.
  const keyed = !droppedIndexes?.primaryKeys;

  const householdChanges = await sql`
    insert into registry_change (kk_number, household_id, field, old_value, new_value, reason, changed_by,
                                 source_submission_id, source_row_number)
    select h.kk_number, h.id, c.field, c.old_value, c.new_value, 'intake', ${actorUserId}, ${submissionId}, a.row_number
    from arriving_household a
    join household h using (kk_number, kelurahan_code, rw, rt)
    cross join lateral (values ${changedFields(HOUSEHOLD_FIELDS, 'h', 'a')}) as c(field, old_value, new_value)
    where c.old_value is distinct from c.new_value`.execute(db);
  const householdsChanged = await sql`
    update household h
    set address = a.address, phone = a.phone, fixed_income = a.fixed_income, covid_affected = a.covid_affected,
        updated_at = now()
    from arriving_household a
    where h.kk_number = a.kk_number and h.kelurahan_code = a.kelurahan_code and h.rw = a.rw and h.rt = a.rt
      and (h.address, h.phone, h.fixed_income, h.covid_affected)
          is distinct from (a.address, a.phone, a.fixed_income, a.covid_affected)`.execute(db);
  // The families created here are kept by id: their members need no comparison and cannot be there yet.
  await sql`drop table if exists created_household`.execute(db);
  await sql`
    create temp table created_household (kk_number text, kelurahan_code text, rw text, rt text, id bigint)
    on commit drop`.execute(db);
  const householdsCreated = await sql`
    with created as (
      insert into household (kk_number, kelurahan_code, rw, rt, address, phone, fixed_income, covid_affected, ref,
                             source_submission_id)
      select kk_number, kelurahan_code, rw, rt, address, phone, fixed_income, covid_affected, ref, ${submissionId}
      from arriving_household a
      where not exists (select 1 from household h
                        where h.kk_number = a.kk_number and h.kelurahan_code = a.kelurahan_code and h.rw = a.rw
                          and h.rt = a.rt)
      ${firstLoad ? sql`order by row_number` : sql``}
      returning kk_number, kelurahan_code, rw, rt, id
    )
    insert into created_household select * from created`.execute(db);
  const createdCount = Number(householdsCreated.numAffectedRows ?? 0);
  // The joins below must see the new families in the statistics, or they look them up one by one.
  if (createdCount >= 10_000) await sql`analyze household`.execute(db);
  await sql`analyze created_household`.execute(db);

  // Members of new families go straight in, without a conflict check per row (measured twice as fast): a
  // NIK appears once per family among accepted rows (the family check rejects the repeats), so only
  // members without one can repeat, and of those the first row is kept.
  const newMembersWithNik = await sql`
    insert into household_member (kk_number, household_id, member_key, nik, nik_absence_reason, full_name, sex,
                                  birth_place, birth_date, relationship, marital_status, occupation, ref,
                                  source_submission_id, source_row_number)
    select a.kk_number, c.id, a.nik, a.nik, a.nik_absence_reason, a.full_name, a.sex, a.birth_place, a.birth_date,
           a.relationship, a.marital_status, a.occupation, a.ref, ${submissionId}, a.row_number
    from (select * from ${arriving}) a
    join created_household c using (kk_number, kelurahan_code, rw, rt)
    where a.nik is not null
    ${keyed ? sql`order by c.id, a.nik` : sql``}`.execute(db);
  const newMembersWithoutNik = await sql`
    insert into household_member (kk_number, household_id, member_key, nik, nik_absence_reason, full_name, sex,
                                  birth_place, birth_date, relationship, marital_status, occupation, ref,
                                  source_submission_id, source_row_number)
    select distinct on (c.id, ${MEMBER_KEY_OF_ROW})
           a.kk_number, c.id, ${MEMBER_KEY_OF_ROW}, a.nik, a.nik_absence_reason, a.full_name, a.sex, a.birth_place,
           a.birth_date, a.relationship, a.marital_status, a.occupation, a.ref, ${submissionId}, a.row_number
    from (select * from ${arriving}) a
    join created_household c using (kk_number, kelurahan_code, rw, rt)
    where a.nik is null
    order by c.id, ${MEMBER_KEY_OF_ROW}, a.row_number
    ${keyed ? sql`on conflict (household_id, member_key, kk_number) do nothing` : sql``}`.execute(db);
  // The members of known families below are compared through the keys.
  await rebuildIndexes(db, droppedIndexes);

  const membersCreatedInNewFamilies =
    Number(newMembersWithNik.numAffectedRows ?? 0) + Number(newMembersWithoutNik.numAffectedRows ?? 0);
  const knownFamilies = arrivingFamilies - createdCount;
  const householdCounts = {
    householdsCreated: createdCount,
    householdsChanged: Number(householdsChanged.numAffectedRows ?? 0),
  };
  // Every arriving family is new: reading all arriving rows again to find none known cost seconds at 1M.
  if (knownFamilies === 0) {
    return {
      ...householdCounts,
      membersCreated: membersCreatedInNewFamilies,
      membersChanged: 0,
      fieldChanges: Number(householdChanges.numAffectedRows ?? 0),
    };
  }

  // Members of families already in the registry are compared with what it holds.
  await sql`drop table if exists arriving_member`.execute(db);
  await sql`
    create temp table arriving_member on commit drop as
    select a.kk_number, h.id as household_id, ${MEMBER_KEY} as member_key, a.nik, a.nik_absence_reason, a.full_name,
           a.sex, a.birth_place, a.birth_date, a.relationship, a.marital_status, a.occupation, a.ref, a.row_number
    from (select * from ${arriving}) a
    join (select h.* from arriving_household x
          join household h using (kk_number, kelurahan_code, rw, rt)
          where not exists (select 1 from created_household c where c.id = h.id)) h
      using (kk_number, kelurahan_code, rw, rt)`.execute(db);
  await matchMembersByNameAndBirthDate(db, { submissionId, actorUserId });
  await sql`drop table if exists known_member`.execute(db);
  await sql`
    create temp table known_member on commit drop as
    select distinct on (a.household_id, a.member_key) a.*
    from arriving_member a
    join household_member m on m.kk_number = a.kk_number and m.household_id = a.household_id and m.member_key = a.member_key
    order by a.household_id, a.member_key, a.row_number`.execute(db);

  const memberChanges = await sql`
    insert into registry_change (kk_number, household_id, member_id, field, old_value, new_value, reason, changed_by,
                                 source_submission_id, source_row_number)
    select m.kk_number, m.household_id, m.id, c.field, c.old_value, c.new_value, 'intake', ${actorUserId},
           ${submissionId}, a.row_number
    from known_member a
    join household_member m using (kk_number, household_id, member_key)
    cross join lateral (values ${changedFields(MEMBER_FIELDS, 'm', 'a')}) as c(field, old_value, new_value)
    where c.old_value is distinct from c.new_value`.execute(db);
  const membersChanged = await sql`
    update household_member m
    set nik_absence_reason = a.nik_absence_reason, full_name = a.full_name, sex = a.sex, birth_place = a.birth_place,
        birth_date = a.birth_date, relationship = a.relationship, marital_status = a.marital_status,
        occupation = a.occupation, updated_at = now()
    from known_member a
    where m.kk_number = a.kk_number and m.household_id = a.household_id and m.member_key = a.member_key
      and (m.nik_absence_reason, m.full_name, m.sex, m.birth_place, m.birth_date, m.relationship, m.marital_status,
           m.occupation)
          is distinct from (a.nik_absence_reason, a.full_name, a.sex, a.birth_place, a.birth_date, a.relationship,
           a.marital_status, a.occupation)`.execute(db);
  // Inserting in index order keeps the B-tree writes sequential; a person repeated inside one family is
  // inserted once, from their first row: the conflict skips the rest.
  // A member joining a family the registry holds is part of its history ('member': nothing → the name).
  const knownFamilyMembersCreated = await sql`
    with added as (
      insert into household_member (kk_number, household_id, member_key, nik, nik_absence_reason, full_name, sex,
                                    birth_place, birth_date, relationship, marital_status, occupation, ref,
                                    source_submission_id, source_row_number)
      select kk_number, household_id, member_key, nik, nik_absence_reason, full_name, sex, birth_place, birth_date,
             relationship, marital_status, occupation, ref, ${submissionId}, row_number
      from arriving_member
      order by household_id, member_key, row_number
      on conflict (household_id, member_key, kk_number) do nothing
      returning kk_number, household_id, id, full_name, source_row_number
    )
    insert into registry_change (kk_number, household_id, member_id, field, old_value, new_value, reason, changed_by,
                                 source_submission_id, source_row_number)
    select kk_number, household_id, id, 'member', null, full_name, 'intake', ${actorUserId}, ${submissionId},
           source_row_number
    from added`.execute(db);
  const membersCreated = membersCreatedInNewFamilies + Number(knownFamilyMembersCreated.numAffectedRows ?? 0);

  return {
    ...householdCounts,
    membersCreated,
    membersChanged: Number(membersChanged.numAffectedRows ?? 0),
    fieldChanges: Number(householdChanges.numAffectedRows ?? 0) + Number(memberChanges.numAffectedRows ?? 0),
  };
}

/**
 * A listing may give a member an NIK the registry lacked or had wrong, or leave out one it had. The arriving row is
 * that member when the family holds exactly one member of the same name and birth date under another key, who is
 * not arriving under that key too: a new NIK is recorded as a change of the member's NIK (and its key); a row
 * without one is the member as the registry knows them. Anything less certain arrives as a member of its own.
 */
async function matchMembersByNameAndBirthDate(
  db: DatabaseClient,
  { submissionId, actorUserId }: { submissionId: number; actorUserId: number | null },
): Promise<void> {
  await sql`drop table if exists matched_member`.execute(db);
  await sql`
    create temp table matched_member on commit drop as
    select a.row_number, a.kk_number, a.household_id, a.member_key as arriving_key, a.nik as arriving_nik,
           m.id as member_id, m.member_key, m.nik
    from arriving_member a
    join household_member m
      on m.kk_number = a.kk_number and m.household_id = a.household_id and m.member_key <> a.member_key
     and lower(m.full_name) = lower(a.full_name) and m.birth_date = a.birth_date
    where not exists (select 1 from household_member k
                      where k.kk_number = a.kk_number and k.household_id = a.household_id
                        and k.member_key = a.member_key)
      and not exists (select 1 from arriving_member o
                      where o.kk_number = m.kk_number and o.household_id = m.household_id
                        and o.member_key = m.member_key)`.execute(db);
  await sql`
    delete from matched_member x
    where exists (select 1 from matched_member y where y.row_number = x.row_number and y.member_id <> x.member_id)
       or exists (select 1 from matched_member y where y.member_id = x.member_id and y.row_number <> x.row_number)
       or exists (select 1 from matched_member y
                  where y.household_id = x.household_id and y.arriving_key = x.arriving_key
                    and y.row_number <> x.row_number)`.execute(db);
  await sql`
    insert into registry_change (kk_number, household_id, member_id, field, old_value, new_value, reason, changed_by,
                                 source_submission_id, source_row_number)
    select kk_number, household_id, member_id, 'nik', nik, arriving_nik, 'intake', ${actorUserId}, ${submissionId},
           row_number
    from matched_member where arriving_nik is not null`.execute(db);
  await sql`
    update household_member h
    set nik = x.arriving_nik, member_key = x.arriving_key, updated_at = now()
    from matched_member x
    where h.kk_number = x.kk_number and h.household_id = x.household_id and h.id = x.member_id
      and x.arriving_nik is not null`.execute(db);
  await sql`
    update arriving_member a set member_key = x.member_key, nik = x.nik
    from matched_member x
    where a.row_number = x.row_number and x.arriving_nik is null`.execute(db);
}
