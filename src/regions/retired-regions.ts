/**
 * District codes that were retired when a region was split or renumbered. NIKs issued before the
 * change still carry the old code, so intake treats them as a warning naming the successors.
 * Extend with `tepat regions import` of a file listing retired codes when the office learns of more.
 */
export interface RetiredRegion {
  code: string;
  name: string;
  successorCodes: string[];
  note: string;
}

// Shipped empty: the office records splits it has confirmed with `tepat regions retire`.
export const RETIRED_DISTRICTS: RetiredRegion[] = [];
