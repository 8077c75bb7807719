/**
 * The seam between workflows and hosts. Each method is one batched call on the host
 * (one Range read or write in Apps Script), so the number of service calls never grows
 * with the number of rows.
 */
import type { FormatSpan } from '../sheets/typedCells';

export type Cell = string | number | boolean | null;
export type Grid = Cell[][];
/** Cells to read and never change (a host may hand out the rows it stores). */
export type ReadonlyGrid = readonly (readonly Cell[])[];

/** A cell to colour (1-based row and column of the written grid), e.g. a failing check. */
export interface Fill {
  row: number;
  col: number;
  /** `#rrggbb` */
  color: string;
}

export interface WriteOptions {
  /** Rows to keep visible while scrolling (the header block). */
  frozenRows?: number;
  /** 1-based row numbers to draw bold (headers). */
  boldRows?: number[];
  /** Keep the tab out of sight (the import staging tab): staff should never edit it by hand. */
  hidden?: boolean;
  /**
   * Cells to colour. When given (even empty), every other cell of the tab loses its colour, so a
   * rewritten tab shows only this run's highlights. Hosts apply all fills in one call.
   */
  fills?: Fill[];
  /**
   * Number formats of written cells (ids as text, amounts `#,##0`, shares `0.0%`), so that what people
   * type next to them stays what they typed, and numbers print as numbers. Cells no span covers get
   * the host's default for their value (text as text). Hosts apply them in the same batched write.
   */
  formats?: FormatSpan[];
  /** How the tab prints (결과, 검증, 통계, 검토, 집행): see PageSetup. */
  pageSetup?: PageSetup;
  /**
   * Rows and columns the tab keeps beyond the written cells, empty: room for the charts drawn on
   * it next (chartRoom), so that a host that fits a grid to its content (Sheets) does not cut the
   * grid down only to grow it again for the charts. Hosts without a grid of their own ignore it.
   */
  room?: { rows: number; columns: number };
}

/**
 * A tab that prints: on A4, scaled to one page wide (as many pages tall as it needs), in this
 * orientation, with rows `repeatRows.from`..`to` (1-based, the table's header) at the top of every
 * page. Hosts do what their platform allows; src/gas/sheetsWorkbook.ts says what Sheets cannot.
 */
export interface PageSetup {
  orientation: 'portrait' | 'landscape';
  repeatRows?: { from: number; to: number };
}

/** A block of cells, 1-based, for charts. */
export interface CellRange {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** A native chart over cells of the same tab (first range holds the labels, the rest the series). */
export interface ChartSpec {
  title: string;
  kind: 'bar' | 'column' | 'line';
  ranges: CellRange[];
  anchor: { row: number; col: number };
}

/** The rows and columns a tab needs for its charts to sit on cells of its grid (WriteOptions.room). */
export function chartRoom(charts: readonly ChartSpec[]): { rows: number; columns: number } {
  return { rows: Math.max(0, ...charts.map((c) => c.anchor.row)), columns: Math.max(0, ...charts.map((c) => c.anchor.col)) };
}

export interface Workbook {
  /** Tab names in display order. */
  tabNames(): string[];
  /**
   * Whether a tab of exactly this name exists, for a host where listing every tab costs a call a
   * tab (Sheets: one getSheetByName instead of getSheets and a getName per tab). Optional;
   * tabNames is the fallback. Use findTab (src/workflows/tabs.ts), which asks this first.
   */
  hasTab?(name: string): boolean;
  /**
   * True for a host that hands back what it holds without asking a service (memory, the .xlsx
   * file's cells, a job's recorded writes): a workflow may then read a tab right after writing it
   * at no cost. Absent on Sheets, where that read is the tab's cells fetched again.
   */
  readonly readsAreLocal?: boolean;
  /** Every cell of a tab, header included; null when the tab does not exist. */
  readTab(name: string): Grid | null;
  /**
   * readTab for a caller that only reads: a host that keeps its cells in memory may return them
   * without copying. Optional; readTab is the fallback.
   */
  readRows?(name: string): ReadonlyGrid | null;
  /** Replaces the whole content of a tab, creating it when missing. */
  writeTab(name: string, rows: Grid, options?: WriteOptions): void;
  /**
   * Writes a block of cells with its top-left corner at 1-based (row, column), leaving every
   * other cell of the tab as it was (staff input next to computed columns). The tab must exist.
   */
  writeRange(name: string, row: number, column: number, rows: Grid): void;
  /**
   * Grows a tab's grid to at least `rows` rows, writing no cell: a write in pieces (a job's 투표
   * rows) grows it once for all of them instead of once a piece. Optional: hosts without a grid of
   * their own (memory, .xlsx) leave it out; writeRange grows the grid anyway where it must.
   */
  reserveRows?(name: string, rows: number): void;
  /** Adds rows below the last non-empty row, creating the tab when missing. */
  appendRows(name: string, rows: Grid): void;
  /** A per-document secret kept out of cells (the voter-key salt). */
  getSecret(key: string): string | null;
  setSecret(key: string, value: string): void;
  /**
   * Where the host looks for the document's key (the voter-key salt), for the message that refuses
   * to go on without it: a key file's path in the CLI. Optional; Sheets keeps it in document properties.
   */
  keyLocation?(): string;
  /**
   * 1-based row numbers of a tab's rows that hold a formula in any cell (readTab gives a formula's
   * saved result, which a person may have written to change with the day). Optional: a host that
   * cannot tell leaves it out, and formulas then go unseen.
   */
  formulaRows?(name: string): ReadonlySet<number>;
  /**
   * Replaces every chart on a tab the tool owns with these (so re-running never duplicates them).
   * Optional: a host without native charts (the .xlsx host) leaves them to the HTML report.
   */
  replaceCharts?(name: string, charts: ChartSpec[]): void;
  /** Warns editors before they change a tab the tool writes (results, set-aside, audit). Optional. */
  protectTab?(name: string, description: string): void;
  /** True for a tab the host was asked not to parse (the .xlsx host's OpenOptions.unread). Optional. */
  leftUnread?(name: string): boolean;
  /** Removes a tab; hosts without it leave an empty tab behind instead. */
  deleteTab?(name: string): void;
  /**
   * Makes every write so far durable before the caller records that it happened (a job's
   * checkpoint): Apps Script batches spreadsheet writes until SpreadsheetApp.flush() or a read,
   * while document properties are written at once. Hosts that write at once leave it out.
   */
  flush?(): void;
}
