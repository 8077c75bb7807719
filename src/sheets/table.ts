import { UserError } from '../core/errors';
import type { Cell, ReadonlyGrid } from '../workflows/workbook';
import { normalizeHeader, type ColumnSpec, type TabSpec } from './schema';

/** A tab's rows with its header resolved: columns are reached by key, whatever their position. */
export interface Table {
  tabName: string;
  header: string[];
  /** Column key → 0-based column index, for the columns the spec knows and the tab has. */
  columns: Map<string, number>;
  rows: (readonly Cell[])[];
  /** 1-based sheet row number of each data row. */
  rowNumbers: number[];
}

export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  return typeof cell === 'string' ? cell.trim() : String(cell);
}

export function matchColumn(header: string, column: ColumnSpec): boolean {
  const name = normalizeHeader(header);
  return [column.ko, column.en, column.key, ...column.aliases].some((alias) => normalizeHeader(alias) === name);
}

/**
 * Reads a tab whose first non-empty row is its header. A required column that is missing is an
 * error naming the tab and the column in both languages; unknown columns are simply carried.
 */
export function readTable(grid: ReadonlyGrid, spec: TabSpec, tabName: string): Table {
  const headerIndex = grid.findIndex((row) => row.some((cell) => cellText(cell) !== ''));
  const header = headerIndex < 0 ? [] : grid[headerIndex].map((cell) => cellText(cell));
  const columns = new Map<string, number>();
  for (const column of spec.columns) {
    const index = header.findIndex((h) => h !== '' && matchColumn(h, column));
    if (index >= 0) columns.set(column.key, index);
    else if (column.required) {
      throw new UserError(
        'missing_column',
        `'${tabName}' 탭에 '${column.ko}' 열이 없습니다 / The '${tabName}' tab has no '${column.en}' column`,
      );
    }
  }
  const rows: (readonly Cell[])[] = [];
  const rowNumbers: number[] = [];
  for (let i = headerIndex + 1; headerIndex >= 0 && i < grid.length; i++) {
    if (grid[i].every((cell) => cellText(cell) === '')) continue;
    rows.push(grid[i]);
    rowNumbers.push(i + 1);
  }
  return { tabName, header, columns, rows, rowNumbers };
}

/** The text of a row's cell in the column with this key ('' when the tab lacks the column). */
export function field(table: Table, row: readonly Cell[], key: string): string {
  const index = table.columns.get(key);
  return index === undefined ? '' : cellText(row[index]);
}

export function rawField(table: Table, row: readonly Cell[], key: string): Cell {
  const index = table.columns.get(key);
  return index === undefined ? null : (row[index] ?? null);
}
