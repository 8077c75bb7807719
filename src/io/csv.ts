import Papa from 'papaparse';
import { maxLineChars } from '../core/limits';

/**
 * CSV/TSV text to a table of strings, as exported by voting systems, web forms and Excel
 * ("CSV UTF-8", "CSV (쉼표로 분리)", "유니코드 텍스트" which is tab-separated).
 *
 * Rows are returned as they are; a row wider or narrower than the header is kept so that the
 * import layer can set it aside with a reason. Blank lines inside the file are kept too
 * (as ['']); only blank lines at the end are dropped.
 *
 * Rows come in batches (csvRowBatches) so a million-row export is never held as one giant table:
 * the import keeps what it needs from each batch and lets the rest go. A line without a quote
 * character is split directly (what papaparse itself does in its "fast mode", measured 5× faster
 * than its chunked parser on the benchmark export); any line with a quote goes to papaparse, with
 * as many following lines as its quoted cells need, so quoting is always papaparse's reading.
 */

export type CsvDelimiter = ',' | ';' | '\t';
type Newline = '\n' | '\r\n';

/** The whole file is unreadable as CSV; `line` is 1-based. */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

const CANDIDATES: CsvDelimiter[] = [',', '\t', ';'];
/** Rows looked at when choosing the delimiter. */
const SAMPLE_ROWS = 50;
/** Rows handed over at a time. */
const BATCH_ROWS = 4096;
/** A quoted cell still open after this many extra lines: the rest of the file is parsed in one go. */
const MAX_SEGMENT_RETRIES = 3;

export interface CsvBatches {
  delimiter: CsvDelimiter;
  /** About how many rows there are (line breaks + 1), so a reader can make room once. */
  expectedRows: number;
  /** Every row of the file, in order, a batch at a time; each call starts again from the top. */
  batches(): Iterable<string[][]>;
  /**
   * Lets go of the text, for a reader that will not read the rows again: a million-ballot
   * export's decoded text is 120 MB (a two-byte string), and the import writes 투표 after its last
   * reading. batches() then throws.
   */
  release(): void;
}

export function parseCsv(text: string): { rows: string[][]; delimiter: CsvDelimiter } {
  const { delimiter, batches } = csvRowBatches(text);
  const rows: string[][] = [];
  for (const batch of batches()) for (const row of batch) rows.push(row);
  return { rows, delimiter };
}

/**
 * Checks the whole text first (a NUL byte, the delimiter), so an unreadable file fails before a
 * single row is used; a misplaced quote fails when its batch is reached.
 */
export function csvRowBatches(text: string): CsvBatches {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const nul = withoutBom.indexOf('\u0000');
  if (nul !== -1) {
    const line = lineAt(withoutBom, nul);
    throw new CsvError(
      `파일에 NUL 문자가 있습니다 (${line}번째 줄). BOM 없는 UTF-16 파일이거나 손상된 파일일 수 있습니다` +
        ` / The file contains NUL characters (line ${line}). It may be UTF-16 without a byte-order mark, or damaged`,
      line,
    );
  }
  // One line-ending style: mixed ones become LF, the way Excel stores a line break in a cell.
  // A file that only uses CRLF is read as it is, sparing a copy of the whole text.
  const newline: Newline = onlyCrlf(withoutBom) ? '\r\n' : '\n';
  const body = newline === '\n' && withoutBom.includes('\r') ? withoutBom.replace(/\r\n?/g, '\n') : withoutBom;
  if (body === '') return { delimiter: ',', expectedRows: 0, batches: () => [], release: () => undefined };
  refuseLongHeader(body, newline);
  const delimiter = chooseDelimiter(body, newline);
  let held: string | null = body;
  const batches = (): Iterable<string[][]> => {
    if (held === null) throw new Error('the rows were read after their text was let go (release)');
    return rowBatches(held, delimiter, newline);
  };
  const release = (): void => {
    held = null;
  };
  return { delimiter, expectedRows: countOf(body, '\n') + 1, batches, release };
}

/**
 * A header line longer than its fields at the cell limit is no export (see maxLineChars): refused
 * before the delimiter is chosen, which parses the head of the file with each candidate.
 */
function refuseLongHeader(text: string, newline: Newline): void {
  let start = 0;
  // Blank lines before the header are skipped, as the import skips them.
  while (text.startsWith(newline, start)) start += newline.length;
  const end = text.indexOf(newline, start);
  const length = (end === -1 ? text.length : end) - start;
  if (length <= maxLineChars(1)) return;
  const line = text.slice(start, start + length);
  const fields = Math.max(...CANDIDATES.map((delimiter) => countOf(line, delimiter) + 1));
  if (length > maxLineChars(fields)) throw longLine(text, start, length, fields);
}

function longLine(text: string, at: number, length: number, fields: number): CsvError {
  const line = lineAt(text, at);
  const limit = maxLineChars(fields).toLocaleString('en-US');
  return new CsvError(
    `${line}번째 줄이 너무 깁니다 (${length.toLocaleString('en-US')}자, 한도 ${limit}자). 투표 내보내기 파일이 아닙니다` +
      ` / Line ${line} is too long (${length.toLocaleString('en-US')} characters, limit ${limit}): not a vote export`,
    line,
  );
}

function countOf(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) count++;
  return count;
}

/** True when the text has line breaks and every one of them is CRLF. */
function onlyCrlf(text: string): boolean {
  let breaks = 0;
  for (let at = text.indexOf('\r'); at !== -1; at = text.indexOf('\r', at + 2)) {
    if (text.charCodeAt(at + 1) !== 10) return false;
    breaks++;
  }
  return breaks > 0 && countOf(text, '\n') === breaks;
}

function* rowBatches(text: string, delimiter: CsvDelimiter, newline: Newline): Generator<string[][]> {
  let batch: string[][] = [];
  // Blank rows are held back until a non-blank row follows: blank lines at the end are dropped.
  let blanks: string[][] = [];
  const push = (row: string[]): void => {
    if (isBlank(row)) {
      blanks.push(row);
      return;
    }
    if (width === 0) {
      width = row.length;
      lineLimit = maxLineChars(width);
    }
    if (blanks.length > 0) {
      for (const blank of blanks) batch.push(blank);
      blanks = [];
    }
    batch.push(row);
  };
  const length = text.length;
  let position = 0;
  // Lines are bounded by the header's width (the first non-blank row), before they are parsed.
  let lineLimit = Number.POSITIVE_INFINITY;
  let width = 0;
  while (position < length) {
    let end = text.indexOf(newline, position);
    if (end === -1) end = length;
    if (end - position > lineLimit) throw longLine(text, position, end - position, width);
    const line = text.slice(position, end);
    if (!line.includes('"')) {
      push(line.split(delimiter));
      position = end + newline.length;
    } else {
      const segment = quotedSegment(text, position, end, delimiter, newline);
      for (const row of segment.rows) push(row);
      position = segment.end + newline.length;
    }
    if (batch.length >= BATCH_ROWS) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Rows from `start` that papaparse reads whole: from the line with a quote, one more line at a
 * time while a quoted cell is still open (a line break inside quotes belongs to the cell).
 */
function quotedSegment(text: string, start: number, lineEnd: number, delimiter: CsvDelimiter, newline: Newline): { rows: string[][]; end: number } {
  let end = lineEnd;
  for (let attempt = 0; ; attempt++) {
    const result = Papa.parse<string[]>(text.slice(start, end), { delimiter, newline, skipEmptyLines: false });
    const open = result.errors.some((error) => error.code === 'MissingQuotes');
    if (!open || end >= text.length) {
      const quoteError = result.errors.find((error) => error.type === 'Quotes');
      if (quoteError) throw quoteProblem(text, start + (quoteError.index ?? 0), quoteError.code);
      return { rows: newline === '\r\n' ? result.data.map(cellsWithLf) : result.data, end };
    }
    const next = text.indexOf(newline, end + newline.length);
    end = next === -1 || attempt >= MAX_SEGMENT_RETRIES ? text.length : next;
  }
}

/** A CRLF inside a quoted cell is stored as LF, as Excel keeps line breaks in a cell. */
function cellsWithLf(row: string[]): string[] {
  return row.some((cell) => cell.includes('\r')) ? row.map((cell) => cell.replace(/\r\n/g, '\n')) : row;
}

function isBlank(row: readonly string[]): boolean {
  for (const cell of row) if (cell !== '') return false;
  return true;
}

/**
 * The delimiter that splits the header into the most fields, counting first how many sample
 * rows agree with the header's width, so a comma inside Korean amounts (`1,000`) in a
 * semicolon or tab file cannot win. A header that no candidate splits is one column: ','.
 */
function chooseDelimiter(text: string, newline: Newline): CsvDelimiter {
  const head = sampleOf(text, newline);
  let best: { delimiter: CsvDelimiter; agreeing: number; width: number } = { delimiter: ',', agreeing: -1, width: 1 };
  for (const delimiter of CANDIDATES) {
    let sample = Papa.parse<string[]>(head, { delimiter, newline, preview: SAMPLE_ROWS, skipEmptyLines: true });
    // Too few rows in the head, or a quoted cell running past its end: read the whole text after all.
    if ((sample.data.length < SAMPLE_ROWS || sample.errors.length > 0) && head.length < text.length) sample = Papa.parse<string[]>(text, { delimiter, newline, preview: SAMPLE_ROWS, skipEmptyLines: true });
    const width = sample.data[0]?.length ?? 0;
    if (width < 2) continue;
    const agreeing = sample.data.filter((row) => row.length === width).length;
    if (agreeing > best.agreeing || (agreeing === best.agreeing && width > best.width)) {
      best = { delimiter, agreeing, width };
    }
  }
  return best.delimiter;
}

/**
 * The start of the text, enough for the sample rows with room to spare: papaparse splits its whole
 * input into lines before it looks at `preview`, which on a million-row file is a million lines.
 */
function sampleOf(text: string, newline: Newline): string {
  let end = 0;
  for (let lines = 0; lines < SAMPLE_ROWS * 4; lines++) {
    const next = text.indexOf(newline, end);
    if (next === -1) return text;
    end = next + newline.length;
  }
  return text.slice(0, end);
}

function quoteProblem(text: string, index: number, code: Papa.ParseError['code']): CsvError {
  const line = lineAt(text, index);
  if (code === 'MissingQuotes') {
    return new CsvError(
      `${line}번째 줄에서 시작한 따옴표(")가 닫히지 않아 파일의 나머지를 읽을 수 없습니다` +
        ` / A quote (") opened on line ${line} is never closed, so the rest of the file cannot be read`,
      line,
    );
  }
  return new CsvError(
    `${line}번째 줄의 따옴표(")가 잘못 쓰였습니다. 따옴표로 감싼 칸 뒤에 다른 글자가 붙어 있습니다` +
      ` / Misplaced quote (") on line ${line}: a quoted cell is followed by other characters`,
    line,
  );
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let position = text.indexOf('\n'); position !== -1 && position < index; position = text.indexOf('\n', position + 1)) {
    line += 1;
  }
  return line;
}
