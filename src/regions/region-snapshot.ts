import type { RegionDirectory } from '../intake/validate-intake-row.ts';

/** Region codes as plain data, so validation worker threads can rebuild the directory without the database. */
export interface RegionSnapshot {
  current: string[];
  retired: [string, { successorCodes: string[]; name: string }][];
}

export function directoryFromSnapshot(
  snapshot: RegionSnapshot,
): RegionDirectory & { snapshot: RegionSnapshot } {
  const current = new Set(snapshot.current);
  const retired = new Map(snapshot.retired);
  return {
    hasProvince: (code) => current.has(code) && code.length === 2,
    hasDistrict: (code) => current.has(code) && code.length === 8,
    hasVillage: (code) => current.has(code) && code.length === 13,
    retiredDistrict: (code) => retired.get(code),
    snapshot,
  };
}
