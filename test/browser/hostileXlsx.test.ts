/**
 * The sidebar's .xlsx reader in real Chromium on files as spreadsheet programs save them and as an
 * attacker builds them: a formula in a pick cell (issue 14, 5) is set aside as 수식 셀 through the
 * staged upload, and a zip whose directory lies about a part's size is refused while the page stays
 * responsive.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { initWorkbook } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { deflatedZeros, xlsxWith } from '../helpers/hostileZip';
import { tempFolder } from '../helpers/tempFolder';
import { hostContext, launch, openSidebar, serveSidebar } from './harness';

const work = tempFolder('browser-hostile');
jest.setTimeout(120_000);

function book(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook(wb, hostContext('ko'));
  wb.writeTab('설정', [['항목', '값'], ['총예산', '100,000,000'], ['선택 수', '1'], ['투표 시작', '2020-07-06'], ['투표 종료', '2020-07-13']]);
  wb.writeTab('의제', [
    ['번호', '의제명', '분야', '사업비'],
    ['A01', '마을축제', '문화', '6천만원'],
    ['A02', '방역 봉사단', '안전', '50,000,000'],
  ]);
  return wb;
}

test('a HYPERLINK formula in a pick cell is set aside as 수식 셀, and its formula is kept nowhere', async () => {
  const file = path.join(work, 'formulas.xlsx');
  const export_ = new ExcelJS.Workbook();
  const ws = export_.addWorksheet('투표');
  ws.addRow(['투표자', '투표일시', '선택1']);
  ws.addRow(['v1', '2020-07-07 09:00:00', 'A01']);
  ws.addRow(['v2', '2020-07-07 10:00:00', { formula: 'HYPERLINK("http://attacker.example/x","A02")', result: 'A02' }]);
  ws.addRow(['v3', '2020-07-07 11:00:00', 'A02']);
  await export_.xlsx.writeFile(file);

  const browser = await launch();
  const server = await serveSidebar();
  try {
    const s = await openSidebar(browser, server.url, { wb: book(), start: 'import' });
    const { page } = s;
    await page.setInputFiles('#import-file', file);
    await page.locator('#import-encoding-found').waitFor();
    await page.click('#import-confirm');
    await page.locator('#import-ballots-counted').waitFor();
    expect(await page.textContent('#import-ballots-counted')).toBe('2');
    expect(await page.textContent('#import-set-aside')).toBe('1');
    expect(await page.textContent('#panel-import')).toContain('수식 셀');
    const setAside = s.wb.readTab('제외') ?? [];
    expect(setAside.slice(1).map((row) => String(row[6]))).toEqual(['수식 셀: 선택1 열 (수식은 투표·투표자·일시로 읽지 않음)']);
    const everything = s.wb.tabNames().flatMap((name) => (s.wb.readTab(name) ?? []).flat().map(String));
    expect(everything.some((cell) => cell.includes('HYPERLINK') || cell.includes('attacker.example'))).toBe(false);
    expect(s.pageErrors).toEqual([]);
    await page.context().close();
  } finally {
    await browser.close();
    await server.close();
  }
});

test('a sheet declared as 4 KB that inflates to 256 MB is refused, and the page answers meanwhile', async () => {
  const zeros = await deflatedZeros(256 * 1024 * 1024);
  const file = path.join(work, 'liar.xlsx');
  writeFileSync(file, await xlsxWith(() => ({ name: 'xl/worksheets/sheet1.xml', data: zeros, crc: 0, declaredSize: 4096 })));

  const browser = await launch();
  const server = await serveSidebar();
  try {
    const s = await openSidebar(browser, server.url, { wb: book(), start: 'import' });
    const { page } = s;
    const started = Date.now();
    await page.setInputFiles('#import-file', file);
    // The page runs its own code while the file is read: a timer ticks, the evaluation returns.
    expect(await page.evaluate(() => new Promise<number>((resolve) => setTimeout(() => resolve(1), 10)))).toBe(1);
    await page.locator('#error').filter({ hasText: '압축 폭탄' }).waitFor();
    console.log(`sidebar: lying directory (256 MB behind 4 KB) refused in ${Date.now() - started} ms`);
    expect(await page.textContent('#error')).toBe('오류: 엑셀 파일이 비정상적으로 큽니다(압축 폭탄일 수 있음). 열지 않았습니다.');
    expect(s.wb.readTab('제외')?.length ?? 0).toBeLessThanOrEqual(1);
    expect(s.pageErrors).toEqual([]);
    await page.context().close();
  } finally {
    await browser.close();
    await server.close();
  }
});
