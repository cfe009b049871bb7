import { describe, expect, it } from 'vitest';
import { WHOLE_COUNTRY } from '../auth/area-scope.ts';
import { INTAKE_TEMPLATE_HEADER, resolveIntakeHeader } from './intake-fields.ts';
import type { SourceRow } from './source-rows.ts';
import { validateIntakeRow } from './validate-intake-row.ts';
import {
  type RowLinesContext,
  rawCellsObject,
  rawColumnsOf,
  rowLines,
  rowLinesFast,
  submittedCells,
  validatedLines,
} from './validated-lines.ts';
import { startValidationPool, type ValidationPool } from './validation-pool.ts';

const regions = { current: ['31', '31.74', '31.74.01', '31.74.01.1001'], retired: [] as never[] };
const directory = {
  hasProvince: (code: string) => regions.current.includes(code),
  hasDistrict: (code: string) => regions.current.includes(code),
  hasVillage: (code: string) => regions.current.includes(code),
  retiredDistrict: () => undefined,
};
const referenceDate = new Date('2021-07-01T00:00:00Z');

// A head of family's cells that every row below shares unless it says otherwise.
const HEAD_CELLS: Record<string, string> = {
  jenis_kelamin: 'L',
  tanggal_lahir: '05/05/1980',
  hubungan_keluarga: 'KEPALA KELUARGA',
  status_perkawinan: 'KAWIN',
  alamat: 'JL. TEBET',
  rt: '001',
  rw: '002',
  kode_kelurahan: '31.74.01.1001',
};

function sourceBatches(): SourceRow[][] {
  const header: SourceRow = { rowNumber: 1, cells: [...INTAKE_TEMPLATE_HEADER] };
  const rows: SourceRow[] = [];
  for (let index = 0; index < 900; index++) {
    const serial = String(index + 1).padStart(4, '0');
    // Some without NIK and with a name only PostgreSQL lowercases as the arrival statements do.
    const withoutNik = index % 13 === 0 && index % 7 !== 0;
    const nik = index % 7 === 0 ? '3.17401E+15' : withoutNik ? '' : `317401050580${serial}`;
    const values: Record<string, string> = {
      ...HEAD_CELLS,
      no_kk: `317401010110${serial}`,
      nik,
      nama:
        index % 11 === 0
          ? '=HYPERLINK("x")'
          : withoutNik
            ? `ÇAĞLAR ${'ABCDEFGHIJ'[index % 10]}`
            : `WARGA ${index}`,
      rw: index % 5 === 0 ? '009' : '002',
      penghasilan_tetap: 'T',
      terdampak_covid: 'Y',
    };
    rows.push({ rowNumber: index + 2, cells: INTAKE_TEMPLATE_HEADER.map((column) => values[column] ?? '') });
  }
  const batches = [[header, ...rows.slice(0, 100)]];
  for (let start = 100; start < rows.length; start += 100) batches.push(rows.slice(start, start + 100));
  return batches;
}

async function collect(createPool?: (context: RowLinesContext) => ValidationPool) {
  const lines: string[] = [];
  const firstLoad: string[] = [];
  const keyRows: number[] = [];
  for await (const chunk of validatedLines({
    rows: (async function* () {
      yield* sourceBatches();
    })(),
    fileName: 'test.csv',
    submissionId: 7,
    scope: { areaCode: '31.74.01.1001', rw: '002' },
    review: 'forwarded',
    validate: (values) => validateIntakeRow(values, { regions: directory, referenceDate }),
    createPool,
    onFirstLoadSource: (source) => {
      const text =
        typeof source.lines === 'string' ? source.lines : Buffer.from(source.lines).toString('utf8');
      firstLoad.push(...text.split('\n').slice(0, -1));
      keyRows.push(...Array.from(source.keyRows));
    },
  })) {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    lines.push(...text.split('\n').filter((line) => line.length > 0));
  }
  return { lines, firstLoad, keyRows };
}

describe('validatedLines', () => {
  it('gives the same lines in the same order, problems included, whether rows are validated in worker threads or not', async () => {
    const inThread = await collect();
    const inWorkers = await collect((context) =>
      startValidationPool({ size: 2 }).prepare({
        context,
        regions,
        referenceDate: referenceDate.toISOString(),
      }),
    );
    expect(inThread.lines).toHaveLength(900);
    expect(inWorkers).toEqual(inThread);
    expect(inThread.lines.filter((line) => line.includes('excel_scientific_notation'))).toHaveLength(129);
    expect(inThread.lines.filter((line) => line.includes('outside_area'))).toHaveLength(180);
    // A first load gets every line, and the accepted rows without NIK whose names only PostgreSQL lowercases.
    expect(inThread.firstLoad).toEqual(inThread.lines);
    const unlowered = inThread.lines
      .filter((line) => line.endsWith('\taccepted\tforwarded') && line.includes('\tÇAĞLAR '))
      .map((line) => Number(line.split('\t')[1]));
    expect(unlowered.length).toBeGreaterThan(20);
    expect(inThread.keyRows).toEqual(unlowered);
  });
});

function linesContext(header: string[], compactRaw: boolean): RowLinesContext {
  const { columns } = resolveIntakeHeader(header);
  return {
    columns,
    headerCells: header,
    submissionId: 1,
    scope: WHOLE_COUNTRY,
    review: 'forwarded',
    compactRaw,
  };
}

describe('compact submitted cells', () => {
  it('read back as the very object the row would have stored, whatever the header', () => {
    const header = [...INTAKE_TEMPLATE_HEADER, 'catatan', '', 'NIK', '1', 'catatan'];
    const full = INTAKE_TEMPLATE_HEADER.map((_, index) => `v${index}`);
    const rows: SourceRow[] = [
      { rowNumber: 2, cells: [...full, 'note', 'x', 'second nik', 'one', 'again'] },
      { rowNumber: 3, cells: [...full, '', '', '', '', ''] },
      { rowNumber: 4, cells: full.slice(0, 5) },
      { rowNumber: 5, cells: [...full, 'a\tb "c" \\d', 'y', '', '7', '', 'beyond the header'] },
    ];
    const rawOf = (compactRaw: boolean) => {
      const context = linesContext(header, compactRaw);
      const validate = (values: Parameters<typeof validateIntakeRow>[0]) =>
        validateIntakeRow(values, { regions: directory, referenceDate });
      const fast = rowLinesFast(rows, context, { regions: directory, referenceDate }).toString('utf8');
      expect(fast).toBe(rowLines(rows, context, validate));
      return {
        lines: fast
          .trimEnd()
          .split('\n')
          .map((line) => copyText(line.split('\t')[20])),
        context,
      };
    };
    const objects = rawOf(false).lines.map((raw) => JSON.parse(raw));
    const compact = rawOf(true);
    const columnsOfRaw = rawColumnsOf(compact.context);
    const readBack = compact.lines.map((raw) => rawCellsObject(JSON.parse(raw), columnsOfRaw));
    for (let index = 0; index < rows.length; index++) {
      expect(readBack[index]).toEqual(objects[index]);
      expect(Object.keys(readBack[index])).toEqual(Object.keys(objects[index]));
    }
  });
});

describe('rows read without quotes', () => {
  it('keep their own text as their submitted cells, read back as the cells they held', () => {
    const header = [...INTAKE_TEMPLATE_HEADER, 'catatan'];
    const full = INTAKE_TEMPLATE_HEADER.map((_, index) => `v${index}`);
    const notes = ['note', '', 'tab\there', 'back\\slash', 'emoji 😀', 'lone \ud800', 'bell\u0007', 'line\r'];
    const cellLists = [
      ...notes.map((note) => [...full, note]),
      full.slice(0, 5),
      [...full, 'x', 'beyond the header'],
    ];
    const context = linesContext(header, true);
    const columnsOfRaw = rawColumnsOf(context);
    const { asCells, asTextBy } = linesReadBothWays(cellLists, context);
    for (const [delimiter, asText] of asTextBy) {
      const raws = asText.map((line) => copyText(line[20]));
      expect(raws[0]).toBe(`${delimiter}${[...full, 'note'].join(delimiter)}`);
      expect(raws[2]).toBe(`${delimiter}${[...full, 'tab\there'].join(delimiter)}`);
      // Surrogates, and cells beyond the header, keep the JSON array.
      expect(raws[4].startsWith('[')).toBe(true);
      expect(raws[5].startsWith('[')).toBe(true);
      expect(raws.at(-1)).toBe(JSON.stringify([...full, 'x']));
      expectSameFieldsBesidesRaw(asText, asCells);
      for (let index = 0; index < cellLists.length; index++) {
        expect(submittedCells(raws[index], columnsOfRaw)).toEqual(
          submittedCells(copyText(asCells[index][20]), columnsOfRaw),
        );
      }
    }
    expect(submittedCells(copyText(asCells[3][20]), columnsOfRaw).catatan).toBe('back\\slash');
    expect(submittedCells(copyText(asCells[0][20]), columnsOfRaw)[INTAKE_TEMPLATE_HEADER[0]]).toBe('v0');
  });
});

describe('field cells read with their record text', () => {
  it('are tidied and escaped as the same cells read alone, spaces, tabs and backslashes included', () => {
    const header = [...INTAKE_TEMPLATE_HEADER];
    const base: Record<string, string> = {
      ...HEAD_CELLS,
      no_kk: '3174010101100001',
      nik: '3174010505800001',
      nama: 'WARGA SATU',
    };
    const variants: Record<string, string>[] = [
      {},
      { nama: ' WARGA SATU' },
      { nama: 'WARGA SATU ' },
      { nama: 'WARGA  SATU' },
      { nama: 'WARGA\u00a0SATU' },
      { nama: 'WARGA\tSATU' },
      { alamat: 'JL.\\TEBET' },
      { nama: 'ÇAĞLAR' },
      { rt: ' 001' },
      { rw: '002 ' },
      { no_kk: ' 3174010101100001' },
      { alasan_tanpa_nik: 'PINDAH ' },
    ];
    const cellLists = variants.map((variant) =>
      header.map((column) => ({ ...base, ...variant })[column] ?? ''),
    );
    const { asCells, asTextBy } = linesReadBothWays(cellLists, linesContext(header, true));
    expect(asCells.map((line) => line[5])).toEqual([
      'WARGA SATU',
      'WARGA SATU',
      'WARGA SATU',
      'WARGA SATU',
      'WARGA SATU',
      'WARGA SATU',
      'WARGA SATU',
      'ÇAĞLAR',
      'WARGA SATU',
      'WARGA SATU',
      'WARGA SATU',
      'WARGA SATU',
    ]);
    for (const [, asText] of asTextBy) expectSameFieldsBesidesRaw(asText, asCells);
  });
});

describe('a row shorter than the header', () => {
  it('leaves the fields it has no cell for empty, even after a full row, as the row-by-row check does', () => {
    const header = [...INTAKE_TEMPLATE_HEADER];
    const full = header.map(
      (column) => ({ ...HEAD_CELLS, no_kk: '3174010101100001', nama: 'WARGA' })[column] ?? 'X',
    );
    const rows: SourceRow[] = [
      { rowNumber: 2, cells: full },
      { rowNumber: 3, cells: full.slice(0, 3) },
    ];
    const context = linesContext(header, true);
    const rowContext = { regions: directory, referenceDate };
    const fast = rowLinesFast(rows, context, rowContext).toString('utf8');
    expect(fast).toBe(rowLines(rows, context, (values) => validateIntakeRow(values, rowContext)));
    expect(fast.split('\n')[1].split('\t')[12]).toBe('\\N');
  });
});

/** The fields of the lines rowLinesFast writes for rows of these cells: read as cells alone, and with their text. */
function linesReadBothWays(cellLists: string[][], context: RowLinesContext) {
  const rowContext = { regions: directory, referenceDate };
  const linesOf = (rows: SourceRow[]) =>
    rowLinesFast(rows, context, rowContext)
      .toString('utf8')
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t'));
  const asCells = linesOf(cellLists.map((cells, index) => ({ rowNumber: index + 2, cells })));
  const asTextBy = [',', ';'].map(
    (delimiter) =>
      [
        delimiter,
        linesOf(
          cellLists.map((cells, index) => ({
            rowNumber: index + 2,
            cells,
            text: cells.join(delimiter),
            delimiter,
          })),
        ),
      ] as const,
  );
  return { asCells, asTextBy };
}

// Every field but the submitted cells (column 20), which differ in form by design.
function expectSameFieldsBesidesRaw(asText: string[][], asCells: string[][]): void {
  expect(asText.length).toBe(asCells.length);
  for (let index = 0; index < asCells.length; index++) {
    expect(asText[index].slice(0, 20)).toEqual(asCells[index].slice(0, 20));
    expect(asText[index].slice(21)).toEqual(asCells[index].slice(21));
  }
}

// Undoes COPY text escaping of one value.
function copyText(value: string): string {
  return value.replace(/\\(.)/g, (_, character: string) =>
    character === 't' ? '\t' : character === 'n' ? '\n' : character === 'r' ? '\r' : character,
  );
}
