import { describe, expect, it } from 'vitest';
import { describeReason } from './reason-text.ts';
import { DEFAULT_RULE_SET, evaluateFamily, type FamilyFacts, parseRuleSet, withRule } from './rules.ts';

const family = (overrides: Partial<FamilyFacts> = {}): FamilyFacts => ({
  householdId: 1,
  kkNumber: '3174010101210001',
  kelurahanCode: '31.74.01.1001',
  rw: '001',
  rt: '001',
  status: 'active',
  mergedIntoHouseholdId: null,
  address: 'Jl. Tebet Barat 1',
  fixedIncome: false,
  covidAffected: true,
  listedThroughKelurahan: true,
  memberCount: 3,
  livingCount: 3,
  nikCount: 3,
  allLivingMoved: false,
  head: { memberId: 10, name: 'BUDI', deceased: false, deathDate: null },
  heir: null,
  ministryHits: [],
  ministryReviews: [],
  previousKelurahanCode: null,
  ...overrides,
});
const JULY = { periods: ['2021-07'] };
const words = (facts: FamilyFacts, ruleSet = DEFAULT_RULE_SET, context = JULY) =>
  evaluateFamily(facts, ruleSet, context).reasons.map((reason) => describeReason(reason, 'en'));

describe('BST eligibility rules', () => {
  it('makes a listed, affected family without fixed income eligible, collected by its head', () => {
    expect(evaluateFamily(family(), DEFAULT_RULE_SET, JULY)).toEqual({
      decision: 'eligible',
      reasons: [
        { rule: 'registry', code: 'all_rules_met', effect: 'note' },
        {
          rule: 'bank_dki_payment',
          code: 'paid_to_bank_account',
          effect: 'note',
          params: { bank: 'Bank DKI' },
        },
      ],
      flags: [],
      collectorMemberId: 10,
      collectorName: 'BUDI',
    });
  });

  it('lists every reason of an exclusion, not only the first', () => {
    const outcome = evaluateFamily(
      family({
        fixedIncome: true,
        covidAffected: false,
        ministryHits: [
          { memberOrdinal: 3, programme: 'PKH', period: '2021-07', source: 'nik' },
          { memberOrdinal: 3, programme: 'PKH', period: '2021-07', source: 'verification' },
          { memberOrdinal: 2, programme: 'PKH', period: '2021-06', source: 'nik' },
        ],
      }),
      DEFAULT_RULE_SET,
      JULY,
    );
    expect(outcome.decision).toBe('excluded');
    expect(outcome.collectorName).toBeNull();
    expect(outcome.reasons.map((reason) => describeReason(reason, 'en'))).toEqual([
      'has a fixed income',
      'not affected by the pandemic',
      'member 3 is in PKH 2021-07, matched by NIK',
      'paid into a Bank DKI account, withdrawn at an ATM',
    ]);
  });

  it('counts a ministry programme of either month of a combined cycle, and only the programmes configured', () => {
    const facts = family({
      ministryHits: [{ memberOrdinal: 2, programme: 'PRAKERJA', period: '2021-09', source: 'nik' }],
    });
    expect(evaluateFamily(facts, DEFAULT_RULE_SET, { periods: ['2021-08', '2021-09'] }).decision).toBe(
      'excluded',
    );
    const withoutPrakerja = withRule(DEFAULT_RULE_SET, {
      code: 'no_ministry_programme',
      enabled: true,
      parameters: { programmes: ['PKH', 'BPNT'], useVerificationMatches: true },
    });
    expect(evaluateFamily(facts, withoutPrakerja, { periods: ['2021-08', '2021-09'] }).decision).toBe(
      'eligible',
    );
    const switchedOff = withRule(DEFAULT_RULE_SET, {
      ...DEFAULT_RULE_SET.no_ministry_programme,
      enabled: false,
    });
    expect(evaluateFamily(facts, switchedOff, { periods: ['2021-09'] }).decision).toBe('eligible');
  });

  it('holds a family with an undecided duplicate review, and ignores verification when told to', () => {
    const facts = family({ ministryReviews: [{ memberOrdinal: 1, programme: 'BPNT', period: '2021-07' }] });
    expect(words(facts)).toContain('member 1 may be in BPNT 2021-07: awaiting duplicate review');
    expect(evaluateFamily(facts, DEFAULT_RULE_SET, JULY).decision).toBe('pending');
    const nikOnly = withRule(DEFAULT_RULE_SET, {
      code: 'no_ministry_programme',
      enabled: true,
      parameters: { programmes: ['BPNT'], useVerificationMatches: false },
    });
    expect(evaluateFamily(facts, nikOnly, JULY).decision).toBe('eligible');
  });

  it('sends a family without any NIK down the domicile-statement path, flagged for a field visit', () => {
    const facts = family({ nikCount: 0 });
    const outcome = evaluateFamily(facts, DEFAULT_RULE_SET, JULY);
    expect(outcome.decision).toBe('pending');
    expect(outcome.flags).toEqual(expect.arrayContaining(['domicile_statement', 'field_visit']));
    expect(words(facts)).toContain('no member has an NIK: domicile statement required, field visit');
    const eligibleWithStatement = withRule(DEFAULT_RULE_SET, {
      code: 'domicile_without_nik',
      enabled: true,
      parameters: { decision: 'eligible' },
    });
    expect(evaluateFamily(facts, eligibleWithStatement, JULY)).toMatchObject({
      decision: 'eligible',
      flags: expect.arrayContaining(['field_visit']),
    });
    expect(evaluateFamily(family({ nikCount: 0, address: ' ' }), DEFAULT_RULE_SET, JULY).decision).toBe(
      'excluded',
    );
  });

  it('keeps a family whose recipient died eligible, collected by the heir on the same KK', () => {
    const outcome = evaluateFamily(
      family({
        head: { memberId: 10, name: 'SLAMET', deceased: true, deathDate: '2021-06-10' },
        heir: { memberId: 11, ordinal: 2, name: 'MURNI' },
        livingCount: 2,
      }),
      DEFAULT_RULE_SET,
      JULY,
    );
    expect(outcome).toMatchObject({ decision: 'eligible', collectorMemberId: 11, flags: ['heir_collects'] });
    const nobodyLeft = family({
      head: { memberId: 10, name: 'SLAMET', deceased: true, deathDate: null },
      livingCount: 0,
      nikCount: 0,
    });
    expect(words(nobodyLeft)).toContain('every family member has died');
  });

  it('excludes a family that moved out of the province and flags one that moved within it', () => {
    expect(evaluateFamily(family({ allLivingMoved: true }), DEFAULT_RULE_SET, JULY).decision).toBe(
      'excluded',
    );
    expect(evaluateFamily(family({ status: 'moved_out' }), DEFAULT_RULE_SET, JULY).decision).toBe('excluded');
    expect(evaluateFamily(family({ kelurahanCode: '32.01.01.1001' }), DEFAULT_RULE_SET, JULY).decision).toBe(
      'excluded',
    );
    const movedWithin = evaluateFamily(
      family({ previousKelurahanCode: '31.71.01.1001' }),
      DEFAULT_RULE_SET,
      JULY,
    );
    expect(movedWithin).toMatchObject({ decision: 'eligible', flags: ['new_collection_site'] });
  });

  it('switches rules off: a family with fixed income is eligible when rule 2 is off', () => {
    const off = withRule(DEFAULT_RULE_SET, {
      ...DEFAULT_RULE_SET.affected_without_fixed_income,
      enabled: false,
    });
    expect(evaluateFamily(family({ fixedIncome: true }), off, JULY).decision).toBe('eligible');
    const unknown = family({ fixedIncome: null });
    expect(evaluateFamily(unknown, DEFAULT_RULE_SET, JULY).decision).toBe('pending');
  });

  it('refuses stored parameters that do not fit a rule', () => {
    expect(() =>
      parseRuleSet([{ rule_code: 'listed_in_domicile', enabled: true, parameters: { provinceCode: 'DKI' } }]),
    ).toThrow();
    expect(
      parseRuleSet([{ rule_code: 'listed_in_domicile', enabled: false, parameters: { provinceCode: '32' } }])
        .listed_in_domicile,
    ).toEqual({ code: 'listed_in_domicile', enabled: false, parameters: { provinceCode: '32' } });
  });
});
