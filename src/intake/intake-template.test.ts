import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../tests/support/test-database.ts';
import { WHOLE_COUNTRY } from '../auth/area-scope.ts';
import { INTAKE_TEMPLATE_HEADER } from './intake-fields.ts';
import { findSubmission } from './intake-repository.ts';
import { INSTRUCTIONS_SHEET_NAME, intakeTemplateCsv, intakeTemplateXlsx } from './intake-template.ts';
import { submitIntakeFile } from './submit-intake-file.ts';

const EXAMPLE_KK = '3174010102090001';

async function loadWorkbook(content: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  return workbook;
}

describe('the downloadable intake templates', () => {
  const fixture = useTestDatabase();

  async function submit(name: string, content: Buffer | string) {
    const filePath = await fixture.writeFile(name, content);
    const result = await submitIntakeFile({
      db: fixture.database.db,
      actor: { userId: null, username: 'test' },
      scope: WHOLE_COUNTRY,
      filePath,
      fileName: name,
      channel: 'cli',
      forwardImmediately: true,
      referenceDate: new Date('2021-07-01T00:00:00Z'),
    });
    return { result, submission: await findSubmission(fixture.database.db, result.submissionId) };
  }

  it('gives a CSV template of the header alone', () => {
    expect(intakeTemplateCsv()).toBe(`\uFEFF${INTAKE_TEMPLATE_HEADER.join(',')}\n`);
    expect(intakeTemplateCsv()).not.toContain(EXAMPLE_KK);
  });

  it('gives an XLSX template whose first sheet holds the header alone, the example on the sheet "Petunjuk"', async () => {
    const workbook = await loadWorkbook(await intakeTemplateXlsx());
    const [list, instructions] = workbook.worksheets;
    expect(list.rowCount).toBe(1);
    expect((list.getRow(1).values as unknown[]).slice(1)).toEqual([...INTAKE_TEMPLATE_HEADER]);
    // Identity numbers, RT/RW and dates stay text as typed.
    const textColumns = INTAKE_TEMPLATE_HEADER.flatMap((header, index) =>
      list.getColumn(index + 1).numFmt === '@' ? [header] : [],
    );
    expect(textColumns.sort()).toEqual([
      'kode_kelurahan',
      'nik',
      'no_hp',
      'no_kk',
      'rt',
      'rw',
      'tanggal_lahir',
    ]);

    expect(instructions.name).toBe(INSTRUCTIONS_SHEET_NAME);
    const explained = new Map<string, { example: string; explanation: string }>();
    instructions.eachRow((row) => {
      const [column, example, explanation] = [1, 2, 3].map((cell) => String(row.getCell(cell).value ?? ''));
      if (INTAKE_TEMPLATE_HEADER.includes(column)) explained.set(column, { example, explanation });
    });
    expect([...explained.keys()]).toEqual([...INTAKE_TEMPLATE_HEADER]);
    expect(explained.get('no_kk')).toMatchObject({ example: EXAMPLE_KK });
    expect(explained.get('nama')?.example).toBe('BUDI SANTOSO');
    for (const { explanation } of explained.values()) expect(explanation.length).toBeGreaterThan(10);
  });

  it('refuses either template sent unchanged as holding no rows', async () => {
    for (const [name, content] of [
      ['templat.csv', intakeTemplateCsv()],
      ['templat.xlsx', await intakeTemplateXlsx()],
    ] as const) {
      const { submission } = await submit(name, content);
      expect(submission).toMatchObject({ status: 'file_rejected', row_count: 0 });
      expect(submission?.file_problems).toEqual([expect.objectContaining({ code: 'file_no_rows' })]);
    }
    const stored = await fixture.database.db
      .selectFrom('intake_row')
      .select('kk_number')
      .where('kk_number', '=', EXAMPLE_KK)
      .execute();
    expect(stored).toEqual([]);
  });

  it('reads a family typed into the first sheet of the XLSX template, not the instructions', async () => {
    const workbook = await loadWorkbook(await intakeTemplateXlsx());
    const family: Record<string, string> = {
      no_kk: '3174010101100061',
      nik: '3174010505800061',
      nama: 'SUPARMAN',
      jenis_kelamin: 'L',
      tanggal_lahir: '05/05/1980',
      hubungan_keluarga: 'KEPALA KELUARGA',
      alamat: 'JL. TEBET 6',
      rt: '001',
      rw: '002',
      kode_kelurahan: '31.74.01.1001',
    };
    workbook.worksheets[0].addRow(INTAKE_TEMPLATE_HEADER.map((column) => family[column] ?? ''));
    const { result, submission } = await submit(
      'keluarga.xlsx',
      Buffer.from(await workbook.xlsx.writeBuffer()),
    );
    expect(submission).toMatchObject({ row_count: 1, accepted_count: 1 });
    expect(result.arrival).toMatchObject({ householdsCreated: 1, membersCreated: 1 });
  });
});
