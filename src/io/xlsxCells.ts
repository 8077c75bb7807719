/**
 * Small facts of the .xlsx format shared by every reader of sheet XML (the sidebar's DOMParser
 * reader and the CLI's streaming one), so both turn the same cell into the same value.
 */
import { formatKind, typedCell } from '../sheets/typedCells';

/** Built-in number formats that show a date or time (ECMA-376 §18.8.30, plus the CJK ones). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const TIME_FORMAT_IDS = new Set([18, 19, 20, 21, 22, 32, 33, 34, 35, 45, 46, 47, 55, 56]);

export type DateKind = 'date' | 'datetime' | null;

/** Whether a number format shows a date: by its custom code when it has one, else by the built-in id. */
export function dateKind(numFmtId: number, customCode: string | undefined): DateKind {
  if (customCode !== undefined) {
    const bare = customCode.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
    // After quoted text and [colours] are gone, only date/time codes use these letters.
    if (!/[ydhs]/i.test(bare)) return null;
    return /[hs]/i.test(bare) ? 'datetime' : 'date';
  }
  if (!DATE_FORMAT_IDS.has(numFmtId)) return null;
  return TIME_FORMAT_IDS.has(numFmtId) ? 'datetime' : 'date';
}

/** Built-in number formats (ECMA-376 §18.8.30) other than dates that change how a number reads. */
const BUILT_IN_CODES: Record<number, string> = { 9: '0%', 10: '0.00%' };

/**
 * How a cell style shows numbers, where that is not the plain number: a date (and whether with its
 * time), or a format code that typedCell reads (`0%`: 0.8 is `80%`; `00`: 1 is `01`). Null: plain.
 */
export type NumberStyle = { date: 'date' | 'datetime'; code?: undefined } | { date?: undefined; code: string };

export function numberStyle(numFmtId: number, customCode: string | undefined): NumberStyle | null {
  const date = dateKind(numFmtId, customCode);
  if (date !== null) return { date };
  const code = customCode ?? BUILT_IN_CODES[numFmtId];
  if (code === undefined) return null;
  const kind = formatKind(code);
  return kind === 'percent' || kind === 'zeros' ? { code } : null;
}

/**
 * A number as a cell of this style shows it, as every reader of the tool reads it (typedCell):
 * a date as `dateText` words it, a percent or a zero-padded number as its text, else the number.
 */
export function styledNumber(n: number, style: NumberStyle | null | undefined, dateText: (serial: number, kind: 'date' | 'datetime') => string): string | number {
  if (style === null || style === undefined) return n;
  if (style.date !== undefined) return dateText(n, style.date);
  return typedCell(n, style.code) as string | number;
}

/** Excel serial days since 1899-12-30 → `YYYY-MM-DDTHH:mm:ss` of the wall-clock time it shows. */
export function serialToIso(serial: number): string {
  return new Date(Math.round((serial - 25569) * 86_400) * 1000).toISOString().slice(0, 19);
}

/** The wall-clock text a date cell shows; in a date-only style, midnight shows as the date alone. */
export function serialToText(serial: number, kind: 'date' | 'datetime'): string {
  const iso = serialToIso(serial);
  return kind === 'date' && iso.endsWith('T00:00:00') ? iso.slice(0, 10) : iso.replace('T', ' ');
}

/** `B7` → 1 (0-based column of a cell reference). */
export function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i) | 0x20;
    if (code < 0x61 || code > 0x7a) break;
    n = n * 26 + (code - 0x60);
  }
  return n - 1;
}

/** 1 → `B` (the letters of a 0-based column). */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
