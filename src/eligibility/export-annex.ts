// The printable annex of a recipient list (lampiran penetapan): eligible families per kelurahan with totals,
// as XLSX (one sheet per kelurahan) or PDF (one section per kelurahan). Read from the snapshot rows only.
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { recordPersonalDataRead } from '../audit/record-audit.ts';
import { actorOf, type SessionUser } from '../auth/session-user.ts';
import type { DatabaseClient } from '../db/database.ts';
import { notFound } from '../http/http-error.ts';
import { maskIdentityNumber } from '../registry/mask.ts';
import { countByKelurahan, findCycle, listRecipients } from './eligibility-repository.ts';
import { requireReadableDetermination } from './view-determination.ts';

export interface ExportAnnexOptions {
  db: DatabaseClient;
  user: SessionUser;
  determinationId: number;
  kelurahanCode?: string;
  format: 'xlsx' | 'pdf';
}

interface AnnexRow {
  number: number;
  kkNumberMasked: string;
  headName: string;
  collectorName: string;
  address: string;
  rt: string;
  rw: string;
  members: number;
  amount: number;
  notes: string;
}

interface AnnexSection {
  kelurahanCode: string;
  kelurahanName: string;
  rows: AnnexRow[];
  totalAmount: number;
}

const FLAG_NOTES: Record<string, string> = {
  heir_collects: 'ahli waris',
  new_collection_site: 'lokasi baru',
  domicile_statement: 'SK domisili',
  field_visit: 'kunjungan lapangan',
};

const rupiah = (value: number) => `Rp${value.toLocaleString('id-ID')}`;

export async function exportAnnex({ db, user, determinationId, kelurahanCode, format }: ExportAnnexOptions) {
  // The same access rules and area as reading the list on screen.
  const { row: determination, scope } = await requireReadableDetermination({ db, user, determinationId });
  if (
    kelurahanCode &&
    !(await countByKelurahan(db, { determinationId, scope })).some(
      (entry) => entry.kelurahan_code === kelurahanCode,
    )
  )
    throw notFound({
      en: `Kelurahan ${kelurahanCode} is not on this list`,
      id: `Kelurahan ${kelurahanCode} tidak ada di daftar ini`,
    });
  const cycle = await findCycle(db, { id: determination.cycle_id });
  if (!cycle)
    throw notFound({
      en: `No recipient list ${determinationId}`,
      id: `Daftar penerima ${determinationId} tidak ada`,
    });
  const recipients = await listRecipients(db, { determinationId, scope, kelurahanCode });
  const sections = new Map<string, AnnexSection>();
  for (const row of recipients) {
    let section = sections.get(row.kelurahan_code);
    if (!section) {
      section = {
        kelurahanCode: row.kelurahan_code,
        kelurahanName: row.kelurahan_name ?? row.kelurahan_code,
        rows: [],
        totalAmount: 0,
      };
      sections.set(row.kelurahan_code, section);
    }
    section.rows.push({
      number: section.rows.length + 1,
      kkNumberMasked: maskIdentityNumber(row.kk_number) ?? '',
      headName: row.head_name ?? '',
      collectorName: row.collector_name ?? '',
      address: row.address ?? '',
      rt: row.rt,
      rw: row.rw,
      members: row.member_count,
      amount: Number(row.amount),
      notes: row.flags.map((flag) => FLAG_NOTES[flag] ?? flag).join(', '),
    });
    section.totalAmount += Number(row.amount);
  }
  const heading = {
    programme: cycle.programme_name,
    periods: cycle.periods.join(' + '),
    kota: `${determination.kota_name ?? determination.kota_code} (${determination.kota_code})`,
    status:
      determination.status === 'signed'
        ? `Ditetapkan oleh ${determination.signed_by_name ?? '-'} pada ${new Date(determination.signed_at ?? '').toISOString().slice(0, 10)}`
        : 'DRAF — belum ditetapkan (not signed)',
  };
  const baseName = `lampiran-${cycle.programme_code}-${cycle.period}-${determination.kota_code}${kelurahanCode ? `-${kelurahanCode}` : ''}`;
  const list = [...sections.values()];
  const content = format === 'xlsx' ? await annexWorkbook(heading, list) : await annexPdf(heading, list);
  // The annex names and places every recipient of the area it covers: each download is logged with that area.
  await recordPersonalDataRead({
    db,
    actor: actorOf(user),
    entityType: 'determination',
    entityId: String(determinationId),
    fields: ['head_name', 'collector_name', 'address'],
    purpose: `eligibility.annex.${format}`,
    areaCode:
      kelurahanCode ??
      (scope.areaCode.startsWith(`${determination.kota_code}.`) ? scope.areaCode : determination.kota_code),
  });
  return { fileName: `${baseName}.${format}`, content };
}

type Heading = { programme: string; periods: string; kota: string; status: string };

const COLUMNS: { header: string; key: keyof AnnexRow; width: number }[] = [
  { header: 'No', key: 'number', width: 6 },
  { header: 'No KK', key: 'kkNumberMasked', width: 20 },
  { header: 'Kepala keluarga', key: 'headName', width: 26 },
  { header: 'Penerima', key: 'collectorName', width: 26 },
  { header: 'Alamat', key: 'address', width: 34 },
  { header: 'RT', key: 'rt', width: 6 },
  { header: 'RW', key: 'rw', width: 6 },
  { header: 'Anggota', key: 'members', width: 9 },
  { header: 'Nominal (Rp)', key: 'amount', width: 14 },
  { header: 'Catatan', key: 'notes', width: 22 },
];

async function annexWorkbook(heading: Heading, sections: AnnexSection[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const section of sections.length > 0 ? sections : [null]) {
    const sheet = workbook.addWorksheet(
      (section?.kelurahanName ?? 'Kosong').replace(/[*?:\\/[\]]/g, ' ').slice(0, 31),
    );
    sheet.addRow([`Lampiran penetapan penerima ${heading.programme}`]).font = { bold: true, size: 13 };
    sheet.addRow([`Periode: ${heading.periods}`]);
    sheet.addRow([`Kota: ${heading.kota}`]);
    sheet.addRow([
      section ? `Kelurahan: ${section.kelurahanName} (${section.kelurahanCode})` : 'Tidak ada penerima',
    ]);
    sheet.addRow([heading.status]);
    sheet.addRow([]);
    const header = sheet.addRow(COLUMNS.map((column) => column.header));
    header.font = { bold: true };
    COLUMNS.forEach((column, index) => {
      sheet.getColumn(index + 1).width = column.width;
    });
    for (const row of section?.rows ?? []) sheet.addRow(COLUMNS.map((column) => row[column.key]));
    const total = sheet.addRow([
      'Jumlah',
      `${section?.rows.length ?? 0} keluarga`,
      '',
      '',
      '',
      '',
      '',
      '',
      section?.totalAmount ?? 0,
      '',
    ]);
    total.font = { bold: true };
    sheet.getColumn(9).numFmt = '#,##0';
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function annexPdf(heading: Heading, sections: AnnexSection[]): Promise<Buffer> {
  const document = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 36,
    info: { Title: 'Lampiran penetapan' },
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve) => document.on('end', () => resolve(Buffer.concat(chunks))));
  const widths = [28, 105, 130, 130, 170, 28, 28, 42, 70, 0];
  const usable = document.page.width - 72;
  widths[9] = usable - widths.slice(0, 9).reduce((sum, width) => sum + width, 0);
  const drawRow = (cells: string[], bold = false) => {
    if (document.y > document.page.height - 60) document.addPage();
    const y = document.y;
    let x = 36;
    document.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    let height = 0;
    cells.forEach((cell, index) => {
      const width = widths[index] ?? 40;
      height = Math.max(height, document.heightOfString(cell, { width: width - 4 }));
      document.text(cell, x + 2, y, { width: width - 4 });
      x += width;
    });
    document.y = y + height + 3;
    document.x = 36;
  };
  const list = sections.length > 0 ? sections : [null];
  list.forEach((section, index) => {
    if (index > 0) document.addPage();
    document.font('Helvetica-Bold').fontSize(13).text(`Lampiran penetapan penerima ${heading.programme}`);
    document.font('Helvetica').fontSize(9);
    document.text(`Periode: ${heading.periods}    Kota: ${heading.kota}`);
    document.text(
      section ? `Kelurahan: ${section.kelurahanName} (${section.kelurahanCode})` : 'Tidak ada penerima',
    );
    document.text(heading.status);
    document.moveDown(0.6);
    drawRow(
      COLUMNS.map((column) => column.header),
      true,
    );
    for (const row of section?.rows ?? [])
      drawRow(
        // The standard PDF fonts have no bullet: masked digits are printed as asterisks.
        COLUMNS.map((column) =>
          column.key === 'amount' ? rupiah(row.amount) : String(row[column.key]).replaceAll('•', '*'),
        ),
      );
    drawRow(
      [
        '',
        `Jumlah: ${section?.rows.length ?? 0} keluarga`,
        '',
        '',
        '',
        '',
        '',
        '',
        rupiah(section?.totalAmount ?? 0),
        '',
      ],
      true,
    );
  });
  document.end();
  return finished;
}
