import { hasOldSpelling, toModernSpelling, toOldSpelling, toPartialOldSpelling } from './names/spelling.ts';
import type { SeededRandom } from './seeded-random.ts';

/** What a name fault may need to know about the person beyond the name. */
export interface NameSubject {
  sex: 'L' | 'P';
  age: number;
  /** Year of birth; unknown means old enough for anything. */
  birthYear?: number;
  muslim: boolean;
  /** Name after bin/binti, computed only when that fault is applied. */
  fatherName: () => string;
  /** Whether neighbourhood nicknames (Betawi BANG, MPOK) may appear: RT lists yes, ministry systems no. */
  informal?: boolean;
}

/** Each returns the damaged name, or null when the fault cannot apply to this name. */
export type NameFault = (name: string, random: SeededRandom, subject: NameSubject) => string | null;

// The 1972 reform: names given before it were written the old way; a lister may still do so a few years on.
const lastOldSpellingBirthYear = 1975;
const youngOldSpellingChance = 0.02;

/** Soesilo ↔ Susilo, Djoko ↔ Joko, Tjahjono ↔ Cahyono, Sjarifah ↔ Syarifah, Chairul ↔ Khairul. */
export const spellingReform: NameFault = (name, random, subject) => {
  if (hasOldSpelling(name)) {
    const modern = toModernSpelling(name);
    return modern === name ? null : modern;
  }
  // Children born after the reform were never given old spellings, so a lister rarely invents one.
  if ((subject.birthYear ?? 0) > lastOldSpellingBirthYear && !random.chance(youngOldSpellingChance))
    return null;
  const old = random.chance(0.6) ? toOldSpelling(name) : toPartialOldSpelling(name);
  if (old !== name) return old;
  const other = toOldSpelling(name);
  return other === name ? null : other;
};

const muhammadForms = ['MUHAMMAD', 'MUHAMAD', 'MOHAMMAD', 'MOHAMAD', 'MOCHAMMAD', 'MOCHAMAD', 'MOEHAMMAD'];
const muhammadShortForms = [
  'MOH.',
  'MOCH.',
  'MUH.',
  'M.',
  'MOHAMMAD',
  'MUHAMAD',
  'MOCHAMMAD',
  'MOHAMAD',
  'MUHAMMAD',
  'MUH',
  'MOCH',
];
const muhammadPattern = /\b(MUHAMMAD|MUHAMAD|MOHAMMAD|MOHAMAD|MOCHAMMAD|MOCHAMAD|MOEHAMMAD)\b/;

/** Muhammad written as Moh., Moch., Muh., M. or another full spelling. */
export const muhammadVariant: NameFault = (name, random) => {
  const match = muhammadPattern.exec(name);
  if (!match) return null;
  let replacement = random.pick(muhammadShortForms);
  if (replacement === match[1]) replacement = random.pick(muhammadForms.filter((form) => form !== match[1]));
  return name.replace(match[1], replacement);
};

const degreeSuffixes = [', S.PD.', ', S.E.', ', S.KOM', ', S.H.', ', A.MD.', ' S.PD', ', S.AG.', ', S.SOS.'];

/** Hajj titles, degrees and the Betawi "BANG"/"MPOK" in front of or after the name. */
export const titleAdded: NameFault = (name, random, subject) => {
  const male = subject.sex === 'L';
  const options: string[] = [];
  if (subject.muslim && subject.age >= 35)
    options.push(male ? 'H. ' : 'HJ. ', male ? 'H. ' : 'HJ. ', male ? 'H ' : 'HJ ');
  if (subject.age >= 40) options.push(male ? 'DRS. ' : 'DRA. ');
  if (subject.age >= 30 && male) options.push('IR. ');
  if (subject.informal && subject.muslim && subject.age >= 18 && subject.age <= 55)
    options.push(male ? 'BANG ' : 'MPOK ');
  const suffixAllowed = subject.age >= 23 && subject.age <= 65;
  if (options.length === 0 && !suffixAllowed) return null;
  if (suffixAllowed && (options.length === 0 || random.chance(0.3)))
    return name + random.pick(degreeSuffixes);
  return random.pick(options) + name;
};

/** "… BIN ABDULLAH" added for a Muslim, or a registered bin/binti dropped. */
export const binBinti: NameFault = (name, random, subject) => {
  const index = name.search(/ (BIN|BINTI) /);
  if (index > 0) return name.slice(0, index);
  if (!subject.muslim) return null;
  const word = subject.sex === 'L' ? 'BIN' : random.chance(0.9) ? 'BINTI' : 'BIN';
  return `${name} ${word} ${subject.fatherName()}`;
};

/** Nur ↔ Nurul (Nur Hidayah / Nurul Hidayah). */
export const nurVariant: NameFault = (name) => {
  if (/\bNURUL /.test(name)) return name.replace(/\bNURUL /, 'NUR ');
  if (/\bNUR /.test(name)) return name.replace(/\bNUR /, 'NURUL ');
  return null;
};

const joinablePrefixes = new Set(['NUR', 'SRI', 'DWI', 'TRI', 'NURUL', 'SITI', 'ADE', 'DEDE']);

/** Joined or split names: Nurhayati / Nur Hayati, Abdurrahman / Abdul Rahman, Sri Wahyuni / Sriwahyuni. */
export const nameJoinSplit: NameFault = (name, random) => {
  const words = name.split(' ');
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    const assimilated = /^ABDU([RSZNDT])\1([A-Z]{2,})$/.exec(word);
    if (assimilated) return replaceWord(words, index, `ABDUL ${assimilated[1]}${assimilated[2]}`);
    if (/^NUR[A-Z]{3,}$/.test(word) && !word.startsWith('NURUL'))
      return replaceWord(words, index, `NUR ${word.slice(3)}`);
    if (/^ABDUL[A-Z]{3,}$/.test(word) && word !== 'ABDULLAH')
      return replaceWord(words, index, `ABDUL ${word.slice(5)}`);
  }
  for (let index = 0; index < words.length - 1; index++) {
    const next = words[index + 1];
    if (words[index] === 'ABDUL' && next.length > 2) {
      // Arabic sun letters assimilate the L: Abdul Rahman → Abdurrahman, Abdul Samad → Abdussamad.
      const joined = /^[RSZNDT]/.test(next) && random.chance(0.7) ? `ABDU${next[0]}${next}` : `ABDUL${next}`;
      return [...words.slice(0, index), joined, ...words.slice(index + 2)].join(' ');
    }
    if (joinablePrefixes.has(words[index]) && /^[A-Z]{3,}$/.test(next)) {
      return [...words.slice(0, index), words[index] + next, ...words.slice(index + 2)].join(' ');
    }
  }
  return null;
};

function replaceWord(words: string[], index: number, replacement: string): string {
  return [...words.slice(0, index), replacement, ...words.slice(index + 1)].join(' ');
}

const keyboardRows = ['QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];
const adjacentKeys = new Map<string, string>();
keyboardRows.forEach((row, rowIndex) => {
  for (let column = 0; column < row.length; column++) {
    let neighbours = (row[column - 1] ?? '') + (row[column + 1] ?? '');
    neighbours += (keyboardRows[rowIndex - 1]?.[column] ?? '') + (keyboardRows[rowIndex + 1]?.[column] ?? '');
    adjacentKeys.set(row[column], neighbours);
  }
});

function letterPositions(name: string): number[] {
  const positions: number[] = [];
  for (let index = 0; index < name.length; index++) if (adjacentKeys.has(name[index])) positions.push(index);
  return positions;
}

/** A letter replaced by its neighbour on a QWERTY keyboard. */
export const typoAdjacentKey: NameFault = (name, random) => {
  const positions = letterPositions(name);
  if (positions.length < 3) return null;
  const position = random.pick(positions);
  const replacement = random.pick([...adjacentKeys.get(name[position])!]);
  return name.slice(0, position) + replacement + name.slice(position + 1);
};

/** A letter left out (not the first: people seldom miss the start of a name). */
export const typoDeletion: NameFault = (name, random) => {
  const positions = letterPositions(name).filter((position) => position > 0);
  if (positions.length < 4) return null;
  const position = random.pick(positions);
  return name.slice(0, position) + name.slice(position + 1);
};

/** Two neighbouring letters swapped. */
export const typoTransposition: NameFault = (name, random) => {
  const candidates: number[] = [];
  for (let index = 0; index < name.length - 1; index++) {
    if (adjacentKeys.has(name[index]) && adjacentKeys.has(name[index + 1]) && name[index] !== name[index + 1])
      candidates.push(index);
  }
  if (candidates.length === 0) return null;
  const position = random.pick(candidates);
  return name.slice(0, position) + name[position + 1] + name[position] + name.slice(position + 2);
};
