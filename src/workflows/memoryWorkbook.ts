import type { Cell, ChartSpec, Grid, Workbook, WriteOptions } from './workbook';

/**
 * A workbook held in memory: the host for tests and the base of the .xlsx host, which loads
 * a file into one of these and saves it back in one go.
 */
export class MemoryWorkbook implements Workbook {
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

  writeTab(name: string, rows: Grid, options: WriteOptions = {}): void {
    this.tabs.set(name, rows.map((row) => row.map(copyCell)));
    this.formats.set(name, options);
  }

  writeRange(name: string, row: number, column: number, rows: Grid): void {
    const grid = this.tabs.get(name);
    if (grid === undefined) throw new Error(`no tab ${name}`);
    rows.forEach((cells, r) => {
      while (grid.length < row + r) grid.push([]);
      const target = grid[row - 1 + r];
      while (target.length < column - 1) target.push(null);
      cells.forEach((cell, c) => {
        target[column - 1 + c] = copyCell(cell);
      });
    });
  }

  appendRows(name: string, rows: Grid): void {
    const grid = this.tabs.get(name) ?? [];
    while (grid.length > 0 && grid[grid.length - 1].every((c) => c === null || c === '')) grid.pop();
    for (const row of rows) grid.push(row.map(copyCell));
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
