// Reads a date cell from an intake file in the shapes RT/RW spreadsheets actually produce.
import { formatIsoDate, isValidCalendarDate } from '../registry/nik.ts';

export type IntakeDateProblemCode = 'date_invalid' | 'date_unrecognised' | 'date_year_only';

export type IntakeDateResult = { date: string } | { problem: IntakeDateProblemCode };

const DAY_MONTH_YEAR = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const YEAR_MONTH_DAY = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$/;
// XLSX readers hand dates over as timestamps; the calendar date as written is the one meant.
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;
const DAY_MONTH_NAME_YEAR = /^(\d{1,2})[\s./-]+(\p{L}+)\.?[\s./-]+(\d{4})$/u;
const EXCEL_SERIAL = /^\d{1,5}(?:[.,]\d+)?$/;
const MAXIMUM_EXCEL_SERIAL = 73050;
// Excel counts 1900-02-29, a day that never existed, as serial 60.
const FICTITIOUS_LEAP_DAY_SERIAL = 60;
const MILLISECONDS_PER_DAY = 86_400_000;

const MONTH_BY_NAME: ReadonlyMap<string, number> = new Map(
  [
    ['januari', 'january', 'jan'],
    ['februari', 'pebruari', 'february', 'feb', 'peb'],
    ['maret', 'march', 'mar'],
    ['april', 'apr'],
    ['mei', 'may'],
    ['juni', 'june', 'jun'],
    ['juli', 'july', 'jul'],
    ['agustus', 'august', 'agu', 'agt', 'aug'],
    ['september', 'sep', 'sept'],
    ['oktober', 'october', 'okt', 'oct'],
    ['november', 'nopember', 'nov', 'nop'],
    ['desember', 'december', 'des', 'dec'],
  ].flatMap((names, index) => names.map((name) => [name, index + 1] as const)),
);

function calendarResult(year: number, month: number, day: number): IntakeDateResult {
  return isValidCalendarDate(year, month, day)
    ? { date: formatIsoDate(year, month, day) }
    : { problem: 'date_invalid' };
}

function fromExcelSerial(serial: number): IntakeDateResult {
  if (serial < 1 || serial > MAXIMUM_EXCEL_SERIAL) return { problem: 'date_unrecognised' };
  if (serial === FICTITIOUS_LEAP_DAY_SERIAL) return { problem: 'date_invalid' };
  // Serial 1 is 1900-01-01; from serial 61 on, the fictitious leap day shifts the epoch back by one.
  const epoch = Date.UTC(1899, 11, serial < FICTITIOUS_LEAP_DAY_SERIAL ? 31 : 30);
  const date = new Date(epoch + serial * MILLISECONDS_PER_DAY);
  return { date: formatIsoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()) };
}

const FIXED_DATE_DIGITS = [0, 1, 3, 4, 6, 7, 8, 9];

// DD/MM/YYYY (or with - or .) as written by most lists: read without the patterns.
function fixedDayMonthYear(raw: string): IntakeDateResult | undefined {
  if (raw.length !== 10) return undefined;
  const separator = raw.charCodeAt(2);
  if ((separator !== 47 && separator !== 45 && separator !== 46) || raw.charCodeAt(5) !== separator) {
    return undefined;
  }
  let day = 0;
  let month = 0;
  let year = 0;
  for (const index of FIXED_DATE_DIGITS) {
    const digit = raw.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return undefined;
    if (index < 2) day = day * 10 + digit;
    else if (index < 5) month = month * 10 + digit;
    else year = year * 10 + digit;
  }
  return calendarResult(year, month, day);
}

export function parseIntakeDate(raw: string): IntakeDateResult {
  const fixed = fixedDayMonthYear(raw);
  if (fixed) return fixed;
  const text = raw.trim().replace(/^'/, '').trim();
  let match = DAY_MONTH_YEAR.exec(text);
  if (match) return calendarResult(Number(match[4]), Number(match[3]), Number(match[1]));
  match = YEAR_MONTH_DAY.exec(text);
  if (match) return calendarResult(Number(match[1]), Number(match[3]), Number(match[4]));
  match = ISO_TIMESTAMP.exec(text);
  if (match) return calendarResult(Number(match[1]), Number(match[2]), Number(match[3]));
  match = DAY_MONTH_NAME_YEAR.exec(text);
  if (match) {
    const month = MONTH_BY_NAME.get(match[2].toLowerCase());
    return month
      ? calendarResult(Number(match[3]), month, Number(match[1]))
      : { problem: 'date_unrecognised' };
  }
  if (EXCEL_SERIAL.test(text)) {
    // A bare 19xx/20xx is far likelier a birth year than a serial for a day in 1905.
    if (/^(?:19|20)\d{2}$/.test(text)) return { problem: 'date_year_only' };
    return fromExcelSerial(Math.floor(Number(text.replace(',', '.'))));
  }
  return { problem: 'date_unrecognised' };
}
