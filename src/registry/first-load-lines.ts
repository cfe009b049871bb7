// Numbers the families and members of a first load into an empty registry from the intake rows' own COPY lines,
// kept as the file was read, and writes the registry's COPY lines: a million families need no grouping, join or
// INSERT … SELECT in SQL (see loadEmptyRegistry). No I/O here: COPY text in, COPY text out.
import { detachedCopy } from '../db/copy-out.ts';
import { INTAKE_ROW_COPY_COLUMNS } from '../intake/intake-row-line.ts';
import { FamilyIndex } from './family-index.ts';

const TABS_PER_LINE = INTAKE_ROW_COPY_COLUMNS.length - 1;
/** The tab (counted from 0) that ends a column of the intake line. */
function after(column: (typeof INTAKE_ROW_COPY_COLUMNS)[number]): number {
  return INTAKE_ROW_COPY_COLUMNS.indexOf(column);
}
const AFTER_SUBMISSION = after('submission_id');
const AFTER_ROW_NUMBER = after('row_number');
const AFTER_KK = after('kk_number');
const AFTER_NIK = after('nik');
const AFTER_NAME = after('full_name');
const AFTER_BIRTH_DATE = after('birth_date');
const AFTER_RELATIONSHIP = after('relationship');
const AFTER_OCCUPATION = after('occupation');
const AFTER_ADDRESS = after('address');
const AFTER_KELURAHAN = after('kelurahan_code');
const AFTER_COVID = after('covid_affected');
const AFTER_REF = after('ref');
const AFTER_VALIDATION = after('validation');
// The pieces cut below rely on this order of the intake line.
if (
  AFTER_OCCUPATION - AFTER_KK !== 9 ||
  AFTER_REF - AFTER_OCCUPATION !== 8 ||
  AFTER_KELURAHAN - AFTER_ADDRESS !== 3 ||
  AFTER_REF - AFTER_COVID !== 1 ||
  AFTER_VALIDATION !== TABS_PER_LINE - 1
) {
  throw new Error('FirstLoadLines does not know this order of intake_row columns');
}
/** Column order of the member lines written here: a piece of the intake line, its ref and row, then key and ids. */
export const FIRST_LOAD_MEMBER_COLUMNS = [
  ...INTAKE_ROW_COPY_COLUMNS.slice(AFTER_ROW_NUMBER + 1, AFTER_OCCUPATION + 1),
  'ref',
  'source_row_number',
  'member_key',
  'id',
  'household_id',
  'source_submission_id',
];

/** Column order of the household lines written here: the KK and a piece of the intake line, then id and submission. */
export const FIRST_LOAD_HOUSEHOLD_COLUMNS = [
  'kk_number',
  ...INTAKE_ROW_COPY_COLUMNS.slice(AFTER_OCCUPATION + 1, AFTER_REF + 1),
  'id',
  'source_submission_id',
];

// A byte past ASCII (latin1 text): part of a UTF-8 character.
const NOT_ASCII = /[\u0080-\u00ff]/;
const OUTPUT_BYTES = 1 << 20;

/**
 * Lines written one by one into Buffers of about a megabyte, each handed on once full. Written at once, each line
 * is garbage as soon as it is made: gathered in a string, every young-generation collection would copy it again.
 */
class LineBuffers {
  private buffer = Buffer.allocUnsafeSlow(OUTPUT_BYTES);
  private used = 0;

  constructor(private readonly onFull: (chunk: Buffer) => void) {}

  /** One or more lines of latin1 text (see FirstLoadLines). */
  write(lines: string): void {
    if (this.used + lines.length > this.buffer.length) {
      this.flush();
      if (lines.length > this.buffer.length) this.buffer = Buffer.allocUnsafeSlow(lines.length);
    }
    this.used += this.buffer.write(lines, this.used, 'latin1');
  }

  flush(): void {
    if (this.used === 0) return;
    this.onFull(this.buffer.subarray(0, this.used));
    this.buffer = Buffer.allocUnsafeSlow(OUTPUT_BYTES);
    this.used = 0;
  }
}

export interface FirstLoadCounts {
  households: number;
  members: number;
  /** The last id given, or null when none was. */
  lastHouseholdId: number | null;
  lastMemberId: number | null;
}

/**
 * Families get ids in the order their first row arrives and members in the order of their rows, from the first
 * ids given. Only rows accepted and forwarded arrive. A family's values come from its first head row, else its
 * first row; of the rows of one family with the same member key (only rows without NIK can share one) the first
 * is kept; the key is the NIK, else name (lowercased) and birth date. These are the rules of the arrival
 * statements (applyForwardedIntakeRows, MEMBER_KEY).
 *
 * The text is read as latin1, one character per byte: UTF-8 passes through unchanged, and a tab or a newline
 * byte is never part of a multi-byte character. So only ASCII names are lowercased here: the member keys of the
 * others must be given (memberKeys), as PostgreSQL's lower() makes them.
 */
export class FirstLoadLines {
  /** Per family (KK number and listing): its id times two, plus one once its line was written from a head row. */
  private readonly families = new FamilyIndex();
  /** Families whose head has not come yet, by id: their first row, written as the family's line if none comes. */
  private readonly headless = new Map<number, string>();
  private readonly nameKeys = new Set<string>();
  private readonly householdChunks: Buffer[] = [];
  private readonly householdLines = new LineBuffers((chunk) => this.householdChunks.push(chunk));
  private readonly memberLines: LineBuffers;
  /** The member lines of the piece being read, joined once it is (one write instead of one per line). */
  private readonly pendingMembers: string[] = [];
  private readonly tabs = new Int32Array(TABS_PER_LINE);
  private readonly submissionText: string;
  private carried: Buffer | undefined;
  private lastKkNumber = '';
  private lastListing = '';
  private lastFamilyState = 0;
  private nextHouseholdId: number;
  private nextMemberId: number;
  private lineNumber = 0;

  constructor(
    private readonly options: {
      submissionId: number;
      firstHouseholdId: number;
      firstMemberId: number;
      /** Receives the member lines, a megabyte or so at a time (the Buffer is its own). */
      onMemberLines: (chunk: Buffer) => void;
      /** Rows left out (rejected after their line was written). */
      skipRows?: ReadonlySet<number>;
      /** Member keys of rows without NIK whose name is not ASCII: COPY text, its UTF-8 bytes read as latin1. */
      memberKeys?: ReadonlyMap<number, string>;
    },
  ) {
    this.submissionText = String(options.submissionId);
    this.nextHouseholdId = options.firstHouseholdId;
    this.nextMemberId = options.firstMemberId;
    this.memberLines = new LineBuffers(options.onMemberLines);
  }

  /** Takes the next piece of intake COPY text (INTAKE_ROW_COPY_COLUMNS); a line may go on in the next piece. */
  push(chunk: Buffer): void {
    // One flat string per piece: a joined (cons) string would be unwrapped again by every search in it.
    const text = (this.carried ? Buffer.concat([this.carried, chunk]) : chunk).toString('latin1');
    let lineStart = 0;
    let lineEnd = text.indexOf('\n');
    while (lineEnd !== -1) {
      this.lineNumber++;
      this.findTabs(text, lineStart, lineEnd);
      this.row(text, lineStart, lineEnd);
      lineStart = lineEnd + 1;
      lineEnd = text.indexOf('\n', lineStart);
    }
    this.memberLines.write(this.pendingMembers.join(''));
    this.pendingMembers.length = 0;
    this.carried = lineStart < text.length ? Buffer.from(text.slice(lineStart), 'latin1') : undefined;
  }

  /** Writes the families whose head never came, and every line still held. */
  end(): FirstLoadCounts {
    if (this.carried) throw new Error('First load: the intake rows ended inside a line');
    for (const [householdId, line] of this.headless) {
      this.findTabs(line, 0, line.length);
      this.writeHousehold(line, householdId);
    }
    this.headless.clear();
    this.householdLines.flush();
    this.memberLines.flush();
    const households = this.nextHouseholdId - this.options.firstHouseholdId;
    const members = this.nextMemberId - this.options.firstMemberId;
    return {
      households,
      members,
      lastHouseholdId: households > 0 ? this.nextHouseholdId - 1 : null,
      lastMemberId: members > 0 ? this.nextMemberId - 1 : null,
    };
  }

  /** The household lines, once end() was called. */
  households(): Buffer[] {
    return this.householdChunks;
  }

  private findTabs(text: string, start: number, end: number): void {
    const tabs = this.tabs;
    let at = start - 1;
    for (let index = 0; index < TABS_PER_LINE; index++) {
      at = text.indexOf('\t', at + 1);
      if (at === -1 || at > end) this.refuse(text, start, end);
      tabs[index] = at;
    }
    const extra = text.indexOf('\t', at + 1);
    if (extra !== -1 && extra < end) this.refuse(text, start, end);
  }

  private refuse(text: string, start: number, end: number): never {
    const fields = text.slice(start, end).split('\t').length;
    throw new Error(
      `First load, intake line ${this.lineNumber}: ${fields} fields instead of ${TABS_PER_LINE + 1}`,
    );
  }

  private field(text: string, afterTab: number, end?: number): string {
    return text.slice(this.tabs[afterTab - 1] + 1, end ?? this.tabs[afterTab]);
  }

  private row(text: string, start: number, end: number): void {
    const tabs = this.tabs;
    if (
      this.field(text, AFTER_VALIDATION) !== 'accepted' ||
      this.field(text, AFTER_VALIDATION + 1, end) !== 'forwarded'
    ) {
      return;
    }
    const rowText = text.slice(tabs[AFTER_SUBMISSION] + 1, tabs[AFTER_ROW_NUMBER]);
    const { skipRows, memberKeys } = this.options;
    if (skipRows && skipRows.size > 0 && skipRows.has(Number(rowText))) return;
    const kkNumber = text.slice(tabs[AFTER_ROW_NUMBER] + 1, tabs[AFTER_KK]);
    const listing = text.slice(tabs[AFTER_ADDRESS] + 1, tabs[AFTER_KELURAHAN]);
    const isHead = this.field(text, AFTER_RELATIONSHIP) === 'head';
    // A family's rows mostly follow each other: the last family is looked at before the index.
    const sameFamily = kkNumber === this.lastKkNumber && listing === this.lastListing;
    let state = sameFamily ? this.lastFamilyState : this.families.find(kkNumber, listing);
    if (state === undefined) {
      state = this.nextHouseholdId++ * 2;
      if (isHead) {
        this.writeHousehold(text, state / 2);
        state++;
      } else {
        this.headless.set(state / 2, detachedCopy(text.slice(start, end)));
      }
      this.families.put(state);
    } else if (isHead && state % 2 === 0) {
      this.writeHousehold(text, state / 2);
      this.headless.delete(state / 2);
      state++;
      this.families.set(kkNumber, listing, state);
    }
    this.lastKkNumber = kkNumber;
    this.lastListing = listing;
    this.lastFamilyState = state;
    const householdId = Math.floor(state / 2);
    let memberKey = this.field(text, AFTER_NIK);
    if (memberKey === '\\N') {
      // Without NIK a person is known by name and birth date: a repeat within the family is the same person.
      const name = this.field(text, AFTER_NAME);
      const birthDate = this.field(text, AFTER_BIRTH_DATE);
      const given = memberKeys?.get(Number(rowText));
      if (given === undefined && NOT_ASCII.test(name)) {
        throw new Error(`First load, row ${rowText}: no member key was given for a name that is not ASCII`);
      }
      memberKey = given ?? `name:${name.toLowerCase()}:${birthDate === '\\N' ? '' : birthDate}`;
      const personKey = `${householdId}\n${memberKey}`;
      if (this.nameKeys.has(personKey)) return;
      this.nameKeys.add(detachedCopy(personKey));
    }
    this.pendingMembers.push(
      `${text.slice(tabs[AFTER_ROW_NUMBER] + 1, tabs[AFTER_OCCUPATION])}\t${text.slice(
        tabs[AFTER_COVID] + 1,
        tabs[AFTER_REF],
      )}\t${rowText}\t${memberKey}\t${this.nextMemberId++}\t${householdId}\t${this.submissionText}\n`,
    );
  }

  /** The family's line from one of its rows; tabs must hold that row's tab positions. */
  private writeHousehold(text: string, householdId: number): void {
    const tabs = this.tabs;
    this.householdLines.write(
      `${text.slice(tabs[AFTER_ROW_NUMBER] + 1, tabs[AFTER_KK])}\t${text.slice(
        tabs[AFTER_OCCUPATION] + 1,
        tabs[AFTER_REF],
      )}\t${householdId}\t${this.submissionText}\n`,
    );
  }
}
