import { formatSeoulTimestamp } from '../core/datetime';
import { TABS } from '../sheets/schema';
import { field, readTable } from '../sheets/table';
import type { HostContext } from './context';
import { nextLink } from './auditChain';
import { documentKey } from './documentKey';
import { appendRecords, type TabRead } from './tabs';
import type { Cell, Workbook } from './workbook';

export type AuditAction = 'init' | 'import' | 'tally' | 'checkPlans' | 'reminders' | 'cancelJob';

export interface AuditEntry {
  what: AuditAction;
  detail: string;
  input: string;
  settings: string;
  result: string;
  /** Hash of the 결과 tab's cells as written, so a later hand edit can be noticed. */
  resultsTab?: string;
  /** An import's 투표 rows and the keyed digest of their seals. */
  ballots?: number;
  seal?: string;
}

const ACTION_NAMES: Record<AuditAction, { ko: string; en: string }> = {
  init: { ko: '탭 만들기', en: 'init' },
  import: { ko: '가져오기', en: 'import' },
  tally: { ko: '개표', en: 'tally' },
  checkPlans: { ko: '예산 검토', en: 'check plans' },
  reminders: { ko: '알림 발송', en: 'send reminders' },
  cancelJob: { ko: '작업 취소', en: 'cancel job' },
};

function actionOf(text: string): AuditAction | null {
  const entry = (Object.entries(ACTION_NAMES) as [AuditAction, { ko: string; en: string }][]).find(
    ([key, names]) => text === key || text === names.ko || text === names.en,
  );
  return entry?.[0] ?? null;
}

/**
 * One row per import and tally in 이력: when, who, what, and the fingerprints that tie them, linked
 * to the row before by a keyed digest (auditChain.ts). Says whether this row starts the chain in a
 * workbook whose older rows carry none (so the caller can say it once).
 */
export function appendAudit(wb: Workbook, ctx: HostContext, tab: TabRead | null, entry: AuditEntry): { chainStarts: boolean } {
  const record: Record<string, Cell> = {
    when: formatSeoulTimestamp(ctx.now()),
    who: ctx.actor,
    what: ACTION_NAMES[entry.what][ctx.language],
    detail: entry.detail,
    input: entry.input,
    settings: entry.settings,
    result: entry.result,
    resultsTab: entry.resultsTab ?? '',
    ballots: entry.ballots ?? null,
    seal: entry.seal ?? '',
  };
  const link = nextLink(documentKey(wb, ctx), tab, record);
  record.chain = link.chain;
  appendRecords(wb, 'audit', ctx.language, [record], tab);
  return { chainStarts: link.starts };
}

/** Whether an action with this input fingerprint is already recorded. */
export function findAudit(tab: TabRead | null, what: AuditAction, inputFingerprint: string): boolean {
  return lastAudit(tab, what, inputFingerprint) !== null;
}

export function lastAudit(tab: TabRead | null, what: AuditAction, inputFingerprint?: string): { when: string; detail: string; resultsTab: string; chain: string } | null {
  if (tab === null || tab.grid.length === 0) return null;
  const table = readTable(tab.grid, TABS.audit, tab.name);
  for (let i = table.rows.length - 1; i >= 0; i--) {
    const row = table.rows[i];
    if (actionOf(field(table, row, 'what')) !== what) continue;
    if (inputFingerprint !== undefined && field(table, row, 'input') !== inputFingerprint) continue;
    return { when: field(table, row, 'when'), detail: field(table, row, 'detail'), resultsTab: field(table, row, 'resultsTab'), chain: field(table, row, 'chain') };
  }
  return null;
}

/** The last action whose result column holds `result` (an import's order-free row digest). */
export function findAuditByResult(tab: TabRead | null, what: AuditAction, result: string): { when: string; input: string } | null {
  if (tab === null || tab.grid.length === 0) return null;
  const table = readTable(tab.grid, TABS.audit, tab.name);
  for (let i = table.rows.length - 1; i >= 0; i--) {
    const row = table.rows[i];
    if (actionOf(field(table, row, 'what')) === what && field(table, row, 'result') === result) return { when: field(table, row, 'when'), input: field(table, row, 'input') };
  }
  return null;
}
