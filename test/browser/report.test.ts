/**
 * The publishable report in a real browser (Debian's Chromium through playwright-core): the
 * numbers on the page are the tally's, nothing outside the page is requested, a hostile agenda
 * title stays text, and it prints to A4. A screenshot and the PDF land in test-output/report/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { formatSeoulTimestamp } from '../../src/core/datetime';
import { honestVote, plantBloc } from '../../src/node/example/honestVote';
import { initWorkbook } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { buildReport } from '../../src/workflows/report';
import { runTally } from '../../src/workflows/tally';
import { testContext } from '../helpers/context';

const out = path.resolve(__dirname, '../../test-output/report');
let browser: Browser;

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
});

function exampleWorkbook(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook(wb, testContext());
  wb.writeTab('설정', [['항목', '값'], ['총예산', '3억'], ['선택 수', '3'], ['동점 처리', '낮은 사업비']]);
  wb.writeTab('의제', [
    ['번호', '의제명', '분야', '사업비'],
    ...Array.from({ length: 10 }, (_, i) => [`A${String(i + 1).padStart(2, '0')}`, `마을 의제 ${i + 1}`, i % 2 ? '환경' : '복지', `${5 + i}천만원`]),
    ['A11', '<img src=x onerror=alert(1)>', '안전', '2천만원'],
  ]);
  const records = plantBloc(honestVote({ seed: 21, voters: 3_000 }), { seed: 21, size: 250, agenda: 'A11', at: Date.UTC(2020, 6, 9, 11), hours: 2 });
  wb.writeTab('투표', [['투표자키', '투표일시', '선택', '채널', '동'], ...records.map((r, i) => [`k${i}`, formatSeoulTimestamp(r.votedAt as number), r.picks.join(', '), r.channel, r.dong])]);
  return wb;
}

describe('the publishable report', () => {
  it('shows the tally\'s numbers, loads nothing from outside, keeps titles as text and prints on A4', async () => {
    const wb = exampleWorkbook();
    const tally = runTally(wb, testContext());
    const file = path.join(out, 'result.html');
    writeFileSync(file, buildReport(wb, testContext()));

    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`file://${file}`);
    expect(requests).toEqual([`file://${file}`]);

    const text = async (selector: string): Promise<string> => (await page.locator(selector).first().textContent()) ?? '';
    expect(await text('[data-field="validBallots"]')).toBe(`${tally.validBallots.toLocaleString('en-US')}건`);
    expect(await text('[data-field="spent"]')).toBe(`${tally.spent.toLocaleString('en-US')}원`);
    expect(await text('[data-field="resultFingerprint"]')).toBe(tally.resultFingerprint);
    for (const agenda of tally.agendas) {
      expect(await text(`tr[data-id="${agenda.id}"] [data-field="votes"]`)).toBe(agenda.votes.toLocaleString('en-US'));
    }
    expect(await text('tr[data-id="A11"] td:nth-child(3)')).toBe('<img src=x onerror=alert(1)>');
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    // The bloc planted for A11 is reported on the page.
    expect(await page.locator('#integrity ~ table, section:has(#integrity) table').first().textContent()).toContain('A11');

    await page.screenshot({ path: path.join(out, 'result.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(path.join(out, 'result.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // A4 pages: 595 × 842 points.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595(\.\d+)? 841(\.\d+)?\]|\/MediaBox \[0 0 595(\.\d+)? 842(\.\d+)?\]/);
    await page.close();
  });
});
