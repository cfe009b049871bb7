import { recordAudit } from '../audit/record-audit.ts';
import { hasPermission } from '../auth/roles.ts';
import { actorOf, type SessionUser } from '../auth/session-user.ts';
import { withinTransaction } from '../auth/within-transaction.ts';
import type { DatabaseClient } from '../db/database.ts';
import { conflict, forbidden } from '../http/http-error.ts';
import type { RowProblem } from '../intake/row-problem.ts';
import { cachedRegionDirectory } from '../regions/region-directory.ts';
import { requireHouseholdInScope } from './household-access.ts';
import { listHouseholdMembers } from './household-repository.ts';
import { checkHouseholdEdit } from './registry-edit-check.ts';
import type { THouseholdEdit } from './registry-edit-contracts.ts';
import { assertEditAccepted, assertNotMerged, changesOf, pick } from './registry-edit-outcome.ts';
import {
  findOtherListing,
  insertRegistryChanges,
  updateHouseholdColumns,
} from './registry-edit-repository.ts';

export function assertMayEditRegistry(user: SessionUser): void {
  if (!hasPermission(user.role, 'registry.edit'))
    throw forbidden({
      en: 'Only Dinas Sosial verifiers edit the registry',
      id: 'Hanya verifikator Dinas Sosial yang dapat mengubah data keluarga',
    });
}

/** A verifier corrects a family's facts with a reason; each changed value goes into its history. */
export async function editHousehold({
  db,
  user,
  householdId,
  edit,
  referenceDate = new Date(),
}: {
  db: DatabaseClient;
  user: SessionUser;
  householdId: number;
  edit: THouseholdEdit;
  referenceDate?: Date;
}): Promise<{ changedFields: string[]; warnings: RowProblem[] }> {
  assertMayEditRegistry(user);
  const regions = await cachedRegionDirectory({ db });
  return withinTransaction(db, async (transaction) => {
    const household = await requireHouseholdInScope({ db: transaction, user, householdId, lock: true });
    assertNotMerged(household);
    const family = { kkNumber: household.kk_number, householdId };
    const members = await listHouseholdMembers(transaction, family);
    const check = checkHouseholdEdit({
      household,
      head: members[0],
      changes: edit.changes,
      context: { regions, referenceDate },
    });
    const warnings = assertEditAccepted(check);
    const columns = Object.keys(check.updates);
    if (columns.length === 0) return { changedFields: [], warnings };

    const rw = String(check.updates.rw ?? household.rw);
    const rt = String(check.updates.rt ?? household.rt);
    if ('rw' in check.updates || 'rt' in check.updates) {
      const other = await findOtherListing(transaction, {
        kkNumber: household.kk_number,
        kelurahanCode: household.kelurahan_code,
        rw,
        rt,
        householdId,
      });
      if (other !== undefined)
        throw conflict('listing_exists', {
          en: `This KK is already listed in RW ${rw} RT ${rt} of this kelurahan (family #${other})`,
          id: `No. KK ini sudah terdaftar di RW ${rw} RT ${rt} kelurahan ini (keluarga #${other})`,
        });
    }
    await updateHouseholdColumns(transaction, family, check.updates);
    await insertRegistryChanges(transaction, family, {
      changes: changesOf(household, check.updates, null),
      reason: edit.reason,
      userId: user.id,
    });
    await recordAudit({
      db: transaction,
      actor: actorOf(user),
      action: 'household.update',
      entityType: 'household',
      entityId: householdId,
      areaCode: household.kelurahan_code,
      before: pick(household, columns),
      after: check.updates,
      detail: { reason: edit.reason },
    });
    return { changedFields: columns, warnings };
  });
}
