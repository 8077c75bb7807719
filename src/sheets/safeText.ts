/**
 * Cell safety for Google Sheets: the one place that decides how a cell is written.
 *
 * `Range.setValues` reads a string the way a person typing it would (USER_ENTERED): "=..." becomes a
 * formula, "+1" / "-2+3" / "@SUM(A1)" are parsed as formulas or numbers, and "2020-07-06", "80%" or
 * "0012" are coerced into dates, percents and numbers — unless the cell's number format is plain text
 * `@`. A leading apostrophe makes Sheets store the rest as text (it is not part of the value).
 *
 * Decision: text is written into `@` cells as it is, so it reads back exactly as written (the same
 * as the .xlsx host) and stays text when people edit next to it — EXCEPT text that could start a
 * formula (`looksLikeFormula`) or that starts with an apostrophe: that goes into a General cell behind
 * a leading apostrophe. Whether Sheets parses "=..." in an `@` cell, and whether it keeps an
 * apostrophe there as a character, we cannot verify; the apostrophe in a General cell is the
 * documented way to keep text literal either way, so untrusted text can never become a formula.
 * Numbers and booleans are written as values (General, or the format the workflow asked for).
 */
import type { Cell } from '../workflows/workbook';

/** Characters that start a formula (or a DDE payload) in Sheets and Excel. */
const FORMULA_START = /^[=+\-@]/;

/** The number format Sheets gives cells nobody formatted. */
export const GENERAL_FORMAT = 'General';
export const TEXT_FORMAT = '@';

/**
 * True when a text would be taken as a formula by a spreadsheet or CSV consumer, also after leading
 * whitespace or control characters (tab, CR, LF), which some consumers strip.
 */
export function looksLikeFormula(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- strip the whitespace/control prefix consumers ignore
  return FORMULA_START.test(text.replace(/^[\s\u0000-\u001f]+/, ''));
}

/**
 * What to pass to setNumberFormats and setValues so that the cell holds exactly `value`. `format`
 * is the number format the workflow asked for (null: the default for the value).
 */
export function sheetsCell(value: Cell, format: string | null): { value: Cell; format: string } {
  if (value === null || value === undefined || value === '') return { value: '', format: format ?? GENERAL_FORMAT };
  if (typeof value !== 'string') return { value, format: format ?? GENERAL_FORMAT };
  if (looksLikeFormula(value) || value.startsWith("'")) {
    return { value: `'${value}`, format: format === null || format === TEXT_FORMAT ? GENERAL_FORMAT : format };
  }
  if (format === null || format === TEXT_FORMAT) return { value, format: TEXT_FORMAT };
  // A text cell in a numeric column (a blank-like note): the apostrophe keeps it from being parsed.
  return { value: `'${value}`, format };
}
