/**
 * The seam between workflows and hosts. Each method is one batched call on the host
 * (one Range read or write in Apps Script), so the number of service calls never grows
 * with the number of rows.
 */
export type Cell = string | number | boolean | null;
export type Grid = Cell[][];

export interface WriteOptions {
  /** Rows to keep visible while scrolling (the header block). */
  frozenRows?: number;
  /** 1-based row numbers to draw bold (headers). */
  boldRows?: number[];
}

export interface Workbook {
  /** Tab names in display order. */
  tabNames(): string[];
  /** Every cell of a tab, header included; null when the tab does not exist. */
  readTab(name: string): Grid | null;
  /** Replaces the whole content of a tab, creating it when missing. */
  writeTab(name: string, rows: Grid, options?: WriteOptions): void;
  /**
   * Writes a block of cells with its top-left corner at 1-based (row, column), leaving every
   * other cell of the tab as it was (staff input next to computed columns). The tab must exist.
   */
  writeRange(name: string, row: number, column: number, rows: Grid): void;
  /** Adds rows below the last non-empty row, creating the tab when missing. */
  appendRows(name: string, rows: Grid): void;
  /** A per-document secret kept out of cells (the voter-key salt). */
  getSecret(key: string): string | null;
  setSecret(key: string, value: string): void;
}
