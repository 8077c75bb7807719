/**
 * Apps Script entry points. This file only exposes functions: each `global.x = x` below becomes a
 * top-level `function x() {}` in dist/Code.js (gas-webpack-plugin), which Apps Script needs for
 * triggers, menu items and google.script.run. All logic lives in tested modules.
 */
import './polyfills'; // first: other modules may need TextEncoder while loading
import { menuCheckPlans, menuImport, menuInit, menuOpenSidebar, menuTally, onOpen } from './menu';
import { rpcCheckPlans, rpcImport, rpcInit, rpcStatus, rpcTally } from './rpc';

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
/** Sidebar RPC: tab and import/tally status. */
global.rpcStatus = rpcStatus;
/** Sidebar RPC: create the missing tabs. */
global.rpcInit = rpcInit;
/** Sidebar RPC: import a parsed table of votes. */
global.rpcImport = rpcImport;
/** Sidebar RPC: tally the votes. */
global.rpcTally = rpcTally;
/** Sidebar RPC: check the budget plans. */
global.rpcCheckPlans = rpcCheckPlans;

export type { ServerApi } from './rpc';
