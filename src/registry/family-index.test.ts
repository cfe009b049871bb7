import { describe, expect, it } from 'vitest';
import { FamilyIndex } from './family-index.ts';

/** A small deterministic generator, so a failure repeats. */
function randomFrom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('FamilyIndex', () => {
  it('keeps every family apart by KK number and listing, as a Map of the two texts does, while it grows', () => {
    const random = randomFrom(7);
    const index = new FamilyIndex(4);
    const model = new Map<string, number>();
    // Listings as a file has them: RT, RW and kelurahan; the first two share their 30-bit hash (found by search),
    // so a listing told apart only by its text is exercised too.
    const listings = [
      '019\t006\t31.71.02.1009',
      '013\t029\t31.71.04.1014',
      ...Array.from(
        { length: 20_000 },
        (_, number) =>
          `${String(number % 30).padStart(3, '0')}\t${String(Math.floor(number / 30) % 20).padStart(3, '0')}\t31.74.${String(Math.floor(number / 600)).padStart(4, '0')}`,
      ),
    ];
    const kkNumbers = [
      ...Array.from({ length: 3000 }, (_, number) => `317401${String(number).padStart(10, '0')}`),
      // Papua's KK numbers are past 2^53; the index must not take them as one number.
      '9171010101100001',
      '9171010101100002',
      // Not 16 digits: kept apart by text.
      '31740101011000',
      '317401010110000X',
      '',
    ];
    const mismatches: number[] = [];
    for (let step = 0; step < 200_000; step++) {
      const kkNumber = kkNumbers[Math.floor(random() * kkNumbers.length)];
      const listing = listings[Math.floor(random() * (step < 100_000 ? listings.length : 50))];
      const key = `${kkNumber}|${listing}`;
      // Texts cut out of a longer one, as FirstLoadLines hands them over.
      const line = `x\t${kkNumber}\t${listing}\ty`;
      const kkText = line.slice(2, 2 + kkNumber.length);
      const listingText = line.slice(3 + kkNumber.length, 3 + kkNumber.length + listing.length);
      if (index.find(kkText, listingText) !== model.get(key)) mismatches.push(step);
      if (random() < 0.7) {
        index.put(step);
        model.set(key, step);
      }
    }
    expect(mismatches).toEqual([]);
    expect(index.size).toBe(model.size);
    for (const [key, value] of model) {
      const [kkNumber, listing] = key.split('|');
      if (index.find(kkNumber, listing) !== value) mismatches.push(value);
    }
    expect(mismatches).toEqual([]);
    expect(index.find('9171010101100003', listings[0])).toBeUndefined();
  });

  it('sets a value by its texts, and put after find adds the family found or changes it', () => {
    const index = new FamilyIndex();
    expect(index.find('3174010101100001', '001\t002\t31.74.01.1001')).toBeUndefined();
    index.put(200);
    index.set('3174010101100001', '001\t002\t31.74.01.1002', 300);
    expect(index.find('3174010101100001', '001\t002\t31.74.01.1001')).toBe(200);
    index.put(201);
    expect(index.find('3174010101100001', '001\t002\t31.74.01.1001')).toBe(201);
    expect(index.find('3174010101100001', '001\t002\t31.74.01.1002')).toBe(300);
    expect(index.size).toBe(2);
  });
});
