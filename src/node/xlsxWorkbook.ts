import { promises as fs } from 'node:fs';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate } from 'fflate';
import { isUserError, UserError } from '../core/errors';
import type { Cell, Grid, PageSetup, ReadonlyGrid, Workbook, WriteOptions } from '../workflows/workbook';
import { placeholderSplit, RowsXmlWriter, withDimension, withDimensionRef, worksheetParts } from './sheetXml';
import { NativeZipDeflate, ZipStoredCopy } from './nativeZipDeflate';
import { prepareAtomically, type AtomicOutput, type PendingFile } from './atomicFile';
import { XlsxParts } from './xlsxStream';
import { ZipPartTooLarge, type ZipPart } from './zipParts';
import { inspectZip, ZIP_LIMITS, type ZipLimits } from './zipGuard';
import { formatCode, formatGrid, spansBelow, typedCell, type HostCell, type NumberFormat } from '../sheets/typedCells';
import { TABS } from '../sheets/schema';

/** ExcelJS orders tabs by this field; its typings leave it out. */
type Ordered = ExcelJS.Worksheet & { orderNo: number };

/**
 * Secrets live in a very hidden tab: out of sight, but they travel with the file (a job's state,
 * the calendar id). A secret that must not travel (the voter key) is kept outside instead.
 */
const SECRET_TAB = '_civic_sheets';

/** A secret kept outside the file (the voter key, in a key file: keyFile.ts). */
export interface OutsideSecret {
  get(): string | null;
  set(value: string): void;
  /** Where it is kept, for messages. */
  location(): string;
  /** Makes a set value permanent; called by save before the workbook is written. */
  flush(): Promise<void>;
}

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

/** 투표 in either language: what check-plans and reminders never read (see OpenOptions.unread). */
export const BALLOT_TAB_NAMES: readonly string[] = [TABS.ballots.ko, TABS.ballots.en];

export interface OpenOptions {
  /**
   * Tabs the command never reads (check-plans and reminders never read 투표): such a tab, when
   * large and of plain values, is not parsed at open — its rows are copied from the file on save,
   * unless the command rewrites the tab whole. Reading it, or writing part of it, is a bug and throws.
   */
  unread?: readonly string[];
}

/**
 * A workbook's own large tabs stream in, so it may be larger than an export read whole: a
 * million-ballot 투표 tab is about 150 MB of sheet XML, 제외 and 이력 beside it.
 */
const WORKBOOK_ZIP_LIMITS: ZipLimits = { ...ZIP_LIMITS, totalBytes: 4 * 1024 * 1024 * 1024, partBytes: 1024 * 1024 * 1024 };

const WORKSHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/;
/** Rows of a worksheet Excel opens (header included): 1,048,575 ballots under 투표's header. */
export const EXCEL_MAX_ROWS = 1_048_576;
/** Rows of sheet XML made and deflated at a time when a large tab is saved. */
const XML_BATCH_ROWS = 5_000;

/**
 * A Workbook over an .xlsx file. Tabs the workflows do not write keep their formatting; a tab
 * that is rewritten is rebuilt in place (same position). Nothing reaches the disk until `save`,
 * which replaces the file atomically (atomicFile.ts), so a failed command leaves the file as it was.
 */
export class XlsxWorkbook implements Workbook {
  /** Every tab's cells are in this process until the file is saved. */
  readonly readsAreLocal = true;
  /** Large tabs: every row, header included. ExcelJS holds their first row only. */
  private readonly large = new Map<string, (readonly Cell[])[]>();
  /** The file as opened, when it had large tabs: an unchanged one is copied from it on save. */
  private source: XlsxParts | null = null;
  private readonly sourceParts = new Map<string, ZipPart>();
  /** Each large tab's XML as the file has it without its rows after the first (what ExcelJS was given). */
  private readonly sourcePlaceholders = new Map<string, string>();
  /** Large tabs whose rows after the first are plain values in the file (see SheetXmlSplit.plainBody). */
  private readonly plainBody = new Set<string>();
  /** Tabs written since the file was opened. */
  private readonly changed = new Set<string>();
  private readonly outside = new Map<string, OutsideSecret>();
  /** Rows of large tabs, as opened, that hold a formula. */
  private readonly largeFormulaRows = new Map<string, ReadonlySet<number>>();
  keyLocation?: () => string;
  /** Large tabs left unparsed at open (OpenOptions.unread): their dimension, as in the file. */
  private readonly unparsed = new Map<string, string>();

  private constructor(
    private readonly book: ExcelJS.Workbook,
    readonly filePath: string,
    private readonly limits: LargeTabLimits,
  ) {}

  static async open(filePath: string, limits: LargeTabLimits = LARGE_TAB, options: OpenOptions = {}): Promise<XlsxWorkbook> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(filePath);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '파일이 없습니다 / file not found' : '파일을 열 수 없습니다 / cannot open the file';
      throw new UserError('bad_workbook', `${filePath}: ${reason}`);
    }
    const unreadable = (): UserError => new UserError('bad_workbook', `${filePath}: 읽을 수 없는 .xlsx 파일입니다 / not a readable .xlsx file`);
    const refused = (reason: string): UserError => new UserError('bad_workbook', `${filePath}: 비정상적으로 큰 파일이라 열지 않았습니다 (${reason}) / refused as abnormally large (${reason})`);
    const verdict = await inspectZip(bytes, WORKBOOK_ZIP_LIMITS);
    if (!verdict.ok) {
      if (verdict.reason === 'not a readable zip' || verdict.reason === 'damaged zip directory') throw unreadable();
      throw refused(verdict.reason ?? '');
    }
    const book = new ExcelJS.Workbook();
    const workbook = new XlsxWorkbook(book, filePath, limits);
    try {
      const loadable = await workbook.takeLargeTabs(bytes, new Set(options.unread ?? []));
      await book.xlsx.load(exactArrayBuffer(loadable));
    } catch (error) {
      if (isUserError(error)) throw new UserError('bad_workbook', `${filePath}: ${error.message}`);
      if (error instanceof ZipPartTooLarge) throw refused('a part inflates beyond its declared size');
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
   * Reads each large worksheet of the file into rows (or, for a tab in `unread`, only cuts it
   * around its rows), and returns the file for ExcelJS with those worksheets cut down to their first row.
   */
  private async takeLargeTabs(bytes: Buffer, unread: ReadonlySet<string>): Promise<Buffer> {
    const xlsx = await XlsxParts.open(bytes);
    let keep = false;
    try {
      const largeParts = xlsx.parts.filter((part) => WORKSHEET_PART.test(part.name) && part.size > this.limits.xmlBytes);
      const tabOf = largeParts.length === 0 ? new Map<string, string>() : new Map((await xlsx.worksheets()).map((sheet) => [sheet.part, sheet.name]));
      const placeholders = new Map<string, Uint8Array>();
      for (const part of largeParts) {
        const tab = tabOf.get(part.name);
        if (tab === undefined) continue;
        if (unread.has(tab)) {
          const split = await xlsx.splitWorksheet(part);
          // Rows that are not plain values, or no dimension to keep: read as any other large tab.
          if (split.plainBody && split.dimension !== null) {
            this.unparsed.set(tab, split.dimension);
            this.sourceParts.set(tab, part);
            this.sourcePlaceholders.set(tab, split.placeholder);
            placeholders.set(part.name, strToU8(split.placeholder));
            continue;
          }
        }
        const { rows, placeholder, plainBody, formulaRows } = await xlsx.readWorksheet(part);
        this.large.set(tab, rows);
        if (formulaRows.length > 0) this.largeFormulaRows.set(tab, new Set(formulaRows));
        this.sourceParts.set(tab, part);
        this.sourcePlaceholders.set(tab, placeholder);
        if (plainBody) this.plainBody.add(tab);
        placeholders.set(part.name, strToU8(placeholder));
      }
      if (placeholders.size > 0) {
        this.source = xlsx;
        keep = true;
      }
      // Every part inflated within its declared size, even when none is large: ExcelJS gets no byte unchecked.
      return await xlsx.boundedCopy(placeholders);
    } finally {
      if (!keep) xlsx.close();
    }
  }

  tabNames(): string[] {
    return this.book.worksheets.filter((ws) => ws.name !== SECRET_TAB).map((ws) => ws.name);
  }

  leftUnread(name: string): boolean {
    return this.unparsed.has(name);
  }

  /** A tab left unparsed cannot be read or patched: it was opened for commands that promised not to. */
  private refuseUnparsed(name: string): void {
    if (this.unparsed.has(name)) throw new Error(`'${name}' was left unread when the workbook was opened (OpenOptions.unread)`);
  }

  readRows(name: string): ReadonlyGrid | null {
    this.refuseUnparsed(name);
    return this.large.get(name) ?? this.readTab(name);
  }

  readTab(name: string): Grid | null {
    this.refuseUnparsed(name);
    const large = this.large.get(name);
    if (large !== undefined) return large.map((row) => [...row]);
    const ws = this.book.getWorksheet(name);
    if (ws === undefined) return null;
    const grid: Grid = [];
    ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = typedCell(toHostCell(cell.value), cell.numFmt);
      });
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      grid[rowNumber - 1] = cells;
    });
    for (let i = 0; i < grid.length; i++) if (grid[i] === undefined) grid[i] = [];
    return grid;
  }

  formulaRows(name: string): ReadonlySet<number> {
    if (this.large.has(name)) return this.largeFormulaRows.get(name) ?? new Set();
    const rows = new Set<number>();
    this.book.getWorksheet(name)?.eachRow((row, rowNumber) => {
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) rows.add(rowNumber);
      });
    });
    return rows;
  }

  writeTab(name: string, rows: Grid, options: WriteOptions = {}): void {
    this.changed.add(name);
    this.largeFormulaRows.delete(name);
    // Rewritten whole: its rows in the file are not needed any more.
    this.unparsed.delete(name);
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
    applyFormats(ws, large ? rows.slice(0, 1) : rows, options.formats);
    for (const fill of options.fills ?? []) {
      ws.getCell(fill.row, fill.col).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${fill.color.replace('#', '').toUpperCase()}` } };
    }
    // A printed tab's columns are narrower (a long text runs on into the empty cell beside it), so
    // one page wide stays readable; wrapping instead would need row heights ExcelJS cannot measure.
    fitColumns(ws, rows, options.pageSetup ? PRINTED_COLUMN_WIDTH : SCREEN_COLUMN_WIDTH);
    if (options.pageSetup) applyPageSetup(ws, options.pageSetup);
  }

  writeRange(name: string, row: number, column: number, rows: Grid): void {
    this.refuseUnparsed(name);
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
    this.refuseUnparsed(name);
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

  /** From now on this secret is read and written there, never in the file. */
  keepSecretOutside(key: string, store: OutsideSecret): void {
    this.outside.set(key, store);
    this.keyLocation = () => store.location();
  }

  /** A secret the file holds, removed from it (and its tab, once empty); null when it holds none. */
  takeInsideSecret(key: string): string | null {
    const ws = this.book.getWorksheet(SECRET_TAB);
    if (ws === undefined) return null;
    let value: string | null = null;
    const kept: [unknown, unknown][] = [];
    ws.eachRow((row) => {
      if (row.getCell(1).value === key) value = String(row.getCell(2).value ?? '');
      else kept.push([row.getCell(1).value, row.getCell(2).value]);
    });
    if (value === null) return null;
    this.book.removeWorksheet(ws.id);
    if (kept.length > 0) {
      const again = this.book.addWorksheet(SECRET_TAB);
      again.state = 'veryHidden';
      for (const row of kept) again.addRow(row);
    }
    return value;
  }

  getSecret(key: string): string | null {
    const outside = this.outside.get(key);
    if (outside !== undefined) return outside.get();
    const ws = this.book.getWorksheet(SECRET_TAB);
    let value: string | null = null;
    ws?.eachRow((row) => {
      if (row.getCell(1).value === key) value = String(row.getCell(2).value ?? '');
    });
    return value;
  }

  setSecret(key: string, value: string): void {
    const outside = this.outside.get(key);
    if (outside !== undefined) {
      outside.set(value);
      return;
    }
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
    (await this.prepareSave()).commit();
  }

  /** The saved file complete beside the workbook, renamed over it on commit (see prepareAtomically). */
  async prepareSave(): Promise<PendingFile> {
    this.refuseBeyondExcel();
    // The key first: a workbook saved with ballots keyed by a key that was never kept would be lost.
    for (const store of this.outside.values()) await store.flush();
    return prepareAtomically(this.filePath, async (out) => {
      const whole = this.large.size === 0 && this.unparsed.size === 0;
      // With large tabs ExcelJS's zip is only taken apart and compressed again: it is written stored.
      const written = new Uint8Array(await this.book.xlsx.writeBuffer(whole ? {} : { zip: { compression: 'STORE' } }));
      if (whole) out.write(written);
      else await this.writeWithLargeTabs(out, written);
    });
  }

  /**
   * Excel opens at most EXCEL_MAX_ROWS rows of a tab and drops the rest when the file is saved
   * again: a tab that long is refused before anything is written, so the file stays as it was.
   * (Refused rather than continued in a second tab: every reader, the tally's fingerprints and
   * Sheets would all have to treat two tabs as one, for votes far beyond a resident ballot.)
   */
  private refuseBeyondExcel(): void {
    for (const [tab, rows] of this.large) {
      if (rows.length <= EXCEL_MAX_ROWS) continue;
      const over = (rows.length - EXCEL_MAX_ROWS).toLocaleString('en-US');
      throw new UserError(
        'too_many_rows',
        `'${tab}' 탭이 ${rows.length.toLocaleString('en-US')}행이 되어 Excel이 열 수 있는 ${EXCEL_MAX_ROWS.toLocaleString('en-US')}행을 ${over}행 넘습니다. 저장하지 않았습니다 (파일은 그대로) — 투표를 나누어 다른 통합문서에서 개표하세요` +
          ` / The '${tab}' tab would have ${rows.length.toLocaleString('en-US')} rows, ${over} more than the ${EXCEL_MAX_ROWS.toLocaleString('en-US')} Excel opens; not saved (the file is unchanged): split the votes over workbooks`,
      );
    }
  }

  /** ExcelJS's file, with each large tab's rows streamed into its worksheet after the first. */
  private async writeWithLargeTabs(out: AtomicOutput, written: Uint8Array): Promise<void> {
    const parts = unzipSync(written);
    const partOf = worksheetParts(strFromU8(parts['xl/workbook.xml']), strFromU8(parts['xl/_rels/workbook.xml.rels']));
    const largeOf = new Map<string, { tab: string; rows: ReadonlyGrid | null }>();
    for (const [tab, rows] of this.large) {
      const part = partOf.get(tab);
      if (part !== undefined) largeOf.set(part, { tab, rows });
    }
    for (const tab of this.unparsed.keys()) {
      const part = partOf.get(tab);
      if (part !== undefined) largeOf.set(part, { tab, rows: null });
    }
    // A failed write (a full disk) stops the rows being made: the file is lost anyway.
    let failed: unknown = null;
    await new Promise<void>((resolve, reject) => {
      const zip = new Zip((error, chunk, final) => {
        if (failed !== null) return;
        try {
          if (error) throw error;
          out.write(chunk);
          if (final) resolve();
        } catch (failure) {
          failed = failure;
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
          const dimension = this.unparsed.get(tab);
          const { before, after } = placeholderSplit(rows === null ? withDimensionRef(strFromU8(data), dimension ?? 'A1') : withDimension(strFromU8(data), rows));
          const original = this.sourceParts.get(tab);
          const copied = rows === null || (this.plainBody.has(tab) && !this.changed.has(tab));
          if (this.source !== null && original !== undefined && copied && before + after === this.sourcePlaceholders.get(tab)) {
            // Unchanged, and ExcelJS wrote its head and tail as the file had them: the part is the
            // file's, byte for byte, and is copied as stored (nothing inflated or compressed again).
            const stored = new ZipStoredCopy(name, original.stored, original.size);
            zip.add(stored);
            await original.stored.stream((chunk) => {
              if (failed !== null) throw failed;
              stored.pushStored(chunk);
            });
            stored.pushStored(new Uint8Array(0), true);
            continue;
          }
          // zlib's fastest level: on 122 MB of 투표 XML (200,000 ballots) 0.6 s instead of level 6's 2.1 s,
          // for a file 16% larger (17.7 MB instead of 15.3 MB); the rows' XML repeats itself enough.
          const file = new NativeZipDeflate(name, 1);
          zip.add(file);
          file.push(utf8(before));
          if (this.source !== null && original !== undefined && copied) {
            // Unchanged since it was opened, and plain values: its rows' XML is copied as it was.
            await this.source.copyWorksheetBody(original, async (xml) => {
              if (failed !== null) throw failed;
              file.push(utf8(xml));
              await file.drained();
            });
          } else if (rows !== null) {
            const writer = new RowsXmlWriter();
            for (let from = 1; from < rows.length && failed === null; from += XML_BATCH_ROWS) {
              file.push(writer.write(rows, from, Math.min(rows.length, from + XML_BATCH_ROWS)));
              // The next rows' XML is made while these are compressed, up to the compressor's buffer.
              await file.drained();
            }
          } else throw new Error(`'${tab}' left unread without its file to copy from`);
          file.push(utf8(after), true);
        }
        zip.end();
      };
      addParts().catch(reject);
    });
  }
}

/**
 * Text as UTF-8 bytes with Node's own encoder: on the rows' XML of a large tab (hundreds of MB at a
 * million ballots) about twice as fast as fflate's strToU8, which goes through TextEncoder.
 */
function utf8(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

/** The bytes as an ArrayBuffer of their own (ExcelJS's load wants one), copied only when shared. */
function exactArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return (whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) as ArrayBuffer;
}

/**
 * Cells leave ExcelJS as plain values: a formula as its cached result, a date as its wall-clock time
 * (ExcelJS hands dates over in UTC wall-clock terms), for `typedCell` to read with the cell's format.
 */
function toHostCell(value: ExcelJS.CellValue): HostCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return { wallClock: Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 19) };
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return toHostCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return typeof value.text === 'string' ? value.text : toHostCell(value.text as ExcelJS.CellValue);
  if ('error' in value) return value.error;
  return null;
}

/** Strings stay strings: ExcelJS writes them as text cells, which Excel never evaluates as formulas. */
function fromCell(cell: Cell): ExcelJS.CellValue {
  return cell === '' ? null : cell;
}

/**
 * Number formats as `numFmt`, by the hosts' shared rule: the written cells as formatGrid says (a
 * number format only on a number), and the empty cells below them that a span names (spansBelow).
 */
function applyFormats(ws: ExcelJS.Worksheet, rows: Grid, spans: WriteOptions['formats']): void {
  if (spans === undefined || spans.length === 0) return;
  formatGrid(rows, spans).forEach((row, r) => {
    row.forEach((format, c) => {
      if (format !== null) setNumberFormat(ws.getCell(r + 1, c + 1), format);
    });
  });
  for (const span of spansBelow(rows.length, spans)) {
    for (let r = span.fromRow; r <= span.toRow; r++) setNumberFormat(ws.getCell(r, span.col), span.format);
  }
}

/** A style of its own: ExcelJS may share one style object between cells. */
function setNumberFormat(cell: ExcelJS.Cell, format: NumberFormat): void {
  cell.style = { ...cell.style, numFmt: formatCode(format) };
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
    // No print area: ExcelJS 4.4 rewrites a workbook's defined names so that, after a few loads and
    // saves, it can no longer load them (`decodeEx` on an undefined range); so 결과 prints its
    // charts' helper columns too, in the narrower printed widths.
  };
}

