/**
 * How the tabs a committee prints are laid out on paper: 결과, 검증, 통계, 검토 and 집행, on A4,
 * one page wide. Wide tables (many columns, long sentences) print landscape.
 */
import type { PageSetup } from '../workflows/workbook';
import type { TabKey } from './schema';

export type PrintedTab = Extract<TabKey, 'results' | 'integrity' | 'statistics' | 'review' | 'execution'>;

const ORIENTATION: Record<PrintedTab, PageSetup['orientation']> = {
  results: 'landscape',
  integrity: 'landscape',
  statistics: 'portrait',
  review: 'landscape',
  execution: 'landscape',
};

/** The page setup of a printed tab whose table header is row `headerRow` (1-based; 0 = none). */
export function printLayout(tab: PrintedTab, headerRow: number): PageSetup {
  return {
    orientation: ORIENTATION[tab],
    ...(headerRow > 0 ? { repeatRows: { from: headerRow, to: headerRow } } : {}),
  };
}
