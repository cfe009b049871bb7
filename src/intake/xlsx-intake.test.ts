import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../tests/support/test-database.ts';
import { WHOLE_COUNTRY } from '../auth/area-scope.ts';
import { INTAKE_TEMPLATE_HEADER } from './intake-fields.ts';
import { findSubmission, listSubmissionRows } from './intake-repository.ts';
import { intakeTemplateXlsx } from './intake-template.ts';
import { submitIntakeFile } from './submit-intake-file.ts';

const referenceDate = new Date('2021-07-01T00:00:00Z');

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

  it('accepts the downloadable template as it is', async () => {
    const result = await submit('template.xlsx', await intakeTemplateXlsx());
    expect(await findSubmission(fixture.database.db, result.submissionId)).toMatchObject({
      row_count: 1,
      accepted_count: 1,
    });
    expect(result.arrival).toMatchObject({ householdsCreated: 1, membersCreated: 1 });
  });

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
    expect(stored[1].problems).toContainEqual(
      expect.objectContaining({ field: 'nik', code: 'excel_trailing_digits_lost' }),
    );
    expect(stored[2].raw.nama).toBe('=HYPERLINK("http://x","klik")');
    expect(stored[2].problems).toContainEqual(
      expect.objectContaining({ field: 'fullName', code: 'formula_not_allowed' }),
    );
  });

  it('refuses a file that claims to be XLSX but is not a workbook, storing nothing', async () => {
    const fake = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    const result = await submit('broken.xlsx', fake);
    expect(result.fileError).toMatch(/broken\.xlsx: not a readable XLSX workbook/);
  });
});
