/**
 * The .xlsx host's number formats follow the rule both hosts share (src/sheets/typedCells.ts): a
 * number format only on a number among the written cells (formatGrid), and a span that reaches
 * below the written rows formats those empty cells (spansBelow). Read back with ExcelJS.
 */
import ExcelJS from 'exceljs';
import * as path from 'node:path';
import { XlsxWorkbook } from '../../src/node/xlsxWorkbook';
import { gridAsRead, type FormatSpan } from '../../src/sheets/typedCells';
import type { Grid } from '../../src/workflows/workbook';
import { tempFolder } from '../helpers/tempFolder';

const work = tempFolder('xlsx-formats');

test('number formats land on numbers, text spans on every written cell and on the empty rows they name', async () => {
  const rows: Grid = [
    ['번호', '사업비', '비율'],
    ['01', 30_000_000, 0.25],
    ['A02', '미정', 0.5],
    ['A03'],
  ];
  const spans: FormatSpan[] = [
    { col: 1, fromRow: 2, toRow: 6, format: 'text' },
    { col: 2, fromRow: 2, format: 'amount' },
    { col: 3, fromRow: 2, format: 'share' },
  ];
  const file = path.join(work, 'formats.xlsx');
  const wb = XlsxWorkbook.create(file);
  wb.writeTab('표', rows, { formats: spans });
  await wb.save();

  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const ws = book.getWorksheet('표') as ExcelJS.Worksheet;
  const code = (r: number, c: number): string => ws.getCell(r, c).numFmt ?? 'General';
  const shown = Array.from({ length: 6 }, (_, r) => Array.from({ length: 3 }, (_, c) => code(r + 1, c + 1)));
  expect(shown).toEqual([
    ['General', 'General', 'General'],
    ['@', '#,##0', '0.0%'],
    // Text in the amount column keeps no number format; a short row stays short.
    ['@', 'General', '0.0%'],
    ['@', 'General', 'General'],
    // Below the written rows: the id column staff will type into.
    ['@', 'General', 'General'],
    ['@', 'General', 'General'],
  ]);
  // And the written rows read back as the shared rule says a host reads them (the formatted empty rows below hold nothing).
  const back = (await XlsxWorkbook.open(file)).readTab('표') ?? [];
  expect(back.slice(0, rows.length)).toEqual(gridAsRead(rows, spans));
  expect(back.slice(rows.length).flat().filter((cell) => cell !== null && cell !== '')).toEqual([]);
});
