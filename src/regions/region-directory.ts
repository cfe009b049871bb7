import type { DatabaseClient } from '../db/database.ts';
import type { RegionDirectory } from '../intake/validate-intake-row.ts';
import { listAllRegions } from './region-repository.ts';

/** An in-memory view of the region table for validating millions of rows without a query each. */
export async function loadRegionDirectory({ db }: { db: DatabaseClient }): Promise<RegionDirectory> {
  const regions = await listAllRegions(db);
  const current = new Set<string>();
  const retired = new Map<string, { successorCodes: string[]; name: string }>();
  for (const region of regions) {
    if (region.retired)
      retired.set(region.code, { successorCodes: region.successorCodes, name: region.name });
    else current.add(region.code);
  }
  return {
    hasProvince: (code) => current.has(code) && code.length === 2,
    hasDistrict: (code) => current.has(code) && code.length === 8,
    hasVillage: (code) => current.has(code) && code.length === 13,
    retiredDistrict: (code) => retired.get(code),
  };
}

const directoryCache = new WeakMap<
  DatabaseClient,
  { loadedAt: number; directory: Promise<RegionDirectory> }
>();
const DIRECTORY_TTL_MS = 5 * 60 * 1000;

/** The region directory, reloaded at most every five minutes (regions change rarely). */
export function cachedRegionDirectory({ db }: { db: DatabaseClient }): Promise<RegionDirectory> {
  const cached = directoryCache.get(db);
  if (cached && Date.now() - cached.loadedAt < DIRECTORY_TTL_MS) return cached.directory;
  const directory = loadRegionDirectory({ db });
  directoryCache.set(db, { loadedAt: Date.now(), directory });
  directory.catch(() => directoryCache.delete(db));
  return directory;
}
