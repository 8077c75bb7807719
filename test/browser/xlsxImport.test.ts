/**
 * An .xlsx export picked in the sidebar is read in the browser (fflate + DOMParser) and counts
 * exactly as the CLI's reader (ExcelJS) counts it: same rows, same dates, same ballots.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBytes } from '../../src/io/decode';
import { parseCsv } from '../../src/io/csv';
import { readExportFile } from '../../src/node/readExport';
import { importTable, initWorkbook } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { hostContext, launch, openSidebar, ROOT, serveSidebar, shoot } from './harness';

const EXAMPLES = join(ROOT, 'examples');
const YOUTH = join(EXAMPLES, 'youth_picks.xlsx');
const csv = (name: string): string[][] => parseCsv(decodeBytes(readFileSync(join(EXAMPLES, name))).text).rows;

function exampleBook(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook(wb, hostContext('ko'));
  wb.writeTab('설정', csv('settings.csv'));
  wb.writeTab('의제', csv('agendas.csv'));
  return wb;
}

/** The 투표 rows without the voter key (each workbook has its own salt) and the import id. */
function ballots(wb: MemoryWorkbook): unknown[][] {
  return (wb.readTab('투표') ?? []).slice(1).map((row) => [row[1], row[2], row[3], row[8]]);
}

test('the example youth vote (.xlsx, one row per pick, date cells) imports in the sidebar as in the CLI', async () => {
  const table = await readExportFile(YOUTH);
  const node = exampleBook();
  const expected = importTable(node, hostContext('ko'), { fileName: table.fileName, rows: table.rows, encoding: table.encoding, channel: '청소년 투표' });

  const browser = await launch();
  const server = await serveSidebar();
  try {
    const s = await openSidebar(browser, server.url, { wb: exampleBook(), start: 'import' });
    const { page } = s;
    await page.setInputFiles('#import-file', YOUTH);
    await page.locator('#import-encoding-found').waitFor();
    expect(await page.textContent('#import-encoding-found')).toBe('xlsx');
    await page.fill('#import-channel', '청소년 투표');
    await page.click('#import-confirm');
    await page.locator('#import-ballots-counted').waitFor();
    await shoot(page, 'ko-21-import-xlsx');
    expect(Number((await page.textContent('#import-ballots-counted'))?.replace(/,/g, ''))).toBe(expected.ballotsCounted);
    expect(ballots(s.wb)).toEqual(ballots(node));
    expect(ballots(s.wb)[0][0]).toMatch(/^2020-07-\d\d \d\d:\d\d:\d\d$/);
    expect(s.pageErrors).toEqual([]);
    await page.context().close();
  } finally {
    await browser.close();
    await server.close();
  }
});
