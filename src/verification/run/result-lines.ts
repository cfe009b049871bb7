// COPY lines of verification results, written by the workers and streamed unchanged into PostgreSQL.
import { copyLine } from '../../db/copy-rows.ts';
import type { PairScore } from '../matching/fellegi-sunter.ts';
import type { StructureFinding } from './person-structure.ts';
import type { MinistryListMeta } from './worker-protocol.ts';

export interface RegistryPersonMeta {
  memberId: number;
  householdId: number;
  kkNumber: string;
  kelurahanCode: string;
  ref: string | null;
}

export interface MinistryPersonMeta {
  rowNumber: number;
  nik: string | null;
  ref: string | null;
}

export const findingColumns = [
  'run_id',
  'kk_number',
  'household_id',
  'member_id',
  'kelurahan_code',
  'code',
  'detail',
] as const;

export const pairColumns = [
  'run_id',
  'kk_number',
  'pair_key',
  'kind',
  'band',
  'weight',
  'left_member_id',
  'left_household_id',
  'left_kelurahan_code',
  'right_member_id',
  'right_household_id',
  'right_kk_number',
  'right_kelurahan_code',
  'ministry_list_id',
  'ministry_row_number',
  'ministry_programme',
  'ministry_period',
  'ministry_ref',
  'levels',
  'explanation',
] as const;

export function findingLine(runId: number, person: RegistryPersonMeta, finding: StructureFinding): string {
  return copyLine([
    runId,
    person.kkNumber,
    person.householdId,
    person.memberId,
    person.kelurahanCode,
    finding.code,
    JSON.stringify(finding.detail),
  ]);
}

/** Stable across runs and imports, so a reviewer's decision on a pair is found again. */
export function registryPairKey(leftMemberId: number, rightMemberId: number): string {
  const [low, high] =
    leftMemberId < rightMemberId ? [leftMemberId, rightMemberId] : [rightMemberId, leftMemberId];
  return `m:${low}|m:${high}`;
}

export function ministryPairKey(
  memberId: number,
  list: MinistryListMeta,
  person: MinistryPersonMeta,
): string {
  return `m:${memberId}|${list.programme}/${list.period}/${person.ref ?? `#${person.rowNumber}`}`;
}

const roundWeight = (weight: number) => Math.round(weight * 1000) / 1000;

function explanationJson(score: PairScore): string {
  return JSON.stringify(
    score.explanation.map((entry) => ({
      ...entry,
      weight: roundWeight(entry.weight),
      ...(entry.termFrequencyAdjustment === undefined
        ? {}
        : { termFrequencyAdjustment: roundWeight(entry.termFrequencyAdjustment) }),
    })),
  );
}

export function registryPairLine(
  runId: number,
  left: RegistryPersonMeta,
  right: RegistryPersonMeta,
  band: string,
  score: PairScore,
): string {
  const [first, second] = left.memberId < right.memberId ? [left, right] : [right, left];
  return copyLine([
    runId,
    first.kkNumber,
    registryPairKey(first.memberId, second.memberId),
    'registry',
    band,
    roundWeight(score.weight),
    first.memberId,
    first.householdId,
    first.kelurahanCode,
    second.memberId,
    second.householdId,
    second.kkNumber,
    second.kelurahanCode,
    null,
    null,
    null,
    null,
    null,
    JSON.stringify(score.vector),
    explanationJson(score),
  ]);
}

export function ministryPairLine(
  runId: number,
  person: RegistryPersonMeta,
  ministryPerson: MinistryPersonMeta,
  list: MinistryListMeta,
  band: string,
  score: PairScore,
): string {
  return copyLine([
    runId,
    person.kkNumber,
    ministryPairKey(person.memberId, list, ministryPerson),
    'ministry',
    band,
    roundWeight(score.weight),
    person.memberId,
    person.householdId,
    person.kelurahanCode,
    null,
    null,
    null,
    null,
    list.listId,
    ministryPerson.rowNumber,
    list.programme,
    list.period,
    ministryPerson.ref,
    JSON.stringify(score.vector),
    explanationJson(score),
  ]);
}
