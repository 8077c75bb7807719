/**
 * Sheets' cell cap, checked before an import begins: a spreadsheet holds at most 10,000,000 cells,
 * counting every cell of every tab's grid, empty ones too (support.google.com/drive/answer/37603).
 * An import that would pass it fails half-way in Sheets (an insert refused); refusing it up front,
 * in one line that says how many ballots still fit, loses nothing.
 *
 * What an import needs per ballot: one row of 투표 (or 제외, for a row set aside) as wide as that tab,
 * and while it is being counted, its share of the packed staging and job tabs (rows of JSON, 40,000
 * characters a cell: a few hundredths of a cell per ballot; TRANSIENT_PER_BALLOT is generous).
 * RESERVE leaves room for the tabs a tally writes and the small tabs the tool creates.
 */
import { UserError } from '../core/errors';
import { findTabName, TABS } from '../sheets/schema';
import type { SheetsWorkbook } from './sheetsWorkbook';

export const CELL_LIMIT = 10_000_000;
/** Cells of a 투표 row: the tab's nine columns. */
export const BALLOT_COLUMNS = TABS.ballots.columns.length;
export const TRANSIENT_PER_BALLOT = 0.25;
export const RESERVE = 20_000;

export interface CellBudget {
  used: number;
  /** Cells one more ballot takes while it is imported. */
  perBallot: number;
  /** Ballots an import may still bring. */
  ballotsLeft: number;
}

export function cellBudget(wb: SheetsWorkbook): CellBudget {
  const grids = wb.gridCells();
  let used = 0;
  for (const { rows, columns } of grids.values()) used += rows * columns;
  const names = [...grids.keys()];
  // A row lands in 투표 or 제외, as wide as that tab already is (a tab from an older version may be wider).
  let width = BALLOT_COLUMNS;
  for (const spec of [TABS.ballots, TABS.setAside]) {
    const name = findTabName(names, spec);
    const grid = name === null ? undefined : grids.get(name);
    if (grid !== undefined) width = Math.max(width, grid.columns);
  }
  const perBallot = width + TRANSIENT_PER_BALLOT;
  return { used, perBallot, ballotsLeft: Math.max(0, Math.floor((CELL_LIMIT - RESERVE - used) / perBallot)) };
}

/** Refuses, in one line, an import of `ballots` rows that would take the spreadsheet past the cap. */
export function refuseOverCellBudget(wb: SheetsWorkbook, ballots: number): void {
  const budget = cellBudget(wb);
  if (ballots <= budget.ballotsLeft) return;
  const n = (x: number): string => x.toLocaleString('en-US');
  throw new UserError(
    'cell_limit',
    `스프레드시트의 셀 한도(1,000만 칸)를 넘게 됩니다: 투표 ${n(budget.ballotsLeft)}표까지 더 가져올 수 있는데 이 파일은 ${n(ballots)}표입니다. 새 스프레드시트에 가져오거나 파일을 나누세요 / ` +
      `This would pass the spreadsheet's 10,000,000-cell limit: it can take ${n(budget.ballotsLeft)} more ballots and this file has ${n(ballots)}. Import into a new spreadsheet or split the file`,
  );
}
