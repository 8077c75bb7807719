/**
 * Apps Script entry points. This file only exposes functions: each `global.x = x` below becomes a
 * top-level `function x() {}` in dist/Code.js (gas-webpack-plugin), which Apps Script needs for
 * triggers, menu items and google.script.run. All logic lives in tested modules.
 */
import './polyfills'; // first: other modules may need TextEncoder while loading
import { menuCancelJob, menuCheckPlans, menuContinueJob, menuImport, menuInit, menuOpenSidebar, menuPrint, menuReminders, menuReport, menuTally, onOpen } from './menu';
import { runJobTrigger } from './jobTrigger';
import { runDailyReminders } from './reminders';
import {
  rpcCheckPlans,
  rpcCompare,
  rpcDisableReminders,
  rpcEnableReminders,
  rpcImport,
  rpcImportBegin,
  rpcImportCancel,
  rpcImportChunk,
  rpcImportFinish,
  rpcImportFinishStep,
  rpcInit,
  rpcJobContinue,
  rpcJobCancel,
  rpcJobStatus,
  rpcReadSettings,
  rpcReminderCalendar,
  rpcReminderStatus,
  rpcReminders,
  rpcShowTab,
  rpcStatus,
  rpcTally,
  rpcTallyStep,
  rpcWriteSettings,
} from './rpc';

// webpack maps `global` to the script's global object; a module-local declaration keeps it typed
// loosely here without widening Node's `global` type elsewhere.
declare const global: Record<string, unknown>;

/** Builds the add-on menu (simple trigger; may run in AuthMode.NONE). */
global.onOpen = onOpen;
/** Runs when the add-on is installed: show the menu right away. */
global.onInstall = (): void => onOpen();
/** Menu: tally the votes and write the result tab. */
global.menuTally = menuTally;
/** Menu: open the sidebar on the import step. */
global.menuImport = menuImport;
/** Menu: check the budget plans against the guideline and write the review tab. */
global.menuCheckPlans = menuCheckPlans;
/** Menu: open the sidebar. */
global.menuOpenSidebar = menuOpenSidebar;
/** Menu: create the missing tabs. */
global.menuInit = menuInit;
/** Menu: go on with the open import or tally (or its cancelling). */
global.menuContinueJob = menuContinueJob;
/** Menu: cancel the open import or tally (an import's rows are taken out again). */
global.menuCancelJob = menuCancelJob;
/** Sidebar RPC: tab and import/tally status. */
global.rpcStatus = rpcStatus;
/** Sidebar RPC: create the missing tabs. */
global.rpcInit = rpcInit;
/** Sidebar RPC: import a parsed table of votes. */
global.rpcImport = rpcImport;
/** Sidebar RPC: tally the votes. */
global.rpcTally = rpcTally;
/** Sidebar RPC: start a chunked import (refused at once when the file was imported before). */
global.rpcImportBegin = rpcImportBegin;
/** Sidebar RPC: stage one chunk of rows in the hidden staging tab. */
global.rpcImportChunk = rpcImportChunk;
/** Sidebar RPC: count the staged rows in one go. */
global.rpcImportFinish = rpcImportFinish;
/** Sidebar RPC: drop the staged rows. */
global.rpcImportCancel = rpcImportCancel;
/** Sidebar RPC: the 설정 and 분야 values for the settings form. */
global.rpcReadSettings = rpcReadSettings;
/** Sidebar RPC: write the settings form back to 설정 and 분야. */
global.rpcWriteSettings = rpcWriteSettings;
/** Sidebar RPC: bring a tab to the front. */
global.rpcShowTab = rpcShowTab;
/** Sidebar RPC: check the budget plans. */
global.rpcCheckPlans = rpcCheckPlans;
/** Sidebar RPC: greedy, greedy-stop and MES side by side (the 비교 tab). */
global.rpcCompare = rpcCompare;
/** Menu: the publishable result report in a dialog, downloadable as HTML. */
global.menuReport = menuReport;
/** Menu: a link per printed tab to its A4 PDF. */
global.menuPrint = menuPrint;
/** Menu: refresh 일정 and 알림, show what is overdue and due. */
global.menuReminders = menuReminders;
/** Sidebar RPC: refresh 일정 and 알림. */
global.rpcReminders = rpcReminders;
/** Sidebar RPC: the schedule as an .ics file. */
global.rpcReminderCalendar = rpcReminderCalendar;
/** Sidebar RPC: is the daily e-mail reminder on for this document? */
global.rpcReminderStatus = rpcReminderStatus;
/** Sidebar RPC: turn the daily e-mail reminder on (one trigger per document). */
global.rpcEnableReminders = rpcEnableReminders;
/** Sidebar RPC: turn it off. */
global.rpcDisableReminders = rpcDisableReminders;
/** Sidebar RPC: count the staged upload, one execution's share at a time. */
global.rpcImportFinishStep = rpcImportFinishStep;
/** Sidebar RPC: start or continue a tally, one execution's share at a time. */
global.rpcTallyStep = rpcTallyStep;
/** Sidebar RPC: continue whatever import or tally is open. */
global.rpcJobContinue = rpcJobContinue;
global.rpcJobCancel = rpcJobCancel;
/** Sidebar RPC: progress of the open import or tally. */
global.rpcJobStatus = rpcJobStatus;
/** One-off time-driven trigger: the next step of a large import or tally. */
global.continueJob = (): void => {
  runJobTrigger();
};
/** Installable time-driven trigger (daily): mail the reminders due today. */
global.remindersDaily = (event?: { triggerUid?: string }): void => {
  runDailyReminders(event);
};

export type { ServerApi } from './rpc';
