/**
 * The Workbook over the active spreadsheet. Every method makes a fixed number of Spreadsheet service
 * calls whatever the number of rows: one getValues and one getNumberFormats per read, one
 * setNumberFormats and one setValues per write, plus a few constant calls (find the tab, fit its
 * grid, freeze/bold the header, one setBackgrounds for fills).
 *
 * Cells are read as the person meant them (src/sheets/typedCells.ts: a date cell is a date, a
 * percent cell a percent, `01` in a `00` cell the digits shown) and written with a number format
 * per cell (src/sheets/safeText.ts decides text), so what is written reads back unchanged.
 *
 * Sheets counts every cell of every tab's grid against its 10,000,000-cell cap, empty ones too, and
 * a new tab is 1000 × 26: a tab the tool writes whole is fitted to what it holds, and a tab it
 * creates to append to starts as large as the first rows.
 */
import type { Cell, ChartSpec, Fill, Grid, Workbook, WriteOptions } from '../workflows/workbook';
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
   * Sheets met so far, by name. Once `listed`, it holds every tab (one getSheets call per
   * workbook), so workflows that look tabs up by name over and over cost nothing more. A tab
   * renamed by someone else during one execution is not noticed; the next execution sees it.
   */
  private readonly sheets = new Map<string, Sheet>();
  private listed = false;
  private timeZone: string | null = null;
  private properties: GoogleAppsScript.Properties.Properties | null = null;

  constructor(private readonly spreadsheet: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()) {}

  tabNames(): string[] {
    if (!this.listed) {
      this.sheets.clear(); // rebuilt in display order
      for (const sheet of this.spreadsheet.getSheets()) this.sheets.set(sheet.getName(), sheet);
      this.listed = true;
    }
    return [...this.sheets.keys()];
  }

  readTab(name: string): Grid | null {
    const sheet = this.sheet(name, false).sheet;
    if (!sheet) return null;
    const range = sheet.getDataRange();
    const raw = range.getValues() as unknown[][];
    // An empty tab still has a 1×1 data range holding ''.
    if (raw.length === 1 && raw[0].length === 1 && raw[0][0] === '') return [];
    const formats = range.getNumberFormats();
    return raw.map((row, r) => row.map((v, c) => this.fromSheet(v, formats[r]?.[c] ?? null)));
  }

  writeTab(name: string, rows: Grid, options: WriteOptions = {}): void {
    const sheet = this.sheet(name, true).sheet as Sheet;
    sheet.clearContents();
    // Last run's colours must not linger on rows this run does not colour.
    if (options.fills !== undefined) sheet.clearFormats();
    const { values, formats, width } = toSheetCells(rows, options.formats);
    // Spans that reach below the written rows format those empty cells too (a column staff will
    // type ids into, so that `01` stays `01`): one call per span.
    const below = spansBelow(values.length, options.formats);
    // Sheets stores no paper size, orientation or scaling (src/gas/printLinks.ts gives the PDF with
    // them); what it keeps is frozen rows, which its print dialog repeats on every page.
    const frozen = options.frozenRows ?? options.pageSetup?.repeatRows?.to;
    const gridRows = Math.max(values.length, (frozen ?? 0) + 1, ...below.map((span) => span.toRow));
    const gridCols = Math.max(width, 1, ...below.map((span) => span.col));
    // The grid holds what is written and no more (the header rows it freezes need one row below).
    this.fit(sheet, gridRows, gridCols, true);
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
    if (frozen !== undefined) sheet.setFrozenRows(frozen);
    if (options.hidden) sheet.hideSheet();
  }

  writeRange(name: string, row: number, column: number, rows: Grid): void {
    const sheet = this.sheet(name, false).sheet;
    if (!sheet) throw new Error(`no tab ${name}`);
    const { values, formats, width } = toSheetCells(rows);
    if (values.length === 0 || width === 0) return;
    if (values.every((cells) => cells.every((v) => v === ''))) {
      // Blanking (an undo): cells outside the grid are blank already, and growing it could fail
      // for want of cells, so only the part inside the grid is written.
      const inRows = Math.min(values.length, sheet.getMaxRows() - row + 1);
      const inCols = Math.min(width, sheet.getMaxColumns() - column + 1);
      if (inRows <= 0 || inCols <= 0) return;
      const range = sheet.getRange(row, column, inRows, inCols);
      range.setNumberFormats(formats.slice(0, inRows).map((cells) => cells.slice(0, inCols)));
      range.setValues(values.slice(0, inRows).map((cells) => cells.slice(0, inCols)));
      return;
    }
    this.fit(sheet, row + values.length - 1, column + width - 1, false);
    const range = sheet.getRange(row, column, values.length, width);
    range.setNumberFormats(formats);
    range.setValues(values);
  }

  appendRows(name: string, rows: Grid): void {
    const { values, formats, width } = toSheetCells(rows);
    const { sheet, created } = this.sheet(name, true) as { sheet: Sheet; created: boolean };
    if (values.length === 0 || width === 0) return;
    const last = created ? 0 : sheet.getLastRow();
    // The grid ends with these rows and is as wide as its widest content: spare rows and columns
    // (a tab made at Sheets' 1000 × 26) are cells counted against the spreadsheet's cap.
    this.fit(sheet, last + values.length, created ? width : Math.max(width, sheet.getLastColumn()), true);
    const range = sheet.getRange(last + 1, 1, values.length, width);
    range.setNumberFormats(formats);
    range.setValues(values);
  }

  /**
   * The tool owns the tabs it charts (결과, 통계): their charts are removed and rebuilt, so a
   * re-run never stacks a second copy. A constant number of calls per chart, whatever the rows.
   */
  replaceCharts(name: string, charts: ChartSpec[]): void {
    const sheet = this.sheet(name, false).sheet;
    if (!sheet) return;
    for (const chart of sheet.getCharts()) sheet.removeChart(chart);
    for (const spec of charts) {
      // A chart sits on a cell of the grid, which may have been fitted to narrower data.
      this.fit(sheet, spec.anchor.row, spec.anchor.col, false);
      let builder = sheet
        .newChart()
        .setChartType(CHART_TYPES[spec.kind]())
        .setPosition(spec.anchor.row, spec.anchor.col, 0, 0)
        .setOption('title', spec.title);
      for (const r of spec.ranges) builder = builder.addRange(sheet.getRange(r.row, r.col, r.rows, r.cols));
      sheet.insertChart(builder.build());
    }
  }

  /** Warning-only protection: editors may still edit, after a prompt that says why they should not. */
  protectTab(name: string, description: string): void {
    const sheet = this.sheet(name, false).sheet;
    if (!sheet || sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).length > 0) return;
    sheet.protect().setDescription(description).setWarningOnly(true);
  }

  deleteTab(name: string): void {
    const sheet = this.sheet(name, false).sheet;
    if (!sheet) return;
    this.spreadsheet.deleteSheet(sheet);
    this.sheets.delete(name);
  }

  /**
   * Rows with a formula, found by Sheets' own search in formula text: a few calls and one per cell
   * found (a formula in 투표 is rare), where getFormulas would read the whole tab a second time.
   */
  formulaRows(name: string): ReadonlySet<number> {
    const rows = new Set<number>();
    const sheet = this.sheet(name, false).sheet;
    if (!sheet) return rows;
    for (const cell of sheet.createTextFinder('=').matchFormulaText(true).findAll()) {
      if (!rows.has(cell.getRow()) && cell.getFormula() !== '') rows.add(cell.getRow());
    }
    return rows;
  }

  getSecret(key: string): string | null {
    return this.props().getProperty(key);
  }

  setSecret(key: string, value: string): void {
    this.props().setProperty(key, value);
  }

  /** Applies the batched writes now, so a checkpoint recorded next never runs ahead of the cells. */
  flush(): void {
    SpreadsheetApp.flush();
  }

  /** Cells of every tab's grid (what Sheets counts against its cap), by tab: two calls a tab. */
  gridCells(): Map<string, { rows: number; columns: number }> {
    this.tabNames();
    const out = new Map<string, { rows: number; columns: number }>();
    for (const [name, sheet] of this.sheets) out.set(name, { rows: sheet.getMaxRows(), columns: sheet.getMaxColumns() });
    return out;
  }

  private props(): GoogleAppsScript.Properties.Properties {
    if (!this.properties) this.properties = PropertiesService.getDocumentProperties();
    return this.properties;
  }

  private sheet(name: string, create: boolean): { sheet: Sheet | null; created: boolean } {
    let sheet = this.sheets.get(name) ?? (this.listed ? null : this.spreadsheet.getSheetByName(name));
    let created = false;
    if (!sheet && create) {
      // At the end, so tabs keep the order the workflows create them in.
      const index = this.listed ? this.sheets.size : this.spreadsheet.getNumSheets();
      sheet = this.spreadsheet.insertSheet(name, index);
      created = true;
    }
    if (sheet) this.sheets.set(name, sheet);
    return { sheet, created };
  }

  /**
   * Grows the grid to rows × cols (getRange fails outside it); with `shrink`, also deletes the rows
   * and columns beyond (not the frozen header, which Sheets keeps). A fixed number of calls.
   */
  private fit(sheet: Sheet, rows: number, cols: number, shrink: boolean): void {
    const maxRows = sheet.getMaxRows();
    if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
    else if (shrink && rows < maxRows) {
      const keep = Math.max(rows, sheet.getFrozenRows() + 1);
      if (keep < maxRows) sheet.deleteRows(keep + 1, maxRows - keep);
    }
    const maxCols = sheet.getMaxColumns();
    if (cols > maxCols) sheet.insertColumnsAfter(maxCols, cols - maxCols);
    else if (shrink && cols < maxCols) sheet.deleteColumns(cols + 1, maxCols - cols);
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

export function activeWorkbook(): SheetsWorkbook {
  return new SheetsWorkbook();
}
