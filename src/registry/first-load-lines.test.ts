import { describe, expect, it } from 'vitest';
import { intakeRowLine } from '../intake/intake-row-line.ts';
import type { RowProblem } from '../intake/row-problem.ts';
import type { IntakeRecord } from '../intake/validate-intake-row.ts';
import { FirstLoadLines } from './first-load-lines.ts';

interface Row extends Partial<IntakeRecord> {
  kkNumber: string;
  rowNumber: number;
  rejected?: boolean;
  review?: 'pending' | 'forwarded';
}

// One intake row's COPY line, as a validation worker writes it.
function intakeLine({ rowNumber, rejected = false, review = 'forwarded', ...values }: Row): string {
  const record: IntakeRecord = {
    nik: null,
    nikAbsenceReason: null,
    fullName: 'ANAK',
    sex: 'P',
    birthPlace: 'JAKARTA',
    birthDate: '2012-03-03',
    relationship: 'child',
    maritalStatus: 'single',
    occupation: null,
    address: 'JL. TEBET 1',
    rt: '001',
    rw: '002',
    kelurahanCode: '31.74.01.1001',
    phone: null,
    fixedIncome: false,
    covidAffected: true,
    ref: null,
    ...values,
  };
  const problems: RowProblem[] = rejected
    ? [{ field: 'birthDate', code: 'date_invalid', severity: 'error' }]
    : [];
  return intakeRowLine(7, rowNumber, record, '["raw", "cells"]', problems, review);
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

const HEAD = { relationship: 'head', fullName: 'BUDI' } as const;

describe('FirstLoadLines', () => {
  it('numbers families by their first row and members by their rows, each family from its first head row', () => {
    const text = [
      // Family A: the wife comes first, then the head with another address.
      intakeLine({ kkNumber: '3174010101100002', nik: '3174014707850002', rowNumber: 2, fullName: 'SITI' }),
      intakeLine({ kkNumber: '3174010101100001', nik: '3174010505800001', rowNumber: 3, ...HEAD }),
      // Rows rejected or not forwarded do not arrive.
      intakeLine({
        kkNumber: '3174010101100002',
        nik: '3174010505800007',
        rowNumber: 4,
        ...HEAD,
        rejected: true,
      }),
      intakeLine({
        kkNumber: '3174010101100003',
        nik: '3174010505800008',
        rowNumber: 5,
        ...HEAD,
        review: 'pending',
      }),
      intakeLine({
        kkNumber: '3174010101100002',
        nik: '3174010505800002',
        rowNumber: 6,
        ...HEAD,
        address: 'JL. KEPALA 9',
        phone: '081234567890',
      }),
      // A second head (the family check lets it through only when rows were picked) does not change the family.
      intakeLine({
        kkNumber: '3174010101100002',
        nik: '3174010505800009',
        rowNumber: 7,
        ...HEAD,
        address: 'JL. LAIN',
      }),
    ].join('');
    const { counts, households, members } = build(text);
    expect(counts).toEqual({ households: 2, members: 4, lastHouseholdId: 101, lastMemberId: 503 });
    expect(households).toEqual([
      '3174010101100001\tJL. TEBET 1\t001\t002\t31.74.01.1001\t\\N\tfalse\ttrue\t\\N\t101\t7',
      '3174010101100002\tJL. KEPALA 9\t001\t002\t31.74.01.1001\t081234567890\tfalse\ttrue\t\\N\t100\t7',
    ]);
    // The member's values, its ref and row, its key, then member id, family id and submission.
    expect(members.map((line) => line.split('\t'))).toEqual([
      [
        '3174010101100002',
        '3174014707850002',
        '\\N',
        'SITI',
        'P',
        'JAKARTA',
        '2012-03-03',
        'child',
        'single',
        '\\N',
        '\\N',
        '2',
        '3174014707850002',
        '500',
        '100',
        '7',
      ],
      expect.arrayContaining(['3174010101100001', '3', '3174010505800001', '501', '101']),
      expect.arrayContaining(['3174010101100002', '6', '3174010505800002', '502', '100']),
      expect.arrayContaining(['3174010101100002', '7', '3174010505800009', '503', '100']),
    ]);
  });

  it('writes a family whose head never came from its first row, and a person without NIK listed twice once', () => {
    const text = [
      intakeLine({ kkNumber: '3174010101100003', rowNumber: 10, fullName: 'Rina', ref: 'C1' }),
      intakeLine({ kkNumber: '3174010101100003', rowNumber: 11, fullName: 'RINA', ref: 'C2' }),
      intakeLine({ kkNumber: '3174010101100003', rowNumber: 12, fullName: 'DEWI', address: 'JL. X' }),
      // The same name and date in another listing (another RT) is another family's member.
      intakeLine({ kkNumber: '3174010101100003', rt: '004', rowNumber: 13, fullName: 'RINA' }),
    ].join('');
    const { counts, households, members } = build(text);
    expect(counts).toMatchObject({ households: 2, members: 3 });
    expect(households).toEqual([
      '3174010101100003\tJL. TEBET 1\t001\t002\t31.74.01.1001\t\\N\tfalse\ttrue\tC1\t100\t7',
      '3174010101100003\tJL. TEBET 1\t004\t002\t31.74.01.1001\t\\N\tfalse\ttrue\t\\N\t101\t7',
    ]);
    // Ref, row, member key, family id.
    expect(
      members.map((line) => line.split('\t')).map((fields) => [10, 11, 12, 14].map((at) => fields[at])),
    ).toEqual([
      ['C1', '10', 'name:rina:2012-03-03', '100'],
      ['\\N', '12', 'name:dewi:2012-03-03', '100'],
      ['\\N', '13', 'name:rina:2012-03-03', '101'],
    ]);
  });

  it('gives the same lines however the text is cut, inside characters and escapes too', () => {
    const text = Array.from({ length: 40 }, (_, index) =>
      intakeLine({
        kkNumber: `31740101011${String(10_000 + (index % 13)).padStart(5, '0')}`,
        nik: index % 5 === 0 ? null : `31740105058${String(10_000 + index).padStart(5, '0')}`,
        fullName: index % 5 === 0 ? 'SITI NURHALIZA\tJAYA\\' : 'ŽANETA ÇAĞLAR',
        birthPlace: 'JAKARTA\nPUSAT',
        rowNumber: index + 2,
        ...(index % 4 === 0 ? { relationship: 'head' } : {}),
      }),
    ).join('');
    const whole = build(text);
    expect(whole.counts.households).toBe(13);
    expect(whole.members.some((line) => line.includes('name:siti nurhaliza\\tjaya\\\\:2012-03-03'))).toBe(
      true,
    );
    for (const pieceBytes of [1, 2, 3, 7, 64, 1000]) expect(build(text, pieceBytes)).toEqual(whole);
  });

  it('leaves out the rows named, and takes the member keys given for names that are not ASCII', () => {
    const text = [
      intakeLine({ kkNumber: '3174010101100004', rowNumber: 2, ...HEAD, nik: '3174010505800004', ref: 'H' }),
      intakeLine({ kkNumber: '3174010101100004', rowNumber: 3, fullName: 'ÇAĞLAR' }),
      intakeLine({ kkNumber: '3174010101100004', rowNumber: 4, fullName: 'ÇAĞLAR' }),
      intakeLine({ kkNumber: '3174010101100005', rowNumber: 5, ...HEAD, nik: '3174010505800005' }),
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
      '3174010101100004\tJL. TEBET 1\t001\t002\t31.74.01.1001\t\\N\tfalse\ttrue\t\\N\t100\t7',
    ]);
    expect(members.map((line) => line.split('\t')[12])).toEqual(['name:Çağlar:2012-03-03']);
    expect(() => build(text, undefined, { skipRows: new Set([2]) })).toThrow(
      /row 3: no member key was given/,
    );
  });

  it('refuses a line with a field too many or too few, and text that ends inside a line', () => {
    const line = intakeLine({ kkNumber: '3174010101100001', rowNumber: 2 });
    expect(() => build(line.replace('\n', '\textra\n'))).toThrow(/intake line 1: 25 fields instead of 24/);
    expect(() => build(line.replace('\tJAKARTA', ''))).toThrow(/intake line 1: 23 fields/);
    expect(() => build(line.slice(0, -1))).toThrow(/ended inside a line/);
  });
});
