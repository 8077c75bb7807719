/**
 * An in-memory fake of exactly the Apps Script surface the host uses (SpreadsheetApp, Sheet, Range,
 * Ui, Menu, HtmlService, LockService, PropertiesService, Session, Utilities, ScriptApp), which counts
 * every service call per method ("Sheet.getRange", "Range.setValues", ...) and the cells read and
 * written.
 *
 * `Range.setValues` reads strings the way Sheets does, pessimistically: a leading apostrophe makes
 * the rest plain text; "=..." is a formula, and so is "+...", "-..." or "@..." unless it is a plain
 * number — each is recorded in `log.formulas`, so a test can prove nothing became a formula;
 * "0012" / "1,000" / "1e5" become numbers, "TRUE" a boolean, "2020-07-06 10:00" a Date in the
 * spreadsheet's time zone. `getValues` returns Date objects for date cells and '' for empty ones.
 */
import { randomUUID } from 'node:crypto';

export type Stored = string | number | boolean | Date;
type Grid = unknown[][];

export interface FakeOptions {
  /** Session.getActiveUserLocale(); default 'ko'. */
  locale?: string;
  /** Make getActiveUserLocale throw (some contexts refuse it). */
  localeThrows?: boolean;
  /** Session.getActiveUser().getEmail(); default 'staff@example.org'. */
  email?: string;
  /** Spreadsheet time zone; default 'Asia/Seoul'. */
  timeZone?: string;
  /** The document lock is held by someone else: tryLock returns false. */
  lockBusy?: boolean;
  /** 'NONE' mimics onOpen before the add-on is used in this document: authorised services throw. */
  authMode?: 'NONE' | 'LIMITED' | 'FULL';
  /** Project files for HtmlService.createHtmlOutputFromFile (name without .html). */
  files?: Record<string, string>;
}

export interface FormulaWrite {
  sheet: string;
  row: number;
  column: number;
  text: string;
}

export class CallLog {
  readonly calls = new Map<string, number>();
  cellsRead = 0;
  cellsWritten = 0;
  readonly formulas: FormulaWrite[] = [];

  hit(name: string): void {
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
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
  }
}

/** Wraps an object so that every method call is counted as `${type}.${method}`. */
function tracked<T extends object>(target: T, type: string, log: CallLog, guard?: (method: string) => void): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      return (...args: unknown[]) => {
        log.hit(`${type}.${prop}`);
        guard?.(prop);
        return (value as (...a: unknown[]) => unknown).apply(obj, args);
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

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?$|^[+-]?\.\d+$/i;
const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

class FakeSheet {
  cells: Stored[][] = [];
  maxRows = 1000;
  maxColumns = 26;
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
  readonly protections: { description: string; warningOnly: boolean }[] = [];

  // ---- Sheet API ----
  getCharts(): FakeChart[] {
    return [...this.charts];
  }
  removeChart(chart: FakeChart): void {
    const at = this.charts.indexOf(chart);
    if (at >= 0) this.charts.splice(at, 1);
  }
  newChart(): FakeChartBuilder {
    return tracked(new FakeChartBuilder(), 'EmbeddedChartBuilder', this.book.log);
  }
  insertChart(chart: FakeChart): void {
    this.charts.push(chart);
  }
  protect(): FakeProtection {
    const protection = { description: '', warningOnly: false };
    this.protections.push(protection);
    return tracked(new FakeProtection(protection), 'Protection', this.book.log);
  }
  getProtections(type: string): FakeProtection[] {
    return type === 'SHEET' ? this.protections.map((p) => new FakeProtection(p)) : [];
  }
  getName(): string {
    return this.name;
  }
  getDataRange(): FakeRange {
    return this.book.wrapRange(new FakeRange(this, 1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn())));
  }
  getRange(row: number, column: number, numRows = 1, numColumns = 1): FakeRange {
    const ints = [row, column, numRows, numColumns].every((n) => Number.isInteger(n));
    if (!ints || row < 1 || column < 1 || numRows < 1 || numColumns < 1) {
      throw new Error('The coordinates or dimensions of the range are invalid.');
    }
    if (row + numRows - 1 > this.maxRows || column + numColumns - 1 > this.maxColumns) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return this.book.wrapRange(new FakeRange(this, row, column, numRows, numColumns));
  }
  getLastRow(): number {
    for (let r = this.cells.length - 1; r >= 0; r--) if (this.cells[r]?.some((v) => v !== '')) return r + 1;
    return 0;
  }
  getLastColumn(): number {
    let last = 0;
    for (const row of this.cells) {
      if (!row) continue;
      for (let c = row.length - 1; c >= last; c--) if (row[c] !== '') { last = c + 1; break; }
    }
    return last;
  }
  getMaxRows(): number {
    return this.maxRows;
  }
  getMaxColumns(): number {
    return this.maxColumns;
  }
  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.cells.splice(afterPosition, 0, ...Array.from({ length: howMany }, () => [] as Stored[]));
    this.maxRows += howMany;
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    for (const row of this.cells) if (row && row.length > afterPosition) row.splice(afterPosition, 0, ...new Array<Stored>(howMany).fill(''));
    this.maxColumns += howMany;
    return this;
  }
  clearContents(): FakeSheet {
    this.cells = [];
    return this;
  }
  clear(): FakeSheet {
    this.cells = [];
    this.fontWeights.clear();
    this.backgrounds.clear();
    return this;
  }
  clearFormats(): FakeSheet {
    this.fontWeights.clear();
    this.backgrounds.clear();
    return this;
  }
  setFrozenRows(rows: number): void {
    this.frozenRows = rows;
  }
  getFrozenRows(): number {
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

  // ---- helpers for tests (not counted: tests reach them through the raw sheet) ----
  get(row: number, column: number): Stored {
    return this.cells[row - 1]?.[column - 1] ?? '';
  }
  set(row: number, column: number, value: Stored): void {
    while (this.cells.length < row) this.cells.push([]);
    const r = this.cells[row - 1];
    while (r.length < column - 1) r.push('');
    r[column - 1] = value;
  }
  /** The stored grid up to the last non-empty row/column ('' for empty cells). */
  dump(): Stored[][] {
    const rows = this.getLastRow();
    const cols = this.getLastColumn();
    return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => this.get(r + 1, c + 1)));
  }
  isBold(row: number, column = 1): boolean {
    return this.fontWeights.get(`${row},${column}`) === 'bold';
  }
  background(row: number, column: number): string | null {
    return this.backgrounds.get(`${row},${column}`) ?? null;
  }
}

/** A built chart: what a test can check (type, title, the ranges it plots, where it sits). */
export class FakeChart {
  constructor(
    readonly type: string,
    readonly options: Record<string, unknown>,
    readonly ranges: { row: number; column: number; numRows: number; numColumns: number }[],
    readonly position: { row: number; column: number },
  ) {}
}

class FakeChartBuilder {
  private type = '';
  private readonly options: Record<string, unknown> = {};
  private readonly ranges: FakeChart['ranges'] = [];
  private position = { row: 1, column: 1 };
  setChartType(type: string): FakeChartBuilder {
    this.type = type;
    return this;
  }
  addRange(range: FakeRange): FakeChartBuilder {
    this.ranges.push({ row: range.getRow(), column: range.getColumn(), numRows: range.getNumRows(), numColumns: range.getNumColumns() });
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
    return new FakeChart(this.type, { ...this.options }, [...this.ranges], this.position);
  }
}

class FakeProtection {
  constructor(private readonly state: { description: string; warningOnly: boolean }) {}
  setDescription(description: string): FakeProtection {
    this.state.description = description;
    return this;
  }
  setWarningOnly(warningOnly: boolean): FakeProtection {
    this.state.warningOnly = warningOnly;
    return this;
  }
  isWarningOnly(): boolean {
    return this.state.warningOnly;
  }
}

class FakeRange {
  constructor(
    private readonly sheet: FakeSheet,
    private readonly row: number,
    private readonly column: number,
    private readonly numRows: number,
    private readonly numColumns: number,
  ) {}

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
  getValues(): Stored[][] {
    const log = this.sheet.book.log;
    log.cellsRead += this.numRows * this.numColumns;
    return Array.from({ length: this.numRows }, (_, r) =>
      Array.from({ length: this.numColumns }, (_, c) => {
        const v = this.sheet.get(this.row + r, this.column + c);
        return isDate(v) ? new Date(v.getTime()) : v;
      }),
    );
  }
  setValues(values: Grid): FakeRange {
    const book = this.sheet.book;
    if (!Array.isArray(values) || values.length !== this.numRows) {
      throw new Error(`The number of rows in the data does not match the number of rows in the range. The data has ${Array.isArray(values) ? values.length : 0} but the range has ${this.numRows}.`);
    }
    values.forEach((row, r) => {
      if (!Array.isArray(row) || row.length !== this.numColumns) {
        throw new Error(`The number of columns in the data does not match the number of columns in the range. The data has ${Array.isArray(row) ? row.length : 0} but the range has ${this.numColumns}.`);
      }
      row.forEach((value, c) => {
        const at = { sheet: this.sheet.name, row: this.row + r, column: this.column + c };
        this.sheet.set(at.row, at.column, book.interpret(value, at));
      });
    });
    book.log.cellsWritten += this.numRows * this.numColumns;
    return this;
  }
  setFontWeights(weights: (string | null)[][]): FakeRange {
    weights.forEach((row, r) =>
      row.forEach((w, c) => this.sheet.fontWeights.set(`${this.row + r},${this.column + c}`, w ?? 'normal')),
    );
    return this;
  }
  /** Like Sheets: the matrix must match the range; null (or '') resets a cell to no colour. */
  setBackgrounds(colors: (string | null)[][]): FakeRange {
    if (colors.length !== this.numRows || colors.some((row) => row.length !== this.numColumns)) {
      throw new Error('The number of rows or columns in the data does not match the range.');
    }
    colors.forEach((row, r) =>
      row.forEach((color, c) => {
        const key = `${this.row + r},${this.column + c}`;
        if (color === null || color === '') this.sheet.backgrounds.delete(key);
        else this.sheet.backgrounds.set(key, color);
      }),
    );
    return this;
  }
  setFontWeight(weight: string | null): FakeRange {
    for (let r = 0; r < this.numRows; r++) {
      for (let c = 0; c < this.numColumns; c++) this.sheet.fontWeights.set(`${this.row + r},${this.column + c}`, weight ?? 'normal');
    }
    return this;
  }
}

export class FakeSpreadsheet {
  /** Raw sheets, for test set-up and inspection without counting. */
  readonly sheets: FakeSheet[] = [];
  /** Index of the active sheet (the first one, until a tab is inserted). */
  activeIndex = 0;
  private readonly wrapped = new WeakMap<FakeSheet, FakeSheet>();

  constructor(
    readonly log: CallLog,
    readonly timeZone: string,
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
    if (this.sheets.some((s) => s.name === name)) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    const sheet = new FakeSheet(name, this);
    const at = sheetIndex ?? Math.min(this.activeIndex + 1, this.sheets.length);
    this.sheets.splice(at, 0, sheet);
    this.activeIndex = at;
    return this.wrapSheet(sheet);
  }
  getNumSheets(): number {
    return this.sheets.length;
  }
  deleteSheet(sheet: FakeSheet): void {
    const index = this.sheets.findIndex((s) => s.name === sheet.getName());
    if (index < 0) throw new Error('Sheet not found');
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

  // ---- helpers for tests ----
  /** The raw (uncounted) sheet. */
  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }
  /** Puts values in a tab as a person typing them would have left them (Dates stay Dates). */
  seed(name: string, rows: Stored[][]): FakeSheet {
    let sheet = this.sheet(name);
    if (!sheet) {
      sheet = new FakeSheet(name, this);
      this.sheets.push(sheet);
    }
    sheet.cells = rows.map((row) => row.slice());
    sheet.maxRows = Math.max(sheet.maxRows, rows.length);
    sheet.maxColumns = Math.max(sheet.maxColumns, ...rows.map((r) => r.length));
    return sheet;
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

  /** What Sheets stores for a value passed to setValues. */
  interpret(value: unknown, at: { sheet: string; row: number; column: number }): Stored {
    if (value === null || value === undefined) return '';
    if (isDate(value)) return new Date(value.getTime());
    if (typeof value === 'number' || typeof value === 'boolean') return value;
    if (typeof value !== 'string') throw new Error(`Cannot store ${typeof value} in a cell`);
    if (value.startsWith("'")) return value.slice(1);
    const numeric = NUMBER.test(value.trim());
    if (value.startsWith('=') || (/^[+\-@]/.test(value) && !numeric)) {
      this.log.formulas.push({ ...at, text: value });
      return `#FORMULA ${value}`;
    }
    if (numeric) return Number(value.trim().replace(/,/g, ''));
    if (/^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
    const d = DATE.exec(value.trim());
    if (d) {
      const [, y, mo, day, h, mi, s] = d.map((x) => (x === undefined ? 0 : Number(x)));
      return new Date(zonedTime(this.timeZone, y, mo, day, h, mi, s));
    }
    return value;
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
  options: Required<Pick<FakeOptions, 'locale' | 'email' | 'timeZone'>> & FakeOptions;
  /** The Apps Script globals to install (jest: globalThis; bundle test: a vm context). */
  globals: Record<string, unknown>;
}

const PROPERTY_VALUE_LIMIT = 9 * 1024;

export function createFakeGas(opts: FakeOptions = {}): FakeGas {
  const options = { locale: 'ko', email: 'staff@example.org', timeZone: 'Asia/Seoul', ...opts };
  const log = new CallLog();
  const spreadsheet = new FakeSpreadsheet(log, options.timeZone);
  const ui = new FakeUi(log);
  const properties = new Map<string, string>();
  const lock = { held: false, busy: !!options.lockBusy, acquired: 0, released: 0 };

  /** In AuthMode.NONE, services that need authorisation refuse, as in Apps Script. */
  const needsAuth = (service: string) => () => {
    if (options.authMode === 'NONE') throw new Error(`${service}: authorisation is required to perform that action.`);
  };

  const spreadsheetApp = tracked(
    {
      getActiveSpreadsheet: () => tracked(spreadsheet, 'Spreadsheet', log),
      getActive: () => tracked(spreadsheet, 'Spreadsheet', log),
      getUi: () => tracked(ui, 'Ui', log),
      flush: () => undefined,
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
          return { getEmail: () => options.email };
        },
        getEffectiveUser: () => ({ getEmail: () => options.email }),
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

  return { log, spreadsheet, ui, properties, lock, options, globals };
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
