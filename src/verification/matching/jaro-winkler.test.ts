import { describe, expect, it } from 'vitest';
import { jaroSimilarity, jaroWinklerSimilarity } from './jaro-winkler.ts';

describe('Jaro–Winkler', () => {
  it('reproduces the published reference values', () => {
    expect(jaroSimilarity('MARTHA', 'MARHTA')).toBeCloseTo(0.9444, 4);
    expect(jaroWinklerSimilarity('MARTHA', 'MARHTA')).toBeCloseTo(0.9611, 4);
    expect(jaroWinklerSimilarity('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 2);
    expect(jaroWinklerSimilarity('DIXON', 'DICKSONX')).toBeCloseTo(0.8133, 4);
  });

  it('is 1 for equal strings, 0 without common letters or with an empty side, and symmetric', () => {
    expect(jaroWinklerSimilarity('SITI', 'SITI')).toBe(1);
    expect(jaroWinklerSimilarity('ABC', 'XYZ')).toBe(0);
    expect(jaroWinklerSimilarity('', 'SITI')).toBe(0);
    expect(jaroWinklerSimilarity('SUSILO', 'SUSANTO')).toBeCloseTo(
      jaroWinklerSimilarity('SUSANTO', 'SUSILO'),
      12,
    );
  });

  it('rewards a shared prefix over the same difference elsewhere', () => {
    expect(jaroWinklerSimilarity('SUPARMAN', 'SUPARMIN')).toBeGreaterThan(
      jaroWinklerSimilarity('SUPARMAN', 'XUPARMAN'),
    );
  });

  it('handles strings longer than its reusable buffers', () => {
    const long = 'A'.repeat(300);
    expect(jaroWinklerSimilarity(long, `${long}B`)).toBeGreaterThan(0.99);
  });
});
