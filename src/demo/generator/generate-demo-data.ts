import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { loadRegionCatalog } from '../../regions/region-catalog.ts';
import { CalendarTable, dayNumberFromCivil, dayNumberFromDate } from './calendar.ts';
import { CsvFileWriter } from './csv-file-writer.ts';
import { FamilyBuilder } from './family-builder.ts';
import type { Family } from './family-model.ts';
import type { IntakeFaultName } from './fault-plan.ts';
import {
  defaultIntakeFaultRate,
  defaultIntakeFaultRates,
  defaultIntakeNameFormRates,
  defaultMinistryFaultRate,
  defaultMinistryFaultRates,
  defaultMinistryNameFormRates,
  NameFormVariation,
  nameFormShareOfFaults,
  RowFaultSelector,
  resolveNameFormRates,
  resolveRates,
} from './fault-plan.ts';
import { IdentityNumberAllocator } from './identity-numbers.ts';
import type { HeadAnomaly, KkFault, ListingPlan } from './intake-writer.ts';
import {
  deathsHeader,
  groundTruthHeader,
  IntakeWriter,
  intakeHeader,
  locationsHeader,
} from './intake-writer.ts';
import { MinistryLists, ministryProgrammes } from './ministry-lists.ts';
import { PendingListings } from './pending-listings.ts';
import { RegionCoordinates } from './region-coordinates.ts';
import { RegionPool } from './region-pool.ts';
import { hashString, SeededRandom } from './seeded-random.ts';

export interface GenerateDemoDataOptions {
  families: number;
  seed: number;
  outDirectory: string;
  /** Kelurahan codes or region prefixes ('31.74' or '31.74.' for all of Jakarta Selatan); default all of DKI. */
  kelurahanCodes?: string[];
  /** GeoJSON with kelurahan centroids (properties.code, lat, lng); when given, family-locations.csv is written. */
  regionsGeoJsonPath?: string;
  /** Share of intake rows given at least one fault, default 0.08. */
  faultRate?: number;
  /** Per-fault shares of intake rows, overriding the scaled defaults; for muhammad_variant and nur_variant the share of names that have the form. */
  faultRates?: Partial<Record<IntakeFaultName, number>>;
  /** Share of ministry-list rows with a fault, default 0.03. */
  ministryFaultRate?: number;
  /** Share of families with a member in a ministry programme, default 0.1. */
  ministryOverlapRate?: number;
  /** Persons in ministry lists who are not in the registry, default families × 0.5. */
  ministryExtraPersons?: number;
  /** Share of families written with two heads or none, default 0.002. */
  headAnomalyRate?: number;
  period?: string;
  /** Default: the first day of `period`. */
  referenceDate?: Date;
  delimiter?: ',' | ';';
  onProgress?: (familiesDone: number) => void;
}

export interface GenerateDemoDataSummary {
  families: number;
  persons: number;
  files: {
    intake: string;
    ministryLists: Record<string, string>;
    groundTruth: string;
    deaths: string;
    programmeFamilies: string;
    locations?: string;
  };
  /** Intake rows carrying each fault. */
  faults: Record<string, number>;
  ministryFaults: Record<string, number>;
  rows: { intake: number; ministry: Record<string, number>; deaths: number; groundTruth: number };
  familiesInProgrammes: number;
}

const progressEvery = 1000;
const drainEvery = 256;
const pendingCapacity = 4096;

/** Streams N realistic Jakarta families, ministry lists and ground truth to files; same options give the same bytes. */
export async function generateDemoData(options: GenerateDemoDataOptions): Promise<GenerateDemoDataSummary> {
  const families = options.families;
  if (!Number.isInteger(families) || families < 0) throw new Error('families must be a whole number ≥ 0');
  const seed = options.seed >>> 0;
  const period = options.period ?? '2021-07';
  const periodMatch = /^(\d{4})-(\d{2})$/.exec(period);
  if (!periodMatch) throw new Error(`period must be YYYY-MM, got ${period}`);
  const delimiter = options.delimiter ?? ',';
  const faultRate = checkRate('faultRate', options.faultRate ?? defaultIntakeFaultRate);
  const overlapRate = checkRate('ministryOverlapRate', options.ministryOverlapRate ?? 0.1);
  const ministryFaultRate = checkRate(
    'ministryFaultRate',
    options.ministryFaultRate ?? defaultMinistryFaultRate,
  );
  const headAnomalyRate = checkRate('headAnomalyRate', options.headAnomalyRate ?? 0.002);
  const externalPersons = Math.max(0, Math.round(options.ministryExtraPersons ?? families * 0.5));
  const referenceDay = options.referenceDate
    ? dayNumberFromDate(options.referenceDate)
    : dayNumberFromCivil(Number(periodMatch[1]), Number(periodMatch[2]), 1);

  const [regions, coordinates] = await Promise.all([
    loadRegionPool(seed, options.kelurahanCodes),
    options.regionsGeoJsonPath ? RegionCoordinates.load(options.regionsGeoJsonPath) : Promise.resolve(null),
  ]);
  const calendar = new CalendarTable(referenceDay - Math.round(110 * 365.2425), referenceDay + 400);
  const firstIssueDay = referenceDay - Math.round(21 * 365.2425);
  // Separate streams: who the families are does not change with fault, ministry or coordinate options.
  const stream = (label: string) => new SeededRandom(hashString(label, seed));
  const familyRandom = stream('families');
  const faultRandom = stream('faults');
  // One allocator for everyone keeps NIK and KK numbers unique across the registry and the people outside it.
  const allocator = new IdentityNumberAllocator(calendar, firstIssueDay, referenceDay);
  let personNumber = 0;
  let externalPersonNumber = 0;
  let externalFamilyNumber = 0;
  const builder = new FamilyBuilder({
    random: familyRandom,
    regions,
    allocator,
    calendar,
    referenceDay,
    nextPersonId: () => `P${String(++personNumber).padStart(8, '0')}`,
  });
  const externalRandom = stream('external');
  const externalBuilder = new FamilyBuilder({
    random: externalRandom,
    regions,
    allocator,
    calendar,
    referenceDay,
    nextPersonId: () => `PX${String(++externalPersonNumber).padStart(7, '0')}`,
  });
  const nextExternalFamilyId = () => `FX${String(++externalFamilyNumber).padStart(7, '0')}`;

  await mkdir(options.outDirectory, { recursive: true });
  const file = (name: string) => path.join(options.outDirectory, name);
  const groundTruth = new CsvFileWriter(file('ground-truth.csv'), groundTruthHeader, ',');
  const intake = new CsvFileWriter(file('intake-households.csv'), intakeHeader, delimiter);
  const deaths = new CsvFileWriter(file('deaths.csv'), deathsHeader, delimiter);
  const locations = coordinates
    ? new CsvFileWriter(file('family-locations.csv'), locationsHeader, delimiter)
    : null;
  // Muhammad and Nur forms vary on a share of the names that have them; the drawn faults take the rest.
  const { muhammad_variant, nur_variant, ...drawnOverrides } = options.faultRates ?? {};
  const intakeNameForms = resolveNameFormRates(
    defaultIntakeNameFormRates,
    faultRate / defaultIntakeFaultRate,
    { muhammad_variant, nur_variant },
  );
  const intakeRates = resolveRates(
    defaultIntakeFaultRates,
    faultRate * (1 - nameFormShareOfFaults.intake),
    drawnOverrides,
  );
  const {
    kk_scientific,
    kk_lost_digit,
    kk_zeroed_serial,
    missing_fixed_income,
    missing_covid_affected,
    duplicate_listing,
    moved,
    ...rowRates
  } = intakeRates;
  const intakeWriter = new IntakeWriter(
    { intake, groundTruth, deaths, locations },
    {
      seed,
      delimiter,
      calendar,
      referenceDay,
      selector: new RowFaultSelector(rowRates),
      nameForms: new NameFormVariation(intakeNameForms),
      random: faultRandom,
      locationRandom: stream('locations'),
      coordinates,
    },
  );
  const ministry = new MinistryLists({
    outDirectory: options.outDirectory,
    period,
    delimiter,
    groundTruth,
    calendar,
    referenceDay,
    selector: new RowFaultSelector(
      resolveRates(defaultMinistryFaultRates, ministryFaultRate * (1 - nameFormShareOfFaults.ministry)),
    ),
    nameForms: new NameFormVariation(
      resolveNameFormRates(defaultMinistryNameFormRates, ministryFaultRate / defaultMinistryFaultRate),
    ),
    random: stream('ministry'),
    externalBuilder,
    externalRandom,
    externalAllocator: allocator,
    nextExternalFamilyId,
  });
  const writers = [intake, groundTruth, deaths, ...(locations ? [locations] : []), ...ministry.allWriters()];
  const kkFaultRates: [KkFault, number][] = [
    ['kk_scientific', kk_scientific],
    ['kk_lost_digit', kk_lost_digit],
    ['kk_zeroed_serial', kk_zeroed_serial],
  ];
  const pending = new PendingListings(pendingCapacity);
  const deathsRandom = stream('deaths');
  let persons = 0;
  let externalWritten = 0;
  let registryDeaths = 0;

  const writePending = (familyIndex: number, all: boolean) => {
    for (const entry of all ? pending.takeAll() : pending.takeDue(familyIndex)) {
      intakeWriter.writeListing(entry.family, entry.listing, entry.plan);
    }
  };

  try {
    for (let familyIndex = 0; familyIndex < families; familyIndex++) {
      const family = builder.build(`F${String(familyIndex + 1).padStart(7, '0')}`);
      persons += family.members.length;
      writePending(familyIndex, false);
      const plan = planFamily(family, faultRandom, kkFaultRates, headAnomalyRate);
      if (faultRandom.chance(missing_fixed_income)) plan.listingFaults.push('missing_fixed_income');
      if (faultRandom.chance(missing_covid_affected)) plan.listingFaults.push('missing_covid_affected');
      const isMoved = faultRandom.chance(moved / 2);
      const isDuplicate = !isMoved && faultRandom.chance(duplicate_listing);
      if (isMoved) plan.listingFaults.push('moved_old_listing');
      const deceased = intakeWriter.writeListing(family, family.home, plan);
      if (isMoved || isDuplicate) {
        pending.add({
          dueAtFamily: familyIndex + faultRandom.between(1, 3000),
          family,
          listing: isMoved
            ? movedListing(family, builder, regions, faultRandom)
            : duplicateListing(family, builder, faultRandom),
          plan: {
            listingFaults: [isMoved ? 'moved_new_listing' : 'duplicate_listing'],
            kkFault: null,
            rowFaults: false,
            variationRate: isMoved ? 0.2 : 0.3,
            headAnomaly: null,
            deceased,
          },
        });
      }
      // The civil registry also lists deaths of people who never asked for help.
      for (let death = registryDeaths; death < intakeWriter.deathsWritten; death++) {
        const { person } = externalBuilder.lonePerson(deathsRandom.chance(0.5) ? 'L' : 'P', 40, 90);
        intakeWriter.writeExternalDeath(person, nextExternalFamilyId());
      }
      registryDeaths = intakeWriter.deathsWritten;
      ministry.considerFamily(family, overlapRate);
      const externalDue = Math.floor(((familyIndex + 1) * externalPersons) / families);
      for (; externalWritten < externalDue; externalWritten++) ministry.writeExternalPerson();
      if ((familyIndex + 1) % drainEvery === 0) await Promise.all(writers.map((writer) => writer.drain()));
      if (options.onProgress && (familyIndex + 1) % progressEvery === 0) options.onProgress(familyIndex + 1);
    }
    writePending(families, true);
    for (; externalWritten < externalPersons; externalWritten++) {
      ministry.writeExternalPerson();
      if (externalWritten % 4096 === 0) await Promise.all(writers.map((writer) => writer.drain()));
    }
  } catch (error) {
    // Close what was opened so a failed run leaves no open files behind.
    await Promise.allSettled(writers.map((writer) => writer.close()));
    throw error;
  }
  await Promise.all(writers.map((writer) => writer.close()));
  options.onProgress?.(families);

  const ministryLists = Object.fromEntries(
    ministryProgrammes.map((programme) => [programme, ministry.writers[programme].filePath]),
  );
  return {
    families,
    persons,
    files: {
      intake: intake.filePath,
      ministryLists,
      groundTruth: groundTruth.filePath,
      deaths: deaths.filePath,
      programmeFamilies: ministry.programmeFamilies.filePath,
      ...(locations ? { locations: locations.filePath } : {}),
    },
    faults: Object.fromEntries(
      [...intakeWriter.faultCounts.entries()].sort(([left], [right]) => left.localeCompare(right)),
    ),
    ministryFaults: Object.fromEntries(
      [...ministry.faultCounts.entries()].sort(([left], [right]) => left.localeCompare(right)),
    ),
    rows: {
      intake: intake.rows,
      ministry: Object.fromEntries(
        ministryProgrammes.map((programme) => [programme, ministry.writers[programme].rows]),
      ),
      deaths: deaths.rows,
      groundTruth: groundTruth.rows,
    },
    familiesInProgrammes: ministry.familiesInProgrammes,
  };
}

// A function of its own so the full national catalog (83k villages) can be collected once the pool is built.
async function loadRegionPool(seed: number, kelurahanCodes?: string[]): Promise<RegionPool> {
  return new RegionPool(await loadRegionCatalog(), seed, kelurahanCodes);
}

function checkRate(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new Error(`${name} must be between 0 and 1, got ${value}`);
  return value;
}

// Family-level faults: KK damaged on every row, or a family written with two heads or none.
function planFamily(
  family: Family,
  random: SeededRandom,
  kkFaultRates: [KkFault, number][],
  headAnomalyRate: number,
): ListingPlan {
  let kkFault: KkFault | null = null;
  let roll = random.next();
  for (const [fault, rate] of kkFaultRates) {
    if (roll < rate) {
      kkFault = fault;
      break;
    }
    roll -= rate;
  }
  let headAnomaly: HeadAnomaly | null = null;
  if (random.chance(headAnomalyRate))
    headAnomaly = family.members.length > 1 && random.chance(0.5) ? 'two_heads' : 'no_head';
  return { listingFaults: [], kkFault, rowFaults: true, variationRate: 0, headAnomaly, deceased: new Set() };
}

/** The same family listed by another RT of the same or a neighbouring kelurahan. */
function duplicateListing(family: Family, builder: FamilyBuilder, random: SeededRandom) {
  const home = family.home;
  const kelurahan =
    home.kelurahan.neighbours.length > 0 && random.chance(0.35)
      ? random.pick(home.kelurahan.neighbours)
      : home.kelurahan;
  const other = builder.listing(kelurahan, random);
  if (kelurahan === home.kelurahan && other.rw === home.rw && other.rt === home.rt)
    other.rt = (other.rt % kelurahan.rtCountsByRw[other.rw - 1]) + 1;
  return { ...other, address: random.chance(0.5) ? home.address : other.address, kkNumber: home.kkNumber };
}

/** The family's new home after moving: another kelurahan, often a new KK. */
function movedListing(family: Family, builder: FamilyBuilder, regions: RegionPool, random: SeededRandom) {
  let kelurahan = regions.pickKelurahan(random);
  for (
    let attempt = 0;
    attempt < 5 && kelurahan === family.home.kelurahan && regions.kelurahan.length > 1;
    attempt++
  ) {
    kelurahan = regions.pickKelurahan(random);
  }
  const listing = builder.listing(kelurahan, random, 1);
  return random.chance(0.5) ? listing : { ...listing, kkNumber: family.home.kkNumber };
}
