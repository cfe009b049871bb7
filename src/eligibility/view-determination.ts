// The read side of recipient lists: a cycle with its lists, one list with counts and drill-down, one family's "why".
import { sql } from 'kysely';
import { type AreaScope, scopeCovers } from '../auth/area-scope.ts';
import { hasPermission } from '../auth/roles.ts';
import type { SessionUser } from '../auth/session-user.ts';
import { scopeOf } from '../auth/user-scope.ts';
import type { DatabaseClient } from '../db/database.ts';
import { forbidden, notFound } from '../http/http-error.ts';
import type { Language } from '../language.ts';
import { maskIdentityNumber } from '../registry/mask.ts';
import {
  compareWithPrevious,
  countByKelurahan,
  findCycle,
  findDecision,
  findDetermination,
  listCycles,
  listDecisions,
  listDeterminations,
} from './eligibility-repository.ts';
import { describeReason } from './reason-text.ts';
import type { Reason } from './rules.ts';

/** Any reader of the registry or of the lists may read a family's decisions (the family page keeps to their area). */
export function assertMayRead(user: SessionUser) {
  if (
    !['registry.read', 'eligibility.prepare', 'eligibility.sign', 'eligibility.manage'].some((permission) =>
      hasPermission(user.role, permission as Parameters<typeof hasPermission>[1]),
    )
  )
    throw forbidden({
      en: `Your role (${user.role}) may not read recipient lists`,
      id: `Peran Anda (${user.role}) tidak boleh membaca daftar penerima`,
    });
}

/**
 * The recipient lists themselves are not for an RT/RW head: SPEC gives them their own submissions only, and the
 * family page of a family of their RW already says how it was decided.
 */
function assertMayReadLists(user: SessionUser) {
  assertMayRead(user);
  if (scopeOf(user).rw !== null)
    throw forbidden({
      en: 'An RT/RW head does not read recipient lists: open a family of your RW to see its decision',
      id: 'Ketua RT/RW tidak membaca daftar penerima: buka keluarga di RW Anda untuk melihat keputusannya',
    });
}

/**
 * The families of a kota list a user may read: those of their area when it covers the kota or lies inside it (the
 * repository applies it). A list of another kota is refused.
 */
function listScopeFor(user: SessionUser, kotaCode: string): AreaScope {
  const scope = scopeOf(user);
  if (scopeCovers({ ...scope, rw: null }, kotaCode) || scope.areaCode.startsWith(`${kotaCode}.`))
    return scope;
  throw forbidden({
    en: `Kota ${kotaCode} is outside your area`,
    id: `Kota ${kotaCode} berada di luar wilayah Anda`,
  });
}

/** A list the user may open, with the scope of its families they may read. */
export async function requireReadableDetermination({
  db,
  user,
  determinationId,
}: {
  db: DatabaseClient;
  user: SessionUser;
  determinationId: number;
}) {
  assertMayReadLists(user);
  const row = await findDetermination(db, determinationId);
  if (!row)
    throw notFound({
      en: `No recipient list ${determinationId}`,
      id: `Daftar penerima ${determinationId} tidak ada`,
    });
  return { row, scope: listScopeFor(user, row.kota_code) };
}

function presentDetermination(row: NonNullable<Awaited<ReturnType<typeof findDetermination>>>) {
  return {
    id: row.id,
    cycleId: row.cycle_id,
    kotaCode: row.kota_code,
    kotaName: row.kota_name,
    status: row.status,
    preparedBy: row.prepared_by,
    preparedByName: row.prepared_by_name,
    preparedAt: new Date(row.prepared_at).toISOString(),
    signedByName: row.signed_by_name,
    signedAt: row.signed_at ? new Date(row.signed_at).toISOString() : null,
    familyCount: row.family_count,
    eligibleCount: row.eligible_count,
    totalAmount: Number(row.total_amount),
    summary: row.summary as {
      byDecision?: Record<string, number>;
      byReason?: { decision: string; code: string; count: number }[];
      byFlag?: Record<string, number>;
    },
    previousDeterminationId: row.previous_determination_id,
  };
}

function presentCycle(
  row: NonNullable<Awaited<ReturnType<typeof findCycle>>> | Awaited<ReturnType<typeof listCycles>>[number],
) {
  return {
    id: row.id,
    programmeCode: row.programme_code,
    programmeName: row.programme_name,
    period: row.period,
    periods: row.periods,
    amount: Number(row.amount),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function listPaymentCycles({ db, user }: { db: DatabaseClient; user: SessionUser }) {
  assertMayReadLists(user);
  return (await listCycles(db)).map(presentCycle);
}

/** A cycle, its lists by kota, and the kotas of the programme the user may prepare. */
export async function viewCycle({
  db,
  user,
  cycleId,
}: {
  db: DatabaseClient;
  user: SessionUser;
  cycleId: number;
}) {
  assertMayReadLists(user);
  const cycle = await findCycle(db, { id: cycleId });
  if (!cycle)
    throw notFound({ en: `No payment cycle ${cycleId}`, id: `Tahap pembayaran ${cycleId} tidak ada` });
  const determinations = (await listDeterminations(db, { cycleId })).filter(
    (row) => scopeCovers(scopeOf(user), row.kota_code) || user.areaCode.startsWith(`${row.kota_code}.`),
  );
  const kotas = await sql<{ code: string; name: string }>`
    select code, name from region
    where level = 2 and not retired
      and (${cycle.programme_area_code} = '' or code like ${`${cycle.programme_area_code}.%`}
           or ${cycle.programme_area_code} = code or ${cycle.programme_area_code} like code || '.%')
    order by code`.execute(db);
  return {
    cycle: presentCycle(cycle),
    determinations: determinations.map(presentDetermination),
    kotas: kotas.rows.filter((kota) => scopeCovers(scopeOf(user), kota.code)),
  };
}

export async function viewDetermination({
  db,
  user,
  determinationId,
}: {
  db: DatabaseClient;
  user: SessionUser;
  determinationId: number;
}) {
  const { row, scope } = await requireReadableDetermination({ db, user, determinationId });
  const cycle = await findCycle(db, { id: row.cycle_id });
  const kelurahan = await countByKelurahan(db, { determinationId, scope });
  const changes = row.previous_determination_id
    ? await compareWithPrevious(db, {
        determinationId,
        previousId: row.previous_determination_id,
        scope,
        limit: 50,
      })
    : null;
  return {
    determination: presentDetermination(row),
    cycle: cycle ? presentCycle(cycle) : null,
    kelurahan: kelurahan.map((entry) => ({
      kelurahanCode: entry.kelurahan_code,
      kelurahanName: entry.kelurahan_name,
      kecamatanName: entry.kecamatan_name,
      eligible: entry.eligible,
      excluded: entry.excluded,
      pending: entry.pending,
      amount: entry.amount,
    })),
    changesSincePrevious: changes && {
      counts: changes.counts,
      families: changes.rows.map((change) => ({
        householdId: change.household_id,
        kkNumberMasked: maskIdentityNumber(change.kk_number) ?? '',
        kelurahanCode: change.kelurahan_code,
        headName: change.head_name,
        change: change.change,
        previousDecision: change.previous_decision,
        currentDecision: change.current_decision,
      })),
    },
  };
}

function presentDecision(row: Awaited<ReturnType<typeof listDecisions>>['rows'][number], language: Language) {
  const reasons = row.reasons as Reason[];
  return {
    householdId: row.household_id,
    kkNumberMasked: maskIdentityNumber(row.kk_number) ?? '',
    kelurahanCode: row.kelurahan_code,
    rw: row.rw,
    rt: row.rt,
    decision: row.decision,
    headName: row.head_name,
    collectorName: row.collector_name,
    address: row.address,
    memberCount: row.member_count,
    amount: Number(row.amount),
    flags: row.flags,
    reasons: reasons.map((reason) => ({
      code: reason.code,
      rule: reason.rule,
      effect: reason.effect,
      text: describeReason(reason, language),
    })),
  };
}

export async function listDeterminationFamilies({
  db,
  user,
  determinationId,
  kelurahanCode,
  decision,
  reason,
  page,
  pageSize,
  language,
}: {
  db: DatabaseClient;
  user: SessionUser;
  determinationId: number;
  kelurahanCode?: string;
  decision?: string;
  reason?: string;
  page: number;
  pageSize: number;
  language: Language;
}) {
  const { scope } = await requireReadableDetermination({ db, user, determinationId });
  if (kelurahanCode && !scopeCovers({ ...scope, rw: null }, kelurahanCode))
    throw forbidden({
      en: 'Choose a kelurahan inside your area',
      id: 'Pilih kelurahan di dalam wilayah Anda',
    });
  const { total, rows } = await listDecisions(db, {
    determinationId,
    scope,
    kelurahanCode,
    decision,
    reason,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { total, families: rows.map((decisionRow) => presentDecision(decisionRow, language)) };
}

export async function viewDeterminationFamily({
  db,
  user,
  determinationId,
  householdId,
  language,
}: {
  db: DatabaseClient;
  user: SessionUser;
  determinationId: number;
  householdId: number;
  language: Language;
}) {
  const { scope } = await requireReadableDetermination({ db, user, determinationId });
  const decision = await findDecision(db, { determinationId, householdId, scope });
  if (!decision)
    throw notFound({
      en: 'This family is not on the list, or outside your area',
      id: 'Keluarga ini tidak ada di daftar, atau berada di luar wilayah Anda',
    });
  return presentDecision(decision, language);
}
