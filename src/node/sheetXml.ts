import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { UserError } from '../core/errors';
import { MAX_CELL_CHARS, maxLineChars } from '../core/limits';
import { columnIndex, columnName, numberStyle, serialToIso, styledNumber, type NumberStyle } from '../io/xlsxCells';
import type { Cell, Grid, ReadonlyGrid } from '../workflows/workbook';
import { OwnRowBytes } from './ownRowBytes';
import { NotOwnFormat } from './sheetXmlErrors';

export { NotOwnFormat } from './sheetXmlErrors';

/**
 * A worksheet too large for ExcelJS's object-per-cell model (a million-ballot 투표 tab), read and
 * written as a stream of sheet XML. Only values travel this way: the tab's first row keeps its
 * formatting through ExcelJS (see XlsxWorkbook), every other row is plain cells.
 */

/** Drops an XML prefix (`x:row` → `row`): some writers qualify every SpreadsheetML element. */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * saxes and the row regexes hand out slices of the text they were given; a value kept as such a
 * slice keeps the whole chunk of XML alive (at a million rows, the whole sheet). A short value
 * prepended with a character and sliced again is copied; a longer one (13 characters and more)
 * would stay a slice, of the longer copy, which costs 40 bytes more for each of a million voter
 * keys and times: a round trip through JSON makes it a string of its own. (Joining its first
 * character and the rest, then reading a character, is twice as fast but keeps the join besides
 * the flat copy: 56 MB more for a million-ballot 투표, measured.)
 */
function ownCopy(text: string): string {
  return text.length < 12 ? (' ' + text).slice(1) : (JSON.parse(JSON.stringify(text)) as string);
}

/** Short values repeat (a 동, an agenda id): one copy each, up to this many. */
const POOL_LIMIT = 10_000;
const POOLED_LENGTH = 40;

/**
 * Which columns of a large tab are still worth a pool lookup. A voter key or a time is new on
 * almost every row, and once the pool is full such a lookup finds nothing and adds nothing: it only
 * hashes the value (at a million ballots, two of the eight short values of a row, read or written).
 * A column with more than 1,000 misses after the pool filled, four for every hit, is not looked up
 * again. The values are the same either way, only not shared.
 */
class ColumnLookups {
  private readonly hits: number[] = [];
  private readonly misses: number[] = [];
  private readonly given: boolean[] = [];

  worth(column: number): boolean {
    return this.given[column] !== true;
  }

  found(column: number): void {
    this.hits[column] = (this.hits[column] ?? 0) + 1;
  }

  /** A lookup in a full pool that found nothing. */
  missed(column: number): void {
    const misses = (this.misses[column] ?? 0) + 1;
    this.misses[column] = misses;
    if (misses > 1_000 && misses > 4 * (this.hits[column] ?? 0)) this.given[column] = true;
  }
}

/** Every string of xl/sharedStrings.xml, in index order (phonetic runs are reading aids, not text). */
export function parseSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  const parser = new SaxesParser();
  let text = '';
  let inText = false;
  let phonetic = 0;
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (name === 'si') text = '';
    else if (name === 'rPh') phonetic += 1;
    else if (name === 't' && phonetic === 0) inText = true;
  });
  parser.on('text', (chunk) => {
    if (inText) text += chunk;
  });
  parser.on('closetag', (tag) => {
    const name = localName(tag.name);
    if (name === 't') inText = false;
    else if (name === 'rPh') phonetic -= 1;
    else if (name === 'si') strings.push(ownCopy(text));
  });
  parser.write(xml).close();
  return strings;
}

/** For each cell style index of xl/styles.xml: how numbers in that style read (dates, percents, zero-padded; see numberStyle). */
export function parseNumberStyles(xml: string): (NumberStyle | null)[] {
  const custom = new Map<number, string>();
  const kinds: (NumberStyle | null)[] = [];
  let inCellXfs = false;
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const attributes = tag.attributes as Record<string, string>;
    if (name === 'numFmt') custom.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
    else if (name === 'cellXfs') inCellXfs = true;
    else if (name === 'xf' && inCellXfs) {
      const id = Number(attributes.numFmtId ?? 0);
      kinds.push(numberStyle(id, custom.get(id)));
    }
  });
  parser.on('closetag', (tag) => {
    if (localName(tag.name) === 'cellXfs') inCellXfs = false;
  });
  parser.write(xml).close();
  return kinds;
}

export interface WorksheetEntry {
  name: string;
  /** Path of its part inside the zip, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
  /** `visible`, `hidden` or `veryHidden`. */
  state: string;
}

/** The worksheets in tab order, from xl/workbook.xml and its relationships. */
export function listWorksheets(workbookXml: string, relsXml: string): WorksheetEntry[] {
  const targets = new Map<string, string>();
  const rels = new SaxesParser();
  rels.on('opentag', (tag) => {
    const attributes = tag.attributes as Record<string, string>;
    if (localName(tag.name) === 'Relationship' && attributes.Id !== undefined) targets.set(attributes.Id, attributes.Target ?? '');
  });
  rels.write(relsXml).close();
  const sheets: WorksheetEntry[] = [];
  const book = new SaxesParser();
  book.on('opentag', (tag) => {
    if (localName(tag.name) !== 'sheet') return;
    const attributes = tag.attributes as Record<string, string>;
    const relId = Object.entries(attributes).find(([key]) => localName(key) === 'id' && key !== 'sheetId')?.[1];
    const target = relId === undefined ? undefined : targets.get(relId);
    if (attributes.name === undefined || target === undefined) return;
    const part = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    sheets.push({ name: attributes.name, part, state: attributes.state ?? 'visible' });
  });
  book.write(workbookXml).close();
  return sheets;
}

/** Whether the workbook counts dates from 1904 (old Mac Excel): its serials are then 1,462 days smaller. */
export function usesDate1904(workbookXml: string): boolean {
  let date1904 = false;
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    if (localName(tag.name) !== 'workbookPr') return;
    const value = (tag.attributes as Record<string, string>).date1904;
    date1904 = value === '1' || value === 'true';
  });
  parser.write(workbookXml).close();
  return date1904;
}

/** What a date cell of a workbook tab reads as: wall-clock `YYYY-MM-DD HH:mm:ss`, as ExcelJS gives it. */
export const workbookDateText = (serial: number): string => serialToIso(serial).replace('T', ' ');

/** Tab name → path of its worksheet part. */
export function worksheetParts(workbookXml: string, relsXml: string): Map<string, string> {
  return new Map(listWorksheets(workbookXml, relsXml).map((sheet) => [sheet.name, sheet.part]));
}

export interface SheetXmlSplit {
  /** Every row, header included; missing rows are [] and missing cells null, as readTab gives them. */
  rows: Grid;
  /**
   * The sheet's XML with only its first row left in sheetData: what ExcelJS loads, so the header
   * keeps its styles and the tab its frozen rows, widths and the rest.
   */
  placeholder: string;
  /**
   * Whether the rows after the first hold only plain values (no shared-string or style index, no
   * formula): then their XML means the same in a file ExcelJS rewrote, and can be copied as it is.
   */
  plainBody: boolean;
  /** Cells that hold a formula (0-based row and column), for an export reader to set their rows aside. */
  formulaCells: { row: number; column: number }[];
  /** 1-based numbers of the rows with a formula in any cell (rows read here give a formula's saved result). */
  formulaRows: number[];
}

const MAX_HEAD_CHARS = 16 * 1024 * 1024;
const ROW_START = /<(?:\w+:)?row[\s>/]/g;
/** XML may spell a character in up to 6 (`&quot;`); markup of each cell comes on top. */
const ROW_XML_PER_CHAR = 6;
const ROW_XML_SLACK = 1024 * 1024;

/**
 * Cuts a worksheet's XML, as it streams in, into the head (everything up to the end of the first
 * row), the body (the other rows, handed to `onBody` piece by piece) and the tail (from the end of
 * sheetData). A plain scan: rows never nest, and `<` inside text is always escaped.
 */
export class SheetXmlSplitter {
  private stage: 'head' | 'body' | 'tail' = 'head';
  private head = '';
  private carry = '';
  private tail = '';
  private closeTag = '</sheetData>';

  constructor(private readonly onBody: (xml: string) => void = () => undefined) {}

  write(text: string): void {
    if (this.stage === 'tail') {
      this.tail += text;
      return;
    }
    if (this.stage === 'head') {
      this.head += text;
      const cut = firstRowEnd(this.head);
      if (cut === null) {
        if (this.head.length > MAX_HEAD_CHARS) throw new UserError('bad_workbook', '워크시트의 첫 행이 너무 깁니다 / first row of a worksheet too long');
        return;
      }
      const rest = this.head.slice(cut.end);
      this.head = this.head.slice(0, cut.end);
      this.closeTag = `</${cut.prefix}sheetData>`;
      if (cut.empty === true) {
        this.stage = 'tail';
        this.tail = rest;
        return;
      }
      this.stage = 'body';
      text = rest;
    }
    const scan = this.carry + text;
    const at = scan.indexOf(this.closeTag);
    if (at >= 0) {
      if (at > 0) this.onBody(scan.slice(0, at));
      this.tail = scan.slice(at);
      this.carry = '';
      this.stage = 'tail';
    } else {
      // The end tag may be cut between two pieces: keep back as much of it as could be.
      const keep = Math.min(scan.length, this.closeTag.length - 1);
      if (scan.length > keep) this.onBody(scan.slice(0, scan.length - keep));
      this.carry = scan.slice(scan.length - keep);
    }
  }

  /** The head and tail, once the whole sheet went through. */
  end(): { head: string; tail: string } {
    if (this.stage === 'head') throw new UserError('bad_workbook', '워크시트에 sheetData가 없습니다 / worksheet without sheetData');
    if (this.stage === 'body') throw new UserError('bad_workbook', '워크시트 XML이 중간에 끊겼습니다 / worksheet XML ends early');
    return { head: this.head, tail: this.tail };
  }
}

/** Cell attributes that carry no index into another part of the file. */
const PLAIN_CELL_ATTRIBUTES = new Set(['r', 't']);
const PLAIN_CELL_TYPES = new Set(['n', 'b', 'inlineStr', 'str', 'e', 'd']);

/**
 * Reads a worksheet's XML as it streams in. Two readers see the same text: saxes turns cells into
 * values; the splitter cuts the XML around the rows so the rest of the sheet (views, columns,
 * merges) can go to ExcelJS without the rows.
 */
export class SheetXmlReader {
  private readonly rows: Cell[][] = [];
  private readonly parser = new SaxesParser();
  private readonly splitter: SheetXmlSplitter;
  /** Fast reading: where the bytes are (the head is decoded for the splitter, the body read as bytes, the tail decoded). */
  private byteStage: 'head' | 'body' | 'tail' = 'head';
  private readonly headChunks: Uint8Array[] = [];
  private headText = '';
  private decoder = new TextDecoder();
  private readonly body: OwnRowBytes;
  private readonly pool = new Map<string, string>();
  private readonly lookups = new ColumnLookups();
  private rowElements = 0;
  private plainBody = true;
  private readonly formulaCells: { row: number; column: number }[] = [];
  private formula = false;
  private readonly formulaRows = new Set<number>();

  // The cell being read.
  private row: Cell[] = [];
  private rowIndex = -1;
  private column = 0;
  private type = 'n';
  private style = 0;
  private value = '';
  private collecting = false;
  private inInline = false;
  private phonetic = 0;

  /**
   * `dateText` turns a number in a date style into the cell's value; by default the wall-clock
   * `YYYY-MM-DD HH:mm:ss` ExcelJS gives (an export reader shows a date alone at midnight instead).
   * `fast`: read the rows after the first from their bytes as RowsXmlWriter writes them
   * (OwnRowBytes, several times faster than saxes; the XML is given to writeBytes), throwing
   * NotOwnFormat at the first row written otherwise; the caller then reads the sheet again with
   * saxes (`fast` false, the XML given to write).
   * `boundRows` (an export): a row whose XML runs far past what its cells at the cell limit could
   * need is refused as the XML arrives, before saxes holds it (see maxLineChars).
   */
  constructor(
    private readonly strings: readonly string[],
    private readonly numberStyles: readonly (NumberStyle | null)[],
    private readonly dateText: (serial: number, kind: 'date' | 'datetime') => string = workbookDateText,
    readonly fast = false,
    private readonly boundRows = false,
  ) {
    // Read fast, the splitter is given the head and the tail only: a body reaching it is not ours.
    this.splitter = new SheetXmlSplitter(
      fast
        ? () => {
            throw new NotOwnFormat();
          }
        : undefined,
    );
    // Rows RowsXmlWriter writes carry no style: every number has the default style's.
    // A text the row above holds in the same column is kept once for both: ballots cast in one
    // second share their time (about half the rows of a million-ballot vote), which the pool,
    // full by then, no longer shares.
    const above: string[] = [];
    const values = {
      text: (text: string, column: number): string => {
        if (above[column] === text) return above[column];
        const value = this.lookups.worth(column) ? this.own(text, column, true) : text;
        above[column] = value;
        return value;
      },
      number: (n: number): Cell => styledNumber(n, this.numberStyles[0] ?? null, this.dateText),
    };
    this.body = new OwnRowBytes(this.rows, values, MAX_HEAD_CHARS);
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('text', (text) => {
      if (this.collecting) this.value += text;
    });
    this.parser.on('closetag', (tag) => this.close(localName(tag.name)));
    this.parser.on('error', (error) => {
      throw new UserError('bad_workbook', `워크시트 XML이 손상되었습니다 / damaged worksheet XML: ${error.message}`);
    });
  }

  /** The worksheet's XML as text (saxes reading; the fast one reads bytes, writeBytes). */
  write(text: string): void {
    if (this.fast) throw new Error('fast reading is given bytes (writeBytes)');
    if (this.boundRows) this.checkRowLength(text);
    this.splitter.write(text);
    this.parser.write(text);
  }

  /**
   * Fast reading: the worksheet's bytes as they are inflated. The head (up to the end of the first
   * row, which saxes reads) and the tail are decoded for the splitter; the rows between are read
   * as bytes (OwnRowBytes), throwing NotOwnFormat at the first not written as RowsXmlWriter does.
   */
  writeBytes(chunk: Uint8Array): void {
    if (!this.fast) throw new Error('saxes reading is given text (write)');
    if (this.byteStage === 'tail') {
      this.splitter.write(this.decoder.decode(chunk, { stream: true }));
      return;
    }
    if (this.byteStage === 'body') {
      const tail = this.body.push(chunk);
      if (tail !== null) {
        this.byteStage = 'tail';
        // The tail starts at `</sheetData>`: a fresh decoder, since the body's bytes were never
        // decoded (the head's may have kept back the start of a letter cut at its chunk's end).
        this.decoder = new TextDecoder();
        this.splitter.write(this.decoder.decode(tail, { stream: true }));
      }
      return;
    }
    this.headChunks.push(chunk);
    this.headText += this.decoder.decode(chunk, { stream: true });
    const cut = firstRowEnd(this.headText);
    if (cut === null) {
      if (this.headText.length > MAX_HEAD_CHARS) throw new NotOwnFormat();
      return;
    }
    if (cut.prefix !== '') throw new NotOwnFormat();
    if (cut.empty === true) {
      // No rows: everything is head and tail, as text.
      this.byteStage = 'tail';
      this.splitter.write(this.headText);
      this.headText = '';
      return;
    }
    const head = this.headText.slice(0, cut.end);
    const bytes = Buffer.concat(this.headChunks);
    this.headChunks.length = 0;
    this.headText = '';
    this.splitter.write(head);
    this.byteStage = 'body';
    this.writeBytes(bytes.subarray(Buffer.byteLength(head, 'utf8')));
  }

  /** Characters of XML since the last row began. */
  private sinceRowStart = 0;

  private checkRowLength(text: string): void {
    let last = -1;
    for (const match of text.matchAll(ROW_START)) last = match.index;
    this.sinceRowStart = last < 0 ? this.sinceRowStart + text.length : text.length - last;
    // The first row's width bounds the others; before it is read, the head's own bound applies.
    const width = this.rows[0]?.length ?? 0;
    const bound = width === 0 ? MAX_HEAD_CHARS : ROW_XML_PER_CHAR * maxLineChars(width) + ROW_XML_SLACK;
    if (this.sinceRowStart > bound) {
      throw new UserError('line_too_long', `한 행이 너무 깁니다 (${MAX_CELL_CHARS.toLocaleString('en-US')}자 × 열 ${width}개 초과) / a row is too long (more than ${MAX_CELL_CHARS.toLocaleString('en-US')} characters × ${width} columns)`);
    }
  }

  end(): SheetXmlSplit {
    // Bytes left in a head or a row: saxes tells what is wrong with them.
    if (this.fast && (this.byteStage === 'head' || (this.byteStage === 'body' && !this.body.complete))) throw new NotOwnFormat();
    if (this.fast && this.byteStage === 'tail') this.splitter.write(this.decoder.decode());
    const { head, tail } = this.splitter.end();
    // Read fast, only the first row is left for saxes: the sheet without its other rows.
    if (this.fast) this.parser.write(head).write(tail);
    this.parser.close();
    for (let i = 0; i < this.rows.length; i++) if (this.rows[i] === undefined) this.rows[i] = [];
    return { rows: this.rows, placeholder: head + tail, plainBody: this.plainBody, formulaCells: this.formulaCells, formulaRows: [...this.formulaRows] };
  }

  private open(tag: SaxesTagPlain): void {
    const name = localName(tag.name);
    const attributes = tag.attributes as Record<string, string>;
    switch (name) {
      case 'row': {
        this.rowElements += 1;
        if (this.rowElements > 1 && attributes.s !== undefined) this.plainBody = false;
        const r = attributes.r;
        this.rowIndex = r === undefined ? this.rowIndex + 1 : Number(r) - 1;
        // The body starts after row 1, which ExcelJS writes: a file whose first row element is
        // another row has that row in neither, so its body is not copied as it is.
        if (this.rowElements === 1 && this.rowIndex !== 0) this.plainBody = false;
        this.row = [];
        this.column = 0;
        return;
      }
      case 'c': {
        if (this.rowElements > 1 && this.plainBody) {
          if (Object.keys(attributes).some((name) => !PLAIN_CELL_ATTRIBUTES.has(name)) || !PLAIN_CELL_TYPES.has(attributes.t ?? 'n')) this.plainBody = false;
        }
        const ref = attributes.r;
        if (ref !== undefined) this.column = columnIndex(ref);
        this.type = attributes.t ?? 'n';
        this.style = attributes.s === undefined ? 0 : Number(attributes.s);
        this.value = '';
        this.formula = false;
        return;
      }
      case 'v':
        this.collecting = !this.inInline;
        return;
      case 'is':
        this.inInline = true;
        return;
      case 'rPh':
        this.phonetic += 1;
        return;
      case 't':
        this.collecting = this.inInline && this.phonetic === 0;
        return;
      case 'f':
        if (this.rowElements > 1) this.plainBody = false;
        this.formula = true;
        this.formulaRows.add(this.rowIndex + 1);
        return;
    }
  }

  private close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.collecting = false;
        return;
      case 'is':
        this.inInline = false;
        return;
      case 'rPh':
        this.phonetic -= 1;
        return;
      case 'c':
        this.row[this.column] = this.cellValue();
        if (this.formula) this.formulaCells.push({ row: this.rowIndex, column: this.column });
        this.column += 1;
        return;
      case 'row': {
        const row = this.row;
        for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = null;
        this.rows[this.rowIndex] = row;
        return;
      }
    }
  }

  /** The value ExcelJS would give (XlsxWorkbook's toCell): dates as wall-clock text, formulas as their result. */
  private cellValue(): Cell {
    const v = this.value;
    switch (this.type) {
      case 's':
        return this.strings[Number(v)] ?? null;
      case 'inlineStr':
      case 'str':
      case 'e':
        return this.own(v);
      case 'b':
        return v === '1' || v === 'true';
      case 'd': {
        const time = Date.parse(v);
        return Number.isNaN(time) ? this.own(v) : new Date(time).toISOString().slice(0, 19).replace('T', ' ');
      }
      default: {
        if (v === '') return null;
        const n = Number(v);
        if (!Number.isFinite(n)) return this.own(v);
        return styledNumber(n, this.numberStyles[this.style], this.dateText);
      }
    }
  }

  /**
   * A value of its own (see ownCopy), shared with earlier cells of the same short text. `column`:
   * the cell's column in one of our rows, for ColumnLookups to learn what the lookups there find.
   * `fresh`: the text was made from bytes (OwnRowBytes) and holds on to nothing, so is not copied.
   */
  private own(text: string, column?: number, fresh = false): string {
    // Never pooled: not looked up either (hashing a million voter keys and seals for nothing).
    if (text.length > POOLED_LENGTH) return fresh ? text : ownCopy(text);
    const known = this.pool.get(text);
    if (known !== undefined) {
      if (column !== undefined) this.lookups.found(column);
      return known;
    }
    const copy = fresh ? text : ownCopy(text);
    if (this.pool.size < POOL_LIMIT) this.pool.set(copy, copy);
    else if (column !== undefined) this.lookups.missed(column);
    return copy;
  }
}

/** Where the first row inside sheetData ends (or sheetData itself, when it has none). */
function firstRowEnd(xml: string): { end: number; prefix: string; empty?: boolean } | null {
  const open = /<(\w+:)?sheetData\b[^>]*>/.exec(xml);
  if (open === null) return null;
  const prefix = open[1] ?? '';
  // No rows at all: everything after the tag is the tail.
  if (open[0].endsWith('/>')) return { end: open.index + open[0].length, prefix, empty: true };
  const from = open.index + open[0].length;
  const rowStart = xml.indexOf(`<${prefix}row`, from);
  const closeAt = xml.indexOf(`</${prefix}sheetData>`, from);
  if (closeAt >= 0 && (rowStart < 0 || closeAt < rowStart)) return { end: closeAt, prefix };
  if (rowStart < 0) return null;
  const tagEnd = xml.indexOf('>', rowStart);
  if (tagEnd < 0) return null;
  if (xml[tagEnd - 1] === '/') return { end: tagEnd + 1, prefix };
  const rowClose = `</${prefix}row>`;
  const rowEnd = xml.indexOf(rowClose, tagEnd);
  return rowEnd < 0 ? null : { end: rowEnd + rowClose.length, prefix };
}

// Characters XML 1.0 cannot carry; ExcelJS drops them too, so both writers give the same text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const SPECIAL = /[&<>\r]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };

/** A text that textCellXml would change (a character to drop or escape, a space at either end). */
// eslint-disable-next-line no-control-regex -- the same characters as NOT_XML
const NEEDS_CARE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff&<>\r]|^\s|\s$/;

/** Everything of a text cell after its reference: `" t="inlineStr"><is><t>…</t></is></c>`. */
function textCellXml(text: string): string {
  // Most cells (voter keys, times, seals: three new texts per ballot) need nothing done: one test.
  if (!NEEDS_CARE.test(text)) return `" t="inlineStr"><is><t>${text}</t></is></c>`;
  const clean = text.replace(NOT_XML, '').replace(SPECIAL, (ch) => ESCAPES[ch]);
  const space = /^\s|\s$/.test(clean) ? ' xml:space="preserve"' : '';
  return `" t="inlineStr"><is><t${space}>${clean}</t></is></c>`;
}

/**
 * Sheet XML for rows, placed at 1-based row numbers: strings as inline text cells (never
 * formulas), numbers and booleans as values, empty cells and rows left out. Short repeated texts
 * are escaped once.
 */
export class RowsXmlWriter {
  private readonly columnNames: string[] = [];
  private readonly fragments = new Map<string, string>();
  private readonly lookups = new ColumnLookups();
  private buffer: Buffer = Buffer.allocUnsafe(0);

  /**
   * rows[from..to) as UTF-8, row r at sheet row r + 1. Each row's text goes into the bytes as soon
   * as it is made: one batch of rows joined as one string would be two bytes a character (a single
   * Hangul cell makes it so), and then copied again into UTF-8 (a million ballots: 1.2 GB made
   * and thrown away, measured as 35% of the writing).
   */
  write(rows: ReadonlyGrid, from: number, to: number): Uint8Array {
    let at = 0;
    for (let r = from; r < to; r++) {
      const row = rows[r];
      // As text once per row, not once per cell (a million row numbers miss V8's number-string cache).
      const rowNumber = String(r + 1);
      let xml = '';
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (cell === null || cell === '') continue;
        while (this.columnNames.length <= c) this.columnNames.push(columnName(this.columnNames.length));
        const ref = this.columnNames[c] + rowNumber;
        if (typeof cell === 'number' && Number.isFinite(cell)) xml += `<c r="${ref}"><v>${cell}</v></c>`;
        else if (typeof cell === 'boolean') xml += `<c r="${ref}" t="b"><v>${cell ? 1 : 0}</v></c>`;
        else xml += `<c r="${ref}${this.textCell(c, String(cell))}`;
      }
      // An empty row is left out, as Excel does: the next row's number keeps the gap.
      if (xml === '') continue;
      xml = `<row r="${rowNumber}">${xml}</row>`;
      // A UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair, two units, is 4).
      if (at + xml.length * 3 > this.buffer.length) this.buffer = grown(this.buffer, at, at + xml.length * 3);
      at += this.buffer.write(xml, at, 'utf8');
    }
    // A copy: the buffer is written over by the next batch, and these bytes may still be queued.
    return Uint8Array.prototype.slice.call(this.buffer, 0, at);
  }

  private textCell(column: number, text: string): string {
    if (text.length > POOLED_LENGTH || !this.lookups.worth(column)) return textCellXml(text);
    let fragment = this.fragments.get(text);
    if (fragment !== undefined) {
      this.lookups.found(column);
      return fragment;
    }
    fragment = textCellXml(text);
    if (this.fragments.size < POOL_LIMIT) this.fragments.set(text, fragment);
    else this.lookups.missed(column);
    return fragment;
  }
}

/** The buffer with room for `size` bytes, its first `used` bytes kept. */
function grown(buffer: Buffer, used: number, size: number): Buffer {
  const next = Buffer.allocUnsafe(Math.max(size, buffer.length * 2, 1 << 16));
  buffer.copy(next, 0, 0, used);
  return next;
}

/**
 * Splits ExcelJS's XML of a placeholder sheet where the other rows go: before its sheetData's end.
 * ExcelJS wrote at most the first row; any other row it wrote (an empty merged cell) is dropped so
 * rows stay in order.
 */
export function placeholderSplit(xml: string): { before: string; after: string } {
  const empty = /<sheetData\s*\/>/.exec(xml);
  if (empty !== null) return { before: `${xml.slice(0, empty.index)}<sheetData>`, after: `</sheetData>${xml.slice(empty.index + empty[0].length)}` };
  const open = xml.indexOf('<sheetData>');
  const close = xml.indexOf('</sheetData>');
  if (open < 0 || close < 0) throw new Error('placeholder sheet without sheetData');
  const inside = xml.slice(open + '<sheetData>'.length, close);
  const firstRow = /^<row r="1"[^>]*?(?:\/>|>[\s\S]*?<\/row>)/.exec(inside)?.[0] ?? '';
  return { before: `${xml.slice(0, open)}<sheetData>${firstRow}`, after: xml.slice(close) };
}

/** The `<dimension ref>` a sheet of these rows has. */
export function withDimension(xml: string, rows: ReadonlyGrid): string {
  let width = 0;
  for (const row of rows) if (row.length > width) width = row.length;
  return withDimensionRef(xml, rows.length === 0 || width === 0 ? 'A1' : `A1:${columnName(width - 1)}${rows.length}`);
}

export function withDimensionRef(xml: string, ref: string): string {
  return xml.replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="${ref}"/>`);
}

/**
 * A `<` in the rows' XML that does not open one of the tags plain values are written with (as
 * RowsXmlWriter writes them, or Excel without styles): text never holds a bare `<`, so a match is
 * a style, a shared string, a formula, rich text or anything else that is not a plain value.
 */
const NOT_PLAIN_TAG = /<(?!\/?(?:row|c|v|is|t)>|row r="\d+"(?: spans="[\d:]+")?>|c r="[A-Z]{1,3}\d+"(?: t="(?:n|b|inlineStr|str|e|d)")?>|t xml:space="preserve">)/;

/**
 * Whether a worksheet's rows after the first are plain values, read from their XML piece by
 * piece without reading a cell: stricter than SheetXmlReader's plainBody (a row with a height, an
 * empty element, are not plain here), never looser.
 */
export class PlainBodyScan {
  private carry = '';
  plain = true;

  write(xml: string): void {
    if (!this.plain) return;
    const text = this.carry + xml;
    // A tag may be cut between two pieces: the text from the last `<` waits for the next one.
    const cut = text.lastIndexOf('<');
    const whole = cut < 0 ? text : text.slice(0, cut);
    this.carry = cut < 0 ? '' : text.slice(cut);
    if (NOT_PLAIN_TAG.test(whole)) this.plain = false;
  }

  end(): boolean {
    if (this.carry !== '' && NOT_PLAIN_TAG.test(this.carry)) this.plain = false;
    return this.plain;
  }
}

/** Whether a worksheet's head (up to the end of its first row) ends with row 1, as ExcelJS writes it. */
export function headEndsWithRowOne(head: string): boolean {
  const rows = [...head.matchAll(/<row\b[^>]*>/g)];
  const last = rows[rows.length - 1]?.[0];
  return last !== undefined && (!/\br=/.test(last) || /\br="1"/.test(last));
}

/** The `<dimension ref>` of a worksheet's head, or null when it has none. */
export function dimensionRef(head: string): string | null {
  return /<dimension ref="([^"]*)"\/>/.exec(head)?.[1] ?? null;
}
