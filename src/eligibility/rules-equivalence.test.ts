// The evaluator prepared once per rule set (familyEvaluator) against the rules as first written, on many families
// drawn at random over every branch: the same decision, reasons (in order), flags and collector.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULE_SET,
  type Decision,
  type EvaluationContext,
  type FamilyFacts,
  type FamilyOutcome,
  type Flag,
  familyEvaluator,
  type Reason,
  type RuleSet,
  withRule,
} from './rules.ts';

// The rules as first written, one family at a time: the oracle the prepared evaluator must agree with.
function referenceEvaluate(facts: FamilyFacts, ruleSet: RuleSet, context: EvaluationContext): FamilyOutcome {
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

function randomSource(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  return {
    chance: (probability: number) => next() < probability,
    pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T,
    int: (below: number) => Math.floor(next() * below),
  };
}

function randomFacts(random: ReturnType<typeof randomSource>, householdId: number): FamilyFacts {
  const memberCount = random.int(5);
  const livingCount = Math.min(memberCount, random.int(5));
  const hit = () => ({
    memberOrdinal: 1 + random.int(4),
    programme: random.pick(['PKH', 'BPNT', 'PRAKERJA', 'OTHER']),
    period: random.pick(['2021-07', '2021-08', '2021-06']),
  });
  return {
    householdId,
    kkNumber: String(3174010101210000 + householdId),
    kelurahanCode: random.pick(['31.74.01.1001', '31.71.02.1003', '32.01.01.1001']),
    rw: '001',
    rt: '002',
    status: random.pick(['active', 'active', 'active', 'merged', 'moved_out']),
    mergedIntoHouseholdId: random.chance(0.5) ? null : random.int(100),
    address: random.pick(['Jl. Tebet 1', ' ', null]),
    fixedIncome: random.pick([true, false, false, null]),
    covidAffected: random.pick([true, true, false, null]),
    listedThroughKelurahan: random.chance(0.8),
    memberCount,
    livingCount,
    nikCount: random.chance(0.3) ? 0 : livingCount,
    allLivingMoved: random.chance(0.1),
    head: random.chance(0.2)
      ? null
      : {
          memberId: householdId * 10,
          name: 'BUDI',
          deceased: random.chance(0.3),
          deathDate: random.chance(0.5) ? '2021-06-10' : null,
        },
    heir: random.chance(0.5) ? { memberId: householdId * 10 + 1, ordinal: 2, name: 'MURNI' } : null,
    ministryHits: Array.from({ length: random.int(4) }, () => ({
      ...hit(),
      source: random.pick(['nik', 'verification'] as const),
    })),
    ministryReviews: Array.from({ length: random.int(3) }, hit),
    previousKelurahanCode: random.pick([null, null, '31.74.01.1001', '31.74.01.1002']),
  };
}

function randomRuleSet(random: ReturnType<typeof randomSource>): RuleSet {
  let ruleSet = DEFAULT_RULE_SET;
  for (const setting of Object.values(DEFAULT_RULE_SET))
    ruleSet = withRule(ruleSet, { ...setting, enabled: random.chance(0.8) });
  ruleSet = withRule(ruleSet, {
    ...ruleSet.affected_without_fixed_income,
    parameters: { unknownDecision: random.pick(['pending', 'excluded'] as const) },
  });
  ruleSet = withRule(ruleSet, {
    ...ruleSet.no_ministry_programme,
    parameters: {
      programmes: random.pick([['PKH'], ['PKH', 'BPNT', 'PRAKERJA'], ['BPNT']] as const).slice(),
      useVerificationMatches: random.chance(0.5),
    },
  });
  ruleSet = withRule(ruleSet, {
    ...ruleSet.domicile_without_nik,
    parameters: { decision: random.pick(['pending', 'eligible'] as const) },
  });
  return ruleSet;
}

describe('the evaluator prepared per rule set', () => {
  it('decides 20,000 random families exactly as the rules as first written', () => {
    const random = randomSource(20_210_701);
    let differences = 0;
    const decisions: Record<Decision, number> = { eligible: 0, excluded: 0, pending: 0 };
    for (let round = 0; round < 200; round++) {
      const ruleSet = randomRuleSet(random);
      const context = { periods: random.pick([['2021-07'], ['2021-07', '2021-08']]) };
      const evaluate = familyEvaluator(ruleSet, context);
      for (let index = 0; index < 100; index++) {
        const facts = randomFacts(random, round * 100 + index);
        const expected = referenceEvaluate(facts, ruleSet, context);
        const actual = evaluate(facts);
        decisions[actual.decision]++;
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          differences++;
          expect(actual).toEqual(expected);
        }
      }
    }
    expect(differences).toBe(0);
    // Every decision is reached, so the comparison covers each branch of finish().
    expect(Math.min(decisions.eligible, decisions.excluded, decisions.pending)).toBeGreaterThan(500);
  });
});
