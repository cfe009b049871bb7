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
  const reasons: Reason[] = [];
  const flags = new Set<Flag>();

  if (facts.status === 'merged') {
    reasons.push({
      rule: 'registry',
      code: 'merged_duplicate',
      effect: 'excluded',
      params: { into: facts.mergedIntoHouseholdId },
    });
    return finish(reasons, flags, null);
  }

  const domicile = ruleSet.listed_in_domicile;
  if (domicile.enabled) {
    const province = domicile.parameters.provinceCode;
    if (!facts.kelurahanCode.startsWith(`${province}.`)) {
      reasons.push({
        rule: domicile.code,
        code: 'outside_province',
        effect: 'excluded',
        params: { kelurahan: facts.kelurahanCode, province },
      });
    } else if (facts.status === 'moved_out' || (facts.livingCount > 0 && facts.allLivingMoved)) {
      reasons.push({ rule: domicile.code, code: 'moved_out_of_province', effect: 'excluded' });
    }
  }

  if (facts.livingCount === 0) {
    reasons.push({
      rule: 'life_event',
      code: facts.memberCount === 0 ? 'no_members' : 'no_living_member',
      effect: 'excluded',
    });
  }

  const affected = ruleSet.affected_without_fixed_income;
  if (affected.enabled) {
    if (facts.fixedIncome === true)
      reasons.push({ rule: affected.code, code: 'has_fixed_income', effect: 'excluded' });
    if (facts.covidAffected === false)
      reasons.push({ rule: affected.code, code: 'not_affected', effect: 'excluded' });
    if (facts.fixedIncome === null || facts.covidAffected === null) {
      reasons.push({
        rule: affected.code,
        code: 'income_or_impact_unknown',
        effect: affected.parameters.unknownDecision,
      });
      if (affected.parameters.unknownDecision === 'pending') flags.add('field_visit');
    }
  }

  const ministry = ruleSet.no_ministry_programme;
  if (ministry.enabled) {
    const programmes = new Set<string>(ministry.parameters.programmes);
    const periods = new Set(context.periods);
    const relevant = (hit: { programme: string; period: string }) =>
      programmes.has(hit.programme) && periods.has(hit.period);
    const seen = new Set<string>();
    for (const hit of facts.ministryHits) {
      if (!relevant(hit)) continue;
      if (hit.source === 'verification' && !ministry.parameters.useVerificationMatches) continue;
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
    if (ministry.parameters.useVerificationMatches) {
      for (const review of facts.ministryReviews) {
        const key = `${review.memberOrdinal}|${review.programme}|${review.period}`;
        if (!relevant(review) || seen.has(key)) continue;
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

  const channel = ruleSet.listed_through_kelurahan;
  if (channel.enabled && !facts.listedThroughKelurahan) {
    reasons.push({ rule: channel.code, code: 'not_listed_through_kelurahan', effect: 'pending' });
  }

  const withoutNik = ruleSet.domicile_without_nik;
  if (facts.livingCount > 0 && facts.nikCount === 0) {
    const hasAddress = (facts.address ?? '').trim().length > 0;
    if (!withoutNik.enabled) {
      reasons.push({ rule: withoutNik.code, code: 'no_nik', effect: 'excluded' });
    } else if (!hasAddress) {
      reasons.push({ rule: withoutNik.code, code: 'no_nik_no_address', effect: 'excluded' });
    } else {
      reasons.push({
        rule: withoutNik.code,
        code: 'no_nik_domicile_statement',
        effect: withoutNik.parameters.decision === 'pending' ? 'pending' : 'note',
      });
      flags.add('domicile_statement');
      flags.add('field_visit');
    }
  }

  // The collector: the head, or an heir on the same KK when the head has died (the family stays eligible).
  let collector: { memberId: number; name: string } | null = null;
  if (facts.head && !facts.head.deceased) {
    collector = { memberId: facts.head.memberId, name: facts.head.name };
  } else if (facts.livingCount > 0) {
    if (facts.heir) {
      collector = { memberId: facts.heir.memberId, name: facts.heir.name };
      flags.add('heir_collects');
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
      reasons.push({ rule: 'life_event', code: 'no_collector', effect: 'pending' });
      flags.add('field_visit');
    }
  }

  if (facts.previousKelurahanCode !== null && facts.previousKelurahanCode !== facts.kelurahanCode) {
    flags.add('new_collection_site');
    reasons.push({
      rule: 'life_event',
      code: 'moved_within_province',
      effect: 'note',
      params: { from: facts.previousKelurahanCode, to: facts.kelurahanCode },
    });
  }

  const bank = ruleSet.bank_dki_payment;
  if (bank.enabled) {
    reasons.push({
      rule: bank.code,
      code: 'paid_to_bank_account',
      effect: 'note',
      params: { bank: bank.parameters.bank },
    });
  }

  return finish(reasons, flags, collector);
}

function finish(
  reasons: Reason[],
  flags: Set<Flag>,
  collector: { memberId: number; name: string } | null,
): FamilyOutcome {
  const decision: Decision = reasons.some((reason) => reason.effect === 'excluded')
    ? 'excluded'
    : reasons.some((reason) => reason.effect === 'pending')
      ? 'pending'
      : 'eligible';
  // An eligible family's "why" starts with the plain statement that every enabled rule is met.
  if (decision === 'eligible') reasons.unshift({ rule: 'registry', code: 'all_rules_met', effect: 'note' });
  return {
    decision,
    reasons,
    flags: [...flags],
    collectorMemberId: decision === 'excluded' ? null : (collector?.memberId ?? null),
    collectorName: decision === 'excluded' ? null : (collector?.name ?? null),
  };
}

/** The rules that remain when an administrator switches one: a rule set is a plain value, changed immutably. */
export function withRule<Code extends RuleCode>(ruleSet: RuleSet, setting: RuleSetting<Code>): RuleSet {
  return { ...ruleSet, [setting.code]: setting };
}
