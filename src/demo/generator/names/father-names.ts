import { hashString, SeededRandom } from '../seeded-random.ts';
import { arabicMaleName } from './arabic.ts';

/** The father's name as written after bin/binti: at most two words, without I/NI or a Batak "BR." or his own bin. */
export function shortFatherName(name: string): string {
  const words: string[] = [];
  let start = 0;
  while (start < name.length && words.length < 2) {
    let end = name.indexOf(' ', start);
    if (end < 0) end = name.length;
    const word = name.slice(start, end);
    if (word === 'BIN' || word === 'BINTI') break;
    if (word !== 'BR.' && word !== 'I' && word !== 'NI') words.push(word);
    start = end + 1;
  }
  return words.join(' ');
}

/** A stable father's name for someone whose father is not on the KK, the same in every source. */
export function syntheticFatherName(personId: string): string {
  return arabicMaleName(new SeededRandom(hashString(personId, 0x62696e)));
}
