import type { DatabaseClient } from '../../db/database.ts';
import { countPairsByBand, findLatestCompletedRun } from '../review/review-repository.ts';
import { matchProportionOf, probabilityAt, thresholdsOf } from '../review/review-run.ts';
import type { TThresholdsView } from './settings-contracts.ts';
import { findThresholdSetting } from './settings-repository.ts';

/** The match and review thresholds, what they mean as probabilities, and how the latest run's pairs fell. */
export async function viewThresholds({ db }: { db: DatabaseClient }): Promise<TThresholdsView> {
  const [setting, run] = await Promise.all([findThresholdSetting(db), findLatestCompletedRun(db)]);
  const runThresholds = run ? thresholdsOf(run.thresholds) : null;
  const matchProportion = run ? matchProportionOf(run.model) : null;
  const current = setting
    ? { match: setting.match_threshold, review: setting.review_threshold, source: 'setting' as const }
    : runThresholds
      ? { ...runThresholds, source: 'latest_run' as const }
      : null;
  const bands = run ? await countPairsByBand(db, run.id) : [];
  return {
    current,
    setting: setting
      ? {
          match: setting.match_threshold,
          review: setting.review_threshold,
          updatedAt: new Date(setting.updated_at).toISOString(),
          updatedBy: { username: setting.updated_by_username, fullName: setting.updated_by_name },
        }
      : null,
    probabilities: {
      match: current ? probabilityAt(current.match, matchProportion) : null,
      review: current ? probabilityAt(current.review, matchProportion) : null,
    },
    latestRun: run
      ? {
          id: run.id,
          areaCode: run.area_code,
          finishedAt: run.finished_at ? new Date(run.finished_at).toISOString() : null,
          matchProportion,
          thresholds: runThresholds,
          bands: Object.fromEntries(bands.map((band) => [band.band, band.count])),
        }
      : null,
  };
}
