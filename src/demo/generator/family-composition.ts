import type { MaritalStatus, Relationship } from './family-model.ts';
import type { Sex, TraditionKey } from './names/naming-tradition.ts';
import type { SeededRandom } from './seeded-random.ts';
import { WeightedChoice } from './seeded-random.ts';

/** Where a member's NIK was first issued, resolved to a real district later. */
export type NikOrigin = 'familyOrigin' | 'ownOrigin' | 'home' | 'province';

/** A member before names and numbers: relationship, sex, age and lineage. */
export interface MemberDraft {
  relationship: Relationship;
  sex: Sex;
  age: number;
  maritalStatus: MaritalStatus;
  tradition: TraditionKey;
  /** Lineage name (Batak marga, Chinese surname); '' for traditions without one. */
  familyName: string;
  birthOrder: number;
  nikOrigin: NikOrigin;
  /** Index of the member whose name follows bin/binti, or -1 when the father is not on the KK. */
  fatherIndex: number;
}

type Composition =
  | 'single'
  | 'couple'
  | 'nuclear'
  | 'singleParent'
  | 'withGrandparent'
  | 'threeGenerations'
  | 'withRelative';

// Shares tuned so the mean family size lands near 3.5 with sizes 1–8.
const compositions = new WeightedChoice<Composition>([
  ['single', 0.1],
  ['couple', 0.1],
  ['nuclear', 0.53],
  ['singleParent', 0.11],
  ['withGrandparent', 0.07],
  ['threeGenerations', 0.07],
  ['withRelative', 0.02],
]);
const childCounts = new WeightedChoice<number>([
  [1, 0.32],
  [2, 0.36],
  [3, 0.19],
  [4, 0.09],
  [5, 0.04],
]);

export const maximumFamilySize = 8;

/** A lineage name other than `avoid`: a Batak may not marry within the marga, nor a mother share her child's. */
function otherFamilyName(lineage: LineageSource, tradition: TraditionKey, avoid: string): string {
  let name = lineage.newFamilyName(tradition);
  for (let attempt = 0; attempt < 10 && name !== '' && name === avoid; attempt++)
    name = lineage.newFamilyName(tradition);
  return name;
}

interface LineageSource {
  tradition: TraditionKey;
  newFamilyName(tradition: TraditionKey): string;
  /** Background of someone marrying in: mostly the same, sometimes another. */
  spouseTradition(): TraditionKey;
}

/** Lays out who lives on one KK with plausible ages: spouses close in age, children 17–45 years younger than parents. */
export function draftFamily(random: SeededRandom, lineage: LineageSource): MemberDraft[] {
  const composition = compositions.pick(random);
  const tradition = lineage.tradition;
  const fatherLineage = lineage.newFamilyName(tradition);
  const members: MemberDraft[] = [];
  const person = (
    relationship: Relationship,
    sex: Sex,
    age: number,
    maritalStatus: MaritalStatus,
    extra: Partial<MemberDraft> = {},
  ) => {
    const draft: MemberDraft = {
      relationship,
      sex,
      age,
      maritalStatus,
      tradition,
      familyName: fatherLineage,
      birthOrder: random.between(1, 4),
      nikOrigin: 'familyOrigin',
      fatherIndex: -1,
      ...extra,
    };
    members.push(draft);
    return members.length - 1;
  };
  const addSpouse = (headIndex: number) => {
    const head = members[headIndex];
    const wifeAge =
      head.sex === 'L'
        ? Math.round(head.age - random.normalish(3, 3))
        : Math.round(head.age + random.normalish(3, 3));
    const spouseTradition = lineage.spouseTradition();
    return person(
      head.sex === 'L' ? 'ISTRI' : 'SUAMI',
      head.sex === 'L' ? 'P' : 'L',
      clamp(wifeAge, 18, 90),
      'KAWIN',
      {
        tradition: spouseTradition,
        familyName: otherFamilyName(lineage, spouseTradition, head.familyName),
        nikOrigin: random.chance(0.6) ? 'familyOrigin' : 'home',
      },
    );
  };

  switch (composition) {
    case 'single': {
      const young = random.chance(0.5);
      const age = young ? random.between(20, 35) : random.between(55, 80);
      const status: MaritalStatus = young
        ? 'BELUM KAWIN'
        : random.chance(0.75)
          ? 'CERAI MATI'
          : 'CERAI HIDUP';
      person('KEPALA KELUARGA', random.chance(young ? 0.6 : 0.35) ? 'L' : 'P', age, status);
      break;
    }
    case 'couple': {
      const head = person(
        'KEPALA KELUARGA',
        'L',
        random.chance(0.5) ? random.between(21, 30) : random.between(50, 80),
        'KAWIN',
      );
      addSpouse(head);
      break;
    }
    case 'nuclear':
    case 'withRelative':
    case 'withGrandparent': {
      const femaleHead = random.chance(0.02);
      const head = person(
        'KEPALA KELUARGA',
        femaleHead ? 'P' : 'L',
        clamp(Math.round(random.normalish(41, 10)), 22, 66),
        'KAWIN',
      );
      const spouse = addSpouse(head);
      const fatherIndex = femaleHead ? spouse : head;
      const count = composition === 'withGrandparent' ? random.between(0, 3) : childCounts.pick(random);
      addChildren(random, members, count, [head, spouse], {
        familyName: members[fatherIndex].familyName,
        fatherIndex,
        person,
      });
      if (composition === 'withGrandparent') addGrandparent(random, members, head, spouse, lineage, person);
      if (composition === 'withRelative') {
        const age = random.chance(0.6) ? random.between(15, 30) : random.between(40, 75);
        person('FAMILI LAIN', random.chance(0.5) ? 'L' : 'P', age, age < 25 ? 'BELUM KAWIN' : 'CERAI MATI', {
          familyName: lineage.newFamilyName(tradition),
          nikOrigin: random.chance(0.5) ? 'familyOrigin' : 'province',
        });
      }
      break;
    }
    case 'singleParent': {
      const femaleHead = random.chance(0.8);
      const age = clamp(Math.round(random.normalish(45, 12)), 24, 75);
      const status: MaritalStatus = random.chance(0.6) ? 'CERAI MATI' : 'CERAI HIDUP';
      const head = person('KEPALA KELUARGA', femaleHead ? 'P' : 'L', age, status, {
        familyName: femaleHead ? otherFamilyName(lineage, tradition, fatherLineage) : fatherLineage,
      });
      // Children of a widow or divorcee carry the absent father's lineage (a Batak child keeps his marga).
      const fatherIndex = femaleHead ? -1 : head;
      addChildren(random, members, random.between(1, 4), [head], {
        familyName: fatherLineage,
        fatherIndex,
        person,
      });
      break;
    }
    case 'threeGenerations':
      addThreeGenerations(random, members, lineage, fatherLineage, person);
      break;
  }
  return members.slice(0, maximumFamilySize);
}

type AddPerson = (
  relationship: Relationship,
  sex: Sex,
  age: number,
  status: MaritalStatus,
  extra?: Partial<MemberDraft>,
) => number;

function addChildren(
  random: SeededRandom,
  members: MemberDraft[],
  count: number,
  parentIndexes: number[],
  options: { familyName: string; fatherIndex: number; person: AddPerson; relationship?: Relationship },
): void {
  // Children follow their father's background in mixed marriages.
  const tradition =
    options.fatherIndex >= 0 ? members[options.fatherIndex].tradition : members[parentIndexes[0]].tradition;
  const parentAges = parentIndexes.map((index) => members[index].age);
  const youngest = Math.min(...parentAges);
  const oldest = Math.max(...parentAges);
  const lower = Math.max(0, oldest - 45);
  const upper = Math.min(30, youngest - 17);
  if (count <= 0 || upper < lower) return;
  // The eldest is usually born in the parents' twenties; later children follow every one to five years.
  let age = clamp(youngest - Math.round(random.normalish(25, 4)), lower, upper);
  for (let order = 1; order <= count && age >= lower && members.length < maximumFamilySize; order++) {
    const sex: Sex = random.chance(0.51) ? 'L' : 'P';
    options.person(options.relationship ?? 'ANAK', sex, age, 'BELUM KAWIN', {
      tradition,
      familyName: options.familyName,
      birthOrder: order,
      fatherIndex: options.fatherIndex,
      nikOrigin: age >= 17 && random.chance(0.3) ? 'familyOrigin' : random.chance(0.88) ? 'home' : 'province',
    });
    age -= random.between(1, 5);
  }
}

function addGrandparent(
  random: SeededRandom,
  members: MemberDraft[],
  headIndex: number,
  spouseIndex: number,
  lineage: LineageSource,
  person: AddPerson,
): void {
  const ofHead = random.chance(0.55);
  const child = members[ofHead ? headIndex : spouseIndex];
  const age = child.age + random.between(20, 40);
  if (age > 95 || members.length >= maximumFamilySize) return;
  const sex: Sex = random.chance(0.7) ? 'P' : 'L';
  // A grandfather shares his son's lineage; a grandmother keeps her own, never her child's.
  const familyName =
    sex === 'L' ? child.familyName : otherFamilyName(lineage, child.tradition, child.familyName);
  person(ofHead ? 'ORANG TUA' : 'MERTUA', sex, age, random.chance(0.85) ? 'CERAI MATI' : 'KAWIN', {
    tradition: child.tradition,
    familyName,
    nikOrigin: child.nikOrigin === 'home' ? 'province' : 'familyOrigin',
  });
}

function addThreeGenerations(
  random: SeededRandom,
  members: MemberDraft[],
  lineage: LineageSource,
  fatherLineage: string,
  person: AddPerson,
): void {
  const widowed = random.chance(0.35);
  const headSex: Sex = widowed && random.chance(0.75) ? 'P' : 'L';
  const head = person('KEPALA KELUARGA', headSex, random.between(46, 75), widowed ? 'CERAI MATI' : 'KAWIN', {
    familyName: headSex === 'P' ? otherFamilyName(lineage, lineage.tradition, fatherLineage) : fatherLineage,
  });
  const parents = [head];
  if (!widowed) {
    const spouseAge = clamp(Math.round(members[head].age - random.normalish(3, 3)), 40, 90);
    parents.push(
      person('ISTRI', 'P', spouseAge, 'KAWIN', {
        familyName: otherFamilyName(lineage, lineage.tradition, fatherLineage),
      }),
    );
  }
  const parentAges = parents.map((index) => members[index].age);
  const upper = Math.min(...parentAges) - 20;
  const lower = Math.max(20, Math.max(...parentAges) - 45);
  if (upper < lower) return;
  const childAge = random.between(lower, Math.min(upper, 45));
  const childSex: Sex = random.chance(0.5) ? 'L' : 'P';
  const fatherIndex = headSex === 'L' ? head : -1;
  const marriedChild = person('ANAK', childSex, childAge, 'KAWIN', {
    familyName: fatherLineage,
    birthOrder: 1,
    fatherIndex,
    nikOrigin: 'home',
  });
  const inLawTradition = lineage.spouseTradition();
  const inLawAge = clamp(Math.round(childAge + (childSex === 'L' ? -1 : 1) * random.normalish(3, 2)), 18, 70);
  const inLaw = person('MENANTU', childSex === 'L' ? 'P' : 'L', inLawAge, 'KAWIN', {
    tradition: inLawTradition,
    familyName: otherFamilyName(lineage, inLawTradition, fatherLineage),
    nikOrigin: random.chance(0.5) ? 'home' : random.chance(0.5) ? 'province' : 'ownOrigin',
  });
  const grandchildFather = childSex === 'L' ? marriedChild : inLaw;
  addChildren(random, members, random.between(1, 3), [marriedChild, inLaw], {
    familyName: members[grandchildFather].familyName,
    fatherIndex: grandchildFather,
    person,
    relationship: 'CUCU',
  });
  if (random.chance(0.4)) {
    const siblingAge = childAge - random.between(2, 8);
    if (siblingAge >= Math.max(0, Math.max(...parentAges) - 45)) {
      person('ANAK', random.chance(0.5) ? 'L' : 'P', siblingAge, 'BELUM KAWIN', {
        familyName: fatherLineage,
        birthOrder: 2,
        fatherIndex,
        nikOrigin: 'home',
      });
    }
  }
}

function clamp(value: number, minimum: number, maximum: number): number {
  return Math.min(Math.max(value, minimum), maximum);
}
