/**
 * Sidebar RPC: what `google.script.run` may call. Arguments and results are JSON-safe; failures are
 * thrown as a plain Error whose message is readable by the user (the failure handler shows it).
 * The sidebar derives its client type from `ServerApi` below.
 */
import {
  importTable,
  initWorkbook,
  readStatus,
  reminderCalendar,
  runReminders,
  runTally,
  type RemindersJson,
  type ImportInput,
  type ImportReport,
  type InitReport,
  type StatusReport,
  type TallyJson,
} from '../workflows';
import { UserError } from '../core/errors';
import { gasContext, userLanguage } from './context';
import { userMessage } from './errors';
import { texts, type Lang } from './i18n';
import { withDocumentLock } from './lock';
import { disableReminders, enableReminders, reminderTriggerStatus, type ReminderTriggerStatus } from './reminders';
import { calendarIdFor } from '../workflows/reminders';
import { activeWorkbook } from './sheetsWorkbook';

function rpc<T>(fn: (lang: Lang) => T): T {
  const lang = userLanguage();
  try {
    return fn(lang);
  } catch (err) {
    // Deliberately no `cause`: only the readable message may cross to the page.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(userMessage(err, lang));
  }
}

/** The sidebar is our own page, but the payload still crosses a boundary: check its shape. */
function checkImportInput(input: unknown, lang: Lang): ImportInput {
  const i = input as Partial<ImportInput> | null;
  const ok =
    !!i &&
    typeof i.fileName === 'string' &&
    typeof i.encoding === 'string' &&
    (i.channel === undefined || i.channel === null || typeof i.channel === 'string') &&
    Array.isArray(i.rows) &&
    i.rows.every((row) => Array.isArray(row) && row.every((c) => typeof c === 'string'));
  if (!ok) throw new UserError('bad_rpc_input', texts(lang).badInput);
  const { fileName, rows, encoding, channel } = i as ImportInput;
  return channel ? { fileName, rows, encoding, channel } : { fileName, rows, encoding };
}

export function rpcStatus(): StatusReport {
  return rpc((lang) => readStatus(activeWorkbook(), gasContext(lang)));
}

export function rpcInit(): InitReport {
  return rpc((lang) => withDocumentLock(lang, () => initWorkbook(activeWorkbook(), gasContext(lang))));
}

export function rpcImport(input: ImportInput): ImportReport {
  return rpc((lang) => {
    const checked = checkImportInput(input, lang);
    return withDocumentLock(lang, () => importTable(activeWorkbook(), gasContext(lang), checked));
  });
}

export function rpcTally(): TallyJson {
  return rpc((lang) => withDocumentLock(lang, () => runTally(activeWorkbook(), gasContext(lang))));
}

/** Refreshes 일정's computed columns and 알림; returns milestones, overdue and what is due today. */
export function rpcReminders(): RemindersJson {
  return rpc((lang) => withDocumentLock(lang, () => runReminders(activeWorkbook(), gasContext(lang))));
}

/** The schedule as an .ics file's text, for the sidebar to download. */
export function rpcReminderCalendar(): { fileName: string; text: string } {
  return rpc((lang) =>
    withDocumentLock(lang, () => {
      const wb = activeWorkbook();
      const ctx = gasContext(lang);
      const title = SpreadsheetApp.getActiveSpreadsheet().getName();
      return { fileName: `${title.replace(/[\\/:*?"<>|]+/g, '_')}.ics`, text: reminderCalendar(wb, ctx, { calendarId: calendarIdFor(wb, ctx), title: `${title} 일정` }) };
    }),
  );
}

export function rpcReminderStatus(): ReminderTriggerStatus {
  return rpc(() => reminderTriggerStatus());
}

/** Turns the daily e-mail reminder on for this document (asks for the mail and trigger scopes). */
export function rpcEnableReminders(): ReminderTriggerStatus {
  return rpc((lang) => enableReminders(lang));
}

export function rpcDisableReminders(): ReminderTriggerStatus {
  return rpc((lang) => disableReminders(lang));
}

export const serverApi = { rpcStatus, rpcInit, rpcImport, rpcTally, rpcReminders, rpcReminderCalendar, rpcReminderStatus, rpcEnableReminders, rpcDisableReminders };
export type ServerApi = typeof serverApi;
