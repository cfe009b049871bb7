// A birth date typed on a phone's number pad, which has no '/': digits are laid out as DD/MM/YYYY while typed,
// the order of a Kartu Keluarga, whatever the phone's language. No I/O.

/**
 * The text to show after a keystroke: digits alone, or with slashes only where this form puts them, become
 * DD/MM/YYYY as far as typed ("170819" → "17/08/19"). Anything else ("1/8/1980", "1980-08-17") is left as typed
 * for the server to read or name as wrong.
 */
export function formatTypedDate(typed: string): string {
  for (let index = 0; index < typed.length; index++) {
    const slashInPlace = typed[index] === '/' && (index === 2 || index === 5);
    if (!slashInPlace && (typed[index] < '0' || typed[index] > '9')) return typed;
  }
  const digits = typed.replaceAll('/', '');
  if (digits.length > 8) return typed;
  const parts = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 8)];
  return parts.filter((part, index) => index === 0 || part !== '').join('/');
}
