import { describe, expect, it } from 'vitest';
import {
  INTAKE_FIELDS,
  INTAKE_TEMPLATE_HEADER,
  type IntakeField,
  resolveIntakeHeader,
} from './intake-fields.ts';
import { formatProblem, isKnownProblemCode } from './problem-messages.ts';
import type { RowProblem } from './row-problem.ts';
import { type RegionDirectory, validateIntakeCells, validateIntakeRow } from './validate-intake-row.ts';

const regions: RegionDirectory = {
  hasVillage: (code) => ['31.74.01.1001', '31.71.07.1002'].includes(code),
  hasDistrict: (code) => ['31.74.01', '31.71.07'].includes(code),
  hasProvince: (code) => ['31', '32'].includes(code),
  retiredDistrict: (code) =>
    code === '31.74.09' ? { successorCodes: ['31.74.01', '31.74.10'], name: 'Kecamatan Lama' } : undefined,
};
const context = { regions, referenceDate: new Date('2024-06-01T00:00:00Z') };

// A woman born 05/05/1985, head of her family, everything valid.
const validRow: Record<IntakeField, string> = {
  kkNumber: '3174012301150003',
  nik: '3174014505850002',
  fullName: 'Siti Aminah',
  sex: 'P',
  birthPlace: 'Jakarta',
  birthDate: '05/05/1985',
  relationship: 'KEPALA KELUARGA',
  maritalStatus: 'CERAI MATI',
  occupation: 'Pedagang',
  address: 'Jl. Tebet Barat No. 5',
  rt: '5',
  rw: '12',
  kelurahanCode: '3174011001',
  phone: '+62 812-3456-7890',
  fixedIncome: 'T',
  covidAffected: 'Y',
  ref: 'A-1',
  nikAbsenceReason: '',
};

function validate(changes: Partial<Record<IntakeField, string>>) {
  return validateIntakeRow({ ...validRow, ...changes }, context);
}

function codesOf(problems: RowProblem[]): string[] {
  return problems.map((problem) => `${problem.field}:${problem.code}`);
}

describe('validateIntakeRow: a valid row', () => {
  it('normalises every field and reports nothing', () => {
    expect(validateIntakeRow(validRow, context)).toEqual({
      record: {
        kkNumber: '3174012301150003',
        nik: '3174014505850002',
        nikAbsenceReason: null,
        fullName: 'Siti Aminah',
        sex: 'P',
        birthPlace: 'Jakarta',
        birthDate: '1985-05-05',
        relationship: 'head',
        maritalStatus: 'widowed',
        occupation: 'Pedagang',
        address: 'Jl. Tebet Barat No. 5',
        rt: '005',
        rw: '012',
        kelurahanCode: '31.74.01.1001',
        phone: '081234567890',
        fixedIncome: false,
        covidAffected: true,
        ref: 'A-1',
      },
      problems: [],
    });
  });

  it('tidies whitespace and leaves optional fields null when empty', () => {
    const { record, problems } = validate({
      fullName: '  Siti   Aminah ',
      occupation: '',
      phone: '',
      birthPlace: ' ',
      maritalStatus: '',
      fixedIncome: '',
      covidAffected: '',
      ref: '',
    });
    expect(problems).toEqual([]);
    expect(record).toMatchObject({
      fullName: 'Siti Aminah',
      occupation: null,
      phone: null,
      birthPlace: null,
      maritalStatus: null,
      fixedIncome: null,
      covidAffected: null,
      ref: null,
    });
  });

  it('accepts the dotted kelurahan code and a kelurahan code with an Excel .0 suffix', () => {
    expect(validate({ kelurahanCode: '31.74.01.1001' }).record.kelurahanCode).toBe('31.74.01.1001');
    expect(validate({ kelurahanCode: '3174011001.0' }).record.kelurahanCode).toBe('31.74.01.1001');
  });
});

describe('validateIntakeRow: required values', () => {
  it('names each missing required value once', () => {
    const required: IntakeField[] = [
      'kkNumber',
      'fullName',
      'sex',
      'birthDate',
      'relationship',
      'address',
      'rt',
      'rw',
      'kelurahanCode',
    ];
    const { problems } = validateIntakeRow({ nik: '', nikAbsenceReason: 'belum rekam' }, context);
    expect(problems).toEqual(required.map((field) => ({ field, code: 'required', severity: 'error' })));
  });

  it('treats a lone dash as empty', () => {
    expect(codesOf(validate({ address: '-' }).problems)).toEqual(['address:required']);
    expect(codesOf(validate({ nik: '—' }).problems)).toEqual(['nik:nik_missing']);
  });
});

describe('validateIntakeRow: wording', () => {
  it.each([
    ['KEPALA KELUARGA', 'head'],
    ['kk', 'head'],
    ['Kepala-Keluarga', 'head'],
    ['SUAMI', 'husband'],
    ['Istri', 'wife'],
    ['ANAK', 'child'],
    ['MENANTU', 'child_in_law'],
    ['CUCU', 'grandchild'],
    ['ORANG TUA', 'parent'],
    ['MERTUA', 'parent_in_law'],
    ['FAMILI LAIN', 'other_relative'],
    ['PEMBANTU', 'household_help'],
    ['LAINNYA', 'other'],
    ['head', 'head'],
    ['Child in law', 'child_in_law'],
    ['other_relative', 'other_relative'],
    ['household help', 'household_help'],
    ['4', 'child'],
  ])('reads relationship %s as %s', (raw, relationship) => {
    const { record, problems } = validate({ relationship: raw });
    expect(record.relationship).toBe(relationship);
    expect(problems).toEqual([]);
  });

  it.each([
    ['BELUM KAWIN', 'single'],
    ['kawin', 'married'],
    ['KAWIN TERCATAT', 'married'],
    ['CERAI HIDUP', 'divorced'],
    ['Cerai Mati', 'widowed'],
    ['single', 'single'],
    ['Married', 'married'],
    ['divorced', 'divorced'],
    ['widowed', 'widowed'],
  ])('reads marital status %s as %s', (raw, maritalStatus) => {
    expect(validate({ maritalStatus: raw }).record.maritalStatus).toBe(maritalStatus);
  });

  it.each([
    ['L', 'L'],
    ['laki-laki', 'L'],
    ['LAKI LAKI', 'L'],
    ['M', 'L'],
    ['P', 'P'],
    ['Perempuan', 'P'],
    ['f', 'P'],
  ])('reads sex %s as %s', (raw, sex) => {
    // The NIK is a woman's, so a man's reading is checked on a row without NIK.
    const { record } = validate({ sex: raw, nik: '', nikAbsenceReason: 'belum punya' });
    expect(record.sex).toBe(sex);
  });

  it.each([
    ['Y', true],
    ['ya', true],
    ['YES', true],
    ['1', true],
    ['T', false],
    ['Tidak', false],
    ['no', false],
    ['0', false],
  ])('reads flag %s as %s', (raw, flag) => {
    const { record, problems } = validate({ fixedIncome: raw, covidAffected: raw });
    expect(record.fixedIncome).toBe(flag);
    expect(record.covidAffected).toBe(flag);
    expect(problems).toEqual([]);
  });

  it('names unknown wording per field', () => {
    const { record, problems } = validate({
      relationship: 'tetangga',
      maritalStatus: 'janda',
      sex: 'X',
      fixedIncome: 'mungkin',
    });
    expect(codesOf(problems)).toEqual([
      'sex:sex_invalid',
      'relationship:relationship_invalid',
      'maritalStatus:marital_status_invalid',
      'fixedIncome:yes_no_invalid',
    ]);
    expect(record).toMatchObject({ relationship: null, maritalStatus: null, sex: null, fixedIncome: null });
  });
});

describe('validateIntakeRow: NIK and KK', () => {
  it('names Excel damage to the NIK in both languages', () => {
    const { record, problems } = validate({ nik: '3.17401E+15' });
    expect(record.nik).toBeNull();
    expect(problems).toHaveLength(1);
    expect(formatProblem(problems[0], 'id')).toBe(
      'NIK: rusak oleh Excel (notasi ilmiah 3.17401E+15), digit asli hilang',
    );
    expect(formatProblem(problems[0], 'en')).toBe(
      'NIK: damaged by Excel (scientific notation 3.17401E+15), the original digits are lost',
    );
  });

  it('keeps a NIK cleaned of separators, with a warning', () => {
    const { record, problems } = validate({ nik: '3174 0145 0585 0002' });
    expect(record.nik).toBe('3174014505850002');
    expect(codesOf(problems)).toEqual(['nik:identity_number_separators']);
  });

  it('reports NIK structure problems after cleaning', () => {
    expect(codesOf(validate({ nik: '9974014505850002' }).problems)).toEqual(['nik:nik_invalid_province']);
    expect(codesOf(validate({ nik: '3174019905850002' }).problems)).toEqual(['nik:nik_invalid_birth_date']);
    expect(codesOf(validate({ nik: '3174014505850000' }).problems)).toEqual([
      'nik:excel_trailing_digits_lost',
    ]);
    expect(codesOf(validate({ nik: '317401450585002' }).problems)).toEqual([
      'nik:identity_number_digit_lost',
    ]);
  });

  it('warns when the NIK district was split, naming its successors', () => {
    const { record, problems } = validate({ nik: '3174094505850002' });
    expect(record.nik).toBe('3174094505850002');
    expect(problems).toEqual([
      {
        field: 'nik',
        code: 'nik_region_split',
        severity: 'warning',
        params: { code: '31.74.09', name: 'Kecamatan Lama', successors: '31.74.01, 31.74.10' },
      },
    ]);
    expect(formatProblem(problems[0], 'en')).toContain('31.74.01, 31.74.10');
  });

  it('rejects a NIK from an unknown district', () => {
    expect(validate({ nik: '3174554505850002' }).problems).toEqual([
      { field: 'nik', code: 'nik_unknown_region', severity: 'error', params: { code: '31.74.55' } },
    ]);
  });

  it('names a day/month swap between the NIK and the birth date', () => {
    // The NIK says 5 December 1985; the row says 12 May 1985.
    const { problems } = validate({ nik: '3174014512850002', birthDate: '12/05/1985' });
    expect(problems).toEqual([
      {
        field: 'birthDate',
        code: 'birth_date_day_month_swapped',
        severity: 'error',
        params: { nikDate: '05/12/1985', rowDate: '12/05/1985' },
      },
    ]);
  });

  it('names a plain birth date mismatch with both dates', () => {
    const { problems } = validate({ birthDate: '06/05/1985' });
    expect(problems).toEqual([
      {
        field: 'birthDate',
        code: 'nik_birth_date_mismatch',
        severity: 'error',
        params: { nikDate: '05/05/1985', rowDate: '06/05/1985' },
      },
    ]);
  });

  it('compares only DDMMYY, since the NIK cannot tell 1925 from 2025', () => {
    const { problems } = validateIntakeRow(
      { ...validRow, nik: '3174014505200002', birthDate: '05/05/1920', relationship: 'ORANG TUA' },
      context,
    );
    expect(problems).toEqual([]);
  });

  it('names a sex mismatch and explains the +40 rule', () => {
    const { problems } = validate({ sex: 'L' });
    expect(problems).toEqual([
      { field: 'sex', code: 'nik_sex_mismatch', severity: 'error', params: { nikSex: 'P', rowSex: 'L' } },
    ]);
    expect(formatProblem(problems[0], 'id')).toContain('+40');
  });

  it('skips the NIK cross-checks when the birth date or sex is itself wrong', () => {
    expect(codesOf(validate({ birthDate: '31/02/1985', sex: 'Q' }).problems)).toEqual([
      'sex:sex_invalid',
      'birthDate:date_invalid',
    ]);
  });

  it('warns about a missing NIK unless a reason is given', () => {
    expect(validate({ nik: '' }).problems).toEqual([
      { field: 'nik', code: 'nik_missing', severity: 'warning' },
    ]);
    const withReason = validate({ nik: '', nikAbsenceReason: 'Belum rekam KTP-el' });
    expect(withReason.problems).toEqual([]);
    expect(withReason.record.nikAbsenceReason).toBe('Belum rekam KTP-el');
  });

  it('checks the KK province against the directory and keeps unusual issue dates as warnings', () => {
    expect(validate({ kkNumber: '3374012301150003' }).problems).toEqual([
      { field: 'kkNumber', code: 'kk_unknown_province', severity: 'error', params: { code: '33' } },
    ]);
    const unusual = validate({ kkNumber: '3174019913150003' });
    expect(unusual.record.kkNumber).toBe('3174019913150003');
    expect(codesOf(unusual.problems)).toEqual(['kkNumber:kk_unusual_issue_date']);
    expect(codesOf(validate({ kkNumber: '3,17401E+15' }).problems)).toEqual([
      'kkNumber:excel_scientific_notation',
    ]);
    expect(codesOf(validate({ kkNumber: '9974012301150003' }).problems)).toEqual([
      'kkNumber:kk_invalid_province',
    ]);
  });
});

describe('validateIntakeRow: other fields', () => {
  it.each([
    ['=HYPERLINK("http://contoh.id","klik")', 'fullName'],
    ['=1+1', 'rt'],
    ['@SUM(A1:A2)', 'address'],
    ['+cmd|calc', 'occupation'],
    ['-(2+3)', 'ref'],
    ['  =A1', 'nik'],
  ] as const)('refuses the formula %s without evaluating it', (raw, field) => {
    const { record, problems } = validate({ [field]: raw });
    expect(problems).toEqual([
      { field, code: 'formula_not_allowed', severity: 'error', params: { value: raw.trim() } },
    ]);
    expect(record[field]).toBeNull();
  });

  it('does not take a +62 phone number or a negative-looking value for a formula', () => {
    expect(validate({ phone: '+6281234567890' }).problems).toEqual([]);
    expect(codesOf(validate({ rt: '-5' }).problems)).toEqual(['rt:rt_invalid']);
  });

  it.each(['Budi 2', '12345', '...', 'Budi <b>', 'R2D2'])('refuses the name %s', (name) => {
    const { record, problems } = validate({ fullName: name });
    expect(codesOf(problems)).toEqual(['fullName:name_invalid']);
    expect(record.fullName).toBeNull();
  });

  it.each(["Nur'aini", 'Moh. Ali, S.Pd', 'Ni Luh Ayu-Putri', 'Ñoño Gómez'])('accepts the name %s', (name) => {
    expect(validate({ fullName: name }).problems).toEqual([]);
  });

  it('refuses birth dates in the future or more than 120 years ago', () => {
    const future = validate({ nik: '', nikAbsenceReason: 'bayi', birthDate: '02/06/2024' });
    expect(future.problems).toEqual([
      { field: 'birthDate', code: 'birth_date_in_future', severity: 'error', params: { date: '02/06/2024' } },
    ]);
    const old = validate({ nik: '', nikAbsenceReason: 'lansia', birthDate: '31/05/1903' });
    expect(old.problems).toEqual([
      {
        field: 'birthDate',
        code: 'birth_date_too_old',
        severity: 'error',
        params: { date: '31/05/1903', age: 121 },
      },
    ]);
    const today = validate({ nik: '', nikAbsenceReason: 'bayi', birthDate: '01/06/2024' });
    expect(today.problems).toEqual([]);
  });

  it.each([
    ['0812 3456 7890', '081234567890'],
    ['6281234567890', '081234567890'],
    ['+62 (812) 3456-7890', '081234567890'],
    ['81234567890', '081234567890'],
    ['081234567890.0', '081234567890'],
    ["'081234567890", '081234567890'],
  ])('normalises the phone number %s', (raw, phone) => {
    const { record, problems } = validate({ phone: raw });
    expect(record.phone).toBe(phone);
    expect(problems).toEqual([]);
  });

  it.each(['12345', '021-5551234', '8.12346E+10', 'tidak ada'])(
    'keeps no phone for %s, with a warning only',
    (raw) => {
      const { record, problems } = validate({ phone: raw });
      expect(record.phone).toBeNull();
      expect(problems).toMatchObject([{ field: 'phone', code: 'phone_invalid', severity: 'warning' }]);
    },
  );

  it.each([
    ['1', '001'],
    ['01', '001'],
    ['001', '001'],
    ['RT 05', '005'],
    ['rt.7', '007'],
    ['12.0', '012'],
    ['999', '999'],
  ])('pads RT %s to %s', (raw, rt) => {
    expect(validate({ rt: raw }).record.rt).toBe(rt);
  });

  it.each(['0', '000', '1000', '5a', 'satu'])('refuses RT/RW %s', (raw) => {
    expect(codesOf(validate({ rt: raw, rw: raw }).problems)).toEqual(['rt:rt_invalid', 'rw:rw_invalid']);
  });

  it('tells an unknown kelurahan from a malformed code, keeping the readable one', () => {
    const unknown = validate({ kelurahanCode: '31.74.01.1999' });
    expect(unknown.problems).toEqual([
      {
        field: 'kelurahanCode',
        code: 'unknown_kelurahan',
        severity: 'error',
        params: { code: '31.74.01.1999' },
      },
    ]);
    expect(unknown.record.kelurahanCode).toBe('31.74.01.1999');
    const malformed = validate({ kelurahanCode: 'Tebet Barat' });
    expect(codesOf(malformed.problems)).toEqual(['kelurahanCode:kelurahan_code_invalid']);
    expect(malformed.record.kelurahanCode).toBeNull();
  });

  it('refuses any value longer than 500 characters', () => {
    const long = 'a'.repeat(501);
    const { record, problems } = validate({ address: long, ref: long, nikAbsenceReason: long });
    expect(problems).toEqual(
      (['address', 'ref', 'nikAbsenceReason'] as const).map((field) => ({
        field,
        code: 'value_too_long',
        severity: 'error',
        params: { length: 501, limit: 500 },
      })),
    );
    expect(record.address).toBeNull();
    expect(validate({ address: 'a'.repeat(500) }).problems).toEqual([]);
  });
});

describe('validateIntakeCells: line breaks in CSV cells', () => {
  const cellsWith = (changes: Partial<Record<IntakeField, string>>) =>
    INTAKE_FIELDS.map((field) => ({ ...validRow, ...changes })[field]);

  it('warns of a line break in a CSV cell, and says a quote is left open when later lines hold records', () => {
    const twoLines = validateIntakeCells(cellsWith({ address: 'Jl. Tebet\r\nBlok C' }), context, false, true);
    expect(twoLines.record.address).toBe('Jl. Tebet Blok C');
    expect(twoLines.problems).toEqual([
      { field: 'address', code: 'line_break_in_cell', severity: 'warning' },
    ]);
    const swallowed = validateIntakeCells(
      cellsWith({ address: 'JL. TEBET TIMUR 5,001,002\n3174012301150004,3174014505850003,Budi' }),
      context,
      false,
      true,
    );
    expect(swallowed.problems).toEqual([
      {
        field: 'address',
        code: 'quote_not_closed',
        severity: 'error',
        params: { value: '3174012301150004,3174014505850003,Budi' },
      },
    ]);
    expect(formatProblem(swallowed.problems[0], 'en')).toMatch(/^Address: contains a line break and then/);
  });

  it('leaves a line break in a spreadsheet cell or a form field alone', () => {
    expect(validate({ address: 'Jl. Tebet\nBlok C' }).problems).toEqual([]);
    expect(validateIntakeCells(cellsWith({ address: 'Jl. Tebet\nBlok C' }), context).problems).toEqual([]);
  });
});

describe('validateIntakeRow: robustness', () => {
  it('reports exactly one problem for each field when every field is wrong', () => {
    const everythingWrong: Record<IntakeField, string> = {
      kkNumber: '3,17401E+15',
      nik: '317401450585002',
      fullName: '12345',
      sex: 'X',
      birthPlace: '=HYPERLINK("http://contoh.id")',
      birthDate: '31/02/1990',
      relationship: 'tetangga',
      maritalStatus: 'janda',
      occupation: '@cmd',
      address: 'x'.repeat(501),
      rt: '0',
      rw: 'RW',
      kelurahanCode: 'Tebet',
      phone: '12345',
      fixedIncome: 'mungkin',
      covidAffected: 'entah',
      ref: '=1+1',
      nikAbsenceReason: '+SUM(1)',
    };
    const { record, problems } = validateIntakeRow(everythingWrong, context);
    const fields = problems.map((problem) => problem.field);
    expect([...fields].sort()).toEqual([...INTAKE_FIELDS].sort());
    expect(Object.values(record).every((value) => value === null)).toBe(true);
    for (const problem of problems) expect(isKnownProblemCode(problem.code)).toBe(true);
  });

  it('never throws on random input and only emits codes that have messages', () => {
    // A fixed seed keeps failures reproducible.
    let seed = 20210701;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const alphabet = [...'0123456789 .,-+=@\'"/()ELPYTaxZ\u00A0\u200B\uFEFF\t\n\r😀ñ٣E+15'];
    const randomString = () => {
      const length = Math.floor(random() * 24);
      let text = '';
      for (let index = 0; index < length; index++) text += alphabet[Math.floor(random() * alphabet.length)];
      return text;
    };
    // Small edits of a valid value reach the deeper NIK, KK and date checks that pure noise rarely does.
    const mutate = (value: string) => {
      const position = Math.floor(random() * (value.length + 1));
      const character = alphabet[Math.floor(random() * alphabet.length)];
      return random() < 0.5
        ? value.slice(0, position) + character + value.slice(position + 1)
        : value.slice(0, position) + value.slice(position + 1);
    };
    for (let iteration = 0; iteration < 2000; iteration++) {
      const values: Partial<Record<IntakeField, string>> = {};
      for (const field of INTAKE_FIELDS) {
        if (random() < 0.9) values[field] = iteration % 2 === 0 ? randomString() : mutate(validRow[field]);
      }
      const { problems } = validateIntakeRow(values, context);
      for (const problem of problems) {
        expect(isKnownProblemCode(problem.code), problem.code).toBe(true);
        expect(formatProblem(problem, 'id')).not.toContain('{{');
        expect(formatProblem(problem, 'en')).not.toContain('?');
      }
    }
  });

  it('reads numbers handed over by an XLSX reader despite the string type', () => {
    const values = { ...validRow, rt: 5, kelurahanCode: 3174011001 } as unknown as Record<
      IntakeField,
      string
    >;
    const { record, problems } = validateIntakeRow(values, context);
    expect(problems).toEqual([]);
    expect(record).toMatchObject({ rt: '005', kelurahanCode: '31.74.01.1001' });
  });
});

describe('formatProblem', () => {
  it('prefixes family problems and leaves row problems bare', () => {
    expect(formatProblem({ field: 'family', code: 'family_no_head', severity: 'error' }, 'en')).toBe(
      'Family: no member has the relationship KEPALA KELUARGA (head)',
    );
    expect(
      formatProblem(
        { field: 'row', code: 'file_missing_columns', severity: 'error', params: { columns: 'nik, rt' } },
        'id',
      ),
    ).toBe('kolom wajib tidak ada: nik, rt');
  });

  it('shows a missing parameter as ? and an unknown code as itself', () => {
    expect(formatProblem({ field: 'row', code: 'duplicate_row_in_file', severity: 'warning' }, 'en')).toBe(
      'this row repeats row ? of the same file',
    );
    expect(formatProblem({ field: 'nik', code: 'something_new', severity: 'error' }, 'en')).toBe(
      'NIK: something_new',
    );
  });
});

describe('resolveIntakeHeader', () => {
  it('maps the template header to every field in order, missing nothing', () => {
    const resolved = resolveIntakeHeader([...INTAKE_TEMPLATE_HEADER]);
    expect(resolved).toEqual({ columns: [...INTAKE_FIELDS], missing: [], unknown: [], duplicated: [] });
    expect(INTAKE_TEMPLATE_HEADER.slice(0, 3)).toEqual(['no_kk', 'nik', 'nama']);
  });

  it('accepts English, aliases, case, BOM, spaces, dashes and (L/P) hints', () => {
    const resolved = resolveIntakeHeader([
      '\uFEFFKK Number',
      ' NIK ',
      'Full-Name',
      'Jenis Kelamin (L/P)',
      'birth_date',
      'RELATIONSHIP',
      'marital status',
      'Address',
      'RT',
      'rw',
      'Kelurahan Code',
      'penghasilan_tetap',
      'Covid-Affected',
      'No. HP',
    ]);
    expect(resolved.columns).toEqual([
      'kkNumber',
      'nik',
      'fullName',
      'sex',
      'birthDate',
      'relationship',
      'maritalStatus',
      'address',
      'rt',
      'rw',
      'kelurahanCode',
      'fixedIncome',
      'covidAffected',
      'phone',
    ]);
    expect(resolved.missing).toEqual([]);
  });

  it('lists missing required columns, unknown columns and duplicates (first occurrence wins)', () => {
    const resolved = resolveIntakeHeader([
      'nomor_kk',
      'nama',
      'nama_lengkap',
      'catatan',
      '',
      'tanggal_lahir',
    ]);
    expect(resolved.columns).toEqual(['kkNumber', 'fullName', null, null, null, 'birthDate']);
    expect(resolved.duplicated).toEqual([{ field: 'fullName', columns: [1, 2] }]);
    expect(resolved.unknown).toEqual([{ name: 'catatan', column: 3 }]);
    // Marital status, fixed income and COVID may be left out: not stated.
    expect(resolved.missing).toEqual(['nik', 'sex', 'relationship', 'address', 'rt', 'rw', 'kelurahanCode']);
  });
});
