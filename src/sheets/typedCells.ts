/**
 * How a cell that a person typed is read, in both hosts.
 *
 * Sheets and Excel convert what is typed: `2020-07-13` becomes a date with a date format, `80%`
 * the number 0.8 with a percent format, `01` the number 1 (see ../shared/guide/real-sheets.md). The
 * workflows read text the way a person wrote it, so each host hands a cell's value *and* its number
 * format to `typedCell`, which gives back what the person meant, in the canonical text the parsers
 * already read: a date typed alone as `2020-07-13` (a window's end then covers that whole day), a date and
 * time as `2020-07-13 09:30:00`, a percent as `80%`, a zero-padded number as the digits it shows.
 * Other numbers stay numbers, so amounts and counts keep their precision.
 *
 * The tool writes its own tabs with formats (`NumberFormat`), so the same rule reads them back.
 */
import type { Cell, Grid } from '../workflows/workbook';

/** A date cell as a host sees it: its wall-clock time as shown, `YYYY-MM-DDTHH:mm:ss`. */
export interface DateCell {
  wallClock: string;
}

export type HostCell = Cell | DateCell;

/** The number formats the tool writes. Hosts map them to their codes with `formatCode`. */
export type NumberFormat = 'text' | 'amount' | 'share' | 'integer';

const FORMAT_CODES: Record<NumberFormat, string> = {
  text: '@',
  amount: '#,##0',
  share: '0.0%',
  integer: '0',
};

export function formatCode(format: NumberFormat): string {
  return FORMAT_CODES[format];
}

export type FormatKind = 'text' | 'percent' | 'date' | 'datetime' | 'zeros' | 'number';

/**
 * What a number format code shows. Quoted text, escaped characters and [colour]/[locale] blocks are
 * ignored first, so `"년"` or `[Red]` cannot make a format look like a date or a percent.
 */
export function formatKind(code: string | null | undefined): FormatKind {
  if (code === null || code === undefined) return 'number';
  const trimmed = code.trim();
  if (trimmed === '@') return 'text';
  // The first section is what positive numbers and dates use.
  const bare = trimmed.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '').split(';')[0];
  if (/^general$/i.test(bare.trim()) || bare.trim() === '') return 'number';
  if (bare.includes('%')) return 'percent';
  if (/[yd]/i.test(bare) || (/m/i.test(bare) && !/[#0?]/.test(bare))) return /[hs]/i.test(bare) ? 'datetime' : 'date';
  if (/[hs]/i.test(bare)) return 'datetime';
  if (/^0+$/.test(bare.trim()) && bare.trim().length > 1) return 'zeros';
  return 'number';
}

export function isDateCell(value: unknown): value is DateCell {
  return typeof value === 'object' && value !== null && typeof (value as DateCell).wallClock === 'string';
}

/** The cell as the person meant it (see the module comment). `format` is the cell's format code. */
export function typedCell(value: HostCell | undefined, format: string | null | undefined): Cell {
  if (value === undefined || value === null) return null;
  if (isDateCell(value)) return dateText(value.wallClock, formatKind(format));
  const kind = formatKind(format);
  if (typeof value === 'number') {
    if (kind === 'percent') return `${decimalText(value * 100)}%`;
    if (kind === 'zeros' && Number.isInteger(value) && value >= 0) return String(value).padStart((format as string).trim().length, '0');
    return value;
  }
  // In a plain-text cell a leading apostrophe is kept as a character (people type it out of habit).
  if (typeof value === 'string' && kind === 'text' && value.startsWith("'")) return value.slice(1);
  return value;
}

/**
 * A date typed alone (midnight, in a format that shows no time) is the date alone, so a window's end
 * covers that whole day; anything else keeps its time (a formula's `NOW()` in a date-only cell still
 * says when), as the .xlsx streaming reader does (`serialToText`).
 */
function dateText(wallClock: string, kind: FormatKind): string {
  const day = wallClock.slice(0, 10);
  const time = wallClock.slice(11, 19) || '00:00:00';
  if (kind !== 'datetime' && time === '00:00:00') return day;
  return `${day} ${time}`;
}

/** `7.000000000000001` → `7`: the decimal a person typed, not the float's last bits. */
function decimalText(n: number): string {
  return String(Number(n.toPrecision(12)));
}

/** A block of cells the tool writes with one number format: column `col`, rows `fromRow`..`toRow` (1-based). */
export interface FormatSpan {
  col: number;
  fromRow: number;
  /** Inclusive; absent = the last row written. */
  toRow?: number;
  format: NumberFormat;
}

/**
 * The format of every written cell (null = the host's default for the value), spans applied in order.
 * A number format only lands on a number: a text cell inside an amount span keeps the text default,
 * so Sheets never parses it (a string in a `#,##0` cell would be read as typed input).
 */
export function formatGrid(rows: Grid, spans: readonly FormatSpan[] | undefined): (NumberFormat | null)[][] {
  const out: (NumberFormat | null)[][] = rows.map((row) => new Array<NumberFormat | null>(row.length).fill(null));
  for (const span of spans ?? []) {
    const last = Math.min(span.toRow ?? rows.length, rows.length);
    for (let r = Math.max(span.fromRow, 1); r <= last; r++) {
      const row = out[r - 1];
      const c = span.col - 1;
      if (c >= row.length) continue;
      if (span.format === 'text' || typeof rows[r - 1][c] === 'number') row[c] = span.format;
    }
  }
  return out;
}

/**
 * The parts of the spans that reach below the written rows (`rowCount` of them), where they format
 * empty cells: a column staff will type ids into, so that `01` stays `01`. Cells of the written
 * rows are formatGrid's.
 */
export function spansBelow(rowCount: number, spans: readonly FormatSpan[] | undefined): (FormatSpan & { toRow: number })[] {
  const below: (FormatSpan & { toRow: number })[] = [];
  for (const span of spans ?? []) {
    if (span.toRow === undefined || span.toRow <= rowCount) continue;
    below.push({ ...span, fromRow: Math.max(span.fromRow, rowCount + 1, 1), toRow: span.toRow });
  }
  return below;
}

/**
 * The grid as a host will read it back after writing it with these spans: what a hash of a written
 * tab must be computed over, so that reading it back unchanged gives the same hash.
 */
export function gridAsRead(rows: Grid, spans: readonly FormatSpan[] | undefined): Grid {
  if (spans === undefined || spans.length === 0) return rows;
  const formats = formatGrid(rows, spans);
  return rows.map((row, r) => row.map((cell, c) => {
    const format = formats[r][c];
    if (cell === '' || cell === null) return cell;
    return format === null ? cell : typedCell(cell, formatCode(format));
  }));
}
