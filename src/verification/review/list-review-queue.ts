import type { SessionUser } from '../../auth/session-user.ts';
import type { DatabaseClient } from '../../db/database.ts';
import { differingFieldsOf } from './pair-comparison.ts';
import { countQueueByKelurahan, listQueuePairs, type QueueOrder } from './review-repository.ts';
import {
  currentRunFor,
  evenWeightOf,
  matchProportionOf,
  probabilityAt,
  reviewAreaOf,
  thresholdsOf,
} from './review-run.ts';

export interface ListReviewQueueOptions {
  db: DatabaseClient;
  user: SessionUser;
  /** A part of the user's area to look at (its own current run); the user's whole area by default. */
  areaCode?: string;
  kelurahanCode?: string;
  kind?: 'registry' | 'ministry';
  order: QueueOrder;
  page: number;
  pageSize: number;
}

/** Undecided review-band pairs of the current run in the user's area, heaviest or most uncertain first. */
export async function listReviewQueue({
  db,
  user,
  areaCode,
  kelurahanCode,
  kind,
  order,
  page,
  pageSize,
}: ListReviewQueueOptions) {
  const area = reviewAreaOf(user, areaCode);
  const run = await currentRunFor({ db, user, areaCode: area });
  if (!run) return { run: null, pairs: [], total: 0, kelurahan: [] };
  const scope = { areaCode: area, rw: null };
  const matchProportion = matchProportionOf(run.model);
  const filter = { runId: run.id, scope, kelurahanCode, kind };
  const [{ pairs, total }, kelurahan] = await Promise.all([
    listQueuePairs(db, {
      ...filter,
      order,
      evenWeight: evenWeightOf(matchProportion),
      limit: pageSize,
      offset: (page - 1) * pageSize,
    }),
    countQueueByKelurahan(db, filter),
  ]);
  return {
    run: {
      id: run.id,
      areaCode: run.area_code,
      finishedAt: run.finished_at ? new Date(run.finished_at).toISOString() : null,
      thresholds: thresholdsOf(run.thresholds),
    },
    total,
    kelurahan,
    pairs: pairs.map((pair) => ({
      pairKey: pair.pair_key,
      runId: run.id,
      kind: pair.kind === 'ministry' ? ('ministry' as const) : ('registry' as const),
      weight: pair.weight,
      probability: probabilityAt(pair.weight, matchProportion),
      kelurahanCode: pair.left_kelurahan_code,
      kelurahanName: pair.left_kelurahan_name,
      leftName: pair.left_name,
      rightName: pair.right_name,
      programme: pair.ministry_programme,
      period: pair.ministry_period,
      crossFamily:
        pair.kind === 'registry' &&
        pair.right_household_id !== null &&
        pair.right_household_id !== pair.left_household_id,
      differingFields: differingFieldsOf(pair.levels ?? {}),
      rejectedMergeReason: pair.rejected_merge_reason,
    })),
  };
}
