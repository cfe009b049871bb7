import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';

/** Reads a generated CSV file into records keyed by header (test helper). */
export async function readCsv(filePath: string, delimiter = ','): Promise<Record<string, string>[]> {
  return parse(await readFile(filePath, 'utf8'), { columns: true, delimiter, skip_empty_lines: true });
}

/** Age in whole years on a reference date, from a DD/MM/YYYY or YYYY-MM-DD cell. */
export function birthYearOf(cell: string): number {
  return cell.includes('/') ? Number(cell.slice(6, 10)) : Number(cell.slice(0, 4));
}

/** Day, month and year from a DD/MM/YYYY or YYYY-MM-DD cell. */
export function dateParts(cell: string): { day: number; month: number; year: number } {
  if (cell.includes('/'))
    return {
      day: Number(cell.slice(0, 2)),
      month: Number(cell.slice(3, 5)),
      year: Number(cell.slice(6, 10)),
    };
  return { day: Number(cell.slice(8, 10)), month: Number(cell.slice(5, 7)), year: Number(cell.slice(0, 4)) };
}
