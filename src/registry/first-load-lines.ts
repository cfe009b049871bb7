// Numbers the families and members of a first load into an empty registry from one line per accepted row, written
// as the file was read (FirstLoadSourceLines), and writes the registry's own COPY lines: a million families need no
// grouping, join or INSERT … SELECT in SQL (see loadEmptyRegistry). No I/O here: COPY text in, COPY text out.

/**
 * What each arriving row must hold, in this order, as COPY text lines sorted by row number. The member key must be
 * the text MEMBER_KEY gives in SQL, so that later arrivals find these members; a line may leave it empty for the
 * caller to give (memberKeys). The order lets each member line and each family line be one piece of its row
 * (see the column lists below).
 */
export const FIRST_LOAD_SOURCE_FIELDS = [
  // The member's line.
  'kk_number',
  'member_key',
  'nik',
  'nik_absence_reason',
  'full_name',
  'sex',
  'birth_place',
  'birth_date',
  'relationship',
  'marital_status',
  'occupation',
  'ref',
  'row_number',
  // The family's key (its first four fields) and line: from its first head row, else its first row.
  'kk_number',
  'kelurahan_code',
  'rw',
  'rt',
  'address',
  'phone',
  'fixed_income',
  'covid_affected',
  'ref',
  'is_head',
] as const;

/** Column order of the member lines written here: the row's member piece, then the ids and the submission. */
export const FIRST_LOAD_MEMBER_COLUMNS = [
  'kk_number',
  'member_key',
  'nik',
  'nik_absence_reason',
  'full_name',
  'sex',
  'birth_place',
  'birth_date',
  'relationship',
  'marital_status',
  'occupation',
  'ref',
  'source_row_number',
  'id',
  'household_id',
  'source_submission_id',
] as const;

/** Column order of the household lines written here: the row's family piece, then the id and the submission. */
export const FIRST_LOAD_HOUSEHOLD_COLUMNS = [
  'kk_number',
  'kelurahan_code',
  'rw',
  'rt',
  'address',
  'phone',
  'fixed_income',
  'covid_affected',
  'ref',
  'id',
  'source_submission_id',
] as const;

const TABS_PER_LINE = FIRST_LOAD_SOURCE_FIELDS.length - 1;
// Tabs (counted from 0) that end the pieces the lines are cut from.
const AFTER_MEMBER_KEY = 1;
const AFTER_ROW_NUMBER = 12;
const AFTER_RT = 16;
const AFTER_FAMILY_REF = 21;
const LETTER_T = 0x74;
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

/** A string of its own: V8 keeps a substring as a view of its whole parent, here a 64 kB chunk of COPY text. */
function detached(text: string): string {
  return Buffer.from(text, 'latin1').toString('latin1');
}

/**
 * Families get ids in the order their first row arrives and members in the order of their rows, from the first
 * ids given. A family's values come from its first head row, else its first row; of the rows of one family with
 * the same member key (only rows without NIK can share one) the first is kept. These are the rules of the
 * arrival statements (applyForwardedIntakeRows).
 *
 * The text is read as latin1, one character per byte: UTF-8 passes through unchanged, and a tab or a newline
 * byte is never part of a multi-byte character.
 */
export class FirstLoadLines {
  /** Per family key: its id times two, plus one once its family line was written from a head row. */
  private readonly families = new Map<string, number>();
  /** Families whose head has not come yet: their first row, written as the family's line if none comes. */
  private readonly headless = new Map<string, string>();
  private readonly nameKeys = new Set<string>();
  private readonly householdChunks: Buffer[] = [];
  private readonly householdLines = new LineBuffers((chunk) => this.householdChunks.push(chunk));
  private readonly memberLines: LineBuffers;
  /** The member lines of the piece being read, joined once it is (one write instead of one per line). */
  private readonly pendingMembers: string[] = [];
  private readonly tabs = new Int32Array(TABS_PER_LINE);
  private readonly submissionText: string;
  private carried = '';
  private lastFamilyKey = '';
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
      /** The member key of each row whose line leaves it empty: COPY text, its UTF-8 bytes read as latin1. */
      memberKeys?: ReadonlyMap<number, string>;
    },
  ) {
    this.submissionText = String(options.submissionId);
    this.nextHouseholdId = options.firstHouseholdId;
    this.nextMemberId = options.firstMemberId;
    this.memberLines = new LineBuffers(options.onMemberLines);
  }

  /** Takes the next piece of COPY text; a line may go on in the next piece. */
  push(chunk: Buffer): void {
    const text = this.carried + chunk.toString('latin1');
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
    this.carried = lineStart < text.length ? detached(text.slice(lineStart)) : '';
  }

  /** Writes the families whose head never came, and every line still held. */
  end(): FirstLoadCounts {
    if (this.carried !== '') throw new Error('First load: the arriving rows ended inside a line');
    for (const [key, line] of this.headless) {
      this.findTabs(line, 0, line.length);
      this.writeHousehold(line, Math.floor((this.families.get(key) ?? 0) / 2));
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
      `First load, arriving row ${this.lineNumber}: ${fields} fields instead of ${TABS_PER_LINE + 1}`,
    );
  }

  private rowNumberOf(text: string): number {
    return Number(text.slice(this.tabs[AFTER_ROW_NUMBER - 1] + 1, this.tabs[AFTER_ROW_NUMBER]));
  }

  private row(text: string, start: number, end: number): void {
    const tabs = this.tabs;
    const { skipRows, memberKeys } = this.options;
    if (skipRows && skipRows.size > 0 && skipRows.has(this.rowNumberOf(text))) return;
    const familyKey = text.slice(tabs[AFTER_ROW_NUMBER] + 1, tabs[AFTER_RT]);
    const isHead = end - tabs[AFTER_FAMILY_REF] === 2 && text.charCodeAt(end - 1) === LETTER_T;
    // A family's rows mostly follow each other: the last family is looked at before the map.
    let state = familyKey === this.lastFamilyKey ? this.lastFamilyState : this.families.get(familyKey);
    if (state === undefined) {
      state = this.nextHouseholdId++ * 2;
      if (isHead) {
        this.writeHousehold(text, state / 2);
        state++;
      } else {
        this.headless.set(detached(familyKey), detached(text.slice(start, end)));
      }
      this.families.set(detached(familyKey), state);
    } else if (isHead && state % 2 === 0) {
      this.writeHousehold(text, state / 2);
      this.headless.delete(familyKey);
      state++;
      this.families.set(familyKey, state);
    }
    this.lastFamilyKey = familyKey;
    this.lastFamilyState = state;
    const householdId = Math.floor(state / 2);
    let memberKey: string | undefined;
    if (tabs[AFTER_MEMBER_KEY] === tabs[0] + 1) {
      memberKey = memberKeys?.get(this.rowNumberOf(text));
      if (memberKey === undefined) {
        throw new Error(`First load, row ${this.rowNumberOf(text)}: no member key was given for it`);
      }
    }
    if (memberKey !== undefined ? memberKey.startsWith('name:') : text.startsWith('name:', tabs[0] + 1)) {
      // Without NIK a person is known by name and birth date: a repeat within the family is the same person.
      const personKey = `${familyKey}\n${memberKey ?? text.slice(tabs[0] + 1, tabs[AFTER_MEMBER_KEY])}`;
      if (this.nameKeys.has(personKey)) return;
      this.nameKeys.add(detached(personKey));
    }
    const memberPiece =
      memberKey === undefined
        ? text.slice(start, tabs[AFTER_ROW_NUMBER])
        : `${text.slice(start, tabs[0] + 1)}${memberKey}${text.slice(tabs[AFTER_MEMBER_KEY], tabs[AFTER_ROW_NUMBER])}`;
    this.pendingMembers.push(
      `${memberPiece}\t${this.nextMemberId++}\t${householdId}\t${this.submissionText}\n`,
    );
  }

  /** The family's line from one of its rows; tabs must hold that row's tab positions. */
  private writeHousehold(text: string, householdId: number): void {
    const tabs = this.tabs;
    this.householdLines.write(
      `${text.slice(tabs[AFTER_ROW_NUMBER] + 1, tabs[AFTER_FAMILY_REF])}\t${householdId}\t${this.submissionText}\n`,
    );
  }
}
