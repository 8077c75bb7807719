import { TABS, type TabKey } from '../sheets/schema';
import type { HostContext } from './context';
import { findTab } from './tabs';
import type { Workbook } from './workbook';

/** The tabs the tool writes whole and a person should not edit (the tally's outputs and records). */
export const TOOL_TABS: readonly TabKey[] = ['results', 'setAside', 'audit'];

/**
 * Warning-only protection on the tool's tabs (`keys`, all of them by default): editors may still
 * edit, after a prompt that says why they should not. A host without protection does nothing.
 */
export function protectToolTabs(wb: Workbook, ctx: HostContext, keys: readonly TabKey[] = TOOL_TABS): void {
  if (wb.protectTab === undefined) return;
  const note = ctx.language === 'ko' ? 'Civic Sheets가 쓰는 탭입니다. 직접 고치면 개표 기록과 맞지 않게 됩니다.' : 'Written by Civic Sheets: a hand edit breaks the link with the tally record.';
  for (const key of keys) {
    const name = findTab(wb, TABS[key]);
    if (name !== null) wb.protectTab(name, note);
  }
}
