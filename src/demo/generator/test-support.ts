import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';

/** Reads a generated CSV file into records keyed by header (test helper). */
export async function readCsv(filePath: string, delimiter = ','): Promise<Record<string, string>[]> {
  return parse(await readFile(filePath, 'utf8'), { columns: true, delimiter, skip_empty_lines: true });
}

/** Day, month and year from a DD/MM/YYYY, DD-MM-YYYY or YYYY-MM-DD cell, or an Excel serial number. */
export function dateParts(cell: string): { day: number; month: number; year: number } {
  if (/^\d{1,5}$/.test(cell)) {
    // Excel serials count days from 1899-12-30.
    const date = new Date(Date.UTC(1899, 11, 30) + Number(cell) * 86_400_000);
    return { day: date.getUTCDate(), month: date.getUTCMonth() + 1, year: date.getUTCFullYear() };
  }
  if (/^\d{2}[/-]\d{2}[/-]\d{4}$/.test(cell))
    return {
      day: Number(cell.slice(0, 2)),
      month: Number(cell.slice(3, 5)),
      year: Number(cell.slice(6, 10)),
    };
  return { day: Number(cell.slice(8, 10)), month: Number(cell.slice(5, 7)), year: Number(cell.slice(0, 4)) };
}

/** Year of birth from a date cell in any of the forms above. */
export function birthYearOf(cell: string): number {
  return dateParts(cell).year;
}
