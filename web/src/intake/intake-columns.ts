// The intake file's columns (Indonesian headers) and the field names the server uses in problems.

import {
  INTAKE_FIELD_HEADERS,
  INTAKE_FIELDS,
  INTAKE_TEMPLATE_HEADER,
} from '../../../src/intake/intake-fields.ts';

/** Every column of the intake template, in order (the server's list, so the two never drift apart). */
export const INTAKE_HEADERS = INTAKE_TEMPLATE_HEADER;

export type IntakeHeader = string;

const HEADER_BY_FIELD: ReadonlyMap<string, string> = new Map(
  INTAKE_FIELDS.map((field) => [field, INTAKE_FIELD_HEADERS[field].indonesian]),
);

/** The header a problem's field refers to; problems may name the field ('kkNumber') or the header ('no_kk'). */
export function headerOfField(field: string): string {
  return HEADER_BY_FIELD.get(field) ?? field;
}

/** What the edit form says about the expected format of a column. */
export const HEADER_HINT_KEYS: Partial<Record<IntakeHeader, string>> = {
  no_kk: 'hint.sixteenDigits',
  nik: 'hint.sixteenDigits',
  jenis_kelamin: 'hint.sex',
  tanggal_lahir: 'hint.date',
  penghasilan_tetap: 'hint.yesNo',
  terdampak_covid: 'hint.yesNo',
  kode_kelurahan: 'hint.kelurahanCode',
};
