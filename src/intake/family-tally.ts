// Family checks of a large import tallied while its rows stream by: which families may have no head or
// several, and which rows may repeat a person of their family. Each family is kept as its exact key packed
// into four 32-bit words, each person as a 64-bit hash: the tally holds a few bytes per row, and the rows it
// names are checked again exactly in SQL.
import type { IntakeRecord } from './validate-intake-row.ts';

/** Per row: row number, family key (four words), person hash (two words), flags. */
const MARK_WORDS = 8;
const FAMILY_WORDS = 4;
const PERSON_WORDS = 2;
const FAMILY_AT = 1;
const PERSON_AT = 5;
const FLAGS_AT = 7;
const HEAD = 1;
const HAS_NIK = 2;
/** The family key is not in the form the validation writes, so it was not packed: its family is checked in SQL. */
const UNPACKED = 4;
/** A head row rejected for its own faults: the family's other rows must wait for it (checked in SQL). */
const HEAD_REJECTED = 8;

/** The marks of a batch of rows, written where the rows are checked (a worker thread) and tallied elsewhere. */
export class FamilyMarks {
  private words: Uint32Array;
  private used = 0;

  constructor(rows = 1024) {
    this.words = new Uint32Array(rows * MARK_WORDS);
  }

  /** Marks a row the way the SQL family checks group it: rows without a KK number belong to no family. */
  add(rowNumber: number, record: IntakeRecord, rejected = false): void {
    if (record.kkNumber === null) return;
    if (this.used + MARK_WORDS > this.words.length) {
      const grown = new Uint32Array(this.words.length * 2);
      grown.set(this.words);
      this.words = grown;
    }
    const words = this.words;
    const at = this.used;
    words[at] = rowNumber;
    let flags = record.relationship === 'head' ? (rejected ? HEAD | HEAD_REJECTED : HEAD) : 0;
    if (!packFamilyKey(words, at + FAMILY_AT, record)) flags |= UNPACKED;
    else if (record.nik !== null) {
      // The person's hash goes on from the family's key, so the same NIK in two families differs.
      first = FIRST_SEED;
      second = SECOND_SEED;
      for (let word = at + FAMILY_AT; word < at + FAMILY_AT + FAMILY_WORDS; word++) mixWord(words[word]);
      mix(record.nik);
      words[at + PERSON_AT] = finish(first);
      words[at + PERSON_AT + 1] = finish(second);
      flags |= HAS_NIK;
    }
    words[at + FLAGS_AT] = flags;
    this.used += MARK_WORDS;
  }

  /** The marks written so far (a copy the size of the rows marked). */
  take(): Uint32Array {
    return this.words.slice(0, this.used);
  }
}

// The parts of a family key as the validation writes them: KK of 16 digits, kelurahan 'PP.KK.CC.DDDD', RW and
// RT of three digits. A part that is NULL gets a value no written part has (GROUP BY keeps NULL apart).
const NO_NEIGHBOURHOOD = 1000;
const NO_KELURAHAN = 1 << 30;

/**
 * Writes the family key (KK, kelurahan, RW, RT) into four words, one value for one key and no other: KK in
 * two 8-digit halves (27 bits each), then province and kota (14 bits) with RW (10), then kecamatan and
 * kelurahan (20 bits) with RT (10). False when a part is not in the validation's form.
 */
function packFamilyKey(words: Uint32Array, at: number, record: IntakeRecord): boolean {
  const kk = record.kkNumber;
  if (kk === null || kk.length !== 16) return false;
  const kkHigh = digitsValue(kk, 0, 8);
  const kkLow = digitsValue(kk, 8, 16);
  const rw = neighbourhoodValue(record.rw);
  const rt = neighbourhoodValue(record.rt);
  if (kkHigh < 0 || kkLow < 0 || rw < 0 || rt < 0) return false;
  let regency = 0;
  let village = 0;
  let noKelurahan = NO_KELURAHAN;
  const code = record.kelurahanCode;
  if (code !== null) {
    if (code.length !== 13 || code[2] !== '.' || code[5] !== '.' || code[8] !== '.') return false;
    const province = digitsValue(code, 0, 2);
    const kota = digitsValue(code, 3, 5);
    const kecamatan = digitsValue(code, 6, 8);
    const desa = digitsValue(code, 9, 13);
    if (province < 0 || kota < 0 || kecamatan < 0 || desa < 0) return false;
    regency = province * 100 + kota;
    village = kecamatan * 10_000 + desa;
    noKelurahan = 0;
  }
  words[at] = kkHigh;
  words[at + 1] = kkLow;
  words[at + 2] = (regency | (rw << 14) | noKelurahan) >>> 0;
  words[at + 3] = (village | (rt << 20)) >>> 0;
  return true;
}

function neighbourhoodValue(text: string | null): number {
  if (text === null) return NO_NEIGHBOURHOOD;
  return text.length === 3 ? digitsValue(text, 0, 3) : -1;
}

/** The number written by the digits from start to end, or -1 when one is not a digit. */
function digitsValue(text: string, start: number, end: number): number {
  let value = 0;
  for (let index = start; index < end; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

// Two FNV-1a style hashes (different starts and multipliers) fed in one pass, each finished by murmur3's mix.
const FIRST_SEED = 0x811c9dc5;
const SECOND_SEED = 0x2545f491;
let first = FIRST_SEED;
let second = SECOND_SEED;

function mixWord(word: number): void {
  first = Math.imul(Math.imul(first ^ (word & 0xffff), 0x01000193) ^ (word >>> 16), 0x01000193);
  second = Math.imul(Math.imul(second ^ (word & 0xffff), 0x5bd1e995) ^ (word >>> 16), 0x5bd1e995);
}

function mix(text: string): void {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    first = Math.imul(first ^ code, 0x01000193);
    second = Math.imul(second ^ code, 0x5bd1e995);
  }
}

function finish(state: number): number {
  let hash = state;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** Open-addressing set of keys of a few words each, with a small value per key. */
class HashTable {
  keys: Uint32Array;
  /** 0: empty; otherwise 1 + the value. */
  states: Uint8Array;
  firstRows: Int32Array;
  size = 0;

  constructor(
    capacity: number,
    private readonly width: number,
  ) {
    this.keys = new Uint32Array(capacity * width);
    this.states = new Uint8Array(capacity);
    this.firstRows = new Int32Array(capacity);
  }

  /** Whether the key of the last slot() call was there already. */
  found = false;

  /** The slot of the key at `source[at…]`, claimed (state 1, first row noted) when it was not there. */
  slot(source: Uint32Array, at: number, rowNumber: number): number {
    if ((this.size + 1) * 2 > this.states.length) this.grow();
    const { keys, width } = this;
    const mask = this.states.length - 1;
    let slot = slotHash(source, at, width) & mask;
    while (this.states[slot] !== 0) {
      if (sameKey(keys, slot * width, source, at, width)) {
        this.found = true;
        return slot;
      }
      slot = (slot + 1) & mask;
    }
    for (let word = 0; word < width; word++) keys[slot * width + word] = source[at + word];
    this.states[slot] = 1;
    this.firstRows[slot] = rowNumber;
    this.size++;
    this.found = false;
    return slot;
  }

  private grow(): void {
    const { keys, states, firstRows, width } = this;
    const capacity = states.length * 2;
    this.keys = new Uint32Array(capacity * width);
    this.states = new Uint8Array(capacity);
    this.firstRows = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let old = 0; old < states.length; old++) {
      if (states[old] === 0) continue;
      let slot = slotHash(keys, old * width, width) & mask;
      while (this.states[slot] !== 0) slot = (slot + 1) & mask;
      for (let word = 0; word < width; word++) this.keys[slot * width + word] = keys[old * width + word];
      this.states[slot] = states[old];
      this.firstRows[slot] = firstRows[old];
    }
  }
}

// Person keys are hashes already; packed family keys are far from random (digits side by side), so each of
// their words is mixed before the slot is taken.
function slotHash(source: Uint32Array, at: number, width: number): number {
  if (width === PERSON_WORDS) return source[at] ^ Math.imul(source[at + 1], 0x9e3779b1);
  let hash = 0x9747b28c;
  for (let word = at; word < at + width; word++)
    hash = Math.imul(hash ^ source[word], 0x5bd1e995) ^ (hash >>> 15);
  return finish(hash);
}

function sameKey(keys: Uint32Array, keyAt: number, source: Uint32Array, at: number, width: number): boolean {
  for (let word = 0; word < width; word++) if (keys[keyAt + word] !== source[at + word]) return false;
  return true;
}

/**
 * Heads per family and persons per family over every row of a submission. Names a row of each family
 * with no head or several, each row repeating a person, and each row whose family key could not be packed.
 * Families are told apart exactly; two persons of a family sharing a 64-bit hash are only named once too often.
 */
export class FamilyTally {
  private readonly families = new HashTable(1 << 16, FAMILY_WORDS);
  private readonly persons = new HashTable(1 << 16, PERSON_WORDS);
  private readonly namedRows: number[] = [];

  add(marks: Uint32Array): void {
    let family = -1;
    let previous = -1;
    for (let at = 0; at < marks.length; at += MARK_WORDS) {
      const rowNumber = marks[at];
      const flags = marks[at + FLAGS_AT];
      if (flags & UNPACKED) {
        this.namedRows.push(rowNumber);
        continue;
      }
      // A family's rows mostly follow each other: the slot of the row before is then this row's too.
      if (previous < 0 || !sameKey(marks, previous + FAMILY_AT, marks, at + FAMILY_AT, FAMILY_WORDS)) {
        family = this.families.slot(marks, at + FAMILY_AT, rowNumber);
      }
      previous = at;
      // States 1, 2, 3: no head, one, several. A rejected head makes the family suspect like several would.
      if (flags & HEAD_REJECTED) this.families.states[family] = 3;
      else if (flags & HEAD && this.families.states[family] < 3) this.families.states[family]++;
      if (flags & HAS_NIK) {
        this.persons.slot(marks, at + PERSON_AT, rowNumber);
        if (this.persons.found) this.namedRows.push(rowNumber);
      }
    }
  }

  /** Row numbers whose families must be checked exactly: a row of each suspect family, and repeated persons. */
  suspectRows(): number[] {
    const rows = [...this.namedRows];
    const { states, firstRows } = this.families;
    for (let slot = 0; slot < states.length; slot++) {
      if (states[slot] !== 0 && states[slot] !== 2) rows.push(firstRows[slot]);
    }
    return rows;
  }
}
