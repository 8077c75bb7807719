/**
 * `civic-sheets reminders <book.xlsx> [--today YYYY-MM-DD] [--ics out.ics] [--json]`: refresh the
 * 일정 tab's computed columns and the 알림 tab, list what is due and overdue, and optionally write
 * the schedule as an iCalendar file. Nothing is mailed from here: the CLI cannot send e-mail, so
 * it never marks a reminder sent.
 */
import { prepareAtomically, type PendingFile } from './atomicFile';
import * as path from 'node:path';
import { UserError } from '../core/errors';
import { isIsoDay } from '../core/schedule/calendarDays';
import type { RemindersJson } from '../workflows/api';
import type { HostContext } from '../workflows/context';
import { calendarIdFor, reminderCalendar, runReminders } from '../workflows/reminders';
import { renderTable } from './terminalTable';
import { openBook, type OpenBookOptions } from './openBook';
import { BALLOT_TAB_NAMES } from './xlsxWorkbook';

type Language = 'ko' | 'en';

export interface RemindersOptions {
  today?: string;
  ics?: string;
}

export interface RemindersRun {
  report: RemindersJson;
  /** Events written to the .ics file, when one was asked for. */
  icsEvents: number | null;
}

export async function runRemindersCommand(bookPath: string, options: RemindersOptions, ctx: HostContext, bookOptions: OpenBookOptions = {}): Promise<RemindersRun> {
  if (options.today !== undefined && !isIsoDay(options.today)) {
    throw new UserError('usage', `--today 는 YYYY-MM-DD 형식이어야 합니다 / --today must be YYYY-MM-DD (got '${options.today}')`);
  }
  const book = await openBook(bookPath, { ...bookOptions, unread: BALLOT_TAB_NAMES });
  const report = runReminders(book, ctx, { today: options.today });
  let icsEvents: number | null = null;
  if (options.ics !== undefined) {
    const text = reminderCalendar(book, ctx, { calendarId: calendarIdFor(book, ctx), title: `${path.basename(bookPath, path.extname(bookPath))} 일정` });
    icsEvents = (text.match(/^BEGIN:VEVENT\r?$/gm) ?? []).length;
    // The calendar and the workbook change together: both are written in full before either replaces its file.
    const calendar = await prepareAtomically(options.ics, (out) => out.write(text));
    let saved: PendingFile;
    try {
      saved = await book.prepareSave();
    } catch (error) {
      calendar.abort();
      throw error;
    }
    saved.commit();
    calendar.commit();
  } else await book.save();
  return { report, icsEvents };
}

const STATUS: Record<RemindersJson['milestones'][number]['status'], Record<Language, string>> = {
  planned: { ko: '예정', en: 'planned' },
  in_progress: { ko: '진행', en: 'in progress' },
  done: { ko: '완료', en: 'done' },
  overdue: { ko: '지연', en: 'overdue' },
  unparsed: { ko: '확인 필요', en: 'check dates' },
};

export function describeReminders(run: RemindersRun, icsPath: string | undefined, language: Language): string {
  const { report } = run;
  const ko = language === 'ko';
  const header = ko ? ['일정', '날짜', '시작', '끝', '상태'] : ['Milestone', 'As written', 'Start', 'End', 'Status'];
  const rows = report.milestones.map((m) => [
    m.name,
    m.text,
    m.start ?? '-',
    m.end ?? '-',
    STATUS[m.status][language] + (m.daysLate > 0 ? (ko ? ` ${m.daysLate}일` : ` ${m.daysLate} days`) : ''),
  ]);
  const lines = [ko ? `기준일 ${report.today}` : `as of ${report.today}`, renderTable(header, rows)];
  if (report.due.length === 0) lines.push(ko ? '보낼 알림 없음' : 'no reminders due');
  else {
    lines.push(ko ? `보낼 알림 ${report.due.length}건:` : `${report.due.length} reminders due:`);
    for (const d of report.due) lines.push(`  ${d.date}  ${d.to || (ko ? '(이메일 없음)' : '(no e-mail)')}  ${d.message}`);
  }
  lines.push(ko ? `알림 탭: ${report.reminders}행 (보냄 ${report.sent})` : `Reminders tab: ${report.reminders} rows (${report.sent} sent)`);
  if (icsPath !== undefined) lines.push(ko ? `캘린더: ${icsPath} (일정 ${run.icsEvents}건)` : `calendar: ${icsPath} (${run.icsEvents} events)`);
  return lines.join('\n');
}
