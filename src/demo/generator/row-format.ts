import type { CivilDate, DateFormat } from './calendar.ts';
import { dateFormatters, excelSerial } from './calendar.ts';
import type { Kelurahan } from './region-pool.ts';
import { hashString } from './seeded-random.ts';

const threeDigits: string[] = Array.from({ length: 1000 }, (_unused, value) =>
  String(value).padStart(3, '0'),
);

/** RT/RW as the KK writes them: "003". */
export function pad3(value: number): string {
  return threeDigits[value] ?? String(value);
}

/** How one RW's spreadsheet looks: each RW head types names and dates their own way. */
export interface SubmissionStyle {
  titleCaseNames: boolean;
  dateFormat: DateFormat;
}

export function submissionStyle(kelurahan: Kelurahan, rw: number, seed: number): SubmissionStyle {
  const hash = hashString(`${kelurahan.code}/${rw}/style`, seed);
  const dateRoll = (hash >>> 8) % 100;
  // Most write DD/MM/YYYY as on the KK; some YYYY-MM-DD, some DD-MM-YYYY.
  const dateFormat: DateFormat = dateRoll < 10 ? 'iso' : dateRoll < 18 ? 'dash' : 'slash';
  return { titleCaseNames: hash % 100 < 15, dateFormat };
}

/** "SITI AMINAH" → "Siti Aminah"; abbreviations with dots (H., S.PD.) stay as they are. */
export function titleCase(name: string): string {
  return name
    .split(' ')
    .map((word) => (word.includes('.') || word.length === 0 ? word : word[0] + word.slice(1).toLowerCase()))
    .join(' ');
}

/** A birth date cell, with day and month exchanged or shown as a serial number when Excel damaged it. */
export function birthDateCell(
  date: CivilDate | null,
  swapDayMonth: boolean,
  asExcelSerial: boolean,
  format: DateFormat,
): string {
  if (!date) return '';
  const shown = swapDayMonth ? { year: date.year, month: date.day, day: date.month } : date;
  return asExcelSerial ? excelSerial(shown) : dateFormatters[format](shown);
}
