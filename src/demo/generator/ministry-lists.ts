import path from 'node:path';
import type { CalendarTable, CivilDate } from './calendar.ts';
import { formatDashDate, formatIsoDate, formatSlashDate } from './calendar.ts';
import { CsvFileWriter, csvCell } from './csv-file-writer.ts';
import type { FamilyBuilder } from './family-builder.ts';
import type { Family, Person } from './family-model.ts';
import type { FaultSubject, NameFormVariation, RowDraft, RowFaultSelector } from './fault-plan.ts';
import type { IdentityNumberAllocator } from './identity-numbers.ts';
import { syntheticFatherName } from './names/father-names.ts';
import type { Kelurahan } from './region-pool.ts';
import type { SeededRandom } from './seeded-random.ts';
import { WeightedChoice } from './seeded-random.ts';

export const ministryProgrammes = ['PKH', 'BPNT', 'PRAKERJA', 'BST_KEMENSOS'] as const;
export type MinistryProgramme = (typeof ministryProgrammes)[number];

export const ministryHeader = [
  'nik',
  'no_kk',
  'nama',
  'tanggal_lahir',
  'kode_wilayah',
  'program',
  'periode',
  'ref',
] as const;
export const programmeFamiliesHeader = ['family_id', 'program', 'person_id', 'ref'] as const;

// Kartu Sembako (BPNT) and Kemensos BST reach the most families; Prakerja the fewest among the poor.
const programmeChoice = new WeightedChoice<MinistryProgramme>([
  ['PKH', 0.25],
  ['BPNT', 0.35],
  ['PRAKERJA', 0.1],
  ['BST_KEMENSOS', 0.3],
]);

// Each ministry system exports dates its own way.
const dateFormats: Record<MinistryProgramme, (date: CivilDate) => string> = {
  PKH: formatDashDate,
  BPNT: formatIsoDate,
  PRAKERJA: formatIsoDate,
  BST_KEMENSOS: formatSlashDate,
};

export interface MinistryListsOptions {
  outDirectory: string;
  period: string;
  delimiter: string;
  groundTruth: CsvFileWriter;
  calendar: CalendarTable;
  referenceDay: number;
  selector: RowFaultSelector;
  nameForms: NameFormVariation;
  /** Decides overlap with registry families and damages their rows. */
  random: SeededRandom;
  /** Builds people outside the registry with its own random stream and serial range. */
  externalBuilder: FamilyBuilder;
  externalRandom: SeededRandom;
  externalAllocator: IdentityNumberAllocator;
  nextExternalFamilyId(): string;
}

/** Ministry programme lists (PKH, BPNT, Prakerja, Kemensos BST): registry members in them, and people who are not. */
export class MinistryLists {
  readonly writers: Record<MinistryProgramme, CsvFileWriter>;
  readonly programmeFamilies: CsvFileWriter;
  private readonly refCounters: Record<MinistryProgramme, number> = {
    PKH: 0,
    BPNT: 0,
    PRAKERJA: 0,
    BST_KEMENSOS: 0,
  };
  readonly faultCounts = new Map<string, number>();
  familiesInProgrammes = 0;

  constructor(private readonly options: MinistryListsOptions) {
    const file = (programme: MinistryProgramme) =>
      path.join(options.outDirectory, `ministry-${programme}-${options.period}.csv`);
    this.writers = {
      PKH: new CsvFileWriter(file('PKH'), ministryHeader, options.delimiter),
      BPNT: new CsvFileWriter(file('BPNT'), ministryHeader, options.delimiter),
      PRAKERJA: new CsvFileWriter(file('PRAKERJA'), ministryHeader, options.delimiter),
      BST_KEMENSOS: new CsvFileWriter(file('BST_KEMENSOS'), ministryHeader, options.delimiter),
    };
    this.programmeFamilies = new CsvFileWriter(
      path.join(options.outDirectory, 'ground-truth-programme-families.csv'),
      programmeFamiliesHeader,
      ',',
    );
  }

  /** With probability `overlapRate` the family has a member in one programme, sometimes two. */
  considerFamily(family: Family, overlapRate: number): void {
    const { random } = this.options;
    if (!random.chance(overlapRate)) return;
    const first = programmeChoice.pick(random);
    const programmes = [first];
    if (random.chance(0.25)) {
      let second = programmeChoice.pick(random);
      for (let attempt = 0; attempt < 5 && second === first; attempt++) second = programmeChoice.pick(random);
      if (second !== first) programmes.push(second);
    }
    let listed = false;
    for (const programme of programmes) {
      const person = pickRecipient(
        family.members,
        programme,
        random,
        this.options.calendar,
        this.options.referenceDay,
      );
      if (!person) continue;
      const ref = this.writeRow(
        programme,
        person,
        family.familyId,
        family.home.kkNumber,
        family.home.kelurahan,
        random,
      );
      this.programmeFamilies.writeRow(`${family.familyId},${programme},${person.personId},${ref}`);
      listed = true;
    }
    if (listed) this.familiesInProgrammes++;
  }

  /** One recipient who is not in the registry at all. */
  writeExternalPerson(): void {
    const { externalBuilder, externalRandom } = this.options;
    const programme = programmeChoice.pick(externalRandom);
    const female =
      programme === 'PKH'
        ? externalRandom.chance(0.95)
        : externalRandom.chance(programme === 'BST_KEMENSOS' ? 0.4 : 0.5);
    const [minimumAge, maximumAge] = programme === 'PRAKERJA' ? [18, 55] : [23, 78];
    const { person, kelurahan, kkNumber } = externalBuilder.lonePerson(
      female ? 'P' : 'L',
      minimumAge,
      maximumAge,
    );
    this.writeRow(
      programme,
      person,
      this.options.nextExternalFamilyId(),
      kkNumber,
      kelurahan,
      externalRandom,
    );
  }

  private writeRow(
    programme: MinistryProgramme,
    person: Person,
    familyId: string,
    kkNumber: string,
    kelurahan: Kelurahan,
    random: SeededRandom,
  ): string {
    const { calendar, referenceDay, delimiter, period, selector, nameForms, externalAllocator } =
      this.options;
    const ref = `${programme}-${String(++this.refCounters[programme]).padStart(7, '0')}`;
    const birthDate = calendar.civil(person.birthDay);
    const row: RowDraft = {
      nik: person.nik,
      kkNumber,
      name: person.name,
      birthDate,
      swapDayMonth: false,
      birthDateAsSerial: false,
      birthPlace: person.birthPlace,
      maritalStatus: person.maritalStatus,
      occupation: person.occupation,
      phone: person.phone,
      faults: [],
    };
    const subject: FaultSubject = {
      sex: person.sex,
      age: calendar.civil(referenceDay).year - birthDate.year,
      birthYear: birthDate.year,
      muslim: person.muslim,
      fatherName: () => person.fatherName || syntheticFatherName(person.personId),
      nik: person.nik,
      // DTKS often still holds the family's previous KK.
      outdatedKkNumber: () =>
        externalAllocator.kk(kelurahan.districtDigits, referenceDay - random.between(2000, 7000)),
    };
    selector.maybeApply(row, subject, random);
    if (nameForms.applies(row.name)) nameForms.apply(row, subject, random);
    const shownDate = row.birthDate
      ? dateFormats[programme](
          row.swapDayMonth
            ? { year: row.birthDate.year, month: row.birthDate.day, day: row.birthDate.month }
            : row.birthDate,
        )
      : '';
    // Prakerja registers people by kecamatan; the other programmes mostly by kelurahan.
    const region = programme === 'PRAKERJA' || random.chance(0.1) ? kelurahan.districtCode : kelurahan.code;
    this.writers[programme].writeRow(
      `${row.nik}${delimiter}${row.kkNumber}${delimiter}${csvCell(row.name, delimiter)}${delimiter}${shownDate}${delimiter}` +
        `${region}${delimiter}${programme}${delimiter}${period}${delimiter}${ref}`,
    );
    this.options.groundTruth.writeRow(
      `${programme},${ref},${person.personId},${familyId},${row.faults.join('|')}`,
    );
    for (const fault of row.faults) this.faultCounts.set(fault, (this.faultCounts.get(fault) ?? 0) + 1);
    return ref;
  }

  allWriters(): CsvFileWriter[] {
    return [...Object.values(this.writers), this.programmeFamilies];
  }
}

/** Who a programme lists: PKH the mother, BPNT the head or wife, Prakerja a working-age adult, BST the head. */
function pickRecipient(
  members: Person[],
  programme: MinistryProgramme,
  random: SeededRandom,
  calendar: CalendarTable,
  referenceDay: number,
): Person | null {
  const referenceYear = calendar.civil(referenceDay).year;
  const withNik = members.filter((member) => member.nik.length > 0);
  const adults = withNik.filter((member) => referenceYear - calendar.civil(member.birthDay).year >= 17);
  if (adults.length === 0) return null;
  const head = adults.find((member) => member.relationship === 'KEPALA KELUARGA');
  const wife = adults.find((member) => member.relationship === 'ISTRI');
  switch (programme) {
    case 'PKH':
      return wife ?? adults.find((member) => member.sex === 'P') ?? head ?? adults[0];
    case 'BPNT':
      return (wife && random.chance(0.4) ? wife : head) ?? adults[0];
    case 'PRAKERJA': {
      const working = adults.filter((member) => {
        const age = referenceYear - calendar.civil(member.birthDay).year;
        return age >= 18 && age <= 64;
      });
      return working.length > 0 ? random.pick(working) : null;
    }
    case 'BST_KEMENSOS':
      return head ?? adults[0];
  }
}
