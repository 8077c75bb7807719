/**
 * The result notice (결과 공고) in a real browser (Debian's Chromium through playwright-core), on
 * the demo workbook (its CP949, xlsx and totals exports imported the way real files are) grown
 * to 20 agendas: the page states what a district publishes, the numbers are the tally's and add
 * up, nothing outside the page is requested, a hostile title stays text, and it prints on at most
 * two A4 portrait pages in Korean and in English. Screenshots and PDFs land in test-output/report/.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runDemo } from '../../src/node/demo';
import { XlsxWorkbook } from '../../src/node/xlsxWorkbook';
import { readTab } from '../../src/workflows/tabs';
import { buildReport } from '../../src/workflows/report';
import { writeSettingsForm } from '../../src/workflows/settingsForm';
import { runTally } from '../../src/workflows/tally';
import type { TallyJson } from '../../src/workflows/api';
import type { Workbook } from '../../src/workflows/workbook';
import { testContext } from '../helpers/context';
import { openBook } from '../../src/node/openBook';

const out = path.resolve(__dirname, '../../test-output/report');
let browser: Browser;
let book: XlsxWorkbook;
let tally: TallyJson;
const HOSTILE = '<img src=x onerror=alert(1)>';

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'notice-')), 'demo.xlsx');
  await runDemo(file, testContext());
  // With its key, beside the workbook, as the CLI opens it.
  book = await openBook(file);
  addAgendas(book, 9);
  writeSettingsForm(book, testContext(), {
    values: { organization: '서울특별시 영등포구', title: '2020년 주민참여예산 주민투표', department: '자치행정과', threshold: '1,200' },
  });
  tally = runTally(book, testContext());
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** The demo has 11 agendas: more are added (no votes, long and hostile titles) to reach 20. */
function addAgendas(wb: Workbook, count: number): void {
  const tab = readTab(wb, 'agendas');
  if (tab === null) throw new Error('no 의제 tab');
  const rows = Array.from({ length: count }, (_, i) => [
    `B${String(i + 1).padStart(2, '0')}`,
    i === 0 ? HOSTILE : `동네 골목길 보행 환경 개선과 어린이 통학로 안전 시설 확충 사업 ${i + 1}`,
    '안전',
    `${3 + i}천만원`,
    '',
  ]);
  wb.writeTab(tab.name, [...tab.grid.map((r) => [...r]), ...rows]);
}

async function open(html: string, name: string): Promise<{ page: Page; requests: string[]; dialogs: string[]; pdf: Buffer }> {
  const file = path.join(out, `${name}.html`);
  writeFileSync(file, html);
  const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`file://${file}`);
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  writeFileSync(path.join(out, `${name}.pdf`), pdf);
  return { page, requests, dialogs, pdf };
}

/** Pages of a PDF Chromium wrote (each page object has `/Type /Page`), and their media boxes. */
function pdfPages(pdf: Buffer): { count: number; boxes: string[] } {
  const text = pdf.toString('latin1');
  return { count: (text.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length, boxes: [...text.matchAll(/\/MediaBox\s*\[([^\]]+)\]/g)].map((m) => m[1].trim()) };
}

const n = (value: number): string => value.toLocaleString('en-US');

describe('the result notice (결과 공고)', () => {
  it('states who, when, how, turnout, set-aside reasons, method, result and checks, with sums that add up, on ≤ 2 A4 portrait pages', async () => {
    expect(tally.agendas).toHaveLength(20);
    const { page, requests, dialogs, pdf } = await open(buildReport(book, testContext()), 'notice-ko');
    const text = async (selector: string): Promise<string> => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

    expect(requests).toEqual([page.url()]);
    expect(dialogs).toEqual([]);
    expect(await page.locator('img, script').count()).toBe(0);
    expect(await text('tr[data-id="B01"] td.title')).toBe(HOSTILE);

    expect(await text('[data-field="organization"]')).toBe('서울특별시 영등포구');
    expect(await text('[data-field="title"]')).toBe('2020년 주민참여예산 주민투표 결과 공고');
    expect(await text('[data-field="department"]')).toBe('담당 자치행정과');
    expect(await text('[data-field="period"]')).toBe('2020. 7. 6.(월) ~ 7. 13.(월)');
    expect(await text('[data-field="pickRule"]')).toBe('1인당 최대 3개 선택; 규칙에 맞지 않는 투표(선택 수 초과 등)는 전체 무효');
    expect(await text('[data-field="channels"]')).toContain('현장투표 (득표 합계로 보고)');
    expect(await text('[data-field="method"]')).toContain('예산에 맞지 않으면 건너뜀');
    expect(await text('[data-field="method"]')).toContain('1,200표 미만인 의제는 선정하지 않음');
    expect(await text('[data-field="budget"]')).toBe(`5억원 (${n(tally.budget)}원)`);

    // Turnout by channel: the rows add up to the totals, and every difference is named.
    const channelRows = await page.locator('[data-table="channels"] tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const num = (s: string): number => Number(s.replace(/[^\d]/g, '') || 0);
    expect(channelRows.map((r) => r[0])).toEqual(['엠보팅', '온라인 설문', '청소년 투표', '현장투표 (합계 보고)']);
    expect(channelRows.reduce((s, r) => s + num(r[1]), 0)).toBe(tally.validBallots);
    expect(channelRows.reduce((s, r) => s + num(r[3]), 0)).toBe(tally.picks);
    expect(await text('[data-field="validBallots"]')).toBe(n(tally.validBallots));
    const participants = await text('[data-field="participantsSum"]');
    const [people, valid, setAsideOnly] = [...participants.matchAll(/([\d,]+)명|([\d,]+)건/g)].map((m) => num(m[0]));
    expect(people).toBe(tally.voters);
    expect(valid).toBe(tally.validBallots);
    expect(valid + setAsideOnly).toBe(tally.voters);
    const setAside = (await text('[data-field="setAsideSum"]')).match(/[\d,]+(?=건)/g)?.map(num) ?? [];
    expect(setAside[0]).toBe(tally.setAside);
    expect(setAside.slice(1).reduce((s, v) => s + v, 0)).toBe(tally.setAside);
    const reasons = await page.locator('[data-field="setAsideReasons"] [data-reason]').evaluateAll((spans) => spans.map((s) => [s.getAttribute('data-reason'), s.textContent ?? '']));
    expect(reasons.reduce((s, [, t]) => s + num((t as string).match(/[\d,]+건$/)?.[0] ?? ''), 0)).toBe(tally.setAside);
    expect(reasons.map(([code]) => code)).toEqual(expect.arrayContaining(['outside_window', 'duplicate_voter', 'over_vote', 'unknown_agenda', 'no_voter']));
    expect(reasons.map(([code]) => code)).not.toContain('other');
    expect(await text('[data-field="votesSum"]')).toBe(`득표 ${n(tally.picks)}표 = 개별 투표의 선택 ${n(tally.check.ballotPicks)}표 + 합계 보고 ${n(tally.picks - tally.check.ballotPicks)}표`);

    // The result: amounts in 억/만원, the exact spend, and why each agenda was or was not selected.
    expect(await text('[data-field="spent"]')).toBe(`4억 9,000만원 (${n(tally.spent)}원)`);
    expect(await text('tr[data-id="A03"] [data-field="cost"]')).toBe('8,000만원');
    const statuses = await page.locator('[data-table="agendas"] tbody tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-id'), r.querySelector('td.status')?.textContent ?? '']));
    for (const [id, status] of statuses) {
      const agenda = tally.agendas.find((a) => a.id === id);
      if (agenda === undefined) throw new Error(`unknown row ${id}`);
      if (agenda.status === 'selected') expect(status).toBe('선정');
      else if (agenda.votes === 0) expect(status).toBe('미선정 (득표 없음)');
      else if (agenda.votes < 1200) expect(status).toBe('미선정 (최소 득표 미달)');
      else expect(status).toBe('미선정 (예산 부족)');
    }
    expect(statuses.map(([, s]) => s)).toEqual(expect.arrayContaining(['선정', '미선정 (예산 부족)', '미선정 (최소 득표 미달)', '미선정 (득표 없음)']));
    expect(await page.locator('body').textContent()).not.toMatch(/보류|경보|greedy/);

    // Checks worded for the public; the tally time from 이력, the print date; fingerprints in the footer.
    expect(await text('[data-field="checks"]')).toContain(`유효 투표 ${n(tally.validBallots)}건을 대상으로`);
    expect(await text('[data-field="times"]')).toMatch(/^개표 2020-07-14 10:00 \(이력 기록\) · 출력 2020\. 7\. 14\.\(화\) 10:00/);
    expect(await text('footer [data-field="resultFingerprint"]')).toBe(tally.resultFingerprint);
    expect(await text('footer [data-field="inputFingerprint"]')).toBe(tally.inputFingerprint);

    // The top of the first page, for the staff guide (docs/images via npm run docs:screenshots).
    mkdirSync(path.resolve(__dirname, '../../test-output/screenshots'), { recursive: true });
    await page.screenshot({ path: path.resolve(__dirname, '../../test-output/screenshots/ko-17-notice.png'), clip: { x: 0, y: 0, width: 900, height: 1000 } });

    // Nothing runs past the right margin.
    const overflow = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.body.getBoundingClientRect().right + 1).map((e) => e.tagName));
    expect(overflow).toEqual([]);

    const pages = pdfPages(pdf);
    expect(pages.count).toBeGreaterThanOrEqual(1);
    expect(pages.count).toBeLessThanOrEqual(2);
    // A4 portrait: 210 × 297 mm = 595.3 × 841.9 points.
    for (const box of pages.boxes) {
      const [, , width, height] = box.split(/\s+/).map(Number);
      expect(Math.abs(width - 595.3)).toBeLessThan(1);
      expect(Math.abs(height - 841.9)).toBeLessThan(1);
    }
    await page.close();
  });

  it('prints in English with --lang en and can leave the checks out by a setting', async () => {
    writeSettingsForm(book, testContext(), { values: { publishChecks: '아니오', noticeDate: '2020-07-20' } });
    const { page, requests, pdf } = await open(buildReport(book, testContext(), { language: 'en' }), 'notice-en');
    const text = async (selector: string): Promise<string> => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
    expect(requests).toEqual([page.url()]);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await text('[data-field="title"]')).toBe('2020년 주민참여예산 주민투표: result notice');
    expect(await text('[data-field="noticeDate"]')).toBe('Date Mon 20 Jul 2020');
    expect(await text('[data-field="period"]')).toBe('Mon 6 Jul 2020 ~ Mon 13 Jul');
    expect(await text('[data-field="pickRule"]')).toContain('up to 3 agendas per voter');
    expect(await text('[data-field="spent"]')).toBe(`${n(tally.spent)} won`);
    expect(await text('[data-field="checks"]')).toContain('leaves out the integrity checks');
    expect(await text('tr[data-id="A09"] td.status')).toBe('Not selected (budget)');
    // The settings change the notice, not the result: same fingerprints.
    expect(await text('footer [data-field="resultFingerprint"]')).toBe(tally.resultFingerprint);
    // The notice's own words are English (agenda titles and channel names stay as written).
    expect(await page.locator('body').textContent()).not.toMatch(/미선정|공고일|투표 기간|참여 현황|선정 방식/);
    expect(pdfPages(pdf).count).toBeLessThanOrEqual(2);
    await page.close();
  });
});
