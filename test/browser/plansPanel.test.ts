/**
 * The built sidebar's 예산 검토 panel in real Chromium: google.script.run is replaced by a stub that
 * answers rpcCheckPlans with a real review (computed by checkPlans on an in-memory workbook) whose
 * project title is hostile HTML; the panel must show it as text, never as markup.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { checkPlans, initWorkbook } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { testContext } from '../helpers/context';

const SIDEBAR = path.resolve(__dirname, '../../dist/Sidebar.html');
const HOSTILE = '<img src=x onerror="window.pwned=1">정원';
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(SIDEBAR)) throw new Error('dist/Sidebar.html missing: run npm run build first');
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
afterAll(async () => browser?.close());

function review() {
  const wb = new MemoryWorkbook();
  initWorkbook(wb, testContext());
  wb.writeTab('사업계획', [
    ['사업명', '통계목', '금액', '연도'],
    [HOSTILE, '401-01', '6천만원', '2020'],
    [HOSTILE, '201-01', '4천만원', '2020'],
  ]);
  return checkPlans(wb, testContext());
}

test('the panel runs the check and lists what failed, as text', async () => {
  const page = await browser.newPage();
  const payload = JSON.stringify(review());
  // The stub goes in before the sidebar's own script, as google.script.run exists before it in Sheets.
  const stub = `<script>
    const runner = {
      success: () => undefined,
      withSuccessHandler(fn) { runner.success = fn; return runner; },
      withFailureHandler() { return runner; },
      rpcCheckPlans() { setTimeout(() => runner.success(${payload}), 0); },
      rpcStatus() { setTimeout(() => runner.success({ tabs: [], agendas: 0, ballots: 0, setAside: 0, lastImport: null, lastTally: null }), 0); },
    };
    window.google = { script: { run: runner } };
  </script>`;
  const html = readFileSync(SIDEBAR, 'utf8').replace('data-lang=""', 'data-lang="ko"').replace('<head>', () => `<head>${stub}`);
  await page.setContent(html);
  await page.click('#tab-plans');
  expect(await page.isVisible('#panel-plans')).toBe(true);
  expect(await page.textContent('#tab-plans')).toBe('예산 검토');
  await page.click('#plans-run');
  await page.waitForSelector('#plans-result table', { timeout: 10000 });
  const text = await page.textContent('#plans-result');
  expect(text).toContain('사업 1개: 통과');
  expect(text).toContain('실패 1');
  expect(text).toContain('시설비 60.0% > 50% (10,000,000원 초과) [예시 규칙]');
  expect(text).toContain(HOSTILE);
  expect(await page.$$('#plans-result img')).toHaveLength(0);
  expect(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned)).toBeUndefined();
  await page.close();
});
