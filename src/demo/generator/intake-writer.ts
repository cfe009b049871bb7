import { INTAKE_TEMPLATE_HEADER } from '../../intake/intake-fields.ts';
import type { CalendarTable } from './calendar.ts';
import { formatIsoDate } from './calendar.ts';
import type { CsvFileWriter } from './csv-file-writer.ts';
import { csvCell } from './csv-file-writer.ts';
import type { Family, Listing, Person } from './family-model.ts';
import type { FaultSubject, NameFormVariation, RowDraft, RowFaultSelector } from './fault-plan.ts';
import { applyListingVariation } from './fault-plan.ts';
import { syntheticFatherName } from './names/father-names.ts';
import { dropDigit, excelScientific, zeroSerial } from './number-faults.ts';
import type { RegionCoordinates } from './region-coordinates.ts';
import { birthDateCell, pad3, submissionStyle, titleCase } from './row-format.ts';
import type { SeededRandom } from './seeded-random.ts';

// The generator writes the interchange columns of SPEC.md; the optional alasan_tanpa_nik column is left out.
export const intakeHeader = INTAKE_TEMPLATE_HEADER.filter((column) => column !== 'alasan_tanpa_nik');
export const groundTruthHeader = ['source', 'ref', 'person_id', 'family_id', 'faults'] as const;
export const deathsHeader = ['nik', 'nama', 'tanggal_meninggal', 'ref'] as const;
export const locationsHeader = ['listing', 'family_id', 'kode_kelurahan', 'rt', 'rw', 'lat', 'lng'] as const;

const memberSuffixes = Array.from(
  { length: 100 },
  (_unused, index) => `-${String(index + 1).padStart(2, '0')}`,
);

export type KkFault = 'kk_scientific' | 'kk_lost_digit' | 'kk_zeroed_serial';
export type HeadAnomaly = 'two_heads' | 'no_head';

/** How one listing of a family is to be written. */
export interface ListingPlan {
  /** Fault names recorded on every row of the listing (duplicate_listing, moved_old_listing …). */
  listingFaults: string[];
  kkFault: KkFault | null;
  /** Whether rows draw ordinary row faults (the first listing) or only light variations (a repeat). */
  rowFaults: boolean;
  variationRate: number;
  headAnomaly: HeadAnomaly | null;
  /** People already reported dead, so a repeated listing records it too. */
  deceased: Set<string>;
}

export interface IntakeOutputs {
  intake: CsvFileWriter;
  groundTruth: CsvFileWriter;
  deaths: CsvFileWriter;
  locations: CsvFileWriter | null;
}

/** Writes listings of families as intake rows, with their ground truth, deaths and coordinates. */
export class IntakeWriter {
  private listingNumber = 0;
  private deathNumber = 0;
  /** Deaths of registry members written so far (external deaths not counted). */
  deathsWritten = 0;
  readonly faultCounts = new Map<string, number>();

  constructor(
    private readonly outputs: IntakeOutputs,
    private readonly options: {
      seed: number;
      delimiter: string;
      calendar: CalendarTable;
      referenceDay: number;
      selector: RowFaultSelector;
      nameForms: NameFormVariation;
      random: SeededRandom;
      locationRandom: SeededRandom;
      coordinates: RegionCoordinates | null;
    },
  ) {}

  /** Writes one listing; returns the ids of members reported dead in it. */
  writeListing(family: Family, listing: Listing, plan: ListingPlan): Set<string> {
    const { random, delimiter, calendar, selector, nameForms } = this.options;
    const listingRef = `R${String(++this.listingNumber).padStart(7, '0')}`;
    const style = submissionStyle(listing.kelurahan, listing.rw, this.options.seed);
    const kkNumber = damageKk(listing.kkNumber, plan.kkFault, random);
    const deceased = new Set(plan.deceased);
    const headIndex =
      plan.headAnomaly === 'two_heads'
        ? pickSecondHead(family.members, this.options.referenceDay, random)
        : -1;
    // Addresses and codes come from fixed word lists without delimiters or quotes, so they need no quoting.
    const place = `${listing.address}${delimiter}${pad3(listing.rt)}${delimiter}${pad3(listing.rw)}${delimiter}${listing.kelurahan.code}`;
    // The RT head did not ask: penghasilan_tetap or terdampak_covid left empty for the whole family.
    const fixedIncome = plan.listingFaults.includes('missing_fixed_income')
      ? ''
      : family.hasFixedIncome
        ? 'Y'
        : 'T';
    const covidAffected = plan.listingFaults.includes('missing_covid_affected')
      ? ''
      : family.isCovidAffected
        ? 'Y'
        : 'T';
    const income = `${fixedIncome}${delimiter}${covidAffected}`;
    const needsDraftForAll =
      plan.listingFaults.length > 0 ||
      plan.kkFault !== null ||
      deceased.size > 0 ||
      plan.headAnomaly !== null;
    const members = family.members;
    for (let index = 0; index < members.length; index++) {
      const person = members[index];
      const faulted = plan.rowFaults && selector.rollsFault(random);
      const varied = plan.variationRate > 0 && random.chance(plan.variationRate);
      // Every lister writes Muhammad and Nur their own way, a repeated listing too.
      const formed = nameForms.applies(person.name);
      const ref = listingRef + memberSuffixes[index];
      const phone = plan.rowFaults || random.chance(0.8) ? person.phone : '';
      if (!faulted && !varied && !formed && !needsDraftForAll) {
        // Clean row, the common case: straight from the person, no draft objects.
        const name = style.titleCaseNames ? titleCase(person.name) : person.name;
        this.writeIntakeRow(
          kkNumber,
          person.nik,
          name,
          person,
          calendar.text(person.birthDay, style.dateFormat),
          person.relationship,
          person,
          place,
          phone,
          income,
          ref,
        );
        this.outputs.groundTruth.writeCells(['intake', ref, person.personId, family.familyId, '']);
        continue;
      }
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
        phone,
        faults: [...plan.listingFaults],
      };
      if (plan.kkFault) row.faults.push(plan.kkFault);
      if (faulted || varied || formed) {
        const subject = this.subject(person, birthDate.year);
        if (faulted) selector.apply(row, subject, random);
        if (formed) nameForms.apply(row, subject, random);
        if (varied) applyListingVariation(row, subject, random);
      }
      if (row.faults.includes('deceased')) {
        if (!deceased.has(person.personId)) this.writeDeath(family, person);
        deceased.add(person.personId);
      } else if (deceased.has(person.personId)) {
        row.faults.push('deceased');
      }
      let relationship: string = person.relationship;
      if (index === headIndex) {
        relationship = 'KEPALA KELUARGA';
        row.faults.push('two_heads');
      } else if (index === 0 && plan.headAnomaly === 'no_head') {
        relationship = random.chance(0.5) ? '' : 'FAMILI LAIN';
        row.faults.push('no_head');
      }
      const name = csvCell(style.titleCaseNames ? titleCase(row.name) : row.name, delimiter);
      const birthDateText = birthDateCell(
        row.birthDate,
        row.swapDayMonth,
        row.birthDateAsSerial,
        style.dateFormat,
      );
      this.writeIntakeRow(
        row.kkNumber,
        row.nik,
        name,
        person,
        birthDateText,
        relationship,
        row,
        place,
        row.phone,
        income,
        ref,
      );
      this.outputs.groundTruth.writeRow(
        `intake,${ref},${person.personId},${family.familyId},${row.faults.join('|')}`,
      );
      for (const fault of row.faults) this.faultCounts.set(fault, (this.faultCounts.get(fault) ?? 0) + 1);
    }
    this.writeLocation(listingRef, family, listing);
    return deceased;
  }

  private writeIntakeRow(
    kkNumber: string,
    nik: string,
    name: string,
    person: Person,
    birthDate: string,
    relationship: string,
    facts: Pick<RowDraft, 'birthPlace' | 'maritalStatus' | 'occupation'>,
    place: string,
    phone: string,
    income: string,
    ref: string,
  ): void {
    this.outputs.intake.writeCells([
      kkNumber,
      nik,
      name,
      person.sex,
      facts.birthPlace,
      birthDate,
      relationship,
      facts.maritalStatus,
      facts.occupation,
      place,
      phone,
      income,
      ref,
    ]);
  }

  private subject(person: Person, birthYear: number): FaultSubject {
    const referenceYear = this.options.calendar.civil(this.options.referenceDay).year;
    return {
      sex: person.sex,
      age: referenceYear - birthYear,
      birthYear,
      muslim: person.muslim,
      fatherName: () => person.fatherName || syntheticFatherName(person.personId),
      nik: person.nik,
      informal: true,
    };
  }

  // The civil registry's death list: true NIK and name, a death in the eleven months before the reference date.
  private writeDeath(family: Family, person: Person): void {
    const { random, calendar, referenceDay, delimiter } = this.options;
    const ref = `D${String(++this.deathNumber).padStart(7, '0')}`;
    // A baby cannot die before it was born: the death falls between birth and the reference date.
    const daysAgo = random.between(1, Math.min(330, Math.max(1, referenceDay - person.birthDay)));
    const died = formatIsoDate(calendar.civil(Math.max(person.birthDay, referenceDay - daysAgo)));
    this.outputs.deaths.writeRow(
      `${person.nik}${delimiter}${csvCell(person.name, delimiter)}${delimiter}${died}${delimiter}${ref}`,
    );
    this.outputs.groundTruth.writeRow(`deaths,${ref},${person.personId},${family.familyId},`);
    this.deathsWritten++;
  }

  /** A death of someone outside the registry, so the death list is not a list of answers. */
  writeExternalDeath(person: Person, familyId: string): void {
    const { random, calendar, referenceDay, delimiter } = this.options;
    const ref = `D${String(++this.deathNumber).padStart(7, '0')}`;
    const died = formatIsoDate(calendar.civil(referenceDay - random.between(1, 330)));
    this.outputs.deaths.writeRow(
      `${person.nik}${delimiter}${csvCell(person.name, delimiter)}${delimiter}${died}${delimiter}${ref}`,
    );
    this.outputs.groundTruth.writeRow(`deaths,${ref},${person.personId},${familyId},`);
  }

  private writeLocation(listingRef: string, family: Family, listing: Listing): void {
    const { coordinates, locationRandom } = this.options;
    if (!this.outputs.locations || !coordinates) return;
    const point = coordinates.householdPoint(listing.kelurahan.code, listing.rw, locationRandom);
    this.outputs.locations.writeCells([
      listingRef,
      family.familyId,
      listing.kelurahan.code,
      pad3(listing.rt),
      pad3(listing.rw),
      point ? point.lat.toFixed(6) : '',
      point ? point.lng.toFixed(6) : '',
    ]);
  }
}

function damageKk(kkNumber: string, fault: KkFault | null, random: SeededRandom): string {
  if (fault === 'kk_scientific') return excelScientific(kkNumber);
  if (fault === 'kk_lost_digit') return dropDigit(kkNumber, random);
  if (fault === 'kk_zeroed_serial') return zeroSerial(kkNumber) ?? `${kkNumber.slice(0, 15)}0`;
  return kkNumber;
}

const adultDays = Math.ceil(17 * 365.2425);

// A second "head": an adult member (spouse or grown child) written as KEPALA KELUARGA too.
function pickSecondHead(members: Person[], referenceDay: number, random: SeededRandom): number {
  const candidates = members
    .map((_member, index) => index)
    .filter((index) => index > 0 && referenceDay - members[index].birthDay >= adultDays);
  return candidates.length > 0 ? random.pick(candidates) : -1;
}
