// One cell of a CSV file this product writes for people to open in a spreadsheet.

// A spreadsheet runs a cell starting with one of these as a formula (=HYPERLINK(…), +cmd|…, @SUM(…)); a tab or
// carriage return in front hides one (OWASP, CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\r\n]/;

/**
 * The cell as CSV text: text that a spreadsheet would take for a formula gets a leading single quote (shown as
 * text, never evaluated), and a cell holding a quote, delimiter or line break is quoted.
 */
export function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
