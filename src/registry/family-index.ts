// The families of a first load by KK number and listing (kelurahan, RW, RT). A Map of a million string keys cost
// a string hash and several cache misses per new family, a third of FirstLoadLines' time at a million families;
// here a 16-digit KK is two integers and a listing a small number, one slot of a typed array per family. No I/O.
import { detachedCopy } from '../db/copy-out.ts';

/** Per slot: the listing's number plus one (0: a free slot), the KK's two halves, the value. */
const STRIDE = 4;

export class FamilyIndex {
  private slots: Float64Array;
  private used = 0;
  /** Each listing's text once, copied out of the file's chunk, by its number. */
  private readonly listingTexts: string[] = [];
  /** Listing numbers by a hash of their text; a listing whose hash another holds is found by text instead. */
  private readonly listingsByHash = new Map<number, number>();
  private readonly listingsByText = new Map<string, number>();
  /** KK numbers that are not 16 digits (never accepted today), kept apart by their text. */
  private readonly others = new Map<string, number>();
  /** The family last found (see put): its listing, KK halves and slot, or its key among the others. */
  private found = { listing: '', listingNumber: -1, high: 0, low: 0, at: -1, other: '' };

  constructor(capacity = 1 << 16) {
    this.slots = new Float64Array(capacity * STRIDE);
  }

  get size(): number {
    return this.used + this.others.size;
  }

  /** The family's value, or undefined when it has none; put() then sets this family's value. */
  find(kkNumber: string, listing: string): number | undefined {
    const found = this.found;
    found.listing = listing;
    found.listingNumber = this.listingNumberOf(listing) ?? -1;
    if (!splitKk(kkNumber)) {
      found.other = `${kkNumber}\t${listing}`;
      found.at = -1;
      return this.others.get(found.other);
    }
    found.other = '';
    found.high = kkHigh;
    found.low = kkLow;
    if (found.listingNumber === -1) {
      found.at = -1;
      return undefined;
    }
    found.at = this.slotOf(found.listingNumber, kkHigh, kkLow);
    return this.slots[found.at] === 0 ? undefined : this.slots[found.at + 3];
  }

  /** Sets the value of the family last found, adding it when new. */
  put(value: number): void {
    const found = this.found;
    if (found.other !== '') {
      this.others.set(detachedCopy(found.other), value);
      return;
    }
    if (found.at !== -1 && this.slots[found.at] !== 0) {
      this.slots[found.at + 3] = value;
      return;
    }
    if (found.listingNumber === -1) found.listingNumber = this.addListing(found.listing);
    if ((this.used + 1) * 2 * STRIDE > this.slots.length) this.grow();
    const at = this.slotOf(found.listingNumber, found.high, found.low);
    this.slots[at] = found.listingNumber + 1;
    this.slots[at + 1] = found.high;
    this.slots[at + 2] = found.low;
    this.slots[at + 3] = value;
    this.used++;
    found.at = at;
  }

  /** Sets the family's value, adding the family when new. */
  set(kkNumber: string, listing: string, value: number): void {
    this.find(kkNumber, listing);
    this.put(value);
  }

  private listingNumberOf(listing: string): number | undefined {
    const byHash = this.listingsByHash.get(textHash(listing));
    if (byHash !== undefined && this.listingTexts[byHash] === listing) return byHash;
    return this.listingsByText.size > 0 ? this.listingsByText.get(listing) : undefined;
  }

  private addListing(listing: string): number {
    const number = this.listingTexts.length;
    const text = detachedCopy(listing);
    this.listingTexts.push(text);
    const hash = textHash(listing);
    if (this.listingsByHash.has(hash)) this.listingsByText.set(text, number);
    else this.listingsByHash.set(hash, number);
    return number;
  }

  /** The slot (its first number) of the family, else the free slot where it would go. */
  private slotOf(listingNumber: number, high: number, low: number): number {
    const slots = this.slots;
    const mask = slots.length / STRIDE - 1;
    let slot = familyHash(high, low, listingNumber) & mask;
    for (;;) {
      const at = slot * STRIDE;
      const held = slots[at];
      if (held === 0) return at;
      if (held === listingNumber + 1 && slots[at + 1] === high && slots[at + 2] === low) return at;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Float64Array(old.length * 2);
    const mask = slots.length / STRIDE - 1;
    for (let from = 0; from < old.length; from += STRIDE) {
      if (old[from] === 0) continue;
      let slot = familyHash(old[from + 1], old[from + 2], old[from] - 1) & mask;
      while (slots[slot * STRIDE] !== 0) slot = (slot + 1) & mask;
      slots.set(old.subarray(from, from + STRIDE), slot * STRIDE);
    }
    this.slots = slots;
  }
}

// The halves of the KK last split (see splitKk): eight digits each.
let kkHigh = 0;
let kkLow = 0;

/** Splits a 16-digit KK number into kkHigh and kkLow; false when it is not 16 ASCII digits. */
function splitKk(kkNumber: string): boolean {
  if (kkNumber.length !== 16) return false;
  let high = 0;
  let low = 0;
  for (let index = 0; index < 8; index++) {
    const highDigit = kkNumber.charCodeAt(index) - 48;
    const lowDigit = kkNumber.charCodeAt(index + 8) - 48;
    if (highDigit < 0 || highDigit > 9 || lowDigit < 0 || lowDigit > 9) return false;
    high = high * 10 + highDigit;
    low = low * 10 + lowDigit;
  }
  kkHigh = high;
  kkLow = low;
  return true;
}

/** FNV-1a over the text's characters, kept to a small integer (a Map key without a heap number). */
function textHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++)
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return (hash ^ (hash >>> 15)) & 0x3fffffff;
}

function familyHash(high: number, low: number, listingNumber: number): number {
  let hash = Math.imul(high, 0x9e3779b1) ^ Math.imul(low, 0x85ebca6b) ^ Math.imul(listingNumber, 0xc2b2ae35);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x2c1b3c6d);
  return (hash ^ (hash >>> 13)) >>> 0;
}
