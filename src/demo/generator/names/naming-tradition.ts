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
