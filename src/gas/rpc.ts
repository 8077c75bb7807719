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
  type ImportBeginInput,
  type ImportBeginReply,
  type ImportChunkInput,
  type SettingsForm,
  type SettingsFormInput,
} from '../workflows/sidebarApi';
import type { Workbook } from '../workflows/workbook';
import { checkPlans, type PlanReviewJson } from '../workflows';
import { gasContext, userLanguage } from './context';
import { userMessage } from './errors';
import type { Lang } from './i18n';
import { withDocumentLock } from './lock';
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
function write<T>(fn: (wb: Workbook, ctx: HostContext) => T): T {
  return rpc((lang) => withDocumentLock(lang, () => fn(activeWorkbook(), gasContext(lang))));
}

export function rpcStatus(): StatusReport {
  return read((wb) => handlers.status(wb));
}

export function rpcInit(): InitReport {
  return write((wb, ctx) => handlers.init(wb, ctx));
}

export function rpcImport(input: ImportInput): ImportReport {
  return write((wb, ctx) => handlers.import(wb, ctx, input));
}

export function rpcImportBegin(input: ImportBeginInput): ImportBeginReply {
  return write((wb, ctx) => handlers.importBegin(wb, ctx, input));
}

export function rpcImportChunk(input: ImportChunkInput): { index: number; rows: number } {
  return write((wb, ctx) => handlers.importChunk(wb, ctx, input));
}

export function rpcImportFinish(importId: string, chunks: number): ImportReport {
  return write((wb, ctx) => handlers.importFinish(wb, ctx, importId, chunks));
}

export function rpcImportCancel(importId: string): { cancelled: boolean } {
  return write((wb, ctx) => handlers.importCancel(wb, ctx, importId));
}

export function rpcTally(): TallyJson {
  return write((wb, ctx) => handlers.tally(wb, ctx));
}

export function rpcReadSettings(): SettingsForm {
  return read((wb) => handlers.readSettings(wb));
}

export function rpcWriteSettings(input: SettingsFormInput): SettingsForm {
  return write((wb, ctx) => handlers.writeSettings(wb, ctx, input));
}

/** Brings a tab (결과, 제외, …) to the front; returns its name. */
export function rpcShowTab(key: string): string {
  return read((wb, ctx) => {
    const name = handlers.tabName(wb, ctx, key);
    SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name)?.activate();
    return name;
  });
}

/** 예산 검토 from the sidebar: the same result as the menu item, as JSON for the plans panel. */
export function rpcCheckPlans(): PlanReviewJson {
  return write((wb, ctx) => checkPlans(wb, ctx));
}

export const serverApi = {
  rpcStatus,
  rpcCheckPlans,
  rpcInit,
  rpcImport,
  rpcImportBegin,
  rpcImportChunk,
  rpcImportFinish,
  rpcImportCancel,
  rpcTally,
  rpcReadSettings,
  rpcWriteSettings,
  rpcShowTab,
};
export type ServerApi = typeof serverApi;
