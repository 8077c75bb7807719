import { closeSync, openSync, promises as fs, writeSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate, zipSync } from 'fflate';
import { isUserError, UserError } from '../core/errors';
import type { Cell, Grid, PageSetup, ReadonlyGrid, Workbook, WriteOptions } from '../workflows/workbook';
import { placeholderSplit, RowsXmlWriter, withDimension, worksheetParts } from './sheetXml';
import { NativeZipDeflate } from './nativeZipDeflate';
import { XlsxParts } from './xlsxStream';
import type { ZipPart } from './zipParts';
import { inspectZip, ZIP_LIMITS } from './zipGuard';

/** ExcelJS orders tabs by this field; its typings leave it out. */
type Ordered = ExcelJS.Worksheet & { orderNo: number };

/** Secrets live in a very hidden tab: out of sight, but they travel with the file as they must. */
const SECRET_TAB = '_civic_sheets';

/**
 * When a tab is "large": ExcelJS keeps an object per cell and writes each sheet as one string, which
 * at a million ballots (9 million cells) outgrows any heap. A large tab is kept as rows of values
 * instead and streamed as sheet XML (sheetXml.ts); only its first row goes through ExcelJS, so the
 * header keeps its formatting.
 */
export interface LargeTabLimits {
  /** A tab written with more rows than this is kept as values. */
  rows: number;
  /** A worksheet whose XML inflates to more bytes than this is read as a stream. */
  xmlBytes: number;
}

export const LARGE_TAB: LargeTabLimits = { rows: 20_000, xmlBytes: 8 * 1024 * 1024 };

/**
 * A workbook's own large tabs stream in, so it may be larger than an export read whole; the ratio
 * check still refuses a bomb (our sheet XML deflates about 10:1).
 */
const WORKBOOK_ZIP_LIMITS = { ...ZIP_LIMITS, totalBytes: 4 * 1024 * 1024 * 1024 };

const WORKSHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/;
/** Rows of sheet XML made and deflated at a time when a large tab is saved. */
const XML_BATCH_ROWS = 5_000;

/**
 * A Workbook over an .xlsx file. Tabs the workflows do not write keep their formatting; a tab
 * that is rewritten is rebuilt in place (same position). Nothing reaches the disk until `save`,
 * which replaces the file atomically, so a failed command leaves the file as it was.
 */
export class XlsxWorkbook implements Workbook {
  /** Large tabs: every row, header included. ExcelJS holds their first row only. */
  private readonly large = new Map<string, (readonly Cell[])[]>();
  /** The file as opened, when it had large tabs: an unchanged one is copied from it on save. */
  private source: XlsxParts | null = null;
  private readonly sourceParts = new Map<string, ZipPart>();
  /** Large tabs whose rows after the first are plain values in the file (see SheetXmlSplit.plainBody). */
  private readonly plainBody = new Set<string>();
  /** Tabs written since the file was opened. */
  private readonly changed = new Set<string>();

  private constructor(
    private readonly book: ExcelJS.Workbook,
    readonly filePath: string,
    private readonly limits: LargeTabLimits,
  ) {}

  static async open(filePath: string, limits: LargeTabLimits = LARGE_TAB): Promise<XlsxWorkbook> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(filePath);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '파일이 없습니다 / file not found' : '파일을 열 수 없습니다 / cannot open the file';
      throw new UserError('bad_workbook', `${filePath}: ${reason}`);
    }
    const unreadable = (): UserError => new UserError('bad_workbook', `${filePath}: 읽을 수 없는 .xlsx 파일입니다 / not a readable .xlsx file`);
    const verdict = await inspectZip(bytes, WORKBOOK_ZIP_LIMITS);
    if (!verdict.ok) {
      if (verdict.reason === 'not a readable zip' || verdict.reason === 'damaged zip directory') throw unreadable();
      throw new UserError('bad_workbook', `${filePath}: 비정상적으로 큰 파일이라 열지 않았습니다 (${verdict.reason}) / refused as abnormally large (${verdict.reason})`);
    }
    const book = new ExcelJS.Workbook();
    const workbook = new XlsxWorkbook(book, filePath, limits);
    try {
      const loadable = await workbook.takeLargeTabs(bytes);
      await book.xlsx.load(exactArrayBuffer(loadable));
    } catch (error) {
      if (isUserError(error)) throw new UserError('bad_workbook', `${filePath}: ${error.message}`);
      throw unreadable();
    }
    return workbook;
  }

  static create(filePath: string, limits: LargeTabLimits = LARGE_TAB): XlsxWorkbook {
    const book = new ExcelJS.Workbook();
    book.creator = 'Civic Sheets';
    return new XlsxWorkbook(book, filePath, limits);
  }

  /**
   * Reads each large worksheet of the file into rows, and returns the file for ExcelJS with those
   * worksheets cut down to their first row (the file itself when none is large).
   */
  private async takeLargeTabs(bytes: Buffer): Promise<Buffer> {
    const xlsx = await XlsxParts.open(bytes);
    let keep = false;
    try {
      const largeParts = xlsx.parts.filter((part) => WORKSHEET_PART.test(part.name) && part.size > this.limits.xmlBytes);
      if (largeParts.length === 0) return bytes;
      const tabOf = new Map((await xlsx.worksheets()).map((sheet) => [sheet.part, sheet.name]));
      const files: Record<string, Uint8Array> = {};
      for (const part of xlsx.parts) {
        const tab = tabOf.get(part.name);
        if (tab === undefined || !largeParts.includes(part)) {
          files[part.name] = await part.read();
          continue;
        }
        const { rows, placeholder, plainBody } = await xlsx.readWorksheet(part);
        this.large.set(tab, rows);
        this.sourceParts.set(tab, part);
        if (plainBody) this.plainBody.add(tab);
        files[part.name] = strToU8(placeholder);
      }
      this.source = xlsx;
      keep = true;
      // Stored, not deflated: ExcelJS inflates it again at once.
      const zipped = zipSync(files, { level: 0 });
      return Buffer.from(zipped.buffer, zipped.byteOffset, zipped.byteLength);
    } finally {
      if (!keep) xlsx.close();
    }
  }

  tabNames(): string[] {
    return this.book.worksheets.filter((ws) => ws.name !== SECRET_TAB).map((ws) => ws.name);
  }

  readRows(name: string): ReadonlyGrid | null {
    return this.large.get(name) ?? this.readTab(name);
  }

  readTab(name: string): Grid | null {
    const large = this.large.get(name);
    if (large !== undefined) return large.map((row) => [...row]);
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
    this.changed.add(name);
    // Highlights below the header need ExcelJS's cells: such a tab stays small (no tab has both).
    const large = rows.length > this.limits.rows && (options.fills ?? []).every((fill) => fill.row === 1);
    const existing = this.book.getWorksheet(name);
    const orderNo = existing === undefined ? undefined : (existing as Ordered).orderNo;
    if (existing !== undefined) this.book.removeWorksheet(existing.id);
    const ws = this.book.addWorksheet(name);
    if (orderNo !== undefined) (ws as Ordered).orderNo = orderNo;
    ws.addRows((large ? rows.slice(0, 1) : rows).map((row) => row.map(fromCell)));
    if (large) this.large.set(name, rows.slice());
    else this.large.delete(name);
    if (options.frozenRows) ws.views = [{ state: 'frozen', ySplit: options.frozenRows }];
    for (const r of options.boldRows ?? []) ws.getRow(r).font = { bold: true };
    for (const fill of options.fills ?? []) {
      ws.getCell(fill.row, fill.col).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${fill.color.replace('#', '').toUpperCase()}` } };
    }
    // A printed tab's columns are narrower (a long text runs on into the empty cell beside it), so
    // one page wide stays readable; wrapping instead would need row heights ExcelJS cannot measure.
    fitColumns(ws, rows, options.pageSetup ? PRINTED_COLUMN_WIDTH : SCREEN_COLUMN_WIDTH);
    if (options.pageSetup) applyPageSetup(ws, options.pageSetup);
  }

  writeRange(name: string, row: number, column: number, rows: Grid): void {
    this.changed.add(name);
    const ws = this.book.getWorksheet(name);
    if (ws === undefined) throw new Error(`no tab ${name}`);
    const large = this.large.get(name);
    if (large !== undefined) {
      rows.forEach((cells, r) => {
        const at = row - 1 + r;
        while (large.length <= at) large.push([]);
        const next = [...large[at]];
        while (next.length < column - 1) next.push(null);
        cells.forEach((cell, c) => {
          next[column - 1 + c] = cell;
        });
        large[at] = next;
      });
      if (row > 1) return;
      // The first row also lives in ExcelJS (it carries the header's formatting).
      rows = rows.slice(0, 1);
    }
    rows.forEach((cells, r) => {
      const target = ws.getRow(row + r);
      cells.forEach((cell, c) => {
        target.getCell(column + c).value = fromCell(cell);
      });
    });
  }

  appendRows(name: string, rows: Grid): void {
    this.changed.add(name);
    const ws = this.book.getWorksheet(name) ?? this.book.addWorksheet(name);
    let large = this.large.get(name);
    if (large === undefined && ws.rowCount + rows.length > this.limits.rows) {
      // The tab grows large: its rows move out of ExcelJS, which keeps the first.
      large = this.readTab(name) ?? [];
      if (ws.rowCount > 1) ws.spliceRows(2, ws.rowCount - 1);
      this.large.set(name, large);
    }
    if (large !== undefined) {
      let end = large.length;
      while (end > 0 && !large[end - 1].some((cell) => cell !== null && cell !== '')) end -= 1;
      large.length = end;
      for (const row of rows) large.push(row);
      if (end === 0 && rows.length > 0) ws.getRow(1).values = rows[0].map(fromCell);
      return;
    }
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
    try {
      if (this.large.size === 0) await this.book.xlsx.writeFile(temp);
      else await this.writeWithLargeTabs(temp, new Uint8Array(await this.book.xlsx.writeBuffer()));
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    await fs.rename(temp, this.filePath);
  }

  /** ExcelJS's file, with each large tab's rows streamed into its worksheet after the first. */
  private async writeWithLargeTabs(target: string, written: Uint8Array): Promise<void> {
    const parts = unzipSync(written);
    const partOf = worksheetParts(strFromU8(parts['xl/workbook.xml']), strFromU8(parts['xl/_rels/workbook.xml.rels']));
    const largeOf = new Map<string, { tab: string; rows: ReadonlyGrid }>();
    for (const [tab, rows] of this.large) {
      const part = partOf.get(tab);
      if (part !== undefined) largeOf.set(part, { tab, rows });
    }
    const fd = openSync(target, 'w');
    try {
      await new Promise<void>((resolve, reject) => {
        const zip = new Zip((error, chunk, final) => {
          try {
            if (error) throw error;
            writeSync(fd, chunk);
            if (final) resolve();
          } catch (failure) {
            reject(failure as Error);
          }
        });
        const addParts = async (): Promise<void> => {
          for (const [name, data] of Object.entries(parts)) {
            const large = largeOf.get(name);
            if (large === undefined) {
              const file = new ZipDeflate(name, { level: 6 });
              zip.add(file);
              file.push(data, true);
              continue;
            }
            const { tab, rows } = large;
            const file = new NativeZipDeflate(name);
            zip.add(file);
            const { before, after } = placeholderSplit(withDimension(strFromU8(data), rows));
            file.push(strToU8(before));
            const original = this.sourceParts.get(tab);
            if (this.source !== null && original !== undefined && this.plainBody.has(tab) && !this.changed.has(tab)) {
              // Unchanged since it was opened, and plain values: its rows' XML is copied as it was.
              await this.source.copyWorksheetBody(original, async (xml) => {
                file.push(strToU8(xml));
                await file.drained();
              });
            } else {
              const writer = new RowsXmlWriter();
              for (let from = 1; from < rows.length; from += XML_BATCH_ROWS) {
                file.push(strToU8(writer.write(rows, from, Math.min(rows.length, from + XML_BATCH_ROWS))));
                // The next rows' XML is made while these are compressed, up to the compressor's buffer.
                await file.drained();
              }
            }
            file.push(strToU8(after), true);
          }
          zip.end();
        };
        addParts().catch(reject);
      });
    } finally {
      closeSync(fd);
    }
  }
}

/** The bytes as an ArrayBuffer of their own (ExcelJS's load wants one), copied only when shared. */
function exactArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return (whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) as ArrayBuffer;
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

const SCREEN_COLUMN_WIDTH = 60;
const PRINTED_COLUMN_WIDTH = 34;

function fitColumns(ws: ExcelJS.Worksheet, rows: Grid, maxWidth: number): void {
  const widths: number[] = [];
  for (const row of rows.slice(0, 200)) {
    row.forEach((cell, i) => {
      const text = cell === null ? '' : String(cell);
      let width = 0;
      for (const ch of text) width += /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch) ? 2 : 1;
      widths[i] = Math.max(widths[i] ?? 6, Math.min(width + 2, maxWidth));
    });
  }
  widths.forEach((width, i) => {
    ws.getColumn(i + 1).width = width;
  });
}

/** A4 (paper size 9), one page wide and as tall as needed, header rows on every page. */
function applyPageSetup(ws: ExcelJS.Worksheet, setup: PageSetup): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: setup.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(setup.repeatRows ? { printTitlesRow: `${setup.repeatRows.from}:${setup.repeatRows.to}` } : {}),
    // Whole columns: ExcelJS writes `A:L` as `$A:$L` (a cell range would lose its row anchors).
    ...(setup.columns ? { printArea: `A:${columnLetter(setup.columns)}` } : {}),
  };
}

/** 1 → A, 27 → AA. */
function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
