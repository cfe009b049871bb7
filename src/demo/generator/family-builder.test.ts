import { beforeAll, describe, expect, it } from 'vitest';
import { loadRegionCatalog } from '../../regions/region-catalog.ts';
import { CalendarTable, civilFromDayNumber, dayNumberFromCivil } from './calendar.ts';
import { FamilyBuilder } from './family-builder.ts';
import type { Family } from './family-model.ts';
import { IdentityNumberAllocator } from './identity-numbers.ts';
import { RegionPool } from './region-pool.ts';
import { SeededRandom } from './seeded-random.ts';

const referenceDay = dayNumberFromCivil(2021, 7, 1);
let families: Family[] = [];
let builder: FamilyBuilder;
let districtCodes = new Set<string>();

beforeAll(async () => {
  const catalog = await loadRegionCatalog();
  districtCodes = new Set(catalog.districts.map((district) => district.code.replaceAll('.', '')));
  const calendar = new CalendarTable(referenceDay - 40_200, referenceDay + 400);
  let personNumber = 0;
  builder = new FamilyBuilder({
    random: new SeededRandom(11),
    regions: new RegionPool(catalog, 11),
    allocator: new IdentityNumberAllocator(calendar, referenceDay - 7600, referenceDay),
    calendar,
    referenceDay,
    nextPersonId: () => `P${++personNumber}`,
  });
  families = Array.from({ length: 6000 }, (_unused, index) => builder.build(`F${index}`));
});

const ageOf = (birthDay: number) => Math.floor((referenceDay - birthDay) / 365.2425);
const lastWord = (name: string) =>
  name
    .replace(/ (BIN|BINTI) .*$/, '')
    .split(' ')
    .at(-1);

describe('FamilyBuilder', () => {
  it('makes families of 1–8 with a mean near 3.5, some alone, some with three generations', () => {
    const sizes = families.map((family) => family.members.length);
    const mean = sizes.reduce((sum, size) => sum + size, 0) / sizes.length;
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8);
    expect(mean).toBeGreaterThan(3.2);
    expect(mean).toBeLessThan(3.8);
    expect(sizes.filter((size) => size === 1).length / sizes.length).toBeGreaterThan(0.05);
    const relationships = new Set(
      families.flatMap((family) => family.members.map((member) => member.relationship)),
    );
    for (const relationship of [
      'ISTRI',
      'SUAMI',
      'ANAK',
      'MENANTU',
      'CUCU',
      'ORANG TUA',
      'MERTUA',
      'FAMILI LAIN',
    ]) {
      expect(relationships).toContain(relationship);
    }
  });

  it('gives every family one adult head first, spouses close in age, children 17–45 years younger', () => {
    for (const family of families) {
      const [head, ...others] = family.members;
      expect(head.relationship).toBe('KEPALA KELUARGA');
      expect(others.every((member) => member.relationship !== 'KEPALA KELUARGA')).toBe(true);
      const headAge = ageOf(head.birthDay);
      expect(headAge).toBeGreaterThanOrEqual(20);
      expect(headAge).toBeLessThanOrEqual(81);
      const spouse = others.find(
        (member) => member.relationship === 'ISTRI' || member.relationship === 'SUAMI',
      );
      if (spouse) expect(Math.abs(ageOf(spouse.birthDay) - headAge)).toBeLessThanOrEqual(16);
      for (const child of others.filter((member) => member.relationship === 'ANAK')) {
        for (const parent of spouse ? [head, spouse] : [head]) {
          const gap = ageOf(parent.birthDay) - ageOf(child.birthDay);
          expect(gap).toBeGreaterThanOrEqual(16);
          expect(gap).toBeLessThanOrEqual(46);
        }
        expect(ageOf(child.birthDay)).toBeLessThanOrEqual(46);
      }
      const widowHeaded = head.sex === 'P' && head.maritalStatus === 'CERAI MATI';
      if (widowHeaded) expect(spouse).toBeUndefined();
    }
    expect(
      families.some(
        (family) => family.members[0].sex === 'P' && family.members[0].maritalStatus === 'CERAI MATI',
      ),
    ).toBe(true);
  });

  it('issues NIKs from real districts with the birth date inside, about 2% without one', () => {
    const people = families.flatMap((family) => family.members);
    const withoutNik = people.filter((person) => person.nik === '').length / people.length;
    expect(withoutNik).toBeGreaterThan(0.01);
    expect(withoutNik).toBeLessThan(0.035);
    const niks = new Set<string>();
    let migrants = 0;
    for (const person of people.filter((member) => member.nik !== '')) {
      expect(districtCodes.has(person.nik.slice(0, 6))).toBe(true);
      if (!person.nik.startsWith('31')) migrants++;
      niks.add(person.nik);
    }
    expect(niks.size).toBe(people.filter((member) => member.nik !== '').length);
    expect(migrants / people.length).toBeGreaterThan(0.1);
    const provinces = new Set(people.map((person) => person.nik.slice(0, 2)));
    for (const province of ['31', '32', '33', '35', '12', '51', '36']) expect(provinces).toContain(province);
  });

  it('issues the KK after the head turned 17, as the date in the KK number shows', () => {
    const issueDay = (kkNumber: string) =>
      dayNumberFromCivil(
        2000 + Number(kkNumber.slice(10, 12)),
        Number(kkNumber.slice(8, 10)),
        Number(kkNumber.slice(6, 8)),
      );
    const seventeenth = (birthDay: number) => {
      const birth = civilFromDayNumber(birthDay);
      return dayNumberFromCivil(
        birth.year + 17,
        birth.month,
        birth.day === 29 && birth.month === 2 ? 28 : birth.day,
      );
    };
    for (const family of families) {
      const issued = issueDay(family.home.kkNumber);
      expect(issued).toBeLessThanOrEqual(referenceDay);
      expect(issued, family.familyId).toBeGreaterThanOrEqual(seventeenth(family.members[0].birthDay));
    }
    for (let index = 0; index < 500; index++) {
      const { person, kkNumber } = builder.lonePerson(index % 2 === 0 ? 'L' : 'P', 18, 30);
      expect(issueDay(kkNumber)).toBeGreaterThanOrEqual(seventeenth(person.birthDay));
    }
  });

  it('marries Batak spouses across margas, as custom requires', () => {
    let couples = 0;
    for (const family of families.filter((candidate) => candidate.tradition === 'batak')) {
      const [head] = family.members;
      const spouse = family.members.find(
        (member) => member.relationship === 'ISTRI' || member.relationship === 'SUAMI',
      );
      if (!spouse) continue;
      couples++;
      expect(lastWord(spouse.name), `${head.name} / ${spouse.name}`).not.toBe(lastWord(head.name));
    }
    expect(couples).toBeGreaterThan(100);
  });

  it('keeps backgrounds within a family: Batak children carry the father’s marga, Balinese names the birth order', () => {
    const batak = families.filter((family) => family.tradition === 'batak' && family.members[0].sex === 'L');
    expect(batak.length).toBeGreaterThan(50);
    for (const family of batak) {
      const marga = lastWord(family.members[0].name);
      for (const child of family.members.filter((member) => member.relationship === 'ANAK')) {
        expect(lastWord(child.name)).toBe(marga);
      }
    }
    // Children follow the father's background, so a Balinese mother's children with another husband are not checked.
    const balinese = families.filter(
      (family) => family.tradition === 'balinese' && family.members[0].sex === 'L',
    );
    expect(balinese.length).toBeGreaterThan(10);
    for (const family of balinese) {
      for (const child of family.members.filter((member) => member.relationship === 'ANAK')) {
        expect(child.name).toMatch(
          child.sex === 'L' ? /^I (WAYAN|PUTU|GEDE|MADE|KADEK|NENGAH|NYOMAN|KOMANG|KETUT) / : /^NI /,
        );
      }
    }
  });

  it('varies names like a real list: no name dominates, most people have a name of their own', () => {
    const people = families.flatMap((family) => family.members);
    const counts = new Map<string, number>();
    for (const person of people) counts.set(person.name, (counts.get(person.name) ?? 0) + 1);
    const largest = Math.max(...counts.values());
    // Before the name lists grew, NURHAYATI alone was 0.4% of people and 7% shared name and birth date at 1M families.
    expect(largest / people.length).toBeLessThan(0.0015);
    expect(counts.size / people.length).toBeGreaterThan(0.7);
    // Women and old people, whose names are shortest, vary too.
    for (const tradition of ['betawi', 'javanese', 'sundanese', 'arabic']) {
      const women = families
        .filter((family) => family.tradition === tradition)
        .flatMap((family) => family.members.filter((member) => member.sex === 'P'));
      const names = new Set(women.map((woman) => woman.name));
      expect(names.size / women.length, tradition).toBeGreaterThan(0.6);
    }
  });

  it('draws names from many traditions with realistic frequencies', () => {
    const shares = new Map<string, number>();
    for (const family of families)
      shares.set(family.tradition, (shares.get(family.tradition) ?? 0) + 1 / families.length);
    expect(shares.get('javanese')).toBeGreaterThan(0.25);
    expect(shares.get('betawi')).toBeGreaterThan(0.15);
    expect(shares.get('chinese')).toBeGreaterThan(0.02);
    const names = families.flatMap((family) => family.members.map((member) => member.name));
    expect(names.filter((name) => /^(MUHAMMAD|MUHAMAD|MOHAMMAD) /.test(name)).length).toBeGreaterThan(50);
    expect(names.filter((name) => /^SITI /.test(name)).length).toBeGreaterThan(50);
    expect(names.filter((name) => /OE|DJ|TJ/.test(name)).length).toBeGreaterThan(20);
  });
});
