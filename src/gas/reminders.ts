/**
 * E-mail reminders in Apps Script: an opt-in daily time-driven trigger (at most one per document)
 * that mails what is due in 알림 with MailApp.
 *
 * - Opt-in: nothing is scheduled until someone turns it on from the sidebar; turning it on asks
 *   for the two extra scopes (script.scriptapp for the trigger, script.send_mail for MailApp)
 *   through ScriptApp.requireScopes, so people who never use it are never asked.
 * - One per document: the trigger's id is kept in the document properties. Installable triggers
 *   belong to one user and others cannot see them, so a second person is told it is already on;
 *   anyone may turn it off (the id is cleared), and a trigger whose id is no longer the
 *   document's deletes itself the next time it fires, without sending anything.
 * - Never twice: each run holds the document lock, counts the daily quota, and records a key as
 *   sent only after MailApp returned — in a journal (document properties) at once, in 알림 at
 *   the end; the journal is cleared only after 알림 is saved.
 */
import { UserError } from '../core/errors';
import { sendDueReminders, type Mailer, type SentJournal } from '../workflows/reminders';
import type { ReminderSendReport } from '../workflows/api';
import { gasContext, userLanguage } from './context';
import { texts, type Lang } from './i18n';
import { withDocumentLock } from './lock';
import { activeWorkbook } from './sheetsWorkbook';

export const REMINDER_HANDLER = 'remindersDaily';
export const REMINDER_SCOPES = ['https://www.googleapis.com/auth/script.scriptapp', 'https://www.googleapis.com/auth/script.send_mail'];
const SETTING_KEY = 'civic-sheets.reminders';
const JOURNAL_PREFIX = 'civic-sheets.reminders.sent.';
/** Around 08:00–09:00 Seoul time (Apps Script picks a minute within the hour). */
const SEND_HOUR = 8;
const LOCK_WAIT_MS = 30_000;

interface ReminderSetting {
  triggerId: string;
  /** Who turned it on, as far as Apps Script tells ('unknown' without the e-mail scope). */
  by: string;
  since: string;
}

/** JSON-safe: what the sidebar shows. */
export interface ReminderTriggerStatus {
  enabled: boolean;
  /** The trigger is this user's (only its owner's account sends the mail). */
  mine: boolean;
  by: string | null;
  since: string | null;
  hour: number;
}

function readSetting(props: GoogleAppsScript.Properties.Properties): ReminderSetting | null {
  const raw = props.getProperty(SETTING_KEY);
  if (raw === null) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<ReminderSetting>;
    return typeof parsed.triggerId === 'string' ? { triggerId: parsed.triggerId, by: String(parsed.by ?? ''), since: String(parsed.since ?? '') } : null;
  } catch {
    return null;
  }
}

/**
 * This user's reminder triggers of the project (getProjectTriggers, the documented listing), by
 * handler. The script is bound to one spreadsheet, so the project's triggers are this document's.
 */
function myReminderTriggers(): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === REMINDER_HANDLER);
}

/** This user's reminder triggers; none when the trigger scope was never granted (then none can exist). */
function triggersIfGranted(): GoogleAppsScript.Script.Trigger[] {
  try {
    return myReminderTriggers();
  } catch {
    return [];
  }
}

function statusOf(setting: ReminderSetting | null, mine: GoogleAppsScript.Script.Trigger[]): ReminderTriggerStatus {
  return {
    enabled: setting !== null,
    mine: setting !== null && mine.some((t) => t.getUniqueId() === setting.triggerId),
    by: setting?.by ?? null,
    since: setting?.since ?? null,
    hour: SEND_HOUR,
  };
}

/** Asks for the reminder scopes now (granular consent) instead of failing later inside the trigger. */
function requireReminderScopes(): void {
  if (typeof ScriptApp.requireScopes === 'function') ScriptApp.requireScopes(ScriptApp.AuthMode.FULL, REMINDER_SCOPES);
}

export function reminderTriggerStatus(): ReminderTriggerStatus {
  const setting = readSetting(PropertiesService.getDocumentProperties());
  return statusOf(setting, triggersIfGranted());
}

export function enableReminders(lang: Lang): ReminderTriggerStatus {
  requireReminderScopes();
  return withDocumentLock(lang, () => {
    const props = PropertiesService.getDocumentProperties();
    const setting = readSetting(props);
    const mine = myReminderTriggers();
    if (setting !== null && mine.some((t) => t.getUniqueId() === setting.triggerId)) return statusOf(setting, mine);
    if (setting !== null) throw new UserError('reminders_taken', texts(lang).remindersTaken(setting.by, setting.since));
    // Ours from an earlier setting that was cleared: reuse one, drop the rest, so there is only one.
    const trigger = mine[0] ?? ScriptApp.newTrigger(REMINDER_HANDLER).timeBased().everyDays(1).atHour(SEND_HOUR).inTimezone('Asia/Seoul').create();
    for (const extra of mine.slice(1)) ScriptApp.deleteTrigger(extra);
    const ctx = gasContext(lang);
    const next: ReminderSetting = { triggerId: trigger.getUniqueId(), by: ctx.actor, since: new Date(ctx.now()).toISOString().slice(0, 10) };
    props.setProperty(SETTING_KEY, JSON.stringify(next));
    return statusOf(next, [trigger]);
  });
}

export function disableReminders(lang: Lang): ReminderTriggerStatus {
  return withDocumentLock(lang, () => {
    const props = PropertiesService.getDocumentProperties();
    for (const t of triggersIfGranted()) ScriptApp.deleteTrigger(t);
    props.deleteProperty(SETTING_KEY);
    return statusOf(null, []);
  });
}

/** MailApp as the workflow's Mailer: plain-text mail, sent from the trigger owner's account. */
export function mailAppMailer(): Mailer {
  return {
    remainingQuota: () => MailApp.getRemainingDailyQuota(),
    send: (message) => {
      MailApp.sendEmail({ to: message.to, subject: message.subject, body: message.body, name: 'Civic Sheets' });
    },
  };
}

/** One document property per sent key: a single JSON value would outgrow the 9 KB limit on a busy day. */
export function propertiesJournal(props: GoogleAppsScript.Properties.Properties): SentJournal {
  return {
    entries: () => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(props.getProperties())) if (k.startsWith(JOURNAL_PREFIX)) out[k.slice(JOURNAL_PREFIX.length)] = v;
      return out;
    },
    add: (key, at) => {
      props.setProperty(JOURNAL_PREFIX + key, at);
    },
    clear: () => {
      for (const k of props.getKeys()) if (k.startsWith(JOURNAL_PREFIX)) props.deleteProperty(k);
    },
  };
}

export type DailyRun = { ran: true; report: ReminderSendReport } | { ran: false; reason: 'not_enabled' | 'stale_trigger' | 'busy' };

/**
 * The trigger's handler. A trigger that is not the document's registered one removes itself.
 * When another run holds the lock, this one leaves: that run sends, and its marks keep the next
 * run from sending again.
 */
export function runDailyReminders(event?: { triggerUid?: string }): DailyRun {
  const lang = userLanguage();
  const props = PropertiesService.getDocumentProperties();
  const setting = readSetting(props);
  const uid = event?.triggerUid;
  if (setting === null || (uid !== undefined && uid !== setting.triggerId)) {
    for (const t of myReminderTriggers()) if (uid === undefined || t.getUniqueId() === uid) ScriptApp.deleteTrigger(t);
    return { ran: false, reason: setting === null ? 'not_enabled' : 'stale_trigger' };
  }
  const lock = LockService.getDocumentLock();
  if (lock && !lock.tryLock(LOCK_WAIT_MS)) return { ran: false, reason: 'busy' };
  try {
    const journal = propertiesJournal(props);
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const report = sendDueReminders(activeWorkbook(), gasContext(lang), mailAppMailer(), journal, { documentUrl: spreadsheet.getUrl() });
    SpreadsheetApp.flush();
    // 알림 now holds every mark the journal held.
    journal.clear();
    return { ran: true, report };
  } finally {
    if (lock) lock.releaseLock();
  }
}
