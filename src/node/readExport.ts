import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import ExcelJS from 'exceljs';
import { inspectZip } from './zipGuard';
import { csvRowBatchesOfBytes } from '../io/exportRows';
import type { RowSource } from '../workflows/importBallots';
import type { DetectedEncoding, EncodingChoice } from '../io/decode';
import { serialToText } from '../io/xlsxCells';
import { typedCell } from '../sheets/typedCells';
import type { Grid } from '../workflows/workbook';
import type { FormulaCell } from '../workflows/api';
import { XlsxParts } from './xlsxStream';
import { ZipPartTooLarge } from './zipParts';
import { isUserError } from '../core/errors';

/**
 * An exported vote file on disk (CSV/TSV/TXT or .xlsx) as a table of text cells, header first.
 * Cells become the text a person would read in the file, never a formula or an object, so the
 * import layer sees CSV and Excel exports the same way.
 */
export interface ExportTable {
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: DetectedEncoding | 'xlsx';
  delimiter?: string;
  sheetName?: string;
  rows: string[][];
  /** Cells of `rows` that hold a formula in the file (see ImportInput.formulaCells). */
  formulaCells?: FormulaCell[];
}

/** An export read for import: its rows come in batches, so a large CSV is never one big table. */
export interface ExportRows extends Omit<ExportTable, 'rows'> {
  source: RowSource;
}

export interface ReadExportOptions {
  /** How to decode a CSV; ignored for .xlsx, which is always UTF-8 inside. */
  encoding?: EncodingChoice;
  /**
   * An .xlsx whose sheet XML inflates to more bytes than this is read as a stream rather than
   * through ExcelJS (whose object per cell does not fit a million-row export). Default 8 MB.
   */
  largeSheetBytes?: number;
  /** Which sheet of an .xlsx to read (`--sheet`); without it, the only visible sheet holding data. */
  sheet?: string;
}

const LARGE_SHEET_BYTES = 8 * 1024 * 1024;

/** The file cannot be opened or is not a readable export; the message is one line for staff. */
export class ExportReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ExportReadError';
  }
}

const TEXT_EXTENSIONS = new Set(['.csv', '.txt', '.tsv']);
const XLSX_EXTENSIONS = new Set(['.xlsx', '.xlsm']);
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** Old binary .xls, and also what Excel wraps a password-protected .xlsx in. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export async function readExportFile(path: string, options: ReadExportOptions = {}): Promise<ExportTable> {
  return withAllRows(await readExportRows(path, options));
}

/** readExportFile for an import: a CSV's rows are read batch by batch as the import goes. */
export async function readExportRows(path: string, options: ReadExportOptions = {}): Promise<ExportRows> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new ExportReadError(`파일을 열 수 없습니다: ${path} / Cannot open file: ${path}`, { cause: error });
  }
  return rowsFromBytes(basename(path), bytes, options);
}

/** Same as readExportFile for bytes already in memory; the name only chooses the format. */
export async function tableFromBytes(fileName: string, bytes: Uint8Array, options: ReadExportOptions = {}): Promise<ExportTable> {
  return withAllRows(await rowsFromBytes(fileName, bytes, options));
}

function withAllRows({ source, ...rest }: ExportRows): ExportTable {
  const rows: string[][] = [];
  for (const batch of source.batches()) for (const row of batch) rows.push([...row]);
  return { ...rest, rows };
}

async function rowsFromBytes(fileName: string, bytes: Uint8Array, options: ReadExportOptions): Promise<ExportRows> {
  const extension = extname(fileName).toLowerCase();
  if (startsWith(bytes, ZIP_MAGIC)) return readXlsx(fileName, bytes, options.largeSheetBytes ?? LARGE_SHEET_BYTES, options.sheet);
  if (startsWith(bytes, OLE_MAGIC) || extension === '.xls') {
    throw new ExportReadError(
      `구형 .xls 나 암호가 걸린 엑셀 파일은 읽을 수 없습니다. Excel에서 .xlsx 또는 CSV로 저장한 뒤 다시 시도하세요: ${fileName}` +
        ` / Cannot read old .xls or password-protected Excel files; save as .xlsx or CSV in Excel and try again: ${fileName}`,
    );
  }
  if (XLSX_EXTENSIONS.has(extension)) throw damagedXlsx(fileName);
  if (!TEXT_EXTENSIONS.has(extension)) {
    throw new ExportReadError(
      `지원하지 않는 파일 형식입니다 (.csv, .tsv, .txt, .xlsx 만 읽습니다): ${fileName}` +
        ` / Unsupported file type (only .csv, .tsv, .txt and .xlsx are read): ${fileName}`,
    );
  }

  const { encoding, delimiter, batches, expectedRows, release } = csvRowBatchesOfBytes(bytes, options.encoding ?? 'auto');
  return { fileName, format: 'csv', encoding, delimiter, source: { batches, expectedRows, release } };
}

async function readXlsx(fileName: string, bytes: Uint8Array, largeSheetBytes: number, wanted: string | undefined): Promise<ExportRows> {
  const verdict = await inspectZip(bytes);
  if (!verdict.ok) {
    if (verdict.reason === 'not a readable zip' || verdict.reason === 'damaged zip directory') throw damagedXlsx(fileName, new Error(verdict.reason));
    throw zipBomb(fileName, verdict.reason ?? '');
  }
  const read = await readLargeSheet(fileName, bytes, largeSheetBytes, wanted);
  if ('source' in read) return read;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(exactBuffer(read.bounded));
  } catch (error) {
    throw damagedXlsx(fileName, error);
  }
  // Each sheet's formula cells, kept beside its rows (the chosen sheet's go with it).
  const formulasOf = new Map<string, FormulaCell[]>();
  const sheet = await chooseSheet(
    fileName,
    workbook.worksheets.map((candidate) => ({
      name: candidate.name,
      visible: candidate.state === 'visible',
      rows: () => {
        const formulaCells: FormulaCell[] = [];
        const rows = sheetRows(candidate, formulaCells);
        formulasOf.set(candidate.name, formulaCells);
        return Promise.resolve(rows);
      },
    })),
    wanted,
  );
  const rows = await sheet.rows();
  const formulaCells = formulasOf.get(sheet.name) ?? [];
  return { fileName, format: 'xlsx', encoding: 'xlsx', sheetName: sheet.name, formulaCells, source: { batches: () => [rows], expectedRows: rows.length } };
}

/**
 * The first visible sheet read as a stream when its XML is large, with cells as cellText gives them
 * (a merged range's other cells are empty in the file itself). When it is not large: the file for
 * ExcelJS, every part inflated within its declared size (a directory that lies is refused here).
 */
async function readLargeSheet(fileName: string, bytes: Uint8Array, largeSheetBytes: number, wanted: string | undefined): Promise<ExportRows | { bounded: Buffer }> {
  let xlsx: XlsxParts;
  try {
    xlsx = await XlsxParts.open(bytes);
  } catch (error) {
    throw damagedXlsx(fileName, error);
  }
  try {
    const entries = await xlsx.worksheets();
    const first = wanted === undefined ? entries.find((candidate) => candidate.state === 'visible') : entries.find((candidate) => sameSheetName(candidate.name, wanted));
    const part = first === undefined ? undefined : xlsx.part(first.part);
    if (first === undefined || part === undefined || part.size <= largeSheetBytes) return { bounded: await xlsx.boundedCopy() };
    const opened = xlsx;
    const formulasOf = new Map<string, FormulaCell[]>();
    const sheets = entries.map((entry) => {
      let read: Promise<string[][]> | null = null;
      const rows = (): Promise<string[][]> => {
        const entryPart = opened.part(entry.part);
        read ??=
          entryPart === undefined
            ? Promise.resolve([])
            : opened.readWorksheet(entryPart, serialToText, true).then((split) => {
                formulasOf.set(entry.name, split.formulaCells);
                return textRows(split.rows);
              });
        return read;
      };
      return { name: entry.name, visible: entry.state === 'visible', rows };
    });
    const sheet = await chooseSheet(fileName, sheets, wanted);
    const rows = await sheet.rows();
    const formulaCells = formulasOf.get(sheet.name) ?? [];
    return { fileName, format: 'xlsx', encoding: 'xlsx', sheetName: sheet.name, formulaCells, source: { batches: () => [rows], expectedRows: rows.length } };
  } catch (error) {
    // A refusal already worded for the user (several sheets and no choice) passes as it is.
    if (error instanceof ExportReadError) throw error;
    if (error instanceof ZipPartTooLarge) throw zipBomb(fileName, 'a part inflates beyond its declared size');
    if (isUserError(error) && error.code === 'line_too_long') throw new ExportReadError(`${error.message}: ${fileName}`);
    // Missing or broken XML of any part (a zip that only looks like an .xlsx) is a damaged file.
    throw damagedXlsx(fileName, error);
  } finally {
    xlsx.close();
  }
}

interface SheetCandidate {
  name: string;
  visible: boolean;
  rows: () => Promise<string[][]>;
}

function sameSheetName(name: string, wanted: string): boolean {
  const norm = (text: string): string => text.normalize('NFC').trim().toLowerCase();
  return norm(name) === norm(wanted);
}

/**
 * The sheet to import: the one `--sheet` names (hidden ones too), else the only visible sheet
 * holding data. With several, the import would count one and silently leave the others (50 of
 * 50,000 rows), so it refuses and names them with their row counts.
 */
async function chooseSheet(fileName: string, sheets: readonly SheetCandidate[], wanted: string | undefined): Promise<SheetCandidate> {
  if (wanted !== undefined) {
    const named = sheets.find((sheet) => sheet.name === wanted) ?? sheets.find((sheet) => sameSheetName(sheet.name, wanted));
    if (named !== undefined) return named;
    const names = sheets.map((sheet) => `'${sheet.name}'`).join(', ');
    throw new ExportReadError(`엑셀 파일에 '${wanted}' 시트가 없습니다 (있는 시트: ${names}): ${fileName} / The Excel file has no sheet '${wanted}' (sheets: ${names}): ${fileName}`);
  }
  const visible = sheets.filter((sheet) => sheet.visible);
  if (visible.length === 0) {
    throw new ExportReadError(`엑셀 파일에 보이는 시트가 없습니다: ${fileName} / The Excel file has no visible worksheet: ${fileName}`);
  }
  if (visible.length === 1) return visible[0];
  const counted = await Promise.all(visible.map(async (sheet) => ({ sheet, rows: (await sheet.rows()).filter((row) => row.some((cell) => cell.trim() !== '')).length })));
  const withData = counted.filter((c) => c.rows > 0);
  if (withData.length <= 1) return (withData[0] ?? counted[0]).sheet;
  const listKo = withData.map((c) => `'${c.sheet.name}' ${c.rows.toLocaleString('en-US')}행`).join(', ');
  const listEn = withData.map((c) => `'${c.sheet.name}' ${c.rows.toLocaleString('en-US')} rows`).join(', ');
  throw new ExportReadError(
    `엑셀 파일에 데이터가 있는 시트가 여러 개입니다: ${listKo}. --sheet 이름으로 가져올 시트를 고르세요: ${fileName}` +
      ` / The Excel file has several sheets with data: ${listEn}. Choose one with --sheet NAME: ${fileName}`,
  );
}

/** Values as text, in the shape sheetRows gives: rows end at their last non-empty cell, trailing empty rows dropped. */
function textRows(grid: Grid): string[][] {
  const rows: string[][] = [];
  let kept = 0;
  for (const row of grid) {
    const cells = row.map((value) => (value === null ? '' : typeof value === 'number' ? plainNumber(value) : typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : value));
    let end = cells.length;
    while (end > 0 && cells[end - 1] === '') end -= 1;
    cells.length = end;
    rows.push(cells);
    if (end > 0) kept = rows.length;
  }
  rows.length = kept;
  return rows;
}

/**
 * Rows as long as their last non-empty cell; empty rows inside are [], empty rows at the end are
 * dropped. Where formulas are is added to `formulaCells`.
 */
function sheetRows(sheet: ExcelJS.Worksheet, formulaCells: FormulaCell[]): string[][] {
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      if (cell.type === ExcelJS.ValueType.Formula) formulaCells.push({ row: rowNumber - 1, column: columnNumber - 1 });
      const text = cellText(cell);
      if (text === '') return;
      while (cells.length < columnNumber - 1) cells.push('');
      cells[columnNumber - 1] = text;
    });
    if (cells.length === 0) return;
    while (rows.length < rowNumber - 1) rows.push([]);
    rows[rowNumber - 1] = cells;
  });
  return rows;
}

function cellText(cell: ExcelJS.Cell): string {
  // Like Excel's own CSV export, a merged range shows its value once, in its top-left cell.
  if (cell.type === ExcelJS.ValueType.Merge) return '';
  return valueText(cell.value, cell.numFmt);
}

function valueText(value: unknown, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    // As every reader reads a cell (typedCell): 0.8 in a `0%` cell is `80%`, 1 in a `00` cell is `01`.
    const typed = typedCell(value, numFmt);
    return typeof typed === 'string' ? typed : plainNumber(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return wallClockText(value, numFmt);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) {
      return value.richText.map((run: { text?: unknown }) => (typeof run.text === 'string' ? run.text : '')).join('');
    }
    // A formula's cached result is what the cell shows; a formula with no cached result shows nothing.
    if ('formula' in value || 'sharedFormula' in value) {
      return 'result' in value ? valueText(value.result, numFmt) : '';
    }
    if ('hyperlink' in value) return 'text' in value ? valueText(value.text, numFmt) : '';
    if ('error' in value && typeof value.error === 'string') return value.error;
  }
  return '';
}

/**
 * Decimal text without exponent, so a phone number stored as 1012345678 stays digits.
 * Fractions are cut to Excel's 15 significant digits, so a formula's 0.30000000000000004
 * reads as the 0.3 the cell shows.
 */
function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return BigInt(value).toString();
  return expandExponent(String(Number(value.toPrecision(15))));
}

function expandExponent(text: string): string {
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, head, tail = '', exponentText] = match;
  const exponent = Number(exponentText);
  const digits = head + tail;
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  return exponent >= tail.length
    ? sign + digits + '0'.repeat(exponent - tail.length)
    : `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

/**
 * ExcelJS builds a Date from the cell's serial as if it were UTC, so the UTC fields are the
 * wall-clock time the cell shows (Seoul time, for our files). Seconds are rounded as Excel
 * displays them. A date-only format at midnight gives just the date.
 */
function wallClockText(date: Date, numFmt: string | undefined): string {
  const shown = new Date(Math.round(date.getTime() / 1000) * 1000);
  const day = `${String(shown.getUTCFullYear()).padStart(4, '0')}-${pad(shown.getUTCMonth() + 1)}-${pad(shown.getUTCDate())}`;
  const time = `${pad(shown.getUTCHours())}:${pad(shown.getUTCMinutes())}:${pad(shown.getUTCSeconds())}`;
  return time === '00:00:00' && !formatShowsTime(numFmt) ? day : `${day} ${time}`;
}

function formatShowsTime(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const tokens = numFmt
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[\$[^\]]*\]/g, '');
  return /[hs]|AM\/PM|A\/P|오전|오후/i.test(tokens);
}

function zipBomb(fileName: string, reason: string): ExportReadError {
  return new ExportReadError(
    `엑셀 파일이 비정상적으로 큽니다 (${reason}). 압축 폭탄일 수 있어 열지 않았습니다: ${fileName}` +
      ` / Refused: the Excel file ${reason}, which no ballot export does (a zip bomb?): ${fileName}`,
  );
}

/** The bytes as an ArrayBuffer holding exactly them (ExcelJS's load wants one). */
function exactBuffer(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function damagedXlsx(fileName: string, cause?: unknown): ExportReadError {
  return new ExportReadError(
    `엑셀 파일을 읽을 수 없습니다. 파일이 손상되었거나 .xlsx 형식이 아닙니다: ${fileName}` +
      ` / Cannot read the Excel file; it is damaged or not in .xlsx format: ${fileName}`,
    { cause },
  );
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
