/**
 * check-plans and reminders never read 투표: a large one is not parsed when they open the
 * workbook (a spy on the worksheet reader, not timing), and it is saved byte-for-byte as it was.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { main } from '../../src/node/cli';
import { worksheetParts } from '../../src/node/sheetXml';
import { XlsxParts } from '../../src/node/xlsxStream';
import { LARGE_TAB, XlsxWorkbook, type LargeTabLimits } from '../../src/node/xlsxWorkbook';
import { headerNames, TABS } from '../../src/sheets/schema';
import type { Grid } from '../../src/workflows/workbook';
import { tempFolder } from '../helpers/tempFolder';

const work = tempFolder('unread');
const BALLOTS = TABS.ballots.ko;
/** Above both limits of a large tab (20,000 rows, 8 MB of sheet XML). */
const ROWS = 26_000;

function ballotRows(count: number): Grid {
  const header = headerNames(TABS.ballots, 'ko');
  const rows: Grid = [header];
  for (let i = 0; i < count; i++) rows.push(header.map((_, c) => (c === 0 ? `v${String(i).padStart(31, '0')}` : c === 1 ? 45_000 + i / ROWS : `A0${(i + c) % 9} 마을 <&> "${i}"`)));
  return rows;
}

/** The XML of a tab's rows after the first, as in the file. */
function bodyXml(file: string, tab: string): string {
  const parts = unzipSync(readFileSync(file));
  const part = worksheetParts(strFromU8(parts['xl/workbook.xml']), strFromU8(parts['xl/_rels/workbook.xml.rels'])).get(tab);
  const xml = strFromU8(parts[part as string]);
  return xml.slice(xml.indexOf('</row>') + '</row>'.length, xml.indexOf('</sheetData>'));
}

async function quietly(argv: string[]): Promise<number> {
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return await main(argv);
  } finally {
    write.mockRestore();
  }
}

let book: string;
let bodyBefore: string;

beforeAll(async () => {
  book = path.join(work, 'large.xlsx');
  expect(await quietly(['init', book])).toBe(0);
  const wb = await XlsxWorkbook.open(book);
  wb.writeTab(BALLOTS, ballotRows(ROWS), { frozenRows: 1, boldRows: [1] });
  // One budget line, so check-plans has something to check.
  wb.writeTab(TABS.plans.ko, [headerNames(TABS.plans, 'ko'), ['마을 축제', 'A01', '문화', '201-01', '행사 운영비', 1_000_000, 2021, '구비']]);
  await wb.save();
  bodyBefore = bodyXml(book, BALLOTS);
  expect(bodyBefore.length).toBeGreaterThan(LARGE_TAB.xmlBytes);
}, 120_000);

afterEach(() => jest.restoreAllMocks());

test.each([['check-plans'], ['reminders']])('%s leaves a large 투표 unparsed and saves it byte-for-byte', async (command) => {
  const read = jest.spyOn(XlsxParts.prototype, 'readWorksheet');
  const split = jest.spyOn(XlsxParts.prototype, 'splitWorksheet');
  expect(await quietly([command, book])).toBe(0);
  expect(read).not.toHaveBeenCalled();
  expect(split).toHaveBeenCalledTimes(1);
  expect(bodyXml(book, BALLOTS)).toBe(bodyBefore);
  // And the saved file reads back whole, header included.
  const reopened = await XlsxWorkbook.open(book);
  const rows = reopened.readRows(BALLOTS) ?? [];
  expect(rows).toHaveLength(ROWS + 1);
  expect(rows[0]).toEqual(headerNames(TABS.ballots, 'ko'));
  expect(rows[ROWS][0]).toBe(`v${String(ROWS - 1).padStart(31, '0')}`);
}, 120_000);

test('other commands still parse it (the spy sees the reader), and an unread tab refuses to be read', async () => {
  const read = jest.spyOn(XlsxParts.prototype, 'readWorksheet');
  await XlsxWorkbook.open(book);
  expect(read).toHaveBeenCalledTimes(1);
  const unread = await XlsxWorkbook.open(book, LARGE_TAB, { unread: [BALLOTS] });
  expect(() => unread.readRows(BALLOTS)).toThrow(/left unread/);
  expect(() => unread.appendRows(BALLOTS, [['x']])).toThrow(/left unread/);
  expect(unread.tabNames()).toContain(BALLOTS);
}, 120_000);

test('a large tab whose rows are not plain values is read even when unread, and keeps its values', async () => {
  const small: LargeTabLimits = { rows: 5, xmlBytes: 200 };
  const file = path.join(work, 'styled.xlsx');
  // Written by ExcelJS, as Excel would: shared strings and a styled cell below the header.
  const excel = new ExcelJS.Workbook();
  const ws = excel.addWorksheet(BALLOTS);
  ws.addRows([['투표자키', '선택'], ...Array.from({ length: 10 }, (_, i) => [`v${i}`, `A0${i % 9}`])]);
  ws.getCell(3, 2).font = { bold: true };
  await excel.xlsx.writeFile(file);
  const read = jest.spyOn(XlsxParts.prototype, 'readWorksheet');
  const wb = await XlsxWorkbook.open(file, small, { unread: [BALLOTS] });
  expect(read).toHaveBeenCalledTimes(1);
  await wb.save();
  const again = await XlsxWorkbook.open(file, small);
  expect(again.readRows(BALLOTS)?.[3]).toEqual(['v2', 'A02']);
  expect(again.readRows(BALLOTS)).toHaveLength(11);
});
