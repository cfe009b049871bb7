// The facts of every family of an area gathered set-based in one query and streamed with COPY … TO STDOUT.

import type { Readable } from 'node:stream';
import { sql } from 'kysely';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { copyOutLines } from '../db/copy-out.ts';
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

/**
 * The facts query: one row per family of the area (FACT_COLUMNS), streamed from the first family on: the members
 * of each family are summed up through the member key (kk_number, household_id) as the family is read, with no
 * copy of every member and no grouping of the whole registry first; the rare facts (an heir when the head died,
 * ministry hits with the member's position) are looked up only for the families that have them.
 */
export function familyFactsQuery({
  areaCode,
  periods,
  programmes,
  previousDeterminationIds,
}: FamilyFactsOptions) {
  return sql`
    with hit as (${ministryHitsSql({ areaCondition: areaCondition(areaCode), periods, programmes })}),
    hit_member as (
      select x.kk_number, x.household_id, x.id,
             row_number() over (partition by x.kk_number, x.household_id order by ${ORDER_KEY('x')}) as ordinal
      from household_member x
      where (x.kk_number, x.household_id) in (select hit.kk_number, hit.household_id from hit)
    ),
    hit_summary as (
      -- member|programme|period|source (n: NIK, v: verification)|r when awaiting review, comma separated
      select hit.kk_number, hit.household_id,
             string_agg(concat_ws('|', hm.ordinal, hit.programme, hit.period, hit.source,
                                  case when hit.review then 'r' else '' end), ','
                        order by hm.ordinal, hit.programme, hit.period, hit.source, hit.review) as hits
      from hit
      join hit_member hm on hm.kk_number = hit.kk_number and hm.household_id = hit.household_id
        and hm.id = hit.member_id
      group by hit.kk_number, hit.household_id
    )
    select h.id as household_id, h.kk_number, h.kelurahan_code, h.rw, h.rt, h.status, h.merged_into_household_id,
           h.address, h.fixed_income, h.covid_affected, h.source_submission_id is not null,
           coalesce(s.member_count, 0), coalesce(s.living_count, 0), coalesce(s.nik_count, 0),
           coalesce(s.all_living_moved, false), s.head_member_id, s.head_name, s.head_deceased, s.head_death_date,
           heir.id, heir.full_name, heir.ordinal, hits.hits, previous.kelurahan_code
    from household h
    left join lateral (
      select count(*)::int as member_count,
             count(*) filter (where m.life_status <> 'deceased')::int as living_count,
             count(*) filter (where m.life_status <> 'deceased' and m.nik is not null)::int as nik_count,
             coalesce(bool_and(m.moved) filter (where m.life_status <> 'deceased'), false) as all_living_moved,
             min(m.id) filter (where ${HEAD}) as head_member_id,
             min(m.full_name) filter (where ${HEAD}) as head_name,
             bool_or(m.life_status = 'deceased') filter (where ${HEAD}) as head_deceased,
             min(m.death_date) filter (where ${HEAD}) as head_death_date
      from household_member m
      where m.kk_number = h.kk_number and m.household_id = h.id
    ) s on true
    left join lateral (
      select m.id, m.full_name,
             (select count(*)::int + 1 from household_member x
              where x.kk_number = m.kk_number and x.household_id = m.household_id
                and ${ORDER_KEY('x')} < ${ORDER_KEY('m')}) as ordinal
      from household_member m
      where (s.head_deceased or (s.head_member_id is null and s.living_count > 0))
        and m.kk_number = h.kk_number and m.household_id = h.id and m.life_status <> 'deceased'
        and m.id is distinct from s.head_member_id
      order by (m.relationship in ('spouse', 'ISTRI', 'SUAMI')) desc, coalesce(m.birth_date, '9999-12-31'::date), m.id
      limit 1
    ) heir on true
    left join hit_summary hits on hits.kk_number = h.kk_number and hits.household_id = h.id
    ${
      // The KK's row on the previous signed lists (the first family of the KK), looked up by the list's key.
      previousDeterminationIds.length === 0
        ? sql`left join (select null::text as kelurahan_code) previous on false`
        : sql`left join lateral (
            select d.kelurahan_code from eligibility_decision d
            where d.kk_number = h.kk_number and d.determination_id = any(${[...previousDeterminationIds]}::bigint[])
            order by d.household_id
            limit 1
          ) previous on previous.kelurahan_code <> h.kelurahan_code`
    }
    where ${areaCondition(areaCode)}`;
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

// Most families have no ministry hit: they share one empty list.
const NO_HITS: FamilyFacts['ministryHits'] = [];
const NO_REVIEWS: FamilyFacts['ministryReviews'] = [];
Object.freeze(NO_HITS);
Object.freeze(NO_REVIEWS);

/** The ministry hits of a family from their text form (see hit_summary): matches and reviews apart. */
export function parseHits(text: string): Pick<FamilyFacts, 'ministryHits' | 'ministryReviews'> {
  const ministryHits: FamilyFacts['ministryHits'] = [];
  const ministryReviews: FamilyFacts['ministryReviews'] = [];
  for (const item of text.split(',')) {
    const [ordinal, programme = '', period = '', source, review] = item.split('|');
    const memberOrdinal = Number(ordinal);
    if (review === 'r') ministryReviews.push({ memberOrdinal, programme, period });
    else
      ministryHits.push({
        memberOrdinal,
        programme,
        period,
        source: source === 'n' ? 'nik' : 'verification',
      });
  }
  return {
    ministryHits: ministryHits.length > 0 ? ministryHits : NO_HITS,
    ministryReviews: ministryReviews.length > 0 ? ministryReviews : NO_REVIEWS,
  };
}

// COPY text fields: \N is null; backslash escapes are undone only where there is a backslash.
const text = (field: string | undefined): string | null => {
  if (field === undefined || field === '\\N') return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(.)/g, (_match, escaped: string) =>
    escaped === 't' ? '\t' : escaped === 'n' ? '\n' : escaped === 'r' ? '\r' : escaped,
  );
};
const bool = (field: string | undefined) => (field === 't' ? true : field === 'f' ? false : null);
const int = (field: string | undefined) => (field === undefined || field === '\\N' ? null : Number(field));

/** The facts of one family from one COPY text line of the facts query (fields by position, FACT_COLUMNS). */
export function parseFactsLine(line: string): FamilyFacts {
  const f = line.split('\t');
  if (f.length !== FACT_COLUMNS.length)
    throw new Error(`The facts query gave ${f.length} columns, the parser expects ${FACT_COLUMNS.length}`);
  const headMemberId = int(f[15]);
  const heirMemberId = int(f[19]);
  const hits = f[22] === '\\N' ? null : parseHits(f[22] as string);
  return {
    householdId: Number(f[0]),
    kkNumber: text(f[1]) ?? '',
    kelurahanCode: text(f[2]) ?? '',
    rw: text(f[3]) ?? '',
    rt: text(f[4]) ?? '',
    status: text(f[5]) ?? 'active',
    mergedIntoHouseholdId: int(f[6]),
    address: text(f[7]),
    fixedIncome: bool(f[8]),
    covidAffected: bool(f[9]),
    listedThroughKelurahan: f[10] === 't',
    memberCount: Number(f[11]),
    livingCount: Number(f[12]),
    nikCount: Number(f[13]),
    allLivingMoved: f[14] === 't',
    head:
      headMemberId === null
        ? null
        : {
            memberId: headMemberId,
            name: text(f[16]) ?? '',
            deceased: f[17] === 't',
            deathDate: text(f[18]),
          },
    heir:
      heirMemberId === null
        ? null
        : { memberId: heirMemberId, ordinal: int(f[21]) ?? 0, name: text(f[20]) ?? '' },
    ministryHits: hits ? hits.ministryHits : NO_HITS,
    ministryReviews: hits ? hits.ministryReviews : NO_REVIEWS,
    previousKelurahanCode: text(f[23]),
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
  const text = inlineParameters(familyFactsQuery(options).compile(db), client);
  for await (const lines of copyOutLines(client, text, options.batchSize ?? 10_000))
    yield lines.map(parseFactsLine);
}

/**
 * The facts of every family of the area as COPY text, one line per family (parseFactsLine reads one), streamed
 * inside the caller's transaction on the caller's client (which can run nothing else until the stream ends).
 */
export async function familyFactsStream(
  client: pg.PoolClient,
  db: DatabaseClient,
  options: FamilyFactsOptions,
): Promise<Readable> {
  await client.query("set local work_mem = '256MB'");
  const text = inlineParameters(familyFactsQuery(options).compile(db), client);
  return client.query(copyTo(`copy (${text}) to stdout`));
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
