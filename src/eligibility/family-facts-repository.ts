// The facts of every family of an area gathered set-based in one query and read in batches through a cursor.
import { sql } from 'kysely';
import type pg from 'pg';
import { copyOutLines, parseCopyLine } from '../db/copy-out.ts';
import type { DatabaseClient } from '../db/database.ts';
import { ministryHitsSql } from './ministry-membership-repository.ts';
import type { FamilyFacts } from './rules.ts';

const HEAD = sql`(relationship in ('head', 'KEPALA KELUARGA'))`;
// Members are numbered head first, then by birth date: "member 3" in a reason is the third on this list.
const ORDER_KEY = (alias: string) =>
  sql`(case when ${sql.ref(`${alias}.relationship`)} in ('head', 'KEPALA KELUARGA') then 0 else 1 end,
       coalesce(${sql.ref(`${alias}.birth_date`)}, '9999-12-31'::date), ${sql.ref(`${alias}.id`)})`;

export interface FamilyFactsOptions {
  /** Region code prefix of the families decided (a kota such as 31.74, or a province). */
  areaCode: string;
  periods: readonly string[];
  programmes: readonly string[];
  /** The signed lists the previous cycle used, to see families that moved within the province. */
  previousDeterminationIds: readonly number[];
}

function areaCondition(areaCode: string) {
  return sql`(h.kelurahan_code = ${areaCode} or h.kelurahan_code like ${`${areaCode}.%`})`;
}

/** The facts query: one row per family of the area; see FamilyFacts for what each column means. */
export function familyFactsQuery({
  areaCode,
  periods,
  programmes,
  previousDeterminationIds,
}: FamilyFactsOptions) {
  return sql`
    with family as materialized (
      select h.kk_number, h.id, h.kelurahan_code, h.rw, h.rt, h.status, h.merged_into_household_id, h.address,
             h.fixed_income, h.covid_affected, h.source_submission_id is not null as listed_through_kelurahan
      from household h
      where ${areaCondition(areaCode)}
    ),
    area_member as materialized (
      select m.kk_number, m.household_id, m.id, m.nik, m.full_name, m.life_status, m.death_date, m.moved,
             ${HEAD} as is_head
      from household h
      join household_member m on m.kk_number = h.kk_number and m.household_id = h.id
      where ${areaCondition(areaCode)}
    ),
    member_summary as (
      select m.kk_number, m.household_id,
             count(*)::int as member_count,
             count(*) filter (where m.life_status <> 'deceased')::int as living_count,
             count(*) filter (where m.life_status <> 'deceased' and m.nik is not null)::int as nik_count,
             coalesce(bool_and(m.moved) filter (where m.life_status <> 'deceased'), false) as all_living_moved,
             min(m.id) filter (where m.is_head) as head_member_id,
             min(m.full_name) filter (where m.is_head) as head_name,
             bool_or(m.life_status = 'deceased') filter (where m.is_head) as head_deceased,
             min(m.death_date) filter (where m.is_head) as head_death_date
      from area_member m
      group by m.kk_number, m.household_id
    ),
    hit as (${ministryHitsSql({ areaCondition: areaCondition(areaCode), periods, programmes })}),
    hit_summary as (
      select hit.kk_number, hit.household_id,
             jsonb_agg(jsonb_build_object(
               'ordinal', (select count(*)::int + 1 from household_member x
                           join household_member m on m.kk_number = hit.kk_number and m.household_id = hit.household_id
                             and m.id = hit.member_id
                           where x.kk_number = hit.kk_number and x.household_id = hit.household_id
                             and ${ORDER_KEY('x')} < ${ORDER_KEY('m')}),
               'programme', hit.programme, 'period', hit.period, 'source', hit.source, 'review', hit.review)) as hits
      from hit
      group by hit.kk_number, hit.household_id
    ),
    previous as (
      select distinct on (d.kk_number) d.kk_number, d.kelurahan_code
      from eligibility_decision d
      where d.determination_id = any(${[-1, ...previousDeterminationIds]}::bigint[])
      order by d.kk_number, d.household_id
    )
    select f.id as household_id, f.kk_number, f.kelurahan_code, f.rw, f.rt, f.status, f.merged_into_household_id,
           f.address, f.fixed_income, f.covid_affected, f.listed_through_kelurahan,
           coalesce(s.member_count, 0) as member_count, coalesce(s.living_count, 0) as living_count,
           coalesce(s.nik_count, 0) as nik_count, coalesce(s.all_living_moved, false) as all_living_moved,
           s.head_member_id, s.head_name, s.head_deceased, s.head_death_date,
           heir.id as heir_member_id, heir.full_name as heir_name, heir.ordinal as heir_ordinal,
           hits.hits, previous.kelurahan_code as previous_kelurahan_code
    from family f
    left join member_summary s on s.kk_number = f.kk_number and s.household_id = f.id
    left join lateral (
      select m.id, m.full_name,
             (select count(*)::int + 1 from household_member x
              where x.kk_number = m.kk_number and x.household_id = m.household_id
                and ${ORDER_KEY('x')} < ${ORDER_KEY('m')}) as ordinal
      from household_member m
      where (s.head_deceased or (s.head_member_id is null and s.living_count > 0))
        and m.kk_number = f.kk_number and m.household_id = f.id and m.life_status <> 'deceased'
        and m.id is distinct from s.head_member_id
      order by (m.relationship in ('spouse', 'ISTRI', 'SUAMI')) desc, coalesce(m.birth_date, '9999-12-31'::date), m.id
      limit 1
    ) heir on true
    left join hit_summary hits on hits.kk_number = f.kk_number and hits.household_id = f.id
    left join previous on previous.kk_number = f.kk_number and previous.kelurahan_code <> f.kelurahan_code`;
}

interface FactsRow {
  household_id: number;
  kk_number: string;
  kelurahan_code: string;
  rw: string;
  rt: string;
  status: string;
  merged_into_household_id: number | null;
  address: string | null;
  fixed_income: boolean | null;
  covid_affected: boolean | null;
  listed_through_kelurahan: boolean;
  member_count: number;
  living_count: number;
  nik_count: number;
  all_living_moved: boolean;
  head_member_id: number | null;
  head_name: string | null;
  head_deceased: boolean | null;
  head_death_date: string | null;
  heir_member_id: number | null;
  heir_name: string | null;
  heir_ordinal: number | null;
  hits: { ordinal: number; programme: string; period: string; source: string; review: boolean }[] | null;
  previous_kelurahan_code: string | null;
}

function toFacts(row: FactsRow): FamilyFacts {
  const hits = row.hits ?? [];
  return {
    householdId: Number(row.household_id),
    kkNumber: row.kk_number,
    kelurahanCode: row.kelurahan_code,
    rw: row.rw,
    rt: row.rt,
    status: row.status,
    mergedIntoHouseholdId:
      row.merged_into_household_id === null ? null : Number(row.merged_into_household_id),
    address: row.address,
    fixedIncome: row.fixed_income,
    covidAffected: row.covid_affected,
    listedThroughKelurahan: row.listed_through_kelurahan,
    memberCount: row.member_count,
    livingCount: row.living_count,
    nikCount: row.nik_count,
    allLivingMoved: row.all_living_moved,
    head:
      row.head_member_id === null
        ? null
        : {
            memberId: Number(row.head_member_id),
            name: row.head_name ?? '',
            deceased: row.head_deceased === true,
            deathDate: row.head_death_date,
          },
    heir:
      row.heir_member_id === null
        ? null
        : { memberId: Number(row.heir_member_id), ordinal: row.heir_ordinal ?? 0, name: row.heir_name ?? '' },
    ministryHits: hits
      .filter((hit) => !hit.review)
      .map((hit) => ({
        memberOrdinal: hit.ordinal,
        programme: hit.programme,
        period: hit.period,
        source: hit.source === 'nik' ? 'nik' : 'verification',
      })),
    ministryReviews: hits
      .filter((hit) => hit.review)
      .map((hit) => ({
        memberOrdinal: hit.ordinal,
        programme: hit.programme,
        period: hit.period,
      })),
    previousKelurahanCode: row.previous_kelurahan_code,
  };
}

// The columns of the facts query, in order, as COPY text fields.
const FACT_COLUMNS = [
  'household_id',
  'kk_number',
  'kelurahan_code',
  'rw',
  'rt',
  'status',
  'merged_into_household_id',
  'address',
  'fixed_income',
  'covid_affected',
  'listed_through_kelurahan',
  'member_count',
  'living_count',
  'nik_count',
  'all_living_moved',
  'head_member_id',
  'head_name',
  'head_deceased',
  'head_death_date',
  'heir_member_id',
  'heir_name',
  'heir_ordinal',
  'hits',
  'previous_kelurahan_code',
] as const;

const bool = (value: string | null) => (value === null ? null : value === 't');
const int = (value: string | null) => (value === null ? null : Number(value));

// Fields by position (the order of FACT_COLUMNS): no intermediate object per family.
function factsRowOf(f: (string | null)[]): FactsRow {
  return {
    household_id: Number(f[0]),
    kk_number: f[1] ?? '',
    kelurahan_code: f[2] ?? '',
    rw: f[3] ?? '',
    rt: f[4] ?? '',
    status: f[5] ?? 'active',
    merged_into_household_id: int(f[6] ?? null),
    address: f[7] ?? null,
    fixed_income: bool(f[8] ?? null),
    covid_affected: bool(f[9] ?? null),
    listed_through_kelurahan: f[10] === 't',
    member_count: Number(f[11]),
    living_count: Number(f[12]),
    nik_count: Number(f[13]),
    all_living_moved: f[14] === 't',
    head_member_id: int(f[15] ?? null),
    head_name: f[16] ?? null,
    head_deceased: bool(f[17] ?? null),
    head_death_date: f[18] ?? null,
    heir_member_id: int(f[19] ?? null),
    heir_name: f[20] ?? null,
    heir_ordinal: int(f[21] ?? null),
    hits: f[22] ? JSON.parse(f[22]) : null,
    previous_kelurahan_code: f[23] ?? null,
  };
}

/** Puts parameters into the SQL text as literals: COPY (query) TO STDOUT takes no parameters. */
export function inlineParameters(
  query: { sql: string; parameters: readonly unknown[] },
  client: pg.PoolClient,
) {
  const literal = (value: unknown): string => {
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'number' || typeof value === 'bigint') return String(value);
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (Array.isArray(value))
      return client.escapeLiteral(
        `{${value.map((item) => `"${String(item).replace(/["\\]/g, (character) => `\\${character}`)}"`).join(',')}}`,
      );
    return client.escapeLiteral(String(value));
  };
  return query.sql.replace(/\$(\d+)/g, (_match, index: string) =>
    literal(query.parameters[Number(index) - 1]),
  );
}

/**
 * Streams the facts of every family of the area in batches with COPY … TO STDOUT (far faster than a cursor),
 * inside the caller's transaction on the caller's client (which can run nothing else until the stream ends).
 */
export async function* readFamilyFacts(
  client: pg.PoolClient,
  db: DatabaseClient,
  options: FamilyFactsOptions & { batchSize?: number },
): AsyncGenerator<FamilyFacts[]> {
  await client.query("set local work_mem = '256MB'");
  // Row estimates through the CTEs are poor (one row): without this the planner loops over the hits per family.
  await client.query('set local enable_nestloop = off');
  const text = inlineParameters(familyFactsQuery(options).compile(db), client);
  for await (const lines of copyOutLines(client, text, options.batchSize ?? 10_000)) {
    yield lines.map((line) => {
      const fields = parseCopyLine(line);
      if (fields.length !== FACT_COLUMNS.length)
        throw new Error(
          `The facts query gave ${fields.length} columns, the parser expects ${FACT_COLUMNS.length}`,
        );
      return toFacts(factsRowOf(fields));
    });
  }
}

/** Families of the area that are not merged duplicates, counted in SQL. */
export async function countFamilies(db: DatabaseClient, areaCode: string): Promise<number> {
  const result = await sql<{ count: number }>`
    select count(*)::int as count from household h where ${areaCondition(areaCode)} and h.status <> 'merged'`.execute(
    db,
  );
  return result.rows[0]?.count ?? 0;
}

/**
 * A fingerprint of everything a list of the area depends on: families, members, recorded changes, the
 * ministry lists of the cycle's months and verification results. Any edit since preparing changes it.
 */
export async function sourceFingerprint(
  db: DatabaseClient,
  { areaCode, periods }: { areaCode: string; periods: readonly string[] },
): Promise<string> {
  return (await sourceFingerprints(db, { areaCodes: [areaCode], periods })).get(areaCode) ?? '';
}

/**
 * The fingerprints of several areas of one code length (kotas) from one pass over the registry tables;
 * each is the same as sourceFingerprint of that area alone.
 */
export async function sourceFingerprints(
  db: DatabaseClient,
  { areaCodes, periods }: { areaCodes: readonly string[]; periods: readonly string[] },
): Promise<Map<string, string>> {
  const lengths = new Set(areaCodes.map((code) => code.length));
  if (lengths.size > 1) {
    const fingerprints = new Map<string, string>();
    for (const areaCode of areaCodes)
      fingerprints.set(areaCode, await sourceFingerprint(db, { areaCode, periods }));
    return fingerprints;
  }
  const length = [...lengths][0] ?? 0;
  const areas = [...areaCodes];
  // The area a kelurahan belongs to: its code cut to the areas' length, when it is one of them.
  const areaOf = sql`left(h.kelurahan_code, ${length})`;
  const inAreas = sql`${areaOf} = any(${areas}::text[]) and (h.kelurahan_code = ${areaOf} or substr(h.kelurahan_code, ${length + 1}, 1) = '.')`;
  const result = await sql<{ area: string; fingerprint: string }>`
    with families as (
      select ${areaOf} as area, concat_ws(':', count(*), max(h.updated_at), max(h.created_at), sum(h.id)) as part
      from household h where ${inAreas} group by 1
    ),
    members as (
      select ${areaOf} as area,
             concat_ws(':', count(*), max(m.updated_at), max(m.created_at),
                       count(*) filter (where m.life_status = 'deceased'), count(*) filter (where m.moved)) as part
      from household h join household_member m on m.kk_number = h.kk_number and m.household_id = h.id
      where ${inAreas} group by 1
    ),
    changes as (
      select ${areaOf} as area, concat_ws(':', count(*), max(c.id)) as part
      from household h join registry_change c on c.kk_number = h.kk_number and c.household_id = h.id
      where ${inAreas} group by 1
    ),
    elsewhere as (
      select concat_ws('|',
        (select string_agg(l.id::text, ',' order by l.id) from ministry_list l
         where l.status = 'active' and l.period = any(${[...periods]}::text[])),
        (select max(r.id) from verification_run r where r.status = 'completed'),
        (select concat_ws(':', count(*), max(d.decided_at)) from match_decision d where d.kind = 'ministry')
      ) as part
    )
    select a.area, md5(concat_ws('|', coalesce(f.part, '0'), coalesce(m.part, '0'), coalesce(c.part, '0'),
                                 (select part from elsewhere))) as fingerprint
    from unnest(${areas}::text[]) a(area)
    left join families f on f.area = a.area
    left join members m on m.area = a.area
    left join changes c on c.area = a.area`.execute(db);
  return new Map(result.rows.map((row) => [row.area, row.fingerprint]));
}
