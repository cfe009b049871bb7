// Human messages, Bahasa Indonesia and English, for every intake problem code.
import type { Language } from '../language.ts';
import type { KkProblemCode, KkWarningCode, NikProblemCode } from '../registry/nik.ts';
import type { IdentityNumberProblemCode } from './identity-number.ts';
import type { IntakeDateProblemCode } from './intake-date.ts';
import type { IntakeField } from './intake-fields.ts';
import type { FamilyProblemCode, FileProblemCode, RowCheckProblemCode, RowProblem } from './row-problem.ts';

export type IntakeProblemCode =
  | NikProblemCode
  | KkProblemCode
  | KkWarningCode
  | IdentityNumberProblemCode
  | IntakeDateProblemCode
  | RowCheckProblemCode
  | FamilyProblemCode
  | FileProblemCode;

export interface ProblemMessage {
  id: string;
  en: string;
}

export const FIELD_LABELS: Readonly<Record<IntakeField, ProblemMessage>> = {
  kkNumber: { id: 'No. KK', en: 'KK number' },
  nik: { id: 'NIK', en: 'NIK' },
  fullName: { id: 'Nama', en: 'Name' },
  sex: { id: 'Jenis kelamin', en: 'Sex' },
  birthPlace: { id: 'Tempat lahir', en: 'Birth place' },
  birthDate: { id: 'Tanggal lahir', en: 'Birth date' },
  relationship: { id: 'Hubungan keluarga', en: 'Relationship' },
  maritalStatus: { id: 'Status perkawinan', en: 'Marital status' },
  occupation: { id: 'Pekerjaan', en: 'Occupation' },
  address: { id: 'Alamat', en: 'Address' },
  rt: { id: 'RT', en: 'RT' },
  rw: { id: 'RW', en: 'RW' },
  kelurahanCode: { id: 'Kode kelurahan', en: 'Kelurahan code' },
  phone: { id: 'No. HP', en: 'Phone' },
  fixedIncome: { id: 'Penghasilan tetap', en: 'Fixed income' },
  covidAffected: { id: 'Terdampak COVID', en: 'COVID-affected' },
  ref: { id: 'Ref', en: 'Ref' },
  nikAbsenceReason: { id: 'Alasan tanpa NIK', en: 'Reason for no NIK' },
};

const FAMILY_LABEL: ProblemMessage = { id: 'Keluarga', en: 'Family' };

export const PROBLEM_MESSAGES: Readonly<Record<IntakeProblemCode, ProblemMessage>> = {
  nik_not_16_digits: {
    id: 'harus 16 digit, tertulis {{digits}} digit',
    en: 'must be 16 digits, found {{digits}}',
  },
  nik_non_digit: { id: 'hanya boleh berisi angka', en: 'may contain digits only' },
  nik_invalid_province: {
    id: 'kode provinsi {{code}} tidak ada',
    en: 'province code {{code}} does not exist',
  },
  nik_invalid_region: {
    id: 'kode wilayah {{code}} tidak mungkin (kab/kota atau kecamatan 00)',
    en: 'region code {{code}} is impossible (regency or district 00)',
  },
  nik_invalid_birth_date: {
    id: 'bagian tanggal lahir ({{value}}) bukan tanggal yang mungkin (DDMMYY, tanggal +40 untuk perempuan)',
    en: 'the birth date part ({{value}}) is not a possible date (DDMMYY, day +40 for women)',
  },
  nik_serial_zero: {
    id: 'nomor urut 0000 tidak pernah diterbitkan',
    en: 'serial 0000 is never issued',
  },
  kk_not_16_digits: {
    id: 'harus 16 digit, tertulis {{digits}} digit',
    en: 'must be 16 digits, found {{digits}}',
  },
  kk_non_digit: { id: 'hanya boleh berisi angka', en: 'may contain digits only' },
  kk_invalid_province: {
    id: 'kode provinsi {{code}} tidak ada',
    en: 'province code {{code}} does not exist',
  },
  kk_unusual_issue_date: {
    id: 'bagian tanggal terbit ({{value}}) tidak lazim; periksa kembali nomor KK',
    en: 'the issue date part ({{value}}) is unusual; please double-check the KK number',
  },
  kk_serial_zero: {
    id: 'nomor urut 0000 tidak lazim; periksa kembali nomor KK',
    en: 'serial 0000 is unusual; please double-check the KK number',
  },
  excel_scientific_notation: {
    id: 'rusak oleh Excel (notasi ilmiah {{value}}), digit asli hilang',
    en: 'damaged by Excel (scientific notation {{value}}), the original digits are lost',
  },
  excel_trailing_digits_lost: {
    id: 'rusak oleh Excel ({{value}}): digit terakhir menjadi 0 karena batas 15 digit; simpan kolom sebagai Teks dan ketik ulang',
    en: 'damaged by Excel ({{value}}): the last digits became 0 under its 15-digit limit; format the column as Text and retype it',
  },
  excel_decimal_suffix: {
    id: 'akhiran desimal dari Excel dihapus ({{value}})',
    en: 'Excel decimal suffix removed ({{value}})',
  },
  identity_number_separators: {
    id: 'spasi, titik atau tanda hubung dihapus ({{value}})',
    en: 'spaces, dots or dashes removed ({{value}})',
  },
  identity_number_digit_lost: {
    id: '15 digit ({{value}}): satu digit hilang, misalnya digit awal atau akhir terpotong di Excel',
    en: '15 digits ({{value}}): a digit is missing, e.g. a leading or trailing digit lost in Excel',
  },
  identity_number_too_short: {
    id: 'hanya {{digits}} digit ({{value}}), harus 16 digit',
    en: 'only {{digits}} digits ({{value}}), must be 16',
  },
  identity_number_too_long: {
    id: '{{digits}} digit ({{value}}), harus tepat 16 digit',
    en: '{{digits}} digits ({{value}}), must be exactly 16',
  },
  identity_number_non_digit: {
    id: 'berisi huruf atau tanda selain angka ({{value}})',
    en: 'contains letters or symbols other than digits ({{value}})',
  },
  date_invalid: {
    id: 'tanggal tidak ada di kalender ({{value}})',
    en: 'not a real calendar date ({{value}})',
  },
  date_unrecognised: {
    id: 'format tanggal tidak dikenali ({{value}}); gunakan DD/MM/YYYY',
    en: 'date format not recognised ({{value}}); use DD/MM/YYYY',
  },
  date_year_only: {
    id: 'hanya tahun ({{value}}); isi tanggal lengkap DD/MM/YYYY',
    en: 'only a year ({{value}}); give the full date as DD/MM/YYYY',
  },
  required: { id: 'wajib diisi', en: 'is required' },
  value_too_long: {
    id: 'terlalu panjang ({{length}} karakter, paling banyak {{limit}})',
    en: 'too long ({{length}} characters, at most {{limit}})',
  },
  formula_not_allowed: {
    id: 'berisi rumus spreadsheet ({{value}}); isi nilainya saja',
    en: 'contains a spreadsheet formula ({{value}}); enter the plain value',
  },
  quote_not_closed: {
    id: 'berisi ganti baris lalu baris-baris berikutnya ({{value}}): kemungkinan ada tanda kutip (") yang tidak ditutup, sehingga baris sesudahnya terbaca masuk ke sel ini',
    en: 'contains a line break and then what look like the following rows ({{value}}): perhaps a quote (") is not closed, and the rows after it were read into this cell',
  },
  line_break_in_cell: {
    id: 'berisi ganti baris (disimpan sebagai spasi): mungkin ada tanda kutip (") yang tidak ditutup',
    en: 'contains a line break (kept as a space): perhaps a quote (") is not closed',
  },
  name_invalid: {
    id: 'nama harus berisi huruf dan tidak boleh berisi angka ({{value}})',
    en: 'a name must contain letters and no digits ({{value}})',
  },
  sex_invalid: {
    id: 'tidak dikenali ({{value}}); isi L atau P',
    en: 'not recognised ({{value}}); use L or P',
  },
  relationship_invalid: {
    id: 'tidak dikenali ({{value}}); gunakan istilah KK seperti KEPALA KELUARGA, ISTRI, ANAK',
    en: 'not recognised ({{value}}); use KK wording such as KEPALA KELUARGA, ISTRI, ANAK',
  },
  marital_status_invalid: {
    id: 'tidak dikenali ({{value}}); isi BELUM KAWIN, KAWIN, CERAI HIDUP atau CERAI MATI',
    en: 'not recognised ({{value}}); use BELUM KAWIN, KAWIN, CERAI HIDUP or CERAI MATI',
  },
  yes_no_invalid: {
    id: 'tidak dikenali ({{value}}); isi Y atau T',
    en: 'not recognised ({{value}}); use Y or T',
  },
  rt_invalid: {
    id: 'nomor RT tidak sah ({{value}}); isi angka 1 sampai 999',
    en: 'invalid RT number ({{value}}); use a number from 1 to 999',
  },
  rw_invalid: {
    id: 'nomor RW tidak sah ({{value}}); isi angka 1 sampai 999',
    en: 'invalid RW number ({{value}}); use a number from 1 to 999',
  },
  kelurahan_code_invalid: {
    id: 'bukan kode kelurahan ({{value}}); contoh 31.74.01.1001',
    en: 'not a kelurahan code ({{value}}); e.g. 31.74.01.1001',
  },
  unknown_kelurahan: {
    id: 'kode kelurahan {{code}} tidak terdaftar',
    en: 'kelurahan code {{code}} is not in the region list',
  },
  phone_invalid: {
    id: 'nomor HP tidak sah ({{value}}), tidak disimpan; contoh 081234567890',
    en: 'invalid mobile number ({{value}}), not kept; e.g. 081234567890',
  },
  nik_missing: {
    id: 'kosong; isi NIK atau alasan tanpa NIK (keluarga akan diverifikasi lapangan)',
    en: 'empty; give the NIK or a reason for having none (the family will be field-verified)',
  },
  nik_unknown_region: {
    id: 'kode kecamatan {{code}} pada NIK tidak terdaftar',
    en: 'district code {{code}} in the NIK is not in the region list',
  },
  nik_region_split: {
    id: 'kode kecamatan {{code}} ({{name}}) pada NIK sudah dimekarkan menjadi {{successors}}; NIK tetap berlaku',
    en: 'district code {{code}} ({{name}}) in the NIK has since been split into {{successors}}; the NIK stays valid',
  },
  nik_birth_date_mismatch: {
    id: 'tanggal lahir pada NIK ({{nikDate}}) berbeda dengan tanggal lahir ({{rowDate}})',
    en: 'the birth date in the NIK ({{nikDate}}) differs from the birth date given ({{rowDate}})',
  },
  birth_date_day_month_swapped: {
    id: 'tanggal dan bulan tertukar: NIK menunjukkan {{nikDate}}, tertulis {{rowDate}}',
    en: 'day and month are swapped: the NIK says {{nikDate}}, the row says {{rowDate}}',
  },
  nik_sex_mismatch: {
    id: 'NIK menunjukkan jenis kelamin {{nikSex}} (tanggal +40 berarti perempuan), tertulis {{rowSex}}',
    en: 'the NIK says sex {{nikSex}} (day +40 means a woman), the row says {{rowSex}}',
  },
  kk_unknown_province: {
    id: 'kode provinsi {{code}} pada No. KK tidak terdaftar',
    en: 'province code {{code}} in the KK number is not in the region list',
  },
  birth_date_in_future: {
    id: 'tanggal lahir {{date}} belum terjadi',
    en: 'birth date {{date}} is in the future',
  },
  birth_date_too_old: {
    id: 'tanggal lahir {{date}} berarti umur {{age}} tahun, tidak mungkin',
    en: 'birth date {{date}} means an age of {{age}} years, which is impossible',
  },
  family_no_head: {
    id: 'tidak ada anggota dengan hubungan KEPALA KELUARGA',
    en: 'no member has the relationship KEPALA KELUARGA (head)',
  },
  family_two_heads: {
    id: 'lebih dari satu KEPALA KELUARGA dalam satu KK',
    en: 'more than one KEPALA KELUARGA (head) on one KK',
  },
  family_head_rejected: {
    id: 'baris KEPALA KELUARGA ditolak: perbaiki baris itu dulu, lalu baris ini ikut diterima',
    en: "the head's row (KEPALA KELUARGA) is rejected: correct it first, and this row is accepted with it",
  },
  outside_area: {
    id: 'keluarga ini di luar wilayah Anda ({{area}})',
    en: 'this family lies outside your area ({{area}})',
  },
  duplicate_row_in_file: {
    id: 'baris ini sama dengan baris {{row}} dalam berkas yang sama',
    en: 'this row repeats row {{row}} of the same file',
  },
  file_empty: { id: 'berkas kosong', en: 'the file is empty' },
  file_binary: {
    id: 'berkas ini bukan CSV atau XLSX yang dapat dibaca (berisi data biner)',
    en: 'this is not a readable CSV or XLSX file (it contains binary data)',
  },
  file_wrong_encoding: {
    id: 'berkas bukan UTF-8; simpan ulang sebagai "CSV UTF-8"',
    en: 'the file is not UTF-8; save it again as "CSV UTF-8"',
  },
  file_missing_columns: {
    id: 'kolom wajib tidak ada: {{columns}}',
    en: 'required columns are missing: {{columns}}',
  },
  file_duplicate_columns: {
    id: 'kolom muncul lebih dari sekali: {{columns}}; sisakan satu untuk setiap kolom',
    en: 'columns appear more than once: {{columns}}; keep one of each',
  },
  file_line_too_long: {
    id: 'ada baris lebih dari 1 MB (periksa tanda kutip yang tidak ditutup); berkas ini kemungkinan bukan daftar pendataan',
    en: 'a row is longer than 1 MB (check for an unclosed quote); the file is probably not an intake list',
  },
  file_row_too_long: {
    id: 'baris ini lebih dari 1 MB (kolom {{column}}); berkas ini kemungkinan bukan daftar pendataan',
    en: 'the row is longer than 1 MB (column {{column}}); the file is probably not an intake list',
  },
  file_cell_too_long: {
    id: 'ada sel berisi teks lebih dari 1 MB; berkas ini kemungkinan bukan daftar pendataan',
    en: 'a cell holds more than 1 MB of text; the file is probably not an intake list',
  },
  file_unpacked_too_large: {
    id: 'isi buku kerja terlalu besar setelah dibuka ({{part}}: {{size}} MB, paling banyak {{limit}} MB); berkas ini kemungkinan bukan daftar pendataan',
    en: 'the workbook unpacks to too much ({{part}}: {{size}} MB, at most {{limit}} MB); the file is probably not an intake list',
  },
  file_ods: {
    id: 'ini lembar kerja OpenDocument (.ods), bukan XLSX atau CSV; simpan sebagai XLSX atau "CSV UTF-8"',
    en: 'this is an OpenDocument spreadsheet (.ods), not XLSX or CSV; save it as XLSX or as "CSV UTF-8"',
  },
  file_zip_archive: {
    id: 'ini arsip zip, bukan buku kerja XLSX; buka arsipnya dan unggah berkas CSV atau XLSX di dalamnya',
    en: 'this is a zip archive, not an XLSX workbook; unpack it and upload the CSV or XLSX file inside',
  },
  file_legacy_xls: {
    id: 'ini buku kerja Excel 97-2003 (.xls) atau buku kerja berkata sandi; simpan sebagai XLSX tanpa kata sandi, atau sebagai "CSV UTF-8"',
    en: 'this is an Excel 97-2003 workbook (.xls) or a workbook protected by a password; save it as XLSX without a password, or as "CSV UTF-8"',
  },
  file_header_not_found: {
    id: 'kolom wajib tidak ada: {{columns}}; nama kolom harus ada di baris pertama (hapus baris judul di atasnya)',
    en: 'required columns are missing: {{columns}}; the column names must be in the first row (remove any title rows above them)',
  },
  file_no_rows: {
    id: 'tidak ada baris di bawah judul kolom',
    en: 'there are no rows under the header',
  },
  file_unreadable: { id: 'berkas tidak dapat dibaca', en: 'the file cannot be read' },
  file_too_large: { id: 'berkas lebih besar dari 2 GB', en: 'larger than 2 GB' },
};

export function isKnownProblemCode(code: string): code is IntakeProblemCode {
  return Object.hasOwn(PROBLEM_MESSAGES, code);
}

function interpolate(template: string, params: Record<string, string | number> | undefined): string {
  // A missing parameter shows as '?' so a message never leaks its placeholder syntax.
  return template.replace(/\{\{(\w+)\}\}/g, (_placeholder, name: string) =>
    params && Object.hasOwn(params, name) ? String(params[name]) : '?',
  );
}

/** E.g. "NIK: rusak oleh Excel (notasi ilmiah 3.17401E+15), digit asli hilang". */
export function formatProblem(problem: RowProblem, language: Language): string {
  const message = isKnownProblemCode(problem.code)
    ? interpolate(PROBLEM_MESSAGES[problem.code][language], problem.params)
    : problem.code;
  if (problem.field === 'row') return message;
  const label = problem.field === 'family' ? FAMILY_LABEL : FIELD_LABELS[problem.field];
  return label ? `${label[language]}: ${message}` : message;
}
