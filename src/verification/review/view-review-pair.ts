import { recordPersonalDataRead } from '../../audit/record-audit.ts';
import { hasPermission } from '../../auth/roles.ts';
import { actorOf, type SessionUser } from '../../auth/session-user.ts';
import { scopeOf } from '../../auth/user-scope.ts';
import type { DatabaseClient } from '../../db/database.ts';
import { forbidden, notFound } from '../../http/http-error.ts';
import { maskIdentityNumber } from '../../registry/mask.ts';
import { agreementOf, fieldWeightsOf } from './pair-comparison.ts';
import type { TDecision, TMinistrySide, TPairDetail, TRegistrySide } from './review-contracts.ts';
import {
  type DecisionRow,
  findDecision,
  findMemberWithFamily,
  findMinistryPerson,
  findRegionName,
  findReviewPair,
} from './review-repository.ts';
import { matchProportionOf, probabilityAt, runForPair, thresholdsOf } from './review-run.ts';

export interface ViewReviewPairOptions {
  db: DatabaseClient;
  user: SessionUser;
  pairKey: string;
  runId?: number;
  /** Show NIK and KK numbers in full (logged); masked otherwise. */
  reveal: boolean;
}

/** Both records of a review pair side by side, field by field, with the weight each field gave. */
export async function viewReviewPair({
  db,
  user,
  pairKey,
  runId,
  reveal,
}: ViewReviewPairOptions): Promise<TPairDetail> {
  if (reveal && !hasPermission(user.role, 'registry.read_personal')) {
    throw forbidden({
      en: 'Your role may not see full NIK and KK numbers',
      id: 'Peran Anda tidak boleh melihat NIK dan No. KK secara lengkap',
    });
  }
  const run = await runForPair({ db, user, runId });
  const pair = await findReviewPair(db, { runId: run.id, pairKey, scope: scopeOf(user) });
  if (!pair)
    throw notFound({
      en: 'Pair not found in the current results, or outside your area',
      id: 'Pasangan tidak ditemukan di hasil terakhir, atau berada di luar wilayah Anda',
    });
  const show = (value: string | null) => (reveal ? value : maskIdentityNumber(value));

  const leftRecord = await findMemberWithFamily(db, {
    kkNumber: pair.kk_number,
    householdId: pair.left_household_id,
    memberId: pair.left_member_id,
  });
  if (!leftRecord)
    throw notFound({
      en: 'The family of this pair is no longer in the registry',
      id: 'Keluarga dari pasangan ini sudah tidak ada di data keluarga',
    });
  const left = registrySide(leftRecord, show);
  let right: TRegistrySide | TMinistrySide;
  if (pair.kind === 'ministry') {
    const person = await findMinistryPerson(db, {
      listId: pair.ministry_list_id ?? 0,
      rowNumber: pair.ministry_row_number ?? 0,
    });
    right = {
      source: 'ministry',
      programme: person?.programme ?? pair.ministry_programme ?? '',
      period: person?.period ?? pair.ministry_period ?? '',
      listId: pair.ministry_list_id ?? 0,
      rowNumber: pair.ministry_row_number ?? 0,
      ref: person?.ref ?? pair.ministry_ref,
      nik: show(person?.nik ?? null),
      kkNumber: show(person?.kk_number ?? null),
      fullName: person?.full_name ?? null,
      sex: sexFromNik(person?.nik ?? null),
      birthDate: person?.birth_date ?? null,
      regionCode: person?.region_code ?? null,
      regionName: person?.region_code ? await findRegionName(db, dotted(person.region_code)) : null,
    };
  } else {
    const rightRecord = await findMemberWithFamily(db, {
      kkNumber: pair.right_kk_number ?? '',
      householdId: pair.right_household_id ?? 0,
      memberId: pair.right_member_id ?? 0,
    });
    if (!rightRecord)
      throw notFound({
        en: 'The other family of this pair is no longer in the registry',
        id: 'Keluarga lain dari pasangan ini sudah tidak ada di data keluarga',
      });
    right = registrySide(rightRecord, show);
  }

  if (reveal) {
    await recordPersonalDataRead({
      db,
      actor: actorOf(user),
      entityType: 'verification_pair',
      entityId: pairKey,
      fields: ['nik', 'kk_number'],
      purpose: 'verification.review',
      areaCode: pair.left_kelurahan_code,
    });
  }

  const matchProportion = matchProportionOf(run.model);
  const decision = await findDecision(db, pairKey);
  const comparison = fieldWeightsOf(pair.levels ?? {}, pair.explanation).map((entry) => {
    const [leftValue, rightValue] = valuesOf(entry.field, left, right);
    return {
      field: entry.field,
      level: entry.level,
      agreement: agreementOf(entry.field, entry.level),
      weight: entry.weight,
      termFrequencyAdjustment: entry.termFrequencyAdjustment ?? null,
      leftValue,
      rightValue,
    };
  });
  return {
    pairKey,
    runId: run.id,
    kind: pair.kind === 'ministry' ? 'ministry' : 'registry',
    band: pair.band,
    weight: pair.weight,
    probability: probabilityAt(pair.weight, matchProportion),
    thresholds: thresholdsOf(run.thresholds),
    crossFamily:
      pair.kind === 'registry' &&
      pair.right_household_id !== null &&
      pair.right_household_id !== pair.left_household_id,
    revealed: reveal,
    left,
    right,
    comparison,
    decision: decision ? presentDecision(decision) : null,
    open: pair.band === 'review' && (!decision || decision.merge_status === 'rejected'),
  };
}

export function presentDecision(decision: DecisionRow): TDecision {
  return {
    decision: decision.decision === 'same_person' ? 'same_person' : 'different_people',
    reason: decision.reason,
    decidedBy: {
      id: decision.decided_by,
      username: decision.decided_by_username,
      fullName: decision.decided_by_name,
    },
    decidedAt: new Date(decision.decided_at).toISOString(),
    mergeStatus:
      decision.merge_status === 'awaiting_second_review' ||
      decision.merge_status === 'confirmed' ||
      decision.merge_status === 'rejected'
        ? decision.merge_status
        : null,
    secondReviewer: decision.second_reviewer
      ? { username: decision.second_reviewer_username, fullName: decision.second_reviewer_name }
      : null,
    secondReviewedAt: decision.second_reviewed_at
      ? new Date(decision.second_reviewed_at).toISOString()
      : null,
    secondReason: decision.second_reason,
  };
}

type MemberWithFamily = NonNullable<Awaited<ReturnType<typeof findMemberWithFamily>>>;

function registrySide(
  { household, member, members }: MemberWithFamily,
  show: (value: string | null) => string | null,
): TRegistrySide {
  return {
    source: 'registry',
    memberId: member.id,
    householdId: household.id,
    householdStatus: household.status,
    kkNumber: show(household.kk_number) ?? '',
    nik: show(member.nik),
    fullName: member.full_name,
    sex: member.sex,
    birthPlace: member.birth_place,
    birthDate: member.birth_date,
    relationship: member.relationship,
    lifeStatus: member.life_status,
    moved: member.moved,
    address: household.address,
    rt: household.rt,
    rw: household.rw,
    kelurahanCode: household.kelurahan_code,
    kelurahanName: household.kelurahan_name,
    ref: member.ref,
    members: members.map((other) => ({
      id: other.id,
      fullName: other.full_name,
      nik: show(other.nik),
      relationship: other.relationship,
      sex: other.sex,
      birthDate: other.birth_date,
      lifeStatus: other.life_status,
    })),
  };
}

/** The values each side holds for a compared field, as a reviewer reads them. */
function valuesOf(
  field: string,
  left: TRegistrySide,
  right: TRegistrySide | TMinistrySide,
): [string | null, string | null] {
  switch (field) {
    case 'name':
      return [left.fullName, right.fullName];
    case 'nik':
      return [left.nik, right.nik];
    case 'birthDate':
      return [left.birthDate, right.birthDate];
    case 'sex':
      return [left.sex, right.sex];
    case 'region':
      return [
        left.kelurahanCode,
        right.source === 'registry' ? right.kelurahanCode : (right.regionCode ?? null),
      ];
    case 'kkNumber':
      return [left.kkNumber, right.kkNumber];
    default:
      return [null, null];
  }
}

// A ministry row has no sex column; the NIK's day of birth (+40 for women) carries it when it is shown in full.
function sexFromNik(nik: string | null): string | null {
  if (!nik || !/^\d{16}$/.test(nik)) return null;
  const day = Number(nik.slice(6, 8));
  if (day >= 41 && day <= 71) return 'P';
  return day >= 1 && day <= 31 ? 'L' : null;
}

function dotted(code: string): string {
  const trimmed = code.trim();
  if (trimmed.includes('.')) return trimmed;
  const match = /^(\d{2})(\d{2})?(\d{2})?(\d{4})?$/.exec(trimmed);
  return match ? match.slice(1).filter(Boolean).join('.') : trimmed;
}
