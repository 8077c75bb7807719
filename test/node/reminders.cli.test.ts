/**
 * `civic-sheets reminders` end to end: the CLI bundle run as a process on the built-in example
 * workbook (which carries the seed's schedule) and on a workbook typed by hand with real date
 * cells, the .xlsx read back with ExcelJS and the .ics with ical.js.
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import type { RemindersJson } from '../../src/workflows/api';
import { SCHEDULE, SCHEDULE_YEAR } from '../../src/node/example/schedule';
import { SEED_SCHEDULE } from '../fixtures/seedSchedule';
import { cliUnderTest, readTabBack as tab } from '../helpers/cliProcess';

const { work, run, runJson } = cliUnderTest('reminders', { cwd: 'work' });
const demo = path.join(work, 'demo.xlsx');
const json = (...args: string[]): RemindersJson => runJson<RemindersJson>(...args);

beforeAll(() => {
  const r = run('demo', '--out', demo);
  if (r.status !== 0) throw new Error(r.stderr);
}, 120_000);

/** The example's schedule in a small workbook (init + the 일정 rows): quick to open, unlike the demo's 13,000 ballots. */
const small = path.join(work, 'small.xlsx');

async function writeSmall(): Promise<void> {
  if (run('init', small).status !== 0) throw new Error('init failed');
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(small);
  const ws = book.getWorksheet('일정')!;
  ws.getCell('B1').value = SCHEDULE_YEAR;
  const header = (ws.getRow(2).values as unknown[]).slice(1).map(String);
  const order = ['일정', '시작', '기한', '담당자', '담당자 이메일', '알림 (며칠 전)', '상태', '비고'];
  for (const row of SCHEDULE) {
    const cells = new Array<string>(header.length).fill('');
    order.forEach((name, i) => (cells[header.indexOf(name)] = row[i]));
    ws.addRow(cells);
  }
  await book.xlsx.writeFile(small);
}

describe('the built-in example (civic-sheets demo)', () => {
  test('carries the seed schedule; --json has exactly the named fields; --ics parses back', () => {
    const ics = path.join(work, 'demo.ics');
    const r = json('reminders', demo, '--today', '2020-08-07', '--ics', ics);
    for (const seed of SEED_SCHEDULE) {
      const found = r.milestones.find((m) => m.name.startsWith(seed.name));
      expect(found).toMatchObject({ text: seed.text, start: seed.start, end: seed.end });
    }
    expect(r.milestones.find((m) => m.name === '운영협의회 회의')).toEqual({ name: '운영협의회 회의', text: '2020. 7. 3.(금). 11:00~12:00', start: '2020-07-03', end: '2020-07-03', status: 'done', daysLate: 0 });

    expect(Object.keys(r).sort()).toEqual(['due', 'milestones', 'reminders', 'sent', 'today']);
    for (const m of r.milestones) expect(Object.keys(m).sort()).toEqual(['daysLate', 'end', 'name', 'start', 'status', 'text']);
    expect(r.due.length).toBeGreaterThan(0);
    for (const d of r.due) expect(Object.keys(d).sort()).toEqual(['date', 'message', 'milestone', 'to']);
    for (const m of r.milestones) for (const day of [m.start, m.end]) expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const d of r.due) expect(d.to).toMatch(/@example\.org$/);

    const calendar = new ICAL.Component(ICAL.parse(readFileSync(ics, 'utf8')));
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(SCHEDULE.length);
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Asia/Seoul');
  });
});

describe('reminders on the example schedule', () => {
  beforeAll(writeSmall, 60_000);

  test.each([
    ['2020-08-02', []],
    ['2020-08-03', [['2020-08-03', 'minho.jung@example.org', '7일 전']]],
    ['2020-08-06', [['2020-08-03', 'minho.jung@example.org', '7일 전']]],
    ['2020-08-07', [['2020-08-07', 'minho.jung@example.org', '3일 전']]],
    ['2020-08-09', [['2020-08-09', 'minho.jung@example.org', '1일 전']]],
    ['2020-08-10', [['2020-08-10', 'minho.jung@example.org', '당일']]],
    ['2020-08-11', []],
  ])('for the 8. 10. 限 deadline on --today %s', (today, expected) => {
    const r = json('reminders', small, '--today', today);
    const deadline = r.due.filter((d) => d.milestone.includes('초안 제출'));
    expect(deadline.map((d) => [d.date, d.to, /\(([^()]*) 알림\)\.$/.exec(d.message)?.[1]])).toEqual(expected);
    const submission = r.milestones.find((m) => m.name.includes('초안 제출'))!;
    const expectedState = today > '2020-08-10' ? { status: 'overdue', daysLate: 1 } : today === '2020-08-10' ? { status: 'in_progress', daysLate: 0 } : { status: 'planned', daysLate: 0 };
    expect(submission).toMatchObject(expectedState);
  });

  test('the 일정 tab shows 지연 and days late; 알림 is regenerated without duplicates', async () => {
    json('reminders', small, '--today', '2020-08-12');
    const first = await tab(small, '알림');
    json('reminders', small, '--today', '2020-08-12');
    const second = await tab(small, '알림');
    expect(second).toEqual(first);
    const keys = first.slice(1).map((row) => row[6]);
    expect(keys.length).toBeGreaterThan(10);
    expect(new Set(keys).size).toBe(keys.length);

    const schedule = await tab(small, '일정');
    const header = schedule[1] as string[];
    const row = schedule.find((r) => String(r[0]).includes('초안 제출'))!;
    expect(row[header.indexOf('상태')]).toBe('지연');
    expect(row[header.indexOf('지연 일수')]).toBe(2);
    expect(row[header.indexOf('읽은 날짜')]).toBe('2020. 8. 10.(월)까지');
  });

  test('a second --ics export keeps every UID', () => {
    const [a, b] = ['a.ics', 'b.ics'].map((f) => path.join(work, f));
    const out = run('reminders', small, '--ics', a);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain(`캘린더: ${a} (일정 ${SCHEDULE.length}건)`);
    expect(run('reminders', small, '--ics', b).status).toBe(0);
    const uids = (f: string) => new ICAL.Component(ICAL.parse(readFileSync(f, 'utf8'))).getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid'));
    expect(uids(b)).toEqual(uids(a));
    expect(new Set(uids(a)).size).toBe(SCHEDULE.length);
  });
});

describe('a workbook typed by hand', () => {
  test('date cells, a missing year and a bad date: each row read or marked, none guessed', async () => {
    const file = path.join(work, 'hand.xlsx');
    expect(run('init', file).status).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const ws = book.getWorksheet('일정')!;
    ws.getCell('B1').value = null; // no 기준 연도
    ws.addRow(['설명회', new Date(Date.UTC(2020, 7, 20)), '', '', '', '', '', '', '', '']);
    ws.addRow(['보고서', '8. 31. 限', '', '', '', '', '', '', '', '']);
    ws.addRow(['현장 점검', '2020. 2. 30.', '', '', '', '', '', '', '', '']);
    await book.xlsx.writeFile(file);

    const r = json('reminders', file, '--today', '2020-08-19');
    expect(r.milestones).toEqual([
      { name: '설명회', text: '2020-08-20', start: '2020-08-20', end: '2020-08-20', status: 'planned', daysLate: 0 },
      { name: '보고서', text: '8. 31. 限', start: null, end: null, status: 'unparsed', daysLate: 0 },
      { name: '현장 점검', text: '2020. 2. 30.', start: null, end: null, status: 'unparsed', daysLate: 0 },
    ]);
    expect(r.due.map((d) => [d.date, d.milestone, d.to])).toEqual([['2020-08-19', '설명회', '']]);
    const schedule = await tab(file, '일정');
    const header = schedule[1] as string[];
    expect(schedule.slice(2).map((row) => row[header.indexOf('읽은 날짜')])).toEqual([
      '2020. 8. 20.(목)',
      '읽을 수 없음: 연도가 없습니다: 위의 기준 연도를 채우세요',
      '읽을 수 없음: 없는 날짜입니다',
    ]);
    // The date cell staff typed is still a date cell.
    expect(schedule[2][1]).toBeInstanceOf(Date);
  });

  test('a bad --today is a usage error and the workbook is not touched', () => {
    const before = statSync(demo).mtimeMs;
    const r = run('reminders', demo, '--today', '2020-8-7');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^civic-sheets: --today 는 YYYY-MM-DD/);
    expect(statSync(demo).mtimeMs).toBe(before);
  });
});
