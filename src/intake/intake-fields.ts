// The intake file's columns: canonical field names, their Indonesian/English headers and accepted aliases.

export const INTAKE_FIELDS = [
  'kkNumber',
  'nik',
  'fullName',
  'sex',
  'birthPlace',
  'birthDate',
  'relationship',
  'maritalStatus',
  'occupation',
  'address',
  'rt',
  'rw',
  'kelurahanCode',
  'phone',
  'fixedIncome',
  'covidAffected',
  'ref',
  'nikAbsenceReason',
] as const;

export type IntakeField = (typeof INTAKE_FIELDS)[number];

export interface IntakeFieldHeader {
  indonesian: string;
  english: string;
  /** Further normalised spellings seen in the field. */
  aliases: readonly string[];
}

export const INTAKE_FIELD_HEADERS: Readonly<Record<IntakeField, IntakeFieldHeader>> = {
  kkNumber: { indonesian: 'no_kk', english: 'kk_number', aliases: ['nomor_kk', 'nokk', 'kk'] },
  nik: { indonesian: 'nik', english: 'nik', aliases: ['no_nik', 'nomor_nik'] },
  fullName: { indonesian: 'nama', english: 'name', aliases: ['full_name', 'nama_lengkap'] },
  sex: { indonesian: 'jenis_kelamin', english: 'sex', aliases: ['gender'] },
  birthPlace: { indonesian: 'tempat_lahir', english: 'birth_place', aliases: ['place_of_birth'] },
  birthDate: { indonesian: 'tanggal_lahir', english: 'birth_date', aliases: ['tgl_lahir', 'date_of_birth'] },
  relationship: {
    indonesian: 'hubungan_keluarga',
    english: 'relationship',
    aliases: ['shdk', 'hubungan_dalam_keluarga'],
  },
  maritalStatus: {
    indonesian: 'status_perkawinan',
    english: 'marital_status',
    aliases: ['status_kawin'],
  },
  occupation: { indonesian: 'pekerjaan', english: 'occupation', aliases: [] },
  address: { indonesian: 'alamat', english: 'address', aliases: [] },
  rt: { indonesian: 'rt', english: 'rt', aliases: [] },
  rw: { indonesian: 'rw', english: 'rw', aliases: [] },
  kelurahanCode: {
    indonesian: 'kode_kelurahan',
    english: 'kelurahan_code',
    aliases: ['kode_desa', 'village_code'],
  },
  phone: { indonesian: 'no_hp', english: 'phone', aliases: ['nomor_hp', 'no_telepon', 'telepon'] },
  fixedIncome: { indonesian: 'penghasilan_tetap', english: 'fixed_income', aliases: [] },
  covidAffected: { indonesian: 'terdampak_covid', english: 'covid_affected', aliases: [] },
  ref: { indonesian: 'ref', english: 'ref', aliases: ['reference'] },
  nikAbsenceReason: {
    indonesian: 'alasan_tanpa_nik',
    english: 'nik_absence_reason',
    aliases: [],
  },
};

// These columns may be left out of a file entirely (their values are then not stated); every other column must be
// present, the NIK's too (an empty NIK cell says the person has none).
const OPTIONAL_COLUMNS: ReadonlySet<IntakeField> = new Set([
  'ref',
  'nikAbsenceReason',
  'phone',
  'occupation',
  'birthPlace',
  'maritalStatus',
  'fixedIncome',
  'covidAffected',
]);

export const REQUIRED_INTAKE_COLUMNS: readonly IntakeField[] = INTAKE_FIELDS.filter(
  (field) => !OPTIONAL_COLUMNS.has(field),
);

/** The downloadable template's header row, Indonesian headers in canonical order. */
export const INTAKE_TEMPLATE_HEADER: readonly string[] = INTAKE_FIELDS.map(
  (field) => INTAKE_FIELD_HEADERS[field].indonesian,
);

const FIELD_BY_HEADER: ReadonlyMap<string, IntakeField> = new Map(
  INTAKE_FIELDS.flatMap((field) => {
    const header = INTAKE_FIELD_HEADERS[field];
    return [header.indonesian, header.english, ...header.aliases].map((name) => [name, field] as const);
  }),
);

/** 'Jenis Kelamin (L/P)' and '\uFEFFNo. KK' become 'jenis_kelamin' and 'no_kk'. */
export function normaliseHeaderCell(cell: string): string {
  return cell
    .replace(/^\uFEFF/, '')
    .replace(/\([^)]*\)/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/[\s.\-_]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export interface ResolvedIntakeHeader {
  /** One entry per header cell; null for unknown, empty or repeated columns (the first occurrence wins). */
  columns: (IntakeField | null)[];
  missing: IntakeField[];
  /** Header cells, as written, that name no field, and their positions; empty cells are not listed. */
  unknown: { name: string; column: number }[];
  /** Fields named by more than one header cell, and the positions of all those cells. */
  duplicated: { field: IntakeField; columns: number[] }[];
}

export function resolveIntakeHeader(cells: string[]): ResolvedIntakeHeader {
  const firstColumn = new Map<IntakeField, number>();
  const duplicated = new Map<IntakeField, number[]>();
  const unknown: { name: string; column: number }[] = [];
  const columns = cells.map((cell, column): IntakeField | null => {
    const normalised = normaliseHeaderCell(cell);
    if (normalised === '') return null;
    const field = FIELD_BY_HEADER.get(normalised);
    if (!field) {
      unknown.push({ name: cell.replace(/^\uFEFF/, '').trim(), column });
      return null;
    }
    const first = firstColumn.get(field);
    if (first !== undefined) {
      const repeated = duplicated.get(field) ?? [first];
      repeated.push(column);
      duplicated.set(field, repeated);
      return null;
    }
    firstColumn.set(field, column);
    return field;
  });
  const missing = REQUIRED_INTAKE_COLUMNS.filter((field) => !firstColumn.has(field));
  return {
    columns,
    missing,
    unknown,
    duplicated: [...duplicated].map(([field, positions]) => ({ field, columns: positions })),
  };
}

/** A spreadsheet's name for a column by its position from 0: A, B, …, Z, AA. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let number = index + 1; number > 0; number = Math.floor((number - 1) / 26)) {
    letters = String.fromCharCode(65 + ((number - 1) % 26)) + letters;
  }
  return letters;
}
