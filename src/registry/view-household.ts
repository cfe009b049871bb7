import { recordPersonalDataRead } from '../audit/record-audit.ts';
import { hasPermission } from '../auth/roles.ts';
import { actorOf, type SessionUser } from '../auth/session-user.ts';
import type { DatabaseClient } from '../db/database.ts';
import { forbidden } from '../http/http-error.ts';
import { requireHouseholdInScope } from './household-access.ts';
import { findHouseholdOrigin } from './household-origin-repository.ts';
import { listHouseholdChanges, listHouseholdMembers } from './household-repository.ts';
import { maskIdentityNumber, maskPhone } from './mask.ts';
import type { THouseholdDetail } from './registry-contracts.ts';

function assertMayReveal(user: SessionUser): void {
  if (!hasPermission(user.role, 'registry.read_personal'))
    throw forbidden({
      en: 'Your role may not see full NIK, KK and phone numbers',
      id: 'Peran Anda tidak boleh melihat NIK, No. KK, dan nomor telepon secara lengkap',
    });
}

/** A family with its members; NIK, KK and phone in full only when asked for and allowed, and the read is logged. */
export async function viewHousehold({
  db,
  user,
  householdId,
  reveal,
}: {
  db: DatabaseClient;
  user: SessionUser;
  householdId: number;
  reveal: boolean;
}): Promise<THouseholdDetail> {
  if (reveal) assertMayReveal(user);
  const household = await requireHouseholdInScope({ db, user, householdId });
  const members = await listHouseholdMembers(db, { kkNumber: household.kk_number, householdId });
  const origin =
    household.source_submission_id === null
      ? undefined
      : await findHouseholdOrigin(db, Number(household.source_submission_id));
  if (reveal) {
    await recordPersonalDataRead({
      db,
      actor: actorOf(user),
      entityType: 'household',
      entityId: String(householdId),
      fields: ['kk_number', 'nik', 'phone'],
      purpose: 'household.detail',
      areaCode: household.kelurahan_code,
    });
  }
  const show = (value: string | null) => (reveal ? value : maskIdentityNumber(value));
  return {
    id: household.id,
    kkNumber: show(household.kk_number) ?? '',
    kelurahanCode: household.kelurahan_code,
    kelurahanName: household.kelurahan_name,
    rw: household.rw,
    rt: household.rt,
    address: household.address,
    phone: reveal ? household.phone : maskPhone(household.phone),
    fixedIncome: household.fixed_income,
    covidAffected: household.covid_affected,
    status: household.status,
    mergedIntoHouseholdId:
      household.merged_into_household_id === null ? null : Number(household.merged_into_household_id),
    latitude: household.latitude,
    longitude: household.longitude,
    ref: household.ref,
    origin: origin
      ? {
          submissionId: Number(origin.id),
          channel: origin.channel,
          fileName: origin.file_name,
          submittedBy: origin.full_name ?? origin.username,
          submittedAt: new Date(origin.submitted_at).toISOString(),
        }
      : null,
    revealed: reveal,
    createdAt: new Date(household.created_at).toISOString(),
    updatedAt: new Date(household.updated_at).toISOString(),
    members: members.map((member) => ({
      id: member.id,
      nik: show(member.nik),
      nikAbsenceReason: member.nik_absence_reason,
      fullName: member.full_name,
      sex: member.sex,
      birthPlace: member.birth_place,
      birthDate: member.birth_date,
      relationship: member.relationship,
      maritalStatus: member.marital_status,
      occupation: member.occupation,
      lifeStatus: member.life_status,
      deathDate: member.death_date,
      deathSource: member.death_source,
      moved: member.moved,
      movedNote: member.moved_note,
      ref: member.ref,
    })),
  };
}

export async function viewHouseholdHistory({
  db,
  user,
  householdId,
  reveal,
}: {
  db: DatabaseClient;
  user: SessionUser;
  householdId: number;
  reveal: boolean;
}) {
  if (reveal) assertMayReveal(user);
  const household = await requireHouseholdInScope({ db, user, householdId });
  const changes = await listHouseholdChanges(db, householdId);
  // History holds NIK, KK and phone values too: masked as on the family's page unless revealed, and logged.
  if (reveal) {
    await recordPersonalDataRead({
      db,
      actor: actorOf(user),
      entityType: 'household',
      entityId: String(householdId),
      fields: ['kk_number', 'nik', 'phone'],
      purpose: 'household.history',
      areaCode: household.kelurahan_code,
    });
  }
  const protect = (field: string, value: string | null) => {
    if (reveal) return value;
    if (field === 'phone') return maskPhone(value);
    return field === 'nik' || field === 'kk_number' ? maskIdentityNumber(value) : value;
  };
  return changes.map((change) => ({
    changedAt: new Date(change.changed_at).toISOString(),
    field: change.field,
    memberId: change.member_id,
    memberName: change.member_name,
    oldValue: protect(change.field, change.old_value),
    newValue: protect(change.field, change.new_value),
    reason: change.reason,
    sourceSubmissionId: change.source_submission_id === null ? null : Number(change.source_submission_id),
    changedBy: change.changed_by,
  }));
}
