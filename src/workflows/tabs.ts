import { UserError } from '../core/errors';
import { findTabName, headerNames, TABS, type TabKey, type TabSpec } from '../sheets/schema';
import { matchColumn, readTable, type Table } from '../sheets/table';
import { readSettings, unknownSettings } from '../sheets/settings';
import type { Warning } from '../core/warnings';
import type { Settings } from '../core/types';
import type { Cell, ReadonlyGrid, Workbook } from './workbook';

export interface TabRead {
  name: string;
  grid: ReadonlyGrid;
}

/**
 * The tab's name in this workbook (findTabName's rule), or null. The tool's own Korean name is
 * asked first, by name: on Sheets that is one call, where the list of tabs is one a tab.
 */
export function findTab(wb: Workbook, spec: TabSpec): string | null {
  if (wb.hasTab?.(spec.ko) === true) return spec.ko;
  return findTabName(wb.tabNames(), spec);
}

/** A tab by its Korean or English name; null when the workbook does not have it. */
export function readTab(wb: Workbook, key: TabKey): TabRead | null {
  const name = findTab(wb, TABS[key]);
  if (name === null) return null;
  return { name, grid: (wb.readRows === undefined ? wb.readTab(name) : wb.readRows(name)) ?? [] };
}

export function requireTable(wb: Workbook, key: TabKey): Table {
  const tab = readTab(wb, key);
  const spec = TABS[key];
  if (tab === null) {
    throw new UserError(
      'missing_tab',
      `'${spec.ko}' 탭이 없습니다. 먼저 '탭 만들기'(civic-sheets init)를 실행하세요 / The '${spec.en}' tab is missing: run init first`,
    );
  }
  return readTable(tab.grid, spec, tab.name);
}

export function optionalTable(wb: Workbook, key: TabKey): Table | null {
  const tab = readTab(wb, key);
  return tab === null ? null : readTable(tab.grid, TABS[key], tab.name);
}

export function tabNameFor(wb: Workbook, spec: TabSpec, language: 'ko' | 'en'): string {
  return findTab(wb, spec) ?? (language === 'ko' ? spec.ko : spec.en);
}

/**
 * Adds records under a tab's existing header, each value in the column whose header matches its
 * key, so a tab whose columns staff reordered or extended still lines up. A missing tab is
 * created with the header; a header that lacks some of our columns gets them added at the end.
 */
export function appendRecords(wb: Workbook, key: TabKey, language: 'ko' | 'en', records: Iterable<Record<string, Cell>>, existing?: TabRead | null): void {
  const spec = TABS[key];
  const tab = existing === undefined ? readTab(wb, key) : existing;
  const grid = tab?.grid ?? [];
  const headerIndex = grid.findIndex((row) => row.some((cell) => cell !== null && String(cell).trim() !== ''));
  if (tab === null || headerIndex < 0) {
    const header = headerNames(spec, language);
    const rows: Cell[][] = [];
    for (const r of records) rows.push(spec.columns.map((c) => r[c.key] ?? null));
    wb.writeTab(tab?.name ?? (language === 'ko' ? spec.ko : spec.en), [header, ...rows], { frozenRows: 1, boldRows: [1] });
    return;
  }
  const header = grid[headerIndex].map((cell) => (cell === null ? '' : String(cell)));
  const positions = new Map<string, number>();
  const missing = spec.columns.filter((column) => {
    const index = header.findIndex((h) => h.trim() !== '' && matchColumn(h, column));
    if (index >= 0) positions.set(column.key, index);
    return index < 0;
  });
  for (const column of missing) {
    positions.set(column.key, header.length);
    header.push(language === 'ko' ? column.ko : column.en);
  }
  const placed = [...positions];
  const rows: Cell[][] = [];
  for (const record of records) {
    const row: Cell[] = new Array<Cell>(header.length).fill(null);
    for (const [k, index] of placed) row[index] = record[k] ?? null;
    rows.push(row);
  }
  if (missing.length > 0) {
    const widened = grid.map((row, i) => (i === headerIndex ? header : [...row, ...new Array<Cell>(header.length - row.length).fill(null)]));
    wb.writeTab(tab.name, [...widened, ...rows], { frozenRows: headerIndex + 1, boldRows: [headerIndex + 1] });
  } else if (rows.length > 0) {
    wb.appendRows(tab.name, rows);
  }
}

export function requireSettings(wb: Workbook): Settings {
  return requireSettingsRead(wb).settings;
}

/** The 설정 tab read, with the warnings its keys give (a key no part of the tool reads). */
export function requireSettingsRead(wb: Workbook): { settings: Settings; warnings: Warning[] } {
  const tab = readTab(wb, 'settings');
  if (tab === null) requireTable(wb, 'settings');
  const { grid, name } = tab as TabRead;
  return { settings: readSettings(grid, name), warnings: unknownSettings(grid, name) };
}
