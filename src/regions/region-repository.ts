import { sql } from 'kysely';
import type { DatabaseClient } from '../db/database.ts';
import type { RegionEntry } from './region-catalog.ts';

export interface RegionSummary {
  code: string;
  level: number;
  name: string;
  parentCode: string | null;
  latitude: number | null;
  longitude: number | null;
  retired: boolean;
  successorCodes: string[];
}

export async function upsertRegions(db: DatabaseClient, regions: RegionEntry[]): Promise<void> {
  for (let start = 0; start < regions.length; start += 5000) {
    const batch = regions.slice(start, start + 5000);
    await db
      .insertInto('region')
      .values(
        batch.map((region) => ({
          code: region.code,
          level: region.level,
          name: region.name,
          parent_code: region.parentCode,
        })),
      )
      .onConflict((conflict) =>
        conflict.column('code').doUpdateSet({
          name: (eb) => eb.ref('excluded.name'),
          level: (eb) => eb.ref('excluded.level'),
          parent_code: (eb) => eb.ref('excluded.parent_code'),
        }),
      )
      .execute();
  }
}

export async function markRegionRetired(
  db: DatabaseClient,
  region: {
    code: string;
    name: string;
    level: number;
    parentCode: string | null;
    successorCodes: string[];
    note: string;
  },
): Promise<void> {
  await db
    .insertInto('region')
    .values({
      code: region.code,
      name: region.name,
      level: region.level,
      parent_code: region.parentCode,
      retired: true,
      successor_codes: region.successorCodes,
      note: region.note,
    })
    .onConflict((conflict) =>
      conflict
        .column('code')
        .doUpdateSet({ retired: true, successor_codes: region.successorCodes, note: region.note }),
    )
    .execute();
}

export async function updateRegionGeometry(
  db: DatabaseClient,
  geometry: { code: string; latitude: number; longitude: number; boundary: unknown }[],
): Promise<{ updated: number; unknownCodes: string[] }> {
  let updated = 0;
  const unknownCodes: string[] = [];
  for (const item of geometry) {
    const result = await db
      .updateTable('region')
      .set({ latitude: item.latitude, longitude: item.longitude, boundary: JSON.stringify(item.boundary) })
      .where('code', '=', item.code)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) unknownCodes.push(item.code);
    else updated++;
  }
  return { updated, unknownCodes };
}

function toSummary(row: {
  code: string;
  level: number;
  name: string;
  parent_code: string | null;
  latitude: number | null;
  longitude: number | null;
  retired: boolean;
  successor_codes: string[];
}): RegionSummary {
  return {
    code: row.code,
    level: row.level,
    name: row.name,
    parentCode: row.parent_code,
    latitude: row.latitude,
    longitude: row.longitude,
    retired: row.retired,
    successorCodes: row.successor_codes,
  };
}

const summaryColumns = [
  'code',
  'level',
  'name',
  'parent_code',
  'latitude',
  'longitude',
  'retired',
  'successor_codes',
] as const;

export async function listAllRegions(db: DatabaseClient): Promise<RegionSummary[]> {
  const rows = await db.selectFrom('region').select(summaryColumns).orderBy('code').execute();
  return rows.map(toSummary);
}

export async function listChildRegions(
  db: DatabaseClient,
  parentCode: string | null,
): Promise<RegionSummary[]> {
  const rows = await db
    .selectFrom('region')
    .select(summaryColumns)
    .where((eb) => (parentCode === null ? eb('parent_code', 'is', null) : eb('parent_code', '=', parentCode)))
    .where('retired', '=', false)
    .orderBy('code')
    .execute();
  return rows.map(toSummary);
}

export async function findRegion(db: DatabaseClient, code: string): Promise<RegionSummary | undefined> {
  const row = await db
    .selectFrom('region')
    .select(summaryColumns)
    .where('code', '=', code)
    .executeTakeFirst();
  return row ? toSummary(row) : undefined;
}

export async function listKelurahanBoundaries(
  db: DatabaseClient,
  areaPrefix: string,
): Promise<
  { code: string; name: string; latitude: number | null; longitude: number | null; boundary: unknown }[]
> {
  return db
    .selectFrom('region')
    .select(['code', 'name', 'latitude', 'longitude', 'boundary'])
    .where('level', '=', 4)
    .where('boundary', 'is not', null)
    .where(sql<boolean>`code like ${`${areaPrefix}%`}`)
    .orderBy('code')
    .execute();
}

export async function countRegionsByLevel(
  db: DatabaseClient,
  provinceCode?: string,
): Promise<Record<number, number>> {
  let query = db
    .selectFrom('region')
    .select(['level', sql<number>`count(*)::int`.as('count')])
    .where('retired', '=', false);
  if (provinceCode) query = query.where(sql<boolean>`code like ${`${provinceCode}%`}`);
  const rows = await query.groupBy('level').execute();
  return Object.fromEntries(rows.map((row) => [row.level, row.count]));
}
