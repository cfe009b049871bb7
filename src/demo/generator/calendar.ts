/** Dates as whole days since 1970-01-01 (UTC): cheap integers instead of Date objects in the hot loop. */

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const twoDigits: string[] = Array.from({ length: 100 }, (_unused, value) => String(value).padStart(2, '0'));

/** Zero-padded two-digit string, from a table because it runs millions of times. */
export function pad2(value: number): string {
  return twoDigits[value];
}

// Howard Hinnant's days_from_civil: exact proleptic Gregorian arithmetic without Date.
export function dayNumberFromCivil(year: number, month: number, day: number): number {
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function civilFromDayNumber(dayNumber: number): CivilDate {
  const shifted = dayNumber + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthPrime = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthPrime + 2) / 5) + 1;
  const month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function dayNumberFromDate(date: Date): number {
  return Math.floor(date.getTime() / 86_400_000);
}

/** DD/MM/YYYY, the way KK extracts and RT spreadsheets write dates. */
export function formatSlashDate(date: CivilDate): string {
  return `${pad2(date.day)}/${pad2(date.month)}/${date.year}`;
}

export function formatIsoDate(date: CivilDate): string {
  return `${date.year}-${pad2(date.month)}-${pad2(date.day)}`;
}

export function formatDashDate(date: CivilDate): string {
  return `${pad2(date.day)}-${pad2(date.month)}-${date.year}`;
}

/** How a spreadsheet writes dates: DD/MM/YYYY, YYYY-MM-DD or DD-MM-YYYY. */
export type DateFormat = 'slash' | 'iso' | 'dash';

export const dateFormatters: Record<DateFormat, (date: CivilDate) => string> = {
  slash: formatSlashDate,
  iso: formatIsoDate,
  dash: formatDashDate,
};

// Excel counts days from 1899-12-30 (its fictitious 1900-02-29 makes serials from March 1900 on line up).
const excelEpochDay = dayNumberFromCivil(1899, 12, 30);

/** A date as the serial number Excel shows when a date cell is formatted as a number: 1990-05-17 → 32645. */
export function excelSerial(date: CivilDate): string {
  return String(dayNumberFromCivil(date.year, date.month, date.day) - excelEpochDay);
}

/** Caches civil dates (shared, read-only objects) for a range of day numbers so the hot loop allocates nothing. */
export class CalendarTable {
  private readonly dates: Readonly<CivilDate>[];
  private readonly texts: Record<DateFormat, string[]>;

  constructor(
    readonly firstDay: number,
    readonly lastDay: number,
  ) {
    const length = lastDay - firstDay + 1;
    this.dates = Array.from({ length }, (_unused, offset) => civilFromDayNumber(firstDay + offset));
    // Filled with '' up front so the arrays stay in V8's fast packed mode.
    this.texts = {
      slash: new Array<string>(length).fill(''),
      iso: new Array<string>(length).fill(''),
      dash: new Array<string>(length).fill(''),
    };
  }

  civil(dayNumber: number): Readonly<CivilDate> {
    return this.dates[dayNumber - this.firstDay] ?? civilFromDayNumber(dayNumber);
  }

  /** A day in the given format, formatted once and remembered. */
  text(dayNumber: number, format: DateFormat): string {
    const cache = this.texts[format];
    const offset = dayNumber - this.firstDay;
    let text = cache[offset];
    if (!text) {
      text = dateFormatters[format](this.civil(dayNumber));
      if (offset >= 0 && offset < cache.length) cache[offset] = text;
    }
    return text;
  }
}
