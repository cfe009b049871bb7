import type { CalendarTable } from './calendar.ts';
import { phoneNumber, pickNeighbourhood, streetAddress } from './contact-and-address.ts';
import type { MemberDraft } from './family-composition.ts';
import { draftFamily } from './family-composition.ts';
import type { Family, Listing, Person, Relationship } from './family-model.ts';
import type { IdentityNumberAllocator } from './identity-numbers.ts';
import { shortFatherName, syntheticFatherName } from './names/father-names.ts';
import { modernName } from './names/modern-names.ts';
import { fatherWord, type Sex, type TraditionKey } from './names/naming-tradition.ts';
import { toOldSpelling, toPartialOldSpelling } from './names/spelling.ts';
import { traditionChoice, traditionProfiles } from './names/traditions.ts';
import { pickOccupation } from './occupations.ts';
import type { District, Kelurahan, RegionPool } from './region-pool.ts';
import type { SeededRandom } from './seeded-random.ts';

export interface FamilyBuilderContext {
  random: SeededRandom;
  regions: RegionPool;
  allocator: IdentityNumberAllocator;
  calendar: CalendarTable;
  referenceDay: number;
  nextPersonId(): string;
}

const relationshipRank: Record<Relationship, number> = {
  'KEPALA KELUARGA': 0,
  ISTRI: 1,
  SUAMI: 1,
  ANAK: 2,
  MENANTU: 3,
  CUCU: 4,
  'ORANG TUA': 5,
  MERTUA: 6,
  'FAMILI LAIN': 7,
};

// Families that name children in the 1990s-onward style (Muhammad Rizky, Aulia Putri).
const modernNamingTraditions = new Set<TraditionKey>(['javanese', 'sundanese', 'betawi', 'arabic', 'minang']);
const oldSpellingTraditions = new Set<TraditionKey>(['javanese', 'sundanese', 'betawi', 'arabic', 'minang']);
const daysPerYear = 365.2425;

/** The day someone turns 17 and may head a KK (one day late on 29 February, which does no harm). */
function adulthoodDay(birthDay: number): number {
  return birthDay + Math.ceil(17 * daysPerYear);
}

/** Turns drafted members into people with names, birth dates, NIKs, occupations and phones. */
export class FamilyBuilder {
  constructor(private readonly context: FamilyBuilderContext) {}

  build(familyId: string): Family {
    const { random, regions } = this.context;
    const profile = traditionChoice.pick(random);
    const tradition = profile.tradition.key;
    const kelurahan = regions.pickKelurahan(random);
    const migrant = random.chance(profile.migrantShare);
    const familyOrigin = migrant ? regions.pickOriginDistrict(random, tradition) : null;
    const drafts = draftFamily(random, {
      tradition,
      newFamilyName: (key) => traditionProfiles[key].tradition.familyName(random),
      spouseTradition: () => (random.chance(0.85) ? tradition : traditionChoice.pick(random).tradition.key),
    });
    const members = this.people(drafts, kelurahan, familyOrigin);
    const head = members[0];
    const home = this.listing(kelurahan, random, 16, adulthoodDay(head.birthDay));
    const fixedIncomeChance =
      head.occupation === 'KARYAWAN SWASTA' || head.occupation === 'PENSIUNAN' ? 0.2 : 0.04;
    return {
      familyId,
      tradition,
      home,
      hasFixedIncome: random.chance(fixedIncomeChance),
      isCovidAffected: random.chance(0.93),
      members,
    };
  }

  /**
   * A fresh place and KK for a family: the home listing, or a new home after moving. The KK is issued in
   * the last `earliestIssueYearsAgo` years, never before `earliestIssueDay` (the head's 17th birthday).
   */
  listing(
    kelurahan: Kelurahan,
    random: SeededRandom = this.context.random,
    earliestIssueYearsAgo = 16,
    earliestIssueDay = Number.NEGATIVE_INFINITY,
  ): Listing {
    const { allocator } = this.context;
    const { rw, rt } = pickNeighbourhood(random, kelurahan);
    return {
      kelurahan,
      rw,
      rt,
      address: streetAddress(random, kelurahan, rw),
      kkNumber: allocator.kk(
        kelurahan.districtDigits,
        this.issueDay(random, earliestIssueYearsAgo, earliestIssueDay),
      ),
    };
  }

  private issueDay(random: SeededRandom, earliestIssueYearsAgo: number, earliestIssueDay: number): number {
    const { referenceDay } = this.context;
    const latestDaysAgo = Math.round(earliestIssueYearsAgo * daysPerYear);
    const daysSinceAdulthood = referenceDay - earliestIssueDay;
    return referenceDay - random.between(20, Math.max(20, Math.min(latestDaysAgo, daysSinceAdulthood)));
  }

  /** One adult who lives outside the registry (for ministry lists): name, NIK and KK only matter. */
  lonePerson(
    sex: Sex,
    minimumAge: number,
    maximumAge: number,
  ): { person: Person; kelurahan: Kelurahan; kkNumber: string } {
    const { random, regions } = this.context;
    const profile = traditionChoice.pick(random);
    const kelurahan = regions.pickKelurahan(random);
    const migrant = random.chance(profile.migrantShare);
    const draft: MemberDraft = {
      relationship: 'KEPALA KELUARGA',
      sex,
      age: random.between(minimumAge, maximumAge),
      maritalStatus: 'KAWIN',
      tradition: profile.tradition.key,
      familyName: profile.tradition.familyName(random),
      birthOrder: random.between(1, 4),
      nikOrigin: migrant ? 'familyOrigin' : 'home',
      fatherIndex: -1,
    };
    const familyOrigin = migrant ? regions.pickOriginDistrict(random, draft.tradition) : null;
    const [person] = this.people([draft], kelurahan, familyOrigin, true);
    const issueDay = this.issueDay(random, 16, adulthoodDay(person.birthDay));
    return { person, kelurahan, kkNumber: this.context.allocator.kk(kelurahan.districtDigits, issueDay) };
  }

  private people(
    drafts: MemberDraft[],
    kelurahan: Kelurahan,
    familyOrigin: District | null,
    requireNik = false,
  ): Person[] {
    const { random } = this.context;
    const names: string[] = [];
    const people: Person[] = [];
    drafts.forEach((draft, index) => {
      const birthDay = this.birthDay(draft.age);
      const birthYear = this.context.calendar.civil(birthDay).year;
      // Fathers are drafted before their children, so a child can carry the father's name.
      const fatherName = draft.fatherIndex >= 0 ? fatherWord(people[draft.fatherIndex].name) : undefined;
      let name = this.personName(draft, birthYear, fatherName);
      for (let attempt = 0; attempt < 3 && names.includes(name); attempt++)
        name = this.personName(draft, birthYear, fatherName);
      names.push(name);
      const { nik, birthPlace } = this.identity(
        draft,
        birthDay,
        kelurahan,
        familyOrigin,
        drafts[0].tradition,
        requireNik,
      );
      const muslim = traditionProfiles[draft.tradition].tradition.isMuslim(draft.familyName);
      const phoneChance =
        index === 0
          ? 0.85
          : draft.relationship === 'ISTRI' || draft.relationship === 'SUAMI'
            ? 0.35
            : draft.age >= 17
              ? 0.2
              : 0;
      const person: Person = {
        personId: this.context.nextPersonId(),
        name,
        sex: draft.sex,
        birthDay,
        birthPlace,
        nik,
        relationship: draft.relationship,
        maritalStatus: draft.maritalStatus,
        occupation: pickOccupation(random, draft.age, draft.sex),
        phone: random.chance(phoneChance) ? phoneNumber(random) : '',
        muslim,
        fatherName: '',
      };
      people.push(person);
    });
    people.forEach((person, index) => {
      const fatherIndex = drafts[index].fatherIndex;
      if (fatherIndex >= 0) person.fatherName = shortFatherName(people[fatherIndex].name);
    });
    // A few older Muslims are registered with bin/binti as part of their name.
    people.forEach((person, index) => {
      if (person.muslim && drafts[index].age >= 45 && random.chance(0.03)) {
        const father = person.fatherName || syntheticFatherName(person.personId);
        person.name = `${person.name} ${person.sex === 'L' ? 'BIN' : 'BINTI'} ${father}`;
      }
    });
    return people.sort(
      (left, right) =>
        relationshipRank[left.relationship] - relationshipRank[right.relationship] ||
        left.birthDay - right.birthDay,
    );
  }

  private birthDay(age: number): number {
    const { random, referenceDay, calendar } = this.context;
    return Math.max(calendar.firstDay, referenceDay - Math.floor((age + random.next()) * daysPerYear));
  }

  private personName(draft: MemberDraft, birthYear: number, fatherName: string | undefined): string {
    const { random } = this.context;
    if (birthYear >= 1992 && modernNamingTraditions.has(draft.tradition) && random.chance(0.55)) {
      return modernName(random, draft.sex);
    }
    const name = traditionProfiles[draft.tradition].tradition.personName(random, {
      sex: draft.sex,
      birthYear,
      familyName: draft.familyName,
      birthOrder: draft.birthOrder,
      fatherName,
    });
    // People named before the 1972 spelling reform often keep the old spelling on their KK (Soeparman, Djoko).
    const oldSpellingChance = birthYear < 1962 ? 0.25 : birthYear < 1972 ? 0.1 : 0;
    if (
      oldSpellingChance > 0 &&
      oldSpellingTraditions.has(draft.tradition) &&
      random.chance(oldSpellingChance)
    ) {
      return random.chance(0.6) ? toOldSpelling(name) : toPartialOldSpelling(name);
    }
    return name;
  }

  private identity(
    draft: MemberDraft,
    birthDay: number,
    kelurahan: Kelurahan,
    familyOrigin: District | null,
    familyTradition: TraditionKey,
    requireNik: boolean,
  ): { nik: string; birthPlace: string } {
    const { random, regions, allocator } = this.context;
    let district = kelurahan.homeDistrict;
    let fromOrigin = false;
    if ((draft.nikOrigin === 'familyOrigin' && familyOrigin) || draft.nikOrigin === 'ownOrigin') {
      // Relatives of the same background mostly come from the same district; in-laws from their own.
      const sharesOrigin = draft.nikOrigin === 'familyOrigin' && draft.tradition === familyTradition;
      district =
        familyOrigin && sharesOrigin && random.chance(0.7)
          ? familyOrigin
          : regions.pickOriginDistrict(random, draft.tradition);
      fromOrigin = true;
    } else if (
      draft.nikOrigin === 'province' ||
      (draft.nikOrigin === 'familyOrigin' && random.chance(0.15))
    ) {
      district = regions.pickHomeProvinceDistrict(random);
    }
    const birthPlace = fromOrigin
      ? random.chance(0.9)
        ? district.birthPlace
        : kelurahan.birthPlace
      : random.chance(0.93)
        ? kelurahan.birthPlace
        : regions.pickOriginDistrict(random, draft.tradition).birthPlace;
    // About 2% have no NIK yet: mostly small children not yet registered, some newcomers.
    const withoutNik = draft.age < 5 ? random.chance(0.18) : random.chance(0.009);
    if (withoutNik && !requireNik) return { nik: '', birthPlace };
    let nik = allocator.nik(district.digits, birthDay, draft.sex, random);
    for (let attempt = 0; nik === null && attempt < 50; attempt++) {
      nik = allocator.nik(regions.pickHomeProvinceDistrict(random).digits, birthDay, draft.sex, random);
    }
    if (nik === null) throw new Error('NIK serials exhausted: too many people share a birth date');
    return { nik, birthPlace };
  }
}
