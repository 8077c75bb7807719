/**
 * The reminder plan (알림): for each milestone, recipient and lead day, one reminder on a fixed
 * day. The plan depends only on the schedule, never on today, so regenerating it gives the same
 * rows with the same keys; what is due on a day is then a pure function of the plan, the keys
 * already sent, and that day.
 */
import { sha256Hex } from '../hash';
import { addDays, formatKoreanDay, type IsoDay } from './calendarDays';
import type { ScheduleDates } from './koreanDates';
import type { MilestoneStatus } from './milestones';

/** Lead days used when the cell is empty: a week before, three days before, the day before. */
export const DEFAULT_LEAD_DAYS: readonly number[] = [7, 3, 1];
const MAX_LEAD_DAYS = 366;

export interface PlannedMilestone {
  name: string;
  dates: ScheduleDates;
  status: MilestoneStatus;
  owner: string;
  /** E-mail addresses, already checked; empty when the row has none. */
  recipients: string[];
  leadDays: readonly number[];
}

export interface Reminder {
  /** Stable identity: milestone, reminder day and recipient. Survives regeneration. */
  key: string;
  date: IsoDay;
  milestone: string;
  owner: string;
  /** Recipient e-mail ('' when the milestone has none: the reminder is listed, not mailed). */
  to: string;
  leadDays: number;
  /** The day the reminder counts down to: the deadline, or the start of anything else. */
  anchor: IsoDay;
  message: string;
}

/**
 * `anchor` only tells apart milestones of one name whose reminders fall on the same day (a weekly
 * 운영협의회 회의): the first of them keeps the key without it, the key 알림 tabs already hold.
 */
export function reminderKey(milestone: string, date: IsoDay, to: string, anchor?: IsoDay): string {
  const occurrence = anchor === undefined ? '' : `\n${anchor}`;
  return sha256Hex(`${milestone.normalize('NFKC').trim()}\n${date}\n${to.trim().toLowerCase()}${occurrence}`).slice(0, 16);
}

/** `7,3,1`, `7일, 3일 전`, `D-7 D-1`, `0` (the day itself) → [7, 3, 1]; empty → the default; null if unreadable. */
export function parseLeadDays(text: string): number[] | null {
  const cleaned = text.normalize('NFKC').replace(/전/g, '').trim();
  if (cleaned === '') return [...DEFAULT_LEAD_DAYS];
  const parts = cleaned.split(/[,;/\s]+/).filter((p) => p !== '');
  const days: number[] = [];
  for (const part of parts) {
    const m = /^(?:D-)?(\d{1,3})(?:일)?$/i.exec(part);
    if (!m || Number(m[1]) > MAX_LEAD_DAYS) return null;
    days.push(Number(m[1]));
  }
  return [...new Set(days)].sort((a, b) => b - a);
}

const EMAIL = /^[^\s@,;<>()]+@[^\s@,;<>()]+\.[^\s@,;<>()]+$/;

/** Addresses separated by commas, semicolons or spaces; null when one of them is not an address. */
export function parseRecipients(text: string): string[] | null {
  const parts = text.normalize('NFKC').split(/[,;\s]+/).filter((p) => p !== '');
  if (parts.some((p) => !EMAIL.test(p))) return null;
  return [...new Set(parts.map((p) => p.toLowerCase()))];
}

export function planReminders(milestones: readonly PlannedMilestone[]): Reminder[] {
  const plan: Reminder[] = [];
  for (const m of milestones) {
    if (m.status === 'done') continue;
    const anchor = m.dates.deadline ? m.dates.end : m.dates.start;
    for (const lead of m.leadDays) {
      const date = addDays(anchor, -lead);
      for (const to of m.recipients.length > 0 ? m.recipients : ['']) {
        plan.push({ key: reminderKey(m.name, date, to), date, milestone: m.name, owner: m.owner, to, leadDays: lead, anchor, message: reminderMessage(m, lead) });
      }
    }
  }
  // Milestones of one name (a weekly meeting) can have reminders on the same day: each occurrence
  // keeps its own, the one counting down to the earliest day under the plain key, the others
  // under a key that adds their day. Sorting first makes that independent of row order. A row
  // written twice (same name and days) is reminded of once.
  plan.sort((a, b) => a.date.localeCompare(b.date) || a.milestone.localeCompare(b.milestone) || a.to.localeCompare(b.to) || a.anchor.localeCompare(b.anchor) || a.message.localeCompare(b.message));
  const firstOf = new Map<string, Reminder>();
  const keys = new Set<string>();
  const kept: Reminder[] = [];
  for (const r of plan) {
    const first = firstOf.get(r.key);
    if (first === undefined) firstOf.set(r.key, r);
    else if (first.anchor === r.anchor) continue;
    const key = first === undefined ? r.key : reminderKey(r.milestone, r.date, r.to, r.anchor);
    if (keys.has(key)) continue;
    keys.add(key);
    kept.push(key === r.key ? r : { ...r, key });
  }
  return kept;
}

/**
 * Reminders to send on `today`: not sent yet, their day has come, and the day they count down
 * to has not passed. When several of one milestone and recipient are pending (the sender did not
 * run for a few days), only the latest is due: one catch-up message, not three. Milestones of one
 * name counting down to different days are different milestones here.
 */
export function dueReminders(plan: readonly Reminder[], sent: ReadonlySet<string>, today: IsoDay): Reminder[] {
  const latest = new Map<string, Reminder>();
  for (const r of plan) {
    if (r.date > today || r.anchor < today) continue;
    const group = `${r.milestone}\n${r.anchor}\n${r.to}`;
    const current = latest.get(group);
    if (current === undefined || r.date > current.date) latest.set(group, r);
  }
  return [...latest.values()]
    .filter((r) => !sent.has(r.key))
    .sort((a, b) => a.date.localeCompare(b.date) || a.milestone.localeCompare(b.milestone) || a.to.localeCompare(b.to));
}

/**
 * The Korean reminder text, in the dates' official style. It names the dates, not "in 3 days",
 * so it stays true when a catch-up run sends it a day late.
 */
export function reminderMessage(m: Pick<PlannedMilestone, 'name' | 'dates'>, lead: number): string {
  const { dates } = m;
  const which = lead === 0 ? '당일 알림' : `${lead}일 전 알림`;
  if (dates.deadline) return `「${m.name}」 기한은 ${formatKoreanDay(dates.end)}입니다 (${which}).`;
  return `「${m.name}」 일정: ${describeDates(dates)} (${which}).`;
}

/** `2020. 7. 6.(월) ~ 7. 13.(월)`, `2020. 7. 3.(금) 11:00~12:00`: for cells and messages. */
export function describeDates(dates: ScheduleDates): string {
  if (dates.start === dates.end) {
    const day = formatKoreanDay(dates.start);
    if (dates.time === null) return day;
    return `${day} ${dates.time}${dates.endTime === null ? '' : `~${dates.endTime}`}`;
  }
  const sameYear = dates.start.slice(0, 4) === dates.end.slice(0, 4);
  return `${formatKoreanDay(dates.start)} ~ ${formatKoreanDay(dates.end, !sameYear)}`;
}
