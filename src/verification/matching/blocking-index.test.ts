import { describe, expect, it } from 'vitest';
import { blockingRules, candidatePairs, pairKey } from './blocking.ts';
import { BlockingIndex, buildBlockingIndex, hashKey, keyHashes } from './blocking-index.ts';
import type { PersonRecord } from './person-record.ts';
import { prepareRecord } from './person-record.ts';

const givenNames = ['Siti', 'Sitti', 'Agus', 'Budi', 'Dewi', 'Joko', 'Djoko', 'Ratna', 'Nur', 'Wayan'];
const familyNames = ['Aminah', 'Susilo', 'Sitorus', 'Hayati', 'Rahman', 'Rohman', 'Putri', ''];

// A crowd of look-alike people: many shared name words, dates, NIK prefixes and KKs.
function crowd(size: number): PersonRecord[] {
  return Array.from({ length: size }, (_unused, index) => {
    const day = String(1 + (index % 3)).padStart(2, '0');
    const year = 1980 + (index % 4);
    const nikSerial = String(index % 7).padStart(4, '0');
    return {
      id: `p${index}`,
      nik: index % 5 === 0 ? null : `317401${day}03${String(year).slice(2)}${nikSerial}`,
      kkNumber: `31740123041500${String(index % 9).padStart(2, '0')}`,
      fullName: `${givenNames[index % givenNames.length]} ${familyNames[(index * 7) % familyNames.length]}`,
      birthDate: `${year}-03-${day}`,
      sex: index % 2 === 0 ? 'L' : 'P',
      regionCode: '31.74.01.1001',
    };
  });
}

describe('hashKey', () => {
  it('is stable and never 0, so 0 can mean "no key"', () => {
    expect(hashKey('ST:1985-03-12')).toBe(hashKey('ST:1985-03-12'));
    expect(hashKey('ST:1985-03-12')).not.toBe(hashKey('ST:1985-03-13'));
    expect(hashKey('')).not.toBe(0);
  });
});

describe('BlockingIndex', () => {
  const records = crowd(400).map(prepareRecord);

  it('yields exactly the pairs of the Map-based blocking, each once, split across shards', () => {
    const expected = candidatePairs(records, { maximumBlockSize: 40 }).pairs.map(([left, right]) =>
      pairKey(String(left), String(right)),
    );
    const index = buildBlockingIndex(records, blockingRules, 40);
    const found: string[] = [];
    let oversized = 0;
    for (let shard = 0; shard < 3; shard++) {
      for (const [left, right] of index.internalPairs(shard, 3, () => oversized++)) {
        expect(left).toBeLessThan(right);
        found.push(pairKey(String(left), String(right)));
      }
    }
    expect(oversized).toBeGreaterThan(0);
    expect(new Set(found).size).toBe(found.length);
    expect(found.sort()).toEqual(expected.sort());
  });

  it('probes an outside record against every block it shares, each indexed record once', () => {
    const index = buildBlockingIndex(records, blockingRules, 60);
    const outsider = prepareRecord({ ...crowd(400)[17], id: 'outside', fullName: 'Hj. Sitti Hayati' });
    const hashes = keyHashes(outsider, blockingRules);
    const visited: number[] = [];
    index.probe(hashes, (record) => visited.push(record));
    expect(new Set(visited).size).toBe(visited.length);
    const expected = candidatePairs([...records, outsider], { maximumBlockSize: 60 })
      .pairs.filter(([, right]) => right === records.length)
      .map(([left]) => left);
    expect(visited.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
  });

  it('sorts large sets by hash in linear passes', () => {
    const hashes = new Uint32Array(200_000);
    for (let record = 0; record < hashes.length; record++) hashes[record] = hashKey(`k${record % 50_000}`);
    const index = new BlockingIndex(hashes, 1, 10);
    let pairs = 0;
    for (const _pair of index.internalPairs()) pairs++;
    // 50,000 blocks of four records: six pairs each.
    expect(pairs).toBe(300_000);
  });

  it('limits each rule to its own block size, and counts a pair once under the first usable rule', () => {
    // Rule 0: all ten records in one block. Rule 1: records 2k and 2k+1 together.
    const hashes = new Uint32Array(20);
    for (let record = 0; record < 10; record++) {
      hashes[record * 2] = 7;
      hashes[record * 2 + 1] = 100 + Math.floor(record / 2);
    }
    const pairsOf = (limits: number[]) => {
      const oversized: number[] = [];
      const pairs = [
        ...new BlockingIndex(hashes, 2, limits).internalPairs(0, 1, (rule) => oversized.push(rule)),
      ];
      return { pairs: pairs.map(([left, right, rule]) => `${left}-${right}:${rule}`), oversized };
    };
    const limited = pairsOf([5, 10]);
    expect(limited.oversized).toEqual([0]);
    expect(limited.pairs).toEqual(['0-1:1', '2-3:1', '4-5:1', '6-7:1', '8-9:1']);
    const open = pairsOf([10, 10]);
    expect(open.oversized).toEqual([]);
    expect(open.pairs).toHaveLength(45);
    expect(open.pairs.filter((pair) => pair.endsWith(':1'))).toEqual([]);
    // A probe meets the records of rule 1's block once, even when rule 0's block is too big.
    const visited: string[] = [];
    new BlockingIndex(hashes, 2, [5, 10]).probe([7, 101], (record, rule) =>
      visited.push(`${record}:${rule}`),
    );
    expect(visited).toEqual(['2:1', '3:1']);
  });

  it('measures blocks of any size, the last one included', () => {
    const sizes = [1, 2, 3, 5, 8, 13, 100, 1000, 7];
    const hashes = new Uint32Array(sizes.reduce((total, size) => total + size, 0));
    let position = 0;
    sizes.forEach((size, block) => {
      // The last block takes the largest hash, so it ends the sorted order.
      for (let record = 0; record < size; record++)
        hashes[position++] = block === sizes.length - 1 ? 0xffffffff : 10 + block;
    });
    const index = new BlockingIndex(hashes, 1, 5000);
    for (const [block, size] of sizes.entries())
      expect(index.blockSize(0, block === sizes.length - 1 ? 0xffffffff : 10 + block)).toBe(size);
    expect(index.blockSize(0, 9)).toBe(0);
    expect(index.blockSize(0, 50)).toBe(0);
  });
});
