import { TAB_ORDER, TABS } from '../sheets/schema';
import { readScheduleSheet } from '../sheets/schedule';
import { readTable } from '../sheets/table';
import type { StatusReport } from './api';
import { lastAudit } from './audit';
import { readTab } from './tabs';
import type { HostContext } from './context';
import { scheduleStatus } from './reminders';
import type { Workbook } from './workbook';

/**
 * What the sidebar shows at a glance: which tabs exist, how many rows, the last import and tally,
 * and the schedule (overdue milestones with days late) when a context gives the day.
 */
export function readStatus(wb: Workbook, ctx?: HostContext): StatusReport {
  const tabs = TAB_ORDER.map((key) => {
    const tab = readTab(wb, key);
    if (tab === null) return { key, name: null, rows: 0 };
    const spec = TABS[key];
    let rows = Math.max(0, tab.grid.length - 1);
    if (spec.columns.length > 0) {
      try {
        rows = key === 'schedule' ? readScheduleSheet(tab.grid, tab.name).rows.length : readTable(tab.grid, spec, tab.name).rows.length;
      } catch {
        // A tab whose header is broken still exists; the tally will name the problem.
      }
    }
    return { key, name: tab.name, rows };
  });
  const count = (key: string): number => tabs.find((t) => t.key === key)?.rows ?? 0;
  const audit = readTab(wb, 'audit');
  const describe = (entry: { when: string; detail: string } | null): string | null => (entry === null ? null : `${entry.when} ${entry.detail}`);
  return {
    tabs,
    agendas: count('agendas'),
    ballots: count('ballots'),
    setAside: count('setAside'),
    lastImport: describe(lastAudit(audit, 'import')),
    lastTally: describe(lastAudit(audit, 'tally')),
    schedule: ctx === undefined ? null : scheduleStatus(wb, ctx),
  };
}
