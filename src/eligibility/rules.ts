// The six eligibility rules of BST (SPEC.md) and the life events, as pure functions over the facts of one family.
import { z } from 'zod';

export const RULE_CODES = [
  'listed_in_domicile',
  'affected_without_fixed_income',
  'no_ministry_programme',
  'listed_through_kelurahan',
  'domicile_without_nik',
  'bank_dki_payment',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

export const MINISTRY_PROGRAMME_CODES = ['PKH', 'BPNT', 'SEMBAKO', 'PRAKERJA', 'BST_KEMENSOS'] as const;

/** The parameters an administrator may set, per rule; unknown keys are refused. */
export const RULE_PARAMETER_SCHEMAS = {
  listed_in_domicile: z.strictObject({ provinceCode: z.string().regex(/^\d{2}$/) }),
  affected_without_fixed_income: z.strictObject({ unknownDecision: z.enum(['pending', 'excluded']) }),
  no_ministry_programme: z.strictObject({
    programmes: z.array(z.enum(MINISTRY_PROGRAMME_CODES)).min(1),
    useVerificationMatches: z.boolean(),
  }),
  listed_through_kelurahan: z.strictObject({}),
  domicile_without_nik: z.strictObject({ decision: z.enum(['pending', 'eligible']) }),
  bank_dki_payment: z.strictObject({ bank: z.string().min(1).max(60) }),
} satisfies Record<RuleCode, z.ZodType>;

export type RuleParameters = { [Code in RuleCode]: z.infer<(typeof RULE_PARAMETER_SCHEMAS)[Code]> };

export interface RuleSetting<Code extends RuleCode = RuleCode> {
  code: Code;
  enabled: boolean;
  parameters: RuleParameters[Code];
}

export type RuleSet = { [Code in RuleCode]: RuleSetting<Code> };

export const DEFAULT_RULE_SET: RuleSet = {
  listed_in_domicile: { code: 'listed_in_domicile', enabled: true, parameters: { provinceCode: '31' } },
  affected_without_fixed_income: {
    code: 'affected_without_fixed_income',
    enabled: true,
    parameters: { unknownDecision: 'pending' },
  },
  no_ministry_programme: {
    code: 'no_ministry_programme',
    enabled: true,
    parameters: { programmes: [...MINISTRY_PROGRAMME_CODES], useVerificationMatches: true },
  },
  listed_through_kelurahan: { code: 'listed_through_kelurahan', enabled: true, parameters: {} },
  domicile_without_nik: { code: 'domicile_without_nik', enabled: true, parameters: { decision: 'pending' } },
  bank_dki_payment: { code: 'bank_dki_payment', enabled: true, parameters: { bank: 'Bank DKI' } },
};

/** Builds a rule set from stored rows, checking each rule's parameters; a missing rule keeps its default. */
export function parseRuleSet(
  rows: readonly { rule_code: string; enabled: boolean; parameters: unknown }[],
): RuleSet {
  const ruleSet: RuleSet = structuredClone(DEFAULT_RULE_SET);
  for (const row of rows) {
    if (!isRuleCode(row.rule_code)) continue;
    const parameters = RULE_PARAMETER_SCHEMAS[row.rule_code].parse(row.parameters);
    (ruleSet as Record<RuleCode, RuleSetting>)[row.rule_code] = {
      code: row.rule_code,
      enabled: row.enabled,
      parameters,
    } as RuleSetting;
  }
  return ruleSet;
}

export function isRuleCode(value: string): value is RuleCode {
  return (RULE_CODES as readonly string[]).includes(value);
}

export interface MinistryHit {
  /** Position of the member in the family: head first, then by birth date. */
  memberOrdinal: number;
  programme: string;
  period: string;
  /** nik: exact NIK on an active list; verification: a match (or a reviewer's same-person decision). */
  source: 'nik' | 'verification';
}

/** What the registry, the ministry lists and verification say about one family, gathered in SQL. */
export interface FamilyFacts {
  householdId: number;
  kkNumber: string;
  kelurahanCode: string;
  rw: string;
  rt: string;
  /** active | merged | moved_out … */
  status: string;
  mergedIntoHouseholdId: number | null;
  address: string | null;
  fixedIncome: boolean | null;
  covidAffected: boolean | null;
  /** The family came into the registry from an RT/RW listing forwarded by the kelurahan. */
  listedThroughKelurahan: boolean;
  memberCount: number;
  livingCount: number;
  nikCount: number;
  /** Every living member is marked as moved away. */
  allLivingMoved: boolean;
  head: { memberId: number; name: string; deceased: boolean; deathDate: string | null } | null;
  /** The first living member after the head (spouse or oldest), looked up when the head has died. */
  heir: { memberId: number; ordinal: number; name: string } | null;
  ministryHits: MinistryHit[];
  /** Ministry pairs in the review band that nobody has decided yet. */
  ministryReviews: { memberOrdinal: number; programme: string; period: string }[];
  /** Kelurahan of the same KK on the previous signed list, when it was elsewhere. */
  previousKelurahanCode: string | null;
}

export type Decision = 'eligible' | 'excluded' | 'pending';
export type Effect = 'excluded' | 'pending' | 'note';

/** One reason of a decision: a code with its parameters, rendered in words by reason-text.ts. */
export interface Reason {
  rule: RuleCode | 'life_event' | 'registry';
  code: string;
  effect: Effect;
  params?: Record<string, string | number | null>;
}

export const FLAGS = ['field_visit', 'domicile_statement', 'heir_collects', 'new_collection_site'] as const;
export type Flag = (typeof FLAGS)[number];

export interface FamilyOutcome {
  decision: Decision;
  reasons: Reason[];
  flags: Flag[];
  collectorMemberId: number | null;
  collectorName: string | null;
}

export interface EvaluationContext {
  /** The months the cycle pays (two for a combined cycle). */
  periods: readonly string[];
}

/** Applies the enabled rules and the life events to one family: excluded beats pending beats eligible. */
export function evaluateFamily(
  facts: FamilyFacts,
  ruleSet: RuleSet,
  context: EvaluationContext,
): FamilyOutcome {
  return familyEvaluator(ruleSet, context)(facts);
}

// Reasons that depend on the rule set alone are built once and shared (frozen) by every outcome of a pass.
const constant = (reason: Reason): Reason => {
  if (reason.params) Object.freeze(reason.params);
  return Object.freeze(reason);
};
const ALL_RULES_MET = constant({ rule: 'registry', code: 'all_rules_met', effect: 'note' });

/**
 * The rules of one rule set and cycle made ready to apply to many families (evaluateFamily for a whole list):
 * the programme and period sets and the reasons that depend on the rules alone are built once, not per family.
 * Same outcome as evaluateFamily, family by family.
 */
export function familyEvaluator(
  ruleSet: RuleSet,
  context: EvaluationContext,
): (facts: FamilyFacts) => FamilyOutcome {
  const domicile = ruleSet.listed_in_domicile;
  const provincePrefix = `${domicile.parameters.provinceCode}.`;
  const movedOut = constant({ rule: domicile.code, code: 'moved_out_of_province', effect: 'excluded' });
  const noMembers = constant({ rule: 'life_event', code: 'no_members', effect: 'excluded' });
  const noLivingMember = constant({ rule: 'life_event', code: 'no_living_member', effect: 'excluded' });

  const affected = ruleSet.affected_without_fixed_income;
  const unknownDecision = affected.parameters.unknownDecision;
  const hasFixedIncome = constant({ rule: affected.code, code: 'has_fixed_income', effect: 'excluded' });
  const notAffected = constant({ rule: affected.code, code: 'not_affected', effect: 'excluded' });
  const impactUnknown = constant({
    rule: affected.code,
    code: 'income_or_impact_unknown',
    effect: unknownDecision,
  });

  const ministry = ruleSet.no_ministry_programme;
  const programmes = new Set<string>(ministry.parameters.programmes);
  const periods = new Set(context.periods);
  const useVerificationMatches = ministry.parameters.useVerificationMatches;

  const channel = ruleSet.listed_through_kelurahan;
  const notThroughKelurahan = constant({
    rule: channel.code,
    code: 'not_listed_through_kelurahan',
    effect: 'pending',
  });

  const withoutNik = ruleSet.domicile_without_nik;
  const noNik = constant({ rule: withoutNik.code, code: 'no_nik', effect: 'excluded' });
  const noNikNoAddress = constant({ rule: withoutNik.code, code: 'no_nik_no_address', effect: 'excluded' });
  const domicileStatement = constant({
    rule: withoutNik.code,
    code: 'no_nik_domicile_statement',
    effect: withoutNik.parameters.decision === 'pending' ? 'pending' : 'note',
  });

  const noCollector = constant({ rule: 'life_event', code: 'no_collector', effect: 'pending' });
  const bank = ruleSet.bank_dki_payment;
  const paidToBank = constant({
    rule: bank.code,
    code: 'paid_to_bank_account',
    effect: 'note',
    params: { bank: bank.parameters.bank },
  });

  return (facts) => {
    // No closure per family: the reasons go in the list, their effects are read once at the end.
    const reasons: Reason[] = [];
    // Flags in the order they are first raised, each once.
    const flags: Flag[] = [];

    if (facts.status === 'merged') {
      reasons.push({
        rule: 'registry',
        code: 'merged_duplicate',
        effect: 'excluded',
        params: { into: facts.mergedIntoHouseholdId },
      });
      return { decision: 'excluded', reasons, flags, collectorMemberId: null, collectorName: null };
    }

    if (domicile.enabled) {
      if (!facts.kelurahanCode.startsWith(provincePrefix)) {
        reasons.push({
          rule: domicile.code,
          code: 'outside_province',
          effect: 'excluded',
          params: { kelurahan: facts.kelurahanCode, province: domicile.parameters.provinceCode },
        });
      } else if (facts.status === 'moved_out' || (facts.livingCount > 0 && facts.allLivingMoved)) {
        reasons.push(movedOut);
      }
    }

    if (facts.livingCount === 0) reasons.push(facts.memberCount === 0 ? noMembers : noLivingMember);

    if (affected.enabled) {
      if (facts.fixedIncome === true) reasons.push(hasFixedIncome);
      if (facts.covidAffected === false) reasons.push(notAffected);
      if (facts.fixedIncome === null || facts.covidAffected === null) {
        reasons.push(impactUnknown);
        if (unknownDecision === 'pending') addFlag(flags, 'field_visit');
      }
    }

    if (ministry.enabled && (facts.ministryHits.length > 0 || facts.ministryReviews.length > 0)) {
      const seen = new Set<string>();
      for (const hit of facts.ministryHits) {
        if (!programmes.has(hit.programme) || !periods.has(hit.period)) continue;
        if (hit.source === 'verification' && !useVerificationMatches) continue;
        const key = `${hit.memberOrdinal}|${hit.programme}|${hit.period}`;
        if (seen.has(key)) continue;
        seen.add(key);
        reasons.push({
          rule: ministry.code,
          code: hit.source === 'nik' ? 'in_ministry_programme_by_nik' : 'in_ministry_programme_by_match',
          effect: 'excluded',
          params: { member: hit.memberOrdinal, programme: hit.programme, period: hit.period },
        });
      }
      if (useVerificationMatches) {
        for (const review of facts.ministryReviews) {
          const key = `${review.memberOrdinal}|${review.programme}|${review.period}`;
          if (!programmes.has(review.programme) || !periods.has(review.period) || seen.has(key)) continue;
          seen.add(key);
          reasons.push({
            rule: ministry.code,
            code: 'ministry_duplicate_review',
            effect: 'pending',
            params: { member: review.memberOrdinal, programme: review.programme, period: review.period },
          });
        }
      }
    }

    if (channel.enabled && !facts.listedThroughKelurahan) reasons.push(notThroughKelurahan);

    if (facts.livingCount > 0 && facts.nikCount === 0) {
      if (!withoutNik.enabled) reasons.push(noNik);
      else if ((facts.address ?? '').trim().length === 0) reasons.push(noNikNoAddress);
      else {
        reasons.push(domicileStatement);
        addFlag(flags, 'domicile_statement');
        addFlag(flags, 'field_visit');
      }
    }

    // The collector: the head, or an heir on the same KK when the head has died (the family stays eligible).
    let collector: { memberId: number; name: string } | null = null;
    if (facts.head && !facts.head.deceased) {
      collector = facts.head;
    } else if (facts.livingCount > 0) {
      if (facts.heir) {
        collector = facts.heir;
        addFlag(flags, 'heir_collects');
        reasons.push({
          rule: 'life_event',
          code: facts.head ? 'recipient_died_heir_collects' : 'no_head_member_collects',
          effect: 'note',
          params: {
            deathDate: facts.head?.deathDate ?? null,
            heir: facts.heir.ordinal,
            heirName: facts.heir.name,
          },
        });
      } else {
        reasons.push(noCollector);
        addFlag(flags, 'field_visit');
      }
    }

    if (facts.previousKelurahanCode !== null && facts.previousKelurahanCode !== facts.kelurahanCode) {
      addFlag(flags, 'new_collection_site');
      reasons.push({
        rule: 'life_event',
        code: 'moved_within_province',
        effect: 'note',
        params: { from: facts.previousKelurahanCode, to: facts.kelurahanCode },
      });
    }

    if (bank.enabled) reasons.push(paidToBank);

    // excluded beats pending beats eligible
    let excluded = false;
    let pending = false;
    for (const reason of reasons) {
      if (reason.effect === 'excluded') excluded = true;
      else if (reason.effect === 'pending') pending = true;
    }
    if (excluded)
      return { decision: 'excluded', reasons, flags, collectorMemberId: null, collectorName: null };
    // An eligible family's "why" starts with the plain statement that every enabled rule is met.
    if (!pending) reasons.unshift(ALL_RULES_MET);
    return {
      decision: pending ? 'pending' : 'eligible',
      reasons,
      flags,
      collectorMemberId: collector?.memberId ?? null,
      collectorName: collector?.name ?? null,
    };
  };
}

function addFlag(flags: Flag[], flag: Flag): void {
  if (!flags.includes(flag)) flags.push(flag);
}

/** The rules that remain when an administrator switches one: a rule set is a plain value, changed immutably. */
export function withRule<Code extends RuleCode>(ruleSet: RuleSet, setting: RuleSetting<Code>): RuleSet {
  return { ...ruleSet, [setting.code]: setting };
}
