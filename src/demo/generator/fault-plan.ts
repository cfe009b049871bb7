import type { CivilDate } from './calendar.ts';
import type { NameFault, NameSubject } from './name-faults.ts';
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
import { dropDigit, excelScientific, swapAdjacentDigits, zeroSerial } from './number-faults.ts';
import type { SeededRandom } from './seeded-random.ts';
import { WeightedChoice } from './seeded-random.ts';

/** The cells of one output row that faults may damage, with the names of faults applied so far. */
export interface RowDraft {
  nik: string;
  kkNumber: string;
  name: string;
  birthDate: CivilDate | null;
  swapDayMonth: boolean;
  /** The birth date shown as Excel's serial number (32645) instead of a date. */
  birthDateAsSerial: boolean;
  birthPlace: string;
  maritalStatus: string;
  occupation: string;
  phone: string;
  faults: string[];
}

export interface FaultSubject extends NameSubject {
  /** The true NIK, empty when the person has none. */
  nik: string;
  /** An older KK number of the family, for ministry lists that were never updated. */
  outdatedKkNumber?: () => string;
}

type RowFault = (row: RowDraft, subject: FaultSubject, random: SeededRandom) => boolean;

function blank(row: RowDraft, cell: 'birthPlace' | 'maritalStatus' | 'occupation' | 'phone'): boolean {
  if (row[cell] === '') return false;
  row[cell] = '';
  return true;
}

function nameFault(fault: NameFault): RowFault {
  return (row, subject, random) => {
    if (row.name.length === 0) return false;
    const damaged = fault(row.name, random, subject);
    if (damaged === null || damaged === row.name) return false;
    row.name = damaged;
    return true;
  };
}

// NIK faults only damage an intact NIK (a zeroed serial still has 16 digits), so each damaged cell has one cause.
function nikFault(damage: (nik: string, random: SeededRandom) => string | null): RowFault {
  return (row, subject, random) => {
    if (row.nik.length !== 16 || row.nik !== subject.nik) return false;
    const damaged = damage(row.nik, random);
    if (damaged === null || damaged === row.nik) return false;
    row.nik = damaged;
    return true;
  };
}

/** Every row-level fault: spelling, names, NIK, birth date, and a death the registry did not hear about. */
export const rowFaults = {
  spelling_reform: nameFault(spellingReform),
  muhammad_variant: nameFault(muhammadVariant),
  title_added: nameFault(titleAdded),
  bin_binti: nameFault(binBinti),
  nur_variant: nameFault(nurVariant),
  name_join_split: nameFault(nameJoinSplit),
  typo_adjacent_key: nameFault(typoAdjacentKey),
  typo_deletion: nameFault(typoDeletion),
  typo_transposition: nameFault(typoTransposition),
  missing_name: (row) => {
    if (row.name.length === 0) return false;
    row.name = '';
    return true;
  },
  nik_digit_swap: nikFault(swapAdjacentDigits),
  nik_scientific: nikFault(excelScientific),
  nik_lost_digit: nikFault(dropDigit),
  nik_zeroed_serial: nikFault(zeroSerial),
  missing_nik: (row, subject) => {
    if (row.nik.length !== 16 || row.nik !== subject.nik) return false;
    row.nik = '';
    return true;
  },
  // Excel only swaps day and month when both could be a month; other dates stay text.
  birth_date_day_month_swap: (row) => {
    const date = row.birthDate;
    if (!date || row.swapDayMonth || date.day > 12 || date.day === date.month) return false;
    row.swapDayMonth = true;
    return true;
  },
  missing_birth_date: (row) => {
    if (!row.birthDate) return false;
    row.birthDate = null;
    return true;
  },
  // A date column formatted as a number in Excel shows serials: 17/05/1990 becomes 32645.
  birth_date_excel_serial: (row) => {
    if (!row.birthDate || row.birthDateAsSerial) return false;
    row.birthDateAsSerial = true;
    return true;
  },
  missing_birth_place: (row) => blank(row, 'birthPlace'),
  missing_marital_status: (row) => blank(row, 'maritalStatus'),
  missing_occupation: (row) => blank(row, 'occupation'),
  missing_phone: (row) => blank(row, 'phone'),
  // A phone column typed as a number loses its leading zero: 081234567890 becomes 81234567890.
  phone_lost_zero: (row) => {
    if (!row.phone.startsWith('0')) return false;
    row.phone = row.phone.slice(1);
    return true;
  },
  // Deaths are mostly among older people and need a NIK to appear in the civil registry's list.
  deceased: (_row, subject, random) => subject.nik.length === 16 && (subject.age >= 35 || random.chance(0.1)),
  kk_outdated: (row, subject) => {
    if (!subject.outdatedKkNumber) return false;
    row.kkNumber = subject.outdatedKkNumber();
    return true;
  },
} satisfies Record<string, RowFault>;

export type RowFaultName = keyof typeof rowFaults;

/** Family-level faults of the intake: KK damage on every row, facts left empty, and the family listed twice. */
export type FamilyFaultName =
  | 'kk_scientific'
  | 'kk_lost_digit'
  | 'kk_zeroed_serial'
  | 'missing_fixed_income'
  | 'missing_covid_affected'
  | 'duplicate_listing'
  | 'moved';

export type IntakeFaultName = Exclude<RowFaultName, 'kk_outdated'> | FamilyFaultName;

/** Faults that only a name with Muhammad or Nur can take, applied to a share of such names rather than drawn. */
export type NameFormFaultName = 'muhammad_variant' | 'nur_variant';

/** The faults drawn by weight for a row: every row fault but the name forms. */
export type DrawnFaultName = Exclude<IntakeFaultName, NameFormFaultName>;

/**
 * Default share of intake rows carrying each drawn fault, scaled to what `faultRate` leaves after the name forms.
 * 'moved' marks both the old and the new listing; 'duplicate_listing' marks the repeated listing.
 */
export const defaultIntakeFaultRates: Record<DrawnFaultName, number> = {
  spelling_reform: 0.007,
  title_added: 0.003,
  bin_binti: 0.003,
  name_join_split: 0.002,
  typo_adjacent_key: 0.005,
  typo_deletion: 0.004,
  typo_transposition: 0.004,
  missing_name: 0.002,
  nik_digit_swap: 0.004,
  nik_scientific: 0.004,
  nik_lost_digit: 0.003,
  nik_zeroed_serial: 0.003,
  missing_nik: 0.003,
  birth_date_day_month_swap: 0.004,
  missing_birth_date: 0.002,
  birth_date_excel_serial: 0.002,
  missing_birth_place: 0.003,
  missing_marital_status: 0.002,
  missing_occupation: 0.003,
  missing_phone: 0.001,
  phone_lost_zero: 0.002,
  deceased: 0.003,
  kk_scientific: 0.003,
  kk_lost_digit: 0.002,
  kk_zeroed_serial: 0.002,
  // Rare: the eligibility rule keeps a family whose facts are unknown pending.
  missing_fixed_income: 0.001,
  missing_covid_affected: 0.0005,
  duplicate_listing: 0.008,
  moved: 0.003,
};

/** Ministry lists are cleaner: default shares of ministry rows, scaled to what `ministryFaultRate` leaves. */
export const defaultMinistryFaultRates: Partial<Record<Exclude<RowFaultName, NameFormFaultName>, number>> = {
  spelling_reform: 0.006,
  title_added: 0.002,
  bin_binti: 0.002,
  name_join_split: 0.002,
  typo_adjacent_key: 0.004,
  typo_deletion: 0.002,
  typo_transposition: 0.002,
  nik_digit_swap: 0.003,
  birth_date_day_month_swap: 0.002,
  kk_outdated: 0.001,
};

/**
 * Share of the names able to take a name-form fault that are written in another form, at the default fault
 * rates. Muhammad is written Moh., Muh., M., Mochammad … in roughly a fifth to two fifths of listings across
 * sources; RT heads type names their own way, ministry systems copy the KK more often.
 */
export const defaultIntakeNameFormRates: Record<NameFormFaultName, number> = {
  muhammad_variant: 0.3,
  nur_variant: 0.15,
};
export const defaultMinistryNameFormRates: Record<NameFormFaultName, number> = {
  muhammad_variant: 0.15,
  nur_variant: 0.08,
};
export const defaultIntakeFaultRate = 0.08;
export const defaultMinistryFaultRate = 0.03;

/**
 * Share of all faulted rows that name forms account for at the default rates (measured over 200k families:
 * names with Muhammad or Nur are about 6% of rows), so the drawn faults take the rest and `faultRate` stays the total.
 */
export const nameFormShareOfFaults = { intake: 0.18, ministry: 0.15 };

const maximumNameFormRate = 0.9;

/** Name-form rates scaled with the fault rate (capped below 1), then explicit overrides. */
export function resolveNameFormRates(
  defaults: Record<NameFormFaultName, number>,
  scale: number,
  overrides: Partial<Record<string, number>> = {},
): Record<NameFormFaultName, number> {
  const resolved = { ...defaults };
  for (const name of Object.keys(defaults) as NameFormFaultName[]) {
    const override = overrides[name];
    resolved[name] =
      override === undefined
        ? Math.min(maximumNameFormRate, defaults[name] * scale)
        : Math.min(1, Math.max(0, override));
  }
  return resolved;
}

const nameFormPattern =
  /\b(?:MUHAMMAD|MUHAMAD|MOHAMMAD|MOHAMAD|MOCHAMMAD|MOCHAMAD|MOEHAMMAD)\b|\bNUR(?:UL)? /;

/** Muhammad and Nur/Nurul written in another form, on a share of the names that have them. */
export class NameFormVariation {
  private readonly forms: [NameFormFaultName, number][];

  constructor(rates: Record<NameFormFaultName, number>) {
    this.forms = (Object.entries(rates) as [NameFormFaultName, number][]).filter(([, rate]) => rate > 0);
  }

  /** Whether the name has a form to vary; every Muhammad form has HAM in it, so most names skip the pattern. */
  applies(name: string): boolean {
    return (
      this.forms.length > 0 && (name.includes('HAM') || name.includes('NUR')) && nameFormPattern.test(name)
    );
  }

  /** Varies each form of the row's name with its rate; returns whether any was applied. */
  apply(row: RowDraft, subject: FaultSubject, random: SeededRandom): boolean {
    let applied = false;
    for (const [name, rate] of this.forms) {
      if (row.faults.includes(name) || !random.chance(rate)) continue;
      if (rowFaults[name](row, subject, random)) {
        row.faults.push(name);
        applied = true;
      }
    }
    return applied;
  }
}

// Light variations between two listings of one family by different RT heads.
const listingVariations: RowFaultName[] = [
  'typo_adjacent_key',
  'typo_deletion',
  'typo_transposition',
  'spelling_reform',
  'muhammad_variant',
  'title_added',
  'name_join_split',
  'birth_date_day_month_swap',
];

/** Scales default rates so they sum to `total`, then applies explicit overrides. */
export function resolveRates<Name extends string>(
  defaults: Partial<Record<Name, number>>,
  total: number,
  overrides: Partial<Record<Name, number>> = {},
): Record<Name, number> {
  const defaultSum = Object.values<number | undefined>(defaults).reduce<number>(
    (sum, rate) => sum + (rate ?? 0),
    0,
  );
  const scale = defaultSum > 0 ? total / defaultSum : 0;
  const resolved = {} as Record<Name, number>;
  for (const name of Object.keys(defaults) as Name[]) resolved[name] = (defaults[name] ?? 0) * scale;
  for (const name of Object.keys(overrides) as Name[]) resolved[name] = Math.max(0, overrides[name] ?? 0);
  return resolved;
}

/** Picks row faults by rate; an inapplicable pick is re-drawn so the share of faulted rows holds. */
export class RowFaultSelector {
  private readonly total: number;
  private readonly choice: WeightedChoice<RowFaultName> | null;

  constructor(rates: Partial<Record<RowFaultName, number>>) {
    const entries = (Object.entries(rates) as [RowFaultName, number][]).filter(([, rate]) => rate > 0);
    this.total = entries.reduce((sum, [, rate]) => sum + rate, 0);
    this.choice = entries.length > 0 ? new WeightedChoice(entries) : null;
  }

  get rate(): number {
    return this.total;
  }

  /** Whether this row is to be damaged: one draw, so clean rows cost nothing more. */
  rollsFault(random: SeededRandom): boolean {
    return this.choice !== null && random.next() < this.total;
  }

  /** Maybe damages the row; returns whether any fault was applied. */
  maybeApply(row: RowDraft, subject: FaultSubject, random: SeededRandom): boolean {
    return this.rollsFault(random) && this.apply(row, subject, random);
  }

  /** Damages a row chosen by `rollsFault`. */
  apply(row: RowDraft, subject: FaultSubject, random: SeededRandom): boolean {
    if (!this.applyOne(row, subject, random)) return false;
    // Some rows are damaged twice (a typo in a name whose NIK also went through Excel).
    if (random.chance(0.12)) this.applyOne(row, subject, random);
    return true;
  }

  private applyOne(row: RowDraft, subject: FaultSubject, random: SeededRandom): boolean {
    for (let attempt = 0; attempt < 8; attempt++) {
      const name = this.choice!.pick(random);
      if (row.faults.includes(name)) continue;
      if (rowFaults[name](row, subject, random)) {
        row.faults.push(name);
        return true;
      }
    }
    for (const fallback of ['typo_adjacent_key', 'typo_deletion', 'missing_birth_date'] as const) {
      if (!row.faults.includes(fallback) && rowFaults[fallback](row, subject, random)) {
        row.faults.push(fallback);
        return true;
      }
    }
    return false;
  }
}

/** A light difference between two listings of the same family, applied to some of the repeated rows. */
export function applyListingVariation(row: RowDraft, subject: FaultSubject, random: SeededRandom): void {
  for (let attempt = 0; attempt < 4; attempt++) {
    const name = random.pick(listingVariations);
    if (!row.faults.includes(name) && rowFaults[name](row, subject, random)) {
      row.faults.push(name);
      return;
    }
  }
}
