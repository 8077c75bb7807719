/**
 * Calendar days as ISO text (`2020-07-06`): a day on the Seoul calendar, with no time and no zone.
 * Arithmetic goes through a day number (days since 1970-01-01) computed with Date.UTC, which is
 * exact for the proleptic Gregorian calendar and independent of the host's time zone.
 */

const DAY_MS = 86_400_000;
const SEOUL_OFFSET_MS = 9 * 3_600_000;
const KOREAN_WEEKDAYS = '일월화수목금토';

export type IsoDay = string;

export function isRealDay(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDay(year: number, month: number, day: number): IsoDay {
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

export function dayNumber(day: IsoDay): number {
  const [y, m, d] = splitDay(day);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function dayFromNumber(n: number): IsoDay {
  const date = new Date(n * DAY_MS);
  return isoDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

export function addDays(day: IsoDay, days: number): IsoDay {
  return dayFromNumber(dayNumber(day) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDay, to: IsoDay): number {
  return dayNumber(to) - dayNumber(from);
}

export function splitDay(day: IsoDay): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`날짜 형식이 아닙니다: ${day} / Not an ISO day: ${day}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** True for text that is exactly a real `YYYY-MM-DD` day. */
export function isIsoDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match !== null && isRealDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: IsoDay): number {
  return (((dayNumber(day) + 4) % 7) + 7) % 7;
}

export function koreanWeekday(day: IsoDay): string {
  return KOREAN_WEEKDAYS[weekdayOf(day)];
}

/** The Korean weekday letter for a weekday name (`월` or `월요일`), or null. */
export function weekdayIndex(letter: string): number {
  return KOREAN_WEEKDAYS.indexOf(letter);
}

/** `2020. 8. 10.(월)`: the official style of Korean public documents. */
export function formatKoreanDay(day: IsoDay, withYear = true): string {
  const [y, m, d] = splitDay(day);
  return `${withYear ? `${y}. ` : ''}${m}. ${d}.(${koreanWeekday(day)})`;
}

/** The Seoul calendar day of an instant. */
export function seoulDay(ms: number): IsoDay {
  return dayFromNumber(Math.floor((ms + SEOUL_OFFSET_MS) / DAY_MS));
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
