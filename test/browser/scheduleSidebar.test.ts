/**
 * (Page-side checks are written as expression strings: this file is type-checked without the DOM.)
 *
 * The sidebar's schedule section in real Chromium: the built dist/Sidebar.html with a stand-in
 * for google.script.run that answers like the server. Checks that overdue milestones show with
 * days late, that the e-mail switch calls the reminder RPCs, and that data is shown as text.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = resolve(__dirname, '../..');
const SIDEBAR = join(ROOT, 'dist/Sidebar.html');
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(SIDEBAR)) execSync('npm run build:sidebar', { cwd: ROOT, stdio: 'pipe' });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** A fake google.script.run: each server function answers from `answers`, and calls are recorded. */
const FAKE_RUN = `
window.__calls = [];
window.__answers = window.__preset || {};
function runner(success, failure) {
  return new Proxy({}, {
    get(_t, name) {
      if (name === 'withSuccessHandler') return (h) => runner(h, failure);
      if (name === 'withFailureHandler') return (h) => runner(success, h);
      return (...args) => {
        window.__calls.push(String(name));
        const answer = window.__answers[name];
        setTimeout(() => (answer && answer.error ? failure({ message: answer.error }) : success(typeof answer === 'function' ? answer(...args) : answer)), 0);
      };
    },
  });
}
window.google = { script: { run: runner(() => {}, () => {}) } };
`;

const STATUS = {
  tabs: [],
  agendas: 0,
  ballots: 0,
  setAside: 0,
  lastImport: null,
  lastTally: null,
  schedule: {
    milestones: 6,
    overdue: [{ name: '<b>초안 제출</b>(서울시)', end: '2020-08-10', daysLate: 2 }],
    unparsed: 1,
    dueToday: 3,
  },
};

async function open(answers: Record<string, unknown>): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(5_000);
  // Put the stand-in ahead of the sidebar's own (only) script; JSON in a script is escaped for </script>.
  const preset = JSON.stringify(answers).replace(/</g, '\\u003c');
  const html = readFileSync(SIDEBAR, 'utf8')
    .replace('data-lang=""', 'data-lang="ko"')
    .replace('<script>', () => `<script>window.__preset = ${preset};\n${FAKE_RUN}</script><script>`);
  await page.setContent(html, { waitUntil: 'domcontentloaded' });
  return page;
}

test('overdue milestones show with days late, as text; counts are shown', async () => {
  const page = await open({ rpcStatus: STATUS, rpcReminderStatus: { enabled: false, mine: false, by: null, since: null, hour: 8 } });
  await page.waitForSelector('#schedule-overdue li');
  expect(await page.textContent('#schedule-overdue li')).toBe('지연 · <b>초안 제출</b>(서울시): 2일 지연 (기한 2020-08-10)');
  expect(await page.$('#schedule-overdue b')).toBeNull();
  expect(await page.textContent('#schedule-counts')).toBe('일정 6건 · 오늘 보낼 알림 3건 · 날짜 확인 필요 1건');
  await page.waitForFunction(`document.querySelector('#schedule-mail')?.textContent !== ''`);
  expect(await page.textContent('#schedule-mail')).toBe('이메일 알림: 꺼짐');
  expect(await page.textContent('#schedule-mail-toggle')).toBe('이메일 알림 켜기');
  await page.close();
});

test('the switch turns e-mail reminders on and off through the RPCs', async () => {
  const page = await open({
    rpcStatus: STATUS,
    rpcReminderStatus: { enabled: false, mine: false, by: null, since: null, hour: 8 },
    rpcEnableReminders: { enabled: true, mine: true, by: 'staff@example.org', since: '2020-08-07', hour: 8 },
    rpcDisableReminders: { enabled: false, mine: false, by: null, since: null, hour: 8 },
  });
  await page.waitForFunction(`document.querySelector('#schedule-mail')?.textContent === '이메일 알림: 꺼짐'`);
  await page.click('#schedule-mail-toggle');
  await page.waitForFunction(`document.querySelector('#schedule-mail')?.textContent?.includes('켜짐')`);
  expect(await page.textContent('#schedule-mail')).toBe('이메일 알림: 켜짐 (매일 8시대, 내 계정에서 발송)');
  expect(await page.textContent('#schedule-mail-toggle')).toBe('이메일 알림 끄기');
  await page.click('#schedule-mail-toggle');
  await page.waitForFunction(`document.querySelector('#schedule-mail')?.textContent === '이메일 알림: 꺼짐'`);
  const calls = (await page.evaluate('window.__calls')) as string[];
  expect(calls.filter((c) => /Reminders$/.test(c))).toEqual(['rpcEnableReminders', 'rpcDisableReminders']);
  await page.close();
});

test('a refused switch shows the server message', async () => {
  const page = await open({
    rpcStatus: STATUS,
    rpcReminderStatus: { enabled: true, mine: false, by: 'other@example.org', since: '2020-08-01', hour: 8 },
    rpcDisableReminders: { error: '이 문서의 이메일 알림은 이미 켜져 있습니다' },
  });
  await page.waitForFunction(`document.querySelector('#schedule-mail')?.textContent?.includes('다른 사용자')`);
  await page.click('#schedule-mail-toggle');
  await page.waitForFunction(`document.querySelector('#schedule-note')?.textContent !== ''`);
  expect(await page.textContent('#schedule-note')).toBe('오류: 이 문서의 이메일 알림은 이미 켜져 있습니다');
  await page.close();
});

test('the calendar button downloads the .ics the server made', async () => {
  const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';
  const page = await open({ rpcStatus: STATUS, rpcReminderStatus: { enabled: false, mine: false, by: null, since: null, hour: 8 }, rpcReminderCalendar: { fileName: '협치 일정.ics', text: ics } });
  await page.waitForSelector('#schedule-ics');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#schedule-ics')]);
  expect(download.suggestedFilename()).toBe('협치 일정.ics');
  const path = await download.path();
  expect(readFileSync(path, 'utf8')).toBe(ics);
  await page.close();
});
