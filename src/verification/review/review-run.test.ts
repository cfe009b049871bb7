import { describe, expect, it } from 'vitest';
import { matchProbability } from '../matching/fellegi-sunter.ts';
import { evenWeightOf, matchProportionOf, probabilityAt } from './review-run.ts';

describe('reading a run’s model', () => {
  it('finds λ in the stored run model and in a bare model, and nowhere else', () => {
    expect(matchProportionOf({ model: { matchProportion: 0.02, fields: {} }, ministryLists: [] })).toBe(0.02);
    expect(matchProportionOf({ matchProportion: 0.03 })).toBe(0.03);
    expect(matchProportionOf(null)).toBeNull();
    expect(matchProportionOf({ model: { matchProportion: 1 } })).toBeNull();
  });

  it('gives the matcher’s posterior, and one half at the even weight', () => {
    const model = { matchProportion: 0.01, fields: {} } as never;
    for (const weight of [-5, 0, 6.5, 12])
      expect(probabilityAt(weight, 0.01)).toBeCloseTo(matchProbability(weight, model), 12);
    expect(probabilityAt(evenWeightOf(0.01), 0.01)).toBeCloseTo(0.5, 12);
    expect(probabilityAt(3, null)).toBeNull();
  });
});
