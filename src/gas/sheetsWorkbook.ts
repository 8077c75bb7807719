/**
 * The Workbook over the active spreadsheet. Every method makes a fixed number of Spreadsheet service
 * calls whatever the number of rows: one getValues per read, one setValues per write, plus a few
 * constant calls (find the tab, check its size, freeze/bold the header, one setBackgrounds for fills).
 */
import type { Cell, ChartSpec, Fill, Grid, Workbook, WriteOptions } from '../workflows/workbook';
import { asSheetsLiteral } from '../sheets/safeText';
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

/** Pads rows to one width and makes every cell safe for setValues. */
function toSheetValues(rows: Grid): { values: Cell[][]; width: number } {
  let width = 0;
  for (const row of rows) if (row.length > width) width = row.length;
  const values = rows.map((row) => {
    const out: Cell[] = new Array<Cell>(width);
    for (let c = 0; c < width; c++) {
      const v = c < row.length ? row[c] : null;
      out[c] = v === null || v === undefined ? '' : asSheetsLiteral(v);
    }
    return out;
  });
  return { values, width };
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
    const sheet = this.sheet(name, false);
    if (!sheet) return null;
    const raw = sheet.getDataRange().getValues() as unknown[][];
    // An empty tab still has a 1×1 data range holding ''.
    if (raw.length === 1 && raw[0].length === 1 && raw[0][0] === '') return [];
    return raw.map((row) => row.map((v) => this.fromSheet(v)));
  }

  writeTab(name: string, rows: Grid, options: WriteOptions = {}): void {
    const sheet = this.sheet(name, true) as Sheet;
    sheet.clearContents();
    // Last run's colours must not linger on rows this run does not colour.
    if (options.fills !== undefined) sheet.clearFormats();
    const { values, width } = toSheetValues(rows);
    if (values.length > 0 && width > 0) {
      this.ensureSize(sheet, values.length, width);
      const range = sheet.getRange(1, 1, values.length, width);
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
    // Sheets stores no paper size, orientation or scaling (src/gas/printLinks.ts gives the PDF with
    // them); what it keeps is frozen rows, which its print dialog repeats on every page.
    const frozen = options.frozenRows ?? options.pageSetup?.repeatRows?.to;
    if (frozen !== undefined) sheet.setFrozenRows(frozen);
    if (options.hidden) sheet.hideSheet();
  }

  writeRange(name: string, row: number, column: number, rows: Grid): void {
    const sheet = this.sheet(name, false);
    if (!sheet) throw new Error(`no tab ${name}`);
    const { values, width } = toSheetValues(rows);
    if (values.length === 0 || width === 0) return;
    this.ensureSize(sheet, row + values.length - 1, column + width - 1);
    sheet.getRange(row, column, values.length, width).setValues(values);
  }

  appendRows(name: string, rows: Grid): void {
    const { values, width } = toSheetValues(rows);
    const sheet = this.sheet(name, true) as Sheet;
    if (values.length === 0 || width === 0) return;
    const last = sheet.getLastRow();
    this.ensureSize(sheet, last + values.length, width);
    sheet.getRange(last + 1, 1, values.length, width).setValues(values);
  }

  /**
   * The tool owns the tabs it charts (결과, 통계): their charts are removed and rebuilt, so a
   * re-run never stacks a second copy. A constant number of calls per chart, whatever the rows.
   */
  replaceCharts(name: string, charts: ChartSpec[]): void {
    const sheet = this.sheet(name, false);
    if (!sheet) return;
    for (const chart of sheet.getCharts()) sheet.removeChart(chart);
    for (const spec of charts) {
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
    const sheet = this.sheet(name, false);
    if (!sheet || sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).length > 0) return;
    sheet.protect().setDescription(description).setWarningOnly(true);
  }

  deleteTab(name: string): void {
    const sheet = this.sheet(name, false);
    if (!sheet) return;
    this.spreadsheet.deleteSheet(sheet);
    this.sheets.delete(name);
  }

  getSecret(key: string): string | null {
    return this.props().getProperty(key);
  }

  setSecret(key: string, value: string): void {
    this.props().setProperty(key, value);
  }

  private props(): GoogleAppsScript.Properties.Properties {
    if (!this.properties) this.properties = PropertiesService.getDocumentProperties();
    return this.properties;
  }

  private sheet(name: string, create: boolean): Sheet | null {
    let sheet = this.sheets.get(name) ?? (this.listed ? null : this.spreadsheet.getSheetByName(name));
    if (!sheet && create) {
      // At the end, so tabs keep the order the workflows create them in.
      const index = this.listed ? this.sheets.size : this.spreadsheet.getNumSheets();
      sheet = this.spreadsheet.insertSheet(name, index);
    }
    if (sheet) this.sheets.set(name, sheet);
    return sheet;
  }

  /** getRange fails outside the grid, so grow it first (two reads, at most two inserts). */
  private ensureSize(sheet: Sheet, rows: number, cols: number): void {
    const maxRows = sheet.getMaxRows();
    if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
    const maxCols = sheet.getMaxColumns();
    if (cols > maxCols) sheet.insertColumnsAfter(maxCols, cols - maxCols);
  }

  /** Only JSON-safe values leave the host: Dates become text in the spreadsheet's time zone. */
  private fromSheet(v: unknown): Cell {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (isDate(v)) {
      if (this.timeZone === null) this.timeZone = this.spreadsheet.getSpreadsheetTimeZone();
      return formatDateInZone(v, this.timeZone);
    }
    return v === null || v === undefined ? null : String(v);
  }
}

export function activeWorkbook(): SheetsWorkbook {
  return new SheetsWorkbook();
}
