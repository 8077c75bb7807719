/**
 * Timestamps as district staff see them: Asia/Seoul wall-clock time (KST, UTC+9), turned into
 * epoch milliseconds.
 *
 * Korea has had no daylight saving since 1988, so a fixed +9 hours is exact for any vote we
 * count, and no Intl/time-zone data is needed (Apps Script and the sidebar differ there).
 *
 * Text is read as Seoul local time unless it carries `Z`, `UTC`/`GMT`, or a numeric offset.
 * Accepted dates (4-digit year first; month/day may have 1 or 2 digits):
 *   2020-07-06   2020/07/06   2020.07.06   2020. 7. 6.   2020년 7월 6일
 * optionally followed by a weekday in brackets, `(월)` or `(월요일)`, which must match the date.
 * Accepted times (after a space, or `T` for numeric dates):
 *   09:15   9:15:30   09:15:30.123   오전 9:05   오후 3:15:00   3:15 PM   9시   9시 15분 30초
 * then optionally `Z`, `+09:00`, `+0900`, `+09`, `KST`, `UTC` or `GMT`.
 *
 * Anything else, including day-first or month-first dates (`07/06/2020`) and 2-digit years,
 * is refused (null) rather than guessed.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const SEOUL_OFFSET_MS = 9 * HOUR_MS;

/** Serial day 0 of Excel and Sheets is 1899-12-30; this is that day's distance from 1970-01-01. */
const SERIAL_EPOCH_DAYS = 25569;
/** 9999-12-31, the largest date Excel can hold. */
const LARGEST_SERIAL = 2958465;

const KOREAN_WEEKDAYS = '일월화수목금토';

interface ParsedMoment {
  ms: number;
  /** True when the input named a day but no time, so a window end can stretch to the day's end. */
  dateOnly: boolean;
}

/** Epoch ms for a Seoul timestamp, or null when the input is empty, impossible or ambiguous. */
export function parseSeoulTimestamp(input: string | number | null | undefined): number | null {
  return parseMoment(input)?.ms ?? null;
}

/**
 * A voting-window bound. A bare date as the end means the whole of that day is included
 * (23:59:59.999 Seoul). A whole-number serial counts as a bare date, because that is how
 * Sheets stores a date cell with no time.
 */
export function parseWindowBound(input: string | number | null | undefined, side: 'start' | 'end'): number | null {
  const moment = parseMoment(input);
  if (moment === null) return null;
  return side === 'end' && moment.dateOnly ? moment.ms + DAY_MS - 1 : moment.ms;
}

/** `2020-07-06 09:15:00` in Seoul time; milliseconds are dropped, not rounded. */
export function formatSeoulTimestamp(ms: number): string {
  // Ballots come in time order, often several in one second (about half the rows of a million-ballot
  // vote): those share one string, which a 투표 tab would otherwise hold once a row.
  const second = Math.floor(ms / 1000);
  if (second === lastSecond) return lastSecondText;
  const seoul = seoulFields(ms);
  // Joined, not a template: one flat string instead of a chain of pieces, and a 투표 tab keeps a
  // million of them.
  lastSecondText = [seoul.date, ' ', TWO_DIGITS[seoul.hours], ':', TWO_DIGITS[seoul.minutes], ':', TWO_DIGITS[seoul.seconds]].join('');
  lastSecond = second;
  return lastSecondText;
}

/** The second formatSeoulTimestamp last wrote, and its text. */
let lastSecond = NaN;
let lastSecondText = '';

/** `2020-07-06`: the Seoul calendar day. */
export function formatSeoulDate(ms: number): string {
  return seoulFields(ms).date;
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** The last Seoul day seoulFields named: a vote's ballots fall on a few days, a million times. */
let lastDay = NaN;
let lastDayText = '';

function seoulFields(ms: number): { date: string; hours: number; minutes: number; seconds: number } {
  if (!Number.isFinite(ms)) {
    throw new RangeError(`시각이 올바르지 않습니다: ${ms} / Not a valid time: ${ms}`);
  }
  // Shifting by +9h and reading UTC fields gives Seoul wall-clock fields on any host zone.
  const shiftedSeconds = Math.floor(ms / 1000) + SEOUL_OFFSET_MS / 1000;
  const day = Math.floor(shiftedSeconds / 86_400);
  if (day !== lastDay) {
    const shifted = new Date(day * DAY_MS);
    lastDayText = `${String(shifted.getUTCFullYear()).padStart(4, '0')}-${TWO_DIGITS[shifted.getUTCMonth() + 1]}-${TWO_DIGITS[shifted.getUTCDate()]}`;
    lastDay = day;
  }
  const inDay = shiftedSeconds - day * 86_400;
  return { date: lastDayText, hours: Math.floor(inDay / 3600), minutes: Math.floor(inDay / 60) % 60, seconds: inDay % 60 };
}

function parseMoment(input: string | number | null | undefined): ParsedMoment | null {
  if (input === null || input === undefined) return null;
  if (typeof input === 'number') return momentFromSerial(input);
  return canonicalMoment(input) ?? momentFromText(input.normalize('NFKC').replace(/\s+/g, ' ').trim());
}

/**
 * `2020-07-06 09:15:22`, the form the 투표 tab holds and most exports write, read without the
 * general parser's normalising and pattern search (it runs twice per ballot, a million times on a
 * large vote), and without a pattern match either: digit by digit. Anything else, or an
 * impossible value, is left to the general parser, which gives the same answer for this form.
 */
function canonicalMoment(text: string): ParsedMoment | null {
  if (text.length !== 19 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH || text.charCodeAt(10) !== SPACE || text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return null;
  if (hour > 23 || minute > 59 || second > 59 || !isRealDate(year, month, day)) return null;
  return { ms: utcDayMs(year, month, day) + hour * HOUR_MS + minute * MINUTE_MS + second * 1000 - SEOUL_OFFSET_MS, dateOnly: false };
}

const DASH = 0x2d;
const SPACE = 0x20;
const COLON = 0x3a;

/** The ASCII digits of text[from, from + count) as a number, or −1 if any is not one. */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** The last calendar day utcDayMs was asked for. */
let lastDayKey = -1;
let lastDayMs = 0;

/** Date.UTC of a day, remembered for the next ballot (most fall on the same day as the last). */
function utcDayMs(year: number, month: number, day: number): number {
  const key = (year * 100 + month) * 100 + day;
  if (key !== lastDayKey) {
    lastDayMs = Date.UTC(year, month - 1, day);
    lastDayKey = key;
  }
  return lastDayMs;
}

/** A spreadsheet serial date: days since 1899-12-30, the fraction is the time of day in Seoul. */
function momentFromSerial(serial: number): ParsedMoment | null {
  // Below 1 is a bare time of day (1899-12-30), not a moment a vote could have been cast.
  if (!Number.isFinite(serial) || serial < 1 || serial >= LARGEST_SERIAL + 1) return null;
  // Round to the millisecond: a serial fraction like 9:15 is not exact in binary.
  const localMs = Math.round((serial - SERIAL_EPOCH_DAYS) * DAY_MS);
  return { ms: localMs - SEOUL_OFFSET_MS, dateOnly: Number.isInteger(serial) };
}

const DATE_PATTERNS: { pattern: RegExp; numeric: boolean }[] = [
  // 2020-07-06, 2020/07/06, 2020.07.06: one separator used throughout.
  { pattern: /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})/, numeric: true },
  // 2020. 7. 6. as Korean Windows and Sheets print dates: dots with spaces, maybe a final dot.
  { pattern: /^(\d{4})(\.) ?(\d{1,2})\. ?(\d{1,2})\.?/, numeric: false },
  { pattern: /^(\d{4}) ?()년 ?(\d{1,2}) ?월 ?(\d{1,2}) ?일/, numeric: false },
];

function momentFromText(text: string): ParsedMoment | null {
  if (text === '') return null;
  for (const { pattern, numeric } of DATE_PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const year = Number(match[1]);
    const month = Number(match[3]);
    const day = Number(match[4]);
    if (!isRealDate(year, month, day)) return null;
    const afterDate = readWeekday(text.slice(match[0].length), year, month, day);
    if (afterDate === null) return null;
    // `2020.07.06.` fits the first pattern up to the last dot only; let the next one try.
    const moment = momentFromDateAndRest(year, month, day, afterDate, numeric);
    if (moment !== null) return moment;
  }
  return null;
}

/** Skips a `(월)` / `(월요일)` weekday if present; null when it names the wrong day. */
function readWeekday(rest: string, year: number, month: number, day: number): string | null {
  const match = /^ ?\(([일월화수목금토])(?:요일)?\)/.exec(rest);
  if (!match) return rest;
  const actual = KOREAN_WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  return match[1] === actual ? rest.slice(match[0].length) : null;
}

function momentFromDateAndRest(
  year: number,
  month: number,
  day: number,
  rest: string,
  allowT: boolean,
): ParsedMoment | null {
  const dayStartUtc = Date.UTC(year, month - 1, day);
  if (rest === '') return { ms: dayStartUtc - SEOUL_OFFSET_MS, dateOnly: true };

  const separator = allowT ? /^(?:T| )/ : /^ /;
  if (!separator.test(rest)) return null;
  const time = readTime(rest.slice(1).trim());
  if (time === null) return null;
  const offsetMs = readOffset(time.rest);
  if (offsetMs === null) return null;
  return { ms: dayStartUtc + time.ms - offsetMs, dateOnly: false };
}

const TIME_PATTERNS: RegExp[] = [
  // 오후 3:15:00, 9:15, 09:15:30.123, 3:15 PM
  /^(?:(오전|오후) ?)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?: ?(AM|PM|am|pm))?/,
  // 오후 3시 15분 30초, 9시
  /^(?:(오전|오후) ?)?(\d{1,2}) ?시(?: ?(\d{1,2}) ?분)?(?: ?(\d{1,2}) ?초)?()()/,
];

function readTime(text: string): { ms: number; rest: string } | null {
  for (const pattern of TIME_PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const [whole, koreanHalf, hourText, minuteText, secondText, fractionText, englishHalf] = match;
    if (koreanHalf && englishHalf) return null;
    const hour = toDayHour(Number(hourText), koreanHalf ?? englishHalf);
    const minute = Number(minuteText ?? 0);
    const second = Number(secondText ?? 0);
    if (hour === null || minute > 59 || second > 59) return null;
    const millis = fractionText ? Number(fractionText.slice(0, 3).padEnd(3, '0')) : 0;
    return { ms: hour * HOUR_MS + minute * MINUTE_MS + second * 1000 + millis, rest: text.slice(whole.length) };
  }
  return null;
}

/**
 * 0–23 from a clock hour. With 오전/오후 (AM/PM) the hour is 0–12: Korean Excel writes
 * midnight as `오전 12:00` and some systems as `오전 0:00`; both mean the same.
 */
function toDayHour(hour: number, half: string | undefined): number | null {
  if (half === undefined || half === '') return hour <= 23 ? hour : null;
  if (hour > 12) return null;
  const afternoon = half === '오후' || half.toUpperCase() === 'PM';
  return (hour % 12) + (afternoon ? 12 : 0);
}

/** Offset of the written time from UTC in ms; Seoul when no zone is written; null if unreadable. */
function readOffset(text: string): number | null {
  const zone = text.trim();
  if (zone === '' || zone === 'KST') return SEOUL_OFFSET_MS;
  if (zone === 'Z' || zone === 'UTC' || zone === 'GMT') return 0;
  const match = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(zone);
  if (!match) return null;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? 0);
  if (hours > 14 || minutes > 59) return null;
  return (match[1] === '-' ? -1 : 1) * (hours * HOUR_MS + minutes * MINUTE_MS);
}

function isRealDate(year: number, month: number, day: number): boolean {
  // Date.UTC reads years 0–99 as 1900–1999, and no vote predates the year 1000 anyway.
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the proleptic Gregorian calendar, as Date.UTC counts them. */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return leap ? 29 : 28;
}

