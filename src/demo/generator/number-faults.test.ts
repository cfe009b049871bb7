import { describe, expect, it } from 'vitest';
import { dropDigit, excelScientific, swapAdjacentDigits, zeroSerial } from './number-faults.ts';
import { SeededRandom } from './seeded-random.ts';

describe('NIK and KK damage', () => {
  it('shows a 16-digit number the way Excel General does', () => {
    expect(excelScientific('3174012345678901')).toBe('3.17401E+15');
    expect(excelScientific('3174015503850001')).toBe('3.17402E+15');
    expect(excelScientific('3100000000000000')).toBe('3.1E+15');
  });

  it('swaps two different adjacent digits', () => {
    const random = new SeededRandom(2);
    for (let index = 0; index < 50; index++) {
      const swapped = swapAdjacentDigits('3174015503850001', random)!;
      const differing = [...swapped].map((digit, position) => digit !== '3174015503850001'[position]);
      const first = differing.indexOf(true);
      expect(differing.filter(Boolean)).toHaveLength(2);
      expect(differing[first + 1]).toBe(true);
    }
    expect(swapAdjacentDigits('1111', random)).toBeNull();
  });

  it('loses a digit or zeroes the serial', () => {
    expect(dropDigit('3174015503850001', new SeededRandom(3))).toHaveLength(15);
    expect(zeroSerial('3174015503850012')).toBe('3174015503850000');
    expect(zeroSerial('317401550385001')).toBeNull();
  });
});
