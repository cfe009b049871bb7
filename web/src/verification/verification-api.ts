// Requests of the verification screens: runs, the review queue, pair decisions, merges and thresholds.
import { api, apiRequest, currentLanguage } from '../api/client.ts';

export type RunStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface VerificationRun {
  id: number;
  areaCode: string;
  status: RunStatus;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  stagesDone: string[];
  progress: { stage?: string; done?: number; total?: number };
  thresholds: { match: number; review: number } | null;
  figures: Record<string, number>;
  error: string | null;
}

export type Agreement = 'agree' | 'partial' | 'disagree' | 'missing';
export type PairKind = 'registry' | 'ministry';
export type QueueOrder = 'weight' | 'uncertainty';

export interface QueueItem {
  pairKey: string;
  runId: number;
  kind: PairKind;
  weight: number;
  probability: number | null;
  kelurahanCode: string;
  kelurahanName: string | null;
  leftName: string | null;
  rightName: string | null;
  programme: string | null;
  period: string | null;
  crossFamily: boolean;
  differingFields: string[];
  rejectedMergeReason: string | null;
}

export interface ReviewQueue {
  run: {
    id: number;
    areaCode: string;
    finishedAt: string | null;
    thresholds: { match: number; review: number } | null;
  } | null;
  pairs: QueueItem[];
  total: number;
  kelurahan: { code: string; name: string | null; count: number }[];
}

export interface QueueSearch {
  /** A part of the user's area whose own run to review ('' = the user's area). */
  areaCode: string;
  kelurahanCode: string;
  kind: '' | PairKind;
  order: QueueOrder;
  page: number;
}

export interface FamilyMember {
  id: number;
  fullName: string;
  nik: string | null;
  relationship: string | null;
  sex: string | null;
  birthDate: string | null;
  lifeStatus: string;
}

export interface RegistrySide {
  source: 'registry';
  memberId: number;
  householdId: number;
  householdStatus: string;
  kkNumber: string;
  nik: string | null;
  fullName: string;
  sex: string | null;
  birthPlace: string | null;
  birthDate: string | null;
  relationship: string | null;
  lifeStatus: string;
  moved: boolean;
  address: string | null;
  rt: string;
  rw: string;
  kelurahanCode: string;
  kelurahanName: string | null;
  ref: string | null;
  members: FamilyMember[];
}

export interface MinistrySide {
  source: 'ministry';
  programme: string;
  period: string;
  listId: number;
  rowNumber: number;
  ref: string | null;
  nik: string | null;
  kkNumber: string | null;
  fullName: string | null;
  sex: string | null;
  birthDate: string | null;
  regionCode: string | null;
  regionName: string | null;
}

export interface FieldComparison {
  field: string;
  level: string;
  agreement: Agreement;
  weight: number;
  termFrequencyAdjustment: number | null;
  leftValue: string | null;
  rightValue: string | null;
}

export interface Decision {
  decision: 'same_person' | 'different_people';
  reason: string;
  decidedBy: { id: number; username: string | null; fullName: string | null };
  decidedAt: string;
  mergeStatus: 'awaiting_second_review' | 'confirmed' | 'rejected' | null;
  secondReviewer: { username: string | null; fullName: string | null } | null;
  secondReviewedAt: string | null;
  secondReason: string | null;
}

export interface PairDetail {
  pairKey: string;
  runId: number;
  kind: PairKind;
  band: string;
  weight: number;
  probability: number | null;
  thresholds: { match: number; review: number } | null;
  crossFamily: boolean;
  revealed: boolean;
  left: RegistrySide;
  right: RegistrySide | MinistrySide;
  comparison: FieldComparison[];
  decision: Decision | null;
  open: boolean;
}

export interface AwaitingMerge {
  pairKey: string;
  runId: number;
  reason: string;
  decidedAt: string;
  decidedBy: { id: number; username: string | null; fullName: string | null };
  mine: boolean;
  weight: number;
  leftHouseholdId: number;
  rightHouseholdId: number | null;
  leftName: string | null;
  rightName: string | null;
  kelurahanCode: string;
}

export interface ThresholdsView {
  current: { match: number; review: number; source: 'setting' | 'latest_run' } | null;
  setting: {
    match: number;
    review: number;
    updatedAt: string;
    updatedBy: { username: string | null; fullName: string | null };
  } | null;
  probabilities: { match: number | null; review: number | null };
  latestRun: {
    id: number;
    areaCode: string;
    finishedAt: string | null;
    matchProportion: number | null;
    thresholds: { match: number; review: number } | null;
    bands: Record<string, number>;
  } | null;
}

export const verificationKeys = {
  all: ['verification'] as const,
  runs: ['verification', 'runs'] as const,
  queue: (search: QueueSearch) => ['verification', 'queue', search] as const,
  pair: (pairKey: string, runId: number | null, reveal: boolean) =>
    ['verification', 'pair', pairKey, runId, reveal] as const,
  merges: ['verification', 'merges'] as const,
  thresholds: ['verification', 'thresholds'] as const,
  household: (householdId: number) => ['verification', 'household', householdId] as const,
};

/** What the current verification run of a family's area found on each member. */
export interface FamilyVerification {
  runId: number | null;
  finishedAt: string | null;
  members: {
    memberId: number;
    status: string;
    reasons: string[];
    matchedRef: string | null;
    matchedSource: string | null;
    score: number | null;
  }[];
}

export const getHouseholdVerification = (householdId: number) =>
  api.get<FamilyVerification>(`/api/households/${householdId}/verification`);

export const QUEUE_PAGE_SIZE = 25;

export const DEFAULT_QUEUE_SEARCH: QueueSearch = {
  areaCode: '',
  kelurahanCode: '',
  kind: '',
  order: 'weight',
  page: 1,
};

/** The queue page's address for a search, so a reviewer comes back to the list they were working through. */
export function queuePath(search: QueueSearch = DEFAULT_QUEUE_SEARCH): string {
  const params = new URLSearchParams();
  if (search.areaCode) params.set('area', search.areaCode);
  if (search.kelurahanCode) params.set('kelurahan', search.kelurahanCode);
  if (search.kind) params.set('kind', search.kind);
  if (search.order !== 'weight') params.set('order', search.order);
  if (search.page > 1) params.set('page', String(search.page));
  const text = params.toString();
  return text ? `/verification/review?${text}` : '/verification/review';
}

export async function listRuns(): Promise<VerificationRun[]> {
  const { runs } = await api.get<{ runs: VerificationRun[] }>('/api/verification/runs');
  return runs;
}

export async function startRun(areaCode?: string): Promise<VerificationRun> {
  const { run } = await api.post<{ run: VerificationRun }>(
    '/api/verification/runs',
    areaCode ? { areaCode } : {},
  );
  return run;
}

export function getQueue(search: QueueSearch): Promise<ReviewQueue> {
  return api.get<ReviewQueue>('/api/verification/review/pairs', { ...search, pageSize: QUEUE_PAGE_SIZE });
}

export async function getPair(pairKey: string, runId: number | null, reveal: boolean): Promise<PairDetail> {
  const { pair } = await api.get<{ pair: PairDetail }>('/api/verification/review/pair', {
    key: pairKey,
    runId,
    reveal,
  });
  return pair;
}

export function decidePair(body: {
  pairKey: string;
  runId: number;
  decision: 'same_person' | 'different_people';
  reason: string;
}) {
  return api.post<{ decision: Decision }>('/api/verification/review/decisions', body);
}

export async function listMerges(): Promise<AwaitingMerge[]> {
  const { merges } = await api.get<{ merges: AwaitingMerge[] }>('/api/verification/review/merges');
  return merges;
}

export function answerMerge(body: {
  pairKey: string;
  runId: number;
  answer: 'confirm' | 'reject';
  reason?: string;
}) {
  return api.post<{
    decision: Decision;
    merge: { mergedHouseholdId: number; intoHouseholdId: number } | null;
  }>('/api/verification/review/merges', body);
}

export function getThresholds(): Promise<ThresholdsView> {
  return api.get<ThresholdsView>('/api/verification/settings/thresholds');
}

export function setThresholds(body: { match: number; review: number }): Promise<ThresholdsView> {
  return apiRequest<ThresholdsView>('/api/verification/settings/thresholds', { method: 'PUT', body });
}

/** The pair page's address: the pair key travels in the query string (it holds '|' and '/'). */
export function pairPath(pairKey: string, runId: number): string {
  return `/verification/review/pair?${new URLSearchParams({ key: pairKey, run: String(runId) }).toString()}`;
}

/** Posterior probability of the same person at a weight, under a model whose prior is λ (as the server computes it). */
export function probabilityAt(weight: number, matchProportion: number | null | undefined): number | null {
  if (matchProportion === null || matchProportion === undefined || !Number.isFinite(weight)) return null;
  return 1 / (1 + 1 / ((matchProportion / (1 - matchProportion)) * 2 ** weight));
}

function percent(value: number): string {
  return `${value.toLocaleString(currentLanguage() === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 2 })}%`;
}

/** A posterior probability as a percentage a reviewer can read; the extremes are bounded, not rounded to 100%. */
export function formatProbability(probability: number | null): string {
  if (probability === null) return '–';
  if (probability > 0.9999) return `> ${percent(99.99)}`;
  if (probability < 0.0001) return `< ${percent(0.01)}`;
  return percent(probability * 100);
}

/** A weight in bits with its sign and two decimals, in the reader's number format. */
export function formatWeight(weight: number): string {
  const text = Math.abs(weight).toLocaleString(currentLanguage() === 'en' ? 'en-GB' : 'id-ID', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return `${weight < 0 ? '−' : '+'}${text}`;
}
