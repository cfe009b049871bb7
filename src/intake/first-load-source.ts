// The line each accepted row of a large import gives a first load into an empty registry (FIRST_LOAD_SOURCE_FIELDS),
// written where the row is checked, so the registry's rows need not be read back from the database.
import { CopyTextBuffer, copyValue } from '../db/copy-rows.ts';
import { code, flag } from './intake-row-line.ts';
import type { IntakeRecord } from './validate-intake-row.ts';

// Printable ASCII: lowercased alike by JavaScript and by PostgreSQL's lower() (checked per import, see
// firstLoadLikely); any other name's member key is asked of PostgreSQL.
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/**
 * The member key as the arrival statements compute it (MEMBER_KEY): the NIK, else name and birth date. Undefined
 * when only PostgreSQL can say (a name beyond printable ASCII).
 */
export function memberKeyOf(record: IntakeRecord): string | null | undefined {
  if (record.nik !== null) return record.nik;
  if (record.fullName === null) return null;
  if (!PLAIN_ASCII.test(record.fullName)) return undefined;
  return `name:${record.fullName.toLowerCase()}:${record.birthDate ?? ''}`;
}

/** The first-load lines of a batch of rows, and the rows whose member key PostgreSQL must give. */
export class FirstLoadSourceLines {
  private readonly lines: CopyTextBuffer;
  private readonly keyRows: number[] = [];

  constructor(expectedRows = 1024) {
    this.lines = new CopyTextBuffer(expectedRows * 260);
  }

  /** An accepted row (no error) of a forwarded submission; rejected rows never arrive. */
  add(rowNumber: number, record: IntakeRecord): void {
    const key = memberKeyOf(record);
    if (key === undefined) this.keyRows.push(rowNumber);
    this.lines.write(
      `${code(record.kkNumber)}\t${key === undefined ? '' : copyValue(key)}\t${code(record.nik)}\t${copyValue(
        record.nikAbsenceReason,
      )}\t${copyValue(record.fullName)}\t${code(record.sex)}\t${copyValue(record.birthPlace)}\t${code(
        record.birthDate,
      )}\t${code(record.relationship)}\t${code(record.maritalStatus)}\t${copyValue(record.occupation)}\t${copyValue(
        record.ref,
      )}\t${rowNumber}\t${code(record.kkNumber)}\t${code(record.kelurahanCode)}\t${code(record.rw)}\t${code(
        record.rt,
      )}\t${copyValue(record.address)}\t${code(record.phone)}\t${flag(record.fixedIncome)}\t${flag(
        record.covidAffected,
      )}\t${copyValue(record.ref)}\t${record.relationship === 'head' ? 't' : 'f'}\n`,
    );
  }

  /** What was added so far (memory of its own, for a worker to hand over); starts again empty. */
  take(): FirstLoadSource {
    const keyRows = Int32Array.from(this.keyRows);
    this.keyRows.length = 0;
    return { lines: this.lines.take(), keyRows };
  }
}

export interface FirstLoadSource {
  lines: Uint8Array;
  keyRows: Int32Array;
}
