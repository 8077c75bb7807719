/**
 * The schedule as an iCalendar file (RFC 5545), built with ical-generator: one event per
 * milestone — all-day over its days, or timed when a time was written — with a display alarm
 * per lead day, in the Asia/Seoul zone. UIDs come from the document and the milestone name, so
 * importing the file again updates the events instead of adding copies.
 *
 * ical-generator is plain JavaScript with no Node API; it only calls the Web Crypto
 * `crypto.randomUUID()` for a default event id (which we replace), and src/gas/polyfills.ts
 * provides that in Apps Script.
 */
import ical, { ICalAlarmRelatesTo, ICalAlarmType, ICalCalendarMethod } from 'ical-generator';
import { sha256Hex } from '../hash';
import { addDays, splitDay } from './calendarDays';
import type { ScheduleDates } from './koreanDates';
import type { MilestoneStatus } from './milestones';
import { describeDates } from './reminders';

export const SEOUL_ZONE = 'Asia/Seoul';

/** Alarms of all-day events ring at 09:00 Seoul time on their day. */
const ALARM_HOUR = 9;
const DAY_S = 86_400;
const HOUR_S = 3_600;

/**
 * Korea has kept UTC+9 with no daylight saving since 1988, so one STANDARD block describes every
 * date a schedule can hold; a full time-zone database (as @touch4it/ical-timezones ships) would
 * add hundreds of kilobytes to the Apps Script bundle for this one constant.
 */
function seoulVtimezone(zone: string): string | null {
  if (zone !== SEOUL_ZONE) return null;
  return ['BEGIN:VTIMEZONE', `TZID:${SEOUL_ZONE}`, `X-LIC-LOCATION:${SEOUL_ZONE}`, 'BEGIN:STANDARD', 'TZOFFSETFROM:+0900', 'TZOFFSETTO:+0900', 'TZNAME:KST', 'DTSTART:19700101T000000', 'END:STANDARD', 'END:VTIMEZONE'].join('\r\n');
}

export interface CalendarMilestone {
  name: string;
  dates: ScheduleDates;
  status: MilestoneStatus;
  owner: string;
  leadDays: readonly number[];
}

export interface CalendarOptions {
  /** What makes UIDs unique to this schedule: the spreadsheet id, or the workbook's file name. */
  calendarId: string;
  /** Calendar title (X-WR-CALNAME). */
  title: string;
  /** DTSTAMP, epoch ms. */
  now: number;
}

/** `occurrence` (its days) only for a second milestone of the same name: see milestoneUids. */
export function milestoneUid(calendarId: string, name: string, occurrence?: string): string {
  const suffix = occurrence === undefined ? '' : `\n${occurrence}`;
  return `${sha256Hex(`${calendarId}\n${name.normalize('NFKC').trim()}${suffix}`).slice(0, 32)}@civic-sheets`;
}

/**
 * One UID per event. Milestones of one name (a monthly meeting) are different events: the earliest
 * keeps the UID made from the name alone (what calendars that imported the file already hold),
 * the others add their days. The same name on the same days is the same event.
 */
export function milestoneUids(milestones: readonly Pick<CalendarMilestone, 'name' | 'dates'>[], calendarId: string): string[] {
  const daysOf = (m: Pick<CalendarMilestone, 'dates'>): string => `${m.dates.start} ${m.dates.time ?? ''}~${m.dates.end} ${m.dates.endTime ?? ''}`;
  const earliest = new Map<string, string>();
  for (const m of milestones) {
    const name = m.name.normalize('NFKC').trim();
    const known = earliest.get(name);
    if (known === undefined || daysOf(m) < known) earliest.set(name, daysOf(m));
  }
  return milestones.map((m) => {
    const days = daysOf(m);
    return milestoneUid(calendarId, m.name, days === earliest.get(m.name.normalize('NFKC').trim()) ? undefined : days);
  });
}

/**
 * With a zone set, ical-generator writes a Date's local wall-clock fields after TZID, so each
 * Date is built from Seoul fields with the local constructor: right on any host zone.
 */
function wallClock(day: string, time: string | null): Date {
  const [y, m, d] = splitDay(day);
  const [hh, mm] = time === null ? [0, 0] : time.split(':').map(Number);
  return new Date(y, m - 1, d, hh, mm);
}

export function scheduleCalendar(milestones: readonly CalendarMilestone[], options: CalendarOptions): string {
  const calendar = ical({
    name: options.title,
    prodId: { company: 'Civic Sheets', product: 'schedule', language: 'KO' },
    method: ICalCalendarMethod.PUBLISH,
    // The zone goes on each event, not the calendar: with a calendar zone ical-generator writes
    // DTSTAMP in local time, where RFC 5545 requires UTC. The generator still adds VTIMEZONE.
    timezone: { name: null, generator: seoulVtimezone },
    x: [['X-WR-TIMEZONE', SEOUL_ZONE]],
  });
  const uids = milestoneUids(milestones, options.calendarId);
  const made = new Set<string>();
  milestones.forEach((m, index) => {
    // A row written twice is one event: a calendar keeps one event per UID anyway.
    if (made.has(uids[index])) return;
    made.add(uids[index]);
    const { dates } = m;
    const timed = dates.time !== null;
    const start = wallClock(dates.start, dates.time);
    const end = timed
      ? dates.endTime !== null
        ? wallClock(dates.end, dates.endTime)
        : new Date(start.getTime() + HOUR_S * 1000)
      : wallClock(addDays(dates.end, 1), null); // DTEND of an all-day event is the day after
    const event = calendar.createEvent({
      id: uids[index],
      start,
      end,
      allDay: !timed,
      timezone: SEOUL_ZONE,
      stamp: new Date(options.now),
      summary: dates.deadline ? `${m.name} (기한)` : m.name,
      description: [describeDates(dates) + (dates.deadline ? '까지' : ''), m.owner ? `담당: ${m.owner}` : ''].filter((l) => l !== '').join('\n'),
    });
    for (const lead of m.leadDays) {
      // Seconds before the start (timed), or before 09:00 of the first (or deadline) day.
      const before = timed ? (lead === 0 ? HOUR_S : lead * DAY_S) : lead * DAY_S - ALARM_HOUR * HOUR_S;
      // Relative to DTEND (midnight after the deadline day) for all-day deadlines: one more day back.
      const atEnd = dates.deadline && !timed;
      const alarm = event.createAlarm({ type: ICalAlarmType.display, trigger: atEnd ? before + DAY_S : before, description: `${m.name}: ${lead === 0 ? '당일' : `${lead}일 전`}` });
      // Always say which end: ical-generator otherwise reads an alarm after the start as RELATED=END.
      alarm.relatesTo(atEnd ? ICalAlarmRelatesTo.end : ICalAlarmRelatesTo.start);
    }
  });
  return calendar.toString();
}
