import type { DatabaseClient } from '../db/database.ts';
import { loadRegionCatalog } from './region-catalog.ts';
import { countRegionsByLevel, markRegionRetired, upsertRegions } from './region-repository.ts';
import { RETIRED_DISTRICTS } from './retired-regions.ts';

/** Loads every province, kota/kabupaten, kecamatan and kelurahan/desa with its Kemendagri code. */
export async function importRegionCatalog({ db }: { db: DatabaseClient }): Promise<{ regions: number }> {
  const catalog = await loadRegionCatalog();
  const all = [...catalog.provinces, ...catalog.regencies, ...catalog.districts, ...catalog.villages];
  await upsertRegions(db, all);
  for (const retired of RETIRED_DISTRICTS) {
    await markRegionRetired(db, {
      code: retired.code,
      name: retired.name,
      level: 3,
      parentCode: retired.code.slice(0, 5),
      successorCodes: retired.successorCodes,
      note: retired.note,
    });
  }
  return { regions: all.length };
}

/** Loads the catalog on a database that has no regions yet: every row check needs it. */
export async function ensureRegionCatalog({ db }: { db: DatabaseClient }): Promise<boolean> {
  const levels = await countRegionsByLevel(db);
  if (levels[4]) return false;
  await importRegionCatalog({ db });
  return true;
}
