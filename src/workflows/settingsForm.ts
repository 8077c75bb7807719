/**
 * The sidebar's settings form: reads the 설정 and 분야 tabs as text, and writes edited values back
 * into the same cells. Rows and columns staff added (notes, their own settings) are kept; a setting
 * the tab lacks is added at the end. Nothing is written unless every value reads as the tally will
 * read it (src/sheets/settings.ts), so the form can never leave the tab unusable.
 */
import { parseAmount } from '../core/amount';
import { UserError } from '../core/errors';
import { normalizeHeader, TABS } from '../sheets/schema';
import { findSettingSpec, readSettings, SETTING_SPECS } from '../sheets/settings';
import { cellText, readTable } from '../sheets/table';
import type { Settings } from '../core/types';
import type { HostContext } from './context';
import { readTab, requireTable } from './tabs';
import type { FormatSpan } from '../sheets/typedCells';
import type { Cell, Grid, Workbook } from './workbook';

export type SettingKey = keyof Settings;

export interface SettingsForm {
  /** The text of each setting's value cell ('' when the tab lacks the setting). */
  values: Record<SettingKey, string>;
  /** The 분야 tab's fields and their budget text; empty when the tab is missing. */
  fields: { name: string; budget: string }[];
  /** Why the tally could not read the tab as it stands, or null. */
  problem: string | null;
}

export interface SettingsFormInput {
  values: Partial<Record<SettingKey, string>>;
  fields?: { name: string; budget: string }[];
}

function specFor(name: string): SettingKey | null {
  return findSettingSpec(name)?.key ?? null;
}

function emptyValues(): Record<SettingKey, string> {
  return Object.fromEntries(SETTING_SPECS.map((s) => [s.key, ''])) as Record<SettingKey, string>;
}

export function readSettingsForm(wb: Workbook): SettingsForm {
  const table = requireTable(wb, 'settings');
  const values = emptyValues();
  const keyColumn = table.columns.get('key') as number;
  const valueColumn = table.columns.get('value') as number;
  for (const row of table.rows) {
    const key = specFor(cellText(row[keyColumn]));
    if (key !== null) values[key] = cellText(row[valueColumn]);
  }
  let problem: string | null = null;
  try {
    const tab = readTab(wb, 'settings');
    if (tab) readSettings(tab.grid, tab.name);
  } catch (err) {
    problem = err instanceof Error ? err.message : String(err);
  }
  return { values, fields: readFieldBudgets(wb), problem };
}

function readFieldBudgets(wb: Workbook): { name: string; budget: string }[] {
  const tab = readTab(wb, 'fields');
  if (tab === null) return [];
  const table = readTable(tab.grid, TABS.fields, tab.name);
  const nameColumn = table.columns.get('name') as number;
  const budgetColumn = table.columns.get('budget');
  return table.rows
    .map((row) => ({ name: cellText(row[nameColumn]), budget: budgetColumn === undefined ? '' : cellText(row[budgetColumn]) }))
    .filter((f) => f.name !== '');
}

export function writeSettingsForm(wb: Workbook, ctx: HostContext, input: SettingsFormInput): SettingsForm {
  const tab = readTab(wb, 'settings');
  if (tab === null) requireTable(wb, 'settings'); // throws the usual "run init first"
  const { name, grid } = tab as { name: string; grid: Grid };
  const table = readTable(grid, TABS.settings, name);
  const headerIndex = grid.findIndex((row) => row.some((cell) => cellText(cell) !== ''));
  const keyColumn = table.columns.get('key') as number;
  const valueColumn = table.columns.get('value') as number;
  const next = grid.map((row) => [...row]);

  for (const spec of SETTING_SPECS) {
    const value = input.values[spec.key];
    if (value === undefined) continue;
    const text = String(value).trim();
    const at = next.findIndex((row, i) => i > headerIndex && specFor(cellText(row[keyColumn])) === spec.key);
    if (at >= 0) next[at][valueColumn] = text;
    else {
      const row: Cell[] = new Array<Cell>(Math.max(keyColumn, valueColumn) + 1).fill(null);
      row[keyColumn] = ctx.language === 'ko' ? spec.ko : spec.en;
      row[valueColumn] = text;
      next.push(row);
    }
  }
  // The same reader the tally uses: a value it cannot read stops the write, with every bad value named.
  readSettings(next, name);

  const fieldsGrid = input.fields ? nextFieldsGrid(wb, ctx, input.fields) : null;
  // Values stay plain-text cells, so what staff type next (`2020-07-13`, `80%`) stays what they typed.
  const formats: FormatSpan[] = [{ col: valueColumn + 1, fromRow: headerIndex + 2, toRow: Math.max(next.length, 500), format: 'text' }];
  wb.writeTab(name, next, { frozenRows: headerIndex + 1, boldRows: [headerIndex + 1], formats });
  if (fieldsGrid) wb.writeTab(fieldsGrid.name, fieldsGrid.grid, { frozenRows: fieldsGrid.headerIndex + 1, boldRows: [fieldsGrid.headerIndex + 1] });
  return readSettingsForm(wb);
}

/** The 분야 tab with each listed field's budget replaced; fields are matched by name, never added. */
function nextFieldsGrid(wb: Workbook, ctx: HostContext, fields: { name: string; budget: string }[]): { name: string; grid: Grid; headerIndex: number } {
  const tab = readTab(wb, 'fields');
  if (tab === null) requireTable(wb, 'fields');
  const { name, grid } = tab as { name: string; grid: Grid };
  const table = readTable(grid, TABS.fields, name);
  const headerIndex = grid.findIndex((row) => row.some((cell) => cellText(cell) !== ''));
  const next = grid.map((row) => [...row]);
  let budgetColumn = table.columns.get('budget');
  if (budgetColumn === undefined) {
    budgetColumn = next[headerIndex].length;
    next[headerIndex][budgetColumn] = ctx.language === 'ko' ? TABS.fields.columns[1].ko : TABS.fields.columns[1].en;
  }
  const nameColumn = table.columns.get('name') as number;
  const bad: string[] = [];
  for (const f of fields) {
    const text = String(f.budget ?? '').trim();
    const amount = text === '' ? null : parseAmount(text);
    if (amount !== null && (!amount.ok || amount.value < 0)) bad.push(`${f.name} = "${text}"`);
    const at = next.findIndex((row, i) => i > headerIndex && matchName(row[nameColumn], f.name));
    if (at < 0) bad.push(`${f.name}: 분야 탭에 없음 / not in the fields tab`);
    else next[at][budgetColumn] = text;
  }
  if (bad.length > 0) {
    throw new UserError('bad_fields', `분야 예산을 읽을 수 없습니다 / Cannot read field budgets: ${bad.join('; ')}`);
  }
  return { name, grid: next, headerIndex };
}

function matchName(cell: Cell | undefined, name: string): boolean {
  return normalizeHeader(cellText(cell)) === normalizeHeader(name);
}
