/**
 * Tamper evidence in a real browser: after a tally, a hand edit of 결과 makes the sidebar's status
 * say so when it opens; a fresh tally clears the warning.
 */
import { importTable, initWorkbook, runTally } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import type { HostContext } from '../../src/workflows/context';
import { hostContext, shoot, sidebarPerFile } from './harness';

const open = sidebarPerFile();

/** Two agendas on a 1억 budget, these ballots imported (voter, choices). */
function votedBook(ctx: HostContext, ballots: string[][]): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook(wb, ctx);
  wb.writeTab('설정', [['항목', '값'], ['총예산', '1억'], ['선택 수', '2']]);
  wb.writeTab('의제', [['번호', '의제명', '사업비'], ['A01', '마을축제', '6천만'], ['A02', '방역', '5천만']]);
  importTable(wb, ctx, { fileName: 'a.csv', encoding: 'utf-8', rows: [['voter', 'choices'], ...ballots] });
  return wb;
}

test('the status panel warns when 결과 no longer matches the tally recorded in 이력', async () => {
  const ctx = hostContext('ko');
  const wb = votedBook(ctx, [['a', 'A01'], ['b', 'A01, A02']]);
  runTally(wb, ctx);

  const clean = await open({ wb });
  await clean.page.locator('#status-result dl').waitFor();
  expect(await clean.page.locator('#results-edited').count()).toBe(0);
  await clean.page.context().close();

  const results = wb.readTab('결과') ?? [];
  const row = results.findIndex((r) => r[1] === 'A02');
  results[row][9] = '선정';
  wb.writeTab('결과', results);

  const edited = await open({ wb });
  const warning = edited.page.locator('#results-edited');
  await warning.waitFor();
  expect(await warning.textContent()).toContain('결과 탭이 마지막 개표 뒤에 직접 수정되었습니다');
  await shoot(edited.page, 'ko-20-status-results-edited');
  expect(edited.pageErrors).toEqual([]);
  await edited.page.context().close();

  runTally(wb, ctx);
  const retallied = await open({ wb });
  await retallied.page.locator('#status-result dl').waitFor();
  expect(await retallied.page.locator('#results-edited').count()).toBe(0);
  expect(await retallied.page.locator('#audit-missing').count()).toBe(0);
  await retallied.page.context().close();

  // Deleting 이력 no longer silences the status: the record itself is missing.
  wb.deleteTab('이력');
  const deleted = await open({ wb });
  const missing = deleted.page.locator('#audit-missing');
  await missing.waitFor();
  expect(await missing.textContent()).toContain('이력 탭이 없거나 비어 있습니다');
  await deleted.page.context().close();
});

test('the tally panel lists ballots_edited when a 투표 row was changed by hand after its import', async () => {
  const wb = votedBook(hostContext('ko'), [['a', 'A01'], ['b', 'A01, A02'], ['c', 'A02']]);
  const ballots = wb.readTab('투표') ?? [];
  ballots[2][ballots[0].indexOf('선택')] = 'A02';
  wb.writeTab('투표', ballots);

  const { page, pageErrors } = await open({ wb });
  await page.click('#tab-tally');
  await page.click('#tally-run');
  const item = page.locator('#tally-warnings li[data-code="ballots_edited"]');
  await item.waitFor();
  expect(await item.textContent()).toContain('바뀐 행 1개 (3행)');
  await shoot(page, 'ko-21-tally-ballots-edited');
  expect(pageErrors).toEqual([]);
  await page.context().close();
});
