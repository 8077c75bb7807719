/**
 * The 알림 (Reminders) tab: the reminder plan as rows, with a 보냄 (sent) mark per row. The tab is
 * regenerated whole from 일정, matching rows by 알림 키 (milestone + day + recipient), so a row
 * keeps its sent mark — and any columns staff added — however often it is regenerated. A sent
 * reminder whose milestone changed or disappeared stays as a record of what was sent.
 */
import type { Reminder } from '../core/schedule/reminders';
import type { Cell, Grid, ReadonlyGrid } from '../workflows/workbook';
import { headerNames, TABS } from './schema';
import { cellText, field, readTable } from './table';

type Lang = 'ko' | 'en';

export interface ExistingReminder {
  key: string;
  sent: Cell;
  /** Every cell of the row by header text, so columns staff added come along. */
  cells: Map<string, Cell>;
  /** The row as our columns read it, for history rows no longer in the plan. */
  record: Record<string, Cell>;
}

export interface ReminderSheet {
  /** Header texts of columns we do not own, in the tab's order. */
  extraColumns: string[];
  byKey: Map<string, ExistingReminder>;
}

const NOT_SENT = new Set(['false', 'no', 'n', 'x', '아니오', '아니요', '미발송', '0', '']);

/** A 보냄 cell counts as sent when it holds anything but a clear "no" (a timestamp, ✓, O, TRUE …). */
export function isSentMark(cell: Cell): boolean {
  if (cell === null || cell === false) return false;
  return !NOT_SENT.has(cellText(cell).toLowerCase());
}

export function readReminderSheet(grid: ReadonlyGrid | null, tabName: string): ReminderSheet {
  const byKey = new Map<string, ExistingReminder>();
  if (grid === null || grid.every((row) => row.every((c) => cellText(c) === ''))) return { extraColumns: [], byKey };
  const table = readTable(grid, TABS.reminders, tabName);
  const ours = new Set(table.columns.values());
  const extraColumns = table.header.filter((h, i) => h !== '' && !ours.has(i));
  for (const row of table.rows) {
    const key = field(table, row, 'key');
    if (key === '') continue;
    const cells = new Map<string, Cell>(table.header.map((h, i) => [h, row[i] ?? null]));
    const record: Record<string, Cell> = {};
    for (const [k, i] of table.columns) record[k] = row[i] ?? null;
    const previous = byKey.get(key);
    // A key twice (a row copied by hand): keep the one that says it was sent.
    if (previous === undefined || (!isSentMark(previous.sent) && isSentMark(record.sent ?? null))) {
      byKey.set(key, { key, sent: record.sent ?? null, cells, record });
    }
  }
  return { extraColumns, byKey };
}

/** Keys whose row is marked sent. */
export function sentKeys(sheet: ReminderSheet): Set<string> {
  return new Set([...sheet.byKey.values()].filter((r) => isSentMark(r.sent)).map((r) => r.key));
}

/**
 * The new tab: every planned reminder (its old sent mark kept, or `sentNow`'s timestamp), then
 * sent rows no longer planned, all by date. Unsent rows no longer planned are dropped.
 */
export function reminderGrid(plan: readonly Reminder[], sheet: ReminderSheet, sentNow: ReadonlyMap<string, string>, lang: Lang): Grid {
  const header = [...headerNames(TABS.reminders, lang), ...sheet.extraColumns];
  const rows: { date: string; cells: Cell[] }[] = [];
  const planned = new Set<string>();
  for (const r of plan) {
    planned.add(r.key);
    const old = sheet.byKey.get(r.key);
    const sent = sentNow.get(r.key) ?? old?.sent ?? null;
    const values: Cell[] = [r.date, r.milestone, r.owner, r.to, r.message, sent, r.key];
    rows.push({ date: r.date, cells: [...values, ...sheet.extraColumns.map((h) => old?.cells.get(h) ?? null)] });
  }
  for (const old of sheet.byKey.values()) {
    if (planned.has(old.key) || !isSentMark(old.sent)) continue;
    const values = TABS.reminders.columns.map((c) => old.record[c.key] ?? null);
    rows.push({ date: cellText(old.record.date ?? null), cells: [...values, ...sheet.extraColumns.map((h) => old.cells.get(h) ?? null)] });
  }
  rows.sort((a, b) => a.date.localeCompare(b.date));
  return [header, ...rows.map((r) => r.cells)];
}
