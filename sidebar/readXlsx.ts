/**
 * Reads the visible sheets of an .xlsx in the browser: fflate inflates only the parts needed
 * (the zip's own directory is checked first, so a zip bomb is refused before anything inflates),
 * and the browser's DOMParser reads the XML. Cells become text exactly as the CLI's reader gives
 * them (src/node/readExport.ts): numbers in plain decimals, dates as `YYYY-MM-DD HH:mm:ss` wall-clock
 * time, formulas as their saved result, never the formula itself.
 */
import { unzipSync } from 'fflate';
import { columnIndex, dateKind, serialToText, type DateKind } from '../src/io/xlsxCells';

/** Far above any real export (1M ballots ≈ 150 MB of sheet XML); refuses what only filler reaches. */
const MAX_PART_BYTES = 256 * 1024 * 1024;
const MAX_RATIO = 200;

export class XlsxReadError extends Error {
  constructor(readonly reason: 'damaged' | 'too_large' | 'no_sheet') {
    super(reason);
    this.name = 'XlsxReadError';
  }
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export interface XlsxSheet {
  sheetName: string;
  rows: string[][];
}

/** The first visible sheet (what the sidebar read before several sheets were told apart). */
export function readXlsxRows(bytes: Uint8Array): XlsxSheet {
  return readXlsxSheets(bytes)[0];
}

/** Every visible sheet, in the workbook's order, each as text rows. */
export function readXlsxSheets(bytes: Uint8Array): XlsxSheet[] {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      filter: (file) => {
        if (file.originalSize > MAX_PART_BYTES || (file.originalSize > 10 * 1024 * 1024 && file.originalSize > file.size * MAX_RATIO)) {
          throw new XlsxReadError('too_large');
        }
        return /^(xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/sharedStrings\.xml|xl\/styles\.xml|xl\/worksheets\/[^/]+\.xml)$/.test(file.name);
      },
    });
  } catch (err) {
    if (err instanceof XlsxReadError) throw err;
    throw new XlsxReadError('damaged');
  }
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
  const styles = dateStyles(xml('xl/styles.xml'));
  return visible.map((sheet) => {
    const relId = sheet.getAttributeNS(REL_NS, 'id');
    const target = Array.from(rels.getElementsByTagName('Relationship')).find((r) => r.getAttribute('Id') === relId)?.getAttribute('Target') ?? '';
    const sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    const sheetDoc = xml(sheetPath);
    if (sheetDoc === null) throw new XlsxReadError('damaged');
    return { sheetName: sheet.getAttribute('name') ?? '', rows: sheetRows(sheetDoc, strings, styles) };
  });
}

function sheetRows(sheetDoc: Document, strings: string[], styles: DateKind[]): string[][] {
  const rows: string[][] = [];
  for (const row of Array.from(sheetDoc.getElementsByTagNameNS(MAIN_NS, 'row'))) {
    const rowIndex = Number(row.getAttribute('r') ?? rows.length + 1) - 1;
    const cells: string[] = [];
    let next = 0;
    for (const c of Array.from(row.getElementsByTagNameNS(MAIN_NS, 'c'))) {
      const ref = c.getAttribute('r');
      const col = ref === null ? next : columnIndex(ref);
      next = col + 1;
      const value = cellText(c, strings, styles);
      if (value !== '') cells[col] = value;
    }
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = '';
    if (cells.length > 0) rows[rowIndex] = cells;
  }
  for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
  return rows;
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

/** For each cell style index: whether it shows a date. */
function dateStyles(doc: Document | null): DateKind[] {
  if (doc === null) return [];
  const custom = new Map<number, string>();
  for (const f of Array.from(doc.getElementsByTagNameNS(MAIN_NS, 'numFmt'))) custom.set(Number(f.getAttribute('numFmtId')), f.getAttribute('formatCode') ?? '');
  const xfs = doc.getElementsByTagNameNS(MAIN_NS, 'cellXfs')[0];
  if (!xfs) return [];
  return Array.from(xfs.getElementsByTagNameNS(MAIN_NS, 'xf')).map((xf) => {
    const id = Number(xf.getAttribute('numFmtId') ?? 0);
    return dateKind(id, custom.get(id));
  });
}

function cellText(c: Element, strings: string[], styles: DateKind[]): string {
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
      const style = styles[Number(c.getAttribute('s') ?? 0)] ?? null;
      return style === null ? plainNumber(n) : serialToText(n, style);
    }
  }
}

function plainNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(Number(n.toPrecision(15)));
}
