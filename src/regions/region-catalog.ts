import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export type RegionLevel = 1 | 2 | 3 | 4;

export interface RegionEntry {
  code: string;
  level: RegionLevel;
  name: string;
  parentCode: string | null;
}

export interface RegionCatalog {
  provinces: RegionEntry[];
  regencies: RegionEntry[];
  districts: RegionEntry[];
  villages: RegionEntry[];
}

const require = createRequire(import.meta.url);

// idn-area-data ships Kemendagri codes as CSV; reading the files directly avoids its async transform layer.
function areaDataDirectory(): string {
  return path.join(path.dirname(require.resolve('idn-area-data/package.json')), 'data');
}

async function readAreaCsv(fileName: string): Promise<string[][]> {
  const text = await readFile(path.join(areaDataDirectory(), fileName), 'utf8');
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  return lines.slice(1).map(splitCsvLine);
}

// The area files quote only names containing commas, so a small splitter suffices.
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const character = line[index];
    if (character === '"') {
      if (quoted && line[index + 1] === '"') {
        current += '"';
        index++;
      } else {
        quoted = !quoted;
      }
    } else if (character === ',' && !quoted) {
      cells.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  cells.push(current);
  return cells;
}

/** Every Indonesian region with its Kemendagri code, from the idn-area-data package. */
export async function loadRegionCatalog(): Promise<RegionCatalog> {
  const [provinces, regencies, districts, villages] = await Promise.all([
    readAreaCsv('provinces.csv'),
    readAreaCsv('regencies.csv'),
    readAreaCsv('districts.csv'),
    readAreaCsv('villages.csv'),
  ]);
  return {
    provinces: provinces.map(([code, name]) => ({ code, name: titleCase(name), level: 1, parentCode: null })),
    regencies: regencies.map(([code, parentCode, name]) => ({
      code,
      name: titleCase(name),
      level: 2,
      parentCode,
    })),
    districts: districts.map(([code, parentCode, name]) => ({ code, name, level: 3, parentCode })),
    villages: villages.map(([code, parentCode, name]) => ({ code, name, level: 4, parentCode })),
  };
}

// Province and regency names come upper-case; officers read them in title case, as the names are written
// (DKI Jakarta, Pangkajene dan Kepulauan).
export function titleCase(name: string): string {
  return name
    .toLowerCase()
    .replace(/(^|[\s(-])(\p{L})/gu, (_match, before: string, letter: string) => before + letter.toUpperCase())
    .replace(/(^|\s)Dki(?=\s|$)/g, '$1DKI')
    .replace(/\sDan(?=\s)/g, ' dan');
}

/** Dotted code '31.74.01' from the undotted '317401' used inside NIK and KK numbers. */
export function dottedRegionCode(digits: string): string {
  const parts = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 6), digits.slice(6)].filter(
    (part) => part.length > 0,
  );
  return parts.join('.');
}
