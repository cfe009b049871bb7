import { recordAudit } from '../audit/record-audit.ts';
import { actorOf, type SessionUser } from '../auth/session-user.ts';
import { withinTransaction } from '../auth/within-transaction.ts';
import type { DatabaseClient } from '../db/database.ts';
import { conflict, notFound } from '../http/http-error.ts';
import { assertMayActOnKota, decidedAreaOf } from './cycle-access.ts';
import { findCycle, findDetermination, markSigned } from './eligibility-repository.ts';
import { sourceFingerprint } from './family-facts-repository.ts';

export interface SignDeterminationOptions {
  db: DatabaseClient;
  user: SessionUser;
  determinationId: number;
}

/**
 * An approver signs a prepared list (penetapan): never the person who prepared it, never twice, and only while
 * the registry still says what the list was prepared from. The signed list is frozen.
 */
export async function signDetermination({ db, user, determinationId }: SignDeterminationOptions) {
  const determination = await findDetermination(db, determinationId);
  if (!determination)
    throw notFound({
      en: `No recipient list ${determinationId}`,
      id: `Daftar penerima ${determinationId} tidak ada`,
    });
  if (determination.status === 'signed')
    throw conflict('already_signed', {
      en: `This list was already signed by ${determination.signed_by_name ?? 'another approver'}; a list is signed once`,
      id: `Daftar ini sudah ditetapkan oleh ${determination.signed_by_name ?? 'penetap lain'}; sebuah daftar ditetapkan sekali saja`,
    });
  if (determination.status !== 'prepared')
    throw conflict('superseded', {
      en: 'This list was replaced by a newer preparation; sign the current one',
      id: 'Daftar ini sudah diganti oleh penyiapan yang lebih baru; tetapkan daftar yang berlaku',
    });
  if (determination.prepared_by === user.id)
    throw conflict('self_signing', {
      en: 'You prepared this list; another person (an approver) must sign it',
      id: 'Anda yang menyiapkan daftar ini; orang lain (penetap) yang harus menetapkannya',
    });
  assertMayActOnKota(user, 'eligibility.sign', determination.kota_code);
  const cycle = await findCycle(db, { id: determination.cycle_id });
  if (!cycle)
    throw notFound({
      en: `No payment cycle ${determination.cycle_id}`,
      id: `Tahap pembayaran ${determination.cycle_id} tidak ada`,
    });

  return withinTransaction(db, async (transaction) => {
    const fingerprint = await sourceFingerprint(transaction, {
      areaCode: decidedAreaOf(cycle.programme_area_code, determination.kota_code),
      periods: cycle.periods,
    });
    if (fingerprint !== determination.source_fingerprint)
      throw conflict('stale_list', {
        en:
          `The registry, ministry lists or verification results of kota ${determination.kota_code} changed since ` +
          'this list was prepared; prepare it again, then sign',
        id:
          `Data keluarga, daftar kementerian atau hasil verifikasi kota ${determination.kota_code} berubah sejak ` +
          'daftar ini disiapkan; siapkan ulang, lalu tetapkan',
      });
    const signed = await markSigned(transaction, { id: determinationId, signedBy: user.id });
    if (!signed)
      throw conflict('already_signed', {
        en: 'This list was signed or replaced a moment ago',
        id: 'Daftar ini baru saja ditetapkan atau diganti',
      });
    await recordAudit({
      db: transaction,
      actor: actorOf(user),
      action: 'determination.sign',
      entityType: 'determination',
      entityId: determinationId,
      areaCode: determination.kota_code,
      after: {
        cycleId: determination.cycle_id,
        periods: cycle.periods,
        families: determination.family_count,
        eligible: determination.eligible_count,
        totalAmount: Number(determination.total_amount),
      },
    });
    return { determinationId, signedAt: signed.signed_at };
  });
}
