import { recordAudit } from '../audit/record-audit.ts';
import type { Actor } from '../auth/session-user.ts';
import { withinTransaction } from '../auth/within-transaction.ts';
import type { DatabaseClient } from '../db/database.ts';
import { badRequest } from '../http/http-error.ts';
import { findRegion, markRegionRetired } from './region-repository.ts';

/**
 * Records a kecamatan code retired by a split: NIKs first issued under it then get a warning naming its
 * successors instead of an unknown-region error. Audited, since it changes how every later row is judged.
 */
export async function retireRegion({
  db,
  actor,
  code,
  name,
  successorCodes,
  note,
}: {
  db: DatabaseClient;
  actor: Actor;
  /** Dotted kecamatan code, e.g. 31.72.07. */
  code: string;
  name: string;
  successorCodes: string[];
  /** The source of the information (a regulation, a letter). */
  note: string;
}): Promise<void> {
  if (!/^\d{2}\.\d{2}\.\d{2}$/.test(code))
    throw badRequest('region_code_invalid', {
      en: `'${code}' is not a kecamatan code like 31.72.07`,
      id: `'${code}' bukan kode kecamatan seperti 31.72.07`,
    });
  if (successorCodes.length === 0 || successorCodes.includes(code))
    throw badRequest('successors_invalid', {
      en: 'Name the regions it was split into, other than itself',
      id: 'Sebutkan wilayah hasil pemekarannya, selain wilayah itu sendiri',
    });
  const existing = await findRegion(db, code);
  // Retiring a region in use would turn every row of its kelurahan into an unknown-region error.
  if (existing && !existing.retired)
    throw badRequest('region_in_use', {
      en: `${code} (${existing.name}) is a current region; only a code no longer in use can be retired`,
      id: `${code} (${existing.name}) adalah wilayah yang masih berlaku; hanya kode yang sudah tidak dipakai yang dapat dipensiunkan`,
    });
  for (const successor of successorCodes) {
    if (!(await findRegion(db, successor)))
      throw badRequest('successor_unknown', {
        en: `Successor region ${successor} does not exist`,
        id: `Wilayah pengganti ${successor} tidak ada`,
      });
  }
  await withinTransaction(db, async (transaction) => {
    const before = existing;
    await markRegionRetired(transaction, {
      code,
      name,
      level: 3,
      parentCode: code.slice(0, 5),
      successorCodes,
      note,
    });
    await recordAudit({
      db: transaction,
      actor,
      action: 'region.retire',
      entityType: 'region',
      entityId: code,
      areaCode: code,
      before: before ? { retired: before.retired, successorCodes: before.successorCodes } : null,
      after: { retired: true, successorCodes, note },
    });
  });
}
