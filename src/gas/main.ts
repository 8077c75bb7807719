/**
 * Apps Script entry points. This file only exposes functions: each `global.x = x` below becomes a
 * top-level `function x() {}` in dist/Code.js (gas-webpack-plugin), which Apps Script needs for
 * triggers, menu items and google.script.run. All logic lives in tested modules.
 */
import './polyfills'; // first: other modules may need TextEncoder while loading
import { menuImport, menuInit, menuOpenSidebar, menuReminders, menuTally, onOpen } from './menu';
import { runDailyReminders } from './reminders';
import {
  rpcDisableReminders,
  rpcEnableReminders,
  rpcImport,
  rpcInit,
  rpcReminderCalendar,
  rpcReminderStatus,
  rpcReminders,
  rpcStatus,
  rpcTally,
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
/** Menu: open the sidebar. */
global.menuOpenSidebar = menuOpenSidebar;
/** Menu: create the missing tabs. */
global.menuInit = menuInit;
/** Sidebar RPC: tab and import/tally status. */
global.rpcStatus = rpcStatus;
/** Sidebar RPC: create the missing tabs. */
global.rpcInit = rpcInit;
/** Sidebar RPC: import a parsed table of votes. */
global.rpcImport = rpcImport;
/** Sidebar RPC: tally the votes. */
global.rpcTally = rpcTally;
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
/** Installable time-driven trigger (daily): mail the reminders due today. */
global.remindersDaily = (event?: { triggerUid?: string }): void => {
  runDailyReminders(event);
};

export type { ServerApi } from './rpc';
