// How far two records agree, field by field, from the agreement levels and weights the run stored.
import { fieldLevels, fieldNames, MISSING } from '../matching/compare.ts';
import type { TAgreement } from './review-contracts.ts';

export interface StoredFieldWeight {
  field: string;
  level: string;
  weight: number;
  termFrequencyAdjustment?: number;
}

/** The strongest level of a field is agreement, 'disagree' and 'missing' are themselves, the rest partial. */
export function agreementOf(field: string, level: string): TAgreement {
  if (level === MISSING) return 'missing';
  if (level === 'disagree') return 'disagree';
  const levels = (fieldLevels as Record<string, readonly string[]>)[field];
  if (levels && levels[0] === level) return 'agree';
  return 'partial';
}

/** The fields, in the model's order, with their level and weight; fields the explanation lacks weigh 0. */
export function fieldWeightsOf(levels: Record<string, string>, explanation: unknown): StoredFieldWeight[] {
  const explained = new Map<string, StoredFieldWeight>();
  if (Array.isArray(explanation)) {
    for (const entry of explanation as StoredFieldWeight[]) {
      if (entry && typeof entry.field === 'string') explained.set(entry.field, entry);
    }
  }
  const fields = [
    ...fieldNames,
    ...[...explained.keys()].filter((field) => !fieldNames.includes(field as never)),
  ];
  return fields
    .filter((field) => explained.has(field) || levels[field] !== undefined)
    .map((field) => {
      const entry = explained.get(field);
      return {
        field,
        level: entry?.level ?? levels[field] ?? MISSING,
        weight: typeof entry?.weight === 'number' ? entry.weight : 0,
        termFrequencyAdjustment: entry?.termFrequencyAdjustment,
      };
    });
}

/** Fields on which the two records do not fully agree (missing values included). */
export function differingFieldsOf(levels: Record<string, string>): string[] {
  return Object.entries(levels)
    .filter(([field, level]) => agreementOf(field, level) !== 'agree')
    .map(([field]) => field);
}
