/**
 * Cell safety for Google Sheets: the one place that decides how text is written into a cell.
 *
 * `Range.setValues` reads a string the way a person typing it would: "=..." becomes a formula,
 * "+1" / "-2+3" / "@SUM(A1)" are parsed as formulas or numbers, and "2020-07-06" or "0012" are
 * coerced into dates and numbers. A leading apostrophe makes Sheets store the rest as plain text
 * (the apostrophe itself is not part of the value that `getValues` returns).
 *
 * Decision: every non-empty string is written with a leading apostrophe, not only strings that
 * look like formulas. A `Cell` already says what it is (number, boolean or text), so text stays
 * text and reads back exactly as written — the same behaviour as the .xlsx host — and untrusted
 * text can never become a formula, whatever Sheets' parser does with leading spaces, tabs or
 * locale-specific syntax. Workflows that want a number or a date in a cell write a number.
 */
import type { Cell } from '../workflows/workbook';

/** Characters that start a formula (or a DDE payload) in Sheets and Excel. */
const FORMULA_START = /^[=+\-@]/;

/**
 * True when a text would be taken as a formula by a spreadsheet or CSV consumer, also after leading
 * whitespace or control characters (tab, CR, LF), which some consumers strip. Useful for reports
 * and exports; `asSheetsLiteral` does not depend on it.
 */
export function looksLikeFormula(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- strip the whitespace/control prefix consumers ignore
  return FORMULA_START.test(text.replace(/^[\s\u0000-\u001f]+/, ''));
}

/** The value to pass to `setValues` so that the cell holds exactly `value`. */
export function asSheetsLiteral(value: Cell): Cell {
  if (typeof value !== 'string' || value === '') return value;
  return `'${value}`;
}
