/**
 * What the sidebar may ask of the server, as plain functions of a Workbook and a HostContext. The
 * Apps Script host (src/gas/rpc.ts) wraps each in the document lock and a readable error; the
 * browser tests call the very same functions in Node over a MemoryWorkbook. Payloads cross a
 * boundary, so their shape is checked here before any workflow sees them.
 */
import { UserError } from '../core/errors';
import { TABS, type TabKey } from '../sheets/schema';
import { findTab } from './tabs';
import type { FormulaCell, ImportInput, ImportReport, InitReport, StatusReport, TallyJson } from './api';
import type { HostContext } from './context';
// Through the index, so host tests that stub the workflows stub them here too.
import { importTable, initWorkbook, readStatus } from './index';
import { runCompare, type WorkbookCompareJson } from './compare';
import { readSettingsForm, writeSettingsForm, type SettingsForm, type SettingsFormInput } from './settingsForm';
import { refuseWhileOtherJob } from './jobs/engine';
import { cancelOpenJob, continueOpenJob, guardedTally, openJobProgress, tallyStep, type CancelStep, type JobProgress, type JobStep, type OpenJobStep } from './resumable';
import {
  addStagedChunk,
  beginStagedImport,
  cancelStagedImport,
  finishStagedImport,
  finishStagedImportStep,
  type ImportBeginInput,
  type ImportBeginReply,
  type ImportChunkInput,
} from './stagedImport';
import type { Workbook } from './workbook';

const BAD_INPUT = { ko: '가져올 표의 형식이 올바르지 않습니다.', en: 'The table to import is not in the expected shape.' };

function bad(ctx: HostContext): UserError {
  return new UserError('bad_rpc_input', BAD_INPUT[ctx.language]);
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isTable = (v: unknown): v is string[][] => Array.isArray(v) && v.every((row) => Array.isArray(row) && row.every(isText));
const isOptionalText = (v: unknown): boolean => v === undefined || v === null || isText(v);
const isIndex = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
/** Absent, or formula positions inside a table of `rows` rows. */
const isFormulaCells = (v: unknown, rows: number): v is FormulaCell[] | undefined =>
  v === undefined || (Array.isArray(v) && v.every((c: Partial<FormulaCell> | null) => !!c && isIndex(c.row) && isIndex(c.column) && c.row < rows));

export function checkImportInput(input: unknown, ctx: HostContext): ImportInput {
  const i = input as Partial<ImportInput> | null;
  if (!i || !isText(i.fileName) || !isText(i.encoding) || !isOptionalText(i.channel) || !isTable(i.rows) || !isFormulaCells(i.formulaCells, i.rows.length)) throw bad(ctx);
  const { fileName, rows, encoding, channel, formulaCells } = i as ImportInput;
  return { fileName, rows, encoding, ...(channel ? { channel } : {}), ...(formulaCells ? { formulaCells } : {}) };
}

function checkBegin(input: unknown, ctx: HostContext): ImportBeginInput {
  const i = input as Partial<ImportBeginInput> | null;
  const ok =
    !!i && isText(i.fileName) && isText(i.encoding) && isOptionalText(i.channel) &&
    isText(i.fingerprint) && /^[0-9a-f]{64}$/.test(i.fingerprint) &&
    Number.isSafeInteger(i.rowCount) && (i.rowCount as number) > 0;
  if (!ok) throw bad(ctx);
  const { fileName, encoding, channel, fingerprint, rowCount } = i as ImportBeginInput;
  return { fileName, encoding, fingerprint, rowCount, ...(channel ? { channel } : {}) };
}

function checkChunk(input: unknown, ctx: HostContext): ImportChunkInput {
  const i = input as Partial<ImportChunkInput> | null;
  if (!i || !isText(i.importId) || !Number.isSafeInteger(i.index) || (i.index as number) < 0 || !isTable(i.rows) || !isFormulaCells(i.formulaCells, i.rows.length)) throw bad(ctx);
  return { importId: i.importId, index: i.index as number, rows: i.rows, ...(i.formulaCells ? { formulaCells: i.formulaCells } : {}) };
}

function checkSettings(input: unknown, ctx: HostContext): SettingsFormInput {
  const i = input as Partial<SettingsFormInput> | null;
  const valuesOk = !!i && typeof i.values === 'object' && i.values !== null && Object.values(i.values).every(isText);
  const fieldsOk = i?.fields === undefined || (Array.isArray(i.fields) && i.fields.every((f) => !!f && isText(f.name) && isText(f.budget)));
  if (!valuesOk || !fieldsOk) throw bad(ctx);
  return i as SettingsFormInput;
}

/** Tabs the sidebar may jump to. */
const LINKABLE: TabKey[] = ['settings', 'fields', 'agendas', 'ballots', 'totals', 'results', 'setAside', 'audit'];

export const sidebarHandlers = {
  status: (wb: Workbook, ctx?: HostContext): StatusReport => readStatus(wb, ctx),
  init: (wb: Workbook, ctx: HostContext): InitReport => initWorkbook(wb, ctx),
  /** The whole table in one call (small files, and hosts without chunking). */
  import: (wb: Workbook, ctx: HostContext, input: unknown): ImportReport => {
    const checked = checkImportInput(input, ctx);
    refuseWhileOtherJob(wb, ctx);
    return importTable(wb, ctx, checked);
  },
  importBegin: (wb: Workbook, ctx: HostContext, input: unknown): ImportBeginReply => beginStagedImport(wb, ctx, checkBegin(input, ctx)),
  importChunk: (wb: Workbook, ctx: HostContext, input: unknown): { index: number; rows: number } => addStagedChunk(wb, ctx, checkChunk(input, ctx)),
  importFinish: (wb: Workbook, ctx: HostContext, importId: unknown, chunks: unknown): ImportReport => {
    if (!isText(importId) || !Number.isSafeInteger(chunks) || (chunks as number) < 1) throw bad(ctx);
    return finishStagedImport(wb, ctx, importId, chunks as number);
  },
  /** One execution's share of counting the upload; call again with the same arguments until `done`. */
  importFinishStep: (wb: Workbook, ctx: HostContext, importId: unknown, chunks: unknown): JobStep<ImportReport> => {
    if (!isText(importId) || !Number.isSafeInteger(chunks) || (chunks as number) < 1) throw bad(ctx);
    return finishStagedImportStep(wb, ctx, importId, chunks as number);
  },
  importCancel: (wb: Workbook, ctx: HostContext, importId: unknown): { cancelled: boolean } => {
    if (!isText(importId)) throw bad(ctx);
    return cancelStagedImport(wb, importId);
  },
  /** The whole tally in one call (refused while an import is being written). */
  tally: (wb: Workbook, ctx: HostContext): TallyJson => guardedTally(wb, ctx),
  /** Starts a tally or continues the open one, for one execution's time budget. */
  tallyStep: (wb: Workbook, ctx: HostContext): JobStep<TallyJson> => tallyStep(wb, ctx),
  /** Continues whatever job is open (nothing when none): the sidebar's "continue" after a closed window. */
  jobContinue: (wb: Workbook, ctx: HostContext): OpenJobStep => continueOpenJob(wb, ctx),
  jobStatus: (wb: Workbook, ctx: HostContext): JobProgress | null => openJobProgress(wb, ctx),
  /** Cancels the open job, whoever started it (an import's written steps undone); call again until `done`. */
  jobCancel: (wb: Workbook, ctx: HostContext): CancelStep => cancelOpenJob(wb, ctx),
  readSettings: (wb: Workbook): SettingsForm => readSettingsForm(wb),
  /** greedy, greedy-stop and MES side by side on the counted ballots (writes the 비교 tab; the official result stays 결과). */
  compare: (wb: Workbook, ctx: HostContext): WorkbookCompareJson => {
    refuseWhileOtherJob(wb, ctx);
    return runCompare(wb, ctx);
  },
  writeSettings: (wb: Workbook, ctx: HostContext, input: unknown): SettingsForm => writeSettingsForm(wb, ctx, checkSettings(input, ctx)),
  /** The existing tab behind a key, for the sidebar's links; the host activates it. */
  tabName: (wb: Workbook, ctx: HostContext, key: unknown): string => {
    if (!isText(key) || !LINKABLE.includes(key as TabKey)) throw bad(ctx);
    const name = findTab(wb, TABS[key as TabKey]);
    if (name === null) {
      const spec = TABS[key as TabKey];
      throw new UserError('missing_tab', `'${spec.ko}' 탭이 없습니다 / The '${spec.en}' tab is missing`);
    }
    return name;
  },
};

export type { WorkbookCompareJson };
export type { CancelStep, ImportBeginInput, ImportBeginReply, ImportChunkInput, JobProgress, JobStep, OpenJobStep, SettingsForm, SettingsFormInput };
