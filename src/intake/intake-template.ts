// The downloadable templates hold no family: an RT/RW head who sends one unchanged sends nothing. The XLSX
// template's example and column explanations sit on a second sheet, which intake never reads.
import ExcelJS from 'exceljs';
import { INTAKE_TEMPLATE_HEADER } from './intake-fields.ts';

export const INSTRUCTIONS_SHEET_NAME = 'Petunjuk';

const EXAMPLE_ROW: Record<string, string> = {
  no_kk: '3174010102090001',
  nik: '3174010101800001',
  nama: 'BUDI SANTOSO',
  jenis_kelamin: 'L',
  tempat_lahir: 'JAKARTA',
  tanggal_lahir: '01/01/1980',
  hubungan_keluarga: 'KEPALA KELUARGA',
  status_perkawinan: 'KAWIN',
  pekerjaan: 'PEDAGANG',
  alamat: 'JL. TEBET TIMUR DALAM II NO. 5',
  rt: '001',
  rw: '001',
  kode_kelurahan: '31.74.01.1001',
  no_hp: '081234567890',
  penghasilan_tetap: 'T',
  terdampak_covid: 'Y',
  ref: '',
  alasan_tanpa_nik: '',
};

/** What to write in each column, in Bahasa Indonesia (the template's readers are RT/RW heads). */
const COLUMN_EXPLANATIONS: Record<string, string> = {
  no_kk: 'Wajib. Nomor Kartu Keluarga, 16 digit. Semua anggota satu keluarga memakai No. KK yang sama.',
  nik: 'Nomor Induk Kependudukan, 16 digit. Kosongkan bila belum punya NIK dan isi kolom alasan_tanpa_nik.',
  nama: 'Wajib. Nama lengkap seperti di KK, tanpa angka.',
  jenis_kelamin: 'Wajib. L (laki-laki) atau P (perempuan).',
  tempat_lahir: 'Boleh kosong. Kota atau kabupaten tempat lahir.',
  tanggal_lahir: 'Wajib. Tanggal/bulan/tahun seperti di KK, misalnya 17/08/1980.',
  hubungan_keluarga:
    'Wajib. Hubungan dengan kepala keluarga: KEPALA KELUARGA, SUAMI, ISTRI, ANAK, MENANTU, CUCU, ORANG TUA, MERTUA, FAMILI LAIN, PEMBANTU atau LAINNYA.',
  status_perkawinan: 'Boleh kosong. BELUM KAWIN, KAWIN, CERAI HIDUP atau CERAI MATI.',
  pekerjaan: 'Boleh kosong. Pekerjaan seperti di KK.',
  alamat: 'Wajib. Alamat rumah seperti di KK.',
  rt: 'Wajib. Nomor RT, misalnya 001.',
  rw: 'Wajib. Nomor RW, misalnya 001.',
  kode_kelurahan: 'Wajib. Kode kelurahan, misalnya 31.74.01.1001 untuk Tebet Timur.',
  no_hp: 'Boleh kosong. Nomor HP keluarga.',
  penghasilan_tetap:
    'Y (ya), T (tidak), atau kosong bila belum tahu. Apakah keluarga punya penghasilan tetap?',
  terdampak_covid: 'Y (ya), T (tidak), atau kosong bila belum tahu. Apakah keluarga terdampak COVID-19?',
  ref: 'Boleh kosong. Catatan atau nomor rujukan Anda sendiri.',
  alasan_tanpa_nik: 'Diisi bila kolom nik kosong, misalnya "belum rekam KTP".',
};

// Excel must keep these as typed: leading zeros and 16-digit numbers are lost otherwise.
const TEXT_COLUMNS = ['no_kk', 'nik', 'no_hp', 'rt', 'rw', 'tanggal_lahir', 'kode_kelurahan'];

/** The header only: a CSV has nowhere to put an example that would not be read as a family. */
export function intakeTemplateCsv(): string {
  // A BOM makes Excel open the file as UTF-8.
  return `\uFEFF${INTAKE_TEMPLATE_HEADER.join(',')}\n`;
}

/**
 * The header on the first sheet, identity-number columns formatted as text so Excel cannot damage them; the
 * sheet "Petunjuk" shows an example row and what each column holds.
 */
export async function intakeTemplateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Daftar Keluarga');
  sheet.columns = INTAKE_TEMPLATE_HEADER.map((header) => ({
    header,
    key: header,
    width: Math.max(12, header.length + 4),
    style: TEXT_COLUMNS.includes(header) ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };

  const instructions = workbook.addWorksheet(INSTRUCTIONS_SHEET_NAME);
  instructions.columns = [
    { key: 'column', width: 22 },
    { key: 'example', width: 34, style: { numFmt: '@' } },
    { key: 'explanation', width: 90 },
  ];
  instructions.addRow([
    'Isi daftar pada lembar "Daftar Keluarga": satu baris untuk setiap anggota keluarga. Lembar ini tidak dibaca saat diunggah.',
  ]).font = { bold: true };
  instructions.addRow([
    'Contoh di bawah bukan keluarga sungguhan; jangan menyalinnya ke lembar "Daftar Keluarga".',
  ]);
  instructions.addRow([]);
  instructions.addRow(['Kolom', 'Contoh', 'Penjelasan']).font = { bold: true };
  for (const column of INTAKE_TEMPLATE_HEADER) {
    instructions.addRow([column, EXAMPLE_ROW[column] ?? '', COLUMN_EXPLANATIONS[column] ?? '']);
  }
  instructions.getColumn('explanation').alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
