/**
 * The rows of a worksheet body read straight from its UTF-8 bytes, when they are exactly as
 * RowsXmlWriter writes them: `<row r="N">`, then cells `<c r="A1">` with `<v>` (a number),
 * ` t="b"` with `<v>` (a boolean) or ` t="inlineStr"` with `<is><t>` (text), and nothing else.
 * Anything another program writes (a style, a shared string, a prefix, an attribute more) throws
 * NotOwnFormat, and the sheet is read again with saxes.
 *
 * Why bytes: decoding a million ballots' 616 MB of XML into text, matching each cell with a
 * regular expression and copying each value out of the decoded chunk (so the chunk can be let go)
 * made three copies of every value; here each value is made once, from its bytes.
 */
import type { Cell } from '../workflows/workbook';
import { NotOwnFormat } from './sheetXmlErrors';

const LT = 0x3c;
const GT = 0x3e;
const QUOTE = 0x22;
const AMP = 0x26;
const CR = 0x0d;

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');
const ROW_OPEN = bytes('<row r="');
const ROW_CLOSE = bytes('</row>');
const CELL_OPEN = bytes('<c r="');
const INLINE_TYPE = bytes(' t="inlineStr">');
const BOOLEAN_TYPE = bytes(' t="b">');
const TEXT_OPEN = bytes('<is><t>');
const TEXT_OPEN_SPACE = bytes('<is><t xml:space="preserve">');
const TEXT_CLOSE = bytes('</t></is></c>');
const VALUE_OPEN = bytes('<v>');
const VALUE_CLOSE = bytes('</v></c>');
const SHEET_DATA_CLOSE = bytes('</sheetData>');
const EMPTY = Buffer.alloc(0);

export interface OwnCellValues {
  /** A cell's text (entities already replaced), shared with equal short texts as the reader does. */
  text(text: string, column: number): string;
  /** A number cell's value (RowsXmlWriter's cells carry no style). */
  number(value: number): Cell;
}

export class OwnRowBytes {
  private pending: Buffer = EMPTY;
  private readonly scratchRow: Cell[] = [];

  /**
   * `rows`: where row r of the sheet goes (index r − 1). `maxRowBytes`: a longer row (or an
   * unfinished one) is not read here, so saxes and the export's own bound decide about it.
   */
  constructor(
    private readonly rows: Cell[][],
    private readonly values: OwnCellValues,
    private readonly maxRowBytes: number,
  ) {}

  /**
   * Reads every complete row of the bytes so far; a cut row waits for the next chunk. Once the body
   * ends, returns the bytes from `</sheetData>` on (the sheet's tail); until then null.
   */
  push(chunk: Uint8Array): Buffer | null {
    const data = this.pending.length === 0 ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) : Buffer.concat([this.pending, chunk]);
    const lastClose = data.lastIndexOf(ROW_CLOSE);
    const end = lastClose < 0 ? 0 : lastClose + ROW_CLOSE.length;
    let at = 0;
    while (at < end) at = this.row(data, at);
    const rest = data.subarray(end);
    if (startsWith(rest, SHEET_DATA_CLOSE)) {
      this.pending = EMPTY;
      return rest;
    }
    // Not yet a whole row: it must still be able to become one, or the end of the body.
    const opening = startsWith(rest, ROW_OPEN) || startsWith(ROW_OPEN, rest) || startsWith(SHEET_DATA_CLOSE, rest);
    if (!opening || rest.length > this.maxRowBytes) throw new NotOwnFormat();
    // A copy of the cut row, so the chunk it came from (a megabyte) is not kept alive by it.
    this.pending = Buffer.from(rest);
    return null;
  }

  /** True when no row was left cut: the body ended where a row did. */
  get complete(): boolean {
    return this.pending.length === 0;
  }

  /** Reads the row starting at `at` (which ends within the data); returns where it ended. */
  private row(data: Buffer, start: number): number {
    if (!startsWith(data, ROW_OPEN, start)) throw new NotOwnFormat();
    let at = start + ROW_OPEN.length;
    let rowNumber = 0;
    const digitsFrom = at;
    for (let b = data[at]; b >= 0x30 && b <= 0x39; b = data[++at]) rowNumber = rowNumber * 10 + (b - 0x30);
    if (at === digitsFrom || data[at] !== QUOTE || data[at + 1] !== GT) throw new NotOwnFormat();
    at += 2;
    // Made in a reused array and copied at its width: an array grown cell by cell keeps room for 17.
    const row = this.scratchRow;
    row.length = 0;
    while (!startsWith(data, ROW_CLOSE, at)) at = this.cell(data, at, row);
    at += ROW_CLOSE.length;
    if (at - start > this.maxRowBytes || rowNumber === 0) throw new NotOwnFormat();
    for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = null;
    this.rows[rowNumber - 1] = row.slice();
    return at;
  }

  private cell(data: Buffer, start: number, row: Cell[]): number {
    if (!startsWith(data, CELL_OPEN, start)) throw new NotOwnFormat();
    let at = start + CELL_OPEN.length;
    let column = 0;
    const lettersFrom = at;
    for (let b = data[at]; b >= 0x41 && b <= 0x5a && at - lettersFrom < 3; b = data[++at]) column = column * 26 + (b - 0x40);
    const digitsFrom = at;
    while (data[at] >= 0x30 && data[at] <= 0x39) at++;
    if (at === lettersFrom || at === digitsFrom || data[at] !== QUOTE) throw new NotOwnFormat();
    at += 1;
    column -= 1;
    if (data[at] === GT) {
      const value = this.valueText(data, at + 1);
      const n = Number(value.text);
      if (value.text === '' || !Number.isFinite(n)) throw new NotOwnFormat();
      row[column] = this.values.number(n);
      return value.end;
    }
    if (startsWith(data, BOOLEAN_TYPE, at)) {
      const value = this.valueText(data, at + BOOLEAN_TYPE.length);
      row[column] = value.text === '1';
      return value.end;
    }
    if (!startsWith(data, INLINE_TYPE, at)) throw new NotOwnFormat();
    at += INLINE_TYPE.length;
    if (startsWith(data, TEXT_OPEN, at)) at += TEXT_OPEN.length;
    else if (startsWith(data, TEXT_OPEN_SPACE, at)) at += TEXT_OPEN_SPACE.length;
    else throw new NotOwnFormat();
    const from = at;
    let high = 0;
    let amp = false;
    for (let b = data[at]; b !== LT; b = data[++at]) {
      // Past the data (undefined): the row was cut inside a text, which its `</row>` rules out.
      if (b === undefined || b === CR) throw new NotOwnFormat();
      high |= b;
      if (b === AMP) amp = true;
    }
    if (!startsWith(data, TEXT_CLOSE, at)) throw new NotOwnFormat();
    let text = data.toString(high < 0x80 ? 'latin1' : 'utf8', from, at);
    if (amp) text = unescapeOwn(text);
    row[column] = this.values.text(text, column);
    return at + TEXT_CLOSE.length;
  }

  /** `<v>…</v></c>` from `at`: the value's text and where the cell ends. */
  private valueText(data: Buffer, at: number): { text: string; end: number } {
    if (!startsWith(data, VALUE_OPEN, at)) throw new NotOwnFormat();
    const from = at + VALUE_OPEN.length;
    const close = data.indexOf(LT, from);
    if (close < 0 || !startsWith(data, VALUE_CLOSE, close)) throw new NotOwnFormat();
    return { text: data.toString('latin1', from, close), end: close + VALUE_CLOSE.length };
  }
}

function startsWith(data: Uint8Array, prefix: Uint8Array, at = 0): boolean {
  if (at + prefix.length > data.length) return false;
  for (let i = 0; i < prefix.length; i++) if (data[at + i] !== prefix[i]) return false;
  return true;
}

const ENTITY = /&(?:(amp)|(lt)|(gt)|(quot)|(apos)|#(\d+)|#x([0-9a-fA-F]+));|&/g;
const NAMED_ENTITIES = ['&', '<', '>', '"', "'"];

/** XML text to its characters; a bare `&` is not ours. */
export function unescapeOwn(text: string): string {
  if (text.includes('\r')) throw new NotOwnFormat();
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_whole: string, ...groups: (string | undefined)[]) => {
    const named = groups.slice(0, 5).findIndex((g) => g !== undefined);
    if (named >= 0) return NAMED_ENTITIES[named];
    if (groups[5] !== undefined) return String.fromCodePoint(Number(groups[5]));
    if (groups[6] !== undefined) return String.fromCodePoint(parseInt(groups[6], 16));
    throw new NotOwnFormat();
  });
}
