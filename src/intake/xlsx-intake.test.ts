import { PassThrough } from 'node:stream';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../tests/support/test-database.ts';
import { WHOLE_COUNTRY } from '../auth/area-scope.ts';
import { INTAKE_TEMPLATE_HEADER } from './intake-fields.ts';
import { findSubmission, listSubmissionRows } from './intake-repository.ts';
import { formatProblem } from './problem-messages.ts';
import type { RowProblem } from './row-problem.ts';
import { submitIntakeFile } from './submit-intake-file.ts';

const referenceDate = new Date('2021-07-01T00:00:00Z');

const FAMILY_HEAD: Record<string, string> = {
  no_kk: '3174010101100021',
  nik: '3174010505800021',
  nama: 'BUDI',
  jenis_kelamin: 'L',
  tanggal_lahir: '05/05/1980',
  hubungan_keluarga: 'KEPALA KELUARGA',
  status_perkawinan: 'KAWIN',
  alamat: 'JL. TEBET 21',
  rt: '001',
  rw: '002',
  kode_kelurahan: '31.74.01.1001',
  penghasilan_tetap: 'T',
  terdampak_covid: 'Y',
};

/** A workbook of the template's header and these rows, written as exceljs's streaming writer does. */
async function streamedWorkbook(rows: Record<string, string>[], useSharedStrings: boolean): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings });
  const sheet = workbook.addWorksheet('Daftar');
  sheet.addRow([...INTAKE_TEMPLATE_HEADER]).commit();
  for (const row of rows) sheet.addRow(INTAKE_TEMPLATE_HEADER.map((column) => row[column] ?? '')).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

/** A zip of stored entries, e.g. an .ods or a CSV packed by the file manager. */
function zipOf(entries: { name: string; content: string }[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const data = Buffer.from(entry.content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    directory.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directoryBytes = directory.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directoryBytes, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...directory, end]);
}

/** The workbook with the size its central directory states for one part replaced. */
function withStatedSize(workbook: Buffer, partName: string, size: number): Buffer {
  const patched = Buffer.from(workbook);
  const name = Buffer.from(partName);
  for (let at = patched.length - 46; at >= 0; at--) {
    if (
      patched.readUInt32LE(at) === 0x02014b50 &&
      patched.readUInt16LE(at + 28) === name.length &&
      patched.subarray(at + 46, at + 46 + name.length).equals(name)
    ) {
      patched.writeUInt32LE(size, at + 24);
      return patched;
    }
  }
  throw new Error(`${partName} is not in the workbook`);
}

describe('XLSX intake', () => {
  const fixture = useTestDatabase();

  async function submit(name: string, content: Buffer) {
    const filePath = await fixture.writeFile(name, content);
    return submitIntakeFile({
      db: fixture.database.db,
      actor: { userId: null, username: 'test' },
      scope: WHOLE_COUNTRY,
      filePath,
      fileName: name,
      channel: 'cli',
      forwardImmediately: true,
      referenceDate,
    });
  }

  it('reads dates and text cells, names an NIK stored as a number, and refuses formulas', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Daftar');
    sheet.addRow([...INTAKE_TEMPLATE_HEADER]);
    const base: Record<string, unknown> = {
      no_kk: '3174010101100021',
      jenis_kelamin: 'L',
      hubungan_keluarga: 'KEPALA KELUARGA',
      status_perkawinan: 'KAWIN',
      alamat: 'JL. TEBET 21',
      rt: '001',
      rw: '002',
      kode_kelurahan: '31.74.01.1001',
      penghasilan_tetap: 'T',
      terdampak_covid: 'Y',
    };
    const rows: Record<string, unknown>[] = [
      { ...base, nik: '3174010505800021', nama: 'BUDI', tanggal_lahir: new Date(Date.UTC(1980, 4, 5)) },
      // Excel keeps 15 significant digits: the 16th became 0.
      {
        ...base,
        no_kk: '3174010101100022',
        nik: 3174010606750020,
        nama: 'JOKO',
        tanggal_lahir: '06/06/1975',
      },
      {
        ...base,
        no_kk: '3174010101100023',
        nik: '3174010707700023',
        nama: { formula: 'HYPERLINK("http://x","klik")' },
        tanggal_lahir: '07/07/1970',
      },
    ];
    for (const row of rows) sheet.addRow(INTAKE_TEMPLATE_HEADER.map((column) => row[column] ?? ''));
    const result = await submit('families.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    const { rows: stored } = await listSubmissionRows(fixture.database.db, {
      submissionId: result.submissionId,
      filter: 'all',
      limit: 10,
      offset: 0,
    });
    expect(stored.map((row) => [row.row_number, row.validation])).toEqual([
      [2, 'accepted'],
      [3, 'rejected'],
      [4, 'rejected'],
    ]);
    expect(stored[0].birth_date).toBe('1980-05-05');
    const damaged = (stored[1].problems as RowProblem[]).find(
      (problem) => problem.code === 'excel_trailing_digits_lost',
    );
    expect(damaged && formatProblem(damaged, 'en')).toBe(
      'NIK: damaged by Excel (3174010606750020): the last digits became 0 under its 15-digit limit; format the column as Text and retype it',
    );
    expect(stored[2].raw.nama).toBe('=HYPERLINK("http://x","klik")');
    expect(stored[2].problems).toContainEqual(
      expect.objectContaining({ field: 'fullName', code: 'formula_not_allowed' }),
    );
  });

  async function storedRowCount(): Promise<number> {
    const result = await sql<{ n: number }>`select count(*)::int as n from intake_row`.execute(
      fixture.database.db,
    );
    return result.rows[0].n;
  }

  async function expectRefused(name: string, content: Buffer, message: RegExp) {
    const before = await storedRowCount();
    const result = await submit(name, content);
    expect(result.fileError).toMatch(message);
    expect(await storedRowCount()).toBe(before);
    expect(await findSubmission(fixture.database.db, result.submissionId)).toMatchObject({
      status: 'file_rejected',
      file_name: name,
    });
    return result;
  }

  it.each([
    { form: 'inline text', useSharedStrings: false },
    { form: 'shared strings', useSharedStrings: true },
  ])(
    'refuses a row over 1 MB ($form), naming the file, row and column, storing nothing',
    async ({ useSharedStrings }) => {
      const rows = [FAMILY_HEAD, { ...FAMILY_HEAD, nama: 'A'.repeat(2 * 1024 * 1024) }, FAMILY_HEAD];
      await expectRefused(
        `big-cell-${useSharedStrings}.xlsx`,
        await streamedWorkbook(rows, useSharedStrings),
        /^big-cell-\w+\.xlsx, row 3, column C \(nama\): the row is longer than 1 MB/,
      );
    },
  );

  it('stops reading a sheet whose row runs far past 1 MB before the row is held whole', async () => {
    // 15 rows of 60 MB crashed the server; one of 20 MB is enough to show where it stops.
    const rows = [
      FAMILY_HEAD,
      FAMILY_HEAD,
      FAMILY_HEAD,
      { ...FAMILY_HEAD, nama: 'A'.repeat(20 * 1024 * 1024) },
    ];
    const heapBefore = process.memoryUsage().heapUsed;
    await expectRefused(
      'huge-cell.xlsx',
      await streamedWorkbook(rows, false),
      /^huge-cell\.xlsx, row 5, column C \(nama\): the row is longer than 1 MB/,
    );
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
  });

  it('refuses a workbook whose sheet or shared text would unpack to more than any intake list, before parsing it', async () => {
    const workbook = await streamedWorkbook([FAMILY_HEAD], true);
    await expectRefused(
      'bomb-sheet.xlsx',
      withStatedSize(workbook, 'xl/worksheets/sheet1.xml', 3 * 1024 ** 3),
      /^bomb-sheet\.xlsx: the workbook unpacks to 3072 MB in xl\/worksheets\/sheet1\.xml \(at most 2048 MB\)/,
    );
    await expectRefused(
      'bomb-strings.xlsx',
      withStatedSize(workbook, 'xl/sharedStrings.xml', 900 * 1024 ** 2),
      /^bomb-strings\.xlsx: the workbook unpacks to 900 MB in xl\/sharedStrings\.xml \(at most 400 MB\)/,
    );
  });

  it('stops unpacking a part at the size its archive states, whatever it holds', async () => {
    const workbook = await streamedWorkbook([FAMILY_HEAD, { ...FAMILY_HEAD, nama: 'SITI' }], true);
    await expectRefused(
      'forged.xlsx',
      withStatedSize(workbook, 'xl/worksheets/sheet1.xml', 200),
      /^forged\.xlsx: not a readable XLSX workbook \(xl\/worksheets\/sheet1\.xml unpacks to more than the archive says\)/,
    );
  });

  it('names an OpenDocument spreadsheet, a zip holding a CSV and an old .xls instead of calling them empty', async () => {
    await expectRefused(
      'daftar.ods',
      zipOf([
        { name: 'mimetype', content: 'application/vnd.oasis.opendocument.spreadsheet' },
        { name: 'content.xml', content: '<office:document-content/>' },
      ]),
      /^daftar\.ods: this is an OpenDocument spreadsheet \(\.ods\), not XLSX or CSV/,
    );
    await expectRefused(
      'daftar.zip',
      zipOf([{ name: 'daftar.csv', content: `${INTAKE_TEMPLATE_HEADER.join(',')}\n` }]),
      /^daftar\.zip: this is a zip archive, not an XLSX workbook; unpack it/,
    );
    const compoundFile = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
    ]);
    await expectRefused('daftar.xls', compoundFile, /^daftar\.xls: this is an Excel 97-2003 workbook/);
  });

  it('refuses a file that claims to be XLSX but is not a workbook, storing nothing', async () => {
    const fake = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    const result = await submit('broken.xlsx', fake);
    expect(result.fileError).toMatch(/broken\.xlsx: not a readable XLSX workbook/);
  });
});
