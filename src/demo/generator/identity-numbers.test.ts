import { describe, expect, it } from 'vitest';
import { CalendarTable, dayNumberFromCivil } from './calendar.ts';
import { IdentityNumberAllocator } from './identity-numbers.ts';
import { SeededRandom } from './seeded-random.ts';

describe('IdentityNumberAllocator', () => {
  const reference = dayNumberFromCivil(2021, 7, 1);
  const calendar = new CalendarTable(reference - 40_000, reference);
  const random = new SeededRandom(9);

  it('encodes district, birth date (+40 for women) and a unique serial', () => {
    const birthDay = dayNumberFromCivil(1985, 3, 7);
    const allocator = new IdentityNumberAllocator(calendar, reference - 7000, reference);
    expect(allocator.nik('317401', birthDay, 'L', random)).toMatch(/^317401070385\d{4}$/);
    expect(allocator.nik('317401', birthDay, 'P', random)).toMatch(/^317401470385\d{4}$/);
    const serials = new Set<string>();
    for (let index = 0; index < 60; index++) {
      const nik = allocator.nik('330401', birthDay, 'P', random)!;
      expect(Number(nik.slice(12))).toBeGreaterThan(0);
      serials.add(nik);
    }
    expect(serials.size).toBe(60);
  });

  it('reports a full cell so the caller can use another district', () => {
    const allocator = new IdentityNumberAllocator(calendar, reference - 7000, reference);
    const birthDay = dayNumberFromCivil(1990, 1, 1);
    let issued = 0;
    while (allocator.nik('317101', birthDay, 'L', random) !== null) issued++;
    expect(issued).toBeGreaterThan(80);
    expect(allocator.nik('317102', birthDay, 'L', random)).not.toBeNull();
  });

  it('issues KK numbers as district + issue date + serial, all different', () => {
    const allocator = new IdentityNumberAllocator(calendar, reference - 7000, reference);
    const issueDay = dayNumberFromCivil(2015, 12, 24);
    const numbers = new Set<string>();
    for (let index = 0; index < 100; index++) numbers.add(allocator.kk('317505', issueDay));
    expect(numbers.size).toBe(100);
    for (const number of numbers) expect(number).toMatch(/^317505241215\d{4}$/);
  });
});
