// Cleans a NIK or KK number typed into a spreadsheet, naming the ways Excel damages 16-digit numbers.
import { isDigits } from '../registry/nik.ts';
import type { RowProblem } from './row-problem.ts';

export type IdentityNumberKind = 'nik' | 'kk';

export type IdentityNumberProblemCode =
  | 'excel_scientific_notation'
  | 'excel_trailing_digits_lost'
  | 'excel_decimal_suffix'
  | 'identity_number_separators'
  | 'identity_number_digit_lost'
  | 'identity_number_too_short'
  | 'identity_number_too_long'
  | 'identity_number_non_digit';

export interface CleanedIdentityNumber {
  /** The 16 digits, or null when empty or unrecoverable. */
  value: string | null;
  problems: RowProblem[];
}

// Zero-width characters arrive from copy-paste out of web pages and PDFs and are never meaningful.
const INVISIBLE_CHARACTERS = /[\u200B-\u200D\u2060\uFEFF]/g;
// Excel shows numbers above 99,999,999,999 like 3.17401E+15, or 3,17401E+15 in an Indonesian locale.
const SCIENTIFIC_NOTATION = /^\d+(?:[.,]\d+)?e[+-]?\d+$/i;
// A number cell saved through a float-typed tool gains '.0'.
const DECIMAL_SUFFIX = /^(\d+)[.,]0+$/;
const SEPARATORS = /[\s.\-\u2010-\u2015]/g;
const EXPECTED_DIGITS = 16;
const SHOWN_VALUE_LIMIT = 40;

function failure(
  field: 'nik' | 'kkNumber',
  shownValue: string,
  code: IdentityNumberProblemCode,
  params: Record<string, string | number> = {},
): CleanedIdentityNumber {
  return {
    value: null,
    problems: [{ field, code, severity: 'error' as const, params: { value: shownValue, ...params } }],
  };
}

// Sixteen plain digits not ending in 0000: what almost every cell holds, and nothing below would change it.
function isCleanIdentityNumber(raw: string): boolean {
  return raw.length === EXPECTED_DIGITS && isDigits(raw) && !raw.endsWith('0000');
}

export function cleanIdentityNumber(raw: string, kind: IdentityNumberKind): CleanedIdentityNumber {
  if (isCleanIdentityNumber(raw)) return { value: raw, problems: [] };
  const field = kind === 'nik' ? ('nik' as const) : ('kkNumber' as const);
  const visible = raw.replace(INVISIBLE_CHARACTERS, '').trim();
  // A leading apostrophe is Excel's "store as text" marker, not part of the value.
  const text = visible.replace(/^['\u2018\u2019]/, '').trim();
  if (text === '') return { value: null, problems: [] };
  const shownValue = visible.length > SHOWN_VALUE_LIMIT ? `${visible.slice(0, SHOWN_VALUE_LIMIT)}…` : visible;

  if (SCIENTIFIC_NOTATION.test(text)) return failure(field, shownValue, 'excel_scientific_notation');
  const warnings: RowProblem[] = [];
  let digits = text;
  const decimal = DECIMAL_SUFFIX.exec(text);
  if (decimal) {
    digits = decimal[1];
    warnings.push({
      field,
      code: 'excel_decimal_suffix',
      severity: 'warning',
      params: { value: shownValue },
    });
  } else {
    const withoutSeparators = text.replace(SEPARATORS, '');
    if (withoutSeparators !== text && /^\d+$/.test(withoutSeparators)) {
      digits = withoutSeparators;
      warnings.push({
        field,
        code: 'identity_number_separators',
        severity: 'warning',
        params: { value: shownValue },
      });
    }
  }
  if (!/^\d+$/.test(digits)) return failure(field, shownValue, 'identity_number_non_digit');
  if (digits.length === EXPECTED_DIGITS - 1) {
    return failure(field, shownValue, 'identity_number_digit_lost', { digits: 15 });
  }
  if (digits.length < EXPECTED_DIGITS) {
    return failure(field, shownValue, 'identity_number_too_short', { digits: digits.length });
  }
  if (digits.length > EXPECTED_DIGITS) {
    return failure(field, shownValue, 'identity_number_too_long', { digits: digits.length });
  }
  // Excel keeps 15 significant digits, so the 16th becomes 0; serial 0000 is never issued, which exposes it.
  if (digits.endsWith('0000')) return failure(field, shownValue, 'excel_trailing_digits_lost');
  return { value: digits, problems: warnings };
}
