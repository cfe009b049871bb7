import type { DatabaseClient } from '../db/database.ts';
import type { RegionDirectory } from '../intake/validate-intake-row.ts';
import { listAllRegions } from './region-repository.ts';
import { directoryFromSnapshot, type RegionSnapshot } from './region-snapshot.ts';

export type CachedRegionDirectory = RegionDirectory & { snapshot: RegionSnapshot };

/** An in-memory view of the region table for validating millions of rows without a query each. */
export async function loadRegionDirectory({ db }: { db: DatabaseClient }): Promise<CachedRegionDirectory> {
  const regions = await listAllRegions(db);
  const snapshot: RegionSnapshot = { current: [], retired: [] };
  for (const region of regions) {
    if (region.retired)
      snapshot.retired.push([region.code, { successorCodes: region.successorCodes, name: region.name }]);
    else snapshot.current.push(region.code);
  }
  return directoryFromSnapshot(snapshot);
}

const directoryCache = new WeakMap<
  DatabaseClient,
  { loadedAt: number; directory: Promise<CachedRegionDirectory> }
>();
const DIRECTORY_TTL_MS = 5 * 60 * 1000;

/** The region directory, reloaded at most every five minutes (regions change rarely). */
export function cachedRegionDirectory({ db }: { db: DatabaseClient }): Promise<CachedRegionDirectory> {
  const cached = directoryCache.get(db);
  if (cached && Date.now() - cached.loadedAt < DIRECTORY_TTL_MS) return cached.directory;
  const directory = loadRegionDirectory({ db });
  directoryCache.set(db, { loadedAt: Date.now(), directory });
  directory.catch(() => directoryCache.delete(db));
  return directory;
}
