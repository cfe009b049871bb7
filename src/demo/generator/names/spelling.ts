/** Van Ophuijsen / Soewandi spelling, still common in the names of people born before the 1972 reform. */

interface SpellingRule {
  modern: RegExp;
  old: string;
  oldPattern: RegExp;
  modernText: string;
}

// Order matters: J→DJ runs before Y→J so the new J is not doubled, C→TJ before KH→CH so the new C stays.
const rules: SpellingRule[] = [
  { modern: /J/g, old: 'DJ', oldPattern: /DJ/g, modernText: 'J' },
  { modern: /C(?!H)/g, old: 'TJ', oldPattern: /TJ/g, modernText: 'C' },
  { modern: /KH/g, old: 'CH', oldPattern: /\bCH(?=[AIUEO])/g, modernText: 'KH' },
  { modern: /SY/g, old: 'SJ', oldPattern: /SJ/g, modernText: 'SY' },
  { modern: /NY/g, old: 'NJ', oldPattern: /NJ(?!J)/g, modernText: 'NY' },
  { modern: /Y/g, old: 'J', oldPattern: /(?<![DTSN])J/g, modernText: 'Y' },
  // The old spelling kept the diphthongs au and eu (Maulana, Taufik, Euis): only other u became oe.
  { modern: /(?<![AE])U/g, old: 'OE', oldPattern: /OE/g, modernText: 'U' },
];

/** Full conversion to the old spelling: CAHYONO → TJAHJONO, SUSILO → SOESILO. */
export function toOldSpelling(name: string): string {
  let result = name;
  for (const rule of rules) result = result.replace(rule.modern, rule.old);
  return result;
}

export function hasOldSpelling(name: string): boolean {
  return /OE|DJ|TJ|SJ|\bCH(?=[AIUEO])/.test(name);
}

/** Back to the modern spelling: SOEPARMAN → SUPARMAN. */
export function toModernSpelling(name: string): string {
  let result = name;
  for (let index = rules.length - 1; index >= 0; index--) {
    result = result.replace(rules[index].oldPattern, rules[index].modernText);
  }
  return result;
}

/** Only the most visible old-spelling habit (oe for u), as typed by people who half-remember the old name. */
export function toPartialOldSpelling(name: string): string {
  return name.replace(/(?<![AE])U/g, 'OE');
}
