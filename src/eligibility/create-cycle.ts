import { recordAudit } from '../audit/record-audit.ts';
import { hasPermission } from '../auth/roles.ts';
import { actorOf, type SessionUser } from '../auth/session-user.ts';
import { withinTransaction } from '../auth/within-transaction.ts';
import type { DatabaseClient } from '../db/database.ts';
import { badRequest, conflict, forbidden, notFound } from '../http/http-error.ts';
import { findCycle, findOverlappingCycle, findProgramme, insertCycle } from './eligibility-repository.ts';

export interface CreateCycleOptions {
  db: DatabaseClient;
  user: SessionUser;
  programmeCode: string;
  /** First month paid, YYYY-MM. */
  period: string;
  /** 1, or 2 for a combined cycle paying two months at once. */
  months: number;
}

/** The months a cycle starting at period pays: itself, and the next one for a combined cycle. */
export function cyclePeriods(period: string, months: number): string[] {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return Array.from({ length: months }, (_, index) => {
    const date = new Date(Date.UTC(year, month - 1 + index, 1));
    return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

/** Opens a payment cycle of a programme: one month, or two paid at once (twice the amount). */
export async function createCycle({ db, user, programmeCode, period, months }: CreateCycleOptions) {
  if (!hasPermission(user.role, 'eligibility.manage') && !hasPermission(user.role, 'eligibility.prepare'))
    throw forbidden({
      en: `Your role (${user.role}) may not open payment cycles`,
      id: `Peran Anda (${user.role}) tidak boleh membuka tahap pembayaran`,
    });
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period))
    throw badRequest('invalid_period', {
      en: `Period "${period}" is not a month like 2021-07`,
      id: `Periode "${period}" bukan bulan seperti 2021-07`,
    });
  if (months !== 1 && months !== 2)
    throw badRequest('invalid_months', {
      en: 'A cycle pays one month, or two months at once (combined cycle)',
      id: 'Satu tahap membayar satu bulan, atau dua bulan sekaligus (tahap gabungan)',
    });
  const programme = await findProgramme(db, { code: programmeCode });
  if (!programme)
    throw notFound({
      en: `No programme with code ${programmeCode}`,
      id: `Program dengan kode ${programmeCode} tidak ada`,
    });
  const periods = cyclePeriods(period, months);
  return withinTransaction(db, async (transaction) => {
    const overlapping = await findOverlappingCycle(transaction, { programmeId: programme.id, periods });
    if (overlapping)
      throw conflict('cycle_overlaps', {
        en: `${programme.code} already has a cycle paying ${overlapping.periods.join(' + ')}; a month is paid once`,
        id: `${programme.code} sudah memiliki tahap yang membayar ${overlapping.periods.join(' + ')}; satu bulan dibayar sekali`,
      });
    const cycle = await insertCycle(transaction, {
      programmeId: programme.id,
      period,
      periods,
      amount: Number(programme.amount_per_cycle) * months,
      createdBy: user.id,
    });
    await recordAudit({
      db: transaction,
      actor: actorOf(user),
      action: 'cycle.create',
      entityType: 'payment_cycle',
      entityId: cycle.id,
      areaCode: programme.area_code,
      after: { programme: programme.code, periods, amount: Number(cycle.amount) },
    });
    const created = await findCycle(transaction, { id: cycle.id });
    if (!created) throw new Error('The cycle just created is missing');
    return created;
  });
}
