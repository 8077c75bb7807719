/**
 * An in-memory fake of exactly the Apps Script surface the host uses (SpreadsheetApp, Sheet, Range,
 * Ui, Menu, HtmlService, LockService, PropertiesService, Session, Utilities, ScriptApp), as strict as
 * Google Sheets is. It counts every service call per method ("Sheet.getRange", "Range.setValues", ...)
 * and the cells read and written. Each rule, and the page it comes from:
 *
 * - **Strings are parsed as typed (USER_ENTERED)** by `setValues`/`setValue` unless the cell's number
 *   format is plain text `@` (developers.google.com/sheets/api/reference/rest/v4/ValueInputOption;
 *   the Apps Script Range.setValues behaves as the UI does): `1,000` and `01` become numbers, `80%`
 *   0.8 with a percent format, `2020-07-13`, `2020. 7. 13.`, `2020/7/13`, `7/13/2020`, `1-1` and `3/4`
 *   (this year) and date-times Dates (wall-clock in the *spreadsheet's* time zone) with a date format,
 *   `10:30` a time, `TRUE`/`FALSE` booleans. A leading apostrophe keeps the rest as text and is not
 *   part of the value. `=...` is a formula — here even in an `@` cell (stricter than we can verify
 *   Sheets is: the host must never send one raw) — and, pessimistically, so is `+...`, `-...` or
 *   `@...` that is not a plain number; each is recorded in `log.formulas`. In an `@` cell a leading
 *   apostrophe is kept as a character (github.com/getodk/collect/issues/3703,
 *   github.com/vlucas/sheetquery/issues/20).
 * - **getValues returns Number, Boolean, Date or String**, '' for empty cells
 *   (developers.google.com/apps-script/reference/spreadsheet/value-type); `getDisplayValues` the text
 *   as shown and `getNumberFormats` each cell's format ('General' when none was set).
 * - **Writes are buffered** until `SpreadsheetApp.flush()` or a read of the spreadsheet
 *   (developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#flush()); document
 *   properties are written at once. `fake.kill()` ends an execution as a timeout does: unflushed
 *   writes are lost.
 * - **10,000,000 cells** per spreadsheet, counting every cell of every tab's grid, empty ones too;
 *   a new tab is 1000 × 26; an insert past the cap fails; a cell over 50,000 characters is refused
 *   (support.google.com/drive/answer/37603). Not every non-frozen row may be deleted.
 * - **Protection**: a tab protected without "warning only" refuses edits by anyone but its editors
 *   (developers.google.com/apps-script/reference/spreadsheet/protection).
 * - **Session.getActiveUser** throws unless the manifest lists the `userinfo.email` scope; the scopes
 *   are read from appsscript.json (developers.google.com/apps-script/reference/base/session).
 * - **Faults**: `fake.failAt(n, message)` makes the n-th service call from now throw, as a timed-out
 *   service or the execution limit does.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type Stored = string | number | boolean | Date;
type Grid = unknown[][];

export const CELL_LIMIT = 10_000_000;
export const CELL_CHARACTERS = 50_000;
export const USERINFO_EMAIL = 'https://www.googleapis.com/auth/userinfo.email';
const NEW_TAB_ROWS = 1000;
const NEW_TAB_COLUMNS = 26;
const GENERAL = 'General';
const TOO_MANY_CELLS = `This action would increase the number of cells in the workbook above the limit of ${CELL_LIMIT} cells.`;
const TOO_LONG = `Your input contains more than the maximum of ${CELL_CHARACTERS} characters in a single cell.`;
const PROTECTED = 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

export interface FakeOptions {
  /** Session.getActiveUserLocale(); default 'ko'. */
  locale?: string;
  /** Make getActiveUserLocale throw (some contexts refuse it). */
  localeThrows?: boolean;
  /** Session.getActiveUser().getEmail(); default 'staff@example.org'. '' as for a user of another domain. */
  email?: string;
  /** Spreadsheet time zone; default 'Asia/Seoul'. */
  timeZone?: string;
  /** The document lock is held by someone else: tryLock returns false. */
  lockBusy?: boolean;
  /** 'NONE' mimics onOpen before the add-on is used in this document: authorised services throw. */
  authMode?: 'NONE' | 'LIMITED' | 'FULL';
  /** Project files for HtmlService.createHtmlOutputFromFile (name without .html). */
  files?: Record<string, string>;
  /** The manifest's oauthScopes; default: those of the repository's appsscript.json. */
  scopes?: string[];
}

export interface FormulaWrite {
  sheet: string;
  row: number;
  column: number;
  text: string;
}

interface Fault {
  left: number;
  message: string;
  matches: (name: string) => boolean;
  /** The execution is dead from then on: every later call throws too (a timeout runs no finally). */
  sticky: boolean;
}

export class CallLog {
  readonly calls = new Map<string, number>();
  cellsRead = 0;
  cellsWritten = 0;
  readonly formulas: FormulaWrite[] = [];
  private fault: Fault | null = null;

  hit(name: string): void {
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
    if (this.fault === null || !this.fault.matches(name)) return;
    if (this.fault.left > 0) this.fault.left--;
    if (this.fault.left > 0) return;
    const { message, sticky } = this.fault;
    if (!sticky) this.fault = null;
    this.faultsThrown++;
    throw new Error(message);
  }
  faultsThrown = 0;
  /**
   * The n-th call from now (1 = the next) whose name `matches` throws `message` instead of running;
   * `sticky`: so does every call after it, as in an execution killed at its time limit.
   */
  failAt(n: number, message: string, matches: (name: string) => boolean = () => true, sticky = false): void {
    this.fault = { left: n, message, matches, sticky };
  }
  /** No more faults (the next execution). */
  heal(): void {
    this.fault = null;
  }
  count(name: string): number {
    return this.calls.get(name) ?? 0;
  }
  /** Calls whose name starts with one of the prefixes (e.g. 'Range.', 'Sheet.'); all calls without. */
  total(...prefixes: string[]): number {
    let n = 0;
    for (const [name, c] of this.calls) if (prefixes.length === 0 || prefixes.some((p) => name.startsWith(p))) n += c;
    return n;
  }
  get rangeReads(): number {
    return this.count('Range.getValues');
  }
  get rangeWrites(): number {
    return this.count('Range.setValues');
  }
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.calls].sort(([a], [b]) => a.localeCompare(b)));
  }
  reset(): void {
    this.calls.clear();
    this.cellsRead = 0;
    this.cellsWritten = 0;
    this.formulas.length = 0;
    this.fault = null;
  }
}

/**
 * Wraps an object so that every method call is counted as `${type}.${method}`. A method that returns
 * its own object (a chain: `protect().setDescription(…).setWarningOnly(true)`) hands back the wrapper,
 * so every call of a chain is counted, not only the first.
 */
function tracked<T extends object>(target: T, type: string, log: CallLog, guard?: (method: string) => void): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      return (...args: unknown[]) => {
        log.hit(`${type}.${prop}`);
        guard?.(prop);
        const result = (value as (...a: unknown[]) => unknown).apply(obj, args);
        return result === obj ? receiver : result;
      };
    },
  });
}

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** Epoch ms of a wall-clock time in a time zone. */
export function zonedTime(timeZone: string, y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  const offsetAt = (t: number): number => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    }).formatToParts(new Date(t));
    const p = (type: string): number => Number(parts.find((x) => x.type === type)?.value);
    return Date.UTC(p('year'), p('month') - 1, p('day'), p('hour'), p('minute'), p('second')) - t;
  };
  let t = asUtc - offsetAt(asUtc);
  t = asUtc - offsetAt(t);
  return t;
}

/** The wall-clock fields of an instant in a zone. */
function wallClock(date: Date, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
    hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(date);
  const p = (type: string): number => Number(parts.find((x) => x.type === type)?.value);
  return { y: p('year'), mo: p('month'), d: p('day'), h: p('hour'), mi: p('minute'), s: p('second') };
}

/** What Sheets makes of a string typed into a cell that is not plain text. */
export interface Entered {
  value: Stored;
  /** The format Sheets gives a cell that had none (a date, a percent, thousands separators). */
  format?: string;
  formula?: boolean;
}

const PLAIN_NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?$|^[+-]?\.\d+$/i;
const PERCENT = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?)\s*%$/;
const TIME = '(\\d{1,2}):(\\d{2})(?::(\\d{2}))?';
const ISO_DATE = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ T]${TIME})?$`);
const KOREAN_DATE = new RegExp(`^(\\d{4})\\.\\s*(\\d{1,2})\\.\\s*(\\d{1,2})\\.?(?:\\s+${TIME})?$`);
const SLASH_DATE = new RegExp(`^(\\d{4})/(\\d{1,2})/(\\d{1,2})(?:\\s+${TIME})?$`);
const US_DATE = new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4})(?:\\s+${TIME})?$`);
const MONTH_DAY = /^(\d{1,2})[-/](\d{1,2})$/;
const TIME_ONLY = new RegExp(`^${TIME}$`);

function validDay(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/**
 * USER_ENTERED: how Sheets reads a string typed into a cell whose format is not `@`.
 * `year` is this year in the spreadsheet's zone (for `1-1`, `3/4`).
 */
export function parseEntered(text: string, timeZone: string, year: number): Entered {
  if (text === '') return { value: '' };
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith('=')) return { value: text, formula: true };
  const t = text.trim();
  if (PLAIN_NUMBER.test(t)) {
    const value = Number(t.replace(/,/g, ''));
    if (/e/i.test(t)) return { value, format: '0.00E+00' };
    if (t.includes(',')) return { value, format: t.includes('.') ? '#,##0.00' : '#,##0' };
    return { value };
  }
  const percent = PERCENT.exec(t);
  if (percent) return { value: Number(percent[1].replace(/,/g, '')) / 100, format: percent[2] ? '0.00%' : '0%' };
  if (/^[+\-@]/.test(text)) return { value: text, formula: true };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  const date = (y: number, mo: number, d: number, h: string | undefined, mi: string | undefined, s: string | undefined, dateFormat: string): Entered | null => {
    if (!validDay(y, mo, d)) return null;
    const hasTime = h !== undefined;
    const [hh, mm, ss] = [Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)];
    if (hh > 23 || mm > 59 || ss > 59) return null;
    return { value: new Date(zonedTime(timeZone, y, mo, d, hh, mm, ss)), format: hasTime ? `${dateFormat} h:mm:ss` : dateFormat };
  };
  let m: RegExpExecArray | null;
  let out: Entered | null = null;
  if ((m = ISO_DATE.exec(t))) out = date(+m[1], +m[2], +m[3], m[4], m[5], m[6], 'yyyy-mm-dd');
  else if ((m = KOREAN_DATE.exec(t))) out = date(+m[1], +m[2], +m[3], m[4], m[5], m[6], 'yyyy. m. d');
  else if ((m = SLASH_DATE.exec(t))) out = date(+m[1], +m[2], +m[3], m[4], m[5], m[6], 'yyyy/m/d');
  else if ((m = US_DATE.exec(t))) out = date(+m[3], +m[1], +m[2], m[4], m[5], m[6], 'm/d/yyyy');
  else if ((m = MONTH_DAY.exec(t))) out = date(year, +m[1], +m[2], undefined, undefined, undefined, 'm"월" d"일"');
  else if ((m = TIME_ONLY.exec(t)) && +m[1] < 24 && +m[2] < 60 && +(m[3] ?? 0) < 60) {
    out = { value: new Date(zonedTime(timeZone, 1899, 12, 30, +m[1], +m[2], +(m[3] ?? 0))), format: m[3] ? 'h:mm:ss' : 'h:mm' };
  }
  return out ?? { value: text };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The text a cell shows (getDisplayValues), for the formats this fake and the tool use. */
export function displayText(value: Stored, format: string, timeZone: string): string {
  if (value === '') return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (isDate(value)) {
    const w = wallClock(value, timeZone);
    const time = `${w.h}:${pad2(w.mi)}:${pad2(w.s)}`;
    if (!/[yd]/i.test(format.replace(/"[^"]*"/g, ''))) return time;
    const day = `${w.y}-${pad2(w.mo)}-${pad2(w.d)}`;
    return /h/i.test(format) ? `${day} ${time}` : day;
  }
  if (format === '@' || format === GENERAL) return String(value);
  const percent = /^0(?:\.(0+))?%$/.exec(format);
  if (percent) return `${(value * 100).toFixed(percent[1]?.length ?? 0)}%`;
  const grouped = /^#,##0(?:\.(0+))?$/.exec(format);
  if (grouped) {
    const digits = grouped[1]?.length ?? 0;
    return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }
  if (/^0+$/.test(format)) return String(Math.round(value)).padStart(format.length, '0');
  return String(value);
}

interface ProtectionState {
  description: string;
  warningOnly: boolean;
  editors: string[];
}

class FakeSheet {
  cells: Stored[][] = [];
  /** Number formats by cell (absent = 'General'). */
  formats: (string | undefined)[][] = [];
  maxRows = NEW_TAB_ROWS;
  maxColumns = NEW_TAB_COLUMNS;
  frozenRows = 0;
  hidden = false;
  /** 'row,col' → weight, for cells set to bold/normal. */
  readonly fontWeights = new Map<string, string>();
  /** 'row,col' → background colour, for coloured cells (absent = none). */
  readonly backgrounds = new Map<string, string>();

  constructor(
    public name: string,
    readonly book: FakeSpreadsheet,
  ) {}

  readonly charts: FakeChart[] = [];
  readonly protections: ProtectionState[] = [];

  // ---- Sheet API ----
  getCharts(): FakeChart[] {
    return this.charts.map((chart) => tracked(chart, 'EmbeddedChart', this.book.log));
  }
  removeChart(chart: FakeChart): void {
    const at = this.charts.findIndex((c) => c.id === chart.id);
    if (at >= 0) this.charts.splice(at, 1);
  }
  /**
   * The chart with the built chart's id gets its new state, where it is ("Updates the chart on this
   * sheet", developers.google.com/apps-script/reference/spreadsheet/sheet#updatechartchart); a chart
   * no longer on the sheet is refused.
   */
  updateChart(chart: FakeChart): void {
    const at = this.charts.findIndex((c) => c.id === chart.id);
    if (at < 0) throw new Error('Exception: The chart does not exist on this sheet.');
    this.charts[at] = chart;
  }
  newChart(): FakeChartBuilder {
    return tracked(new FakeChartBuilder(), 'EmbeddedChartBuilder', this.book.log);
  }
  insertChart(chart: FakeChart): void {
    this.charts.push(new FakeChart(chart.type, chart.options, chart.ranges, chart.position, nextChartId++));
  }
  /**
   * As Google's reference for Sheet.protect() says: "If the sheet is already protected, this method
   * returns an object representing the existing protection settings" (it makes no second one;
   * developers.google.com/apps-script/reference/spreadsheet/sheet#protect()). The fake made one a call.
   */
  protect(): FakeProtection {
    let protection = this.protections[0];
    if (protection === undefined) {
      protection = { description: '', warningOnly: false, editors: [this.book.currentUser()] };
      this.protections.push(protection);
    }
    return tracked(new FakeProtection(protection), 'Protection', this.book.log);
  }
  getProtections(type: string): FakeProtection[] {
    return type === 'SHEET' ? this.protections.map((p) => tracked(new FakeProtection(p), 'Protection', this.book.log)) : [];
  }
  getName(): string {
    return this.name;
  }
  getDataRange(): FakeRange {
    this.book.sync();
    return this.book.wrapRange(new FakeRange(this, 1, 1, Math.max(1, this.lastRow()), Math.max(1, this.lastColumn())));
  }
  /** TextFinder over this sheet; with matchFormulaText a formula cell is searched in its formula text. */
  createTextFinder(text: string): FakeTextFinder {
    return tracked(new FakeTextFinder(this, text), 'TextFinder', this.book.log);
  }
  getRange(row: number, column: number, numRows = 1, numColumns = 1): FakeRange {
    return this.book.wrapRange(this.rangeInGrid(row, column, numRows, numColumns));
  }
  /**
   * getRange(…).getValues() in one call; -1 for numRows or numColumns reads to the last row or
   * column with data (developers.google.com/apps-script/reference/spreadsheet/sheet#getsheetvaluesstartrow,-startcolumn,-numrows,-numcolumns).
   * On a tab with no data that range has no rows, which getRange refuses, and so does this: Google
   * documents no result for it, and the refusal is the strictest reading.
   */
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): Stored[][] {
    this.book.sync();
    const rows = numRows === -1 ? this.lastRow() - startRow + 1 : numRows;
    const columns = numColumns === -1 ? this.lastColumn() - startColumn + 1 : numColumns;
    // The range is not the script's: its read is part of this one call.
    return this.rangeInGrid(startRow, startColumn, rows, columns).getValues();
  }
  /** Ranges given in A1 notation ('B2:C10', 'A1'), in one call; each must lie in the grid, as for getRange. */
  getRangeList(a1Notations: string[]): FakeRangeList {
    const ranges = a1Notations.map((a1) => {
      const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a1);
      if (!m) throw new Error(`Range not found: ${a1}`);
      const [row, column] = [Number(m[2]), columnNumber(m[1])];
      const [toRow, toColumn] = m[3] === undefined ? [row, column] : [Number(m[4]), columnNumber(m[3])];
      if (row < 1 || toRow < row || toColumn < column || toRow > this.maxRows || toColumn > this.maxColumns) {
        throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
      }
      return this.book.wrapRange(new FakeRange(this, row, column, toRow - row + 1, toColumn - column + 1));
    });
    return tracked(new FakeRangeList(ranges), 'RangeList', this.book.log);
  }
  getLastRow(): number {
    this.book.sync();
    return this.lastRow();
  }
  getLastColumn(): number {
    this.book.sync();
    return this.lastColumn();
  }
  getMaxRows(): number {
    this.book.sync();
    return this.maxRows;
  }
  getMaxColumns(): number {
    this.book.sync();
    return this.maxColumns;
  }
  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.book.sync();
    this.book.mayGrow(howMany * this.maxColumns);
    // Rows below the stored ones are empty already: only rows inserted among them need storage.
    if (afterPosition < this.cells.length) this.cells.splice(afterPosition, 0, ...Array.from({ length: howMany }, () => [] as Stored[]));
    if (afterPosition < this.formats.length) this.formats.splice(afterPosition, 0, ...Array.from({ length: howMany }, () => [] as (string | undefined)[]));
    this.maxRows += howMany;
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.book.sync();
    this.book.mayGrow(howMany * this.maxRows);
    for (const row of this.cells) if (row && row.length > afterPosition) row.splice(afterPosition, 0, ...new Array<Stored>(howMany).fill(''));
    for (const row of this.formats) if (row && row.length > afterPosition) row.splice(afterPosition, 0, ...new Array<string | undefined>(howMany).fill(undefined));
    this.maxColumns += howMany;
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): FakeSheet {
    this.book.sync();
    this.checkEditable();
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > this.maxRows) throw new Error('Those rows are out of bounds.');
    if (this.maxRows - howMany <= this.frozenRows) throw new Error('Sorry, it is not possible to delete all non-frozen rows.');
    this.cells.splice(rowPosition - 1, howMany);
    this.formats.splice(rowPosition - 1, howMany);
    this.maxRows -= howMany;
    return this;
  }
  deleteColumns(columnPosition: number, howMany: number): FakeSheet {
    this.book.sync();
    this.checkEditable();
    if (columnPosition < 1 || howMany < 1 || columnPosition + howMany - 1 > this.maxColumns) throw new Error('Those columns are out of bounds.');
    if (howMany >= this.maxColumns) throw new Error('Sorry, it is not possible to delete all columns.');
    for (const row of this.cells) row?.splice(columnPosition - 1, howMany);
    for (const row of this.formats) row?.splice(columnPosition - 1, howMany);
    this.maxColumns -= howMany;
    return this;
  }
  clearContents(): FakeSheet {
    this.checkEditable();
    this.book.later(() => {
      this.cells = [];
    });
    return this;
  }
  clear(): FakeSheet {
    this.checkEditable();
    this.book.later(() => {
      this.cells = [];
      this.formats = [];
      this.fontWeights.clear();
      this.backgrounds.clear();
    });
    return this;
  }
  clearFormats(): FakeSheet {
    this.checkEditable();
    this.book.later(() => {
      this.formats = [];
      this.fontWeights.clear();
      this.backgrounds.clear();
    });
    return this;
  }
  /** Tab-level settings are applied at once (only cell contents and formats are buffered here). */
  setFrozenRows(rows: number): void {
    if (rows >= this.maxRows) throw new Error('Sorry, it is not possible to freeze all rows.');
    this.frozenRows = rows;
  }
  getFrozenRows(): number {
    this.book.sync();
    return this.frozenRows;
  }
  /** A stable number per tab name (Sheets' gid), for the print links. */
  getSheetId(): number {
    return [...this.name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 2_000_000_000, 7);
  }
  hideSheet(): FakeSheet {
    this.hidden = true;
    return this;
  }
  activate(): FakeSheet {
    this.book.activeIndex = this.book.sheets.findIndex((s) => s.name === this.name);
    return this;
  }

  /** Refuses an edit of a tab protected (not warning-only) against the current user, as Sheets does. */
  checkEditable(): void {
    const user = this.book.currentUser();
    if (this.protections.some((p) => !p.warningOnly && !p.editors.includes(user))) throw new Error(PROTECTED);
  }

  /** getRange's checks, on a range not counted as the script's. */
  rangeInGrid(row: number, column: number, numRows: number, numColumns: number): FakeRange {
    const ints = [row, column, numRows, numColumns].every((n) => Number.isInteger(n));
    if (!ints || row < 1 || column < 1 || numRows < 1 || numColumns < 1) {
      throw new Error('The coordinates or dimensions of the range are invalid.');
    }
    if (row + numRows - 1 > this.maxRows || column + numColumns - 1 > this.maxColumns) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this, row, column, numRows, numColumns);
  }
  lastRow(): number {
    for (let r = this.cells.length - 1; r >= 0; r--) if (this.cells[r]?.some((v) => v !== '')) return r + 1;
    return 0;
  }
  lastColumn(): number {
    let last = 0;
    for (const row of this.cells) {
      if (!row) continue;
      for (let c = row.length - 1; c >= last; c--) if (row[c] !== '') { last = c + 1; break; }
    }
    return last;
  }

  // ---- helpers for tests (not counted; they see the tab as an execution that ended leaves it,
  // its writes flushed — call fake.kill() first to see what a killed one leaves) ----
  get(row: number, column: number): Stored {
    this.book.sync();
    return this.cells[row - 1]?.[column - 1] ?? '';
  }
  format(row: number, column: number): string {
    this.book.sync();
    return this.formats[row - 1]?.[column - 1] ?? GENERAL;
  }
  set(row: number, column: number, value: Stored): void {
    while (this.cells.length < row) this.cells.push([]);
    const r = this.cells[row - 1];
    while (r.length < column - 1) r.push('');
    r[column - 1] = value;
  }
  setFormat(row: number, column: number, format: string): void {
    while (this.formats.length < row) this.formats.push([]);
    this.formats[row - 1][column - 1] = format === GENERAL ? undefined : format;
  }
  /** The stored grid up to the last non-empty row/column ('' for empty cells). */
  dump(): Stored[][] {
    this.book.sync();
    const rows = this.lastRow();
    const cols = this.lastColumn();
    return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => this.get(r + 1, c + 1)));
  }
  /** The formats of the same cells as dump(). */
  dumpFormats(): string[][] {
    this.book.sync();
    const rows = this.lastRow();
    const cols = this.lastColumn();
    return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => this.format(r + 1, c + 1)));
  }
  /** The shown text of the same cells as dump(). */
  dumpDisplay(): string[][] {
    return this.dump().map((row, r) => row.map((v, c) => displayText(v, this.format(r + 1, c + 1), this.book.timeZone)));
  }
  isBold(row: number, column = 1): boolean {
    this.book.sync();
    return this.fontWeights.get(`${row},${column}`) === 'bold';
  }
  background(row: number, column: number): string | null {
    this.book.sync();
    return this.backgrounds.get(`${row},${column}`) ?? null;
  }
  /** Cells in the grid, empty ones included (what Sheets counts against the cap). */
  gridCells(): number {
    return this.maxRows * this.maxColumns;
  }
}

/** Column letters as a number: A = 1, Z = 26, AA = 27. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

class FakeRangeList {
  constructor(private readonly ranges: FakeRange[]) {}
  getRanges(): FakeRange[] {
    return [...this.ranges];
  }
}

let nextChartId = 1;

/**
 * A built chart: what a test can check (type, options such as the title, the ranges it plots, where
 * it sits). A chart on a sheet has an id (insertChart gives it); modify() gives a builder holding
 * the chart's whole state, for Sheet.updateChart.
 */
export class FakeChart {
  constructor(
    readonly type: string,
    readonly options: Record<string, unknown>,
    readonly ranges: { row: number; column: number; numRows: number; numColumns: number }[],
    readonly position: { row: number; column: number },
    readonly id: number | null = null,
  ) {}
  modify(): FakeChartBuilder {
    return new FakeChartBuilder(this);
  }
}

class FakeChartBuilder {
  private type = '';
  private readonly options: Record<string, unknown> = {};
  private readonly ranges: FakeChart['ranges'] = [];
  private position = { row: 1, column: 1 };
  private readonly id: number | null = null;
  constructor(from?: FakeChart) {
    if (from === undefined) return;
    this.type = from.type;
    Object.assign(this.options, from.options);
    this.ranges.push(...from.ranges);
    this.position = { ...from.position };
    this.id = from.id;
  }
  clearRanges(): FakeChartBuilder {
    this.ranges.length = 0;
    return this;
  }
  setChartType(type: string): FakeChartBuilder {
    this.type = type;
    return this;
  }
  /** One call, as in Apps Script: the builder takes the range whole (the script asks it nothing). */
  addRange(range: FakeRange): FakeChartBuilder {
    this.ranges.push(range.bounds);
    return this;
  }
  setPosition(row: number, column: number): FakeChartBuilder {
    this.position = { row, column };
    return this;
  }
  setOption(key: string, value: unknown): FakeChartBuilder {
    this.options[key] = value;
    return this;
  }
  build(): FakeChart {
    return new FakeChart(this.type, { ...this.options }, [...this.ranges], this.position, this.id);
  }
}

class FakeProtection {
  constructor(private readonly state: ProtectionState) {}
  setDescription(description: string): FakeProtection {
    this.state.description = description;
    return this;
  }
  getDescription(): string {
    return this.state.description;
  }
  setWarningOnly(warningOnly: boolean): FakeProtection {
    this.state.warningOnly = warningOnly;
    return this;
  }
  isWarningOnly(): boolean {
    return this.state.warningOnly;
  }
  addEditor(email: string): FakeProtection {
    if (!this.state.editors.includes(email)) this.state.editors.push(email);
    return this;
  }
  removeEditors(emails: string[]): FakeProtection {
    this.state.editors = this.state.editors.filter((e) => !emails.includes(e));
    return this;
  }
  getEditors(): { getEmail(): string }[] {
    return this.state.editors.map((e) => ({ getEmail: () => e }));
  }
}

class FakeTextFinder {
  private inFormulas = false;
  constructor(
    private readonly sheet: FakeSheet,
    private readonly text: string,
  ) {}
  matchFormulaText(on: boolean): FakeTextFinder {
    this.inFormulas = on;
    return this;
  }
  findAll(): FakeRange[] {
    const found: FakeRange[] = [];
    this.sheet.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        const formula = typeof cell === 'string' && cell.startsWith(FORMULA_MARK) ? cell.slice(FORMULA_MARK.length) : null;
        const searched = formula !== null && this.inFormulas ? formula : String(cell);
        if (searched.includes(this.text)) found.push(this.sheet.book.wrapRange(new FakeRange(this.sheet, r + 1, c + 1, 1, 1)));
      }),
    );
    return found;
  }
}

/** How the fake stores a formula cell (it computes nothing): the mark, then the formula. */
const FORMULA_MARK = '#FORMULA ';

class FakeRange {
  constructor(
    private readonly sheet: FakeSheet,
    private readonly row: number,
    private readonly column: number,
    private readonly numRows: number,
    private readonly numColumns: number,
  ) {}

  /** Where the range is, for the fake's own use (a property, so not counted as a script's call). */
  get bounds(): { row: number; column: number; numRows: number; numColumns: number } {
    return { row: this.row, column: this.column, numRows: this.numRows, numColumns: this.numColumns };
  }
  getRow(): number {
    return this.row;
  }
  getColumn(): number {
    return this.column;
  }
  getNumRows(): number {
    return this.numRows;
  }
  getNumColumns(): number {
    return this.numColumns;
  }
  private grid<T>(cell: (row: number, column: number) => T): T[][] {
    this.sheet.book.sync();
    this.sheet.book.log.cellsRead += this.numRows * this.numColumns;
    return Array.from({ length: this.numRows }, (_, r) => Array.from({ length: this.numColumns }, (_, c) => cell(this.row + r, this.column + c)));
  }
  /** The top-left cell's formula, '' when it holds a value. */
  getFormula(): string {
    const v = this.sheet.get(this.row, this.column);
    return typeof v === 'string' && v.startsWith(FORMULA_MARK) ? v.slice(FORMULA_MARK.length) : '';
  }
  /** Each cell's formula, '' where it holds a value (developers.google.com/apps-script/reference/spreadsheet/range#getformulas). */
  getFormulas(): string[][] {
    return this.grid((r, c) => {
      const v = this.sheet.get(r, c);
      return typeof v === 'string' && v.startsWith(FORMULA_MARK) ? v.slice(FORMULA_MARK.length) : '';
    });
  }
  getValues(): Stored[][] {
    return this.grid((r, c) => {
      const v = this.sheet.get(r, c);
      return isDate(v) ? new Date(v.getTime()) : v;
    });
  }
  getValue(): Stored {
    return this.getValues()[0][0];
  }
  getDisplayValues(): string[][] {
    return this.grid((r, c) => displayText(this.sheet.get(r, c), this.sheet.format(r, c), this.sheet.book.timeZone));
  }
  getNumberFormats(): string[][] {
    return this.grid((r, c) => this.sheet.format(r, c));
  }
  getNumberFormat(): string {
    return this.getNumberFormats()[0][0];
  }
  private checkShape(values: unknown, what = 'data'): asserts values is unknown[][] {
    if (!Array.isArray(values) || values.length !== this.numRows) {
      throw new Error(`The number of rows in the ${what} does not match the number of rows in the range. The data has ${Array.isArray(values) ? values.length : 0} but the range has ${this.numRows}.`);
    }
    for (const row of values) {
      if (!Array.isArray(row) || row.length !== this.numColumns) {
        throw new Error(`The number of columns in the ${what} does not match the number of columns in the range. The data has ${Array.isArray(row) ? row.length : 0} but the range has ${this.numColumns}.`);
      }
    }
  }
  setValues(values: Grid): FakeRange {
    this.checkShape(values);
    this.sheet.checkEditable();
    for (const row of values) {
      for (const value of row) {
        if (typeof value === 'string' && value.length > CELL_CHARACTERS) throw new Error(TOO_LONG);
        if (value !== null && value !== undefined && !['string', 'number', 'boolean'].includes(typeof value) && !isDate(value)) throw new Error(`Cannot store ${typeof value} in a cell`);
      }
    }
    const copy = values.map((row) => row.slice());
    const book = this.sheet.book;
    book.later(() => {
      copy.forEach((row, r) =>
        row.forEach((value, c) => book.store(this.sheet, this.row + r, this.column + c, value)),
      );
    });
    book.log.cellsWritten += this.numRows * this.numColumns;
    return this;
  }
  setValue(value: unknown): FakeRange {
    return this.setValues(Array.from({ length: this.numRows }, () => new Array<unknown>(this.numColumns).fill(value)));
  }
  setNumberFormats(formats: string[][]): FakeRange {
    this.checkShape(formats, 'formats');
    this.sheet.checkEditable();
    const copy = formats.map((row) => row.slice());
    this.sheet.book.later(() => {
      copy.forEach((row, r) => row.forEach((f, c) => this.sheet.setFormat(this.row + r, this.column + c, f || GENERAL)));
    });
    return this;
  }
  setNumberFormat(format: string): FakeRange {
    return this.setNumberFormats(Array.from({ length: this.numRows }, () => new Array<string>(this.numColumns).fill(format)));
  }
  setFontWeights(weights: (string | null)[][]): FakeRange {
    const copy = weights.map((row) => row.slice());
    this.sheet.book.later(() =>
      copy.forEach((row, r) => row.forEach((w, c) => this.sheet.fontWeights.set(`${this.row + r},${this.column + c}`, w ?? 'normal'))),
    );
    return this;
  }
  /** Like Sheets: the matrix must match the range; null (or '') resets a cell to no colour. */
  setBackgrounds(colors: (string | null)[][]): FakeRange {
    if (colors.length !== this.numRows || colors.some((row) => row.length !== this.numColumns)) {
      throw new Error('The number of rows or columns in the data does not match the range.');
    }
    const copy = colors.map((row) => row.slice());
    this.sheet.book.later(() =>
      copy.forEach((row, r) =>
        row.forEach((color, c) => {
          const key = `${this.row + r},${this.column + c}`;
          if (color === null || color === '') this.sheet.backgrounds.delete(key);
          else this.sheet.backgrounds.set(key, color);
        }),
      ),
    );
    return this;
  }
  setFontWeight(weight: string | null): FakeRange {
    return this.setFontWeights(Array.from({ length: this.numRows }, () => new Array<string | null>(this.numColumns).fill(weight)));
  }
}

export class FakeSpreadsheet {
  /** Raw sheets, for test set-up and inspection without counting. */
  readonly sheets: FakeSheet[] = [];
  /** Index of the active sheet (the first one, until a tab is inserted). */
  activeIndex = 0;
  /** The grid insertSheet gives a new tab (Sheets' 1000 × 26; a test may change it). */
  newTab = { rows: NEW_TAB_ROWS, columns: NEW_TAB_COLUMNS };
  private readonly wrapped = new WeakMap<FakeSheet, FakeSheet>();
  /** Writes made but not yet applied (until flush or a read). */
  private pending: (() => void)[] = [];

  constructor(
    readonly log: CallLog,
    readonly timeZone: string,
    readonly currentUser: () => string = () => 'staff@example.org',
  ) {}

  // ---- Spreadsheet API ----
  getSheets(): FakeSheet[] {
    return this.sheets.map((s) => this.wrapSheet(s));
  }
  getSheetByName(name: string): FakeSheet | null {
    const sheet = this.sheets.find((s) => s.name === name);
    return sheet ? this.wrapSheet(sheet) : null;
  }
  /** Like Sheets, a new tab goes right after the active (here: the last inserted) one unless an index is given. */
  insertSheet(name: string, sheetIndex?: number): FakeSheet {
    this.sync();
    if (this.sheets.some((s) => s.name === name)) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    this.mayGrow(this.newTab.rows * this.newTab.columns);
    const sheet = new FakeSheet(name, this);
    sheet.maxRows = this.newTab.rows;
    sheet.maxColumns = this.newTab.columns;
    const at = sheetIndex ?? Math.min(this.activeIndex + 1, this.sheets.length);
    this.sheets.splice(at, 0, sheet);
    this.activeIndex = at;
    return this.wrapSheet(sheet);
  }
  getNumSheets(): number {
    return this.sheets.length;
  }
  deleteSheet(sheet: FakeSheet): void {
    this.sync();
    // The tab itself, as Sheets takes it (one call: the fake asks the script's Sheet nothing).
    const index = this.sheets.findIndex((s) => s === sheet || this.wrapped.get(s) === sheet);
    if (index < 0) throw new Error('Sheet not found');
    this.sheets[index].checkEditable();
    this.sheets.splice(index, 1);
    this.activeIndex = Math.min(this.activeIndex, Math.max(0, this.sheets.length - 1));
  }
  getSpreadsheetTimeZone(): string {
    return this.timeZone;
  }
  getId(): string {
    return 'fake-spreadsheet';
  }
  getName(): string {
    return '협치 일정 관리';
  }
  getUrl(): string {
    return 'https://docs.google.com/spreadsheets/d/fake-spreadsheet/edit';
  }

  // ---- buffering ----
  later(write: () => void): void {
    this.pending.push(write);
  }
  /** Applies the buffered writes (SpreadsheetApp.flush, or any read). */
  sync(): void {
    const writes = this.pending;
    this.pending = [];
    for (const write of writes) write();
  }
  /** Writes made and not yet flushed. */
  get unflushed(): number {
    return this.pending.length;
  }
  /** The execution ends without a flush (killed at the time limit): its buffered writes are lost. */
  dropUnflushed(): void {
    this.pending = [];
  }

  // ---- the cell cap ----
  totalCells(): number {
    return this.sheets.reduce((n, s) => n + s.gridCells(), 0);
  }
  /** The most cells the grids held at once (set by growth), for measuring what an import needs. */
  peakCells = 0;
  mayGrow(cells: number): void {
    const total = this.totalCells();
    if (total + cells > CELL_LIMIT) throw new Error(TOO_MANY_CELLS);
    this.peakCells = Math.max(this.peakCells, total + cells);
  }

  /** What a cell holds after `value` is written into it, in its current number format. */
  store(sheet: FakeSheet, row: number, column: number, value: unknown): void {
    const format = sheet.format(row, column);
    if (value === null || value === undefined || value === '') return sheet.set(row, column, '');
    if (isDate(value)) {
      sheet.set(row, column, new Date(value.getTime()));
      if (format === GENERAL) sheet.setFormat(row, column, 'yyyy-mm-dd h:mm:ss');
      return;
    }
    if (typeof value !== 'string') return sheet.set(row, column, value as Stored);
    if (format === '@' && !value.startsWith('=')) return sheet.set(row, column, value);
    const entered = parseEntered(value, this.timeZone, wallClock(new Date(), this.timeZone).y);
    if (entered.formula) {
      this.log.formulas.push({ sheet: sheet.name, row, column, text: value });
      return sheet.set(row, column, `#FORMULA ${value}`);
    }
    sheet.set(row, column, entered.value);
    if (entered.format !== undefined && format === GENERAL) sheet.setFormat(row, column, entered.format);
  }

  // ---- helpers for tests ----
  /** The raw (uncounted) sheet. */
  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }
  private rawSheet(name: string): FakeSheet {
    let sheet = this.sheet(name);
    if (!sheet) {
      sheet = new FakeSheet(name, this);
      this.sheets.push(sheet);
    }
    return sheet;
  }
  /** Puts stored values in a tab as they are (Dates stay Dates), formats left as they were. */
  seed(name: string, rows: Stored[][]): FakeSheet {
    const sheet = this.rawSheet(name);
    sheet.cells = rows.map((row) => row.slice());
    sheet.maxRows = Math.max(sheet.maxRows, rows.length);
    sheet.maxColumns = Math.max(sheet.maxColumns, ...rows.map((r) => r.length));
    return sheet;
  }
  /**
   * A tab filled as a person types it: each string goes through Sheets' USER_ENTERED reading (the
   * cell's format applies: give `formats` to have '@' cells, as a person who set plain text first).
   */
  typeIn(name: string, rows: (string | number | boolean)[][], formats?: (string | null)[][]): FakeSheet {
    const sheet = this.rawSheet(name);
    sheet.cells = [];
    sheet.formats = [];
    sheet.maxRows = Math.max(sheet.maxRows, rows.length);
    sheet.maxColumns = Math.max(sheet.maxColumns, ...rows.map((r) => r.length));
    rows.forEach((row, r) =>
      row.forEach((value, c) => {
        const format = formats?.[r]?.[c];
        if (format) sheet.setFormat(r + 1, c + 1, format);
        this.store(sheet, r + 1, c + 1, value);
      }),
    );
    return sheet;
  }

  /** One cell typed by a person into an existing tab, in the format that cell already has. */
  type(name: string, row: number, column: number, text: string | number | boolean): void {
    const sheet = this.sheet(name);
    if (!sheet) throw new Error(`no tab ${name}`);
    this.sync();
    sheet.maxRows = Math.max(sheet.maxRows, row);
    sheet.maxColumns = Math.max(sheet.maxColumns, column);
    this.store(sheet, row, column, text);
  }

  wrapSheet(sheet: FakeSheet): FakeSheet {
    let w = this.wrapped.get(sheet);
    if (!w) {
      w = tracked(sheet, 'Sheet', this.log);
      this.wrapped.set(sheet, w);
    }
    return w;
  }
  wrapRange(range: FakeRange): FakeRange {
    return tracked(range, 'Range', this.log);
  }
}
interface MenuRecord {
  title: string;
  addon: boolean;
  items: { caption: string; functionName: string }[];
}

class FakeHtmlOutput {
  title = '';
  constructor(public content: string) {}
  getContent(): string {
    return this.content;
  }
  setTitle(title: string): FakeHtmlOutput {
    this.title = title;
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setWidth(): FakeHtmlOutput {
    return this;
  }
  setHeight(): FakeHtmlOutput {
    return this;
  }
  append(more: string): FakeHtmlOutput {
    this.content += more;
    return this;
  }
}

class FakeUi {
  readonly ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' };
  readonly Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' };
  readonly menus: MenuRecord[] = [];
  readonly alerts: { title: string; message: string }[] = [];
  readonly sidebars: FakeHtmlOutput[] = [];

  constructor(private readonly log: CallLog) {}

  createAddonMenu(): unknown {
    return this.menu({ title: '', addon: true, items: [] });
  }
  createMenu(title: string): unknown {
    return this.menu({ title, addon: false, items: [] });
  }
  /** The buttons the person will press, in order (OK once they run out). */
  readonly answers: string[] = [];

  /** alert(message) or alert(title, message, buttons). */
  alert(a: string, b?: unknown): string {
    this.alerts.push(typeof b === 'string' ? { title: a, message: b } : { title: '', message: a });
    return this.answers.shift() ?? this.Button.OK;
  }
  showSidebar(output: FakeHtmlOutput): void {
    this.sidebars.push(output);
  }
  showModalDialog(output: FakeHtmlOutput): void {
    this.sidebars.push(output);
  }

  private menu(record: MenuRecord): unknown {
    const menus = this.menus;
    const m = {
      addItem(caption: string, functionName: string) {
        record.items.push({ caption, functionName });
        return proxy;
      },
      addSeparator() {
        record.items.push({ caption: '---', functionName: '' });
        return proxy;
      },
      addToUi() {
        menus.push(record);
      },
    };
    const proxy = tracked(m, 'Menu', this.log);
    return proxy;
  }
}

export interface FakeGas {
  log: CallLog;
  spreadsheet: FakeSpreadsheet;
  ui: FakeUi;
  properties: Map<string, string>;
  lock: { held: boolean; busy: boolean; acquired: number; released: number };
  options: Required<Pick<FakeOptions, 'locale' | 'email' | 'timeZone' | 'scopes'>> & FakeOptions;
  /** Ends the execution as a timeout does: writes not yet flushed are lost. */
  kill(): void;
  /** The Apps Script globals to install (jest: globalThis; bundle test: a vm context). */
  globals: Record<string, unknown>;
}

const PROPERTY_VALUE_LIMIT = 9 * 1024;

export function createFakeGas(opts: FakeOptions = {}): FakeGas {
  const options = { locale: 'ko', email: 'staff@example.org', timeZone: 'Asia/Seoul', scopes: manifestScopes(), ...opts };
  const log = new CallLog();
  const spreadsheet = new FakeSpreadsheet(log, options.timeZone, () => options.email);
  const ui = new FakeUi(log);
  const properties = new Map<string, string>();
  const lock = { held: false, busy: !!options.lockBusy, acquired: 0, released: 0 };

  /** In AuthMode.NONE, services that need authorisation refuse, as in Apps Script. */
  const needsAuth = (service: string) => () => {
    if (options.authMode === 'NONE') throw new Error(`${service}: authorisation is required to perform that action.`);
  };

  /** A call whose scope the manifest does not list fails, as Apps Script's permission check does. */
  const needsScope = (method: string, scope: string): void => {
    if (!options.scopes.includes(scope)) throw new Error(`You do not have permission to call ${method}. Required permissions: ${scope}`);
  };

  const spreadsheetApp = tracked(
    {
      getActiveSpreadsheet: () => tracked(spreadsheet, 'Spreadsheet', log),
      getActive: () => tracked(spreadsheet, 'Spreadsheet', log),
      getUi: () => tracked(ui, 'Ui', log),
      flush: () => spreadsheet.sync(),
      ProtectionType: { SHEET: 'SHEET', RANGE: 'RANGE' },
    },
    'SpreadsheetApp',
    log,
    (method) => {
      if (method !== 'getUi') needsAuth('SpreadsheetApp')();
    },
  );

  const lockObject = tracked(
    {
      tryLock: (_ms: number) => {
        if (lock.busy) return false;
        lock.held = true;
        lock.acquired++;
        return true;
      },
      waitLock: (ms: number) => {
        if (lock.busy) throw new Error(`Lock timeout: another process was holding the lock for too long (${ms} ms).`);
        lock.held = true;
        lock.acquired++;
      },
      releaseLock: () => {
        if (lock.held) lock.released++;
        lock.held = false;
      },
      hasLock: () => lock.held,
    },
    'Lock',
    log,
  );

  const propertiesObject = tracked(
    {
      getProperty: (key: string) => properties.get(key) ?? null,
      setProperty: (key: string, value: string) => {
        if (String(value).length > PROPERTY_VALUE_LIMIT) throw new Error('Argument too large: value');
        properties.set(key, String(value));
        return propertiesObject;
      },
      deleteProperty: (key: string) => {
        properties.delete(key);
        return propertiesObject;
      },
      getProperties: () => Object.fromEntries(properties),
      getKeys: () => [...properties.keys()],
    },
    'Properties',
    log,
  );

  const globals: Record<string, unknown> = {
    SpreadsheetApp: spreadsheetApp,
    HtmlService: tracked(
      {
        createHtmlOutputFromFile: (name: string) => {
          const content = options.files?.[name];
          if (content === undefined) throw new Error(`No HTML file named ${name} was found.`);
          return new FakeHtmlOutput(content);
        },
        createHtmlOutput: (content = '') => new FakeHtmlOutput(content),
      },
      'HtmlService',
      log,
    ),
    LockService: tracked(
      { getDocumentLock: () => lockObject, getScriptLock: () => lockObject, getUserLock: () => lockObject },
      'LockService',
      log,
      needsAuth('LockService'),
    ),
    PropertiesService: tracked(
      { getDocumentProperties: () => propertiesObject },
      'PropertiesService',
      log,
      needsAuth('PropertiesService'),
    ),
    Session: tracked(
      {
        getActiveUser: () => {
          needsAuth('Session.getActiveUser')();
          needsScope('Session.getActiveUser', USERINFO_EMAIL);
          return { getEmail: () => options.email };
        },
        getEffectiveUser: () => {
          needsScope('Session.getEffectiveUser', USERINFO_EMAIL);
          return { getEmail: () => options.email };
        },
        getActiveUserLocale: () => {
          if (options.localeThrows) throw new Error('Session.getActiveUserLocale is not available here.');
          return options.locale;
        },
        getScriptTimeZone: () => options.timeZone,
      },
      'Session',
      log,
    ),
    Utilities: tracked(
      {
        getUuid: () => randomUUID(),
        /** Only the 'yyyy-MM-dd HH:mm:ss' pattern the host uses. */
        formatDate: (date: Date, timeZone: string, format: string) => {
          if (format !== 'yyyy-MM-dd HH:mm:ss') throw new Error(`fake formatDate: unsupported format ${format}`);
          return new Intl.DateTimeFormat('sv-SE', {
            timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
            hour: '2-digit', minute: '2-digit', second: '2-digit',
          }).format(date);
        },
        sleep: () => undefined,
      },
      'Utilities',
      log,
    ),
    ScriptApp: { AuthMode: { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' } },
    Charts: { ChartType: { BAR: 'BAR', COLUMN: 'COLUMN', LINE: 'LINE' } },
  };

  return { log, spreadsheet, ui, properties, lock, options, globals, kill: () => spreadsheet.dropUnflushed() };
}

/** The oauthScopes of the repository's manifest (what Apps Script grants the add-on). */
function manifestScopes(): string[] {
  const manifest = JSON.parse(readFileSync(manifestPath(), 'utf8')) as { oauthScopes?: string[] };
  return manifest.oauthScopes ?? [];
}

/** The repository's appsscript.json, found upwards from here (test/gas in jest, lib/ in the bundled bench). */
function manifestPath(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'appsscript.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error('appsscript.json not found above ' + __dirname);
  }
}

/** Installs the fake's globals on globalThis (jest); returns a function that removes them. */
export function installFakeGas(fake: FakeGas): () => void {
  const g = globalThis as Record<string, unknown>;
  const before = new Map(Object.keys(fake.globals).map((k) => [k, g[k]]));
  Object.assign(g, fake.globals);
  return () => {
    for (const [k, v] of before) {
      if (v === undefined) delete g[k];
      else g[k] = v;
    }
  };
}
