import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { UserError } from '../core/errors';
import type { Cell, Grid, Workbook, WriteOptions } from '../workflows/workbook';

/** ExcelJS orders tabs by this field; its typings leave it out. */
type Ordered = ExcelJS.Worksheet & { orderNo: number };

/** Secrets live in a very hidden tab: out of sight, but they travel with the file as they must. */
const SECRET_TAB = '_civic_sheets';

/**
 * A Workbook over an .xlsx file. Tabs the workflows do not write keep their formatting; a tab
 * that is rewritten is rebuilt in place (same position). Nothing reaches the disk until `save`,
 * which replaces the file atomically, so a failed command leaves the file as it was.
 */
export class XlsxWorkbook implements Workbook {
  private constructor(
    private readonly book: ExcelJS.Workbook,
    readonly filePath: string,
  ) {}

  static async open(filePath: string): Promise<XlsxWorkbook> {
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.readFile(filePath);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '파일이 없습니다 / file not found' : '읽을 수 없는 .xlsx 파일입니다 / not a readable .xlsx file';
      throw new UserError('bad_workbook', `${filePath}: ${reason}`);
    }
    return new XlsxWorkbook(book, filePath);
  }

  static create(filePath: string): XlsxWorkbook {
    const book = new ExcelJS.Workbook();
    book.creator = 'Civic Sheets';
    return new XlsxWorkbook(book, filePath);
  }

  tabNames(): string[] {
    return this.book.worksheets.filter((ws) => ws.name !== SECRET_TAB).map((ws) => ws.name);
  }

  readTab(name: string): Grid | null {
    const ws = this.book.getWorksheet(name);
    if (ws === undefined) return null;
    const grid: Grid = [];
    ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = toCell(cell.value);
      });
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      grid[rowNumber - 1] = cells;
    });
    for (let i = 0; i < grid.length; i++) if (grid[i] === undefined) grid[i] = [];
    return grid;
  }

  writeTab(name: string, rows: Grid, options: WriteOptions = {}): void {
    const existing = this.book.getWorksheet(name);
    const orderNo = existing === undefined ? undefined : (existing as Ordered).orderNo;
    if (existing !== undefined) this.book.removeWorksheet(existing.id);
    const ws = this.book.addWorksheet(name);
    if (orderNo !== undefined) (ws as Ordered).orderNo = orderNo;
    ws.addRows(rows.map((row) => row.map(fromCell)));
    if (options.frozenRows) ws.views = [{ state: 'frozen', ySplit: options.frozenRows }];
    for (const r of options.boldRows ?? []) ws.getRow(r).font = { bold: true };
    for (const fill of options.fills ?? []) {
      ws.getCell(fill.row, fill.col).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${fill.color.replace('#', '').toUpperCase()}` } };
    }
    fitColumns(ws, rows);
  }

  writeRange(name: string, row: number, column: number, rows: Grid): void {
    const ws = this.book.getWorksheet(name);
    if (ws === undefined) throw new Error(`no tab ${name}`);
    rows.forEach((cells, r) => {
      const target = ws.getRow(row + r);
      cells.forEach((cell, c) => {
        target.getCell(column + c).value = fromCell(cell);
      });
    });
  }

  appendRows(name: string, rows: Grid): void {
    const ws = this.book.getWorksheet(name) ?? this.book.addWorksheet(name);
    let last = ws.rowCount;
    while (last > 0 && !ws.getRow(last).hasValues) last -= 1;
    rows.forEach((row, i) => {
      ws.getRow(last + 1 + i).values = row.map(fromCell);
    });
  }

  getSecret(key: string): string | null {
    const ws = this.book.getWorksheet(SECRET_TAB);
    let value: string | null = null;
    ws?.eachRow((row) => {
      if (row.getCell(1).value === key) value = String(row.getCell(2).value ?? '');
    });
    return value;
  }

  setSecret(key: string, value: string): void {
    let ws = this.book.getWorksheet(SECRET_TAB);
    if (ws === undefined) {
      ws = this.book.addWorksheet(SECRET_TAB);
      ws.state = 'veryHidden';
    }
    let found = false;
    ws.eachRow((row) => {
      if (row.getCell(1).value === key) {
        row.getCell(2).value = value;
        found = true;
      }
    });
    if (!found) ws.addRow([key, value]);
  }

  async save(): Promise<void> {
    const dir = path.dirname(path.resolve(this.filePath));
    const temp = path.join(dir, `.${path.basename(this.filePath)}.${process.pid}.tmp`);
    await this.book.xlsx.writeFile(temp);
    await fs.rename(temp, this.filePath);
  }
}

/** Cells leave ExcelJS as plain values: a formula as its cached result, a date as its wall-clock text. */
function toCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return toCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return typeof value.text === 'string' ? value.text : toCell(value.text as ExcelJS.CellValue);
  if ('error' in value) return value.error;
  return null;
}

/** Strings stay strings: ExcelJS writes them as text cells, which Excel never evaluates as formulas. */
function fromCell(cell: Cell): ExcelJS.CellValue {
  return cell === '' ? null : cell;
}

function fitColumns(ws: ExcelJS.Worksheet, rows: Grid): void {
  const widths: number[] = [];
  for (const row of rows.slice(0, 200)) {
    row.forEach((cell, i) => {
      const text = cell === null ? '' : String(cell);
      let width = 0;
      for (const ch of text) width += /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch) ? 2 : 1;
      widths[i] = Math.max(widths[i] ?? 6, Math.min(width + 2, 60));
    });
  }
  widths.forEach((width, i) => {
    ws.getColumn(i + 1).width = width;
  });
}
