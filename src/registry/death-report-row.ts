// One row of a civil-registry (Dukcapil) list of deaths, read and checked without I/O; and whether it names the member.
import { cleanIdentityNumber } from '../intake/identity-number.ts';
import { parseIntakeDate } from '../intake/intake-date.ts';
import { resolveListHeader } from '../intake/list-header.ts';
import { jaroWinklerSimilarity } from '../verification/matching/jaro-winkler.ts';
import { normaliseName } from '../verification/matching/normalise-name.ts';

export type DeathReportField = 'nik' | 'fullName' | 'deathDate' | 'ref';

const HEADER_ALIASES: Record<string, DeathReportField> = {
  nik: 'nik',
  no_nik: 'nik',
  nama: 'fullName',
  name: 'fullName',
  nama_lengkap: 'fullName',
  full_name: 'fullName',
  tanggal_meninggal: 'deathDate',
  tgl_meninggal: 'deathDate',
  tanggal_kematian: 'deathDate',
  death_date: 'deathDate',
  date_of_death: 'deathDate',
  ref: 'ref',
};

const REQUIRED: readonly DeathReportField[] = ['nik', 'fullName', 'deathDate'];

/** The English header of each field, as messages name them. */
export const DEATH_REPORT_HEADERS: Record<DeathReportField, string> = {
  nik: 'nik',
  fullName: 'nama',
  deathDate: 'tanggal_meninggal',
  ref: 'ref',
};

export function resolveDeathReportHeader(cells: string[]) {
  return resolveListHeader(cells, HEADER_ALIASES, REQUIRED);
}

export interface DeathReportRecord {
  nik: string | null;
  fullName: string | null;
  deathDate: string | null;
  ref: string | null;
}

export interface DeathReportProblem {
  field: DeathReportField;
  code: 'required' | 'nik_invalid' | 'date_invalid' | 'date_in_future';
  message: { en: string; id: string };
}

/** Reads a row: an NIK it cannot use, a missing name or an unreadable or future date rejects it, with reasons. */
export function validateDeathReportRow(
  cells: readonly string[],
  columns: readonly (DeathReportField | null)[],
  referenceDate: Date,
): { record: DeathReportRecord; problems: DeathReportProblem[] } {
  const text: Partial<Record<DeathReportField, string>> = {};
  columns.forEach((field, index) => {
    if (field) text[field] = (cells[index] ?? '').trim();
  });
  const problems: DeathReportProblem[] = [];
  const required = (field: DeathReportField) =>
    problems.push({
      field,
      code: 'required',
      message: {
        en: `${DEATH_REPORT_HEADERS[field]}: required`,
        id: `${DEATH_REPORT_HEADERS[field]}: wajib diisi`,
      },
    });

  let nik: string | null = null;
  if (!text.nik) required('nik');
  else {
    const cleaned = cleanIdentityNumber(text.nik, 'nik');
    // Recording a death needs the person's number exactly: a damaged one could name someone else.
    if (cleaned.value === null || cleaned.problems.some((problem) => problem.severity === 'error'))
      problems.push({
        field: 'nik',
        code: 'nik_invalid',
        message: {
          en: `nik: '${text.nik}' is not a 16-digit NIK`,
          id: `nik: '${text.nik}' bukan NIK 16 digit`,
        },
      });
    else nik = cleaned.value;
  }
  const fullName = text.fullName ? text.fullName : null;
  if (!fullName) required('fullName');

  let deathDate: string | null = null;
  if (!text.deathDate) required('deathDate');
  else {
    const parsed = parseIntakeDate(text.deathDate);
    if ('problem' in parsed)
      problems.push({
        field: 'deathDate',
        code: 'date_invalid',
        message: {
          en: `tanggal_meninggal: '${text.deathDate}' is not a date (DD/MM/YYYY or YYYY-MM-DD)`,
          id: `tanggal_meninggal: '${text.deathDate}' bukan tanggal (HH/BB/TTTT atau TTTT-BB-HH)`,
        },
      });
    else if (parsed.date > referenceDate.toISOString().slice(0, 10))
      problems.push({
        field: 'deathDate',
        code: 'date_in_future',
        message: {
          en: `tanggal_meninggal: ${parsed.date} is after today`,
          id: `tanggal_meninggal: ${parsed.date} melewati hari ini`,
        },
      });
    else deathDate = parsed.date;
  }
  return { record: { nik, fullName, deathDate, ref: text.ref || null }, problems };
}

/**
 * Whether a death list's name is the registry member's, allowing for the spellings lists differ by (old spelling,
 * titles, Muhammad/M., joined names): the NIK finds the member, the name guards against a mistyped NIK.
 */
export function namesAgree(listed: string, registered: string): boolean {
  const left = normaliseName(listed);
  const right = normaliseName(registered);
  if (left.concatenated === '' || right.concatenated === '') return false;
  if (left.concatenated === right.concatenated) return true;
  // Every word of the shorter name is found in the longer (BUDI in BUDI SANTOSO), each allowing for a typo.
  const [shorter, longer] =
    left.givenTokens.length <= right.givenTokens.length
      ? [left.givenTokens, right.givenTokens]
      : [right.givenTokens, left.givenTokens];
  return shorter.every((token) =>
    longer.some((other) => other === token || jaroWinklerSimilarity(token, other) >= 0.9),
  );
}
