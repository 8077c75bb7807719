import fc from 'fast-check';
import Papa from 'papaparse';
import { CsvError, csvRowBatches, parseCsv } from '../../src/io/csv';

/**
 * The reading the batched reader must reproduce: papaparse over the whole text at once, after
 * turning every line ending into LF (what parseCsv did before rows came in batches).
 */
function wholeTextReading(text: string, delimiter: string): { rows: string[][] } | { error: string } {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const result = Papa.parse<string[]>(normalized, { delimiter, newline: '\n', skipEmptyLines: false });
  const quoteError = result.errors.find((e) => e.type === 'Quotes');
  if (quoteError) return { error: quoteError.code };
  const rows = result.data;
  while (rows.length > 0 && rows[rows.length - 1].every((c) => c === '')) rows.pop();
  return { rows };
}

function batchedReading(text: string): { rows: string[][]; delimiter: string } | { error: string } {
  try {
    return parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) return { error: /never closed/.test(error.message) ? 'MissingQuotes' : 'InvalidQuotes' };
    throw error;
  }
}

// Pieces that stress the reader: quotes in every position, delimiters, every line ending, blanks.
const piece = fc.constantFrom('a', '가', ' ', ',', ';', '\t', '"', '""', '\n', '\r\n', '\r', 'x"y', '"q,r"', '"m\r\nn"', '', '1,000');
const csvText = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

describe('csvRowBatches', () => {
  test('reads every generated text exactly as papaparse reads the whole text', () => {
    fc.assert(
      fc.property(csvText, (text) => {
        const batched = batchedReading(text);
        // The delimiter is chosen before any quote is read, so it is known even when reading fails.
        const expected = wholeTextReading(text, csvRowBatches(text).delimiter);
        if ('error' in expected) expect(batched).toEqual({ error: expected.error });
        else expect('rows' in batched ? batched.rows : batched).toEqual(expected.rows);
      }),
      { numRuns: 3000 },
    );
  });

  test('a large file arrives in several batches whose rows add up, and each call starts over', () => {
    const lines = ['투표자,선택1,메모'];
    for (let i = 0; i < 10_000; i++) lines.push(i % 997 === 0 ? `${i},A,"여러 줄\r\n메모, ""따옴표"""` : `${i},B,`);
    const { batches } = csvRowBatches(lines.join('\r\n') + '\r\n');
    const sizes = [...batches()].map((b) => b.length);
    expect(sizes.length).toBeGreaterThan(1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10_001);
    const again = [...batches()].flat();
    expect(again).toHaveLength(10_001);
    expect(again[998]).toEqual(['997', 'A', '여러 줄\n메모, "따옴표"']);
    expect(again[999]).toEqual(['998', 'B', '']);
  });

  test('an unclosed quote deep in a big file is reported at its line', () => {
    const lines = ['a,b'];
    for (let i = 0; i < 20_000; i++) lines.push(`${i},x`);
    lines.push('9,"never closed');
    for (let i = 0; i < 5; i++) lines.push(`${i},y`);
    const { batches } = csvRowBatches(lines.join('\n'));
    expect(() => [...batches()]).toThrow(/line 20002/);
  });
});
