// NIK and KK number structure: pure parsing and encoding, no region directory lookups.

export type Sex = 'L' | 'P';

export type NikProblemCode =
  | 'nik_not_16_digits'
  | 'nik_non_digit'
  | 'nik_invalid_province'
  | 'nik_invalid_region'
  | 'nik_invalid_birth_date'
  | 'nik_serial_zero';

export interface ParsedNik {
  ok: true;
  nik: string;
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  birthDate: string;
  sex: Sex;
  serial: string;
}

export type NikParseResult = ParsedNik | { ok: false; code: NikProblemCode; detail?: string };

export type KkProblemCode = 'kk_not_16_digits' | 'kk_non_digit' | 'kk_invalid_province';

export type KkWarningCode = 'kk_unusual_issue_date' | 'kk_serial_zero';

export interface ParsedKkNumber {
  ok: true;
  kkNumber: string;
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  /** Null when the DDMMYY part is not a possible past date. */
  issueDate: string | null;
  serial: string;
  warnings: KkWarningCode[];
}

export type KkParseResult = ParsedKkNumber | { ok: false; code: KkProblemCode; detail?: string };

// Kemendagri province codes, including the 2022 Papua splits (93-96).
const PROVINCE_CODES = new Set(
  '11 12 13 14 15 16 17 18 19 21 31 32 33 34 35 36 51 52 53 61 62 63 64 65 71 72 73 74 75 76 81 82 91 92 93 94 95 96'.split(
    ' ',
  ),
);

const WOMAN_DAY_OFFSET = 40;
const MAXIMUM_AGE_YEARS = 119;

export function isKnownProvinceCode(code: string): boolean {
  return PROVINCE_CODES.has(code);
}

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

// A million-row import writes the same few tens of thousands of dates again and again: their text is kept, by
// year, then month and day.
const isoDateTexts: (string | undefined)[][] = [];

export function formatIsoDate(year: number, month: number, day: number): string {
  const cacheable =
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 0 &&
    year <= 9999 &&
    month >= 0 &&
    month <= 12 &&
    day >= 0 &&
    day <= 31;
  if (!cacheable) return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  let texts = isoDateTexts[year];
  if (texts === undefined) {
    texts = new Array<string | undefined>(13 * 32).fill(undefined);
    isoDateTexts[year] = texts;
  }
  const key = month * 32 + day;
  let text = texts[key];
  if (text === undefined) {
    text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
    texts[key] = text;
  }
  return text;
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** The reference day is the UTC calendar date of the given instant (pass e.g. new Date('2024-06-01')). */
export function calendarDateOf(instant: Date): CalendarDate {
  return { year: instant.getUTCFullYear(), month: instant.getUTCMonth() + 1, day: instant.getUTCDate() };
}

// Every row of an import is checked against the same reference date: its calendar date is read once.
let lastReference: { time: number; date: Readonly<CalendarDate> } | undefined;

/** calendarDateOf for the reference date of many rows; the result is shared and must not be changed. */
export function referenceCalendarDate(instant: Date): Readonly<CalendarDate> {
  const time = instant.getTime();
  if (lastReference?.time !== time) lastReference = { time, date: calendarDateOf(instant) };
  return lastReference.date;
}

export function parseIsoDate(value: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isValidCalendarDate(date.year, date.month, date.day) ? date : null;
}

export function compareCalendarDates(left: CalendarDate, right: CalendarDate): number {
  return left.year - right.year || left.month - right.month || left.day - right.day;
}

/** Completed years between birth and reference; someone born on 29 Feb ages on 1 Mar in other years. */
export function ageInYears(birth: CalendarDate, reference: CalendarDate): number {
  const hadBirthdayThisYear =
    reference.month > birth.month || (reference.month === birth.month && reference.day >= birth.day);
  return reference.year - birth.year - (hadBirthdayThisYear ? 0 : 1);
}

/** Picks the most recent century that makes DDMMYY a real date not after the reference. */
function resolveTwoDigitYear(
  day: number,
  month: number,
  twoDigitYear: number,
  reference: CalendarDate,
): CalendarDate | null {
  for (let century = Math.floor(reference.year / 100); century >= 0; century--) {
    const candidate = { year: century * 100 + twoDigitYear, month, day };
    if (compareCalendarDates(candidate, reference) > 0) continue;
    if (ageInYears(candidate, reference) > MAXIMUM_AGE_YEARS) return null;
    if (isValidCalendarDate(candidate.year, month, day)) return candidate;
  }
  return null;
}

/** '317401' -> '31.74.01', '3174011001' -> '31.74.01.1001'; null for other shapes. */
export function toDottedRegionCode(compact: string): string | null {
  if (!/^\d+$/.test(compact)) return null;
  if (compact.length === 2) return compact;
  if (compact.length === 4) return `${compact.slice(0, 2)}.${compact.slice(2)}`;
  if (compact.length === 6) return `${compact.slice(0, 2)}.${compact.slice(2, 4)}.${compact.slice(4)}`;
  if (compact.length === 10) {
    return `${compact.slice(0, 2)}.${compact.slice(2, 4)}.${compact.slice(4, 6)}.${compact.slice(6)}`;
  }
  return null;
}

/** '31.74.01' -> '317401'. */
export function toCompactRegionCode(dotted: string): string {
  return dotted.replaceAll('.', '');
}

/** Accepts either form and returns the dotted code, or null when the shape is not a region code. */
export function normaliseRegionCode(value: string): string | null {
  const trimmed = value.trim();
  if (/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/.test(trimmed)) return trimmed;
  return toDottedRegionCode(trimmed);
}

interface RegionPrefix {
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
}

// Few thousand districts issue the NIKs of a file: their codes are made once, and being the same strings each
// time, the region directory's lookups need not hash them again.
const REGION_PREFIX_CACHE_LIMIT = 100_000;
const regionPrefixes = new Map<number, RegionPrefix>();

/** The value of text[start, end) read as a decimal number; for digits only (no slice, no pattern). */
export function digitsValue(digits: string, start: number, end: number): number {
  let value = 0;
  for (let index = start; index < end; index++) value = value * 10 + digits.charCodeAt(index) - 48;
  return value;
}

/** Whether text holds only the digits 0-9 (true when empty). */
export function isDigits(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** Region codes of the first six digits of a NIK or KK number (digits only). */
function regionPrefixOf(digits: string): RegionPrefix {
  const key = digitsValue(digits, 0, 6);
  let prefix = regionPrefixes.get(key);
  if (prefix === undefined) {
    prefix = {
      provinceCode: digits.slice(0, 2),
      regencyCode: `${digits.slice(0, 2)}.${digits.slice(2, 4)}`,
      districtCode: `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}`,
    };
    if (regionPrefixes.size < REGION_PREFIX_CACHE_LIMIT) regionPrefixes.set(key, prefix);
  }
  return prefix;
}

export function parseNik(value: string, referenceDate: Date): NikParseResult {
  const digits = value.trim();
  if (!isDigits(digits)) return { ok: false, code: 'nik_non_digit' };
  if (digits.length !== 16) return { ok: false, code: 'nik_not_16_digits', detail: String(digits.length) };
  const region = regionPrefixOf(digits);
  if (!PROVINCE_CODES.has(region.provinceCode)) {
    return { ok: false, code: 'nik_invalid_province', detail: region.provinceCode };
  }
  if (digitsValue(digits, 2, 4) === 0 || digitsValue(digits, 4, 6) === 0) {
    return { ok: false, code: 'nik_invalid_region', detail: region.districtCode };
  }
  const encodedDay = digitsValue(digits, 6, 8);
  const month = digitsValue(digits, 8, 10);
  const twoDigitYear = digitsValue(digits, 10, 12);
  const sex: Sex = encodedDay > WOMAN_DAY_OFFSET ? 'P' : 'L';
  const day = sex === 'P' ? encodedDay - WOMAN_DAY_OFFSET : encodedDay;
  const birth =
    day >= 1 && day <= 31
      ? resolveTwoDigitYear(day, month, twoDigitYear, referenceCalendarDate(referenceDate))
      : null;
  if (!birth) return { ok: false, code: 'nik_invalid_birth_date', detail: digits.slice(6, 12) };
  if (digitsValue(digits, 12, 16) === 0) return { ok: false, code: 'nik_serial_zero' };
  return {
    ok: true,
    nik: digits,
    provinceCode: region.provinceCode,
    regencyCode: region.regencyCode,
    districtCode: region.districtCode,
    birthDate: formatIsoDate(birth.year, birth.month, birth.day),
    sex,
    serial: digits.slice(12),
  };
}

export interface NikParts {
  districtCode: string;
  birthDate: string;
  sex: Sex;
  serial: number;
}

/** Builds a NIK from its parts; throws RangeError on impossible parts (it is for generators and tests). */
export function encodeNik(parts: NikParts): string {
  const district = normaliseRegionCode(parts.districtCode);
  if (district?.length !== 8) throw new RangeError(`Not a district code: ${parts.districtCode}`);
  const birth = parseIsoDate(parts.birthDate);
  if (!birth) throw new RangeError(`Not a YYYY-MM-DD date: ${parts.birthDate}`);
  if (!Number.isInteger(parts.serial) || parts.serial < 1 || parts.serial > 9999) {
    throw new RangeError(`NIK serial must be 1..9999: ${parts.serial}`);
  }
  const encodedDay = parts.sex === 'P' ? birth.day + WOMAN_DAY_OFFSET : birth.day;
  return `${toCompactRegionCode(district)}${pad(encodedDay, 2)}${pad(birth.month, 2)}${pad(birth.year % 100, 2)}${pad(parts.serial, 4)}`;
}

export function parseKkNumber(value: string, referenceDate: Date): KkParseResult {
  const digits = value.trim();
  if (!isDigits(digits)) return { ok: false, code: 'kk_non_digit' };
  if (digits.length !== 16) return { ok: false, code: 'kk_not_16_digits', detail: String(digits.length) };
  const region = regionPrefixOf(digits);
  if (!PROVINCE_CODES.has(region.provinceCode)) {
    return { ok: false, code: 'kk_invalid_province', detail: region.provinceCode };
  }
  const warnings: KkWarningCode[] = [];
  // Issue dates are read leniently: old and hand-typed KKs carry odd dates but remain real cards.
  const day = digitsValue(digits, 6, 8);
  const month = digitsValue(digits, 8, 10);
  const twoDigitYear = digitsValue(digits, 10, 12);
  const issue =
    day >= 1 && day <= 31
      ? resolveTwoDigitYear(day, month, twoDigitYear, referenceCalendarDate(referenceDate))
      : null;
  if (!issue) warnings.push('kk_unusual_issue_date');
  const serial = digits.slice(12);
  if (serial === '0000') warnings.push('kk_serial_zero');
  return {
    ok: true,
    kkNumber: digits,
    provinceCode: region.provinceCode,
    regencyCode: region.regencyCode,
    districtCode: region.districtCode,
    issueDate: issue ? formatIsoDate(issue.year, issue.month, issue.day) : null,
    serial,
    warnings,
  };
}
