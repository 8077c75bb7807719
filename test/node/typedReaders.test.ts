/**
 * Every .xlsx reader reads a typed cell as typedCell does (src/sheets/typedCells.ts): 0.8 in a `0%`
 * cell is `80%`, 1 in a `00` cell is `01` — the workbook's small tabs (ExcelJS), its large tabs (the
 * stream reader, tabs over LARGE_TAB rows), and exports read through ExcelJS or as a stream. The
 * file is written by ExcelJS as Excel keeps what a person typed (`0%` is Excel's built-in format 9,
 * with no code of its own in styles.xml; `00` a custom one). The sidebar's reader: test/browser/typedXlsx.test.ts.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { readExportFile } from '../../src/node/readExport';
import { XlsxParts } from '../../src/node/xlsxStream';
import { XlsxWorkbook, type LargeTabLimits } from '../../src/node/xlsxWorkbook';
import { typedCell } from '../../src/sheets/typedCells';
import { tempFolder } from '../helpers/tempFolder';
import { typedCellsFile, TYPED_ROWS } from '../helpers/typedXlsx';

const work = tempFolder('typed-readers');
/** Limits the test tab passes (so it streams) and never reaches (so ExcelJS reads it). */
const SMALL: LargeTabLimits = { rows: 5, xmlBytes: 200 };
const NEVER: LargeTabLimits = { rows: 1e9, xmlBytes: 1e12 };

let file = '';
beforeAll(async () => {
  file = await typedCellsFile(path.join(work, 'typed.xlsx'));
});

test('the file holds what Excel holds: numbers with their formats, percent as built-in format 9', async () => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const ws = book.getWorksheet('투표') as ExcelJS.Worksheet;
  expect([ws.getCell('C2').value, ws.getCell('C2').numFmt, ws.getCell('D2').value, ws.getCell('D2').numFmt]).toEqual([0.8, '0%', 1, '00']);
  const styles = strFromU8(unzipSync(readFileSync(file), { filter: (f) => f.name === 'xl/styles.xml' })['xl/styles.xml']);
  expect(styles).toMatch(/<xf [^>]*numFmtId="9"/);
  expect(styles).not.toMatch(/formatCode="0%"/);
  expect(styles).toMatch(/formatCode="00"/);
  // What typedCell makes of them, the rule every reader must follow.
  expect(TYPED_ROWS.slice(1).map((row) => row.slice(2).map(([value, format]) => typedCell(value, format)))).toEqual([
    ['80%', '01', 12.5],
    ['12.5%', '007', 3],
    ['7%', '00', 1234.5],
    ['100%', '10', 0],
    ['5%', '123', 2],
    ['0%', '01', 7],
  ]);
});

describe('each reader reads them as typedCell', () => {
  const expected = TYPED_ROWS.map((row, r) => row.map(([value, format]) => (r === 0 ? value : typedCell(value, format))));
  const asText = expected.map((row) => row.map((cell) => String(cell)));

  test('a workbook tab read by ExcelJS and the same tab read as a large tab (stream)', async () => {
    const spy = jest.spyOn(XlsxParts.prototype, 'readWorksheet');
    try {
      const viaExcelJs = (await XlsxWorkbook.open(file, NEVER)).readTab('투표');
      expect(spy).not.toHaveBeenCalled();
      const streamed = (await XlsxWorkbook.open(file, SMALL)).readTab('투표');
      expect(spy).toHaveBeenCalled();
      expect(viaExcelJs).toEqual(expected);
      expect(streamed).toEqual(expected);
    } finally {
      spy.mockRestore();
    }
  });

  test('an export read through ExcelJS and as a stream', async () => {
    const spy = jest.spyOn(XlsxParts.prototype, 'readWorksheet');
    try {
      const viaExcelJs = await readExportFile(file);
      expect(spy).not.toHaveBeenCalled();
      const streamed = await readExportFile(file, { largeSheetBytes: 0 });
      expect(spy).toHaveBeenCalledTimes(1);
      expect(viaExcelJs.rows).toEqual(asText);
      expect(streamed.rows).toEqual(asText);
    } finally {
      spy.mockRestore();
    }
  });
});
