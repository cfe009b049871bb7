import ExcelJS from 'exceljs';
import { INTAKE_TEMPLATE_HEADER } from './intake-fields.ts';

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

export function intakeTemplateCsv(): string {
  const example = INTAKE_TEMPLATE_HEADER.map((column) => EXAMPLE_ROW[column] ?? '');
  // A BOM makes Excel open the file as UTF-8.
  return `\uFEFF${INTAKE_TEMPLATE_HEADER.join(',')}\n${example.join(',')}\n`;
}

/** The XLSX template formats identity-number columns as text so Excel cannot damage them. */
export async function intakeTemplateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Daftar Keluarga');
  sheet.columns = INTAKE_TEMPLATE_HEADER.map((header) => ({
    header,
    key: header,
    width: Math.max(12, header.length + 4),
    style: ['no_kk', 'nik', 'no_hp', 'rt', 'rw', 'tanggal_lahir', 'kode_kelurahan'].includes(header)
      ? { numFmt: '@' }
      : {},
  }));
  sheet.addRow(EXAMPLE_ROW);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
