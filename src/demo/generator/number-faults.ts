import type { SeededRandom } from './seeded-random.ts';

/** Two adjacent different digits swapped, as when keying a NIK by hand. */
export function swapAdjacentDigits(digits: string, random: SeededRandom): string | null {
  const candidates: number[] = [];
  for (let index = 0; index < digits.length - 1; index++)
    if (digits[index] !== digits[index + 1]) candidates.push(index);
  if (candidates.length === 0) return null;
  const position = random.pick(candidates);
  return digits.slice(0, position) + digits[position + 1] + digits[position] + digits.slice(position + 2);
}

/** How Excel's General format shows a 16-digit number: six significant digits, e.g. 3.17401E+15. */
export function excelScientific(digits: string): string {
  const [mantissa, exponent] = Number(digits).toExponential(5).split('e');
  const trimmed = mantissa.replace(/\.?0+$/, '');
  return `${trimmed}E${exponent.startsWith('-') ? exponent : `+${exponent.replace('+', '')}`}`;
}

/** One digit lost while typing: 15 digits remain. */
export function dropDigit(digits: string, random: SeededRandom): string {
  const position = random.int(digits.length);
  return digits.slice(0, position) + digits.slice(position + 1);
}

/** Excel precision loss taken to the end: the serial becomes 0000. */
export function zeroSerial(digits: string): string | null {
  if (digits.length !== 16 || digits.endsWith('0000')) return null;
  return `${digits.slice(0, 12)}0000`;
}
