// The intake file's columns (Indonesian headers) and the field names the server uses in problems.

export const INTAKE_HEADERS = [
  'no_kk',
  'nik',
  'nama',
  'jenis_kelamin',
  'tempat_lahir',
  'tanggal_lahir',
  'hubungan_keluarga',
  'status_perkawinan',
  'pekerjaan',
  'alamat',
  'rt',
  'rw',
  'kode_kelurahan',
  'no_hp',
  'penghasilan_tetap',
  'terdampak_covid',
  'ref',
] as const;

export type IntakeHeader = (typeof INTAKE_HEADERS)[number] | 'alasan_tanpa_nik';

const HEADER_BY_FIELD: Readonly<Record<string, IntakeHeader>> = {
  kkNumber: 'no_kk',
  nik: 'nik',
  fullName: 'nama',
  sex: 'jenis_kelamin',
  birthPlace: 'tempat_lahir',
  birthDate: 'tanggal_lahir',
  relationship: 'hubungan_keluarga',
  maritalStatus: 'status_perkawinan',
  occupation: 'pekerjaan',
  address: 'alamat',
  rt: 'rt',
  rw: 'rw',
  kelurahanCode: 'kode_kelurahan',
  phone: 'no_hp',
  fixedIncome: 'penghasilan_tetap',
  covidAffected: 'terdampak_covid',
  ref: 'ref',
  nikAbsenceReason: 'alasan_tanpa_nik',
};

/** The header a problem's field refers to; problems may name the field ('kkNumber') or the header ('no_kk'). */
export function headerOfField(field: string): string {
  return HEADER_BY_FIELD[field] ?? field;
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
