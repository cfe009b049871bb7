import { sql } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import { actorOf, type SessionUser } from '../auth/session-user.ts';
import { withinTransaction } from '../auth/within-transaction.ts';
import { type DatabaseClient, withRawTransaction } from '../db/database.ts';
import { badRequest, conflict, notFound } from '../http/http-error.ts';
import { assertPermission } from './cycle-access.ts';
import { findProgramme, listCycles, upsertProgrammeRule } from './eligibility-repository.ts';
import { addToTally, evaluateArea, mainExclusion, newTally, type OutcomeTally } from './evaluate-area.ts';
import { loadRuleSet } from './load-rule-set.ts';
import { reasonLabel } from './reason-text.ts';
import { isRuleCode, RULE_PARAMETER_SCHEMAS, type RuleSet, type RuleSetting, withRule } from './rules.ts';

export interface UpdateProgrammeRuleOptions {
  db: DatabaseClient;
  user: SessionUser;
  programmeId: number;
  ruleCode: string;
  enabled: boolean;
  parameters: unknown;
}

/**
 * An administrator switches a rule on or off or sets its parameters. The new rule set is tried on every family
 * of the programme's area first: a set that would exclude them all is refused. Every change is audited.
 */
export async function updateProgrammeRule({
  db,
  user,
  programmeId,
  ruleCode,
  enabled,
  parameters,
}: UpdateProgrammeRuleOptions) {
  assertPermission(user, 'eligibility.manage');
  const programme = await findProgramme(db, { id: programmeId });
  if (!programme)
    throw notFound({ en: `No programme ${programmeId}`, id: `Program ${programmeId} tidak ada` });
  if (!isRuleCode(ruleCode))
    throw badRequest('unknown_rule', { en: `No rule "${ruleCode}"`, id: `Aturan "${ruleCode}" tidak ada` });
  const parsed = RULE_PARAMETER_SCHEMAS[ruleCode].safeParse(parameters ?? {});
  if (!parsed.success)
    throw badRequest('invalid_parameters', {
      en: `Parameters of ${ruleCode}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'value'} ${issue.message}`).join('; ')}`,
      id: `Parameter aturan ${ruleCode} tidak sah: ${parsed.error.issues.map((issue) => issue.path.join('.') || 'nilai').join(', ')}`,
    });
  const before = await loadRuleSet(db, programmeId);
  const after = withRule(before, { code: ruleCode, enabled, parameters: parsed.data } as RuleSetting);

  const latestCycle = (await listCycles(db)).find((cycle) => cycle.programme_id === programmeId);
  const tally = await tryRuleSet(db, {
    areaCode: programme.area_code,
    ruleSet: after,
    periods: latestCycle?.periods ?? [],
  });
  if (tally.families > 0 && tally.eligible === 0 && tally.pending === 0) {
    const reason = mainExclusion(tally);
    throw conflict('excludes_everyone', {
      en:
        `With this change the rules would exclude all ${tally.families} families of ${programme.name}` +
        (reason ? ` (most often: "${reasonLabel(reason, 'en')}")` : '') +
        '; the change was not saved',
      id:
        `Dengan perubahan ini aturan akan mengecualikan seluruh ${tally.families} keluarga ${programme.name}` +
        (reason ? ` (paling sering: "${reasonLabel(reason, 'id')}")` : '') +
        '; perubahan tidak disimpan',
    });
  }

  await withinTransaction(db, async (transaction) => {
    await upsertProgrammeRule(transaction, {
      programmeId,
      ruleCode,
      enabled,
      parameters: parsed.data,
      updatedBy: user.id,
    });
    await recordAudit({
      db: transaction,
      actor: actorOf(user),
      action: 'programme_rule.update',
      entityType: 'programme_rule',
      entityId: `${programmeId}:${ruleCode}`,
      areaCode: programme.area_code,
      before: before[ruleCode],
      after: after[ruleCode],
      detail: { triedOn: { families: tally.families, eligible: tally.eligible, pending: tally.pending } },
    });
  });
  return {
    rule: after[ruleCode],
    triedOn: {
      families: tally.families,
      eligible: tally.eligible,
      excluded: tally.excluded,
      pending: tally.pending,
    },
  };
}

/** Decides every family of an area with a rule set without storing anything: the counts only. */
export async function tryRuleSet(
  db: DatabaseClient,
  { areaCode, ruleSet, periods }: { areaCode: string; ruleSet: RuleSet; periods: readonly string[] },
): Promise<OutcomeTally> {
  const tally = newTally();
  await withRawTransaction(db, async ({ client, db: transaction }) => {
    await sql`set transaction read only`.execute(transaction);
    await evaluateArea({
      client,
      db: transaction,
      areaCode,
      ruleSet,
      context: { periods },
      previousDeterminationIds: [],
      onBatch: (batch) => {
        for (const { facts, outcome } of batch) addToTally(tally, outcome, facts);
      },
    });
  });
  return tally;
}
