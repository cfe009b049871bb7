// Family checks of a large import tallied while its rows stream by: which families may have no head or
// several, and which rows may repeat a person of their family. Each family and person is kept as a 64-bit
// hash of its key, so the tally holds a few bytes per row; the rows it names are checked again exactly in SQL.
import type { IntakeRecord } from './validate-intake-row.ts';

/** Per row: row number, family hash (two words), person hash (two words), flags. */
const MARK_WORDS = 6;
const HEAD = 1;
const HAS_NIK = 2;

/** The marks of a batch of rows, written where the rows are checked (a worker thread) and tallied elsewhere. */
export class FamilyMarks {
  private words: Uint32Array;
  private used = 0;

  constructor(rows = 1024) {
    this.words = new Uint32Array(rows * MARK_WORDS);
  }

  /** Marks a row the way the SQL family checks group it: rows without a KK number belong to no family. */
  add(rowNumber: number, record: IntakeRecord): void {
    if (record.kkNumber === null) return;
    if (this.used + MARK_WORDS > this.words.length) {
      const grown = new Uint32Array(this.words.length * 2);
      grown.set(this.words);
      this.words = grown;
    }
    // NULL parts are hashed apart from any text, as GROUP BY keeps them apart.
    first = FIRST_SEED;
    second = SECOND_SEED;
    mix(record.kkNumber);
    mix(record.kelurahanCode);
    mix(record.rw);
    mix(record.rt);
    const words = this.words;
    const at = this.used;
    words[at] = rowNumber;
    words[at + 1] = finish(first);
    words[at + 2] = finish(second);
    if (record.nik !== null) {
      // The person's hash goes on from the family's.
      mix(record.nik);
      words[at + 3] = finish(first);
      words[at + 4] = finish(second);
    } else {
      words[at + 3] = 0;
      words[at + 4] = 0;
    }
    words[at + 5] = (record.relationship === 'head' ? HEAD : 0) | (record.nik !== null ? HAS_NIK : 0);
    this.used += MARK_WORDS;
  }

  /** The marks written so far (a copy the size of the rows marked). */
  take(): Uint32Array {
    return this.words.slice(0, this.used);
  }
}

// Two FNV-1a style hashes (different starts and multipliers) fed in one pass, each finished by murmur3's mix.
const FIRST_SEED = 0x811c9dc5;
const SECOND_SEED = 0x2545f491;
let first = FIRST_SEED;
let second = SECOND_SEED;

function mix(text: string | null): void {
  if (text === null) {
    first = Math.imul(first ^ 0xffff, 0x01000193);
    second = Math.imul(second ^ 0xffff, 0x5bd1e995);
    return;
  }
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    first = Math.imul(first ^ code, 0x01000193);
    second = Math.imul(second ^ code, 0x5bd1e995);
  }
  // A separator after each part, so ('12', '3') and ('1', '23') differ.
  first = Math.imul(first ^ 0xfffe, 0x01000193);
  second = Math.imul(second ^ 0xfffe, 0x5bd1e995);
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

/** Open-addressing set of 64-bit keys (two words each) with a small value per key. */
class HashTable {
  keys: Uint32Array;
  /** 0: empty; otherwise 1 + the value. */
  states: Uint8Array;
  firstRows: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Uint32Array(capacity * 2);
    this.states = new Uint8Array(capacity);
    this.firstRows = new Int32Array(capacity);
  }

  /** Whether the key of the last slot() call was there already. */
  found = false;

  /** The slot of a key, claimed (state 1, first row noted) when it was not there. */
  slot(high: number, low: number, rowNumber: number): number {
    if ((this.size + 1) * 2 > this.states.length) this.grow();
    const mask = this.states.length - 1;
    let slot = (high ^ Math.imul(low, 0x9e3779b1)) & mask;
    while (this.states[slot] !== 0) {
      if (this.keys[slot * 2] === high && this.keys[slot * 2 + 1] === low) {
        this.found = true;
        return slot;
      }
      slot = (slot + 1) & mask;
    }
    this.keys[slot * 2] = high;
    this.keys[slot * 2 + 1] = low;
    this.states[slot] = 1;
    this.firstRows[slot] = rowNumber;
    this.size++;
    this.found = false;
    return slot;
  }

  private grow(): void {
    const { keys, states, firstRows } = this;
    const capacity = states.length * 2;
    this.keys = new Uint32Array(capacity * 2);
    this.states = new Uint8Array(capacity);
    this.firstRows = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let old = 0; old < states.length; old++) {
      if (states[old] === 0) continue;
      const high = keys[old * 2];
      const low = keys[old * 2 + 1];
      let slot = (high ^ Math.imul(low, 0x9e3779b1)) & mask;
      while (this.states[slot] !== 0) slot = (slot + 1) & mask;
      this.keys[slot * 2] = high;
      this.keys[slot * 2 + 1] = low;
      this.states[slot] = states[old];
      this.firstRows[slot] = firstRows[old];
    }
  }
}

/**
 * Heads per family and persons per family over every row of a submission. Names a row of each family
 * with no head or several and each row repeating a person; two families sharing a 64-bit hash (about
 * one chance in 10^7 at a million families) would have their heads counted together.
 */
export class FamilyTally {
  private readonly families = new HashTable(1 << 16);
  private readonly persons = new HashTable(1 << 16);
  private readonly repeatedRows: number[] = [];

  add(marks: Uint32Array): void {
    for (let at = 0; at < marks.length; at += MARK_WORDS) {
      const rowNumber = marks[at];
      const flags = marks[at + 5];
      const family = this.families.slot(marks[at + 1], marks[at + 2], rowNumber);
      // States 1, 2, 3: no head, one, several.
      if (flags & HEAD && this.families.states[family] < 3) this.families.states[family]++;
      if (flags & HAS_NIK) {
        this.persons.slot(marks[at + 3], marks[at + 4], rowNumber);
        if (this.persons.found) this.repeatedRows.push(rowNumber);
      }
    }
  }

  /** Row numbers whose families must be checked exactly: a row of each suspect family, and repeated persons. */
  suspectRows(): number[] {
    const rows = [...this.repeatedRows];
    const { states, firstRows } = this.families;
    for (let slot = 0; slot < states.length; slot++) {
      if (states[slot] !== 0 && states[slot] !== 2) rows.push(firstRows[slot]);
    }
    return rows;
  }
}
