import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { recordAudit } from '../audit/record-audit.ts';
import { actorOf, type SessionUser } from '../auth/session-user.ts';
import { copyLine } from '../db/copy-rows.ts';
import { type DatabaseClient, withRawTransaction } from '../db/database.ts';
import { badRequest, conflict, HttpError, notFound } from '../http/http-error.ts';
import { assertMayActOnKota, decidedAreaOf, KOTA_CODE_PATTERN } from './cycle-access.ts';
import {
  findCurrentDetermination,
  findCycle,
  findPreviousSignedDetermination,
  insertDetermination,
  storeSummary,
  supersedeDetermination,
} from './eligibility-repository.ts';
import { addToTally, evaluateArea, mainExclusion, newSummary, newTally } from './evaluate-area.ts';
import { countFamilies, sourceFingerprint } from './family-facts-repository.ts';
import { loadRuleSet } from './load-rule-set.ts';
import { describeReason } from './reason-text.ts';

export interface PrepareDeterminationOptions {
  db: DatabaseClient;
  user: SessionUser;
  cycleId: number;
  kotaCode: string;
  /** Called after each phase with its duration (benchmarks). */
  onPhase?: (phase: string, seconds: number) => void;
}

const DECISION_COLUMNS = [
  'kk_number',
  'determination_id',
  'household_id',
  'kelurahan_code',
  'rw',
  'rt',
  'decision',
  'reasons',
  'flags',
  'head_name',
  'collector_member_id',
  'collector_name',
  'address',
  'member_count',
  'amount',
];

/**
 * A verifier prepares the recipient list of a cycle for one kota: every family gets a decision with its reasons,
 * stored as snapshot rows. An unsigned earlier list is replaced; a signed one is final.
 */
export async function prepareDetermination({
  db,
  user,
  cycleId,
  kotaCode,
  onPhase,
}: PrepareDeterminationOptions) {
  let phaseStarted = Date.now();
  const phase = (name: string) => {
    onPhase?.(name, (Date.now() - phaseStarted) / 1000);
    phaseStarted = Date.now();
  };
  if (!KOTA_CODE_PATTERN.test(kotaCode))
    throw badRequest('invalid_kota', `"${kotaCode}" is not a kota code like 31.74`);
  assertMayActOnKota(user, 'eligibility.prepare', kotaCode);
  const cycle = await findCycle(db, { id: cycleId });
  if (!cycle) throw notFound(`No payment cycle ${cycleId}`);
  const programmeArea = cycle.programme_area_code;
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
  if (current?.status === 'signed')
    throw conflict(
      'already_signed',
      `The list of kota ${kotaCode} for ${cycle.periods.join(' + ')} is already signed and frozen; changes go to the next cycle`,
    );
  const families = await countFamilies(db, decidedArea);
  if (families === 0)
    throw conflict(
      'no_families',
      `Kota ${kotaCode} has no families in the registry: there is nothing to decide for ${cycle.periods.join(' + ')}`,
    );
  const ruleSet = await loadRuleSet(db, cycle.programme_id);
  const previous = await findPreviousSignedDetermination(db, {
    programmeId: cycle.programme_id,
    period: cycle.period,
    kotaCode,
  });

  try {
    // Two connections: one reads the facts from a single snapshot (the list is exactly what the fingerprint
    // describes), the other writes the list in its own transaction while the first streams; both run at once.
    return await withRawTransaction(db, async ({ client: reader, db: snapshot }) => {
      await sql`set transaction isolation level repeatable read, read only`.execute(snapshot);
      phase('checks');
      const fingerprint = await sourceFingerprint(snapshot, {
        areaCode: decidedArea,
        periods: cycle.periods,
      });
      phase('fingerprint');
      return withRawTransaction(db, async ({ client: writer, db: transaction }) => {
        if (current) await supersedeDetermination(transaction, current.id);
        const { id } = await insertDetermination(transaction, {
          cycleId,
          kotaCode,
          preparedBy: user.id,
          fingerprint,
          rules: ruleSet,
          previousDeterminationId: previous?.id ?? null,
        });
        const tally = newTally();
        const counts = newSummary();
        const timings = { facts: 0, rules: 0, store: 0 };
        const decisions = new PassThrough();
        const copying = pipeline(
          decisions,
          writer.query(copyFrom(`copy eligibility_decision (${DECISION_COLUMNS.join(', ')}) from stdin`)),
        );
        try {
          await evaluateArea({
            timings,
            client: reader,
            db: snapshot,
            areaCode: decidedArea,
            ruleSet,
            context: { periods: cycle.periods },
            previousDeterminationId: previous?.id ?? null,
            onBatch: async (batch) => {
              let lines = '';
              for (const { facts, outcome } of batch) {
                addToTally(tally, outcome, facts);
                const amount = outcome.decision === 'eligible' ? Number(cycle.amount) : 0;
                counts.add(outcome, amount);
                lines += copyLine([
                  facts.kkNumber,
                  id,
                  facts.householdId,
                  facts.kelurahanCode,
                  facts.rw,
                  facts.rt,
                  outcome.decision,
                  JSON.stringify(outcome.reasons),
                  `{${outcome.flags.join(',')}}`,
                  facts.head?.name ?? null,
                  outcome.collectorMemberId,
                  outcome.collectorName,
                  facts.address,
                  facts.memberCount,
                  amount,
                ]);
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
        for (const [name, seconds] of Object.entries(timings)) onPhase?.(`decide_${name}`, seconds);
        if (tally.families > 0 && tally.eligible === 0 && tally.pending === 0) {
          const reason = mainExclusion(tally);
          throw conflict(
            'excludes_everyone',
            `The rules of ${cycle.programme_code} exclude all ${tally.families} families of kota ${kotaCode}` +
              (reason
                ? `; most often: "${describeReason({ rule: 'registry', code: reason, effect: 'excluded' }, 'en')}" (${tally.exclusions.get(reason)} families)`
                : '') +
              '. Check the rule settings before preparing the list.',
          );
        }
        const summary = counts.result();
        await storeSummary(transaction, id, summary);
        phase('summary');
        await recordAudit({
          db: transaction,
          actor: actorOf(user),
          action: 'determination.prepare',
          entityType: 'determination',
          entityId: id,
          areaCode: kotaCode,
          after: {
            cycleId,
            periods: cycle.periods,
            kotaCode,
            families: summary.familyCount,
            byDecision: summary.byDecision,
            totalAmount: summary.totalAmount,
            replaced: current?.id ?? null,
          },
        });
        return { determinationId: id, ...summary };
      });
    });
  } catch (error) {
    if (error instanceof HttpError) throw error;
    if ((error as { constraint?: string }).constraint === 'determination_prepared')
      throw conflict(
        'prepare_in_progress',
        `Someone else is preparing the list of kota ${kotaCode} right now`,
      );
    throw error;
  }
}
