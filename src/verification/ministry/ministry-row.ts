import { cleanIdentityNumber } from '../../intake/identity-number.ts';
import { parseIntakeDate } from '../../intake/intake-date.ts';
import { resolveListHeader } from '../../intake/list-header.ts';
import type { RegionDirectory } from '../../intake/validate-intake-row.ts';
import { normaliseRegionCode, parseNik } from '../../registry/nik.ts';

/** The Kemensos programmes whose members are not eligible for the provincial programme. */
export const MINISTRY_PROGRAMMES = ['PKH', 'BPNT', 'SEMBAKO', 'PRAKERJA', 'BST_KEMENSOS'] as const;
export type MinistryProgramme = (typeof MINISTRY_PROGRAMMES)[number];

export const MINISTRY_FIELDS = [
  'nik',
  'kkNumber',
  'fullName',
  'birthDate',
  'regionCode',
  'programme',
  'period',
  'ref',
] as const;
export type MinistryField = (typeof MINISTRY_FIELDS)[number];

const HEADER_ALIASES: Record<string, MinistryField> = {
  nik: 'nik',
  no_kk: 'kkNumber',
  kk_number: 'kkNumber',
  nama: 'fullName',
  name: 'fullName',
  full_name: 'fullName',
  tanggal_lahir: 'birthDate',
  birth_date: 'birthDate',
  kode_wilayah: 'regionCode',
  region_code: 'regionCode',
  program: 'programme',
  programme: 'programme',
  periode: 'period',
  period: 'period',
  ref: 'ref',
};

const REQUIRED_COLUMNS: MinistryField[] = ['nik', 'fullName', 'programme', 'period'];

export function resolveMinistryHeader(cells: string[]) {
  return resolveListHeader(cells, HEADER_ALIASES, REQUIRED_COLUMNS);
}

export interface MinistryProblem {
  field: MinistryField | 'row';
  code: string;
  detail?: string;
}

export interface MinistryRecord {
  nik: string | null;
  kkNumber: string | null;
  fullName: string | null;
  birthDate: string | null;
  regionCode: string | null;
  ref: string | null;
}

export interface MinistryRowContext {
  programme: MinistryProgramme;
  period: string;
  regions: RegionDirectory;
  referenceDate: Date;
  columnCount: number;
}

/**
 * Checks one ministry-list row. The list is the ministry's, not ours: a row is rejected only when it cannot
 * be matched at all (no usable NIK and no name) or does not belong to this list (programme, period).
 */
export function validateMinistryRow(
  cells: string[],
  columns: (MinistryField | null)[],
  context: MinistryRowContext,
): { record: MinistryRecord; problems: MinistryProblem[] } {
  const values: Partial<Record<MinistryField, string>> = {};
  columns.forEach((field, index) => {
    if (field) values[field] = (cells[index] ?? '').trim();
  });
  const problems: MinistryProblem[] = [];
  const record: MinistryRecord = {
    nik: null,
    kkNumber: null,
    fullName: null,
    birthDate: null,
    regionCode: null,
    ref: values.ref || null,
  };
  if (cells.length < context.columnCount)
    problems.push({ field: 'row', code: 'row_truncated', detail: `${cells.length}/${context.columnCount}` });

  if (values.nik) {
    const cleaned = cleanIdentityNumber(values.nik, 'nik');
    const error = cleaned.problems.find((problem) => problem.severity === 'error');
    if (error) problems.push({ field: 'nik', code: error.code, detail: values.nik });
    else if (cleaned.value) {
      const parsed = parseNik(cleaned.value, context.referenceDate);
      // A structurally odd NIK is still the ministry's identifier: keep it for matching, note the problem.
      record.nik = cleaned.value;
      if (!parsed.ok) problems.push({ field: 'nik', code: parsed.code, detail: cleaned.value });
    }
  }
  if (values.kkNumber) {
    const cleaned = cleanIdentityNumber(values.kkNumber, 'kk');
    if (cleaned.value && !cleaned.problems.some((problem) => problem.severity === 'error'))
      record.kkNumber = cleaned.value;
  }
  if (values.fullName) record.fullName = values.fullName.replace(/\s+/g, ' ');
  if (values.birthDate) {
    const parsed = parseIntakeDate(values.birthDate);
    if ('date' in parsed) record.birthDate = parsed.date;
    else problems.push({ field: 'birthDate', code: parsed.problem, detail: values.birthDate });
  }
  if (values.regionCode) {
    const code = normaliseRegionCode(values.regionCode);
    const known =
      code !== null &&
      (context.regions.hasVillage(code) ||
        context.regions.hasDistrict(code) ||
        context.regions.hasProvince(code) ||
        context.regions.retiredDistrict(code) !== undefined ||
        (code.length === 5 && context.regions.hasProvince(code.slice(0, 2))));
    if (known) record.regionCode = code;
    else problems.push({ field: 'regionCode', code: 'unknown_region', detail: values.regionCode });
  }
  if (!record.nik && !record.fullName) problems.push({ field: 'row', code: 'not_matchable' });
  if ((values.programme ?? '').toUpperCase() !== context.programme) {
    problems.push({ field: 'programme', code: 'programme_mismatch', detail: values.programme ?? '' });
  }
  if ((values.period ?? '') !== context.period)
    problems.push({ field: 'period', code: 'period_mismatch', detail: values.period ?? '' });
  return { record, problems };
}

// Only these make a row unusable; the others are kept as notes on an accepted row.
const REJECTING = new Set(['row_truncated', 'not_matchable', 'programme_mismatch', 'period_mismatch']);

export function isRejected(problems: MinistryProblem[]): boolean {
  return problems.some((problem) => REJECTING.has(problem.code));
}

const MESSAGES: Record<string, string> = {
  row_truncated: 'the row has fewer columns than the header (file cut off?)',
  not_matchable: 'neither a usable NIK nor a name: the row cannot be matched',
  programme_mismatch: 'the row belongs to another programme',
  period_mismatch: 'the row belongs to another period',
  unknown_region: 'unknown region code',
};

export function describeMinistryProblem(problem: { field: string; code: string; detail?: string }): string {
  const text = MESSAGES[problem.code] ?? problem.code.replaceAll('_', ' ');
  return `${problem.field}: ${text}${problem.detail ? ` (${problem.detail})` : ''}`;
}
