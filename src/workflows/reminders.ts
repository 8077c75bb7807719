/**
 * Schedule and reminders over a Workbook: read 일정, write back what each row's dates were read
 * as (읽은 날짜, 상태, 지연 일수), regenerate 알림 keeping its sent marks, and — in the e-mail
 * sender — mail what is due, marking only what was actually sent.
 */
import { formatSeoulTimestamp } from '../core/datetime';
import { seoulDay, type IsoDay } from '../core/schedule/calendarDays';
import { scheduleCalendar } from '../core/schedule/calendar';
import { dueReminders, planReminders, type PlannedMilestone, type Reminder } from '../core/schedule/reminders';
import { TABS } from '../sheets/schema';
import { interpretMilestone, readScheduleSheet, scheduleOutputs, type Milestone, type ScheduleSheet } from '../sheets/schedule';
import { isSentMark, readReminderSheet, reminderGrid, sentKeys, type ReminderSheet } from '../sheets/reminderTab';
import type { DueReminderJson, MilestoneJson, ReminderSendReport, RemindersJson, ScheduleStatus } from './api';
import { appendAudit } from './audit';
import type { HostContext } from './context';
import { readTab, requireTable, tabNameFor } from './tabs';
import type { Cell, Grid, Workbook } from './workbook';

export interface ScheduleState {
  today: IsoDay;
  scheduleTab: string;
  sheet: ScheduleSheet;
  milestones: Milestone[];
  plan: Reminder[];
  reminderTab: string;
  reminders: ReminderSheet;
}

export function loadSchedule(wb: Workbook, ctx: HostContext, today?: IsoDay): ScheduleState {
  const day = today ?? seoulDay(ctx.now());
  const tab = readTab(wb, 'schedule');
  if (tab === null) requireTable(wb, 'schedule'); // throws the usual "run init" error
  const { name: scheduleTab, grid } = tab as NonNullable<typeof tab>;
  const sheet = readScheduleSheet(grid, scheduleTab);
  const milestones = sheet.rows.map((row) => interpretMilestone(row, sheet.year, day));
  const plannable: PlannedMilestone[] = [];
  for (const m of milestones) {
    if (m.dates === null || m.row.name === '') continue;
    plannable.push({ name: m.row.name, dates: m.dates, status: m.status, owner: m.row.owner, recipients: m.recipients, leadDays: m.leadDays });
  }
  const remindersTab = readTab(wb, 'reminders');
  const reminderTab = remindersTab?.name ?? tabNameFor(wb, TABS.reminders, ctx.language);
  const reminders = readReminderSheet(remindersTab?.grid ?? null, reminderTab);
  return { today: day, scheduleTab, sheet, milestones, plan: planReminders(plannable), reminderTab, reminders };
}

/** Writes 일정's computed columns (one block per column) and the whole 알림 tab (one write); returns 알림. */
export function writeSchedule(wb: Workbook, ctx: HostContext, state: ScheduleState, sentNow: ReadonlyMap<string, string> = new Map()): Grid {
  const { sheet } = state;
  const byRow = new Map(state.milestones.map((m) => [m.row.rowNumber, scheduleOutputs(m, ctx.language)]));
  const lastRow = Math.max(sheet.headerIndex + 1, ...state.milestones.map((m) => m.row.rowNumber));
  let nextFree = sheet.header.length;
  for (const key of ['parsed', 'status', 'daysLate'] as const) {
    const spec = TABS.schedule.columns.find((c) => c.key === key);
    if (spec === undefined) continue;
    const at = sheet.columns.get(key) ?? nextFree++;
    const block: Cell[][] = [[sheet.header[at] || (ctx.language === 'ko' ? spec.ko : spec.en)]];
    for (let rowNumber = sheet.headerIndex + 2; rowNumber <= lastRow; rowNumber++) block.push([byRow.get(rowNumber)?.[key] ?? null]);
    wb.writeRange(state.scheduleTab, sheet.headerIndex + 1, at + 1, block);
  }
  const reminders = reminderGrid(state.plan, state.reminders, sentNow, ctx.language);
  wb.writeTab(state.reminderTab, reminders, { frozenRows: 1, boldRows: [1] });
  return reminders;
}

export function milestoneJson(m: Milestone): MilestoneJson {
  return { name: m.row.name, text: m.text, start: m.dates?.start ?? null, end: m.dates?.end ?? null, status: m.status, daysLate: m.daysLate };
}

export function dueJson(r: Reminder): DueReminderJson {
  return { date: r.date, milestone: r.milestone, to: r.to, message: r.message };
}

/** The `reminders` command and sidebar action: refresh 일정 and 알림, report what is due and late. */
export function runReminders(wb: Workbook, ctx: HostContext, options: { today?: IsoDay } = {}): RemindersJson {
  const state = loadSchedule(wb, ctx, options.today);
  const rows = writeSchedule(wb, ctx, state).slice(1);
  const sentColumn = TABS.reminders.columns.findIndex((c) => c.key === 'sent');
  return {
    today: state.today,
    milestones: state.milestones.map(milestoneJson),
    due: dueReminders(state.plan, sentKeys(state.reminders), state.today).map(dueJson),
    reminders: rows.length,
    sent: rows.filter((row) => isSentMark(row[sentColumn])).length,
  };
}

/** The host's mail service (MailApp in Apps Script). */
export interface Mailer {
  /** Recipients the account may still mail today. */
  remainingQuota(): number;
  /** Sends one message; throws when it was not sent. */
  send(message: { to: string; subject: string; body: string }): void;
}

/**
 * Keys sent but possibly not yet marked in 알림: written right after each send, cleared once the
 * tab holding the marks is saved, so a run that dies in between cannot make the next one resend.
 */
export interface SentJournal {
  entries(): Record<string, string>;
  add(key: string, at: string): void;
  clear(): void;
}

export function reminderMail(r: Reminder, documentUrl: string | null): { to: string; subject: string; body: string } {
  const lines = [r.message, '', `일정: ${r.milestone}`, r.owner ? `담당: ${r.owner}` : '', documentUrl ? `문서: ${documentUrl}` : '', '', 'Civic Sheets 일정 알림입니다. 알림을 끄려면 사이드바에서 이메일 알림을 끄세요.'];
  return { to: r.to, subject: `[일정 알림] ${r.milestone}`, body: lines.filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== '')).join('\n') };
}

/**
 * Mails what is due today. The caller holds the document lock. A reminder counts as sent only
 * after `send` returned; it goes into the journal at once and into 알림 at the end. The run stops
 * at the first failed send or when the daily quota is used up; what was not sent stays unmarked
 * and is due again on the next run (as long as its day has not passed).
 */
export function sendDueReminders(
  wb: Workbook,
  ctx: HostContext,
  mailer: Mailer,
  journal: SentJournal,
  options: { today?: IsoDay; documentUrl?: string | null } = {},
): ReminderSendReport {
  const state = loadSchedule(wb, ctx, options.today);
  const sentNow = new Map<string, string>(Object.entries(journal.entries()));
  const sent = new Set([...sentKeys(state.reminders), ...sentNow.keys()]);
  const due = dueReminders(state.plan, sent, state.today);
  const report: ReminderSendReport = { today: state.today, sent: [], skipped: { noAddress: 0, quota: 0 }, failed: null };
  let quota = mailer.remainingQuota();
  for (const r of due) {
    if (r.to === '') {
      report.skipped.noAddress++;
      continue;
    }
    if (quota < 1 || report.failed !== null) {
      if (report.failed === null) report.skipped.quota++;
      continue;
    }
    try {
      mailer.send(reminderMail(r, options.documentUrl ?? null));
    } catch (error) {
      report.failed = { milestone: r.milestone, to: r.to, error: error instanceof Error ? error.message : String(error) };
      continue;
    }
    quota--;
    const at = formatSeoulTimestamp(ctx.now());
    journal.add(r.key, at);
    sentNow.set(r.key, at);
    report.sent.push(dueJson(r));
  }
  writeSchedule(wb, ctx, state, sentNow);
  if (report.sent.length > 0 || report.failed !== null) {
    const detail = `${report.sent.length}건 보냄 / sent` + (report.failed ? `; 실패 / failed: ${report.failed.to} (${report.failed.error})` : '') + (report.skipped.quota ? `; 한도 초과 / over quota: ${report.skipped.quota}` : '');
    appendAudit(wb, ctx, readTab(wb, 'audit'), { what: 'reminders', detail, input: '', settings: '', result: report.sent.map((s) => s.to).join(', ') });
  }
  return report;
}

/** 일정 at a glance for the sidebar; null when there is no readable 일정 tab. */
export function scheduleStatus(wb: Workbook, ctx: HostContext): ScheduleStatus | null {
  if (readTab(wb, 'schedule') === null) return null;
  let state: ScheduleState;
  try {
    state = loadSchedule(wb, ctx);
  } catch {
    return null;
  }
  return {
    milestones: state.milestones.length,
    overdue: state.milestones.filter((m) => m.status === 'overdue' && m.dates !== null).map((m) => ({ name: m.row.name, end: m.dates?.end ?? '', daysLate: m.daysLate })),
    unparsed: state.milestones.filter((m) => m.status === 'unparsed').length,
    dueToday: dueReminders(state.plan, sentKeys(state.reminders), state.today).length,
  };
}

const CALENDAR_ID_SECRET = 'civic-sheets.calendar-id';

/**
 * A random id kept with the document (like the voter-key salt), so the calendar's UIDs stay the
 * same when the file is renamed or copied elsewhere, and differ between documents.
 */
export function calendarIdFor(wb: Workbook, ctx: HostContext): string {
  let id = wb.getSecret(CALENDAR_ID_SECRET);
  if (id === null || id === '') {
    id = ctx.randomSecret().slice(0, 32);
    wb.setSecret(CALENDAR_ID_SECRET, id);
  }
  return id;
}

/**
 * The schedule as iCalendar text: every milestone whose dates could be read (완료 ones too: they
 * happened). `calendarId` keeps UIDs stable per document: the spreadsheet id, or the file name.
 */
export function reminderCalendar(wb: Workbook, ctx: HostContext, options: { calendarId: string; title: string }): string {
  const state = loadSchedule(wb, ctx);
  const milestones = state.milestones.flatMap((m) =>
    m.dates === null || m.row.name === '' ? [] : [{ name: m.row.name, dates: m.dates, status: m.status, owner: m.row.owner, leadDays: m.leadDays }],
  );
  return scheduleCalendar(milestones, { calendarId: options.calendarId, title: options.title, now: ctx.now() });
}
