/**
 * The tally's warnings in a real browser (issue 14): a 설정 key nothing reads and a missing voting
 * window are listed above the numbers, in the page's language, as text — a key holding markup stays
 * markup-free text.
 */
import { initWorkbook, importTable } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { hostContext, shoot, sidebarPerFile } from './harness';

const open = sidebarPerFile();

test('the tally panel lists the warnings before the numbers, as text', async () => {
  const wb = new MemoryWorkbook();
  const ctx = hostContext('ko');
  initWorkbook(wb, ctx);
  wb.writeTab('설정', [['항목', '값'], ['총예산', '1억'], ['선택 수', '2'], ['추첨시드', '77'], ['<img src=x onerror=alert(1)> / 비고', '1']]);
  wb.writeTab('의제', [['번호', '의제명', '사업비'], ['A01', '마을축제', '6천만'], ['A02', '방역', '5천만']]);
  importTable(wb, ctx, { fileName: 'a.csv', encoding: 'utf-8', rows: [['voter', 'choices'], ['a', 'A01'], ['b', 'A01, A02']] });

  const s = await open({ wb, start: 'tally' });
  await s.page.click('#tally-run');
  const list = s.page.locator('#tally-warnings');
  await list.waitFor();
  const codes = await list.locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-code')));
  expect(codes).toEqual(['unknown_setting', 'no_window']);
  const texts = await list.locator('li').allTextContents();
  // The Korean half only, though the quoted key holds a ' / ' of its own.
  expect(texts[0]).toContain("'<img src=x onerror=alert(1)> / 비고'");
  expect(texts[0]).toContain('알 수 없는 설정');
  expect(texts[0]).not.toContain('is not a setting');
  expect(texts[1]).toContain('투표 기간');
  expect(await s.page.locator('#tally-warnings img').count()).toBe(0);
  expect(s.dialogs).toEqual([]);
  await shoot(s.page, 'ko-22-tally-warnings');
  expect(s.pageErrors).toEqual([]);
});
