/**
 * Large tabs of the .xlsx host: rows kept as values and streamed as sheet XML instead of going
 * through ExcelJS's cells. Small limits make a few rows "large" here; what is checked is that the
 * file written this way reads back the same through our streaming reader and through ExcelJS
 * itself (an independent reader), and that a file Excel or ExcelJS wrote reads the same both ways.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { NotOwnFormat, RowsXmlWriter, SheetXmlReader } from '../../src/node/sheetXml';
import { XlsxWorkbook, type LargeTabLimits } from '../../src/node/xlsxWorkbook';
import { zipParts } from '../../src/node/zipParts';
import { XlsxParts } from '../../src/node/xlsxStream';
import type { Cell, Grid } from '../../src/workflows/workbook';
import { tempFolder } from '../helpers/tempFolder';

const work = tempFolder('large');
const SMALL: LargeTabLimits = { rows: 5, xmlBytes: 200 };
/** Limits no tab here reaches: every tab goes through ExcelJS, as before large tabs existed. */
const NEVER: LargeTabLimits = { rows: 1e9, xmlBytes: 1e12 };
let files = 0;
const nextFile = (): string => path.join(work, `book${++files}.xlsx`);
const xmlText = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** What a cell is once it has been in a sheet: '' is an empty cell, characters XML cannot hold are gone. */
function stored(rows: Grid): Grid {
  const out = rows.map((row) => {
    const cells = row.map((cell): Cell => {
      if (typeof cell !== 'string') return cell;
      // eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot carry
      const text = cell.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
      return text === '' ? null : text;
    });
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    return cells;
  });
  while (out.length > 0 && out[out.length - 1].length === 0) out.pop();
  return out;
}

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('마을 축제', ' 앞뒤 공백 ', 'a\r\nb', 'x\ty', '<b>&amp;</b>', '=HYPERLINK("x")', '\u0000NUL', '_x0041_', ']]>', ''),
);
const cell: fc.Arbitrary<Cell> = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n)), fc.boolean(), fc.constant(null));
const header = ['투표자키', '선택', '동'];

describe('large tabs of the .xlsx host', () => {
  it('reads back every value it wrote, through its own reader and through ExcelJS', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { maxLength: 6 }), { minLength: 6, maxLength: 30 }), async (body) => {
        const file = nextFile();
        const book = XlsxWorkbook.create(file, SMALL);
        const rows: Grid = [header, ...body];
        book.writeTab('투표', rows, { frozenRows: 1, boldRows: [1] });
        await book.save();
        const expected = stored(rows);
        const streamed = await XlsxWorkbook.open(file, SMALL);
        expect(streamed.readTab('투표')).toEqual(expected);
        const viaExcelJs = await XlsxWorkbook.open(file, NEVER);
        expect(viaExcelJs.readTab('투표')).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('writes a zip whose every part has the CRC-32 and size its directory gives', async () => {
    const file = nextFile();
    const book = XlsxWorkbook.create(file, SMALL);
    book.writeTab('투표', [header, ...Array.from({ length: 300 }, (_, i) => [`k${i}`, '마을 축제', i])]);
    book.writeTab('결과', [['순위'], [1]]);
    await book.save();
    const { parts, close } = await zipParts(readFileSync(file));
    const entries = new Map<string, { crc32: number; uncompressedSize: number }>();
    await new Promise<void>((resolve, reject) => {
      yauzl.fromBuffer(readFileSync(file), { lazyEntries: true }, (error, zip) => {
        if (error || zip === undefined) return reject(error ?? new Error('no zip'));
        zip.on('entry', (entry: yauzl.Entry) => {
          entries.set(entry.fileName, entry);
          zip.readEntry();
        });
        zip.on('end', () => resolve());
        zip.readEntry();
      });
    });
    expect(parts.length).toBeGreaterThan(5);
    for (const part of parts) {
      const data = await part.read();
      expect([part.name, crc32(data), data.length]).toEqual([part.name, entries.get(part.name)?.crc32, entries.get(part.name)?.uncompressedSize]);
    }
    close();
  });

  it('keeps the header formatting, frozen rows, tab order, other tabs and secrets', async () => {
    const file = nextFile();
    const book = XlsxWorkbook.create(file, SMALL);
    book.writeTab('설정', [['항목', '값'], ['총예산', '5억']], { frozenRows: 1, boldRows: [1] });
    book.writeTab('투표', [header, ...Array.from({ length: 40 }, (_, i) => [`k${i}`, 'A01,A02', '역삼1동'])], { frozenRows: 1, boldRows: [1] });
    book.writeTab('결과', [['순위'], [1]]);
    book.setSecret('voterSalt', 's3cret');
    await book.save();

    const excel = new ExcelJS.Workbook();
    await excel.xlsx.readFile(file);
    expect(excel.worksheets.map((ws) => ws.name)).toEqual(['설정', '투표', '결과', '_civic_sheets']);
    const ballots = excel.getWorksheet('투표') as ExcelJS.Worksheet;
    expect(ballots.getRow(1).font?.bold).toBe(true);
    expect(ballots.getRow(2).font?.bold).toBeUndefined();
    expect(ballots.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ballots.rowCount).toBe(41);
    expect(ballots.getCell('A41').value).toBe('k39');

    const reopened = await XlsxWorkbook.open(file, SMALL);
    expect(reopened.tabNames()).toEqual(['설정', '투표', '결과']);
    expect(reopened.getSecret('voterSalt')).toBe('s3cret');
    expect(reopened.readTab('설정')).toEqual([['항목', '값'], ['총예산', '5억']]);
    // Saved again without touching the tab: still the same rows and header style.
    await reopened.save();
    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(file);
    expect((again.getWorksheet('투표') as ExcelJS.Worksheet).getRow(1).font?.bold).toBe(true);
    expect((await XlsxWorkbook.open(file, NEVER)).readTab('투표')).toEqual(reopened.readTab('투표'));
  });

  it('reads a sheet ExcelJS wrote (shared strings, dates, rich text, formulas) as ExcelJS does', async () => {
    const file = nextFile();
    const excel = new ExcelJS.Workbook();
    const ws = excel.addWorksheet('투표');
    ws.addRow(['투표자키', '일시', '선택', '수', '참']);
    for (let i = 0; i < 30; i++) {
      ws.addRow([`k${i % 7}`, new Date(Date.UTC(2020, 6, 6, 9, i, 0)), { richText: [{ text: 'A0' }, { text: String(i % 3), font: { bold: true } }] }, { formula: `${i + 1}*2`, result: (i + 1) * 2 }, i % 2 === 0]);
    }
    ws.getCell('F3').value = '마지막';
    await excel.xlsx.writeFile(file);
    const streamed = await XlsxWorkbook.open(file, SMALL);
    const viaExcelJs = await XlsxWorkbook.open(file, NEVER);
    const rows = streamed.readTab('투표') as Grid;
    expect(rows).toEqual(viaExcelJs.readTab('투표'));
    expect(rows[1]).toEqual(['k0', '2020-07-06 09:00:00', 'A00', 2, true]);
    expect(rows[2][5]).toBe('마지막');
  });

  it('reads dates of a 1904-based workbook (old Mac Excel) as ExcelJS does', async () => {
    const file = nextFile();
    const excel = new ExcelJS.Workbook();
    excel.properties.date1904 = true;
    const ws = excel.addWorksheet('투표');
    ws.addRow(['투표자키', '일시']);
    for (let i = 0; i < 30; i++) ws.addRow([`k${i}`, new Date(Date.UTC(2020, 6, 6, 9, i, 0))]);
    await excel.xlsx.writeFile(file);
    const rows = (await XlsxWorkbook.open(file, SMALL)).readTab('투표') as Grid;
    expect(rows).toEqual((await XlsxWorkbook.open(file, NEVER)).readTab('투표'));
    expect(rows[1]).toEqual(['k0', '2020-07-06 09:00:00']);
  });

  it('turns a tab large when rows are appended, and keeps edits of the first and later rows', async () => {
    const file = nextFile();
    const book = XlsxWorkbook.create(file, SMALL);
    book.writeTab('투표', [header, ['k0', 'A01', '역삼1동']], { frozenRows: 1, boldRows: [1] });
    book.appendRows('투표', [['k1', 'A02', null], ['k2', 'A03', '역삼2동'], ['k3', 'A01', null], ['k4', 'A02', null], ['k5', 'A03', null]]);
    book.writeRange('투표', 1, 4, [['비고']]);
    book.writeRange('투표', 3, 2, [['A09']]);
    book.appendRows('투표', [['k6', 'A01', null]]);
    const expected: Grid = [
      [...header, '비고'],
      ['k0', 'A01', '역삼1동'],
      ['k1', 'A09', null],
      ['k2', 'A03', '역삼2동'],
      ['k3', 'A01'],
      ['k4', 'A02'],
      ['k5', 'A03'],
      ['k6', 'A01'],
    ];
    expect(stored(book.readTab('투표') as Grid)).toEqual(stored(expected));
    await book.save();
    expect((await XlsxWorkbook.open(file, SMALL)).readTab('투표')).toEqual(stored(expected));
    const excel = new ExcelJS.Workbook();
    await excel.xlsx.readFile(file);
    const ws = excel.getWorksheet('투표') as ExcelJS.Worksheet;
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.getCell('D1').value).toBe('비고');
  });

  it('copies an unchanged tab of plain values as it was; rewrites a changed one, or one of shared strings', async () => {
    const write = jest.spyOn(RowsXmlWriter.prototype, 'write');
    try {
      const file = nextFile();
      const book = XlsxWorkbook.create(file, SMALL);
      const rows: Grid = [header, ...Array.from({ length: 30 }, (_, i) => [`k${i}`, i % 2 === 0 ? 'A01, A02' : '<&>', i])];
      book.writeTab('투표', rows, { frozenRows: 1, boldRows: [1] });
      book.writeTab('결과', [['순위'], [1]]);
      await book.save();
      expect(write).toHaveBeenCalled();

      // Another tab changes, 투표 does not: its rows are copied, not made again.
      write.mockClear();
      const again = await XlsxWorkbook.open(file, SMALL);
      again.writeTab('결과', [['순위'], [2]]);
      await again.save();
      expect(write).not.toHaveBeenCalled();
      expect((await XlsxWorkbook.open(file, NEVER)).readTab('투표')).toEqual(stored(rows));
      expect((await XlsxWorkbook.open(file, NEVER)).readTab('결과')).toEqual([['순위'], [2]]);

      // 투표 changes: made again, with the change.
      const edited = await XlsxWorkbook.open(file, SMALL);
      edited.writeRange('투표', 5, 2, [['A09']]);
      await edited.save();
      expect(write).toHaveBeenCalled();
      expect((await XlsxWorkbook.open(file, NEVER)).readTab('투표')?.[4]).toEqual(['k3', 'A09', 3]);

      // A sheet ExcelJS wrote (shared strings) is never copied: its indexes change when ExcelJS rewrites them.
      write.mockClear();
      const excel = new ExcelJS.Workbook();
      excel.addWorksheet('투표').addRows(stored(rows));
      await excel.xlsx.writeFile(file);
      await (await XlsxWorkbook.open(file, SMALL)).save();
      expect(write).toHaveBeenCalled();
      expect((await XlsxWorkbook.open(file, NEVER)).readTab('투표')).toEqual(stored(rows));
    } finally {
      write.mockRestore();
    }
  });

  it('copies an unchanged large tab as the zip stores it: the same compressed bytes, nothing inflated or compressed again', async () => {
    const storedBytes = async (file: string, tab: string): Promise<{ method: number; crc32: number; bytes: Buffer }> => {
      const { parts, close } = await zipParts(readFileSync(file));
      try {
        const workbookXml = (await parts.find((p) => p.name === 'xl/workbook.xml')!.read()).toString();
        const rels = (await parts.find((p) => p.name === 'xl/_rels/workbook.xml.rels')!.read()).toString();
        const rid = new RegExp(`<sheet [^>]*name="${tab}"[^>]*r:id="(\\w+)"`).exec(workbookXml)![1];
        const target = new RegExp(`Id="${rid}"[^>]*Target="/?(?:xl/)?([^"]+)"`).exec(rels)![1];
        const part = parts.find((p) => p.name === `xl/${target}`)!;
        const chunks: Buffer[] = [];
        await part.stored.stream((chunk) => {
          chunks.push(chunk);
        });
        return { method: part.stored.method, crc32: part.stored.crc32, bytes: Buffer.concat(chunks) };
      } finally {
        close();
      }
    };
    const copyBody = jest.spyOn(XlsxParts.prototype, 'copyWorksheetBody');
    try {
      const file = nextFile();
      const book = XlsxWorkbook.create(file, SMALL);
      const rows: Grid = [header, ...Array.from({ length: 40 }, (_, i) => [`k${i}`, i % 3 === 0 ? 'A01, A02' : '<&> 역삼1동', i])];
      book.writeTab('투표', rows, { frozenRows: 1, boldRows: [1] });
      book.writeTab('결과', [['순위'], [1]]);
      await book.save();
      // ExcelJS adds a few attributes to a sheet's head the first time it reads and writes it back
      // (zoomScale, page numbers): from then on the head stays as it is, as it does after an import.
      const settle = await XlsxWorkbook.open(file, SMALL);
      settle.writeTab('결과', [['순위'], [2]]);
      await settle.save();
      copyBody.mockClear();
      const before = await storedBytes(file, '투표');
      expect(before.method).toBe(8);

      // Saved twice with another tab changed in between (as a tally does): 투표's part is the file's.
      for (const rank of [2, 3]) {
        const again = await XlsxWorkbook.open(file, SMALL);
        again.writeTab('결과', [['순위'], [rank]]);
        await again.save();
      }
      expect(copyBody).not.toHaveBeenCalled();
      expect(await storedBytes(file, '투표')).toEqual(before);
      expect((await XlsxWorkbook.open(file, NEVER)).readTab('투표')).toEqual(stored(rows));
      expect((await XlsxWorkbook.open(file, NEVER)).readTab('결과')).toEqual([['순위'], [3]]);
      // ExcelJS reads the copied part too (an independent reader).
      const excel = new ExcelJS.Workbook();
      await excel.xlsx.readFile(file);
      expect(excel.getWorksheet('투표')?.getCell('B40').value).toBe('<&> 역삼1동');

      // Its head changed (frozen rows gone): the rows are copied into the new head, not the stored part.
      const edited = await XlsxWorkbook.open(file, SMALL);
      edited.writeTab('투표', edited.readTab('투표') as Grid);
      await edited.save();
      expect(await storedBytes(file, '투표')).not.toEqual(before);
      expect((await XlsxWorkbook.open(file, NEVER)).readTab('투표')).toEqual(stored(rows));
    } finally {
      copyBody.mockRestore();
    }
  });

  it('keeps every row of a large tab whose first row is empty, saved twice', async () => {
    const file = nextFile();
    const book = XlsxWorkbook.create(file, SMALL);
    const rows: Grid = [[], header, ...Array.from({ length: 20 }, (_, i) => [`k${i}`, 'A01', '역삼1동'])];
    book.writeTab('투표', rows);
    await book.save();
    await (await XlsxWorkbook.open(file, SMALL)).save();
    expect((await XlsxWorkbook.open(file, NEVER)).readTab('투표')).toEqual(stored(rows));
  });

  it('reads the rows it wrote from their bytes exactly as saxes reads them, cut anywhere, and leaves other writers to saxes', async () => {
    // Fast: bytes cut at any byte (inside a Hangul letter or a tag); saxes: text cut anywhere.
    const read = (xml: string, fast: boolean, pieces = 7): ReturnType<SheetXmlReader['end']> => {
      const reader = new SheetXmlReader([], [], undefined, fast);
      const data: { length: number; slice(from: number, to: number): string | Uint8Array } = fast ? Buffer.from(xml, 'utf8') : xml;
      const step = Math.ceil(data.length / pieces);
      for (let at = 0; at < data.length; at += step) {
        const piece = data.slice(at, at + step);
        if (typeof piece === 'string') reader.write(piece);
        else reader.writeBytes(piece);
      }
      return reader.end();
    };
    const sheetOf = (rows: Grid): string => {
      const first = rows[0].map((c) => `<c t="inlineStr"><is><t>${String(c)}</t></is></c>`).join('');
      return `<worksheet><sheetData><row r="1">${first}</row>${xmlText(new RowsXmlWriter().write(rows, 1, rows.length))}</sheetData></worksheet>`;
    };
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 40 }), (body, pieces) => {
        const xml = sheetOf([header, ...body]);
        expect(read(xml, true, pieces)).toEqual(read(xml, false, pieces));
      }),
      { numRuns: 200 },
    );
    // Entities another writer may use, and rows written otherwise, are not guessed at.
    const foreign = [
      '<row r="2"><c r="A2" t="inlineStr"><is><t>a&quot;b&#x41;&#66;</t></is></c></row>',
      '<row r="2" spans="1:1"><c r="A2"><v>1</v></c></row>',
      '<row r="2"><c r="A2" s="1"><v>1</v></c></row>',
      '<row r="2"><c r="A2" t="inlineStr"><is><t>a\r\nb</t></is></c></row>',
      '<row r="2"><c r="A2" t="s"><v>0</v></c></row>',
      '<row r="2"><c r="A2" t="inlineStr"><v>1</v></c></row>',
      '<row r="2"><c r="A2"><is><t>x</t></is></c></row>',
      '<row r="2"><c r="A2" t="b"><is><t>1</t></is></c></row>',
      '<row r="2"><c r="AAAA2"><v>1</v></c></row>',
      '<row r="2" ><c r="A2"><v>1</v></c></row>',
      '<row r="2"><c r="A2"><v></v></c></row>',
      '<row r="2"><c r="A2"><v>1</v></c><row r="3"></row>',
    ];
    const wrap = (rows: string): string => `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c></row>${rows}</sheetData></worksheet>`;
    expect(read(wrap(foreign[0]), true).rows).toEqual(read(wrap(foreign[0]), false).rows);
    for (const row of foreign.slice(1)) for (const pieces of [1, 3, 50]) expect(() => read(wrap(row), true, pieces)).toThrow(NotOwnFormat);
    // A prefixed sheetData is another writer's; a body cut inside a row is for saxes to refuse.
    expect(() => read('<x:worksheet><x:sheetData><x:row r="1"></x:row></x:sheetData></x:worksheet>', true)).toThrow(NotOwnFormat);
    const cut = wrap('<row r="2"><c r="A2"><v>1</v></c></row>').replace('</sheetData></worksheet>', '');
    expect(() => read(`${cut}<row r="3"><c r`, true)).toThrow(NotOwnFormat);
    // Cut after a whole row: refused as saxes refuses it.
    expect(() => read(cut, false)).toThrow('ends early');
    expect(() => read(cut, true)).toThrow('ends early');
    // No rows at all, or only the first: the same as saxes.
    for (const xml of ['<worksheet><sheetData/></worksheet>', '<worksheet><sheetData></sheetData><cols/></worksheet>', wrap('')]) {
      expect(read(xml, true, 3)).toEqual(read(xml, false, 3));
    }
  });

  it('writes each batch as UTF-8 bytes of its own: long Hangul and emoji cells, a buffer grown mid-batch, earlier batches untouched', () => {
    const long = '가'.repeat(20_000) + '😀'.repeat(5_000);
    const rows: Grid = [header, ['k1', long, '역삼1동'], ['k2', 'A01', 7], ...Array.from({ length: 3_000 }, (_, i) => [`k${i + 3}`, `${'나'.repeat(i % 50)}<&>`, i])];
    const writer = new RowsXmlWriter();
    const first = writer.write(rows, 1, 3);
    const firstText = xmlText(first);
    const second = writer.write(rows, 3, rows.length);
    expect(xmlText(first)).toBe(firstText);
    expect(firstText).toContain(`<t>${long}</t>`);
    const reader = new SheetXmlReader([], [], undefined, true);
    reader.writeBytes(Buffer.from(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c></row>${firstText}${xmlText(second)}</sheetData></worksheet>`));
    const read = reader.end().rows;
    expect(read.slice(1)).toEqual(stored(rows.slice(1)));
  });

  it('past a full pool, a column whose values are new on every row is no longer looked up; every value reads and writes back the same', () => {
    // 15,000 rows: A new on every row, B from three values, C new for 12,000 rows and then repeated.
    const rows: Grid = [['키', '동', '시각']];
    for (let i = 0; i < 15_000; i++) rows.push([`voter-${i}`, ['역삼1동', '역삼2동', '도곡1동'][i % 3], `t${i % 12_000}`]);
    const gets = jest.spyOn(Map.prototype, 'get');
    const body = xmlText(new RowsXmlWriter().write(rows, 1, rows.length));
    const writerGets = gets.mock.calls.length;
    gets.mockClear();
    const xml = `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>키</t></is></c></row>${body}</sheetData></worksheet>`;
    const fast = new SheetXmlReader([], [], undefined, true);
    fast.writeBytes(Buffer.from(xml));
    const read = fast.end();
    const readerGets = gets.mock.calls.length;
    gets.mockRestore();
    const saxes = new SheetXmlReader([], [], undefined, false);
    saxes.write(xml);
    expect(read.rows.slice(1)).toEqual(rows.slice(1));
    expect(saxes.end().rows.slice(1)).toEqual(rows.slice(1));
    // Looked up: B on every row, A and C until about 1,000 misses after the pool's 10,000 entries.
    for (const lookups of [writerGets, readerGets]) {
      expect(lookups).toBeGreaterThan(15_000);
      expect(lookups).toBeLessThan(15_000 + 2 * 12_000);
    }
  });

  it('refuses a large sheet whose XML is cut short, in one line, and leaves the file as it was', async () => {
    const file = nextFile();
    const book = XlsxWorkbook.create(file, SMALL);
    book.writeTab('투표', [header, ...Array.from({ length: 40 }, (_, i) => [`k${i}`, 'A01', '역삼1동'])]);
    await book.save();
    const parts = unzipSync(readFileSync(file));
    const sheet = Object.keys(parts).find((name) => /^xl\/worksheets\/[^/]+\.xml$/.test(name)) as string;
    const xml = strFromU8(parts[sheet]);
    parts[sheet] = strToU8(xml.slice(0, Math.floor(xml.length * 0.6)));
    writeFileSync(file, zipSync(parts));
    const before = readFileSync(file);
    await expect(XlsxWorkbook.open(file, SMALL)).rejects.toMatchObject({ code: 'bad_workbook', message: expect.stringMatching(/^[^\n]*(손상|끊겼)[^\n]*$/) });
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
