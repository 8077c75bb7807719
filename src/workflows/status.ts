import { TAB_ORDER, TABS } from '../sheets/schema';
import { readTable } from '../sheets/table';
import type { StatusReport } from './api';
import { lastAudit } from './audit';
import { readTab } from './tabs';
import { gridHash } from '../core/hash';
import type { Workbook } from './workbook';

/** What the sidebar shows at a glance: which tabs exist, how many rows, the last import and tally. */
export function readStatus(wb: Workbook): StatusReport {
  const tabs = TAB_ORDER.map((key) => {
    const tab = readTab(wb, key);
    if (tab === null) return { key, name: null, rows: 0 };
    const spec = TABS[key];
    let rows = Math.max(0, tab.grid.length - 1);
    if (spec.columns.length > 0) {
      try {
        rows = readTable(tab.grid, spec, tab.name).rows.length;
      } catch {
        // A tab whose header is broken still exists; the tally will name the problem.
      }
    }
    return { key, name: tab.name, rows };
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
    resultsEdited: resultsEdited(wb, lastTally?.resultsTab ?? ''),
  };
}

/** Tamper evidence: the 결과 tab re-hashed against the hash its tally recorded in 이력. */
export function resultsEdited(wb: Workbook, recorded: string): boolean | null {
  if (recorded === '') return null;
  const tab = readTab(wb, 'results');
  return tab === null || gridHash(tab.grid) !== recorded;
}
