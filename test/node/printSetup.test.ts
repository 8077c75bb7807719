/**
 * The tabs a committee prints (결과, 검증, 통계, 검토, 집행), as the demo's .xlsx holds them, read
 * back with ExcelJS: A4, one page wide, the table's header row repeated on every page, landscape
 * where the table is wide. What Sheets can do instead is tested in test/gas/sheetsWorkbook.test.ts.
 */
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runDemo } from '../../src/node/demo';
import { tempFolder } from '../helpers/tempFolder';
import { testContext } from '../helpers/context';

const work = tempFolder('print-setup');
let book: ExcelJS.Workbook;
let workbookXml = '';

beforeAll(async () => {
  const file = path.join(work, 'demo.xlsx');
  await runDemo(file, testContext());
  book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  workbookXml = strFromU8(unzipSync(readFileSync(file), { filter: (f) => f.name === 'xl/workbook.xml' })['xl/workbook.xml']);
}, 60_000);

/** The texts of a row, to show the repeated row is the table's header and not some other row. */
function rowTexts(ws: ExcelJS.Worksheet, row: number): string[] {
  const values = ws.getRow(row).values as unknown[];
  return Array.from(values.slice(1), (v) => String(v ?? ''));
}

describe.each([
  ['결과', 'landscape', ['순위', '번호', '의제명']],
  ['검증', 'landscape', ['종류']],
  ['통계', 'portrait', []],
  ['검토', 'landscape', ['연도']],
  ['집행', 'landscape', ['사업']],
] as const)('the %s tab', (name, orientation, header) => {
  test(`prints on A4 ${orientation}, one page wide, its header row on every page`, () => {
    const ws = book.getWorksheet(name);
    if (ws === undefined) throw new Error(`no ${name} tab`);
    const setup = ws.pageSetup;
    expect(setup.paperSize).toBe(9); // A4
    expect(setup.orientation).toBe(orientation);
    expect(setup.fitToPage).toBe(true);
    expect(setup.fitToWidth).toBe(1);
    expect(setup.fitToHeight).toBe(0); // as many pages tall as it needs
    const titles = /^\$?(\d+):\$?(\d+)$/.exec(String(setup.printTitlesRow ?? ''));
    expect(titles).not.toBeNull();
    const [from, to] = [Number(titles?.[1]), Number(titles?.[2])];
    expect(to).toBe(from);
    const texts = rowTexts(ws, from);
    for (const word of header) expect(texts.some((t) => t.startsWith(word))).toBe(true);
    if (name === '통계') expect(texts[0]).toMatch(/^참여 통계/);
    if (name === '결과') {
      // No print area: ExcelJS 4.4 cannot load its own print areas back after a few saves (a workbook
      // a later command could no longer open), so the helper columns print too.
      expect(/name="_xlnm\.Print_Area"/.test(workbookXml)).toBe(false);
    }
    // The repeated row is the frozen header the screen shows too (통계 has no frozen rows).
    if (name !== '통계') expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: from });
  });
});
