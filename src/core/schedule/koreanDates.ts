/**
 * Dates as Korean public documents write them in a schedule (추진 일정), read into a range of
 * calendar days (start and end, both inclusive). Anything this module cannot read for certain is
 * refused with a reason: a schedule that silently guessed a wrong month is worse than one that
 * says "check this cell".
 *
 * Accepted (spaces optional, a weekday such as `(금)` or `(금요일)` must match the date):
 *   one day     2020. 7. 3.(금)   2020.7.3   2020-07-06   2020/07/06   2020년 7월 6일   7. 6.   7월 6일
 *               optionally with a time of day: `2020. 7. 3.(금) 11:00` (00:00 means no time: date cells)
 *               or a time range `2020. 7. 3.(금) 11:00~12:00`
 *   a month     9월 (the whole month)   2020년 9월   2020. 9.   2020-09
 *   part of one 8월 초 / 초순 / 상순 (1–10)   8월 중순 (11–20)   8월 말 / 하순 (21–last day)
 *               8월 중 ("during August": the whole month)
 *   a range     7. 6.~7. 13.   7. 6.~13.   7~8월 (1 Jul–31 Aug)   7월~8월   8월 초~9월   with ~, ～, 〜, –, or " - "
 *   a deadline  8. 10. 限   8. 10.까지   ~8. 10.   (the same range, flagged as a deadline)
 * A date without a year takes `defaultYear` (the 일정 tab's 기준 연도); without one it is refused.
 * In a range the end inherits the start's year and month; an end written without a year whose
 * month is before the start's month is in the next year (`12. 28.~1. 5.`), the only reading possible.
 */
import { daysInMonth, isoDay, isRealDay, weekdayIndex, weekdayOf, type IsoDay } from './calendarDays';

export interface ScheduleDates {
  start: IsoDay;
  end: IsoDay;
  /** `HH:mm` when one day was written with a time of day; null otherwise. */
  time: string | null;
  /** `HH:mm` when that day was written with a time range (`11:00~12:00`); null otherwise. */
  endTime: string | null;
  /** Written as a deadline (`限`, `까지`, or an open start `~ 8. 10.`). */
  deadline: boolean;
}

export type DateProblem =
  /** Nothing written. */
  | 'empty'
  /** No year in the text and no default year. */
  | 'needs_year'
  /** A day that does not exist (`2. 30.`) or a time past 23:59. */
  | 'impossible'
  /** The weekday in brackets is not the weekday of that date. */
  | 'wrong_weekday'
  /** The range ends before it starts. */
  | 'reversed'
  /** Not a form this parser knows. */
  | 'unreadable';

export type ScheduleDateResult = { ok: true; dates: ScheduleDates } | { ok: false; problem: DateProblem };

type MonthPart = 'whole' | 'early' | 'mid' | 'late';

type Point =
  | { kind: 'day'; year: number | null; month: number | null; day: number; weekday: string | null; time: string | null }
  | { kind: 'month'; year: number | null; month: number; part: MonthPart }
  /** A lone number: the month of `7~8월`'s start, or the day of `7. 6.~13.`'s end. */
  | { kind: 'bare'; year: number | null; n: number };

interface Span {
  start: IsoDay;
  end: IsoDay;
}

class Refusal {
  constructor(readonly problem: DateProblem) {}
}

// `(금).` with a stray dot also occurs in minutes (`2020. 7. 3.(금). 11:00~12:00`).
const WEEKDAY = String.raw`(?: ?\(([일월화수목금토])(?:요일)?\)\.?)?`;
const TIME = String.raw`(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?`;
const PART = String.raw`(?: ?(초순|상순|초|중순|하순|말|중))?`;

const DAY_PATTERNS: { pattern: RegExp; groups: [number | null, number, number, number, number] }[] = [
  // 2020-07-06, 2020/07/06, 2020.07.06, 2020.7.3. — one separator throughout
  { pattern: new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})\.?${WEEKDAY}${TIME}$`), groups: [1, 3, 4, 5, 6] },
  // 2020. 7. 3.(금)
  { pattern: new RegExp(String.raw`^(\d{4})\. ?(\d{1,2})\. ?(\d{1,2})\.?${WEEKDAY}${TIME}$`), groups: [1, 2, 3, 4, 5] },
  // 2020년 7월 6일, 7월 6일
  { pattern: new RegExp(String.raw`^(?:(\d{4}) ?년 ?)?(\d{1,2}) ?월 ?(\d{1,2}) ?일${WEEKDAY}${TIME}$`), groups: [1, 2, 3, 4, 5] },
  // 7. 6., 7.6
  { pattern: new RegExp(String.raw`^(\d{1,2})\. ?(\d{1,2})\.?${WEEKDAY}${TIME}$`), groups: [null, 1, 2, 3, 4] },
];

const DEADLINE_SUFFIX = / ?\(?(?:限|까지)\)?$/;
/** A time range closing one day: `2020. 7. 3.(금) 11:00~12:00`. */
const TIME_RANGE = / (\d{1,2}:\d{2})~(\d{1,2}):(\d{2})$/;

export function parseScheduleDate(input: string | null | undefined, defaultYear: number | null): ScheduleDateResult {
  try {
    return { ok: true, dates: parseOrRefuse(input ?? '', defaultYear) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problem: error.problem };
    throw error;
  }
}

function parseOrRefuse(input: string, defaultYear: number | null): ScheduleDates {
  let text = normalize(input);
  if (text === '') throw new Refusal('empty');
  let deadline = false;
  if (text.startsWith('~')) {
    deadline = true;
    text = text.slice(1).trim();
  }
  if (DEADLINE_SUFFIX.test(text)) {
    deadline = true;
    text = text.replace(DEADLINE_SUFFIX, '').trim();
  }
  if (text === '') throw new Refusal('unreadable');
  const timeRange = TIME_RANGE.exec(text);
  if (timeRange && !deadline) {
    const day = single(text.slice(0, timeRange.index) + ' ' + timeRange[1], defaultYear);
    const endTime = readTime(timeRange[2], timeRange[3], undefined) ?? '24:00';
    if (day.time === null || endTime <= day.time) throw new Refusal('reversed');
    return { start: day.start, end: day.end, time: day.time, endTime, deadline };
  }
  const parts = text.split('~').map((p) => p.trim());
  if (parts.length > 2 || parts.some((p) => p === '')) throw new Refusal('unreadable');
  if (parts.length === 2 && deadline) throw new Refusal('unreadable');
  const span = parts.length === 1 ? single(parts[0], defaultYear) : range(parts[0], parts[1], defaultYear);
  return { start: span.start, end: span.end, time: span.time, endTime: null, deadline };
}

function normalize(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[〜∼–—]/g, '~')
    .replace(/\s+/g, ' ')
    .replace(/ - /g, '~')
    .trim();
}

function single(text: string, defaultYear: number | null): Span & { time: string | null } {
  const point = parsePoint(text);
  if (point.kind === 'bare' || (point.kind === 'day' && point.month === null)) throw new Refusal('unreadable');
  const year = point.year ?? defaultYear;
  if (year === null) throw new Refusal('needs_year');
  return { ...resolve(point, year, null), time: point.kind === 'day' ? point.time : null };
}

function range(leftText: string, rightText: string, defaultYear: number | null): Span & { time: null } {
  let left = parsePoint(leftText);
  let right = parsePoint(rightText);
  if ((left.kind === 'day' && left.time !== null) || (right.kind === 'day' && right.time !== null)) throw new Refusal('unreadable');
  if (left.kind === 'bare' && right.kind === 'month') left = { kind: 'month', year: left.year ?? right.year, month: left.n, part: 'whole' };
  if (right.kind === 'bare' && left.kind === 'day') right = { kind: 'day', year: null, month: null, day: right.n, weekday: null, time: null };
  if (left.kind === 'bare' || right.kind === 'bare' || (left.kind === 'day' && left.month === null)) throw new Refusal('unreadable');
  if (right.kind === 'day' && right.month === null && left.kind !== 'day') throw new Refusal('unreadable');

  const leftYear = left.year ?? defaultYear ?? right.year;
  if (leftYear === null) throw new Refusal('needs_year');
  const contextMonth: number | null = left.month;
  const from = resolve(left, leftYear, null);
  let to = resolve(right, right.year ?? leftYear, contextMonth);
  const rightMonth = right.month;
  const crossesNewYear = right.year === null && rightMonth !== null && contextMonth !== null && rightMonth < contextMonth;
  if (crossesNewYear) to = resolve(right, leftYear + 1, contextMonth);
  if (to.end < from.start) throw new Refusal('reversed');
  return { start: from.start, end: to.end, time: null };
}

function parsePoint(text: string): Point {
  for (const { pattern, groups } of DAY_PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const [yearAt, monthAt, dayAt, weekdayAt, hourAt] = groups;
    return {
      kind: 'day',
      year: yearAt === null || m[yearAt] === undefined ? null : Number(m[yearAt]),
      month: Number(m[monthAt]),
      day: Number(m[dayAt]),
      weekday: m[weekdayAt] ?? null,
      time: readTime(m[hourAt], m[hourAt + 1], m[hourAt + 2]),
    };
  }
  const dayOnly = new RegExp(String.raw`^(\d{1,2})(?:\.| ?일)${WEEKDAY}$`).exec(text);
  if (dayOnly) return { kind: 'day', year: null, month: null, day: Number(dayOnly[1]), weekday: dayOnly[2] ?? null, time: null };
  const month = new RegExp(String.raw`^(?:(\d{4}) ?년 ?)?(\d{1,2}) ?월${PART}$`).exec(text) ?? new RegExp(String.raw`^(\d{4})[.-] ?(\d{1,2})\.?${PART}$`).exec(text);
  if (month) {
    return { kind: 'month', year: month[1] === undefined ? null : Number(month[1]), month: Number(month[2]), part: monthPart(month[3]) };
  }
  const bare = /^(?:(\d{4}) ?년 ?)?(\d{1,2})$/.exec(text);
  if (bare) return { kind: 'bare', year: bare[1] === undefined ? null : Number(bare[1]), n: Number(bare[2]) };
  throw new Refusal('unreadable');
}

function readTime(hourText: string | undefined, minuteText: string | undefined, secondText: string | undefined): string | null {
  if (hourText === undefined) return null;
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText ?? 0);
  if (hour > 23 || minute > 59 || second > 59) throw new Refusal('impossible');
  // A date cell comes through as midnight: that is a day, not an appointment at 00:00.
  if (hour === 0 && minute === 0 && second === 0) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

function monthPart(word: string | undefined): MonthPart {
  switch (word) {
    case '초':
    case '초순':
    case '상순':
      return 'early';
    case '중순':
      return 'mid';
    case '말':
    case '하순':
      return 'late';
    default:
      // No word, or 중 ("during the month").
      return 'whole';
  }
}

function resolve(point: Point, year: number, contextMonth: number | null): Span {
  if (point.kind === 'bare') throw new Refusal('unreadable');
  const month = point.kind === 'month' ? point.month : (point.month ?? contextMonth);
  if (month === null) throw new Refusal('unreadable');
  if (!isRealDay(year, month, 1)) throw new Refusal('impossible');
  if (point.kind === 'month') {
    const last = daysInMonth(year, month);
    const [first, final] = { whole: [1, last], early: [1, 10], mid: [11, 20], late: [21, last] }[point.part];
    return { start: isoDay(year, month, first), end: isoDay(year, month, final) };
  }
  if (!isRealDay(year, month, point.day)) throw new Refusal('impossible');
  const day = isoDay(year, month, point.day);
  if (point.weekday !== null && weekdayIndex(point.weekday) !== weekdayOf(day)) throw new Refusal('wrong_weekday');
  return { start: day, end: day };
}
