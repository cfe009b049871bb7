// Spelling keys for one word: old (Van Ophuijsen / Soewandi) and modern spellings of a name give the same key.

/**
 * The matching spelling of a word (upper case A–Z only). Old J was modern Y and old DJ modern J, so
 * whether a bare J is old or modern cannot be told: J and Y are one letter, written J, and DJ/DY, TJ/TY
 * collapse onto J and C. Old OE, CH, SJ and NJ then agree with modern U, KH, SY and NY.
 */
export function spellingKey(word: string): string {
  let key = word.replace(/OE/g, 'U');
  // A closing Y (or its old J) after a consonant is the vowel I: Herry = Heri, Yanty = Yanti.
  if (key.length > 2 && /[YJ]$/.test(key) && !isVowel(key[key.length - 2])) key = `${key.slice(0, -1)}I`;
  // CH last, so the C of an old TJH (Tjhin) meets its H like the C of a modern Chin does.
  key = key.replace(/Y/g, 'J').replace(/DJ/g, 'J').replace(/TJ/g, 'C').replace(/CH/g, 'KH');
  // Arabic sun letters assimilate the L of Abdul: Abdurrahman = Abdul Rahman, Abdussamad = Abdul Samad.
  const assimilated = /^ABDU([RSZNDTC])\1([A-Z]{2,})$/.exec(key);
  if (assimilated) key = `ABDUL${assimilated[1]}${assimilated[2]}`;
  return key;
}

function isVowel(letter: string): boolean {
  return letter === 'A' || letter === 'E' || letter === 'I' || letter === 'O' || letter === 'U';
}

/**
 * A coarse sound key of a spelling key: tolerant of Arabic transliterations (KH/H, DH/D, TH/T, SH/S, Q/K, Z/S),
 * F/V/P, AI/E, AU/O, doubled letters, silent H and vowel changes (Rahman/Rohman, Fatimah/Fatima).
 */
export function phoneticCode(key: string): string {
  if (key.length === 0) return '';
  let sound = key
    .replace(/KH|GH/g, 'H')
    .replace(/([DTS])H/g, '$1')
    .replace(/PH|V|F/g, 'P')
    .replace(/Q/g, 'K')
    .replace(/X/g, 'KS')
    .replace(/Z/g, 'S')
    .replace(/AI/g, 'E')
    .replace(/AU/g, 'O');
  const first = isVowel(sound[0]) ? 'A' : sound[0];
  // Vowels and a non-initial H carry too much regional variation to keep.
  sound = first + sound.slice(1).replace(/[AEIOUH]/g, '');
  return sound.replace(/(.)\1+/g, '$1');
}
