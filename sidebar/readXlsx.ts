/**
 * Reads the visible sheets of an .xlsx in the browser: fflate inflates only the parts needed,
 * and the browser's DOMParser reads the XML. Cells become text exactly as the CLI's reader gives
 * them (src/node/readExport.ts): numbers in plain decimals, dates as `YYYY-MM-DD HH:mm:ss` wall-clock
 * time, formulas as their saved result, never the formula itself (where formulas were is returned,
 * for the import to set those rows aside).
 *
 * A zip bomb is refused by the bytes inflating actually produces, never by what the zip says: a
 * part is stopped at the first byte past the size its header claims, or past MAX_PART_BYTES. The
 * zip is fed to the inflater in small slices with a pause for the page between them, so the
 * sidebar stays responsive while a file is read (a bomb is refused in well under a second).
 */
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import type { FormulaCell } from '../src/workflows/api';
import { columnIndex, numberStyle, serialToText, styledNumber, type NumberStyle } from '../src/io/xlsxCells';

/** Far above any real export (1M ballots ≈ 150 MB of sheet XML), the same limits as the CLI's (zipGuard.ts). */
const MAX_PART_BYTES = 256 * 1024 * 1024;
const MAX_TOTAL_BYTES = 512 * 1024 * 1024;
/** Compressed bytes handed to the inflater at a time: at most about 16 MB come out of one. */
const SLICE_BYTES = 16 * 1024;
/** The page gets a turn at least this often (ms) while a file inflates. */
const YIELD_EVERY_MS = 30;
const NEEDED_PART = /^(xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/sharedStrings\.xml|xl\/styles\.xml|xl\/worksheets\/[^/]+\.xml)$/;

export class XlsxReadError extends Error {
  constructor(readonly reason: 'damaged' | 'too_large' | 'no_sheet') {
    super(reason);
    this.name = 'XlsxReadError';
  }
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** The parts of the zip the reader needs, inflated within their bounds (see the header comment). */
export async function boundedParts(bytes: Uint8Array, wanted: (name: string) => boolean = (name) => NEEDED_PART.test(name)): Promise<Record<string, Uint8Array>> {
  const parts: Record<string, Uint8Array> = {};
  let total = 0;
  let failure: XlsxReadError | null = null;
  const unzip = new Unzip((file: UnzipFile) => {
    if (!wanted(file.name)) return;
    const chunks: Uint8Array[] = [];
    let produced = 0;
    // The local header's claim, when it makes one (a data descriptor leaves it out).
    const claimed = file.originalSize !== undefined && file.originalSize > 0 ? file.originalSize : Number.POSITIVE_INFINITY;
    file.ondata = (err, data, final) => {
      if (failure !== null) return;
      if (err) {
        failure = new XlsxReadError('damaged');
        return;
      }
      produced += data.length;
      total += data.length;
      if (produced > Math.min(claimed, MAX_PART_BYTES) || total > MAX_TOTAL_BYTES) {
        failure = new XlsxReadError('too_large');
        file.terminate();
        return;
      }
      chunks.push(data);
      if (final) parts[file.name] = joined(chunks, produced);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    let paused = Date.now();
    for (let at = 0; at < bytes.length && failure === null; at += SLICE_BYTES) {
      unzip.push(bytes.subarray(at, Math.min(bytes.length, at + SLICE_BYTES)), at + SLICE_BYTES >= bytes.length);
      if (Date.now() - paused > YIELD_EVERY_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        paused = Date.now();
      }
    }
  } catch {
    failure ??= new XlsxReadError('damaged');
  }
  if (failure !== null) throw failure;
  return parts;
}

function joined(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

export interface XlsxSheet {
  sheetName: string;
  rows: string[][];
  /** Cells that held a formula (0-based row and column of `rows`). */
  formulaCells: FormulaCell[];
}

/** The first visible sheet (what the sidebar read before several sheets were told apart). */
export async function readXlsxRows(bytes: Uint8Array): Promise<XlsxSheet> {
  return (await readXlsxSheets(bytes))[0];
}

/** Every visible sheet, in the workbook's order, each as text rows with its formula cells. */
export async function readXlsxSheets(bytes: Uint8Array): Promise<XlsxSheet[]> {
  const parts = await boundedParts(bytes);
  const text = (name: string): string | null => (parts[name] ? new TextDecoder().decode(parts[name]) : null);
  const xml = (name: string): Document | null => {
    const source = text(name);
    if (source === null) return null;
    const doc = new DOMParser().parseFromString(source, 'application/xml');
    if (doc.getElementsByTagName('parsererror').length > 0) throw new XlsxReadError('damaged');
    return doc;
  };
  const workbook = xml('xl/workbook.xml');
  const rels = xml('xl/_rels/workbook.xml.rels');
  if (workbook === null || rels === null) throw new XlsxReadError('damaged');
  const visible = Array.from(workbook.getElementsByTagNameNS(MAIN_NS, 'sheet')).filter((s) => (s.getAttribute('state') ?? 'visible') === 'visible');
  if (visible.length === 0) throw new XlsxReadError('no_sheet');
  const strings = sharedStrings(xml('xl/sharedStrings.xml'));
  const styles = numberStyles(xml('xl/styles.xml'));
  return visible.map((sheet) => {
    const relId = sheet.getAttributeNS(REL_NS, 'id');
    const target = Array.from(rels.getElementsByTagName('Relationship')).find((r) => r.getAttribute('Id') === relId)?.getAttribute('Target') ?? '';
    const sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    const sheetDoc = xml(sheetPath);
    if (sheetDoc === null) throw new XlsxReadError('damaged');
    return { sheetName: sheet.getAttribute('name') ?? '', ...sheetRows(sheetDoc, strings, styles) };
  });
}

function sheetRows(sheetDoc: Document, strings: string[], styles: (NumberStyle | null)[]): { rows: string[][]; formulaCells: FormulaCell[] } {
  const rows: string[][] = [];
  const formulaCells: FormulaCell[] = [];
  for (const row of Array.from(sheetDoc.getElementsByTagNameNS(MAIN_NS, 'row'))) {
    const rowIndex = Number(row.getAttribute('r') ?? rows.length + 1) - 1;
    const cells: string[] = [];
    let next = 0;
    for (const c of Array.from(row.getElementsByTagNameNS(MAIN_NS, 'c'))) {
      const ref = c.getAttribute('r');
      const col = ref === null ? next : columnIndex(ref);
      next = col + 1;
      if (c.getElementsByTagNameNS(MAIN_NS, 'f').length > 0) formulaCells.push({ row: rowIndex, column: col });
      const value = cellText(c, strings, styles);
      if (value !== '') cells[col] = value;
    }
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = '';
    if (cells.length > 0) rows[rowIndex] = cells;
  }
  for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
  return { rows, formulaCells };
}

function sharedStrings(doc: Document | null): string[] {
  if (doc === null) return [];
  // Phonetic runs (rPh) are reading aids, not part of the text.
  return Array.from(doc.getElementsByTagNameNS(MAIN_NS, 'si')).map((si) =>
    Array.from(si.getElementsByTagNameNS(MAIN_NS, 't'))
      .filter((t) => (t.parentElement?.localName ?? '') !== 'rPh')
      .map((t) => t.textContent ?? '')
      .join(''),
  );
}

/** For each cell style index: how it shows numbers (dates, percents, zero-padded; see numberStyle). */
function numberStyles(doc: Document | null): (NumberStyle | null)[] {
  if (doc === null) return [];
  const custom = new Map<number, string>();
  for (const f of Array.from(doc.getElementsByTagNameNS(MAIN_NS, 'numFmt'))) custom.set(Number(f.getAttribute('numFmtId')), f.getAttribute('formatCode') ?? '');
  const xfs = doc.getElementsByTagNameNS(MAIN_NS, 'cellXfs')[0];
  if (!xfs) return [];
  return Array.from(xfs.getElementsByTagNameNS(MAIN_NS, 'xf')).map((xf) => {
    const id = Number(xf.getAttribute('numFmtId') ?? 0);
    return numberStyle(id, custom.get(id));
  });
}

function cellText(c: Element, strings: string[], styles: (NumberStyle | null)[]): string {
  const type = c.getAttribute('t') ?? 'n';
  const v = c.getElementsByTagNameNS(MAIN_NS, 'v')[0]?.textContent ?? '';
  switch (type) {
    case 's':
      return strings[Number(v)] ?? '';
    case 'inlineStr':
      return Array.from(c.getElementsByTagNameNS(MAIN_NS, 't')).map((t) => t.textContent ?? '').join('');
    case 'str':
    case 'e':
      return v;
    case 'b':
      return v === '1' ? 'TRUE' : 'FALSE';
    default: {
      if (v === '') return '';
      const n = Number(v);
      if (!Number.isFinite(n)) return v;
      const shown = styledNumber(n, styles[Number(c.getAttribute('s') ?? 0)], serialToText);
      return typeof shown === 'string' ? shown : plainNumber(n);
    }
  }
}

function plainNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(Number(n.toPrecision(15)));
}
