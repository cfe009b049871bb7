// Word lists the name normaliser needs: titles, degrees, the Muhammad family and bin/binti.

/** Honorifics and titles written in front of a name (compared without dots). */
export const prefixTitles: ReadonlySet<string> = new Set([
  'H',
  'HJ',
  'HJH',
  'HAJI',
  'HAJJAH',
  'HAJAH',
  'KH',
  'DRS',
  'DRA',
  'DR',
  'IR',
  'PROF',
  'BPK',
  'BAPAK',
  'PAK',
  'IBU',
  'BU',
  'BANG',
  'MPOK',
  'SDR',
  'SDRI',
  'SAUDARA',
  'SAUDARI',
  'TN',
  'TUAN',
  'NY',
  'NYONYA',
  'UST',
  'USTADZ',
  'USTAZ',
  'USTADZAH',
]);

/** Academic degrees written after a name (compared without dots). */
export const degreeTokens: ReadonlySet<string> = new Set([
  'SPD',
  'SPDI',
  'SE',
  'SEI',
  'SH',
  'SHI',
  'SKOM',
  'ST',
  'STP',
  'SAG',
  'SSOS',
  'SSI',
  'SIP',
  'SIKOM',
  'SKM',
  'SKEP',
  'SKED',
  'SFARM',
  'SPSI',
  'SS',
  'SP',
  'SPT',
  'SHUT',
  'SSN',
  'SDS',
  'SGZ',
  'AMD',
  'AMK',
  'AMKEB',
  'AMKEP',
  'MM',
  'MSI',
  'MPD',
  'MPDI',
  'MT',
  'MH',
  'MKOM',
  'MAG',
  'MA',
  'MBA',
  'MKES',
  'MSC',
  'MHUM',
  'MAP',
  'PHD',
  'LC',
  'BSC',
  'BA',
]);

/** Degrees of two letters or fewer could be a person's initials, so they go only when dotted or after a comma. */
export function isUnambiguousDegree(token: string): boolean {
  return token.length >= 3 && degreeTokens.has(token);
}

/** Short forms that stand for Muhammad (the lone M only before another word). */
const muhammadShortForms: ReadonlySet<string> = new Set([
  'M',
  'MD',
  'MOH',
  'MOHD',
  'MOCH',
  'MUH',
  'MUCH',
  'MHD',
]);

// Muhammad, Muhamad, Mohammad, Mochamad, Moehammad, Muhammed, Mohamed, Muhamat …
const muhammadSpelling = /^M(?:U|O|OE)C?HAM+[AE][DT]$/;

export const MUHAMMAD = 'MUHAMMAD';

/** Whether a word (upper case, no dots) spells or abbreviates Muhammad; "M" only when it cannot be an initial. */
export function isMuhammadForm(token: string, mCanMeanMuhammad: boolean): boolean {
  if (muhammadSpelling.test(token)) return true;
  return muhammadShortForms.has(token) && (mCanMeanMuhammad || token !== 'M');
}

/** Words that introduce the father's name. */
export const patronymicMarkers: ReadonlySet<string> = new Set(['BIN', 'BINTI', 'BINTY', 'BT', 'BTE']);

/** Spellings of Nur and Nurul, which people use interchangeably. */
export const nurForms: ReadonlySet<string> = new Set(['NUR', 'NURUL', 'NOUR', 'NUUR', 'NOOR', 'NURUN']);
