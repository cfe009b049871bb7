// What a large import into an empty registry keeps beside its intake lines (see FirstLoadLines): the rows whose
// member key only PostgreSQL can give, found where the rows are checked.
import type { IntakeRecord } from './validate-intake-row.ts';

// Printable ASCII: lowercased alike by FirstLoadLines and by PostgreSQL's lower() (checked per import, see
// firstLoadLikely); any other name's member key is asked of PostgreSQL.
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** The rows of a batch without NIK whose name is not plain ASCII. */
export class FirstLoadKeyRows {
  private readonly rows: number[] = [];

  /** An accepted row (rejected rows never arrive). */
  add(rowNumber: number, record: IntakeRecord): void {
    if (record.nik === null && record.fullName !== null && !PLAIN_ASCII.test(record.fullName)) {
      this.rows.push(rowNumber);
    }
  }

  /** The rows added so far (memory of its own, for a worker to hand over); starts again empty. */
  take(): Int32Array {
    const rows = Int32Array.from(this.rows);
    this.rows.length = 0;
    return rows;
  }
}

/** A batch of intake COPY lines (all rows, in file order) and its rows needing a member key from PostgreSQL. */
export interface FirstLoadSource {
  lines: Uint8Array | string;
  keyRows: ArrayLike<number>;
}
