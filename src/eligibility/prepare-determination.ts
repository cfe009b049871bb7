import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { recordAudit } from '../audit/record-audit.ts';
import { scopeCovers } from '../auth/area-scope.ts';
import { actorOf, type SessionUser } from '../auth/session-user.ts';
import { type DatabaseClient, withRawTransaction } from '../db/database.ts';
import { badRequest, conflict, HttpError, notFound } from '../http/http-error.ts';
import { assertMayActOnKota, decidedAreaOf, KOTA_CODE_PATTERN } from './cycle-access.ts';
import { DECISION_COLUMNS, decisionLine } from './decision-rows.ts';
import {
  attachDecisionTable,
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
import { addToTally, evaluateArea, mainExclusion, newSummary, newTally } from './evaluate-area.ts';
import { countFamilies, sourceFingerprints } from './family-facts-repository.ts';
import { loadRuleSet } from './load-rule-set.ts';
import { reasonLabel } from './reason-text.ts';

export interface PrepareDeterminationOptions {
  db: DatabaseClient;
  user: SessionUser;
  cycleId: number;
  kotaCode: string;
  /** Called after each phase with its duration (benchmarks). */
  onPhase?: (phase: string, seconds: number) => void;
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
}: PrepareDeterminationsOptions): Promise<PreparedList[]> {
  let phaseStarted = Date.now();
  const phase = (name: string) => {
    onPhase?.(name, (Date.now() - phaseStarted) / 1000);
    phaseStarted = Date.now();
  };
  const cycle = await findCycle(db, { id: cycleId });
  if (!cycle) throw notFound(`No payment cycle ${cycleId}`);
  const programmeArea = cycle.programme_area_code;
  const everyKota = kotaCodes === 'all';
  const requested = everyKota ? await kotasOfProgramme(db, programmeArea, user) : [...new Set(kotaCodes)];

  interface Plan {
    kotaCode: string;
    decidedArea: string;
    current: Awaited<ReturnType<typeof findCurrentDetermination>>;
    previousId: number | null;
  }
  const plans: Plan[] = [];
  for (const kotaCode of requested) {
    if (!KOTA_CODE_PATTERN.test(kotaCode))
      throw badRequest('invalid_kota', `"${kotaCode}" is not a kota code like 31.74`);
    assertMayActOnKota(user, 'eligibility.prepare', kotaCode);
    const overlaps =
      programmeArea === '' ||
      kotaCode === programmeArea ||
      kotaCode.startsWith(`${programmeArea}.`) ||
      programmeArea.startsWith(`${kotaCode}.`);
    if (!overlaps)
      throw badRequest(
        'kota_outside_programme',
        `Kota ${kotaCode} is outside the area of ${cycle.programme_code}`,
      );
    const decidedArea = decidedAreaOf(programmeArea, kotaCode);
    const current = await findCurrentDetermination(db, { cycleId, kotaCode });
    if (current?.status === 'signed') {
      if (everyKota) continue;
      throw conflict(
        'already_signed',
        `The list of kota ${kotaCode} for ${cycle.periods.join(' + ')} is already signed and frozen; changes go to the next cycle`,
      );
    }
    if ((await countFamilies(db, decidedArea)) === 0) {
      if (everyKota) continue;
      throw conflict(
        'no_families',
        `Kota ${kotaCode} has no families in the registry: there is nothing to decide for ${cycle.periods.join(' + ')}`,
      );
    }
    const previous = await findPreviousSignedDetermination(db, {
      programmeId: cycle.programme_id,
      period: cycle.period,
      kotaCode,
    });
    plans.push({ kotaCode, decidedArea, current, previousId: previous?.id ?? null });
  }
  if (plans.length === 0)
    throw conflict(
      'no_families',
      `No kota of ${cycle.programme_code} in your area has families without a signed list for ${cycle.periods.join(' + ')}`,
    );
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
        const lists = new Map<
          string,
          {
            plan: Plan;
            id: number;
            tally: ReturnType<typeof newTally>;
            counts: ReturnType<typeof newSummary>;
          }
        >();
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
          lists.set(plan.kotaCode, { plan, id, tally: newTally(), counts: newSummary() });
        }
        // The lists of this preparation go into a table of their own, indexed once loaded (see 0009).
        const table = await createDecisionTable(
          transaction,
          Math.min(...[...lists.values()].map((list) => list.id)),
        );
        const listOf = (kelurahanCode: string) => {
          const list = lists.get(kelurahanCode.slice(0, 5));
          return list && kelurahanCode.startsWith(list.plan.decidedArea) ? list : undefined;
        };
        const timings = { facts: 0, rules: 0, store: 0 };
        const decisions = new PassThrough();
        const copying = pipeline(
          decisions,
          // FREEZE: the table is new in this transaction, so its rows are written already frozen (no later pass).
          writer.query(copyFrom(`copy ${table} (${DECISION_COLUMNS.join(', ')}) from stdin with (freeze)`)),
        );
        try {
          await evaluateArea({
            timings,
            client: reader,
            db: snapshot,
            areaCode: readArea,
            ruleSet,
            context: { periods: cycle.periods },
            previousDeterminationIds: plans.flatMap((plan) =>
              plan.previousId === null ? [] : [plan.previousId],
            ),
            onBatch: async (batch) => {
              let lines = '';
              for (const { facts, outcome } of batch) {
                const list = listOf(facts.kelurahanCode);
                if (!list) continue;
                addToTally(list.tally, outcome, facts);
                const amount = outcome.decision === 'eligible' ? Number(cycle.amount) : 0;
                list.counts.add(outcome, amount);
                lines += decisionLine(list.id, facts, outcome, amount);
              }
              // Backpressure: wait while the database is behind, or stop when the COPY failed.
              if (!decisions.write(lines)) await Promise.race([once(decisions, 'drain'), copying]);
            },
          });
          decisions.end();
          await copying;
        } catch (error) {
          decisions.destroy(error as Error);
          await copying.catch(() => {});
          throw error;
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
        for (const [name, seconds] of Object.entries(timings)) onPhase?.(`decide_${name}`, seconds);
        const results: PreparedList[] = [];
        for (const { plan, id, tally, counts } of lists.values()) {
          if (tally.families > 0 && tally.eligible === 0 && tally.pending === 0) {
            const reason = mainExclusion(tally);
            throw conflict(
              'excludes_everyone',
              `The rules of ${cycle.programme_code} exclude all ${tally.families} families of kota ${plan.kotaCode}` +
                (reason
                  ? `; most often: "${reasonLabel(reason, 'en')}" (${tally.exclusions.get(reason)} families)`
                  : '') +
                '. Check the rule settings before preparing the list.',
            );
          }
          const summary = counts.result();
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
      throw conflict('prepare_in_progress', 'Someone else is preparing one of these lists right now');
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
