// Which run's results a reviewer works on, and what its model says about a weight.
import { scopeCovers } from '../../auth/area-scope.ts';
import type { SessionUser } from '../../auth/session-user.ts';
import type { DatabaseClient } from '../../db/database.ts';
import { forbidden, notFound } from '../../http/http-error.ts';
import { type CurrentRun, findCompletedRun, findCurrentRun } from './review-repository.ts';

export interface RunThresholds {
  match: number;
  review: number;
}

/**
 * The prior a pair's weight still needs to become a probability. A run that stores `priorLogOdds` has put
 * the prior into every weight already (weights are posterior log-odds): its answer is an even ½. Otherwise
 * λ of the run's model, the prior share of compared pairs that are the same person; a run stores
 * { model: MatchModel, ministryLists }, and a bare MatchModel is read too.
 */
export function matchProportionOf(stored: unknown): number | null {
  const outer = stored as {
    matchProportion?: unknown;
    model?: { matchProportion?: unknown };
    priorLogOdds?: unknown;
  } | null;
  if (outer?.priorLogOdds) return 0.5;
  const value = outer?.model?.matchProportion ?? outer?.matchProportion;
  return typeof value === 'number' && value > 0 && value < 1 ? value : null;
}

/** Posterior probability of the same person at this weight: 1 / (1 + 1 / (λ/(1−λ) · 2^w)). */
export function probabilityAt(weight: number, matchProportion: number | null): number | null {
  if (matchProportion === null || !Number.isFinite(weight)) return null;
  const priorOdds = matchProportion / (1 - matchProportion);
  return 1 / (1 + 1 / (priorOdds * 2 ** weight));
}

/** The weight at which the posterior is one half: the most uncertain pairs lie around it. */
export function evenWeightOf(matchProportion: number | null): number {
  if (matchProportion === null) return 0;
  return -Math.log2(matchProportion / (1 - matchProportion));
}

export function thresholdsOf(value: unknown): RunThresholds | null {
  const thresholds = value as { match?: unknown; review?: unknown } | null;
  if (typeof thresholds?.match !== 'number' || typeof thresholds.review !== 'number') return null;
  return { match: thresholds.match, review: thresholds.review };
}

/** The area a reviewer asks for: their own, or a part of it; never wider. */
export function reviewAreaOf(user: SessionUser, areaCode: string | undefined): string {
  if (areaCode === undefined || areaCode === '' || areaCode === user.areaCode) return user.areaCode;
  if (!scopeCovers({ areaCode: user.areaCode, rw: null }, areaCode))
    throw forbidden({
      en: `The area ${areaCode} lies outside your area`,
      id: `Wilayah ${areaCode} berada di luar wilayah Anda`,
    });
  return areaCode;
}

/** The current run of the area (latest completed run covering it), or null when none has completed yet. */
export async function currentRunFor({
  db,
  user,
  areaCode,
}: {
  db: DatabaseClient;
  user: SessionUser;
  areaCode?: string;
}): Promise<CurrentRun | null> {
  return (await findCurrentRun(db, reviewAreaOf(user, areaCode))) ?? null;
}

export async function requireCurrentRun(options: {
  db: DatabaseClient;
  user: SessionUser;
  areaCode?: string;
}): Promise<CurrentRun> {
  const run = await currentRunFor(options);
  if (!run)
    throw notFound({
      en: 'No completed verification run covers your area yet',
      id: 'Belum ada verifikasi selesai yang mencakup wilayah Anda',
    });
  return run;
}

/** The run a pair is looked up in: the one named (completed), or the current run of the user's area. */
export async function runForPair({
  db,
  user,
  runId,
}: {
  db: DatabaseClient;
  user: SessionUser;
  runId?: number;
}): Promise<CurrentRun> {
  if (runId === undefined) return requireCurrentRun({ db, user });
  const run = await findCompletedRun(db, runId);
  if (!run)
    throw notFound({
      en: `Verification run ${runId} has not completed or does not exist`,
      id: `Verifikasi ${runId} belum selesai atau tidak ada`,
    });
  return run;
}
