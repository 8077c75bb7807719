import { TAB_ORDER, TABS, type TabKey } from '../sheets/schema';
import { readScheduleSheet } from '../sheets/schedule';
import { readSettings } from '../sheets/settings';
import { cellText, readTable } from '../sheets/table';
import type { StatusReport } from './api';
import { lastAudit } from './audit';
import type { HostContext } from './context';
import { scheduleStatus } from './reminders';
import { readTab } from './tabs';
import { resultsTabEdited } from './auditChain';
import { DOCUMENT_KEY } from './documentKey';
import { openJobProgress } from './jobs/engine';
import type { Workbook } from './workbook';

/** Labels of the 결과 header block row that holds the amount spent (src/sheets/results.ts). */
const SPENT_LABELS = ['선정 합계', 'Spent'];

/**
 * What the sidebar shows at a glance: which tabs exist and can be read, how many rows, the last
 * import and tally, and the schedule (overdue milestones with days late) when a context gives the day.
 */
export function readStatus(wb: Workbook, ctx?: HostContext): StatusReport {
  let budget: number | null = null;
  const tabs = TAB_ORDER.map((key: TabKey) => {
    const tab = readTab(wb, key);
    if (tab === null) return { key, name: null, rows: 0, problem: null };
    const spec = TABS[key];
    let rows = Math.max(0, tab.grid.length - 1);
    let problem: string | null = null;
    if (spec.columns.length > 0) {
      try {
        rows = key === 'schedule' ? readScheduleSheet(tab.grid, tab.name).rows.length : readTable(tab.grid, spec, tab.name).rows.length;
        if (key === 'settings') budget = readSettings(tab.grid, tab.name).budget;
      } catch (err) {
        // A tab whose header or values are broken still exists; say why, so staff can fix it.
        problem = err instanceof Error ? err.message : String(err);
      }
    }
    return { key, name: tab.name, rows, problem };
  });
  const count = (key: string): number => tabs.find((t) => t.key === key)?.rows ?? 0;
  const audit = readTab(wb, 'audit');
  const describe = (entry: { when: string; detail: string } | null): string | null => (entry === null ? null : `${entry.when} ${entry.detail}`);
  const lastTally = lastAudit(audit, 'tally');
  return {
    tabs,
    agendas: count('agendas'),
    ballots: count('ballots'),
    setAside: count('setAside'),
    lastImport: describe(lastAudit(audit, 'import')),
    lastTally: describe(lastTally),
    resultsEdited: resultsEdited(wb, lastTally),
    auditMissing: auditMissing(wb, tabs),
    budget,
    spent: spentInResults(wb),
    schedule: ctx === undefined ? null : scheduleStatus(wb, ctx),
    ...(ctx === undefined ? {} : { job: openJobProgress(wb, ctx) }),
  };
}

/** Tamper evidence: the 결과 tab's keyed digest against the one its tally recorded in 이력. */
export function resultsEdited(wb: Workbook, recorded: { resultsTab: string; chain: string } | null): boolean | null {
  if (recorded === null) return null;
  const key = wb.getSecret(DOCUMENT_KEY);
  return resultsTabEdited(recorded, readTab(wb, 'results')?.grid ?? null, key === '' ? null : key);
}

/**
 * 이력 gone (or emptied) from a workbook whose key exists, while 투표 or 결과 hold something: the
 * record that would tell a hand edit of 결과 was removed. A workbook staff built by hand has no key.
 */
function auditMissing(wb: Workbook, tabs: readonly { key: string; name: string | null; rows: number }[]): boolean {
  const rows = (key: string): number => tabs.find((t) => t.key === key)?.rows ?? 0;
  const key = wb.getSecret(DOCUMENT_KEY);
  const results = tabs.find((t) => t.key === 'results');
  return key !== null && key !== '' && rows('audit') === 0 && (rows('ballots') > 0 || (results?.name !== null && (results?.rows ?? 0) > 0));
}

function spentInResults(wb: Workbook): number | null {
  const tab = readTab(wb, 'results');
  const row = tab?.grid.find((r) => SPENT_LABELS.includes(cellText(r[0])));
  const text = row === undefined ? '' : cellText(row[1]).replace(/,/g, '');
  return /^\d+$/.test(text) ? Number(text) : null;
}
