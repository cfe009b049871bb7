import { describe, expect, it } from 'vitest';
import type { IdPair } from './blocking.ts';
import { blockingRules, candidatePairs, pairKey, pairsCompleteness, reductionRatio } from './blocking.ts';
import type { PersonRecord } from './person-record.ts';
import { prepareRecord } from './person-record.ts';

const person = (id: string, overrides: Partial<PersonRecord>): PersonRecord => ({
  id,
  nik: null,
  kkNumber: null,
  fullName: '',
  birthDate: null,
  sex: null,
  regionCode: null,
  ...overrides,
});

const records = [
  person('a', {
    nik: '3174015203850002',
    fullName: 'Siti Aminah',
    birthDate: '1985-03-12',
    source: 'intake',
  }),
  // Same person, NIK serial zeroed by Excel, title added.
  person('b', {
    nik: '3174015203850000',
    fullName: 'Hj. Siti Aminah',
    birthDate: '1985-03-12',
    source: 'PKH',
  }),
  // Same person, no NIK, written Sitti: found by the sound of her name and the birth date.
  person('c', {
    fullName: 'Sitti Aminah',
    birthDate: '1985-03-12',
    kkNumber: '3174012304150007',
    source: 'intake',
  }),
  // Her husband on the same KK.
  person('d', {
    fullName: 'Djoko Susilo',
    birthDate: '1980-01-01',
    kkNumber: '3174012304150007',
    source: 'intake',
  }),
  // Nobody she shares a key with.
  person('e', { nik: '3271014101900001', fullName: 'Ratna Dewi', birthDate: '1990-01-01', source: 'intake' }),
].map(prepareRecord);

const idPairs = (pairs: Array<[number, number]>): IdPair[] =>
  pairs.map(([left, right]) => [records[left].record.id, records[right].record.id]);

describe('blocking keys', () => {
  it('gives each rule its keys, and none when fields are missing', () => {
    const keysOf = (index: number) =>
      Object.fromEntries(blockingRules.map((rule) => [rule.name, rule.keys(records[index])]));
    expect(keysOf(0)).toMatchObject({
      nik: ['3174015203850002'],
      nik_region_birth: ['317401520385'],
      first_word_sound_birth_date: ['ST:1985-03-12'],
      last_word_sound_birth_date: ['AMN:1985-03-12'],
      // The whole-name sound with a year is kept for one-word names: longer ones have first and last words.
      name_sound_birth_year: [],
      first_last_word_sound_birth_year: ['ST:AMN:1985'],
      kk_number: [],
    });
    const single = prepareRecord(person('s', { fullName: 'Soeparman', birthDate: '1960-05-01' }));
    expect(blockingRules.find((rule) => rule.name === 'name_sound_birth_year')?.keys(single)).toEqual([
      'SPRMN:1960',
    ]);
    expect(keysOf(3).kk_number).toEqual(['3174012304150007']);
    expect(keysOf(3).nik).toEqual([]);
  });
});

describe('candidatePairs', () => {
  it('pairs records that share any key, each pair once', () => {
    const { pairs, skippedBlocks } = candidatePairs(records);
    const keys = idPairs(pairs).map(([left, right]) => pairKey(left, right));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(
      [pairKey('a', 'b'), pairKey('a', 'c'), pairKey('b', 'c'), pairKey('c', 'd')].sort(),
    );
    expect(skippedBlocks).toEqual([]);
    for (const [left, right] of pairs) expect(left).toBeLessThan(right);
  });

  it('skips and reports blocks above the cap', () => {
    const crowd = Array.from({ length: 6 }, (_unused, index) =>
      prepareRecord(
        person(`p${index}`, { kkNumber: '3174012304150007', fullName: `ORANG${'X'.repeat(index)}` }),
      ),
    );
    const capped = candidatePairs(crowd, { maximumBlockSize: 5 });
    expect(capped.pairs).toEqual([]);
    expect(capped.skippedBlocks).toEqual([{ rule: 'kk_number', key: '3174012304150007', size: 6 }]);
    expect(candidatePairs(crowd, { maximumBlockSize: 6 }).pairs).toHaveLength(15);
  });

  it('keeps only the pairs the caller accepts, e.g. across sources', () => {
    const { pairs } = candidatePairs(records, {
      accept: (left, right) => left.record.source !== right.record.source,
    });
    expect(
      idPairs(pairs)
        .map(([left, right]) => pairKey(left, right))
        .sort(),
    ).toEqual([pairKey('a', 'b'), pairKey('b', 'c')].sort());
  });
});

describe('blocking measures', () => {
  it('measures pairs completeness regardless of pair order and duplicates', () => {
    const candidates: IdPair[] = [
      ['a', 'b'],
      ['c', 'd'],
    ];
    expect(
      pairsCompleteness(candidates, [
        ['b', 'a'],
        ['a', 'c'],
        ['a', 'b'],
      ]),
    ).toBe(0.5);
    expect(pairsCompleteness(candidates, [])).toBe(1);
  });

  it('measures the reduction ratio against all possible pairs', () => {
    expect(reductionRatio(4, 5)).toBeCloseTo(0.6, 10);
    expect(reductionRatio([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5)).toBe(0);
    expect(reductionRatio(0, 1)).toBe(0);
  });
});
