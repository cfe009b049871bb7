import { describe, expect, it } from 'vitest';
import { parseCopyLine } from '../db/copy-out.ts';
import { copyLine } from '../db/copy-rows.ts';
import { ChunkDecider } from './decide-chunks.ts';
import { DECISION_COLUMNS, decisionLine, reasonsJson } from './decision-rows.ts';
import { parseFactsLine, parseHits } from './family-facts-repository.ts';
import { DEFAULT_RULE_SET, type FamilyFacts, familyEvaluator } from './rules.ts';

const facts = (overrides: Partial<FamilyFacts> = {}): FamilyFacts => ({
  householdId: 7,
  kkNumber: '3174010101210001',
  kelurahanCode: '31.74.01.1001',
  rw: '001',
  rt: '002',
  status: 'active',
  mergedIntoHouseholdId: null,
  address: 'Jl. Tebet\tBarat "1"\\2',
  fixedIncome: false,
  covidAffected: true,
  listedThroughKelurahan: true,
  memberCount: 3,
  livingCount: 2,
  nikCount: 2,
  allLivingMoved: false,
  head: { memberId: 10, name: 'BUDI\nSANTOSO', deceased: true, deathDate: '2021-06-10' },
  heir: { memberId: 11, ordinal: 2, name: 'MURNI "MUR"' },
  ministryHits: [],
  ministryReviews: [],
  previousKelurahanCode: '31.74.01.1002',
  ...overrides,
});

describe('decision rows', () => {
  const evaluate = familyEvaluator(DEFAULT_RULE_SET, { periods: ['2021-07'] });

  it('writes the reasons as JSON.stringify does, shared reasons included', () => {
    for (const family of [
      facts(),
      facts({ fixedIncome: null, nikCount: 0 }),
      facts({ status: 'merged', mergedIntoHouseholdId: 3 }),
    ]) {
      const { reasons } = evaluate(family);
      expect(reasonsJson(reasons)).toBe(JSON.stringify(reasons));
      // Again: the text of the shared reasons now comes from the cache.
      expect(reasonsJson(reasons)).toBe(JSON.stringify(reasons));
    }
    expect(reasonsJson([])).toBe('[]');
  });

  it('writes the same COPY line as the generic writer, escapes included', () => {
    const family = facts();
    const outcome = evaluate(family);
    const expected = copyLine([
      family.kkNumber,
      42,
      family.householdId,
      family.kelurahanCode,
      family.rw,
      family.rt,
      outcome.decision,
      JSON.stringify(outcome.reasons),
      `{${outcome.flags.join(',')}}`,
      family.head?.name ?? null,
      outcome.collectorMemberId,
      outcome.collectorName,
      family.address,
      family.memberCount,
      300_000,
    ]);
    const line = decisionLine(42, family, outcome, 300_000);
    expect(line).toBe(expected);
    expect(parseCopyLine(line.slice(0, -1))).toHaveLength(DECISION_COLUMNS.length);
    const excluded = facts({ head: null, heir: null, address: null, fixedIncome: true });
    const excludedOutcome = evaluate(excluded);
    expect(parseCopyLine(decisionLine(42, excluded, excludedOutcome, 0).slice(0, -1))).toEqual([
      excluded.kkNumber,
      '42',
      '7',
      excluded.kelurahanCode,
      '001',
      '002',
      'excluded',
      JSON.stringify(excludedOutcome.reasons),
      '{field_visit,new_collection_site}',
      null,
      null,
      null,
      null,
      '3',
      '0',
    ]);
  });
});

describe('facts lines', () => {
  it('reads the hits of a family: matches by NIK or verification, and reviews', () => {
    expect(parseHits('2|PKH|2021-07|n|,2|PKH|2021-07|v|,3|BPNT|2021-07|v|r')).toEqual({
      ministryHits: [
        { memberOrdinal: 2, programme: 'PKH', period: '2021-07', source: 'nik' },
        { memberOrdinal: 2, programme: 'PKH', period: '2021-07', source: 'verification' },
      ],
      ministryReviews: [{ memberOrdinal: 3, programme: 'BPNT', period: '2021-07' }],
    });
  });

  it('reads a facts line back into the facts of the family', () => {
    const family = facts({
      ministryHits: [{ memberOrdinal: 2, programme: 'PKH', period: '2021-07', source: 'nik' }],
    });
    const line = copyLine([
      family.householdId,
      family.kkNumber,
      family.kelurahanCode,
      family.rw,
      family.rt,
      family.status,
      null,
      family.address,
      false,
      null,
      true,
      3,
      2,
      2,
      false,
      10,
      'BUDI\nSANTOSO',
      true,
      '2021-06-10',
      11,
      'MURNI "MUR"',
      2,
      '2|PKH|2021-07|n|',
      '31.74.01.1002',
    ]).slice(0, -1);
    expect(parseFactsLine(line.replace(/\tfalse\t/g, '\tf\t').replace(/\ttrue\t/g, '\tt\t'))).toEqual({
      ...family,
      covidAffected: null,
    });
    expect(() => parseFactsLine('1\t2')).toThrow(/columns/);
  });
});

describe('deciding chunks of facts', () => {
  const factsLine = (householdId: number, kelurahanCode: string, head: string) =>
    copyLine([
      householdId,
      `317401010121000${householdId}`,
      kelurahanCode,
      '001',
      '001',
      'active',
      null,
      'Jl. Tebet',
      'f',
      't',
      't',
      1,
      1,
      1,
      'f',
      householdId * 10,
      head,
      'f',
      null,
      null,
      null,
      null,
      null,
      null,
    ]);

  it('decides lines cut anywhere, even inside a character, and routes each family to the list of its kota', () => {
    const text = Buffer.from(
      factsLine(1, '31.74.01.1001', 'BUDI ŞAHİN') +
        factsLine(2, '31.71.01.1001', 'ADI') +
        factsLine(3, '31.74.01.1002', 'ÑOÑO') +
        factsLine(4, '31.75.01.1001', 'OTHER KOTA'),
    );
    const setup = {
      ruleSet: DEFAULT_RULE_SET,
      periods: ['2021-07'],
      amount: 300_000,
      lists: [
        { kotaCode: '31.74', decidedArea: '31.74', determinationId: 8 },
        { kotaCode: '31.71', decidedArea: '31.71', determinationId: 9 },
      ],
    };
    const whole = new ChunkDecider(setup);
    const expected = whole.decide(text) + whole.finish().lines;
    for (const size of [1, 7, 13, 64]) {
      const decider = new ChunkDecider(setup);
      let lines = '';
      for (let start = 0; start < text.length; start += size)
        lines += decider.decide(text.subarray(start, start + size));
      const { lines: rest, counts } = decider.finish();
      expect(lines + rest).toBe(expected);
      expect(counts.map((count) => [count.determinationId, count.summary.familyCount])).toEqual([
        [8, 2],
        [9, 1],
      ]);
    }
    expect(
      expected
        .split('\n')
        .filter(Boolean)
        .map((line) => parseCopyLine(line)[9]),
    ).toEqual(['BUDI ŞAHİN', 'ADI', 'ÑOÑO']);
  });
});
