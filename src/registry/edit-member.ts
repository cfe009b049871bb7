import { recordAudit } from '../audit/record-audit.ts';
import { actorOf, type SessionUser } from '../auth/session-user.ts';
import { withinTransaction } from '../auth/within-transaction.ts';
import type { DatabaseClient } from '../db/database.ts';
import { conflict, notFound } from '../http/http-error.ts';
import type { RowProblem } from '../intake/row-problem.ts';
import { cachedRegionDirectory } from '../regions/region-directory.ts';
import { assertMayEditRegistry } from './edit-household.ts';
import { requireHouseholdInScope } from './household-access.ts';
import { listHouseholdMembers } from './household-repository.ts';
import { checkMemberEdit } from './registry-edit-check.ts';
import type { TMemberEdit } from './registry-edit-contracts.ts';
import { assertEditAccepted, assertNotMerged, changesOf, pick } from './registry-edit-outcome.ts';
import { insertRegistryChanges, updateMemberColumns } from './registry-edit-repository.ts';

/**
 * A verifier corrects a member's facts, or records a death (date and source) or a move, with a reason; each
 * changed value goes into the family's history.
 */
export async function editMember({
  db,
  user,
  householdId,
  memberId,
  edit,
  referenceDate = new Date(),
}: {
  db: DatabaseClient;
  user: SessionUser;
  householdId: number;
  memberId: number;
  edit: TMemberEdit;
  referenceDate?: Date;
}): Promise<{ changedFields: string[]; warnings: RowProblem[] }> {
  assertMayEditRegistry(user);
  const regions = await cachedRegionDirectory({ db });
  try {
    return await withinTransaction(db, async (transaction) => {
      const household = await requireHouseholdInScope({ db: transaction, user, householdId, lock: true });
      assertNotMerged(household);
      const family = { kkNumber: household.kk_number, householdId };
      const members = await listHouseholdMembers(transaction, family);
      const member = members.find((candidate) => candidate.id === memberId);
      if (!member)
        throw notFound({
          en: `Family #${householdId} has no member #${memberId}`,
          id: `Keluarga #${householdId} tidak punya anggota #${memberId}`,
        });
      const check = checkMemberEdit({
        household,
        member,
        otherMembers: members.filter((other) => other.id !== memberId),
        changes: edit.changes,
        context: { regions, referenceDate },
      });
      const warnings = assertEditAccepted(check);
      const columns = Object.keys(check.updates);
      if (columns.length === 0) return { changedFields: [], warnings };
      await updateMemberColumns(transaction, family, memberId, check.updates);
      await insertRegistryChanges(transaction, family, {
        changes: changesOf(member, check.updates, memberId),
        reason: edit.reason,
        userId: user.id,
      });
      await recordAudit({
        db: transaction,
        actor: actorOf(user),
        action: 'household_member.update',
        entityType: 'household',
        entityId: householdId,
        areaCode: household.kelurahan_code,
        before: pick(member, columns),
        after: check.updates,
        detail: { memberId, reason: edit.reason },
      });
      return { changedFields: columns, warnings };
    });
  } catch (error) {
    // The family's members are told apart by NIK, else by name and birth date (member-key.ts).
    if ((error as { code?: string }).code === '23505')
      throw conflict('member_exists', {
        en: 'Another member of this family already has this NIK, or this name and birth date',
        id: 'Anggota lain keluarga ini sudah memakai NIK ini, atau nama dan tanggal lahir ini',
      });
    throw error;
  }
}
