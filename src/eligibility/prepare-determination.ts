import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import { scopeCovers } from '../auth/area-scope.ts';
import { actorOf, type SessionUser } from '../auth/session-user.ts';
import { type DatabaseClient, withRawTransaction } from '../db/database.ts';
import { badRequest, conflict, HttpError, notFound } from '../http/http-error.ts';
import { assertMayActOnKota, decidedAreaOf, KOTA_CODE_PATTERN } from './cycle-access.ts';
import type { ListCounts } from './decide-chunks.ts';
import { createDecider, type Decider } from './decider.ts';
import {
  attachDecisionTable,
  copyDecisionLines,
  createDecisionTable,
  findCurrentDetermination,
  findCycle,
  findPreviousSignedDetermination,
  insertDetermination,
  setFingerprint,
  storeSummary,
  supersedeDetermination,
} from './eligibility-repository.ts';
import type { ListSummary } from './evaluate-area.ts';
import { mainExclusion, newSummary, newTally } from './evaluate-area.ts';
import { countFamilies, familyFactsStream, sourceFingerprints } from './family-facts-repository.ts';
import { loadRuleSet } from './load-rule-set.ts';
import { reasonLabel } from './reason-text.ts';

export interface PrepareDeterminationOptions {
  db: DatabaseClient;
  user: SessionUser;
  cycleId: number;
  kotaCode: string;
  /** Called after each phase with its duration (benchmarks). */
  onPhase?: (phase: string, seconds: number) => void;
  /** Decide in a worker thread; by default only from WORKER_FROM_FAMILIES families on. */
  decideInWorker?: boolean;
}

export interface PrepareDeterminationsOptions extends Omit<PrepareDeterminationOptions, 'kotaCode'> {
  /** The kotas to prepare in one pass; 'all' is every kota of the programme in the user's area with families. */
  kotaCodes: readonly string[] | 'all';
}

export type PreparedList = { kotaCode: string; determinationId: number } & ListSummary;

/**
 * A verifier prepares the recipient list of a cycle for one kota: every family gets a decision with its reasons,
 * stored as snapshot rows. An unsigned earlier list is replaced; a signed one is final.
 */
export async function prepareDetermination({ kotaCode, ...options }: PrepareDeterminationOptions) {
  const [prepared] = await prepareDeterminations({ ...options, kotaCodes: [kotaCode] });
  if (!prepared) throw new Error('No list was prepared');
  return prepared;
}

/**
 * Prepares the lists of several kotas (each its own list, signed separately) in one pass over the registry:
 * the facts of all their families are read once. Kotas asked for by name are refused when they cannot be
 * prepared; with 'all', kotas without families or with a signed list are left out.
 */
export async function prepareDeterminations({
  db,
  user,
  cycleId,
  kotaCodes,
  onPhase,
  decideInWorker,
}: PrepareDeterminationsOptions): Promise<PreparedList[]> {
  let phaseStarted = Date.now();
  const phase = (name: string) => {
    onPhase?.(name, (Date.now() - phaseStarted) / 1000);
    phaseStarted = Date.now();
  };
  const cycle = await findCycle(db, { id: cycleId });
  if (!cycle)
    throw notFound({ en: `No payment cycle ${cycleId}`, id: `Tahap pembayaran ${cycleId} tidak ada` });
  const programmeArea = cycle.programme_area_code;
  const everyKota = kotaCodes === 'all';
  const requested = everyKota ? await kotasOfProgramme(db, programmeArea, user) : [...new Set(kotaCodes)];

  interface Plan {
    kotaCode: string;
    decidedArea: string;
    current: Awaited<ReturnType<typeof findCurrentDetermination>>;
    previousId: number | null;
    families: number;
  }
  const plans: Plan[] = [];
  for (const kotaCode of requested) {
    if (!KOTA_CODE_PATTERN.test(kotaCode))
      throw badRequest('invalid_kota', {
        en: `"${kotaCode}" is not a kota code like 31.74`,
        id: `"${kotaCode}" bukan kode kota seperti 31.74`,
      });
    assertMayActOnKota(user, 'eligibility.prepare', kotaCode);
    const overlaps =
      programmeArea === '' ||
      kotaCode === programmeArea ||
      kotaCode.startsWith(`${programmeArea}.`) ||
      programmeArea.startsWith(`${kotaCode}.`);
    if (!overlaps)
      throw badRequest('kota_outside_programme', {
        en: `Kota ${kotaCode} is outside the area of ${cycle.programme_code}`,
        id: `Kota ${kotaCode} berada di luar wilayah ${cycle.programme_code}`,
      });
    const decidedArea = decidedAreaOf(programmeArea, kotaCode);
    const current = await findCurrentDetermination(db, { cycleId, kotaCode });
    if (current?.status === 'signed') {
      if (everyKota) continue;
      throw conflict('already_signed', {
        en: `The list of kota ${kotaCode} for ${cycle.periods.join(' + ')} is already signed and frozen; changes go to the next cycle`,
        id: `Daftar kota ${kotaCode} untuk ${cycle.periods.join(' + ')} sudah ditetapkan dan dibekukan; perubahan masuk ke tahap berikutnya`,
      });
    }
    const families = await countFamilies(db, decidedArea);
    if (families === 0) {
      if (everyKota) continue;
      throw conflict('no_families', {
        en: `Kota ${kotaCode} has no families in the registry: there is nothing to decide for ${cycle.periods.join(' + ')}`,
        id: `Kota ${kotaCode} belum memiliki keluarga terdaftar: tidak ada yang diputuskan untuk ${cycle.periods.join(' + ')}`,
      });
    }
    const previous = await findPreviousSignedDetermination(db, {
      programmeId: cycle.programme_id,
      period: cycle.period,
      kotaCode,
    });
    plans.push({ kotaCode, decidedArea, current, previousId: previous?.id ?? null, families });
  }
  if (plans.length === 0)
    throw conflict('no_families', {
      en: `No kota of ${cycle.programme_code} in your area has families without a signed list for ${cycle.periods.join(' + ')}`,
      id: `Tidak ada kota ${cycle.programme_code} di wilayah Anda yang memiliki keluarga tanpa daftar yang sudah ditetapkan untuk ${cycle.periods.join(' + ')}`,
    });
  const ruleSet = await loadRuleSet(db, cycle.programme_id);
  // One kota: its own area; several: the programme's area, each family routed to its kota's list.
  const readArea = plans.length === 1 ? (plans[0]?.decidedArea ?? '') : programmeArea;

  try {
    // Two connections: one reads the facts from a single snapshot (each list is exactly what its fingerprint
    // describes), the other writes the lists in their own transaction while the first streams; both run at once.
    return await withRawTransaction(db, async ({ client: reader, db: snapshot }) => {
      await sql`set transaction isolation level repeatable read, read only`.execute(snapshot);
      phase('checks');
      // The fingerprints are taken on a third connection sharing the reader's snapshot, while the facts stream.
      const exported = await reader.query<{ id: string }>('select pg_export_snapshot() as id');
      const fingerprinting = withRawTransaction(db, async ({ client, db: other }) => {
        await client.query('set transaction isolation level repeatable read, read only');
        await client.query(`set transaction snapshot ${client.escapeLiteral(exported.rows[0]?.id ?? '')}`);
        return sourceFingerprints(other, {
          areaCodes: plans.map((plan) => plan.decidedArea),
          periods: cycle.periods,
        });
      });
      // Awaited below; a failure before then must not go unhandled.
      fingerprinting.catch(() => {});
      return withRawTransaction(db, async ({ client: writer, db: transaction }) => {
        const lists = new Map<string, { plan: Plan; id: number }>();
        for (const plan of plans) {
          if (plan.current) await supersedeDetermination(transaction, plan.current.id);
          const { id } = await insertDetermination(transaction, {
            cycleId,
            kotaCode: plan.kotaCode,
            preparedBy: user.id,
            fingerprint: 'pending',
            rules: ruleSet,
            previousDeterminationId: plan.previousId,
          });
          lists.set(plan.kotaCode, { plan, id });
        }
        // The lists of this preparation go into a table of their own, indexed once loaded (see 0009).
        const table = await createDecisionTable(
          transaction,
          Math.min(...[...lists.values()].map((list) => list.id)),
        );
        const decisions = new PassThrough();
        const copying = copyDecisionLines(writer, { table, lines: decisions });
        const decider = createDecider(
          {
            ruleSet,
            periods: cycle.periods,
            amount: Number(cycle.amount),
            lists: [...lists.values()].map(({ plan, id }) => ({
              kotaCode: plan.kotaCode,
              decidedArea: plan.decidedArea,
              determinationId: id,
            })),
          },
          {
            worker:
              decideInWorker ?? plans.reduce((sum, plan) => sum + plan.families, 0) >= WORKER_FROM_FAMILIES,
          },
        );
        let counts: ListCounts[];
        try {
          const facts = await familyFactsStream(reader, snapshot, {
            areaCode: readArea,
            periods: cycle.periods,
            programmes: ruleSet.no_ministry_programme.parameters.programmes,
            previousDeterminationIds: plans.flatMap((plan) =>
              plan.previousId === null ? [] : [plan.previousId],
            ),
          });
          counts = await pumpDecisions({ facts, decider, decisions, copying });
          decisions.end();
          await copying;
        } catch (error) {
          decisions.destroy(error as Error);
          await copying.catch(() => {});
          throw error;
        } finally {
          await decider.close();
        }
        phase('decide_and_store');
        await attachDecisionTable(transaction, {
          name: table,
          determinationIds: [...lists.values()].map((list) => list.id),
        });
        phase('index');
        const byArea = await fingerprinting;
        for (const { plan, id } of lists.values())
          await setFingerprint(transaction, { id, fingerprint: byArea.get(plan.decidedArea) ?? '' });
        phase('fingerprint');
        const results: PreparedList[] = [];
        const countsOf = new Map(counts.map((count) => [count.determinationId, count]));
        for (const { plan, id } of lists.values()) {
          const { tally, summary } = countsOf.get(id) ?? {
            tally: newTally(),
            summary: newSummary().result(),
          };
          if (tally.families > 0 && tally.eligible === 0 && tally.pending === 0) {
            const reason = mainExclusion(tally);
            throw conflict('excludes_everyone', {
              en:
                `The rules of ${cycle.programme_code} exclude all ${tally.families} families of kota ${plan.kotaCode}` +
                (reason
                  ? `; most often: "${reasonLabel(reason, 'en')}" (${tally.exclusions.get(reason)} families)`
                  : '') +
                '. Check the rule settings before preparing the list.',
              id:
                `Aturan ${cycle.programme_code} mengecualikan seluruh ${tally.families} keluarga kota ${plan.kotaCode}` +
                (reason
                  ? `; paling sering: "${reasonLabel(reason, 'id')}" (${tally.exclusions.get(reason)} keluarga)`
                  : '') +
                '. Periksa pengaturan aturan sebelum menyiapkan daftar.',
            });
          }
          await storeSummary(transaction, id, summary);
          await recordAudit({
            db: transaction,
            actor: actorOf(user),
            action: 'determination.prepare',
            entityType: 'determination',
            entityId: id,
            areaCode: plan.kotaCode,
            after: {
              cycleId,
              periods: cycle.periods,
              kotaCode: plan.kotaCode,
              families: summary.familyCount,
              byDecision: summary.byDecision,
              totalAmount: summary.totalAmount,
              replaced: plan.current?.id ?? null,
            },
          });
          results.push({ kotaCode: plan.kotaCode, determinationId: id, ...summary });
        }
        phase('summary');
        return results;
      });
    });
  } catch (error) {
    if (error instanceof HttpError) throw error;
    if ((error as { constraint?: string }).constraint === 'determination_prepared')
      throw conflict('prepare_in_progress', {
        en: 'Someone else is preparing one of these lists right now',
        id: 'Orang lain sedang menyiapkan salah satu daftar ini',
      });
    throw error;
  }
}

/** Kota codes under the programme's area (or the kota holding it) that the user's area covers. */
async function kotasOfProgramme(db: DatabaseClient, programmeArea: string, user: SessionUser) {
  const rows = await sql<{ code: string }>`
    select code from region
    where level = 2 and not retired
      and (${programmeArea} = '' or code like ${`${programmeArea}.%`} or ${programmeArea} = code
           or ${programmeArea} like code || '.%')
    order by code`.execute(db);
  return rows.rows
    .map((row) => row.code)
    .filter((code) => scopeCovers({ areaCode: user.areaCode, rw: null }, code));
}

/** From this many families on, the families are decided in a worker thread (see decider.ts). */
const WORKER_FROM_FAMILIES = 50_000;
/** Facts are handed to the decider in pieces of about this size; at most MAX_IN_FLIGHT pieces wait for it. */
const PIECE_BYTES = 256 * 1024;
const MAX_IN_FLIGHT = 8;

/**
 * Moves the facts to the decider and its lines to the COPY of the decisions, with a few pieces in flight so that
 * reading, deciding and writing overlap; waits while the writer is behind (or stops when its COPY failed).
 */
async function pumpDecisions({
  facts,
  decider,
  decisions,
  copying,
}: {
  facts: AsyncIterable<Buffer>;
  decider: Decider;
  decisions: PassThrough;
  copying: Promise<void>;
}): Promise<ListCounts[]> {
  const write = async (lines: string) => {
    if (lines.length > 0 && !decisions.write(lines)) await Promise.race([once(decisions, 'drain'), copying]);
  };
  const inFlight: Promise<string>[] = [];
  let piece: Buffer[] = [];
  let pieceBytes = 0;
  const send = () => {
    const deciding = decider.decide(Buffer.concat(piece, pieceBytes));
    // Awaited in order below; one failing while an earlier one is awaited must not go unhandled.
    deciding.catch(() => {});
    inFlight.push(deciding);
    piece = [];
    pieceBytes = 0;
  };
  for await (const chunk of facts) {
    piece.push(chunk);
    pieceBytes += chunk.length;
    if (pieceBytes < PIECE_BYTES) continue;
    send();
    while (inFlight.length > MAX_IN_FLIGHT) await write(await (inFlight.shift() as Promise<string>));
  }
  if (pieceBytes > 0) send();
  for (const deciding of inFlight.splice(0)) await write(await deciding);
  const { lines, counts } = await decider.finish();
  await write(lines);
  return counts;
}
