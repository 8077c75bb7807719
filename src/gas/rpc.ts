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
import { checkPlans, reminderCalendar, runReminders, type PlanReviewJson, type RemindersJson } from '../workflows';
import { gasContext, userLanguage } from './context';
import { userMessage } from './errors';
import type { Lang } from './i18n';
import { withDocumentLock, type LockAction } from './lock';
import { scheduleJobContinuation } from './jobTrigger';
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

export function rpcImport(input: ImportInput): ImportReport {
  return write((wb, ctx) => handlers.import(wb, ctx, input), 'import');
}

export function rpcImportBegin(input: ImportBeginInput): ImportBeginReply {
  return write((wb, ctx) => handlers.importBegin(wb, ctx, input), 'import');
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
