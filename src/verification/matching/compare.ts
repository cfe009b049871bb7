// Field comparators: each turns two prepared values into an agreement level, the alphabet of the match model.
import { jaroWinklerSimilarity } from './jaro-winkler.ts';
import type { NormalisedName } from './normalise-name.ts';
import type { BirthDate, PreparedRecord } from './person-record.ts';

export const nameLevels = [
  'exact',
  'jaro_winkler_094',
  'jaro_winkler_085',
  'token_overlap',
  'disagree',
  'missing',
] as const;
export const nikLevels = [
  'exact',
  'transposition',
  'one_edit',
  'same_region_birth',
  'disagree',
  'missing',
] as const;
export const birthDateLevels = [
  'exact',
  'day_month_swapped',
  'one_component',
  'same_year',
  'disagree',
  'missing',
] as const;
export const sexLevels = ['agree', 'disagree', 'missing'] as const;
export const regionLevels = ['kelurahan', 'kecamatan', 'kota', 'disagree', 'missing'] as const;
export const kkNumberLevels = ['exact', 'one_edit', 'same_prefix', 'disagree', 'missing'] as const;

export type NameLevel = (typeof nameLevels)[number];
export type NikLevel = (typeof nikLevels)[number];
export type BirthDateLevel = (typeof birthDateLevels)[number];
export type SexLevel = (typeof sexLevels)[number];
export type RegionLevel = (typeof regionLevels)[number];
export type KkNumberLevel = (typeof kkNumberLevels)[number];

/** Every compared field with its levels, strongest agreement first; 'missing' always last and neutral. */
export const fieldLevels = {
  name: nameLevels,
  nik: nikLevels,
  birthDate: birthDateLevels,
  sex: sexLevels,
  region: regionLevels,
  kkNumber: kkNumberLevels,
} as const;

export type FieldName = keyof typeof fieldLevels;
export const fieldNames = Object.keys(fieldLevels) as FieldName[];

export interface ComparisonVector {
  name: NameLevel;
  nik: NikLevel;
  birthDate: BirthDateLevel;
  sex: SexLevel;
  region: RegionLevel;
  kkNumber: KkNumberLevel;
}

export const MISSING = 'missing';

const highSimilarity = 0.94;
const mediumSimilarity = 0.85;

export function compareNames(left: NormalisedName, right: NormalisedName): NameLevel {
  if (left.concatenated.length === 0 || right.concatenated.length === 0) return 'missing';
  if (left.canonical === right.canonical || left.concatenated === right.concatenated) return 'exact';
  const similarity = Math.max(
    jaroWinklerSimilarity(left.canonical, right.canonical),
    jaroWinklerSimilarity(left.concatenated, right.concatenated),
  );
  if (similarity >= highSimilarity) return 'jaro_winkler_094';
  if (similarity >= mediumSimilarity) return 'jaro_winkler_085';
  return sharedTokens(left, right).length > 0 ? 'token_overlap' : 'disagree';
}

/** Core tokens present in both names (initials left out: a shared "A" says nothing). */
export function sharedTokens(left: NormalisedName, right: NormalisedName): string[] {
  return left.givenTokens.filter((token) => token.length > 1 && right.givenTokens.includes(token));
}

export type DigitsAgreement =
  | 'exact'
  | 'transposition'
  | 'substitution'
  | 'lost_digit'
  | 'same_prefix'
  | 'disagree'
  | 'missing';

const serialStart = 12;
const zeroedSerial = '0000';

/**
 * NIK and KK numbers: the ways one keyed number differs from another. The first 12 digits are region and date;
 * a differing serial is 'same_prefix', since people born (or KKs issued) the same day in one kecamatan differ
 * only there; only a swap of two serial digits stays a typo.
 */
export function compareIdentityDigits(left: string | null, right: string | null): DigitsAgreement {
  if (left === null || right === null) return 'missing';
  if (left === right) return 'exact';
  // Millions of pairs per run: compared in place, no substrings.
  if (left.length === right.length) {
    const first = firstDifference(left, right);
    if (
      first + 1 < left.length &&
      left.charCodeAt(first) === right.charCodeAt(first + 1) &&
      left.charCodeAt(first + 1) === right.charCodeAt(first) &&
      sameFrom(left, first + 2, right, first + 2)
    )
      return 'transposition';
    if (left.length === 16 && first >= serialStart) return 'same_prefix';
    if (sameFrom(left, first + 1, right, first + 1)) return 'substitution';
  } else if (Math.abs(left.length - right.length) === 1) {
    const [longer, shorter] = left.length > right.length ? [left, right] : [right, left];
    const first = firstDifference(shorter, longer);
    if (sameFrom(longer, first + 1, shorter, first)) return 'lost_digit';
  }
  return 'disagree';
}

/** Whether `left` from `leftStart` and `right` from `rightStart` are the same to their ends. */
function sameFrom(left: string, leftStart: number, right: string, rightStart: number): boolean {
  if (left.length - leftStart !== right.length - rightStart) return false;
  for (let index = leftStart, other = rightStart; index < left.length; index++, other++)
    if (left.charCodeAt(index) !== right.charCodeAt(other)) return false;
  return true;
}

/** Whether one of two numbers lost its serial to Excel's precision (…0000). */
function serialZeroed(left: string, right: string): boolean {
  return left.endsWith(zeroedSerial) || right.endsWith(zeroedSerial);
}

function firstDifference(left: string, right: string): number {
  let index = 0;
  while (index < left.length && left.charCodeAt(index) === right.charCodeAt(index)) index++;
  return index;
}

const regionDigits = 6;

/**
 * A differing serial is 'disagree' (a typo there cannot be told apart); only a zeroed one is same region+birth.
 * Nor is one other digit in the region part a typo: people born the same day in neighbouring kecamatans
 * (31.74.01 and 31.74.03) have NIKs one digit apart, and the birth date already counts as its own field.
 */
export function compareNiks(left: string | null, right: string | null): NikLevel {
  const agreement = compareIdentityDigits(left, right);
  if (agreement === 'same_prefix') return serialZeroed(left!, right!) ? 'same_region_birth' : 'disagree';
  if (agreement === 'substitution')
    return firstDifference(left!, right!) < regionDigits ? 'disagree' : 'one_edit';
  if (agreement === 'lost_digit') return 'one_edit';
  return agreement;
}

export function compareKkNumbers(left: string | null, right: string | null): KkNumberLevel {
  const agreement = compareIdentityDigits(left, right);
  if (agreement === 'substitution' || agreement === 'lost_digit' || agreement === 'transposition')
    return 'one_edit';
  if (agreement === 'same_prefix') return serialZeroed(left!, right!) ? 'same_prefix' : 'disagree';
  return agreement;
}

export function compareBirthDates(left: BirthDate | null, right: BirthDate | null): BirthDateLevel {
  if (left === null || right === null) return 'missing';
  const sameYear = left.year === right.year;
  const sameMonth = left.month === right.month;
  const sameDay = left.day === right.day;
  if (sameYear && sameMonth && sameDay) return 'exact';
  // Excel reading DD/MM as MM/DD.
  if (sameYear && left.day === right.month && left.month === right.day) return 'day_month_swapped';
  if (Number(sameYear) + Number(sameMonth) + Number(sameDay) === 2) return 'one_component';
  return sameYear ? 'same_year' : 'disagree';
}

export function compareSexes(left: 'L' | 'P' | null, right: 'L' | 'P' | null): SexLevel {
  if (left === null || right === null) return 'missing';
  return left === right ? 'agree' : 'disagree';
}

/** Compares at the finest level both codes have: a kecamatan-only ministry code can still agree on kecamatan. */
export function compareRegions(left: string[] | null, right: string[] | null): RegionLevel {
  if (left === null || right === null || left.length < 2 || right.length < 2) return 'missing';
  if (left[0] !== right[0] || left[1] !== right[1]) return 'disagree';
  if (left.length < 3 || right.length < 3 || left[2] !== right[2]) return 'kota';
  if (left.length < 4 || right.length < 4) return 'kecamatan';
  return left[3] === right[3] ? 'kelurahan' : 'kecamatan';
}

export function compareRecords(left: PreparedRecord, right: PreparedRecord): ComparisonVector {
  const vector = compareRecordsButName(left, right);
  vector.name = compareNames(left.name, right.name);
  return vector;
}

/**
 * Every field but the name (left 'missing'): the name is the costly one, and the other fields alone can
 * show that a pair stays below review whatever its names.
 */
export function compareRecordsButName(left: PreparedRecord, right: PreparedRecord): ComparisonVector {
  const birthDate = compareBirthDates(left.birthDate, right.birthDate);
  const nik = compareNiks(left.nik, right.nik);
  return {
    name: 'missing',
    // A zeroed serial leaves region and birth date, and the birth date already counts once: when it agrees,
    // such a NIK says no more than "same kecamatan".
    nik: nik === 'same_region_birth' && birthDate === 'exact' ? 'missing' : nik,
    birthDate,
    sex: compareSexes(left.record.sex, right.record.sex),
    region: compareRegions(left.regionParts, right.regionParts),
    kkNumber: compareKkNumbers(left.kkNumber, right.kkNumber),
  };
}
