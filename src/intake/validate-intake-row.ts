// Checks one intake row field by field and against itself (NIK vs birth date and sex), producing a normalised record.
import {
  ageInYears,
  calendarDateOf,
  compareCalendarDates,
  type KkProblemCode,
  type NikProblemCode,
  normaliseRegionCode,
  type ParsedNik,
  parseIsoDate,
  parseKkNumber,
  parseNik,
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
// Checked before the pattern: almost no cell starts with one of these, so most skip the regular expression.
const FORMULA_FIRST_CHARACTERS = new Set(['=', '+', '-', '@'].map((character) => character.charCodeAt(0)));
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

function tidyText(text: string): string {
  if (!NEEDS_TIDYING.test(text)) return text;
  return text.replace(INVISIBLE_CHARACTERS, '').replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
}

function emptyRecord(): IntakeRecord {
  return {
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
  const digits = text
    .replace(/^'/, '')
    .replace(/^(\+?\d+)[.,]0+$/, '$1')
    .replace(/[\s\-.()/]/g, '');
  // Excel drops the leading 0 of 08…, and people write the country code in several ways.
  const national = digits.replace(/^(?:\+62|0062|62)/, '0').replace(/^8/, '08');
  return /^08\d{8,11}$/.test(national) ? national : null;
}

function dayMonthShortYear(isoDate: string): string {
  return `${isoDate.slice(8, 10)}${isoDate.slice(5, 7)}${isoDate.slice(2, 4)}`;
}

function formatDayMonthYear(isoDate: string): string {
  return `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
}

export function validateIntakeRow(
  values: Partial<Record<IntakeField, string>>,
  context: IntakeRowContext,
): ValidatedIntakeRow {
  const record = emptyRecord();
  const problems: RowProblem[] = [];
  const fieldsWithErrors = new Set<IntakeField>();
  const add = (
    field: IntakeField,
    code: IntakeProblemCode,
    severity: ProblemSeverity,
    params?: Record<string, string | number>,
  ) => {
    problems.push(params ? { field, code, severity, params } : { field, code, severity });
    if (severity === 'error') fieldsWithErrors.add(field);
  };
  const addAll = (found: RowProblem[]) => {
    for (const problem of found) {
      problems.push(problem);
      if (problem.severity === 'error' && problem.field !== 'row' && problem.field !== 'family') {
        fieldsWithErrors.add(problem.field);
      }
    }
  };

  // First pass: what every field shares (length, formulas, emptiness), leaving tidy text to read.
  const text = {} as Record<IntakeField, string>;
  for (const field of INTAKE_FIELDS) {
    const raw = asText(values[field]);
    text[field] = '';
    if (raw.length > MAXIMUM_VALUE_LENGTH) {
      add(field, 'value_too_long', 'error', { length: raw.length, limit: MAXIMUM_VALUE_LENGTH });
      continue;
    }
    const tidy = tidyText(raw);
    if (FORMULA_FIRST_CHARACTERS.has(tidy.charCodeAt(0)) && FORMULA_START.test(tidy)) {
      add(field, 'formula_not_allowed', 'error', { value: shown(tidy) });
      continue;
    }
    text[field] = tidy.length === 1 && PLACEHOLDER_EMPTY.test(tidy) ? '' : tidy;
    if (text[field] === '' && REQUIRED_VALUES.has(field)) add(field, 'required', 'error');
  }
  const filled = (field: IntakeField) => text[field] !== '';

  const reference = calendarDateOf(context.referenceDate);

  if (filled('kkNumber')) {
    const cleaned = cleanIdentityNumber(text.kkNumber, 'kk');
    addAll(cleaned.problems);
    if (cleaned.value) {
      const parsed = parseKkNumber(cleaned.value, context.referenceDate);
      if (!parsed.ok) {
        add('kkNumber', parsed.code, 'error', { [DETAIL_PARAMETER[parsed.code]]: parsed.detail ?? '' });
      } else {
        record.kkNumber = parsed.kkNumber;
        for (const warning of parsed.warnings) {
          add('kkNumber', warning, 'warning', { value: parsed.kkNumber.slice(6, 12) });
        }
        if (!context.regions.hasProvince(parsed.provinceCode)) {
          add('kkNumber', 'kk_unknown_province', 'error', { code: parsed.provinceCode });
        }
      }
    }
  }

  let parsedNik: ParsedNik | null = null;
  if (filled('nik')) {
    const cleaned = cleanIdentityNumber(text.nik, 'nik');
    addAll(cleaned.problems);
    if (cleaned.value) {
      const parsed = parseNik(cleaned.value, context.referenceDate);
      if (!parsed.ok) {
        add('nik', parsed.code, 'error', { [DETAIL_PARAMETER[parsed.code]]: parsed.detail ?? '' });
      } else {
        parsedNik = parsed;
        record.nik = parsed.nik;
        checkNikRegion(parsed, context.regions, add);
      }
    }
  } else if (!fieldsWithErrors.has('nik') && !filled('nikAbsenceReason')) {
    add('nik', 'nik_missing', 'warning');
  }
  if (filled('nikAbsenceReason')) record.nikAbsenceReason = text.nikAbsenceReason;

  if (filled('fullName')) {
    const name = text.fullName;
    if (/\p{N}/u.test(name) || !/\p{L}/u.test(name) || !NAME_CHARACTERS.test(name)) {
      add('fullName', 'name_invalid', 'error', { value: shown(name) });
    } else {
      record.fullName = name;
    }
  }

  if (filled('sex')) {
    record.sex = SEX_BY_WORD.get(lookupKey(text.sex)) ?? null;
    if (!record.sex) add('sex', 'sex_invalid', 'error', { value: shown(text.sex) });
  }

  if (filled('birthDate')) {
    const parsed = parseIntakeDate(text.birthDate);
    if ('problem' in parsed) {
      add('birthDate', parsed.problem, 'error', { value: shown(text.birthDate) });
    } else {
      record.birthDate = parsed.date;
      const birth = parseIsoDate(parsed.date)!;
      const shownDate = formatDayMonthYear(parsed.date);
      if (compareCalendarDates(birth, reference) > 0) {
        add('birthDate', 'birth_date_in_future', 'error', { date: shownDate });
      } else if (ageInYears(birth, reference) > MAXIMUM_AGE_YEARS) {
        add('birthDate', 'birth_date_too_old', 'error', {
          date: shownDate,
          age: ageInYears(birth, reference),
        });
      }
    }
  }

  if (filled('relationship')) {
    record.relationship = RELATIONSHIP_BY_WORD.get(lookupKey(text.relationship)) ?? null;
    if (!record.relationship) {
      add('relationship', 'relationship_invalid', 'error', { value: shown(text.relationship) });
    }
  }

  if (filled('maritalStatus')) {
    record.maritalStatus = MARITAL_BY_WORD.get(lookupKey(text.maritalStatus)) ?? null;
    if (!record.maritalStatus) {
      add('maritalStatus', 'marital_status_invalid', 'error', { value: shown(text.maritalStatus) });
    }
  }

  for (const field of ['rt', 'rw'] as const) {
    if (!filled(field)) continue;
    record[field] = normaliseNeighbourhoodNumber(text[field], field);
    if (!record[field])
      add(field, field === 'rt' ? 'rt_invalid' : 'rw_invalid', 'error', { value: shown(text[field]) });
  }

  if (filled('kelurahanCode')) {
    record.kelurahanCode = normaliseKelurahanCode(text.kelurahanCode);
    if (!record.kelurahanCode) {
      add('kelurahanCode', 'kelurahan_code_invalid', 'error', { value: shown(text.kelurahanCode) });
    } else if (!context.regions.hasVillage(record.kelurahanCode)) {
      add('kelurahanCode', 'unknown_kelurahan', 'error', { code: record.kelurahanCode });
    }
  }

  if (filled('phone')) {
    record.phone = normalisePhone(text.phone);
    if (!record.phone) add('phone', 'phone_invalid', 'warning', { value: shown(text.phone) });
  }

  for (const field of ['fixedIncome', 'covidAffected'] as const) {
    if (!filled(field)) continue;
    const flag = FLAG_BY_WORD.get(lookupKey(text[field]));
    record[field] = flag === undefined ? null : flag === 'yes';
    if (flag === undefined) add(field, 'yes_no_invalid', 'error', { value: shown(text[field]) });
  }

  for (const field of ['birthPlace', 'occupation', 'address', 'ref'] as const) {
    if (filled(field)) record[field] = text[field];
  }

  if (parsedNik) checkNikAgainstRow(parsedNik, record, fieldsWithErrors, add);

  return { record, problems };
}

type AddProblem = (
  field: IntakeField,
  code: IntakeProblemCode,
  severity: ProblemSeverity,
  params?: Record<string, string | number>,
) => void;

function checkNikRegion(nik: ParsedNik, regions: RegionDirectory, add: AddProblem): void {
  if (regions.hasDistrict(nik.districtCode)) return;
  // A NIK keeps the district code of first issue even after that district was split.
  const retired = regions.retiredDistrict(nik.districtCode);
  if (retired) {
    add('nik', 'nik_region_split', 'warning', {
      code: nik.districtCode,
      name: retired.name,
      successors: retired.successorCodes.join(', '),
    });
  } else {
    add('nik', 'nik_unknown_region', 'error', { code: nik.districtCode });
  }
}

function checkNikAgainstRow(
  nik: ParsedNik,
  record: IntakeRecord,
  fieldsWithErrors: ReadonlySet<IntakeField>,
  add: AddProblem,
): void {
  // The NIK only carries a two-digit year, so dates are compared as DDMMYY to avoid guessing its century.
  if (record.birthDate && !fieldsWithErrors.has('birthDate')) {
    const nikDate = dayMonthShortYear(nik.birthDate);
    const rowDate = dayMonthShortYear(record.birthDate);
    if (nikDate !== rowDate) {
      const swapped = `${rowDate.slice(2, 4)}${rowDate.slice(0, 2)}${rowDate.slice(4)}`;
      const params = {
        nikDate: formatDayMonthYear(nik.birthDate),
        rowDate: formatDayMonthYear(record.birthDate),
      };
      add(
        'birthDate',
        swapped === nikDate ? 'birth_date_day_month_swapped' : 'nik_birth_date_mismatch',
        'error',
        params,
      );
    }
  }
  if (record.sex && !fieldsWithErrors.has('sex') && record.sex !== nik.sex) {
    add('sex', 'nik_sex_mismatch', 'error', { nikSex: nik.sex, rowSex: record.sex });
  }
}
