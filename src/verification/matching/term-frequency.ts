// How common each name and name word is in the data, so a shared "SITI" weighs less than a shared "SITORUS".
import type { NormalisedName } from './normalise-name.ts';

export interface NameFrequencies {
  /** Names counted (records with a non-empty name). */
  records: number;
  /** Records per concatenated core name. */
  fullNames: Map<string, number>;
  /** Records whose core name contains the token (each record counted once per token). */
  tokens: Map<string, number>;
}

export function buildNameFrequencies(names: Iterable<NormalisedName>): NameFrequencies {
  const frequencies: NameFrequencies = { records: 0, fullNames: new Map(), tokens: new Map() };
  for (const name of names) addName(frequencies, name);
  return frequencies;
}

export function addName(frequencies: NameFrequencies, name: NormalisedName): void {
  if (name.concatenated.length === 0) return;
  frequencies.records++;
  frequencies.fullNames.set(name.concatenated, (frequencies.fullNames.get(name.concatenated) ?? 0) + 1);
  for (const token of new Set(name.givenTokens)) {
    frequencies.tokens.set(token, (frequencies.tokens.get(token) ?? 0) + 1);
  }
}

/** Share of records with this full name; unseen names count as seen once. */
export function fullNameShare(frequencies: NameFrequencies, name: NormalisedName): number {
  return Math.max(1, frequencies.fullNames.get(name.concatenated) ?? 0) / Math.max(1, frequencies.records);
}

/** Share of records containing the rarest of the given tokens; null when there is none. */
export function rarestTokenShare(frequencies: NameFrequencies, tokens: readonly string[]): number | null {
  if (tokens.length === 0) return null;
  let fewest = Number.POSITIVE_INFINITY;
  for (const token of tokens) fewest = Math.min(fewest, Math.max(1, frequencies.tokens.get(token) ?? 0));
  return fewest / Math.max(1, frequencies.records);
}
