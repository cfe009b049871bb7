import { sql } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import { actorOf, type SessionUser } from '../auth/session-user.ts';
import { withinTransaction } from '../auth/within-transaction.ts';
import type { DatabaseClient } from '../db/database.ts';
import { badRequest, conflict } from '../http/http-error.ts';
import { assertPermission } from './cycle-access.ts';
import { findProgramme, insertProgramme, upsertProgrammeRule } from './eligibility-repository.ts';
import { DEFAULT_RULE_SET, RULE_CODES } from './rules.ts';

export interface CreateProgrammeOptions {
  db: DatabaseClient;
  user: SessionUser;
  /** Short code such as BLT-APBD. */
  code: string;
  name: string;
  /** Rupiah per family per one-month cycle. */
  amountPerCycle: number;
  /** Region code the programme covers (a province such as 31, or a kota). */
  areaCode: string;
}

/** An administrator configures another programme (e.g. BLT from the regional budget), starting from the BST rules. */
export async function createProgramme({
  db,
  user,
  code,
  name,
  amountPerCycle,
  areaCode,
}: CreateProgrammeOptions) {
  assertPermission(user, 'eligibility.manage');
  const normalised = code.trim().toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9_-]{1,29}$/.test(normalised))
    throw badRequest('invalid_code', {
      en: `Programme code "${code}": letters, digits, - and _, 2 to 30 characters`,
      id: `Kode program "${code}": huruf, angka, - dan _, 2 sampai 30 karakter`,
    });
  if (!Number.isInteger(amountPerCycle) || amountPerCycle <= 0)
    throw badRequest('invalid_amount', {
      en: 'The amount per family per cycle is a positive whole number of rupiah',
      id: 'Nominal per keluarga per tahap adalah bilangan bulat rupiah yang positif',
    });
  if (name.trim().length === 0)
    throw badRequest('invalid_name', { en: 'A programme needs a name', id: 'Program harus diberi nama' });
  const region = await sql<{ code: string }>`select code from region where code = ${areaCode}`.execute(db);
  if (region.rows.length === 0)
    throw badRequest('invalid_area', { en: `No region ${areaCode}`, id: `Wilayah ${areaCode} tidak ada` });
  if (await findProgramme(db, { code: normalised }))
    throw conflict('programme_exists', {
      en: `A programme with code ${normalised} already exists`,
      id: `Program dengan kode ${normalised} sudah ada`,
    });
  return withinTransaction(db, async (transaction) => {
    const programme = await insertProgramme(transaction, {
      code: normalised,
      name: name.trim(),
      amountPerCycle,
      areaCode,
    });
    for (const ruleCode of RULE_CODES) {
      const setting = DEFAULT_RULE_SET[ruleCode];
      const parameters =
        ruleCode === 'listed_in_domicile' ? { provinceCode: areaCode.slice(0, 2) } : setting.parameters;
      await upsertProgrammeRule(transaction, {
        programmeId: programme.id,
        ruleCode,
        enabled: setting.enabled,
        parameters,
        updatedBy: user.id,
      });
    }
    await recordAudit({
      db: transaction,
      actor: actorOf(user),
      action: 'programme.create',
      entityType: 'programme',
      entityId: programme.id,
      areaCode,
      after: { code: normalised, name: name.trim(), amountPerCycle, areaCode },
    });
    return programme;
  });
}
