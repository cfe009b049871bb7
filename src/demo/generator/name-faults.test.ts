import { describe, expect, it } from 'vitest';
import type { NameSubject } from './name-faults.ts';
import {
  binBinti,
  muhammadVariant,
  nameJoinSplit,
  nurVariant,
  spellingReform,
  titleAdded,
  typoAdjacentKey,
  typoDeletion,
  typoTransposition,
} from './name-faults.ts';
import { hasOldSpelling, toModernSpelling, toOldSpelling, toPartialOldSpelling } from './names/spelling.ts';
import { SeededRandom } from './seeded-random.ts';

const subject: NameSubject = {
  sex: 'P',
  age: 50,
  muslim: true,
  fatherName: () => 'ABDULLAH',
  informal: true,
};

describe('spelling reform', () => {
  it.each([
    ['SUSILO', 'SOESILO'],
    ['JOKO', 'DJOKO'],
    ['CAHYONO', 'TJAHJONO'],
    ['SYARIFAH', 'SJARIFAH'],
    ['KHAIRUL', 'CHAIROEL'],
    ['NYOMAN', 'NJOMAN'],
  ])('%s ↔ %s', (modern, old) => {
    expect(toOldSpelling(modern)).toBe(old);
    expect(toModernSpelling(old)).toBe(modern);
  });

  it('turns an old spelling modern and a modern one old', () => {
    const random = new SeededRandom(1);
    expect(spellingReform('SOEPARMAN', random, subject)).toBe('SUPARMAN');
    expect(spellingReform('CHAIRUL ANWAR', random, subject)).toBe('KHAIRUL ANWAR');
    expect(spellingReform('MICHAEL', random, subject)).toBeNull();
    expect(spellingReform('DJOKO SOESILO', random, subject)).toBe('JOKO SUSILO');
    const aged = spellingReform('SUTRISNO', random, subject);
    expect(aged).toMatch(/OE/);
  });
});

describe('old spelling by age', () => {
  it('keeps au and eu, which the old spelling did not change', () => {
    expect(toOldSpelling('MAULANA')).toBe('MAULANA');
    expect(toPartialOldSpelling('TAUFIK HIDAYAT')).toBe('TAUFIK HIDAYAT');
    expect(toPartialOldSpelling('SUTRISNO')).toBe('SOETRISNO');
    expect(toOldSpelling('EUIS KURNIASIH')).toBe('EUIS KOERNIASIH');
    expect(toOldSpelling('AULIA RAHMAN')).toBe('AULIA RAHMAN');
  });

  it('writes a modern name the old way mostly for people born before the 1972 reform', () => {
    const random = new SeededRandom(12);
    const oldFor = (birthYear: number) => {
      let old = 0;
      for (let index = 0; index < 400; index++) {
        const result = spellingReform('SUTRISNO', random, { ...subject, birthYear, age: 2021 - birthYear });
        if (result !== null && hasOldSpelling(result)) old++;
      }
      return old / 400;
    };
    expect(oldFor(1950)).toBe(1);
    expect(oldFor(1995)).toBeLessThan(0.15);
    expect(oldFor(1995)).toBeGreaterThan(0);
    // An old spelling is still made modern at any age.
    expect(spellingReform('SOETRISNO', random, { ...subject, birthYear: 2000, age: 21 })).toBe('SUTRISNO');
  });
});

describe('name variants', () => {
  it('writes Muhammad in another form', () => {
    const random = new SeededRandom(3);
    const seen = new Set<string>();
    for (let index = 0; index < 200; index++)
      seen.add(muhammadVariant('MUHAMMAD RIZKY', random, subject)!.split(' ')[0]);
    expect(seen.has('MUHAMMAD')).toBe(false);
    for (const form of ['MOH.', 'MOCH.', 'MUH.', 'M.']) expect(seen.has(form)).toBe(true);
    expect(muhammadVariant('AGUS SETIAWAN', random, subject)).toBeNull();
  });

  it('adds or drops bin/binti', () => {
    const random = new SeededRandom(4);
    expect(binBinti('SITI AMINAH BINTI ABDULLAH', random, subject)).toBe('SITI AMINAH');
    expect(binBinti('SITI AMINAH', random, subject)).toMatch(/^SITI AMINAH BINT?I? ?ABDULLAH$/);
    expect(binBinti('MARIA SITORUS', random, { ...subject, muslim: false })).toBeNull();
  });

  it('swaps Nur and Nurul', () => {
    expect(nurVariant('NUR HIDAYAH', new SeededRandom(1), subject)).toBe('NURUL HIDAYAH');
    expect(nurVariant('NURUL HUDA', new SeededRandom(1), subject)).toBe('NUR HUDA');
    expect(nurVariant('NURHAYATI', new SeededRandom(1), subject)).toBeNull();
  });

  it('joins and splits names', () => {
    const random = new SeededRandom(5);
    expect(nameJoinSplit('NURHAYATI', random, subject)).toBe('NUR HAYATI');
    expect(nameJoinSplit('ABDURRAHMAN WAHID', random, subject)).toBe('ABDUL RAHMAN WAHID');
    expect(nameJoinSplit('NUR HAYATI', random, subject)).toBe('NURHAYATI');
    expect(['ABDURRAHMAN', 'ABDULRAHMAN']).toContain(nameJoinSplit('ABDUL RAHMAN', random, subject));
    expect(nameJoinSplit('ABDULLAH', random, subject)).toBeNull();
    expect(nameJoinSplit('WAGIMAN', random, subject)).toBeNull();
  });

  it('adds titles that suit the person', () => {
    const random = new SeededRandom(6);
    const forms = new Set<string>();
    for (let index = 0; index < 300; index++) forms.add(titleAdded('ROHIMAH', random, subject)!);
    expect(forms.has('HJ. ROHIMAH')).toBe(true);
    expect([...forms].some((form) => form.startsWith('ROHIMAH, S.'))).toBe(true);
    expect(forms.has('H. ROHIMAH')).toBe(false);
    const formal = { ...subject, informal: false };
    for (let index = 0; index < 300; index++)
      expect(titleAdded('ROHIMAH', random, formal)).not.toMatch(/MPOK|BANG/);
  });
});

describe('typos', () => {
  it('substitutes a neighbouring key, deletes or transposes one letter', () => {
    const random = new SeededRandom(7);
    for (let index = 0; index < 100; index++) {
      const substituted = typoAdjacentKey('SUMARNI', random, subject)!;
      expect(substituted).toHaveLength(7);
      expect([...substituted].filter((letter, position) => letter !== 'SUMARNI'[position])).toHaveLength(1);
      expect(typoDeletion('SUMARNI', random, subject)).toHaveLength(6);
      const transposed = typoTransposition('SUMARNI', random, subject)!;
      expect([...transposed].sort().join('')).toBe([...'SUMARNI'].sort().join(''));
      expect(transposed).not.toBe('SUMARNI');
    }
  });
});
