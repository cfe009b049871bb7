// Which blocked pairs teach EM what: each training rule's pairs teach m of the fields the rule leaves free.
import type { BlockingRule } from './blocking.ts';
import type { ComparisonVector, FieldName } from './compare.ts';
import { fieldNames } from './compare.ts';
import type { Pattern, TrainingSession } from './estimate-parameters.ts';

export const trainingRules: ReadonlyArray<{ rule: string; blockedFields: readonly FieldName[] }> = [
  // Same NIK: teaches how names, birth dates, sexes, regions and KKs of one person differ.
  { rule: 'nik', blockedFields: ['nik'] },
  // Same first-name sound and birth date: teaches how NIKs, sexes, regions and KKs of one person differ.
  { rule: 'first_word_sound_birth_date', blockedFields: ['name', 'birthDate'] },
];

/** Pattern counts per training session, plus random pairs (for u) and all candidate pairs (for λ). */
export class SessionPatterns {
  readonly sessions = new Map<string, Map<string, number>>();

  add(session: string, key: string, count = 1): void {
    let patterns = this.sessions.get(session);
    if (!patterns) {
      patterns = new Map();
      this.sessions.set(session, patterns);
    }
    patterns.set(key, (patterns.get(key) ?? 0) + count);
  }

  toJSON(): Record<string, Array<[string, number]>> {
    return Object.fromEntries([...this.sessions].map(([session, patterns]) => [session, [...patterns]]));
  }

  /** Adds another counter's sessions (e.g. a worker's answer). */
  merge(other: Record<string, Array<[string, number]>>): void {
    for (const [session, patterns] of Object.entries(other))
      for (const [key, count] of patterns) this.add(session, key, count);
  }

  /** Sorted patterns of a session, so the model does not depend on the order answers arrived in. */
  patterns(session: string, vectorOfKey: (key: string) => ComparisonVector): Pattern[] {
    return [...(this.sessions.get(session) ?? [])]
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
      .map(([key, count]) => ({ vector: vectorOfKey(key), count }));
  }

  trainingSessions(vectorOfKey: (key: string) => ComparisonVector): TrainingSession[] {
    return trainingRules.map(({ rule, blockedFields }) => ({
      name: rule,
      blockedFields,
      patterns: this.patterns(rule, vectorOfKey),
    }));
  }
}

/** Indices, in the given rule list, of the training rules (−1 when a rule is absent). */
export function trainingRuleIndices(rules: readonly BlockingRule[]): number[] {
  return trainingRules.map(({ rule }) => rules.findIndex((candidate) => candidate.name === rule));
}

export function vectorKey(vector: ComparisonVector): string {
  let key = '';
  for (const field of fieldNames) key += `${vector[field]}|`;
  return key;
}

export function vectorOfKey(key: string): ComparisonVector {
  const levels = key.split('|');
  return Object.fromEntries(
    fieldNames.map((field, index) => [field, levels[index]]),
  ) as unknown as ComparisonVector;
}
