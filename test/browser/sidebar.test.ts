/// <reference lib="dom" />
/**
 * The built sidebar in Chromium, talking to the real server workflows in Node. Screenshots of each
 * state go to test-output/screenshots/ (the staff guide in docs/ reuses some of them).
 */
import { TAB_ORDER, TABS } from '../../src/sheets/schema';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { decodeBytes } from '../../src/io/decode';
import { parseCsv } from '../../src/io/csv';
import { importTable, initWorkbook, runTally } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { addStagedChunk, beginStagedImport, STAGING_TAB, stagedImportJob } from '../../src/workflows/stagedImport';
import { fingerprintTable } from '../../src/sheets/fingerprint';
import type { HostContext } from '../../src/workflows/context';
import { readJob, runJobStep } from '../../src/workflows/jobs/engine';
import { continueOpenJob, tallyStep } from '../../src/workflows/resumable';
import { hostContext, ROOT, shoot, sidebarPerFile, type SidebarSession } from './harness';
import { tempFolder } from '../helpers/tempFolder';

/** Files the tests upload through the file input. */
const uploads = tempFolder('sidebar-uploads');

const EXAMPLES = join(ROOT, 'examples');
const CP949_EXPORT = join(EXAMPLES, 'mvoting_2020-07-13.csv');

function csv(name: string): string[][] {
  return parseCsv(decodeBytes(readFileSync(join(EXAMPLES, name))).text).rows;
}

/** What staff do by hand after 탭 만들기: paste the agendas and fields into their tabs. */
function pasteExampleAgendas(wb: MemoryWorkbook, agendas = csv('agendas.csv')): void {
  wb.writeTab('의제', agendas);
  wb.writeTab('분야', csv('fields.csv'));
}

/** The same inputs counted the one-shot way, in Node: what the browser path must agree with. */
function expectedTally(settings: string[][]): ReturnType<typeof runTally> {
  const wb = new MemoryWorkbook();
  const ctx = hostContext('ko');
  initWorkbook(wb, ctx);
  wb.writeTab('설정', settings);
  pasteExampleAgendas(wb);
  const rows = parseCsv(decodeBytes(readFileSync(CP949_EXPORT)).text).rows;
  importTable(wb, ctx, { fileName: 'mvoting_2020-07-13.csv', encoding: 'cp949', rows });
  return runTally(wb, ctx);
}

function tmpFile(name: string, content: Buffer | string): string {
  const path = join(uploads, name);
  writeFileSync(path, content);
  return path;
}

/** Waits for a condition on the Node side (what the fake server saw). */
async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function tabGrid(s: SidebarSession, name: string): unknown[][] {
  return s.wb.tabs.get(name) ?? [];
}

async function setField(page: Page, id: string, value: string): Promise<void> {
  await page.fill(`#${id}`, value);
}

const open = sidebarPerFile();

describe('a district staff member, in Korean', () => {
  let s: SidebarSession;
  afterAll(async () => {
    await s?.page.context().close();
    expect(s?.pageErrors).toEqual([]);
  });

  test('first open on an empty workbook shows the missing tabs; the button creates them', async () => {
    s = await open();
    const { page } = s;
    await page.getByText(`없는 탭이 ${TAB_ORDER.length}개 있습니다`).waitFor();
    expect(await page.locator('#status-result tbody tr').count()).toBe(TAB_ORDER.length);
    await shoot(page, 'ko-01-status-empty');

    await page.click('#status-init');
    await page.getByText(`새로 만든 탭 ${TAB_ORDER.length}개, 이미 있던 탭 0개`).waitFor();
    expect(s.wb.tabNames()).toEqual(TAB_ORDER.map((key) => TABS[key].ko));
    expect(await page.locator('.state.ok').count()).toBe(TAB_ORDER.length);
    await shoot(page, 'ko-02-status-tabs-created');
  });

  test('settings: typed values are checked as typed, then written to 설정 and 분야', async () => {
    pasteExampleAgendas(s.wb);
    const { page } = s;
    await page.click('#tab-settings');
    await page.locator('#setting-budget').waitFor();
    expect(await page.inputValue('#setting-budget')).toBe('500,000,000');

    await setField(page, 'setting-budget', '5억 원어치');
    await expect(page.getAttribute('#setting-budget', 'aria-invalid')).resolves.toBe('true');
    await page.getByText('읽을 수 없는 값입니다').first().waitFor();
    await page.click('#settings-save');
    await page.getByText('빨간 칸을 먼저 고치세요').waitFor();
    await shoot(page, 'ko-03-settings-invalid');

    await setField(page, 'setting-budget', '5억');
    await page.getByText('= 5억원').waitFor();
    await setField(page, 'setting-windowStart', '2020-07-06 00:00');
    await setField(page, 'setting-windowEnd', '2020-07-13 23:59:59');
    await setField(page, 'setting-tieBreak', '낮은 사업비, 추첨');
    await setField(page, 'setting-seed', '20200706');
    await page.selectOption('#setting-rule', 'greedy');
    await page.click('#settings-save');
    await page.getByText('설정 탭에 저장했습니다').waitFor();
    await shoot(page, 'ko-04-settings-saved');

    const settings = new Map(tabGrid(s, '설정').slice(1).map((r) => [r[0], r[1]]));
    expect(Object.fromEntries(settings)).toMatchObject({
      총예산: '5억',
      '선택 수': '3',
      '선택 방식': '최대',
      '투표 시작': '2020-07-06 00:00',
      '투표 종료': '2020-07-13 23:59:59',
      '동점 처리': '낮은 사업비, 추첨',
      '추첨 시드': '20200706',
    });
  });

  test('import the CP949 export through the file picker: preview, progress to the end, report', async () => {
    const { page } = s;
    await page.click('#tab-import');
    await page.setInputFiles('#import-file', CP949_EXPORT);
    await page.locator('#import-encoding-found').waitFor();
    expect(await page.textContent('#import-encoding-found')).toBe('cp949');
    expect(await page.textContent('#import-row-count')).toBe('자료 11,000행 (머리글 제외)');
    expect(await page.textContent('#import-shape')).toContain('선택1, 선택2');
    // The detected mapping is shown, and Korean text decoded from CP949 reads right.
    expect(await page.locator('select[aria-label="\'투표자\' 열의 역할"]').inputValue()).toBe('voter');
    expect(await page.locator('select[aria-label="\'동\' 열의 역할"]').inputValue()).toBe('dong');
    await shoot(page, 'ko-05-import-preview');

    s.chunkDelay.ms = 150;
    const progressSeen: number[] = [];
    await page.exposeFunction('__progress', (v: number) => progressSeen.push(v));
    await page.evaluate(() => {
      const bar = document.getElementById('import-progress') as HTMLProgressElement;
      new MutationObserver(() => (window as unknown as { __progress: (v: number) => void }).__progress(bar.value)).observe(bar, { attributes: true });
      setInterval(() => (window as unknown as { __progress: (v: number) => void }).__progress(bar.value), 50);
    });
    await page.click('#import-confirm');
    await page.locator('#import-progress-text').filter({ hasText: /^[1-9][\d,]* \/ 11,001행 전송$/ }).waitFor();
    await shoot(page, 'ko-06-import-progress');
    await page.locator('#import-ballots-counted').waitFor({ timeout: 60_000 });
    s.chunkDelay.ms = 0;
    await shoot(page, 'ko-07-import-done');

    // The upload went in several chunks and the bar moved through intermediate values.
    expect(s.calls.filter((c) => c === 'rpcImportChunk').length).toBeGreaterThanOrEqual(5);
    expect(progressSeen.some((v) => v > 0 && v < 11001)).toBe(true);
    expect(progressSeen).toContain(11001);

    const expected = importTable(
      (() => {
        const wb = new MemoryWorkbook();
        initWorkbook(wb, hostContext('ko'));
        wb.writeTab('설정', tabGrid(s, '설정') as string[][]);
        pasteExampleAgendas(wb);
        return wb;
      })(),
      hostContext('ko'),
      { fileName: 'mvoting_2020-07-13.csv', encoding: 'cp949', rows: parseCsv(decodeBytes(readFileSync(CP949_EXPORT)).text).rows },
    );
    expect(await page.textContent('#import-ballots-counted')).toBe(expected.ballotsCounted.toLocaleString('en-US'));
    expect(await page.textContent('#import-set-aside')).toBe(expected.setAside.total.toLocaleString('en-US'));
    expect(tabGrid(s, '투표').length - 1).toBe(expected.ballotsCounted);
    expect(s.wb.tabs.has(STAGING_TAB)).toBe(false);
    // Every reason code has a label: no raw code like 'outside_window' on the page.
    const reasons = await page.locator('#import-result table tbody td:first-child').allTextContents();
    expect(reasons.length).toBe(Object.keys(expected.setAside.reasons).length);
    for (const text of reasons) expect(text).not.toMatch(/^[a-z_]+$/);
    expect(reasons).toContain('투표 기간 밖');
  });

  test('the same file a second time is refused with a clear message; nothing is added', async () => {
    const { page } = s;
    const before = tabGrid(s, '투표').length;
    await page.setInputFiles('#import-file', []);
    await page.setInputFiles('#import-file', CP949_EXPORT);
    await page.locator('#import-encoding-found').waitFor();
    const chunksBefore = s.calls.filter((c) => c === 'rpcImportChunk').length;
    await page.click('#import-confirm');
    await page.getByText('이 파일은 이미 가져왔습니다').waitFor();
    await shoot(page, 'ko-08-import-refused');
    expect(tabGrid(s, '투표').length).toBe(before);
    expect(s.calls.filter((c) => c === 'rpcImportChunk').length).toBe(chunksBefore); // refused before any row was sent
  });

  test('tally: the summary shows the selected agendas the one-shot Node run selects', async () => {
    const { page } = s;
    await page.click('#tab-tally');
    await page.click('#tally-run');
    await page.locator('#tally-selected').waitFor();
    await shoot(page, 'ko-09-tally');

    const expected = expectedTally(tabGrid(s, '설정') as string[][]);
    expect(expected.selected.length).toBeGreaterThan(0);
    const shownIds = await page.locator('#tally-selected li').evaluateAll((items) => items.map((li) => li.getAttribute('data-id')));
    expect(shownIds).toEqual(expected.selected);
    expect(await page.textContent('#tally-count')).toBe(`의제 11개 중 ${expected.selected.length}개 선정`);
    expect(await page.locator('.chart .bar').count()).toBe(11);
    expect(await page.locator('.chart .bar.selected').count()).toBe(expected.selected.length);
    await page.getByRole('button', { name: '결과 탭 열기' }).click();
    await until(() => s.shownTabs.length > 0);
    expect(s.shownTabs).toEqual(['결과']);
    expect(tabGrid(s, '결과').length).toBeGreaterThan(11);
  });

  test('cancelling an upload part-way leaves nothing counted, and a retry counts it once', async () => {
    const { page } = s;
    // A fresh export (another channel's file) in UTF-8 with a BOM.
    const rows = csv('online_form.csv');
    const path = tmpFile('online_form.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows.map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n'))]));
    const ballotsBefore = tabGrid(s, '투표').length;
    const callsBefore = s.calls.length;
    const auditBefore = tabGrid(s, '이력').length;
    // Big enough for several chunks: repeat the rows under fresh voter ids.
    const many = [rows[0], ...Array.from({ length: 5 }, (_, k) => rows.slice(1).map((r) => [`${k}${r[0]}`, ...r.slice(1)])).flat()];
    writeFileSync(path, Buffer.from(many.map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n')));

    await page.click('#tab-import');
    await page.setInputFiles('#import-file', path);
    await page.locator('#import-encoding-found').waitFor();
    s.chunkDelay.ms = 400;
    await page.click('#import-confirm');
    await page.locator('#import-cancel').waitFor({ state: 'visible' });
    const chunksBefore = s.calls.filter((c) => c === 'rpcImportChunk').length;
    await until(() => s.calls.filter((c) => c === 'rpcImportChunk').length > chunksBefore);
    await page.click('#import-cancel');
    await page.getByText('가져오기를 취소했습니다').waitFor();
    s.chunkDelay.ms = 0;
    await shoot(page, 'ko-10-import-cancelled');
    expect(s.calls.slice(callsBefore)).toContain('rpcImportCancel');
    expect(s.calls.slice(callsBefore).filter((c) => c.startsWith('rpcImportFinish'))).toEqual([]);
    expect(tabGrid(s, '투표').length).toBe(ballotsBefore);
    expect(tabGrid(s, '이력').length).toBe(auditBefore);
    expect(s.wb.tabs.has(STAGING_TAB)).toBe(false);

    await page.click('#import-confirm');
    await page.locator('#import-ballots-counted').waitFor();
    const counted = Number((await page.textContent('#import-ballots-counted'))?.replace(/,/g, ''));
    expect(counted).toBeGreaterThan(0);
    expect(tabGrid(s, '투표').length).toBe(ballotsBefore + counted);
  });

  test('a malformed file shows a readable error and imports nothing', async () => {
    const { page } = s;
    const before = tabGrid(s, '투표').length;
    await page.setInputFiles('#import-file', tmpFile('broken.csv', '투표자,선택1\n010-1,"A01\n010-2,A02\n'));
    await page.getByText('따옴표(")가 닫히지 않아').waitFor();
    expect(await page.isDisabled('#import-confirm')).toBe(true);
    await shoot(page, 'ko-11-import-malformed');

    // CP949 bytes read as UTF-8: the sidebar points at its own menu, not at a CLI flag.
    await page.selectOption('#import-encoding', 'utf-8');
    await page.setInputFiles('#import-file', tmpFile('cp949.csv', iconv.encode('투표자,선택1\n010-1111-2222,A01\n', 'cp949')));
    await page.getByText('"문자 인코딩" 메뉴에서 CP949').waitFor();
    expect(await page.textContent('#error')).not.toContain('--encoding');
    await page.selectOption('#import-encoding', 'cp949');
    await page.locator('#import-encoding-found').waitFor();
    expect(await page.textContent('#import-encoding-found')).toBe('cp949');

    await page.setInputFiles('#import-file', tmpFile('book.xlsx', 'PK'));
    await page.getByText('엑셀 파일을 읽을 수 없습니다').waitFor();
    expect(tabGrid(s, '투표').length).toBe(before);
    await page.selectOption('#import-encoding', 'auto');
  });

  test('an unrecognised header can be mapped by hand', async () => {
    const { page } = s;
    const path = tmpFile('odd.csv', '전화,고른 안건,메모\n010-9999-0001,A01,\n010-9999-0002,A02,\n');
    await page.setInputFiles('#import-file', path);
    await page.getByText('투표 열을 찾지 못했습니다').waitFor();
    expect(await page.isDisabled('#import-confirm')).toBe(true);
    await page.selectOption('select[aria-label="\'전화\' 열의 역할"]', 'voter');
    await page.selectOption('select[aria-label="\'고른 안건\' 열의 역할"]', 'choice');
    await page.getByText('파일 형태: 한 행에 한 투표').waitFor();
    await shoot(page, 'ko-12-import-mapping');
    await page.click('#import-confirm');
    await page.locator('#import-ballots-counted').waitFor();
    // Both ballots are outside the window (no time column) or counted, but every row is accounted for.
    const read = await page.locator('#import-result dd').first().textContent();
    expect(read).toBe('2');
  });
});

describe('a job someone else left open', () => {
  let s: SidebarSession;
  afterEach(async () => {
    await s?.page.context().close();
    expect(s?.pageErrors).toEqual([]);
  });

  /** A colleague's clock: their execution ran out of time right after planning. */
  const colleague = (): HostContext => ({ ...hostContext('ko'), actor: 'colleague@district.example' });

  /** Tabs made, settings and agendas pasted, and (unless `imported` is false) the CP949 export imported. */
  function prepared(imported = true): MemoryWorkbook {
    const wb = new MemoryWorkbook();
    // One salt for both workbooks, so their voter keys (and input fingerprints) are the same.
    const ctx = { ...hostContext('ko'), randomSecret: () => 'fixed-secret-0123456789abcdef' };
    initWorkbook(wb, ctx);
    wb.writeTab('설정', csv('settings.csv'));
    pasteExampleAgendas(wb);
    if (imported) importTable(wb, ctx, { fileName: 'mvoting_2020-07-13.csv', encoding: 'cp949', rows: csv('mvoting_2020-07-13.csv') });
    return wb;
  }

  test('the status panel names an open tally; 이어서 하기 runs it to the end with the one-shot result', async () => {
    const reference = prepared();
    runTally(reference, hostContext('ko'));
    const wb = prepared();
    expect(tallyStep(wb, colleague(), 0).done).toBe(false);

    s = await open({ wb });
    const { page } = s;
    const text = await page.locator('#job-text').textContent();
    expect(text).toContain('개표 작업이 열려 있습니다');
    expect(text).toContain('colleague@district.example');
    await shoot(page, 'ko-14-open-job');
    s.calls.length = 0;
    await page.click('#job-continue');
    await page.getByText('작업을 마쳤습니다.').waitFor();
    // One execution's budget is not enough on the harness clock: the page went on until done.
    expect(s.calls.filter((c) => c === 'rpcJobContinue').length).toBeGreaterThan(1);
    expect(await page.locator('#job').count()).toBe(0);
    expect(readJob(wb)).toBeNull();
    expect(tabGrid(s, '결과')).toEqual(reference.tabs.get('결과'));
  });

  test('an open import is cancelled only after a yes, and every tab is as before it', async () => {
    const wb = prepared(false);
    const before = Object.fromEntries([...wb.tabs].filter(([name]) => name !== '이력'));
    const rows = csv('mvoting_2020-07-13.csv');
    const ctx = colleague();
    const { importId } = beginStagedImport(wb, ctx, { fileName: 'mvoting_2020-07-13.csv', encoding: 'cp949', fingerprint: fingerprintTable(rows), rowCount: rows.length });
    let chunks = 0;
    for (let at = 0; at < rows.length; at += 2000) addStagedChunk(wb, ctx, { importId, index: chunks++, rows: rows.slice(at, at + 2000) });
    // Planned, then two steps written (투표 rows among them) before the colleague's window closed.
    expect(runJobStep(wb, ctx, stagedImportJob(ctx, importId, chunks), 0, 500).done).toBe(false);
    continueOpenJob(wb, ctx, 0, 500);
    continueOpenJob(wb, ctx, 0, 500);
    expect(readJob(wb)?.next).toBe(2);
    expect(wb.tabs.get('투표')?.length).toBeGreaterThan(1);

    s = await open({ wb });
    const { page } = s;
    expect(await page.locator('#job-text').textContent()).toContain('가져오기 작업이 열려 있습니다');
    await page.click('#job-cancel');
    expect(await page.isVisible('#job-confirm')).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('job-cancel-no');
    await page.click('#job-cancel-no');
    expect(await page.isVisible('#job-confirm')).toBe(false);
    expect(readJob(wb)).not.toBeNull();

    await page.click('#job-cancel');
    await page.click('#job-cancel-yes');
    await page.getByText('작업을 취소했습니다. 이력 탭에 기록했습니다.').waitFor();
    expect(s.calls).toContain('rpcJobCancel');
    expect(await page.locator('#job').count()).toBe(0);
    expect(readJob(wb)).toBeNull();
    expect(Object.fromEntries([...wb.tabs].filter(([name]) => name !== '이력'))).toEqual(before);
    expect(tabGrid(s, '이력').at(-1)?.slice(1, 3)).toEqual(['staff@district.example', '작업 취소']);
  });
});

describe('accessibility and safety', () => {
  let s: SidebarSession;
  afterAll(async () => {
    await s?.page.context().close();
    expect(s?.pageErrors).toEqual([]);
  });

  test('an agenda title made of HTML shows as text; no script runs', async () => {
    const wb = new MemoryWorkbook();
    const ctx = hostContext('ko');
    initWorkbook(wb, ctx);
    wb.writeTab('설정', csv('settings.csv'));
    const agendas = csv('agendas.csv');
    agendas[1][1] = '<img src=x onerror=alert(1)>';
    pasteExampleAgendas(wb, agendas);
    importTable(wb, ctx, { fileName: 'online_form.csv', encoding: 'utf-8', rows: csv('online_form.csv') });
    s = await open({ wb, start: 'tally' });
    const { page } = s;
    await page.click('#tally-run');
    await page.locator('#tally-result table').waitFor();
    await page.waitForTimeout(300);
    expect(s.dialogs).toEqual([]);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('#tally-result').textContent()).toContain('<img src=x onerror=alert(1)>');
  });

  test('keyboard only: arrows move between tabs, Tab reaches the button, Enter runs the tally; focus is visible', async () => {
    const { page } = s;
    await page.reload();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-tally');
    await page.keyboard.press('Home');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-status');
    expect(await page.isVisible('#panel-status')).toBe(true);
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-import');
    expect(await page.isVisible('#panel-import')).toBe(true);
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-plans');
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-tally');
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: style.outlineWidth };
    });
    expect(outline).toEqual({ style: 'solid', width: '3px' });
    await page.keyboard.press('Tab'); // the panel itself
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tally-run');
    s.calls.length = 0;
    await page.keyboard.press('Enter');
    await page.locator('#tally-selected').waitFor();
    // The harness clock moves a minute per look, so the tally outruns one execution's 4.5-minute
    // budget: the page starts it and continues it until done.
    expect(s.calls[0]).toBe('rpcTallyStep');
    expect(s.calls.length).toBeGreaterThan(1);
    expect(s.calls.slice(1).every((c) => c === 'rpcJobContinue')).toBe(true);
    await shoot(page, 'ko-13-keyboard-focus');
  });

  test('every control in every panel has an accessible name, and text meets 4.5:1 contrast', async () => {
    const { page } = s;
    const cdp = await page.context().newCDPSession(page);
    const unnamed: string[] = [];
    const lowContrast: string[] = [];
    const panels: [string, () => Promise<void>][] = [
      ['status', async () => page.locator('#status-result table').waitFor()],
      ['import', async () => {
        await page.setInputFiles('#import-file', CP949_EXPORT);
        await page.locator('#import-encoding-found').waitFor();
      }],
      ['settings', async () => page.locator('#setting-budget').waitFor()],
      ['tally', async () => {
        await page.click('#tally-run');
        await page.locator('#tally-selected').waitFor();
      }],
    ];
    for (const [panel, ready] of panels) {
      await page.click(`#tab-${panel}`);
      await ready();
      const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { role?: { value: string }; name?: { value: string }; ignored: boolean }[] };
      const controls = nodes.filter((n) => !n.ignored && ['textbox', 'combobox', 'button', 'tab', 'checkbox', 'spinbutton', 'progressbar', 'ListBox'].includes(n.role?.value ?? ''));
      expect(controls.length).toBeGreaterThan(4);
      for (const n of controls) if (!n.name?.value.trim()) unnamed.push(`${panel}: ${n.role?.value}`);
      lowContrast.push(...(await contrastProblems(page)).map((p) => `${panel}: ${p}`));
    }
    expect(unnamed).toEqual([]);
    expect(lowContrast).toEqual([]);
  });
});

/** Text whose colour against its background is below WCAG AA (4.5:1); disabled controls are exempt. */
async function contrastProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const parse = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]): number => {
      const f = (v: number): number => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const problems: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || el.closest('[hidden], button:disabled, svg, option')) continue;
      if (!(el as HTMLElement).offsetParent && getComputedStyle(el).position !== 'fixed') continue;
      const fg = lum(parse(getComputedStyle(el).color).slice(0, 3));
      const bg = lum(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < 4.5) problems.push(`${el.tagName.toLowerCase()} "${n.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
    }
    return problems;
  });
}

describe('in English', () => {
  test('a non-Korean user gets English texts, amounts and reasons, end to end', async () => {
    const wb = new MemoryWorkbook();
    const s = await open({ lang: 'en', wb });
    const { page } = s;
    try {
      await page.getByText(`${TAB_ORDER.length} tabs are missing`).waitFor();
      expect(await page.textContent('#tab-status')).toBe('Status');
      await page.click('#status-init');
      await page.getByText(`Created ${TAB_ORDER.length} tabs, 0 already there`).waitFor();
      expect(wb.tabNames()).toContain('Settings');
      wb.writeTab('Agendas', csv('agendas.csv'));
      wb.writeTab('Fields', csv('fields.csv'));
      await shoot(page, 'en-01-status');

      await page.click('#tab-settings');
      await page.locator('#setting-budget').waitFor();
      expect(await page.textContent('label[for="setting-budget"]')).toBe('Total budget');
      await setField(page, 'setting-windowStart', '2020-07-06');
      await setField(page, 'setting-windowEnd', '2020-07-13');
      await page.selectOption('#setting-invalidBallot', 'keep_first');
      await page.click('#settings-save');
      await page.getByText('Saved to the Settings tab.').waitFor();
      await shoot(page, 'en-02-settings');
      const saved = new Map(tabGrid(s, 'Settings').slice(1).map((r) => [r[0], r[1]]));
      expect(saved.get('invalid_ballot')).toBe('keep_first');

      await page.click('#tab-import');
      await page.setInputFiles('#import-file', CP949_EXPORT);
      await page.locator('#import-encoding-found').waitFor();
      expect(await page.textContent('#import-row-count')).toBe('11,000 data rows (header not counted)');
      await page.click('#import-confirm');
      await page.locator('#import-ballots-counted').waitFor({ timeout: 60_000 });
      const reasons = await page.locator('#import-result table tbody td:first-child').allTextContents();
      expect(reasons).toContain('outside the voting window');
      await shoot(page, 'en-03-import-done');

      await page.click('#tab-tally');
      await page.click('#tally-run');
      await page.locator('#tally-selected').waitFor();
      const budget = await page.textContent('#tally-budget');
      expect(budget).toMatch(/^Spent KRW [\d,]+ of KRW 500,000,000 \(KRW [\d,]+ left\)$/);
      const tally = runTally(wb, hostContext('en'));
      const shownIds = await page.locator('#tally-selected li').evaluateAll((items) => items.map((li) => li.getAttribute('data-id')));
      expect(shownIds).toEqual(tally.selected);
      expect(await page.locator('.status.selected').first().textContent()).toBe('Selected');
      await shoot(page, 'en-04-tally');
      expect(s.pageErrors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});
