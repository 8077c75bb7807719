/**
 * Sidebar RPC: what `google.script.run` may call. Each function is a thin wrapper over
 * src/workflows/sidebarApi.ts (host-free, so the browser tests run the same code in Node): it takes
 * the document lock for writes and turns failures into a plain Error whose message is readable by
 * the user (the failure handler shows it). Arguments and results are JSON-safe. The sidebar derives
 * its client type from `ServerApi` below.
 */
import type { ImportInput, ImportReport, InitReport, StatusReport, TallyJson } from '../workflows';
import type { HostContext } from '../workflows/context';
import {
  sidebarHandlers as handlers,
  type CancelStep,
  type ImportBeginInput,
  type ImportBeginReply,
  type ImportChunkInput,
  type JobProgress,
  type JobStep,
  type OpenJobStep,
  type SettingsForm,
  type SettingsFormInput,
  type WorkbookCompareJson,
} from '../workflows/sidebarApi';
import type { Workbook } from '../workflows/workbook';
import { checkPlans, importTable, reminderCalendar, runReminders, type PlanReviewJson, type RemindersJson } from '../workflows';
import { refuseWhileOtherJob, runJobStep } from '../workflows/jobs/engine';
import { checkImportInput } from '../workflows/sidebarApi';
import { fingerprintTable } from '../sheets/fingerprint';
import { gasContext, userLanguage } from './context';
import { userMessage } from './errors';
import type { Lang } from './i18n';
import { withDocumentLock, type LockAction } from './lock';
import { scheduleJobContinuation } from './jobTrigger';
import { disableReminders, enableReminders, reminderTriggerStatus, type ReminderTriggerStatus } from './reminders';
import { calendarIdFor } from '../workflows/reminders';
import { activeWorkbook } from './sheetsWorkbook';
import { refuseOverCellBudget } from './cellBudget';
import { findAudit } from '../workflows/audit';
import { readTab } from '../workflows/tabs';

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

/** A read: no lock, so the sidebar's status never waits behind someone's import. */
function read<T>(fn: (wb: Workbook, ctx: HostContext) => T): T {
  return rpc((lang) => fn(activeWorkbook(), gasContext(lang)));
}

/** A write, under the document lock. */
function write<T>(fn: (wb: Workbook, ctx: HostContext) => T, what: LockAction = 'write'): T {
  return rpc((lang) => withDocumentLock(lang, () => fn(activeWorkbook(), gasContext(lang)), what));
}

/** A job step that ended with work left also asks a one-off trigger to go on, in case the sidebar closes. */
function backstop<T extends { done: boolean } | OpenJobStep>(step: T): T {
  const open = 'kind' in step ? step.kind !== null && !step.step.done : !step.done;
  if (open) scheduleJobContinuation();
  return step;
}

export function rpcStatus(): StatusReport {
  return read((wb, ctx) => handlers.status(wb, ctx));
}

export function rpcInit(): InitReport {
  return write((wb, ctx) => handlers.init(wb, ctx), 'init');
}

/** The rows of a table after its header: what an import may add to 투표 or 제외. */
const ballotRows = (rows: number): number => Math.max(0, rows - 1);

/**
 * The whole table in one call, written as a job (src/workflows/jobs/engine.ts) whose id is the
 * table's fingerprint: Apps Script may stop an execution between the writes to 투표, 제외 and 이력
 * (a service timing out, the time limit), and the same call made again then continues the open job
 * instead of finding half an import. Nothing else may start meanwhile, as for an upload.
 */
export function rpcImport(input: ImportInput): ImportReport {
  return rpc((lang) =>
    withDocumentLock(lang, () => {
      const wb = activeWorkbook();
      const ctx = gasContext(lang);
      const checked = checkImportInput(input, ctx);
      refuseOverCellBudget(wb, ballotRows(checked.rows.length));
      const id = `table-${fingerprintTable(checked.rows).slice(0, 16)}`;
      refuseWhileOtherJob(wb, ctx, 'import', id);
      const step = runJobStep(wb, ctx, { kind: 'import', id, undoable: true, plan: (w) => importTable(w, ctx, checked) }, Number.POSITIVE_INFINITY);
      if (!step.done) throw new Error('an unbudgeted import stopped early');
      return step.result;
    }, 'import'),
  );
}

/** Refused at once when the spreadsheet has no room for the file's rows (Sheets' 10M-cell cap). */
export function rpcImportBegin(input: ImportBeginInput): ImportBeginReply {
  return rpc((lang) =>
    withDocumentLock(lang, () => {
      const wb = activeWorkbook();
      // A file imported before is answered as such (nothing is staged), however full the spreadsheet.
      if (!findAudit(readTab(wb, 'audit'), 'import', input.fingerprint)) refuseOverCellBudget(wb, ballotRows(input.rowCount));
      return handlers.importBegin(wb, gasContext(lang), input);
    }, 'import'),
  );
}

export function rpcImportChunk(input: ImportChunkInput): { index: number; rows: number } {
  return write((wb, ctx) => handlers.importChunk(wb, ctx, input), 'import');
}

export function rpcImportFinish(importId: string, chunks: number): ImportReport {
  return write((wb, ctx) => handlers.importFinish(wb, ctx, importId, chunks), 'import');
}

export function rpcImportCancel(importId: string): { cancelled: boolean } {
  return write((wb, ctx) => handlers.importCancel(wb, ctx, importId), 'import');
}

export function rpcTally(): TallyJson {
  return write((wb, ctx) => handlers.tally(wb, ctx), 'tally');
}

/** Counting an upload in steps: call again with the same arguments until `done` (progress in between). */
export function rpcImportFinishStep(importId: string, chunks: number): JobStep<ImportReport> {
  return backstop(write((wb, ctx) => handlers.importFinishStep(wb, ctx, importId, chunks), 'import'));
}

/** A tally in steps: starts one or continues the open one; call rpcJobContinue until `done`. */
export function rpcTallyStep(): JobStep<TallyJson> {
  return backstop(write((wb, ctx) => handlers.tallyStep(wb, ctx), 'tally'));
}

/** Continues the open import or tally, whoever started it (`kind: null` when none is open). */
export function rpcJobContinue(): OpenJobStep {
  return backstop(write((wb, ctx) => handlers.jobContinue(wb, ctx), 'write'));
}

/** Cancels the open job (the sidebar's status panel, after a yes): call again until `done`. */
export function rpcJobCancel(): CancelStep {
  return backstop(write((wb, ctx) => handlers.jobCancel(wb, ctx), 'write'));
}

/** The open job's progress (null when none): read without the lock. */
export function rpcJobStatus(): JobProgress | null {
  return read((wb, ctx) => handlers.jobStatus(wb, ctx));
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

export function rpcReadSettings(): SettingsForm {
  return read((wb) => handlers.readSettings(wb));
}

export function rpcWriteSettings(input: SettingsFormInput): SettingsForm {
  return write((wb, ctx) => handlers.writeSettings(wb, ctx, input), 'settings');
}

/** Brings a tab (결과, 제외, …) to the front; returns its name. */
export function rpcShowTab(key: string): string {
  return read((wb, ctx) => {
    const name = handlers.tabName(wb, ctx, key);
    SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name)?.activate();
    return name;
  });
}

/** 규칙 비교 from the sidebar: writes the 비교 tab, so under the lock as a tally is. */
export function rpcCompare(): WorkbookCompareJson {
  return write((wb, ctx) => handlers.compare(wb, ctx), 'tally');
}

/** 예산 검토 from the sidebar: the same result as the menu item, as JSON for the plans panel. */
export function rpcCheckPlans(): PlanReviewJson {
  return write((wb, ctx) => checkPlans(wb, ctx), 'plans');
}

export const serverApi = {
  rpcStatus,
  rpcReminders,
  rpcReminderCalendar,
  rpcReminderStatus,
  rpcEnableReminders,
  rpcDisableReminders,
  rpcCheckPlans,
  rpcCompare,
  rpcInit,
  rpcImport,
  rpcImportBegin,
  rpcImportChunk,
  rpcImportFinish,
  rpcImportCancel,
  rpcTally,
  rpcTallyStep,
  rpcImportFinishStep,
  rpcJobContinue,
  rpcJobCancel,
  rpcJobStatus,
  rpcReadSettings,
  rpcWriteSettings,
  rpcShowTab,
};
export type ServerApi = typeof serverApi;
