/**
 * Issue 15 in the sidebar (real Chromium, the built page, the workflows behind its RPCs): a
 * multi-sheet .xlsx asks which sheet, the preview says when the voter column was found by its
 * content and when there are pick columns beyond 선택 수, a headerless export's error shows no
 * value, and after each import no raw value is in any tab (the hidden staging tab included) or
 * document property.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { initWorkbook } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { STAGING_TAB } from '../../src/workflows/stagedImport';
import { memoryWorkbookTexts, rawValuesFound } from '../helpers/rawScan';
import { tempFolder } from '../helpers/tempFolder';
import { hostContext, sidebarPerFile } from './harness';

const work = tempFolder('sidebar15');
const open = sidebarPerFile();

function book(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook(wb, hostContext('ko'));
  wb.writeTab('설정', [['항목', '값'], ['총예산', '100,000,000'], ['선택 수', '3']]);
  wb.writeTab('의제', [['번호', '의제명', '사업비'], ['A01', '마을축제', '6천만원'], ['A02', '방역 봉사단', '5천만원'], ['A03', '마을장터', '3천만'], ['A04', '청년 공간', '1천만']]);
  return wb;
}

async function xlsx(name: string, sheets: Record<string, (string | number)[][]>): Promise<string> {
  const file = join(work, name);
  const wb = new ExcelJS.Workbook();
  for (const [sheetName, rows] of Object.entries(sheets)) wb.addWorksheet(sheetName).addRows(rows);
  await wb.xlsx.writeFile(file);
  return file;
}

test('a multi-sheet .xlsx asks which sheet before anything is previewed or sent, and imports the one chosen', async () => {
  const online = [['비고', '선택1', '선택2', '선택3', '선택4'], ...Array.from({ length: 12 }, (_, i) => [`010-5000-${String(1000 + i)}`, 'A01', 'A02', i === 0 ? 'A03' : '', i === 0 ? 'A04' : ''])];
  const file = await xlsx('two-sheets.xlsx', { 요약: [['구분', '합계'], ['A01', 12]], 온라인: online, Sheet3: [] });
  const s = await open({ wb: book(), start: 'import' });
  const { page } = s;
  await page.setInputFiles('#import-file', file);
  await page.locator('#import-sheet').waitFor();
  expect(await page.textContent('#import-sheet-hint')).toContain('데이터가 있는 시트가 2개');
  expect(await page.locator('#import-sheet option').allTextContents()).toEqual(['시트를 고르세요', '요약 (2행)', '온라인 (13행)']);
  expect(await page.isDisabled('#import-confirm')).toBe(true);
  expect(s.calls.filter((c) => c.startsWith('rpcImport'))).toEqual([]);
  await page.selectOption('#import-sheet', { label: '온라인 (13행)' });
  await page.locator('#import-row-count').waitFor();
  const problems = await page.textContent('#import-problems');
  // The content rule and the extra pick column, said before the upload.
  expect(problems).toContain("휴대전화 번호가 든 '비고' 열을 투표자 열로 씁니다");
  expect(problems).toContain('선택 열이 선택 수(3)보다 많습니다: 선택4');
  expect(await page.locator('#import-sheet').count()).toBe(1);
  await page.click('#import-confirm');
  await page.locator('#import-ballots-counted').waitFor();
  expect(await page.textContent('#import-ballots-counted')).toBe('11');
  const warnings = await page.textContent('#import-warnings');
  expect(warnings).toContain("1번째 열/column 1 '비고'");
  expect(warnings).toContain('선택4');
  expect(s.wb.tabs.has(STAGING_TAB)).toBe(false);
  expect(rawValuesFound(memoryWorkbookTexts(s.wb), online.slice(1).map((r) => r[0]))).toEqual([]);
  expect(s.pageErrors).toEqual([]);
  await page.context().close();
});

test('personal data by content never reaches a tab, staging included, and a headerless file is refused without its values', async () => {
  const csv = join(work, 'shifted.csv');
  const rows = [
    '이름,주소,핸드폰,투표일시,접속IP,선택1,선택2',
    '김민준,서울 당산로 12,010-3000-0001,2020-07-10 10:00,203.0.113.7,A01,A02',
    '이서연,서울 영등포구, 여의대로 9,010-3000-0002,2020-07-10 10:05,198.51.100.23,A01',
    '박지호,문래동,010ㅡ3000ㅡ0001,2020-07-10 10:07,2001:db8::42,A03,',
    '최유나,,tel:010-3000-0004,2020-07-10 10:09,192.0.2.1,kim.yuna@example.com,',
  ];
  writeFileSync(csv, rows.join('\n'), 'utf8');
  const s = await open({ wb: book(), start: 'import' });
  const { page } = s;
  // The staging tab is looked at after every chunk: it must never hold a raw value either.
  const raw = ['김민준', '이서연', '박지호', '최유나', '010-3000-0001', '010-3000-0002', '010-3000-0004', '203.0.113.7', '198.51.100.23', '2001:db8::42', '192.0.2.1', 'kim.yuna@example.com', '당산로'];
  const stagedLeaks: string[] = [];
  const original = s.wb.appendRows.bind(s.wb);
  s.wb.appendRows = (name, grid) => {
    original(name, grid);
    if (name === STAGING_TAB) stagedLeaks.push(...rawValuesFound(memoryWorkbookTexts(s.wb), raw));
  };
  await page.setInputFiles('#import-file', csv);
  await page.locator('#import-row-count').waitFor();
  await page.click('#import-confirm');
  await page.locator('#import-ballots-counted').waitFor();
  expect(await page.textContent('#import-ballots-counted')).toBe('1');
  expect(s.calls).toContain('rpcImportChunk');
  expect(stagedLeaks).toEqual([]);
  expect(rawValuesFound(memoryWorkbookTexts(s.wb), raw)).toEqual([]);
  const setAside = (s.wb.tabs.get('제외') ?? []).map((r) => r.map(String).join(' | ')).join('\n');
  expect(setAside).toMatch(/접속IP=v[0-9a-f]{31}/);
  expect(setAside).toContain('중복 투표');

  const headerless = join(work, 'headerless.csv');
  writeFileSync(headerless, '010-3000-0009,홍길동,1990-01-01,A01\n010-3000-0008,김영희,1988-02-02,A02\n', 'utf8');
  const callsBefore = s.calls.length;
  await page.setInputFiles('#import-file', headerless);
  await page.locator('#import-row-count').waitFor();
  // The preview is the person's own file in their own browser; nothing of it is sent while no
  // choice column is known (the server's message for such a file shows shapes, tested in the hosts).
  expect(await page.textContent('#import-shape')).toContain('투표 열을 찾지 못했습니다');
  expect(await page.isDisabled('#import-confirm')).toBe(true);
  expect(s.calls.slice(callsBefore).filter((c) => c.startsWith('rpcImport'))).toEqual([]);
  expect(rawValuesFound(memoryWorkbookTexts(s.wb), ['010-3000-0009', '홍길동', '1990-01-01'])).toEqual([]);
  expect(s.pageErrors).toEqual([]);
  await page.context().close();
});
