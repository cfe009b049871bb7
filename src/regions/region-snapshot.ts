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
    hasProvince: lastAnswerKept((code) => code.length === 2 && current.has(code)),
    hasDistrict: lastAnswerKept((code) => code.length === 8 && current.has(code)),
    hasVillage: lastAnswerKept((code) => code.length === 13 && current.has(code)),
    retiredDistrict: (code) => retired.get(code),
    snapshot,
  };
}

// Rows of a family follow each other and repeat their codes: the last code's answer is kept, which spares most
// lookups in a set of ninety thousand codes.
function lastAnswerKept(answer: (code: string) => boolean): (code: string) => boolean {
  let lastCode: string | undefined;
  let lastAnswer = false;
  return (code) => {
    if (code !== lastCode) {
      lastAnswer = answer(code);
      lastCode = code;
    }
    return lastAnswer;
  };
}
