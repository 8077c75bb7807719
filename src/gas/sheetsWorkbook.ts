/**
 * The Workbook over the active spreadsheet. Every method makes a fixed number of Spreadsheet service
 * calls whatever the number of rows: one getSheetValues per read, and a getRange and its
 * getNumberFormats when the formats matter (not for a tab of plain text); one setNumberFormats and
 * one setValues per write; plus a few constant calls (find the tab, fit its grid, freeze/bold the
 * header, one setBackgrounds for fills).
 *
 * One SheetsWorkbook serves one execution (one click), and what it learns it keeps (TabState): the
 * tab names, each tab's cells once read (until this workbook writes that tab), its grid size and
 * frozen rows once asked or set. A tab is then read once however many steps of a workflow look
 * at it, and sizing a grid asks Sheets only the first time. Edits a person makes to the same tab
 * during those seconds are not seen until the next click (as a rename was not before).
 *
 * Cells are read as the person meant them (src/sheets/typedCells.ts: a date cell is a date, a
 * percent cell a percent, `01` in a `00` cell the digits shown) and written with a number format
 * per cell (src/sheets/safeText.ts decides text), so what is written reads back unchanged.
 *
 * Sheets counts every cell of every tab's grid against its 10,000,000-cell cap, empty ones too, and
 * a new tab is 1000 × 26: a tab the tool writes whole is fitted to what it holds, and a tab it
 * creates to append to starts as large as the first rows.
 */
import type { Cell, CellRange, ChartSpec, Fill, Grid, ReadonlyGrid, Workbook, WriteOptions } from '../workflows/workbook';
import { columnName } from '../io/xlsxCells';
import { sheetsCell } from '../sheets/safeText';
import { formatCode, formatGrid, spansBelow, typedCell, type FormatSpan } from '../sheets/typedCells';
import { formatDateInZone, isDate } from './dates';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type FontWeight = GoogleAppsScript.Spreadsheet.FontWeight;

/** Looked up when used: the Charts global exists only inside Apps Script. */
const CHART_TYPES: Record<ChartSpec['kind'], () => GoogleAppsScript.Charts.ChartType> = {
  bar: () => Charts.ChartType.BAR,
  column: () => Charts.ChartType.COLUMN,
  line: () => Charts.ChartType.LINE,
};

/**
 * What this workbook knows of one tab. Only this workbook changes a tab during its execution (the
 * document lock keeps other executions out), so what it was told or did itself stays true; a
 * person typing into the same tab in those seconds is not seen, as the resumable jobs' writes at
 * planned rows already assume (src/workflows/jobs/engine.ts).
 */
interface TabState {
  sheet: Sheet;
  /**
   * What a tab made by this workbook is known not to have yet: contents or formats (until it is
   * written), charts (until some are inserted), protection (until it is protected).
   */
  blank: boolean;
  chartless: boolean;
  unprotected: boolean;
  /** The cells as read, each row frozen; dropped when this workbook writes the tab. */
  read?: ReadonlyGrid;
  /** The data range's size at that read (getLastRow, getLastColumn). */
  lastRow?: number;
  lastColumn?: number;
  /** The grid's size (getMaxRows, getMaxColumns) and frozen rows, once asked or set here. */
  maxRows?: number;
  maxColumns?: number;
  frozenRows?: number;
  /**
   * A tab this workbook made: the size Sheets gives a new tab, trusted only to shrink the grid
   * (a deletion past the real grid fails, and the size is then asked); each dimension is dropped
   * once used or asked.
   */
  assumed?: { rows?: number; columns?: number };
}

/**
 * The grid of a tab insertSheet makes: 1000 rows × 26 columns (A–Z). Google documents no size for
 * insertSheet; this is what Sheets gives a new tab, as public reports of new sheets show
 * (gridProperties rowCount 1000, columnCount 26 in a Sheets API response:
 * docs.autoro.io/actions/google-spreadsheet; writing past column Z of a new sheet refused:
 * qiita.com/yonex/items/910cddbe77e2ef655013). Relied on only to delete rows and columns: were a
 * new tab smaller, the deletion fails and the size is asked; were it larger, its extra rows or
 * columns would stay (the cell budget of a later click asks every grid's real size).
 */
const NEW_TAB = { rows: 1000, columns: 26 };
/**
 * Appended rows from which spare columns are worth a call to find and remove. Each appended row
 * pays a cell per spare column; below this many rows that is at most 25,000 cells on a tab of
 * Sheets' new-tab width (0.25% of the 10,000,000-cell cap, and the cell budget counts them, as it
 * asks every grid's width). The tool's own tabs have none: writeTab fits a new tab to its header.
 */
const BULK_APPEND_ROWS = 1_000;

/**
 * Formula cells looked at one by one (getRow and getFormula, two calls each) before one getFormulas
 * over the whole data range is cheaper: 20 cells are 40 calls, about 2 s at the bench's assumed 50 ms
 * a call (COST_MODEL, scripts/bench/gasHost.ts), the time its assumed 2 ms per 1,000 cells read gives reading
 * the formulas of 100,000 rows of 투표 (10 columns).
 */
const FORMULA_CELLS_ONE_BY_ONE = 20;

/**
 * getRange, or null where Sheets refuses the range as past the grid ("Exception: The coordinates
 * of the range are outside the dimensions of the sheet.", as Apps Script reports it).
 */
function rangeInGrid(sheet: Sheet, row: number, column: number, rows: number, columns: number): GoogleAppsScript.Spreadsheet.Range | null {
  try {
    return sheet.getRange(row, column, rows, columns);
  } catch (error) {
    if (error instanceof Error && /outside the dimensions of the sheet/i.test(error.message)) return null;
    throw error;
  }
}

/** Sheets' refusal of rows or columns past the grid ("Those rows are out of bounds."). */
function outOfBounds(error: unknown): boolean {
  return error instanceof Error && /out of bounds/i.test(error.message);
}

/**
 * The data range's values in one call: getSheetValues with -1 reads "to the very last row or
 * column that has data in the sheet" (developers.google.com/apps-script/reference/spreadsheet/sheet#getsheetvaluesstartrow,-startcolumn,-numrows,-numcolumns),
 * where getDataRange().getValues() takes two. Null for a tab with no data: there the range would
 * have no rows, which Sheets refuses, so a refusal is told apart from a failure by asking where the
 * data ends (a tab with data rethrows). An empty tab read as [] or a lone '' is empty too.
 */
function dataValues(sheet: Sheet): unknown[][] | null {
  let raw: unknown[][];
  try {
    raw = sheet.getSheetValues(1, 1, -1, -1) as unknown[][];
  } catch (error) {
    if (sheet.getLastRow() === 0) return null;
    throw error;
  }
  if (raw.length === 0 || raw[0].length === 0) return null;
  if (raw.length === 1 && raw[0].length === 1 && raw[0][0] === '') return null;
  return raw;
}

interface SheetCells {
  values: Cell[][];
  formats: string[][];
  width: number;
}

/** Pads rows to one width and gives every cell the value and number format that keep it as it is. */
function toSheetCells(rows: Grid, spans?: readonly FormatSpan[]): SheetCells {
  let width = 0;
  for (const row of rows) if (row.length > width) width = row.length;
  const asked = spans !== undefined && spans.length > 0 ? formatGrid(rows, spans) : null;
  const values: Cell[][] = new Array<Cell[]>(rows.length);
  const formats: string[][] = new Array<string[]>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const outValues = new Array<Cell>(width);
    const outFormats = new Array<string>(width);
    for (let c = 0; c < width; c++) {
      const span = asked?.[r][c] ?? null;
      const cell = sheetsCell(c < row.length ? row[c] ?? null : null, span === null ? null : formatCode(span));
      outValues[c] = cell.value;
      outFormats[c] = cell.format;
    }
    values[r] = outValues;
    formats[r] = outFormats;
  }
  return { values, formats, width };
}

/** Every cell's colour over the written range (null = none), for one setBackgrounds call. */
function backgrounds(fills: readonly Fill[], rows: number, width: number): (string | null)[][] {
  const colours: (string | null)[][] = Array.from({ length: rows }, () => new Array<string | null>(width).fill(null));
  for (const f of fills) if (f.row >= 1 && f.row <= rows && f.col >= 1 && f.col <= width) colours[f.row - 1][f.col - 1] = f.color;
  return colours;
}

export class SheetsWorkbook implements Workbook {
  /**
   * Tabs met so far, by name. Once `listed`, it holds every tab (one getSheets call and a getName
   * per tab, once per workbook), so workflows that look tabs up by name over and over cost nothing
   * more. A tab renamed by someone else during one execution is not noticed; the next one sees it.
   */
  private readonly tabs = new Map<string, TabState>();
  private listed = false;
  /** This workbook changed the spreadsheet since its last flush. */
  private unflushed = false;
  private timeZone: string | null = null;
  private properties: GoogleAppsScript.Properties.Properties | null = null;

  constructor(private readonly spreadsheet: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()) {}

  tabNames(): string[] {
    if (!this.listed) {
      const known = new Map(this.tabs);
      this.tabs.clear(); // rebuilt in display order
      for (const sheet of this.spreadsheet.getSheets()) {
        const name = sheet.getName();
        this.tabs.set(name, known.get(name) ?? existingTab(sheet));
      }
      this.listed = true;
    }
    return [...this.tabs.keys()];
  }

  /** One getSheetByName until the tabs are listed (then none); a tab found is kept for later calls. */
  hasTab(name: string): boolean {
    return this.tab(name, false) !== null;
  }

  readTab(name: string): Grid | null {
    const rows = this.readRows(name);
    return rows === null ? null : rows.map((row) => [...row]);
  }

  /** The tab's cells, read once per workbook (values and formats of one Range) until it is written. */
  readRows(name: string): ReadonlyGrid | null {
    const tab = this.tab(name, false);
    if (!tab) return null;
    if (tab.read !== undefined) return tab.read;
    const raw = dataValues(tab.sheet);
    if (raw === null) {
      tab.read = [];
      tab.lastRow = 0;
      tab.lastColumn = 0;
      return tab.read;
    }
    // A cell's format changes how it reads only for a number, a date or text behind an apostrophe
    // (typedCell): a tab of plain text and booleans alone needs no second read.
    const formats = raw.some((row) => row.some(formatMatters)) ? tab.sheet.getRange(1, 1, raw.length, raw[0].length).getNumberFormats() : null;
    tab.read = raw.map((row, r) => Object.freeze(row.map((v, c) => this.fromSheet(v, formats?.[r]?.[c] ?? null))));
    tab.lastRow = raw.length;
    tab.lastColumn = raw[0]?.length ?? 0;
    return tab.read;
  }

  writeTab(name: string, rows: Grid, options: WriteOptions = {}): void {
    const tab = this.tab(name, true) as TabState;
    const sheet = tab.sheet;
    const { values, formats, width } = toSheetCells(rows, options.formats);
    // Spans that reach below the written rows format those empty cells too (a column staff will
    // type ids into, so that `01` stays `01`): one call per span.
    const below = spansBelow(values.length, options.formats);
    // Sheets stores no paper size, orientation or scaling (src/gas/printLinks.ts gives the PDF with
    // them); what it keeps is frozen rows, which its print dialog repeats on every page.
    const frozen = options.frozenRows ?? options.pageSetup?.repeatRows?.to;
    const gridRows = Math.max(values.length, (frozen ?? 0) + 1, options.room?.rows ?? 0, ...below.map((span) => span.toRow));
    const gridCols = Math.max(width, 1, options.room?.columns ?? 0, ...below.map((span) => span.col));
    // The grid holds what is written and no more (the header rows it freezes need one row below,
    // the charts drawn next the room asked for).
    this.fit(tab, gridRows, gridCols, true);
    // A tab made by this workbook and not written yet holds nothing to clear; nor does a grid now
    // exactly the size of what is written, whose every cell this write sets (the rows and columns
    // beyond were deleted by the fit).
    if (!tab.blank) {
      if (tab.maxRows !== values.length || tab.maxColumns !== width) sheet.clearContents();
      // Last run's colours must not linger on rows this run does not colour.
      if (options.fills !== undefined) sheet.clearFormats();
    }
    this.written(tab);
    for (const span of below) sheet.getRange(span.fromRow, span.col, span.toRow - span.fromRow + 1, 1).setNumberFormat(formatCode(span.format));
    if (values.length > 0 && width > 0) {
      const range = sheet.getRange(1, 1, values.length, width);
      // Formats first: Sheets reads a value by the format of the cell it lands in.
      range.setNumberFormats(formats);
      range.setValues(values);
      if (options.boldRows && options.boldRows.length > 0) {
        // One call that sets every row's weight, so rows that were bold before are reset too.
        const bold = new Set(options.boldRows);
        range.setFontWeights(
          values.map((_, r) => new Array<FontWeight>(width).fill(bold.has(r + 1) ? 'bold' : 'normal')),
        );
      }
      if (options.fills !== undefined && options.fills.length > 0) range.setBackgrounds(backgrounds(options.fills, values.length, width));
    }
    // Rows known to be frozen already (a new tab has none) need no call.
    if (frozen !== undefined && frozen !== tab.frozenRows) {
      sheet.setFrozenRows(frozen);
      tab.frozenRows = frozen;
    }
    if (options.hidden) sheet.hideSheet();
  }

  writeRange(name: string, row: number, column: number, rows: Grid): void {
    const tab = this.tab(name, false);
    if (!tab) throw new Error(`no tab ${name}`);
    const { values, formats, width } = toSheetCells(rows);
    if (values.length === 0 || width === 0) return;
    this.written(tab);
    const sheet = tab.sheet;
    if (values.every((cells) => cells.every((v) => v === ''))) {
      // Blanking (an undo): cells outside the grid are blank already, and growing it could fail
      // for want of cells, so only the part inside the grid is written.
      const inRows = Math.min(values.length, this.maxRows(tab) - row + 1);
      const inCols = Math.min(width, this.maxColumns(tab) - column + 1);
      if (inRows <= 0 || inCols <= 0) return;
      const range = sheet.getRange(row, column, inRows, inCols);
      range.setNumberFormats(formats.slice(0, inRows).map((cells) => cells.slice(0, inCols)));
      range.setValues(values.slice(0, inRows).map((cells) => cells.slice(0, inCols)));
      return;
    }
    this.fit(tab, row + values.length - 1, column + width - 1, false);
    const range = sheet.getRange(row, column, values.length, width);
    range.setNumberFormats(formats);
    range.setValues(values);
  }

  /**
   * The grid grown to `rows` rows below what it has (never shrunk): once for a write in pieces, and
   * no call for the later pieces while this workbook knows the grid's size (a new execution asks
   * it once). New rows go below the grid's last row, where a piece's own growth put them too.
   */
  reserveRows(name: string, rows: number): void {
    const tab = this.tab(name, false);
    if (!tab) return;
    if (rows <= this.maxRows(tab)) return;
    this.unflushed = true;
    this.fitRows(tab, rows, false);
  }

  appendRows(name: string, rows: Grid): void {
    const { values, formats, width } = toSheetCells(rows);
    const tab = this.tab(name, true) as TabState;
    if (values.length === 0 || width === 0) return;
    // Where the data ends: known from this workbook's read of the tab (or its making), if any.
    const last = tab.lastRow ?? tab.sheet.getLastRow();
    const lastColumn = tab.lastColumn ?? tab.sheet.getLastColumn();
    this.written(tab);
    // The grid is as wide as its widest content and ends with these rows: spare rows and columns
    // (a tab made at Sheets' 1000 × 26) are cells counted against the spreadsheet's cap.
    const columns = Math.max(width, lastColumn);
    // Rows no wider than the data already there fit the grid's width: the data read reaches column
    // lastColumn, so the grid does too. What asking the width would add is removing spare columns,
    // which cost a cell per appended row each: worth a call for a bulk append (more rows than the
    // tab holds, and at least BULK_APPEND_ROWS: 투표's), not for a few (이력's one, 제외's rows set aside).
    const bulk = values.length > last && values.length >= BULK_APPEND_ROWS;
    const fitWidth = tab.maxColumns !== undefined || width > lastColumn || bulk;
    // One row under a header alone (no wider than the header): a header writeTab froze keeps a row
    // below it, so that row is most likely in the grid already. getRange finds it, or refuses it as
    // outside the grid, and the grid is then asked as below. Spare rows further down stay, as they
    // do below data rows: the row adds no cell to them.
    let range = values.length === 1 && !fitWidth && last === 1 && tab.maxRows === undefined ? rangeInGrid(tab.sheet, 2, 1, 1, width) : null;
    if (range === null) {
      if (tab.maxRows === undefined && last > 1) {
        // The number of rows is not known (a call to ask): rows inserted right below the data are in
        // the grid whatever its size. Spare rows below stay (a fixed number, counted in the cell
        // budget, src/gas/cellBudget.ts); spare columns would be paid again on every appended row,
        // so the width is fitted first. Below a data row, not the header, whose look new rows take.
        if (fitWidth) this.fitColumns(tab, columns, true);
        tab.sheet.insertRowsAfter(last, values.length);
      } else {
        this.fitRows(tab, last + values.length, true);
        if (fitWidth) this.fitColumns(tab, columns, true);
      }
      range = tab.sheet.getRange(last + 1, 1, values.length, width);
    }
    range.setNumberFormats(formats);
    range.setValues(values);
  }

  /**
   * The tool owns the tabs it charts (결과, 통계): a re-run never stacks a second copy. Charts
   * already there are reshaped in place (modify, then updateChart: type, place, title and ranges
   * set anew), which keeps what staff styled on them and costs a call less than removing and
   * inserting; charts past those the specs need are removed, missing ones inserted. A constant
   * number of calls per chart, whatever the rows.
   */
  replaceCharts(name: string, charts: ChartSpec[]): void {
    const tab = this.tab(name, false);
    if (!tab) return;
    this.unflushed = true;
    const sheet = tab.sheet;
    const existing = tab.chartless ? [] : sheet.getCharts();
    for (const extra of existing.slice(charts.length)) sheet.removeChart(extra);
    // Charts sit on cells of the grid, which may have been fitted to narrower data: grown once for all.
    const rows = Math.max(0, ...charts.map((spec) => spec.anchor.row));
    const cols = Math.max(0, ...charts.map((spec) => spec.anchor.col));
    if (charts.length > 0) this.fit(tab, rows, cols, false);
    const ranges = chartRanges(sheet, charts.flatMap((spec) => spec.ranges));
    let next = 0;
    charts.forEach((spec, i) => {
      // The builder is local to the script until insertChart or updateChart (see SPREADSHEET_SERVICE
      // in scripts/bench/gasHost.ts); modify, newChart and the insert or update are the calls per chart.
      const old = i < existing.length ? existing[i] : null;
      let builder = (old === null ? sheet.newChart() : old.modify().clearRanges())
        .setChartType(CHART_TYPES[spec.kind]())
        .setPosition(spec.anchor.row, spec.anchor.col, 0, 0)
        .setOption('title', spec.title);
      for (let r = 0; r < spec.ranges.length; r++) builder = builder.addRange(ranges[next++]);
      if (old === null) sheet.insertChart(builder.build());
      else sheet.updateChart(builder.build());
      tab.chartless = false;
    });
  }

  /** Warning-only protection: editors may still edit, after a prompt that says why they should not. */
  protectTab(name: string, description: string): void {
    const tab = this.tab(name, false);
    if (!tab) return;
    if (!tab.unprotected && tab.sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).length > 0) return;
    this.unflushed = true;
    tab.sheet.protect().setDescription(description).setWarningOnly(true);
    tab.unprotected = false;
  }

  deleteTab(name: string): void {
    const tab = this.tab(name, false);
    if (!tab) return;
    this.unflushed = true;
    this.spreadsheet.deleteSheet(tab.sheet);
    this.tabs.delete(name);
  }

  /**
   * Rows with a formula, found by Sheets' own search in formula text: three calls, then two per
   * cell found while there are few (a formula in 투표 is rare), where getFormulas would read the
   * whole tab a second time. Past FORMULA_CELLS_ONE_BY_ONE cells (a column of formulas someone
   * filled down) one getFormulas over the data range answers for all of them: two calls, so the
   * count never grows with the rows.
   */
  formulaRows(name: string): ReadonlySet<number> {
    const rows = new Set<number>();
    const tab = this.tab(name, false);
    if (!tab) return rows;
    const found = tab.sheet.createTextFinder('=').matchFormulaText(true).findAll();
    if (found.length > FORMULA_CELLS_ONE_BY_ONE) {
      const lastRow = tab.lastRow ?? tab.sheet.getLastRow();
      const lastColumn = tab.lastColumn ?? tab.sheet.getLastColumn();
      if (lastRow === 0 || lastColumn === 0) return rows;
      const formulas = tab.sheet.getRange(1, 1, lastRow, lastColumn).getFormulas();
      for (let r = 0; r < formulas.length; r++) if (formulas[r].some((formula) => formula !== '')) rows.add(r + 1);
      return rows;
    }
    for (const cell of found) {
      const row = cell.getRow();
      if (!rows.has(row) && cell.getFormula() !== '') rows.add(row);
    }
    return rows;
  }

  getSecret(key: string): string | null {
    return this.props().getProperty(key);
  }

  setSecret(key: string, value: string): void {
    this.props().setProperty(key, value);
  }

  /**
   * Applies the batched writes now, so a checkpoint recorded next never runs ahead of the cells;
   * when this workbook has changed nothing since its last flush, there is nothing to apply.
   */
  flush(): void {
    if (!this.unflushed) return;
    SpreadsheetApp.flush();
    this.unflushed = false;
  }

  /** Cells of every tab's grid (what Sheets counts against its cap), by tab: two calls a tab, once. */
  gridCells(): Map<string, { rows: number; columns: number }> {
    this.tabNames();
    const out = new Map<string, { rows: number; columns: number }>();
    for (const [name, tab] of this.tabs) out.set(name, { rows: this.maxRows(tab), columns: this.maxColumns(tab) });
    return out;
  }

  private props(): GoogleAppsScript.Properties.Properties {
    if (!this.properties) this.properties = PropertiesService.getDocumentProperties();
    return this.properties;
  }

  private tab(name: string, create: boolean): TabState | null {
    const known = this.tabs.get(name);
    if (known) return known;
    let sheet = this.listed ? null : this.spreadsheet.getSheetByName(name);
    let tab: TabState | null = sheet ? existingTab(sheet) : null;
    if (!sheet && create) {
      // At the end, so tabs keep the order the workflows create them in.
      const index = this.listed ? this.tabs.size : this.spreadsheet.getNumSheets();
      this.unflushed = true;
      sheet = this.spreadsheet.insertSheet(name, index);
      // Empty, nothing frozen, nothing on it; its grid is taken to be Sheets' new-tab size until a
      // call shows otherwise (see NEW_TAB).
      tab = { sheet, blank: true, chartless: true, unprotected: true, read: [], lastRow: 0, lastColumn: 0, frozenRows: 0, assumed: { ...NEW_TAB } };
    }
    if (tab) this.tabs.set(name, tab);
    return tab;
  }

  /** The tab's cells change: the read is stale (its grid size and frozen rows are kept up to date by fit). */
  private written(tab: TabState): void {
    this.unflushed = true;
    tab.blank = false;
    tab.read = undefined;
    tab.lastRow = undefined;
    tab.lastColumn = undefined;
  }

  private maxRows(tab: TabState): number {
    if (tab.maxRows === undefined) tab.maxRows = tab.sheet.getMaxRows();
    return tab.maxRows;
  }

  private maxColumns(tab: TabState): number {
    if (tab.maxColumns === undefined) tab.maxColumns = tab.sheet.getMaxColumns();
    return tab.maxColumns;
  }

  private frozenRows(tab: TabState): number {
    if (tab.frozenRows === undefined) tab.frozenRows = tab.sheet.getFrozenRows();
    return tab.frozenRows;
  }

  /**
   * Grows the grid to rows × cols (getRange fails outside it); with `shrink`, also deletes the rows
   * and columns beyond (not the frozen header, which Sheets keeps). A fixed number of calls, and
   * none once the grid's size is known and right.
   */
  private fit(tab: TabState, rows: number, cols: number, shrink: boolean): void {
    this.fitRows(tab, rows, shrink);
    this.fitColumns(tab, cols, shrink);
  }

  /** fit's rows alone. */
  private fitRows(tab: TabState, rows: number, shrink: boolean): void {
    const sheet = tab.sheet;
    const assumedRows = tab.assumed?.rows;
    if (tab.assumed) tab.assumed.rows = undefined;
    // A new tab shrunk to its content: the rows beyond are deleted without asking how many there
    // are (a new tab with fewer rows than NEW_TAB makes the deletion fail, and the grid is asked).
    if (shrink && tab.maxRows === undefined && assumedRows !== undefined && rows < assumedRows) {
      const keep = Math.max(rows, this.frozenRows(tab) + 1);
      if (this.deleted(() => sheet.deleteRows(keep + 1, assumedRows - keep))) {
        tab.maxRows = keep;
        return;
      }
    }
    const maxRows = this.maxRows(tab);
    if (rows > maxRows) {
      sheet.insertRowsAfter(maxRows, rows - maxRows);
      tab.maxRows = rows;
    } else if (shrink && rows < maxRows) {
      const keep = Math.max(rows, this.frozenRows(tab) + 1);
      if (keep < maxRows) {
        sheet.deleteRows(keep + 1, maxRows - keep);
        tab.maxRows = keep;
      }
    }
  }

  /** fit's columns alone. */
  private fitColumns(tab: TabState, cols: number, shrink: boolean): void {
    const assumedColumns = tab.assumed?.columns;
    if (tab.assumed) tab.assumed.columns = undefined;
    if (shrink && tab.maxColumns === undefined && assumedColumns !== undefined && cols < assumedColumns) {
      if (this.deleted(() => tab.sheet.deleteColumns(cols + 1, assumedColumns - cols))) {
        tab.maxColumns = cols;
        return;
      }
    }
    const maxCols = this.maxColumns(tab);
    if (cols > maxCols) {
      tab.sheet.insertColumnsAfter(maxCols, cols - maxCols);
      tab.maxColumns = cols;
    } else if (shrink && cols < maxCols) {
      tab.sheet.deleteColumns(cols + 1, maxCols - cols);
      tab.maxColumns = cols;
    }
  }

  /** Runs a deletion sized by NEW_TAB: false when Sheets refuses it as past the grid. */
  private deleted(deletion: () => void): boolean {
    try {
      deletion();
      return true;
    } catch (error) {
      if (!outOfBounds(error)) throw error;
      return false;
    }
  }

  /** Only JSON-safe values leave the host, read as the person meant them (typedCell). */
  private fromSheet(v: unknown, format: string | null): Cell {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return typedCell(v, format);
    if (isDate(v)) {
      if (this.timeZone === null) this.timeZone = this.spreadsheet.getSpreadsheetTimeZone();
      const shown = formatDateInZone(v, this.timeZone);
      return shown === '' ? '' : typedCell({ wallClock: shown.replace(' ', 'T') }, format);
    }
    return v === null || v === undefined ? null : String(v);
  }
}

/**
 * The cells of every chart's ranges, in order: one getRange each for one or two, and from three on
 * one getRangeList and its getRanges (two calls however many).
 */
function chartRanges(sheet: Sheet, cells: readonly CellRange[]): GoogleAppsScript.Spreadsheet.Range[] {
  if (cells.length < 3) return cells.map((r) => sheet.getRange(r.row, r.col, r.rows, r.cols));
  return sheet.getRangeList(cells.map(a1Notation)).getRanges();
}

/** 'B2:C10' for rows 2–10 of columns B–C. */
export function a1Notation(r: CellRange): string {
  const cell = (row: number, col: number): string => `${columnName(col - 1)}${row}`;
  return `${cell(r.row, r.col)}:${cell(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}

/** Whether typedCell reads this value differently by its cell's number format. */
function formatMatters(v: unknown): boolean {
  return typeof v === 'number' || isDate(v) || (typeof v === 'string' && v.startsWith("'"));
}

/** A tab this workbook did not make: nothing about it is known until asked. */
function existingTab(sheet: Sheet): TabState {
  return { sheet, blank: false, chartless: false, unprotected: false };
}

export function activeWorkbook(): SheetsWorkbook {
  return new SheetsWorkbook();
}
