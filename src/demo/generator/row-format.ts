import type { CivilDate } from './calendar.ts';
import { formatIsoDate, formatSlashDate } from './calendar.ts';
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
  isoDates: boolean;
}

export function submissionStyle(kelurahan: Kelurahan, rw: number, seed: number): SubmissionStyle {
  const hash = hashString(`${kelurahan.code}/${rw}/style`, seed);
  return { titleCaseNames: hash % 100 < 15, isoDates: (hash >>> 8) % 100 < 10 };
}

/** "SITI AMINAH" → "Siti Aminah"; abbreviations with dots (H., S.PD.) stay as they are. */
export function titleCase(name: string): string {
  return name
    .split(' ')
    .map((word) => (word.includes('.') || word.length === 0 ? word : word[0] + word.slice(1).toLowerCase()))
    .join(' ');
}

/** A birth date cell, with day and month exchanged when Excel damaged it. */
export function birthDateCell(date: CivilDate | null, swapDayMonth: boolean, isoDates: boolean): string {
  if (!date) return '';
  const shown = swapDayMonth ? { year: date.year, month: date.day, day: date.month } : date;
  return isoDates ? formatIsoDate(shown) : formatSlashDate(shown);
}
