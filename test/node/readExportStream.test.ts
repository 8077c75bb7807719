/**
 * A large .xlsx export is read as a stream instead of through ExcelJS. Both readers must give the
 * same text for every cell, so here the streaming one is forced on small files (largeSheetBytes: 0)
 * and compared with ExcelJS's on the same file: the kinds of cells exports carry, then generated
 * sheets.
 */
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { readExportFile } from '../../src/node/readExport';
import { XlsxParts } from '../../src/node/xlsxStream';
import { tempFolder } from '../helpers/tempFolder';

const work = tempFolder('export-stream');
let files = 0;

async function bothWays(book: ExcelJS.Workbook): Promise<{ streamed: string[][]; viaExcelJs: string[][]; sheetName: string | undefined }> {
  const file = path.join(work, `export${++files}.xlsx`);
  await book.xlsx.writeFile(file);
  const spy = jest.spyOn(XlsxParts.prototype, 'readWorksheet');
  try {
    const streamed = await readExportFile(file, { largeSheetBytes: 0 });
    expect(spy).toHaveBeenCalledTimes(1);
    const viaExcelJs = await readExportFile(file);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(streamed.sheetName).toBe(viaExcelJs.sheetName);
    return { streamed: streamed.rows, viaExcelJs: viaExcelJs.rows, sheetName: streamed.sheetName };
  } finally {
    spy.mockRestore();
  }
}

describe('large .xlsx exports read as a stream', () => {
  it('give the text ExcelJS gives for the cells exports carry', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('숨김', { state: 'hidden' }).addRow(['not this one']);
    const ws = book.addWorksheet('투표결과');
    ws.addRow(['투표자', '투표일시', '선택1', '선택2', '비고']);
    ws.addRow([1012345678, new Date(Date.UTC(2020, 6, 6, 9, 30, 15)), 'A01', { richText: [{ text: 'A' }, { text: '02', font: { bold: true } }] }, true]);
    ws.addRow(['010-2222-3333', new Date(Date.UTC(2020, 6, 7)), { formula: '0.1+0.2', result: 0.30000000000000004 }, { text: '링크', hyperlink: 'https://example.org' }, { error: '#N/A' }]);
    const withTime = ws.addRow(['01044445555', new Date(Date.UTC(2020, 6, 8)), ' A03 ', null, 12.5]);
    withTime.getCell(2).numFmt = 'yyyy-mm-dd hh:mm:ss';
    const dateOnly = ws.addRow(['01055556666', new Date(Date.UTC(2020, 6, 9)), 'A04', '', 1e21]);
    dateOnly.getCell(2).numFmt = 'yyyy"년" m"월" d"일"';
    ws.addRow([]);
    ws.addRow(['01066667777', 44022.5, 'A05', '=HYPERLINK("x")', false]);
    ws.mergeCells('C8:D8');
    ws.getCell('C8').value = '병합';
    ws.getCell('A10').numFmt = '0.00';
    const { streamed, viaExcelJs, sheetName } = await bothWays(book);
    expect(sheetName).toBe('투표결과');
    expect(streamed).toEqual(viaExcelJs);
    expect(streamed[1]).toEqual(['1012345678', '2020-07-06 09:30:15', 'A01', 'A02', 'TRUE']);
    expect(streamed[3][1]).toBe('2020-07-08 00:00:00');
    expect(streamed[4][1]).toBe('2020-07-09');
    expect(streamed[7]).toEqual(['', '', '병합']);
    expect(streamed).toHaveLength(8);
  });

  it('give the text ExcelJS gives on generated sheets', async () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.constantFrom('마을 축제', ' 앞뒤 ', '=cmd|x', '<b>&</b>', 'a\nb'),
      fc.integer({ min: -1e12, max: 1e12 }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((n) => (n === 0 ? 0 : n)),
      fc.boolean(),
      fc.constant(null),
      fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2040, 0, 1)), noInvalidDate: true }).map((d) => new Date(Math.round(d.getTime() / 1000) * 1000)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { maxLength: 6 }), { minLength: 1, maxLength: 12 }), async (rows) => {
        const book = new ExcelJS.Workbook();
        const ws = book.addWorksheet('export');
        ws.addRow(['투표자', '선택']);
        for (const row of rows) ws.addRow(row);
        const { streamed, viaExcelJs } = await bothWays(book);
        expect(streamed).toEqual(viaExcelJs);
      }),
      { numRuns: 40 },
    );
  });
});
