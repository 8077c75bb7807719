import { gridAsRead } from '../sheets/typedCells';
import type { Cell, ChartSpec, Grid, ReadonlyGrid, Workbook, WriteOptions } from './workbook';

/**
 * A workbook held in memory: the host for tests, the benchmark and the demo.
 *
 * Rows are frozen as they are stored. readTab hands out copies, as every host does; readRows
 * hands out the stored rows themselves, for workflows that only read, so a million-row 투표 tab
 * is held once, not once more for every read (and a row changed by mistake throws).
 */
export class MemoryWorkbook implements Workbook {
  readonly readsAreLocal = true;
  readonly tabs = new Map<string, Grid>();
  readonly formats = new Map<string, WriteOptions>();
  readonly secrets = new Map<string, string>();
  readonly charts = new Map<string, ChartSpec[]>();
  readonly protectedTabs = new Map<string, string>();

  tabNames(): string[] {
    return [...this.tabs.keys()];
  }

  readTab(name: string): Grid | null {
    const grid = this.tabs.get(name);
    return grid === undefined ? null : grid.map((row) => [...row]);
  }

  readRows(name: string): ReadonlyGrid | null {
    return this.tabs.get(name) ?? null;
  }

  writeTab(name: string, rows: Grid, options: WriteOptions = {}): void {
    // Stored as a real host reads it back: formatted cells through the same typedCell rule.
    this.tabs.set(name, gridAsRead(rows, options.formats).map(storedRow));
    this.formats.set(name, options);
  }

  writeRange(name: string, row: number, column: number, rows: Grid): void {
    const grid = this.tabs.get(name);
    if (grid === undefined) throw new Error(`no tab ${name}`);
    rows.forEach((cells, r) => {
      while (grid.length < row + r) grid.push(EMPTY_ROW);
      const target = [...grid[row - 1 + r]];
      while (target.length < column - 1) target.push(null);
      cells.forEach((cell, c) => {
        target[column - 1 + c] = copyCell(cell);
      });
      grid[row - 1 + r] = Object.freeze(target) as Cell[];
    });
  }

  appendRows(name: string, rows: Grid): void {
    const grid = this.tabs.get(name) ?? [];
    while (grid.length > 0 && grid[grid.length - 1].every((c) => c === null || c === '')) grid.pop();
    for (const row of rows) grid.push(storedRow(row));
    this.tabs.set(name, grid);
  }

  deleteTab(name: string): void {
    this.tabs.delete(name);
    this.formats.delete(name);
  }

  getSecret(key: string): string | null {
    return this.secrets.get(key) ?? null;
  }

  setSecret(key: string, value: string): void {
    this.secrets.set(key, value);
  }

  replaceCharts(name: string, charts: ChartSpec[]): void {
    this.charts.set(name, charts);
  }

  protectTab(name: string, description: string): void {
    this.protectedTabs.set(name, description);
  }
}

function copyCell(cell: Cell): Cell {
  return cell === undefined ? null : cell;
}

const EMPTY_ROW = Object.freeze([]) as unknown as Cell[];

/**
 * The row as stored: the caller's own array, frozen, when it holds only cells (a million rows
 * are not copied again); a caller that changed a row after writing it would get an error, not a
 * silently changed tab. A sparse row or one with undefined cells is copied with nulls.
 */
function storedRow(row: readonly Cell[]): Cell[] {
  for (let i = 0; i < row.length; i++) {
    if (!(i in row) || row[i] === undefined) return Object.freeze(Array.from(row, copyCell)) as Cell[];
  }
  return Object.freeze(row) as Cell[];
}
