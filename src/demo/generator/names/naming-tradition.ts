import type { SeededRandom } from '../seeded-random.ts';

export type Sex = 'L' | 'P';

export type TraditionKey =
  | 'javanese'
  | 'sundanese'
  | 'betawi'
  | 'arabic'
  | 'batak'
  | 'balinese'
  | 'chinese'
  | 'minang';

export interface PersonNameRequest {
  sex: Sex;
  birthYear: number;
  /** Marga for Batak, surname for Chinese-Indonesian families, empty where names carry no family name. */
  familyName: string;
  /** 1-based order among siblings; Balinese names encode it. */
  birthOrder: number;
  /** The father's own name word when he is on the KK (Betawi and santri families may add it); drawn when absent. */
  fatherName?: string;
}

export interface NamingTradition {
  key: TraditionKey;
  /** A family name for a new lineage (marga, surname) or '' when the tradition has none. */
  familyName(random: SeededRandom): string;
  personName(random: SeededRandom, request: PersonNameRequest): string;
  /** Whether a person of this lineage is Muslim (Batak and Chinese families vary by family name). */
  isMuslim(familyName: string): boolean;
}

/** Comma-separated name list to array: keeps the name tables readable. */
export function nameList(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

const commonLeadingWords = new Set([
  'MUHAMMAD',
  'MUHAMAD',
  'MOHAMMAD',
  'AHMAD',
  'ABDUL',
  'NUR',
  'H.',
  'I',
  'BR.',
]);

/** The word of a father's name a child may carry: his last own word, not Muhammad, Abdul or bin and what follows. */
export function fatherWord(name: string): string {
  const bin = name.indexOf(' BIN ');
  const binti = name.indexOf(' BINTI ');
  let end = bin > 0 ? bin : binti > 0 ? binti : name.length;
  // Words from the last one back, without splitting: this runs once for every child.
  while (end > 0) {
    const start = name.lastIndexOf(' ', end - 1) + 1;
    const word = name.slice(start, end);
    if (word.length > 2 && !commonLeadingWords.has(word)) return word;
    end = start - 1;
  }
  return '';
}

/** Picks from a list, or from a second one with the given chance: a cheap way to mix a core list with a wider one. */
export function pickEither<T>(
  random: SeededRandom,
  first: readonly T[],
  second: readonly T[],
  secondChance: number,
): T {
  return random.chance(secondChance) ? random.pick(second) : random.pick(first);
}
