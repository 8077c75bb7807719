import fc from 'fast-check';
import { addDays, daysInMonth, isIsoDay, isoDay, koreanWeekday, weekdayOf } from '../../../src/core/schedule/calendarDays';
import { parseScheduleDate, type ScheduleDateResult } from '../../../src/core/schedule/koreanDates';
import { SEED_MEETING, SEED_SCHEDULE, SEED_YEAR } from '../../fixtures/seedSchedule';

const range = (r: ScheduleDateResult): [string, string] | string => (r.ok ? [r.dates.start, r.dates.end] : r.problem);

/** Any real day between 1990 and 2100, as year, month and day. */
const anyDay = fc
  .record({ year: fc.integer({ min: 1990, max: 2100 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .filter(({ year, month, day }) => day <= daysInMonth(year, month));

describe('the seed schedule', () => {
  test.each(SEED_SCHEDULE.map((m) => [m.text, m]))('%s parses to the range a person reads', (_text, m) => {
    const r = parseScheduleDate(m.text, SEED_YEAR);
    expect(r).toEqual({ ok: true, dates: { start: m.start, end: m.end, time: null, endTime: null, deadline: m.deadline } });
  });

  test('without the tab year, every yearless entry is refused, never guessed', () => {
    for (const m of SEED_SCHEDULE) {
      const r = parseScheduleDate(m.text, null);
      if (/\d{4}/.test(m.text)) expect(r.ok).toBe(true);
      else expect(r).toEqual({ ok: false, problem: 'needs_year' });
    }
  });

  test('the meeting date with its time range is one timed day', () => {
    expect(parseScheduleDate(SEED_MEETING.text, null)).toEqual({
      ok: true,
      dates: { start: SEED_MEETING.day, end: SEED_MEETING.day, time: SEED_MEETING.time, endTime: SEED_MEETING.endTime, deadline: false },
    });
  });
});

describe('forms named in the issue', () => {
  test.each([
    ['2020. 7. 3.(금)', ['2020-07-03', '2020-07-03']],
    ['2020.7.3', ['2020-07-03', '2020-07-03']],
    ['2020-07-06', ['2020-07-06', '2020-07-06']],
    ['2020년 7월 6일', ['2020-07-06', '2020-07-06']],
    ['7. 6.~7. 13.', ['2020-07-06', '2020-07-13']],
    ['7. 6.~13.', ['2020-07-06', '2020-07-13']],
    ['7월 6일 ～ 7월 13일', ['2020-07-06', '2020-07-13']],
    ['7~8월', ['2020-07-01', '2020-08-31']],
    ['7월~8월', ['2020-07-01', '2020-08-31']],
    ['8월 초', ['2020-08-01', '2020-08-10']],
    ['8월 초순', ['2020-08-01', '2020-08-10']],
    ['8월 중순', ['2020-08-11', '2020-08-20']],
    ['8월 말', ['2020-08-21', '2020-08-31']],
    ['8월 하순', ['2020-08-21', '2020-08-31']],
    ['2021년 2월 말', ['2021-02-21', '2021-02-28']],
    ['9월', ['2020-09-01', '2020-09-30']],
    ['2020-09', ['2020-09-01', '2020-09-30']],
    ['8. 10. 限', ['2020-08-10', '2020-08-10']],
    ['8. 10.까지', ['2020-08-10', '2020-08-10']],
    ['~ 8. 10.', ['2020-08-10', '2020-08-10']],
    ['12. 28.~1. 5.', ['2020-12-28', '2021-01-05']],
    ['2020-07-06 00:00:00', ['2020-07-06', '2020-07-06']],
  ])('%s', (text, expected) => {
    expect(range(parseScheduleDate(text, 2020))).toEqual(expected);
  });

  test('deadline markers flag a deadline; a plain date does not', () => {
    expect(parseScheduleDate('8. 10. 限', 2020)).toMatchObject({ ok: true, dates: { deadline: true } });
    expect(parseScheduleDate('8. 10.까지', 2020)).toMatchObject({ ok: true, dates: { deadline: true } });
    expect(parseScheduleDate('8. 10.', 2020)).toMatchObject({ ok: true, dates: { deadline: false } });
  });

  test('a written time is kept; midnight (a date cell) is a plain day', () => {
    expect(parseScheduleDate('2020. 7. 3.(금) 11:00', null)).toMatchObject({ ok: true, dates: { time: '11:00', endTime: null } });
    expect(parseScheduleDate('2020-07-03 00:00:00', null)).toMatchObject({ ok: true, dates: { time: null } });
  });

  test.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['2020. 7. 3.(토)', 'wrong_weekday'],
    ['2020. 2. 30.', 'impossible'],
    ['13월', 'impossible'],
    ['2020. 7. 3. 25:00', 'impossible'],
    ['7. 13.~7. 6.', 'reversed'],
    ['2020. 7. 3. 12:00~11:00', 'reversed'],
    ['8월 초~중순', 'unreadable'],
    ['07/06/2020', 'unreadable'],
    ['다음 주', 'unreadable'],
    ['8월 10일경', 'unreadable'],
    ['7.6~7.13 限', 'unreadable'],
    ['1~2~3월', 'unreadable'],
  ])('%j is refused as %s', (text, problem) => {
    expect(parseScheduleDate(text, 2020)).toEqual({ ok: false, problem });
  });
});

describe('properties', () => {
  const styles: ((y: number, m: number, d: number) => string)[] = [
    (y, m, d) => `${y}. ${m}. ${d}.(${koreanWeekday(isoDay(y, m, d))})`,
    (y, m, d) => `${y}.${m}.${d}`,
    (y, m, d) => isoDay(y, m, d),
    (y, m, d) => `${y}/${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}`,
    (y, m, d) => `${y}년 ${m}월 ${d}일`,
    (y, m, d) => `${y}년 ${m}월 ${d}일(${koreanWeekday(isoDay(y, m, d))}요일)`,
  ];

  test('every written style of a real day parses to exactly that day, whatever the default year', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: styles.length - 1 }), fc.option(fc.integer({ min: 1990, max: 2100 })), ({ year, month, day }, style, fallback) => {
        const text = styles[style](year, month, day);
        const day0 = isoDay(year, month, day);
        expect(range(parseScheduleDate(text, fallback))).toEqual([day0, day0]);
      }),
    );
  });

  test('a yearless day takes the default year, and is refused without one', () => {
    fc.assert(
      fc.property(anyDay, ({ year, month, day }) => {
        expect(range(parseScheduleDate(`${month}. ${day}.`, year))).toEqual([isoDay(year, month, day), isoDay(year, month, day)]);
        expect(parseScheduleDate(`${month}월 ${day}일`, null)).toEqual({ ok: false, problem: 'needs_year' });
      }),
    );
  });

  test('a wrong weekday is always refused', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 6 }), ({ year, month, day }, shift) => {
        const wrong = koreanWeekday(addDays(isoDay(year, month, day), shift));
        expect(parseScheduleDate(`${year}. ${month}. ${day}.(${wrong})`, null)).toEqual({ ok: false, problem: 'wrong_weekday' });
      }),
    );
  });

  test('a range of two days in one year is exactly those days, in order, or refused as reversed', () => {
    fc.assert(
      fc.property(anyDay, anyDay, ({ year, month: m1, day: d1 }, { month: m2, day: d2 }) => {
        if (d2 > daysInMonth(year, m2)) return;
        const a = isoDay(year, m1, d1);
        const b = isoDay(year, m2, d2);
        const text = `${year}. ${m1}. ${d1}.~${year}. ${m2}. ${d2}.`;
        expect(range(parseScheduleDate(text, null))).toEqual(a <= b ? [a, b] : 'reversed');
      }),
    );
  });

  test('초, 중순 and 말 split a month into three touching parts that cover it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const [early, mid, late, whole] = ['초', '중순', '말', ''].map((p) => parseScheduleDate(`${year}년 ${month}월 ${p}`.trim(), null));
        for (const r of [early, mid, late, whole]) expect(r.ok).toBe(true);
        if (!early.ok || !mid.ok || !late.ok || !whole.ok) return;
        expect(early.dates.start).toBe(whole.dates.start);
        expect(addDays(early.dates.end, 1)).toBe(mid.dates.start);
        expect(addDays(mid.dates.end, 1)).toBe(late.dates.start);
        expect(late.dates.end).toBe(whole.dates.end);
        expect(Number(whole.dates.end.slice(8))).toBe(daysInMonth(year, month));
      }),
    );
  });

  test('M~N월 runs from the first of M to the last of N', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), (year, m, n) => {
        const r = parseScheduleDate(`${m}~${n}월`, year);
        if (m <= n) expect(range(r)).toEqual([isoDay(year, m, 1), isoDay(year, n, daysInMonth(year, n))]);
        // A later month before an earlier one crosses into the next year (11~2월).
        else expect(range(r)).toEqual([isoDay(year, m, 1), isoDay(year + 1, n, daysInMonth(year + 1, n))]);
      }),
    );
  });

  test('a deadline marker never changes the range', () => {
    fc.assert(
      fc.property(anyDay, fc.constantFrom(' 限', '限', '까지', ' 까지', ' (限)'), ({ year, month, day }, marker) => {
        const plain = parseScheduleDate(`${month}. ${day}.`, year);
        const deadline = parseScheduleDate(`${month}. ${day}.${marker}`, year);
        expect(range(deadline)).toEqual(range(plain));
        expect(deadline).toMatchObject({ ok: true, dates: { deadline: true } });
      }),
    );
  });

  test('any text: never throws, and an accepted range is two real days in order', () => {
    const pieces = fc.constantFrom('2020', '. ', '.', '7', '13', '31', '2', '월', '일', '년', ' ', '~', '限', '까지', '초', '중순', '말', '(금)', '-', '/', ':', '00', 'x');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(pieces, { maxLength: 12 }).map((p) => p.join(''))), fc.option(fc.integer({ min: 1990, max: 2100 })), (text, year) => {
        const r = parseScheduleDate(text, year);
        if (!r.ok) return;
        expect(isIsoDay(r.dates.start) && isIsoDay(r.dates.end)).toBe(true);
        expect(r.dates.start <= r.dates.end).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test('weekdayOf agrees with the platform calendar', () => {
    fc.assert(
      fc.property(anyDay, ({ year, month, day }) => {
        expect(weekdayOf(isoDay(year, month, day))).toBe(new Date(Date.UTC(year, month - 1, day)).getUTCDay());
      }),
    );
  });
});
