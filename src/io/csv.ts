import Papa from 'papaparse';

/**
 * CSV/TSV text to a table of strings, as exported by voting systems, web forms and Excel
 * ("CSV UTF-8", "CSV (쉼표로 분리)", "유니코드 텍스트" which is tab-separated).
 *
 * Rows are returned as they are; a row wider or narrower than the header is kept so that the
 * import layer can set it aside with a reason. Blank lines inside the file are kept too
 * (as ['']); only blank lines at the end are dropped.
 */

export type CsvDelimiter = ',' | ';' | '\t';

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

export function parseCsv(text: string): { rows: string[][]; delimiter: CsvDelimiter } {
  // One line-ending style for papaparse, which otherwise guesses from the first one it sees.
  // This also turns CRLF inside quoted cells into LF, the way Excel stores them in a cell.
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (normalized === '') return { rows: [], delimiter: ',' };

  const nul = normalized.indexOf('\u0000');
  if (nul !== -1) {
    const line = lineAt(normalized, nul);
    throw new CsvError(
      `파일에 NUL 문자가 있습니다 (${line}번째 줄). BOM 없는 UTF-16 파일이거나 손상된 파일일 수 있습니다` +
        ` / The file contains NUL characters (line ${line}). It may be UTF-16 without a byte-order mark, or damaged`,
      line,
    );
  }

  const delimiter = chooseDelimiter(normalized);
  const result = Papa.parse<string[]>(normalized, { delimiter, newline: '\n', skipEmptyLines: false });
  const quoteError = result.errors.find((error) => error.type === 'Quotes');
  if (quoteError) throw quoteProblem(normalized, quoteError);

  const rows = result.data;
  while (rows.length > 0 && rows[rows.length - 1].every((cell) => cell === '')) rows.pop();
  return { rows, delimiter };
}

/**
 * The delimiter that splits the header into the most fields, counting first how many sample
 * rows agree with the header's width, so a comma inside Korean amounts (`1,000`) in a
 * semicolon or tab file cannot win. A header that no candidate splits is one column: ','.
 */
function chooseDelimiter(text: string): CsvDelimiter {
  let best: { delimiter: CsvDelimiter; agreeing: number; width: number } = { delimiter: ',', agreeing: -1, width: 1 };
  for (const delimiter of CANDIDATES) {
    const sample = Papa.parse<string[]>(text, { delimiter, newline: '\n', preview: SAMPLE_ROWS, skipEmptyLines: true });
    const width = sample.data[0]?.length ?? 0;
    if (width < 2) continue;
    const agreeing = sample.data.filter((row) => row.length === width).length;
    if (agreeing > best.agreeing || (agreeing === best.agreeing && width > best.width)) {
      best = { delimiter, agreeing, width };
    }
  }
  return best.delimiter;
}

function quoteProblem(text: string, error: Papa.ParseError): CsvError {
  const line = lineAt(text, error.index ?? 0);
  if (error.code === 'MissingQuotes') {
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
