// Indonesian personal names reduced to a comparable form: spelling reforms, Muhammad, titles, bin/binti, Nur.
import {
  degreeTokens,
  isMuhammadForm,
  isUnambiguousDegree,
  MUHAMMAD,
  nurForms,
  patronymicMarkers,
  prefixTitles,
} from './name-vocabulary.ts';
import { phoneticCode, spellingKey } from './spelling-key.ts';
import { ValueCache } from './value-cache.ts';

export interface NormalisedName {
  /** Core tokens joined by one space: the key to compare (a matching key, not a display form). */
  canonical: string;
  /** Every name word after titles and degrees are dropped, the father's name included. */
  tokens: string[];
  /** The person's own name words: no titles, no degrees, no bin/binti and father's name. */
  givenTokens: string[];
  /** The core tokens written together, so Nurhayati and Nur Hayati agree. */
  concatenated: string;
  /** Father's name after bin/binti, kept apart because it is not part of the person's identity. */
  fatherName: string | null;
  /** Sound key of the concatenated core name. */
  phoneticKey: string;
  /** Sound key of each core token, for blocking on the first and last word. */
  phoneticTokens: string[];
}

interface RawToken {
  text: string;
  /** Written with a dot (H., S.PD.), which marks an abbreviation rather than a name word. */
  dotted: boolean;
}

export function normaliseName(name: string): NormalisedName {
  const words = stripTitlesAndDegrees(tokenise(name));
  const tokens: string[] = [];
  for (let index = 0; index < words.length; index++) {
    // A final M is an initial (Adi M.), but an M standing alone can only be Muhammad.
    const initialPossible = index === words.length - 1 && words.length > 1;
    tokens.push(wordCaches[initialPossible ? 0 : 1].get(words[index].text));
  }
  const markerIndex = tokens.findIndex(
    (token, index) => index > 0 && index < tokens.length - 1 && patronymicMarkers.has(token),
  );
  const givenTokens = markerIndex > 0 ? tokens.slice(0, markerIndex) : tokens;
  const fatherTokens = markerIndex > 0 ? tokens.slice(markerIndex + 1) : [];
  const concatenated = givenTokens.join('');
  return {
    canonical: givenTokens.join(' '),
    tokens: markerIndex > 0 ? [...givenTokens, ...fatherTokens] : tokens,
    givenTokens,
    concatenated,
    fatherName: fatherTokens.length > 0 ? fatherTokens.join(' ') : null,
    phoneticKey: phoneticCode(concatenated),
    phoneticTokens: givenTokens.map((token) => soundCache.get(token)),
  };
}

// Millions of names share some tens of thousands of words: each word is normalised once.
const maximumCachedWords = 200_000;
const wordCaches = [
  new ValueCache((word) => normaliseWord(word, false), maximumCachedWords),
  new ValueCache((word) => normaliseWord(word, true), maximumCachedWords),
];
const soundCache = new ValueCache(phoneticCode, maximumCachedWords);

function normaliseWord(word: string, mCanMeanMuhammad: boolean): string {
  if (isMuhammadForm(word, mCanMeanMuhammad)) return MUHAMMAD;
  if (nurForms.has(word)) return 'NUR';
  const key = spellingKey(word);
  if (isMuhammadForm(key, mCanMeanMuhammad)) return MUHAMMAD;
  if (nurForms.has(key)) return 'NUR';
  // Nurul joined to the next word (Nurulhidayah) is Nur Hidayah written together.
  if (/^NURUL[A-Z]{3,}$/.test(key)) return `NUR${key.slice(5)}`;
  return key;
}

/** Upper-case words without accents or punctuation; a degree after a comma is dropped here. */
function tokenise(name: string): RawToken[] {
  // Nearly every name is plain ASCII: only the others need their accents taken off.
  const upper = /^[\x20-\x7e]*$/.test(name)
    ? name.toUpperCase()
    : name.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
  const text = upper.replace(/['`’‘]/g, '');
  const [head, ...afterCommas] = text.split(',');
  const tokens = wordsOf(head);
  for (const part of afterCommas) {
    const partTokens = wordsOf(part);
    // "ADI, S.PD., M.M." carries degrees after the comma; anything else is part of the name.
    if (!partTokens.every((token) => degreeTokens.has(token.text))) tokens.push(...partTokens);
  }
  return tokens;
}

function wordsOf(text: string): RawToken[] {
  const tokens: RawToken[] = [];
  for (const chunk of text.split(/[^A-Z.]+/)) {
    if (!chunk.includes('.')) {
      if (chunk.length > 0) tokens.push({ text: chunk, dotted: false });
      continue;
    }
    const letters = chunk.replaceAll('.', '');
    if (degreeTokens.has(letters)) {
      tokens.push({ text: letters, dotted: true });
      continue;
    }
    // "H.ABDUL" or "M.YUSUF": an abbreviation glued to the next word.
    for (const part of chunk.split('.')) if (part.length > 0) tokens.push({ text: part, dotted: true });
  }
  return tokens;
}

function stripTitlesAndDegrees(tokens: RawToken[]): RawToken[] {
  let start = 0;
  let end = tokens.length;
  while (end - start > 1 && prefixTitles.has(tokens[start].text)) start++;
  while (end - start > 1) {
    const last = tokens[end - 1];
    if (!(degreeTokens.has(last.text) && (last.dotted || isUnambiguousDegree(last.text)))) break;
    end--;
  }
  return tokens.slice(start, end);
}
