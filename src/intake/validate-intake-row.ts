// Checks one intake row field by field and against itself (NIK vs birth date and sex), producing a normalised record.
import {
  ageInYears,
  type CalendarDate,
  compareCalendarDates,
  digitsValue,
  isDigits,
  type KkParseResult,
  type KkProblemCode,
  type NikProblemCode,
  normaliseRegionCode,
  type ParsedNik,
  parseKkNumber,
  parseNik,
  referenceCalendarDate,
} from '../registry/nik.ts';
import { cleanIdentityNumber } from './identity-number.ts';
import type { MaritalStatus, Relationship } from './intake-codes.ts';
import { parseIntakeDate } from './intake-date.ts';
import { INTAKE_FIELDS, type IntakeField } from './intake-fields.ts';
import type { IntakeProblemCode } from './problem-messages.ts';
import type { ProblemSeverity, RowProblem } from './row-problem.ts';

export type { MaritalStatus, Relationship } from './intake-codes.ts';

/** Region lookups the row check needs; codes are dotted ('31.74.01', '31.74.01.1001'). */
export interface RegionDirectory {
  hasVillage(code: string): boolean;
  hasDistrict(code: string): boolean;
  hasProvince(code: string): boolean;
  retiredDistrict(code: string): { successorCodes: string[]; name: string } | undefined;
}

export interface IntakeRecord {
  kkNumber: string | null;
  nik: string | null;
  nikAbsenceReason: string | null;
  fullName: string | null;
  sex: 'L' | 'P' | null;
  birthPlace: string | null;
  /** YYYY-MM-DD. */
  birthDate: string | null;
  relationship: Relationship | null;
  maritalStatus: MaritalStatus | null;
  occupation: string | null;
  address: string | null;
  /** Three digits, zero-padded: '001'. */
  rt: string | null;
  rw: string | null;
  /** Dotted: '31.74.01.1001'. */
  kelurahanCode: string | null;
  /** Digits starting 08. */
  phone: string | null;
  fixedIncome: boolean | null;
  covidAffected: boolean | null;
  ref: string | null;
}

export interface IntakeRowContext {
  regions: RegionDirectory;
  referenceDate: Date;
}

export interface ValidatedIntakeRow {
  /** A field is null when empty or unreadable; a readable value that fails a check is kept, with its problem. */
  record: IntakeRecord;
  problems: RowProblem[];
}

export const MAXIMUM_VALUE_LENGTH = 500;
const MAXIMUM_AGE_YEARS = 120;
const SHOWN_VALUE_LIMIT = 60;

const REQUIRED_VALUES: ReadonlySet<IntakeField> = new Set([
  'kkNumber',
  'fullName',
  'sex',
  'birthDate',
  'relationship',
  'address',
  'rt',
  'rw',
  'kelurahanCode',
]);

// Dukcapil's SHDK numbering (1 = KEPALA KELUARGA ... 11 = LAINNYA) matches this order, so those numbers are accepted too.
const RELATIONSHIP_WORDS: Record<Relationship, string[]> = {
  head: ['kepala keluarga', 'kk', 'kepala', 'head', 'head of family', 'head of household', '1'],
  husband: ['suami', 'husband', '2'],
  wife: ['istri', 'isteri', 'wife', '3'],
  child: ['anak', 'anak kandung', 'anak tiri', 'anak angkat', 'child', 'son', 'daughter', '4'],
  child_in_law: ['menantu', 'child in law', 'son in law', 'daughter in law', '5'],
  grandchild: ['cucu', 'grandchild', 'grandson', 'granddaughter', '6'],
  parent: ['orang tua', 'orangtua', 'ayah', 'ibu', 'parent', 'father', 'mother', '7'],
  parent_in_law: ['mertua', 'parent in law', 'father in law', 'mother in law', '8'],
  other_relative: ['famili lain', 'famili', 'keluarga lain', 'other relative', 'relative', '9'],
  household_help: ['pembantu', 'pembantu rumah tangga', 'household help', 'domestic worker', '10'],
  other: ['lainnya', 'lain lain', 'other', '11'],
};

// Dukcapil's newer cards add TERCATAT / BELUM TERCATAT to the four statuses.
const MARITAL_WORDS: Record<MaritalStatus, string[]> = {
  single: ['belum kawin', 'belum menikah', 'lajang', 'single', 'unmarried', 'never married'],
  married: ['kawin', 'menikah', 'kawin tercatat', 'kawin belum tercatat', 'kawin tidak tercatat', 'married'],
  divorced: ['cerai hidup', 'cerai', 'cerai hidup tercatat', 'cerai hidup belum tercatat', 'divorced'],
  widowed: ['cerai mati', 'cerai mati tercatat', 'cerai mati belum tercatat', 'widowed', 'widow', 'widower'],
};

const SEX_WORDS: Record<'L' | 'P', string[]> = {
  L: ['l', 'lk', 'laki laki', 'laki', 'pria', 'm', 'male', 'man'],
  P: ['p', 'pr', 'perempuan', 'wanita', 'f', 'female', 'woman'],
};

const FLAG_WORDS: Record<'yes' | 'no', string[]> = {
  yes: ['y', 'ya', 'yes', '1', 'true'],
  no: ['t', 'tidak', 'tdk', 'n', 'no', '0', 'false'],
};

function wordLookup<Code extends string>(words: Record<Code, string[]>): Map<string, Code> {
  return new Map(
    (Object.entries(words) as [Code, string[]][]).flatMap(([code, list]) =>
      list.map((word) => [word, code] as const),
    ),
  );
}

const RELATIONSHIP_BY_WORD = wordLookup(RELATIONSHIP_WORDS);
const MARITAL_BY_WORD = wordLookup(MARITAL_WORDS);
const SEX_BY_WORD = wordLookup(SEX_WORDS);
const FLAG_BY_WORD = wordLookup(FLAG_WORDS);

/** 'Kepala-Keluarga', 'ANAK_KANDUNG ', 'Kawin.' all reduce to lower-case words joined by single spaces. */
// Coded columns (sex, relationship, Y/T) repeat a handful of spellings: remember their keys.
const lookupKeys = new Map<string, string>();

function lookupKey(text: string): string {
  let key = lookupKeys.get(text);
  if (key === undefined) {
    key = text
      .toLowerCase()
      .replace(/[\s\-_.]+/g, ' ')
      .trim();
    if (lookupKeys.size < 10_000) lookupKeys.set(text, key);
  }
  return key;
}

// A spreadsheet would run these as formulas when the file is reopened; '+62…' and '-5' stay plain values.
const FORMULA_START = /^(?:=|[+\-@][\p{L}(])/u;
const CONTROL_CHARACTERS = /\p{Cc}/gu;
const INVISIBLE_CHARACTERS = /[\u200B-\u200D\u2060\uFEFF]/g;
// RT/RW heads write a lone dash for "none".
const PLACEHOLDER_EMPTY = /^[-\u2013\u2014]$/;
const NAME_CHARACTERS = /^[\p{L}\p{M}\s.,'"`\u2018\u2019()/-]+$/u;

// Names the message placeholder that shows a structure failure's detail.
const DETAIL_PARAMETER: Record<NikProblemCode | KkProblemCode, string> = {
  nik_not_16_digits: 'digits',
  nik_non_digit: 'value',
  nik_invalid_province: 'code',
  nik_invalid_region: 'code',
  nik_invalid_birth_date: 'value',
  nik_serial_zero: 'value',
  kk_not_16_digits: 'digits',
  kk_non_digit: 'value',
  kk_invalid_province: 'code',
};

function shown(value: string): string {
  return value.length > SHOWN_VALUE_LIMIT ? `${value.slice(0, SHOWN_VALUE_LIMIT)}…` : value;
}

function asText(raw: unknown): string {
  // Typed as strings, but XLSX readers may still hand over numbers or booleans.
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint') return String(raw);
  return '';
}

// Most cells are already tidy; one test spares three replacements on the hot path of a million-row import.
const NEEDS_TIDYING = /[\p{Cc}\u200B-\u200D\u2060\uFEFF]|\s\s|^\s|\s$|[^\S ]/u;

// Most cells are printable ASCII with single inner spaces: a character scan answers for them without the
// Unicode pattern; anything else (controls, non-ASCII) is left to the pattern.
function needsTidying(text: string): boolean {
  const length = text.length;
  let previousSpace = false;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code > 0x20 && code < 0x7f) {
      previousSpace = false;
    } else if (code === 0x20) {
      if (previousSpace || index === 0 || index === length - 1) return true;
      previousSpace = true;
    } else {
      return NEEDS_TIDYING.test(text);
    }
  }
  return false;
}

/**
 * Whether a CSV record (its cells joined by the delimiter) holds something to tidy or to escape for COPY: a
 * character other than printable ASCII, a backslash, two spaces, or a space at a cell's start or end. Whatever
 * holds none of these is, cell by cell, its own tidy text and needs no COPY escape.
 */
export function untidyRecordTest(delimiter: string): (record: string) => boolean {
  const quoted = delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The record's ends are looked at apart: without `^ | $` the search is a quarter faster (measured).
  const pattern = new RegExp(`[^\\x20-\\x5b\\x5d-\\x7e]| [ ${quoted}]|${quoted} `);
  return (record) =>
    pattern.test(record) || record.charCodeAt(0) === 0x20 || record.charCodeAt(record.length - 1) === 0x20;
}

function tidiedText(text: string): string {
  return text.replace(INVISIBLE_CHARACTERS, '').replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
}

const LINE_BREAK = /[\r\n]/;
// What a record of an intake file starts with or holds: a KK number or NIK.
const IDENTITY_NUMBER = /\d{16}/;

/**
 * A CSV cell may hold a line break inside quotes, but one is more often a quote left open, the rows after it read
 * into the cell: said when a later line holds an identity number, else a warning.
 */
function addLineBreakProblem(raw: string, field: IntakeField, problems: RowProblems): void {
  const lineBreak = LINE_BREAK.exec(raw);
  if (!lineBreak) return;
  const after = raw.slice(lineBreak.index + 1);
  if (IDENTITY_NUMBER.test(after)) {
    problems.add(field, 'quote_not_closed', 'error', { value: shown(tidiedText(after)) });
  } else {
    problems.add(field, 'line_break_in_cell', 'warning');
  }
}

const NEIGHBOURHOOD_PREFIX: Record<'rt' | 'rw', RegExp> = { rt: /^rt\s*[.:]?\s*/i, rw: /^rw\s*[.:]?\s*/i };

function normaliseNeighbourhoodNumber(text: string, prefix: 'rt' | 'rw'): string | null {
  const withoutPrefix = text.replace(NEIGHBOURHOOD_PREFIX[prefix], '').replace(/[.,]0+$/, '');
  if (!/^\d{1,5}$/.test(withoutPrefix)) return null;
  const number = Number(withoutPrefix);
  return number >= 1 && number <= 999 ? String(number).padStart(3, '0') : null;
}

function normaliseKelurahanCode(text: string): string | null {
  const compact = text
    .replace(/^'/, '')
    .replace(/^(\d{10})[.,]0+$/, '$1')
    .replace(/\s+/g, '');
  const code = normaliseRegionCode(compact);
  return code && code.length === 13 ? code : null;
}

function normalisePhone(text: string): string | null {
  // Already in the national form: nothing below would change it.
  if (text.length >= 10 && text.length <= 13 && text.charCodeAt(0) === 48 && text.charCodeAt(1) === 56) {
    if (isDigits(text)) return text;
  }
  const digits = text
    .replace(/^'/, '')
    .replace(/^(\+?\d+)[.,]0+$/, '$1')
    .replace(/[\s\-.()/]/g, '');
  // Excel drops the leading 0 of 08…, and people write the country code in several ways.
  const national = digits.replace(/^(?:\+62|0062|62)/, '0').replace(/^8/, '08');
  return /^08\d{8,11}$/.test(national) ? national : null;
}

// RT, RW and kelurahan codes repeat across a file (a few thousand distinct values): their readings are kept.
const NEIGHBOURHOOD_CACHE_LIMIT = 10_000;
const KELURAHAN_CACHE_LIMIT = 100_000;
const neighbourhoodReadings = { rt: new Map<string, string | null>(), rw: new Map<string, string | null>() };
const kelurahanReadings = new Map<string, string | null>();

function readNeighbourhoodNumber(text: string, prefix: 'rt' | 'rw'): string | null {
  const cache = neighbourhoodReadings[prefix];
  let reading = cache.get(text);
  if (reading === undefined) {
    reading = normaliseNeighbourhoodNumber(text, prefix);
    if (cache.size < NEIGHBOURHOOD_CACHE_LIMIT) cache.set(text, reading);
  }
  return reading;
}

function readKelurahanCode(text: string): string | null {
  let reading = kelurahanReadings.get(text);
  if (reading === undefined) {
    reading = normaliseKelurahanCode(text);
    if (kelurahanReadings.size < KELURAHAN_CACHE_LIMIT) kelurahanReadings.set(text, reading);
  }
  return reading;
}

// The rows of a family follow each other and share their KK number: its reading is kept for the next row.
let lastKk: { value: string; referenceTime: number; parsed: KkParseResult } | undefined;

function parseKkNumberOnce(value: string, referenceDate: Date): KkParseResult {
  const referenceTime = referenceDate.getTime();
  if (lastKk?.value === value && lastKk.referenceTime === referenceTime) return lastKk.parsed;
  const parsed = parseKkNumber(value, referenceDate);
  lastKk = { value, referenceTime, parsed };
  return parsed;
}

// A name made only of ASCII letters, spaces and . , ' " ` ( ) / - is valid without the Unicode patterns.
function nameIsValid(name: string): boolean {
  let letters = 0;
  for (let index = 0; index < name.length; index++) {
    const code = name.charCodeAt(index);
    if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) letters++;
    else if (code >= 0x80) return !/\p{N}/u.test(name) && /\p{L}/u.test(name) && NAME_CHARACTERS.test(name);
    else if (!ASCII_NAME_PUNCTUATION.has(code)) return false;
  }
  return letters > 0;
}

const ASCII_NAME_PUNCTUATION = new Set(
  [...' \t\n\v\f\r.,\'"`()/-'].map((character) => character.charCodeAt(0)),
);

function dayMonthShortYear(isoDate: string): string {
  return `${isoDate.slice(8, 10)}${isoDate.slice(5, 7)}${isoDate.slice(2, 4)}`;
}

function formatDayMonthYear(isoDate: string): string {
  return `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
}

// YYYY-MM-DD as written by parseIntakeDate, always a valid date: read digit by digit, without slices.
function isoDateParts(isoDate: string): CalendarDate {
  return {
    year: digitsValue(isoDate, 0, 4),
    month: digitsValue(isoDate, 5, 7),
    day: digitsValue(isoDate, 8, 10),
  };
}

const FIELD_COUNT = INTAKE_FIELDS.length;
const FIELD_INDEX = Object.fromEntries(INTAKE_FIELDS.map((field, index) => [field, index])) as Record<
  IntakeField,
  number
>;
const REQUIRED_FIELD = INTAKE_FIELDS.map((field) => REQUIRED_VALUES.has(field));
const KK = FIELD_INDEX.kkNumber;
const NIK = FIELD_INDEX.nik;
const FULL_NAME = FIELD_INDEX.fullName;
const SEX = FIELD_INDEX.sex;
const BIRTH_PLACE = FIELD_INDEX.birthPlace;
const BIRTH_DATE = FIELD_INDEX.birthDate;
const RELATIONSHIP = FIELD_INDEX.relationship;
const MARITAL_STATUS = FIELD_INDEX.maritalStatus;
const OCCUPATION = FIELD_INDEX.occupation;
const ADDRESS = FIELD_INDEX.address;
const RT = FIELD_INDEX.rt;
const RW = FIELD_INDEX.rw;
const KELURAHAN_CODE = FIELD_INDEX.kelurahanCode;
const PHONE = FIELD_INDEX.phone;
const FIXED_INCOME = FIELD_INDEX.fixedIncome;
const COVID_AFFECTED = FIELD_INDEX.covidAffected;
const REF = FIELD_INDEX.ref;
const NIK_ABSENCE_REASON = FIELD_INDEX.nikAbsenceReason;

/** The problems found so far in one row, and which fields already have an error. */
class RowProblems {
  readonly list: RowProblem[] = [];
  private errorFields = 0;

  add(
    field: IntakeField,
    code: IntakeProblemCode,
    severity: ProblemSeverity,
    params?: Record<string, string | number>,
  ): void {
    this.list.push(params ? { field, code, severity, params } : { field, code, severity });
    if (severity === 'error') this.errorFields |= 1 << FIELD_INDEX[field];
  }

  addAll(found: RowProblem[]): void {
    for (const problem of found) {
      this.list.push(problem);
      if (problem.severity === 'error' && problem.field !== 'row' && problem.field !== 'family') {
        this.errorFields |= 1 << FIELD_INDEX[problem.field];
      }
    }
  }

  hasError(field: IntakeField): boolean {
    return (this.errorFields & (1 << FIELD_INDEX[field])) !== 0;
  }
}

export function validateIntakeRow(
  values: Partial<Record<IntakeField, string>>,
  context: IntakeRowContext,
): ValidatedIntakeRow {
  const cells = new Array<unknown>(FIELD_COUNT);
  for (let index = 0; index < FIELD_COUNT; index++) cells[index] = values[INTAKE_FIELDS[index]];
  return validateIntakeCells(cells, context);
}

// The tidy text of the row being checked: one array for every row (the check is synchronous and never nested).
const rowText: string[] = new Array<string>(FIELD_COUNT).fill('');

/** validateIntakeRow for cells already placed in INTAKE_FIELDS order (the bulk path: no object per row). */
export function validateIntakeCells(
  cells: readonly unknown[],
  context: IntakeRowContext,
  /** Every cell is text already tidy (see untidyRecordTest): the per-cell scan for spaces is skipped. */
  tidyCells = false,
  /** The cells of a CSV record, where a line break may be a quote left open (see addLineBreakProblem). */
  csvRecord = false,
): ValidatedIntakeRow {
  const problems = new RowProblems();

  // First pass: what every field shares (length, formulas, emptiness), leaving tidy text to read.
  const text = rowText;
  for (let index = 0; index < FIELD_COUNT; index++) {
    const raw = asText(cells[index]);
    text[index] = '';
    if (raw.length > MAXIMUM_VALUE_LENGTH) {
      problems.add(INTAKE_FIELDS[index], 'value_too_long', 'error', {
        length: raw.length,
        limit: MAXIMUM_VALUE_LENGTH,
      });
      if (csvRecord) addLineBreakProblem(raw, INTAKE_FIELDS[index], problems);
      continue;
    }
    let tidy = raw;
    // Only a cell found untidy can hold a line break: the check costs the tidy cells nothing.
    if (!tidyCells && needsTidying(raw)) {
      if (csvRecord) addLineBreakProblem(raw, INTAKE_FIELDS[index], problems);
      tidy = tidiedText(raw);
    }
    // '=', '+', '-', '@' checked before the pattern: almost no cell starts with one, so most skip it.
    const first = tidy.charCodeAt(0);
    if ((first === 61 || first === 43 || first === 45 || first === 64) && FORMULA_START.test(tidy)) {
      problems.add(INTAKE_FIELDS[index], 'formula_not_allowed', 'error', { value: shown(tidy) });
      continue;
    }
    text[index] = tidy.length === 1 && PLACEHOLDER_EMPTY.test(tidy) ? '' : tidy;
    if (text[index] === '' && REQUIRED_FIELD[index]) problems.add(INTAKE_FIELDS[index], 'required', 'error');
  }

  const record: IntakeRecord = {
    kkNumber: null,
    nik: null,
    nikAbsenceReason: null,
    fullName: null,
    sex: null,
    birthPlace: null,
    birthDate: null,
    relationship: null,
    maritalStatus: null,
    occupation: null,
    address: null,
    rt: null,
    rw: null,
    kelurahanCode: null,
    phone: null,
    fixedIncome: null,
    covidAffected: null,
    ref: null,
  };

  if (text[KK] !== '') {
    const cleaned = cleanIdentityNumber(text[KK], 'kk');
    problems.addAll(cleaned.problems);
    if (cleaned.value) {
      const parsed = parseKkNumberOnce(cleaned.value, context.referenceDate);
      if (!parsed.ok) {
        problems.add('kkNumber', parsed.code, 'error', {
          [DETAIL_PARAMETER[parsed.code]]: parsed.detail ?? '',
        });
      } else {
        record.kkNumber = parsed.kkNumber;
        for (const warning of parsed.warnings) {
          problems.add('kkNumber', warning, 'warning', { value: parsed.kkNumber.slice(6, 12) });
        }
        if (!context.regions.hasProvince(parsed.provinceCode)) {
          problems.add('kkNumber', 'kk_unknown_province', 'error', { code: parsed.provinceCode });
        }
      }
    }
  }

  let parsedNik: ParsedNik | null = null;
  if (text[NIK] !== '') {
    const cleaned = cleanIdentityNumber(text[NIK], 'nik');
    problems.addAll(cleaned.problems);
    if (cleaned.value) {
      const parsed = parseNik(cleaned.value, context.referenceDate);
      if (!parsed.ok) {
        problems.add('nik', parsed.code, 'error', { [DETAIL_PARAMETER[parsed.code]]: parsed.detail ?? '' });
      } else {
        parsedNik = parsed;
        record.nik = parsed.nik;
        checkNikRegion(parsed, context.regions, problems);
      }
    }
  } else if (!problems.hasError('nik') && text[NIK_ABSENCE_REASON] === '') {
    problems.add('nik', 'nik_missing', 'warning');
  }
  if (text[NIK_ABSENCE_REASON] !== '') record.nikAbsenceReason = text[NIK_ABSENCE_REASON];

  if (text[FULL_NAME] !== '') {
    const name = text[FULL_NAME];
    if (!nameIsValid(name)) {
      problems.add('fullName', 'name_invalid', 'error', { value: shown(name) });
    } else {
      record.fullName = name;
    }
  }

  if (text[SEX] !== '') {
    record.sex = SEX_BY_WORD.get(lookupKey(text[SEX])) ?? null;
    if (!record.sex) problems.add('sex', 'sex_invalid', 'error', { value: shown(text[SEX]) });
  }

  if (text[BIRTH_DATE] !== '') {
    const parsed = parseIntakeDate(text[BIRTH_DATE]);
    if ('problem' in parsed) {
      problems.add('birthDate', parsed.problem, 'error', { value: shown(text[BIRTH_DATE]) });
    } else {
      record.birthDate = parsed.date;
      const birth = isoDateParts(parsed.date);
      const reference = referenceCalendarDate(context.referenceDate);
      if (compareCalendarDates(birth, reference) > 0) {
        problems.add('birthDate', 'birth_date_in_future', 'error', { date: formatDayMonthYear(parsed.date) });
      } else if (ageInYears(birth, reference) > MAXIMUM_AGE_YEARS) {
        problems.add('birthDate', 'birth_date_too_old', 'error', {
          date: formatDayMonthYear(parsed.date),
          age: ageInYears(birth, reference),
        });
      }
    }
  }

  if (text[RELATIONSHIP] !== '') {
    record.relationship = RELATIONSHIP_BY_WORD.get(lookupKey(text[RELATIONSHIP])) ?? null;
    if (!record.relationship) {
      problems.add('relationship', 'relationship_invalid', 'error', { value: shown(text[RELATIONSHIP]) });
    }
  }

  if (text[MARITAL_STATUS] !== '') {
    record.maritalStatus = MARITAL_BY_WORD.get(lookupKey(text[MARITAL_STATUS])) ?? null;
    if (!record.maritalStatus) {
      problems.add('maritalStatus', 'marital_status_invalid', 'error', {
        value: shown(text[MARITAL_STATUS]),
      });
    }
  }

  if (text[RT] !== '') {
    record.rt = readNeighbourhoodNumber(text[RT], 'rt');
    if (!record.rt) problems.add('rt', 'rt_invalid', 'error', { value: shown(text[RT]) });
  }
  if (text[RW] !== '') {
    record.rw = readNeighbourhoodNumber(text[RW], 'rw');
    if (!record.rw) problems.add('rw', 'rw_invalid', 'error', { value: shown(text[RW]) });
  }

  if (text[KELURAHAN_CODE] !== '') {
    record.kelurahanCode = readKelurahanCode(text[KELURAHAN_CODE]);
    if (!record.kelurahanCode) {
      problems.add('kelurahanCode', 'kelurahan_code_invalid', 'error', {
        value: shown(text[KELURAHAN_CODE]),
      });
    } else if (!context.regions.hasVillage(record.kelurahanCode)) {
      problems.add('kelurahanCode', 'unknown_kelurahan', 'error', { code: record.kelurahanCode });
    }
  }

  if (text[PHONE] !== '') {
    record.phone = normalisePhone(text[PHONE]);
    if (!record.phone) problems.add('phone', 'phone_invalid', 'warning', { value: shown(text[PHONE]) });
  }

  if (text[FIXED_INCOME] !== '') {
    const flag = FLAG_BY_WORD.get(lookupKey(text[FIXED_INCOME]));
    record.fixedIncome = flag === undefined ? null : flag === 'yes';
    if (flag === undefined)
      problems.add('fixedIncome', 'yes_no_invalid', 'error', { value: shown(text[FIXED_INCOME]) });
  }
  if (text[COVID_AFFECTED] !== '') {
    const flag = FLAG_BY_WORD.get(lookupKey(text[COVID_AFFECTED]));
    record.covidAffected = flag === undefined ? null : flag === 'yes';
    if (flag === undefined) {
      problems.add('covidAffected', 'yes_no_invalid', 'error', { value: shown(text[COVID_AFFECTED]) });
    }
  }

  if (text[BIRTH_PLACE] !== '') record.birthPlace = text[BIRTH_PLACE];
  if (text[OCCUPATION] !== '') record.occupation = text[OCCUPATION];
  if (text[ADDRESS] !== '') record.address = text[ADDRESS];
  if (text[REF] !== '') record.ref = text[REF];

  if (parsedNik) checkNikAgainstRow(parsedNik, record, problems);

  return { record, problems: problems.list };
}

function checkNikRegion(nik: ParsedNik, regions: RegionDirectory, problems: RowProblems): void {
  if (regions.hasDistrict(nik.districtCode)) return;
  // A NIK keeps the district code of first issue even after that district was split.
  const retired = regions.retiredDistrict(nik.districtCode);
  if (retired) {
    problems.add('nik', 'nik_region_split', 'warning', {
      code: nik.districtCode,
      name: retired.name,
      successors: retired.successorCodes.join(', '),
    });
  } else {
    problems.add('nik', 'nik_unknown_region', 'error', { code: nik.districtCode });
  }
}

function checkNikAgainstRow(nik: ParsedNik, record: IntakeRecord, problems: RowProblems): void {
  // The NIK only carries a two-digit year, so dates are compared as DDMMYY to avoid guessing its century.
  // The same date, as nearly every row has, needs no comparison of its parts.
  if (record.birthDate && record.birthDate !== nik.birthDate && !problems.hasError('birthDate')) {
    const nikDate = dayMonthShortYear(nik.birthDate);
    const rowDate = dayMonthShortYear(record.birthDate);
    if (nikDate !== rowDate) {
      const swapped = `${rowDate.slice(2, 4)}${rowDate.slice(0, 2)}${rowDate.slice(4)}`;
      const params = {
        nikDate: formatDayMonthYear(nik.birthDate),
        rowDate: formatDayMonthYear(record.birthDate),
      };
      problems.add(
        'birthDate',
        swapped === nikDate ? 'birth_date_day_month_swapped' : 'nik_birth_date_mismatch',
        'error',
        params,
      );
    }
  }
  if (record.sex && !problems.hasError('sex') && record.sex !== nik.sex) {
    problems.add('sex', 'nik_sex_mismatch', 'error', { nikSex: nik.sex, rowSex: record.sex });
  }
}
