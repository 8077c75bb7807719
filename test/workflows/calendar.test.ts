/**
 * The calendar file, read back with an independent parser (ical.js, Mozilla's), not with the
 * library that wrote it.
 */
import ICAL from 'ical.js';
import { initWorkbook, reminderCalendar } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { SEED_MEETING, SEED_SCHEDULE } from '../fixtures/seedSchedule';
import { testContext } from '../helpers/context';

function seedBook(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook(wb, testContext());
  wb.writeTab('일정', [
    ['기준 연도', 2020],
    ['일정', '시작', '기한', '담당자', '알림 (며칠 전)', '상태'],
    ['운영협의회 회의', SEED_MEETING.text, '', '김하늘', '1', '완료'],
    ...SEED_SCHEDULE.map((m) => [m.name, m.deadline ? '' : m.text, m.deadline ? m.text : '', '이서준', '7,3,0', '']),
    ['날짜를 알 수 없는 일정', '하반기', '', '', '', ''],
  ]);
  return wb;
}

interface ParsedEvent {
  uid: string;
  summary: string;
  start: ICAL.Time;
  end: ICAL.Time;
  alarms: { trigger: number; related: string }[];
}

function parse(text: string): { calendar: ICAL.Component; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const events = calendar.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate,
      end: event.endDate,
      alarms: v.getAllSubcomponents('valarm').map((a) => {
        const trigger = a.getFirstProperty('trigger')!;
        return { trigger: (trigger.getFirstValue() as ICAL.Duration).toSeconds(), related: String(trigger.getParameter('related') ?? 'START') };
      }),
    };
  });
  return { calendar, events };
}

const ctx = testContext();

describe('reminderCalendar', () => {
  const text = reminderCalendar(seedBook(), ctx, { calendarId: 'spreadsheet-1', title: '협치 일정' });
  const { calendar, events } = parse(text);

  test('one event per readable milestone; the unreadable one is left out', () => {
    expect(events.map((e) => e.summary)).toEqual(['운영협의회 회의', ...SEED_SCHEDULE.map((m) => (m.deadline ? `${m.name} (기한)` : m.name))]);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('협치 일정');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Asia/Seoul');
  });

  test('all-day milestones cover exactly their days (DTEND is the day after)', () => {
    for (const [i, m] of SEED_SCHEDULE.entries()) {
      const e = events[i + 1];
      expect(e.start.isDate).toBe(true);
      expect(e.start.toString()).toBe(m.start);
      expect(e.end.toString()).toBe(new Date(Date.parse(m.end) + 86_400_000).toISOString().slice(0, 10));
    }
  });

  test('a timed milestone is in Asia/Seoul: 11:00 KST is 02:00 UTC', () => {
    const meeting = events[0];
    expect(meeting.start.isDate).toBe(false);
    expect(meeting.start.zone.tzid).toBe('Asia/Seoul');
    expect(meeting.start.toJSDate().toISOString()).toBe('2020-07-03T02:00:00.000Z');
    expect(meeting.end.toJSDate().toISOString()).toBe('2020-07-03T03:00:00.000Z');
    // 1 day before the start.
    expect(meeting.alarms).toEqual([{ trigger: -86_400, related: 'START' }]);
  });

  test('alarms ring at 09:00 Seoul on each lead day, counted to the deadline for 限', () => {
    const deadline = events[1 + SEED_SCHEDULE.findIndex((m) => m.deadline)];
    // DTEND is 8/11 00:00; 7 days before 8/10 at 09:00 is 8/3 09:00 = DTEND − 7d 15h.
    expect(deadline.alarms).toEqual([
      { trigger: -(7 * 86_400 + 15 * 3_600), related: 'END' },
      { trigger: -(3 * 86_400 + 15 * 3_600), related: 'END' },
      { trigger: -15 * 3_600, related: 'END' },
    ]);
    const vote = events[2];
    // Starts 7/6 00:00; 09:00 on 6/29 (7 days before) is 6 days 15 hours earlier; on the day, 9 hours later.
    expect(vote.alarms).toEqual([
      { trigger: -(6 * 86_400 + 15 * 3_600), related: 'START' },
      { trigger: -(2 * 86_400 + 15 * 3_600), related: 'START' },
      { trigger: 9 * 3_600, related: 'START' },
    ]);
  });

  test('UIDs are stable across exports and unique per document and milestone', () => {
    const again = parse(reminderCalendar(seedBook(), testContext({ now: () => Date.UTC(2020, 7, 1) }), { calendarId: 'spreadsheet-1', title: '협치 일정' }));
    expect(again.events.map((e) => e.uid)).toEqual(events.map((e) => e.uid));
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    const other = parse(reminderCalendar(seedBook(), ctx, { calendarId: 'spreadsheet-2', title: '협치 일정' }));
    expect(other.events.some((e) => events.some((f) => f.uid === e.uid))).toBe(false);
  });

  test('milestones of one name are separate events; the earliest keeps its UID; a row written twice is one event', () => {
    const wb = new MemoryWorkbook();
    initWorkbook(wb, testContext());
    const rows = [
      ['기준 연도', 2020],
      ['일정', '시작', '기한', '담당자', '알림 (며칠 전)', '상태'],
      ['운영협의회 회의', '7. 17.(금) 11:00', '', '김하늘', '1', ''],
      ['운영협의회 회의', '7. 3.(금) 11:00', '', '김하늘', '1', ''],
    ];
    wb.writeTab('일정', rows);
    const once = parse(reminderCalendar(wb, ctx, { calendarId: 'spreadsheet-1', title: '협치 일정' })).events;
    expect(once.map((e) => e.start.toString())).toEqual(['2020-07-17T11:00:00', '2020-07-03T11:00:00']);
    expect(new Set(once.map((e) => e.uid)).size).toBe(2);
    // The 7/3 meeting has the UID a one-row schedule gave 운영협의회 회의, as before.
    expect(once[1].uid).toBe(events[0].uid);
    wb.writeTab('일정', [...rows, rows[3]]);
    const twice = parse(reminderCalendar(wb, ctx, { calendarId: 'spreadsheet-1', title: '협치 일정' })).events;
    expect(twice.map((e) => e.uid)).toEqual(once.map((e) => e.uid));
  });

  test('the same on a host in another time zone', () => {
    const before = process.env.TZ;
    // Node reads TZ on change; Date's local fields follow it.
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(reminderCalendar(seedBook(), ctx, { calendarId: 'spreadsheet-1', title: '협치 일정' })).toBe(text);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});
