import { describe, expect, it } from 'vitest';
import { FIRST_LOAD_SOURCE_FIELDS, FirstLoadLines } from './first-load-lines.ts';

type SourceRow = Record<(typeof FIRST_LOAD_SOURCE_FIELDS)[number], string>;

// One arriving row as PostgreSQL writes it (COPY text); the member's ref and the family's ref are one column.
function sourceLine(row: Partial<SourceRow> & { kk_number: string; row_number: string }): string {
  const values: SourceRow = {
    kelurahan_code: '31.74.01.1001',
    rw: '002',
    rt: '001',
    is_head: 'f',
    member_key: row.nik ?? `name:${(row.full_name ?? 'anak').toLowerCase()}:2012-03-03`,
    address: 'JL. TEBET 1',
    phone: '\\N',
    fixed_income: 'f',
    covid_affected: 't',
    ref: '\\N',
    nik: '\\N',
    nik_absence_reason: '\\N',
    full_name: 'ANAK',
    sex: 'P',
    birth_place: 'JAKARTA',
    birth_date: '2012-03-03',
    relationship: 'child',
    marital_status: 'single',
    occupation: '\\N',
    ...row,
  };
  return `${FIRST_LOAD_SOURCE_FIELDS.map((field) => values[field]).join('\t')}\n`;
}

function build(
  text: string,
  pieceBytes?: number,
  extra: Pick<ConstructorParameters<typeof FirstLoadLines>[0], 'skipRows' | 'memberKeys'> = {},
) {
  const members: Buffer[] = [];
  const lines = new FirstLoadLines({
    submissionId: 7,
    firstHouseholdId: 100,
    firstMemberId: 500,
    onMemberLines: (chunk) => members.push(Buffer.from(chunk)),
    ...extra,
  });
  const bytes = Buffer.from(text, 'utf8');
  const step = pieceBytes ?? bytes.length;
  for (let start = 0; start < bytes.length; start += step) lines.push(bytes.subarray(start, start + step));
  const counts = lines.end();
  return {
    counts,
    households: Buffer.concat(lines.households()).toString('utf8').split('\n').slice(0, -1),
    members: Buffer.concat(members).toString('utf8').split('\n').slice(0, -1),
  };
}

const HEAD = { is_head: 't', relationship: 'head', full_name: 'BUDI' } as const;

describe('FirstLoadLines', () => {
  it('numbers families by their first row and members by their rows, each family from its first head row', () => {
    const text = [
      // Family A: the wife comes first, then the head with another address.
      sourceLine({ kk_number: '3174010101100002', nik: '3174014707850002', row_number: '2' }),
      sourceLine({ kk_number: '3174010101100001', nik: '3174010505800001', row_number: '3', ...HEAD }),
      sourceLine({
        kk_number: '3174010101100002',
        nik: '3174010505800002',
        row_number: '4',
        ...HEAD,
        address: 'JL. KEPALA 9',
        phone: '081234567890',
      }),
      // A second head (the family check lets it through only when rows were picked) does not change the family.
      sourceLine({
        kk_number: '3174010101100002',
        nik: '3174010505800009',
        row_number: '5',
        ...HEAD,
        address: 'JL. LAIN',
      }),
    ].join('');
    const { counts, households, members } = build(text);
    expect(counts).toEqual({ households: 2, members: 4, lastHouseholdId: 101, lastMemberId: 503 });
    expect(households).toEqual([
      '3174010101100001\t31.74.01.1001\t002\t001\tJL. TEBET 1\t\\N\tf\tt\t\\N\t101\t7',
      '3174010101100002\t31.74.01.1001\t002\t001\tJL. KEPALA 9\t081234567890\tf\tt\t\\N\t100\t7',
    ]);
    // KK, member key, the member's own values and row, then member id, family id and submission.
    expect(members.map((line) => line.split('\t'))).toEqual([
      [
        '3174010101100002',
        '3174014707850002',
        '3174014707850002',
        '\\N',
        'ANAK',
        'P',
        'JAKARTA',
        '2012-03-03',
        'child',
        'single',
        '\\N',
        '\\N',
        '2',
        '500',
        '100',
        '7',
      ],
      expect.arrayContaining(['3174010101100001', '3174010505800001', '3', '501', '101']),
      expect.arrayContaining(['3174010101100002', '3174010505800002', '4', '502', '100']),
      expect.arrayContaining(['3174010101100002', '3174010505800009', '5', '503', '100']),
    ]);
  });

  it('writes a family whose head never came from its first row, and a person without NIK listed twice once', () => {
    const text = [
      sourceLine({ kk_number: '3174010101100003', row_number: '10', full_name: 'RINA', ref: 'C1' }),
      sourceLine({ kk_number: '3174010101100003', row_number: '11', full_name: 'RINA', ref: 'C2' }),
      sourceLine({ kk_number: '3174010101100003', row_number: '12', full_name: 'DEWI', address: 'JL. X' }),
      // The same name and date in another listing (another RT) is another family's member.
      sourceLine({ kk_number: '3174010101100003', rt: '004', row_number: '13', full_name: 'RINA' }),
    ].join('');
    const { counts, households, members } = build(text);
    expect(counts).toMatchObject({ households: 2, members: 3 });
    expect(households).toEqual([
      '3174010101100003\t31.74.01.1001\t002\t001\tJL. TEBET 1\t\\N\tf\tt\tC1\t100\t7',
      '3174010101100003\t31.74.01.1001\t002\t004\tJL. TEBET 1\t\\N\tf\tt\t\\N\t101\t7',
    ]);
    // Member key, ref, row, family id.
    expect(
      members.map((line) => line.split('\t')).map((fields) => [1, 11, 12, 14].map((at) => fields[at])),
    ).toEqual([
      ['name:rina:2012-03-03', 'C1', '10', '100'],
      ['name:dewi:2012-03-03', '\\N', '12', '100'],
      ['name:rina:2012-03-03', '\\N', '13', '101'],
    ]);
  });

  it('gives the same lines however the text is cut, inside characters and escapes too', () => {
    const text = Array.from({ length: 40 }, (_, index) =>
      sourceLine({
        kk_number: `31740101011${String(10_000 + (index % 13)).padStart(5, '0')}`,
        nik: index % 5 === 0 ? undefined : `31740105058${String(10_000 + index).padStart(5, '0')}`,
        full_name: index % 3 === 0 ? 'SITI NURHALIZA\\tJAYA' : 'ŽANETA ÇAĞLAR',
        row_number: String(index + 2),
        ...(index % 4 === 0 ? HEAD : {}),
      }),
    ).join('');
    const whole = build(text);
    expect(whole.counts.households).toBe(13);
    for (const pieceBytes of [1, 2, 3, 7, 64, 1000]) expect(build(text, pieceBytes)).toEqual(whole);
  });

  it('leaves out the rows named, and takes the member keys given for lines that leave theirs empty', () => {
    const text = [
      sourceLine({
        kk_number: '3174010101100004',
        row_number: '2',
        ...HEAD,
        nik: '3174010505800004',
        ref: 'H',
      }),
      sourceLine({ kk_number: '3174010101100004', row_number: '3', full_name: 'ÇAĞLAR', member_key: '' }),
      sourceLine({ kk_number: '3174010101100004', row_number: '4', full_name: 'ÇAĞLAR', member_key: '' }),
      sourceLine({ kk_number: '3174010101100005', row_number: '5', ...HEAD, nik: '3174010505800005' }),
    ].join('');
    // The keys are COPY text whose UTF-8 bytes are read as latin1, like the lines.
    const key = Buffer.from('name:Çağlar:2012-03-03', 'utf8').toString('latin1');
    const { counts, households, members } = build(text, undefined, {
      skipRows: new Set([2, 5]),
      memberKeys: new Map([
        [3, key],
        [4, key],
      ]),
    });
    // The family of row 5 has no other row: it is not created. Row 2 was its family's head: row 3 gives the values.
    expect(counts).toMatchObject({ households: 1, members: 1 });
    expect(households).toEqual([
      '3174010101100004\t31.74.01.1001\t002\t001\tJL. TEBET 1\t\\N\tf\tt\t\\N\t100\t7',
    ]);
    expect(members.map((line) => line.split('\t').slice(0, 2))).toEqual([
      ['3174010101100004', 'name:Çağlar:2012-03-03'],
    ]);
    expect(() => build(text, undefined, { skipRows: new Set([2]) })).toThrow(
      /row 3: no member key was given/,
    );
  });

  it('refuses a line with a field too many or too few, and text that ends inside a line', () => {
    const line = sourceLine({ kk_number: '3174010101100001', row_number: '2' });
    expect(() => build(line.replace('\n', '\textra\n'))).toThrow(/arriving row 1: 24 fields instead of 23/);
    expect(() => build(line.replace('\tJAKARTA', ''))).toThrow(/arriving row 1: 22 fields/);
    expect(() => build(line.slice(0, -1))).toThrow(/ended inside a line/);
  });
});
