import { initWorkbook } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { runReminders, sendDueReminders, type Mailer, type SentJournal } from '../../src/workflows/reminders';
import { readStatus } from '../../src/workflows/status';
import type { Cell, Grid } from '../../src/workflows/workbook';
import { SEED_SCHEDULE } from '../fixtures/seedSchedule';
import { testContext } from '../helpers/context';

const HEADER = ['일정', '시작', '기한', '담당자', '담당자 이메일', '알림 (며칠 전)', '상태', '비고'];
const OWNERS = ['김하늘', '이서준', '박지민', '최유나', '정민호', '한소라'];

/** The seed schedule as staff would type it: one date cell per milestone, in the 시작 column. */
function seedRows(): Grid {
  return SEED_SCHEDULE.map((m, i) => [m.name, m.deadline ? '' : m.text, m.deadline ? m.text : '', OWNERS[i], `owner${i + 1}@example.org`, '', '', '']);
}

function book(rows: Grid = seedRows(), year: Cell = 2020): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook(wb, testContext());
  wb.writeTab('일정', [['기준 연도', year], HEADER, ...rows]);
  return wb;
}

const ctx = testContext();
const reminderRows = (wb: MemoryWorkbook): Grid => (wb.readTab('알림') ?? []).slice(1);

describe('init', () => {
  test('creates 일정 with this year as 기준 연도 above the header, and 알림', () => {
    const wb = new MemoryWorkbook();
    initWorkbook(wb, testContext());
    const schedule = wb.readTab('일정')!;
    expect(schedule[0].slice(0, 2)).toEqual(['기준 연도', 2020]);
    expect(schedule[1]).toEqual(['일정', '시작', '기한', '읽은 날짜', '담당자', '담당자 이메일', '알림 (며칠 전)', '상태', '지연 일수', '비고']);
    expect(wb.readTab('알림')![0]).toEqual(['알림일', '일정', '담당자', '이메일', '메시지', '보냄', '알림 키']);
  });
});

describe('runReminders on the seed schedule', () => {
  test('every milestone is read to the expected range, and 지연 only past its end', () => {
    const r = runReminders(book(), ctx, { today: '2020-08-12' });
    expect(r.milestones.map((m) => [m.name, m.text, m.start, m.end])).toEqual(SEED_SCHEDULE.map((m) => [m.name, m.text, m.start, m.end]));
    expect(r.milestones.map((m) => [m.status, m.daysLate])).toEqual([
      ['overdue', 12], // 7월
      ['overdue', 30], // 7. 6.~7. 13.
      ['in_progress', 0], // 7~8월
      ['overdue', 2], // 8월 초
      ['overdue', 2], // 8. 10. 限
      ['planned', 0], // 9월
    ]);
  });

  test('writes the parsed dates, 지연 and days late next to the text, leaving staff cells alone', () => {
    const wb = book();
    runReminders(wb, ctx, { today: '2020-08-12' });
    const grid = wb.readTab('일정')!;
    const header = grid[1];
    expect(header.slice(0, HEADER.length)).toEqual(HEADER);
    const col = (name: string) => header.indexOf(name);
    const deadline = grid[2 + 4];
    expect(deadline[col('기한')]).toBe('8. 10. 限');
    expect(deadline[col('읽은 날짜')]).toBe('2020. 8. 10.(월)까지');
    expect(deadline[col('상태')]).toBe('지연');
    expect(deadline[col('지연 일수')]).toBe(2);
    expect(grid[2 + 2][col('읽은 날짜')]).toBe('2020. 7. 1.(수) ~ 8. 31.(월)');
    expect(grid[2 + 2][col('상태')]).toBe('진행');
    expect(grid[2 + 5][col('지연 일수')]).toBeNull();
    expect(grid[0].slice(0, 2)).toEqual(['기준 연도', 2020]);
  });

  test('완료 is kept as typed and never 지연', () => {
    const rows = seedRows();
    rows[1][6] = '완료';
    const r = runReminders(book(rows), ctx, { today: '2020-08-12' });
    expect(r.milestones[1]).toMatchObject({ status: 'done', daysLate: 0 });
  });

  test('without 기준 연도 the yearless dates are marked, not guessed', () => {
    const wb = book(seedRows(), '');
    const r = runReminders(wb, ctx, { today: '2020-08-12' });
    for (const [i, m] of r.milestones.entries()) {
      // Only the vote's dates carry their own year (2020. 7. 6.(월) ~ 7. 13.(월)).
      if (/\d{4}/.test(SEED_SCHEDULE[i].text)) expect(m.start).toBe(SEED_SCHEDULE[i].start);
      else expect(m).toMatchObject({ status: 'unparsed', start: null, end: null });
    }
    const grid = wb.readTab('일정')!;
    expect(grid[2][grid[1].indexOf('읽은 날짜')]).toBe('읽을 수 없음: 연도가 없습니다: 위의 기준 연도를 채우세요');
    expect(grid[2][grid[1].indexOf('상태')]).toBe('확인 필요');
    expect(reminderRows(wb).map((row) => row[1])).toEqual(new Array(3).fill(SEED_SCHEDULE[1].name));
  });

  test.each([
    ['2020-07-24', []],
    ['2020-07-25', [['2020-07-25', '8월 초']]],
    ['2020-07-31', [['2020-07-31', '8월 초']]],
    ['2020-08-01', [['2020-07-31', '8월 초']]],
    ['2020-08-02', []],
    ['2020-08-03', [['2020-08-03', '8. 10. 限']]],
    ['2020-08-06', [['2020-08-03', '8. 10. 限']]],
    ['2020-08-07', [['2020-08-07', '8. 10. 限']]],
    ['2020-08-09', [['2020-08-09', '8. 10. 限']]],
    ['2020-08-10', [['2020-08-09', '8. 10. 限']]],
    ['2020-08-11', []],
    ['2020-08-25', [['2020-08-25', '9월']]],
  ])('due on %s', (today, expected) => {
    const textOf = new Map(SEED_SCHEDULE.map((m) => [m.name, m.text]));
    const r = runReminders(book(), ctx, { today });
    expect(r.due.map((d) => [d.date, textOf.get(d.milestone)])).toEqual(expected);
    for (const d of r.due) expect(d.to).toMatch(/^owner\d@example\.org$/);
  });

  test('the deadline reminder names the deadline, in Korean', () => {
    const r = runReminders(book(), ctx, { today: '2020-08-07' });
    expect(r.due).toEqual([
      {
        date: '2020-08-07',
        milestone: SEED_SCHEDULE[4].name,
        to: 'owner5@example.org',
        message: `「${SEED_SCHEDULE[4].name}」 기한은 2020. 8. 10.(월)입니다 (3일 전 알림).`,
      },
    ]);
  });
});

describe('regenerating 알림', () => {
  test('gives the same rows, with no duplicates, every time', () => {
    const wb = book();
    runReminders(wb, ctx, { today: '2020-07-01' });
    const first = reminderRows(wb);
    // 6 milestones × 3 lead days, each one recipient
    expect(first).toHaveLength(18);
    runReminders(wb, ctx, { today: '2020-08-01' });
    runReminders(wb, ctx, { today: '2020-08-01' });
    expect(reminderRows(wb)).toEqual(first);
    expect(new Set(first.map((row) => row[6])).size).toBe(18);
  });

  test('keeps sent marks and staff columns; drops unsent rows no longer planned, keeps sent ones', () => {
    const wb = book();
    runReminders(wb, ctx, { today: '2020-07-01' });
    const grid = wb.readTab('알림')!;
    grid[0].push('메모');
    const sentRow = grid.findIndex((row) => row[0] === '2020-08-03');
    const unsentOld = grid.findIndex((row) => row[0] === '2020-08-07');
    grid[sentRow][5] = '✓';
    grid[sentRow].push('전화로도 알림');
    wb.writeTab('알림', grid);

    // Staff change the deadline's lead days from the default 7,3,1 to 7,2.
    const schedule = wb.readTab('일정')!;
    schedule[2 + 4][schedule[1].indexOf('알림 (며칠 전)')] = '7, 2';
    wb.writeTab('일정', schedule);
    const r = runReminders(wb, ctx, { today: '2020-08-05' });

    const after = wb.readTab('알림')!;
    expect(after[0]).toEqual(['알림일', '일정', '담당자', '이메일', '메시지', '보냄', '알림 키', '메모']);
    const rows = after.slice(1);
    expect(rows.filter((row) => row[6] === grid[sentRow][6])).toEqual([[...grid[sentRow]]]);
    expect(rows.some((row) => row[6] === grid[unsentOld][6])).toBe(false);
    expect(rows.some((row) => row[0] === '2020-08-08')).toBe(true);
    expect(r.sent).toBe(1);
    // The 7-day reminder was marked sent by hand: nothing is due until the 2-day one.
    expect(r.due).toEqual([]);
    expect(runReminders(wb, ctx, { today: '2020-08-08' }).due.map((d) => d.date)).toEqual(['2020-08-08']);
  });

  test('a milestone marked 완료 loses its unsent reminders, not its sent ones', () => {
    const wb = book();
    runReminders(wb, ctx, { today: '2020-07-01' });
    const grid = wb.readTab('알림')!;
    const name = SEED_SCHEDULE[5].name;
    const sent = grid.findIndex((row) => row[1] === name);
    grid[sent][5] = '2020-08-25 09:00:00';
    wb.writeTab('알림', grid);
    const schedule = wb.readTab('일정')!;
    schedule[2 + 5][schedule[1].indexOf('상태')] = '완료';
    wb.writeTab('일정', schedule);
    runReminders(wb, ctx, { today: '2020-08-26' });
    expect(reminderRows(wb).filter((row) => row[1] === name)).toEqual([grid[sent]]);
  });
});

class FakeMailer implements Mailer {
  readonly outbox: { to: string; subject: string; body: string }[] = [];
  constructor(
    public quota: number,
    private readonly failOn: number | null = null,
  ) {}
  remainingQuota(): number {
    return this.quota;
  }
  send(message: { to: string; subject: string; body: string }): void {
    if (this.failOn !== null && this.outbox.length + 1 === this.failOn) throw new Error('Service invoked too many times');
    this.outbox.push(message);
    this.quota--;
  }
}

class MemoryJournal implements SentJournal {
  readonly store = new Map<string, string>();
  entries(): Record<string, string> {
    return Object.fromEntries(this.store);
  }
  add(key: string, at: string): void {
    this.store.set(key, at);
  }
  clear(): void {
    this.store.clear();
  }
}

/** Two milestones due on 2020-08-07, one with two recipients: three mails. */
function busyDay(): MemoryWorkbook {
  return book([
    ['초안 제출(서울시)', '', '8. 10. 限', '정민호', 'a@example.org, b@example.org', '3', '', ''],
    ['승인 회의', '8. 14.', '', '최유나', 'c@example.org', '7', '', ''],
    ['주민 설명회', '8. 8.', '', '한소라', '', '1', '', ''],
  ]);
}

const sentMarks = (wb: MemoryWorkbook) => reminderRows(wb).filter((row) => row[5] !== null).map((row) => row[3]);

describe('sendDueReminders', () => {
  test('sends each due reminder once, marks it sent, and never sends it again', () => {
    const wb = busyDay();
    const mailer = new FakeMailer(100);
    const journal = new MemoryJournal();
    const report = sendDueReminders(wb, ctx, mailer, journal, { today: '2020-08-07', documentUrl: 'https://docs.example.org/d/1' });
    expect(mailer.outbox.map((m) => m.to)).toEqual(['c@example.org', 'a@example.org', 'b@example.org']);
    expect(mailer.outbox[1].subject).toBe('[일정 알림] 초안 제출(서울시)');
    expect(mailer.outbox[1].body).toContain('기한은 2020. 8. 10.(월)입니다 (3일 전 알림).');
    expect(mailer.outbox[0].body).toContain('일정: 2020. 8. 14.(금) (7일 전 알림).');
    expect(mailer.outbox[1].body).toContain('https://docs.example.org/d/1');
    expect(report.skipped).toEqual({ noAddress: 1, quota: 0 });
    expect(report.failed).toBeNull();
    expect(sentMarks(wb).sort()).toEqual(['a@example.org', 'b@example.org', 'c@example.org']);
    expect(reminderRows(wb).find((row) => row[3] === 'a@example.org')![5]).toBe('2020-07-14 10:00:00');
    const audit = wb.readTab('이력')!;
    expect(audit[audit.length - 1]).toEqual(expect.arrayContaining(['알림 발송', '3건 보냄 / sent']));

    journal.clear();
    sendDueReminders(wb, ctx, mailer, journal, { today: '2020-08-07' });
    sendDueReminders(wb, ctx, mailer, journal, { today: '2020-08-08' });
    expect(mailer.outbox).toHaveLength(3);
  });

  test('quota used up: nothing is sent or marked, and it is all still due', () => {
    const wb = busyDay();
    const mailer = new FakeMailer(0);
    const report = sendDueReminders(wb, ctx, mailer, new MemoryJournal(), { today: '2020-08-07' });
    expect(mailer.outbox).toEqual([]);
    expect(report.skipped.quota).toBe(3);
    expect(sentMarks(wb)).toEqual([]);
    expect(runReminders(wb, ctx, { today: '2020-08-07' }).due).toHaveLength(4);
  });

  test('quota for one: one sent and marked, the rest wait for tomorrow', () => {
    const wb = busyDay();
    const mailer = new FakeMailer(1);
    const report = sendDueReminders(wb, ctx, mailer, new MemoryJournal(), { today: '2020-08-07' });
    expect(report.sent.map((s) => s.to)).toEqual(['c@example.org']);
    expect(report.skipped.quota).toBe(2);
    expect(sentMarks(wb)).toEqual(['c@example.org']);
    mailer.quota = 100;
    sendDueReminders(wb, ctx, mailer, new MemoryJournal(), { today: '2020-08-08' });
    expect(mailer.outbox.map((m) => m.to)).toEqual(['c@example.org', 'a@example.org', 'b@example.org']);
  });

  test('a failure mid-run stops it; only what was sent is marked', () => {
    const wb = busyDay();
    const mailer = new FakeMailer(100, 2);
    const journal = new MemoryJournal();
    const report = sendDueReminders(wb, ctx, mailer, journal, { today: '2020-08-07' });
    expect(mailer.outbox.map((m) => m.to)).toEqual(['c@example.org']);
    expect(report.failed).toEqual({ milestone: '초안 제출(서울시)', to: 'a@example.org', error: 'Service invoked too many times' });
    expect(report.sent.map((s) => s.to)).toEqual(['c@example.org']);
    expect(sentMarks(wb)).toEqual(['c@example.org']);
    expect([...journal.store.keys()]).toHaveLength(1);
  });

  test('a run that dies after sending, before saving 알림, does not make the next run resend', () => {
    const wb = busyDay();
    const mailer = new FakeMailer(100);
    const journal = new MemoryJournal();
    const failingWrite = jest.spyOn(wb, 'writeTab').mockImplementationOnce(() => {
      throw new Error('Exceeded maximum execution time');
    });
    expect(() => sendDueReminders(wb, ctx, mailer, journal, { today: '2020-08-07' })).toThrow('Exceeded maximum execution time');
    failingWrite.mockRestore();
    expect(mailer.outbox).toHaveLength(3);
    expect(sentMarks(wb)).toEqual([]);

    sendDueReminders(wb, ctx, mailer, journal, { today: '2020-08-07' });
    expect(mailer.outbox).toHaveLength(3);
    expect(sentMarks(wb).sort()).toEqual(['a@example.org', 'b@example.org', 'c@example.org']);
  });
});

describe('status', () => {
  test('lists overdue milestones with days late', () => {
    const wb = book();
    const status = readStatus(wb, testContext({ now: () => Date.UTC(2020, 7, 11, 3) }));
    expect(status.schedule).toEqual({
      milestones: 6,
      overdue: [
        { name: SEED_SCHEDULE[0].name, end: '2020-07-31', daysLate: 11 },
        { name: SEED_SCHEDULE[1].name, end: '2020-07-13', daysLate: 29 },
        { name: SEED_SCHEDULE[3].name, end: '2020-08-10', daysLate: 1 },
        { name: SEED_SCHEDULE[4].name, end: '2020-08-10', daysLate: 1 },
      ],
      unparsed: 0,
      dueToday: 0,
    });
    expect(status.tabs.find((t) => t.key === 'schedule')).toEqual({ key: 'schedule', name: '일정', rows: 6, problem: null });
  });
});
