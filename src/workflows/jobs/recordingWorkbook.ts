/**
 * A Workbook that reads through to a real one and records every write instead of making it. Run
 * the ordinary one-shot workflow (importTable, runTally) over it, and `ops` is exactly what that
 * workflow would have written, in order — so the resumable path cannot drift from the one-shot
 * path: it is the same code, with the writes replayed later in steps.
 *
 * Every recorded write is made idempotent here, because a resumed job may repeat the write it was
 * doing when the execution stopped:
 * - `appendRows` becomes a write at the row the append would have reached (a fixed position), so
 *   writing it again puts the same cells in the same place instead of adding them twice;
 * - an append to a tab named by `appendOnce` (이력) stays an append, but one that first looks
 *   whether its row is already there (another writer, the reminder trigger, may add rows to 이력
 *   between two steps, so a fixed position could overwrite its row);
 * - writeTab, writeRange, replaceCharts, protectTab and deleteTab are idempotent already.
 * Later reads in the same run see the recorded writes (an overlay), as they would see real ones.
 */
import type { ChartSpec, Grid, Workbook, WriteOptions } from '../workbook';

export type PlannedOp =
  /** `before`: the tab as it was (null: no such tab), kept when the job can be cancelled. */
  | { kind: 'writeTab'; name: string; rows: Grid; options: WriteOptions; before?: Grid | null }
  /**
   * `before`: the cells the write covers as they were, kept when the job can be cancelled and any had content.
   * `gridRows`: on a piece of a longer write (splitOps), the last row the whole write reaches, so that
   * the host grows the grid once for every piece (Workbook.reserveRows).
   */
  | { kind: 'writeRange'; name: string; row: number; column: number; rows: Grid; before?: Grid; gridRows?: number }
  /** Append unless a row equal to one of `rows` already stands below row `after`. */
  | { kind: 'appendOnce'; name: string; after: number; rows: Grid }
  | { kind: 'replaceCharts'; name: string; charts: ChartSpec[] }
  | { kind: 'protectTab'; name: string; description: string }
  | { kind: 'deleteTab'; name: string };

const copyGrid = (rows: Grid): Grid => rows.map((row) => row.map((cell) => (cell === undefined ? null : cell)));

/** Rows up to the last one with content: where Sheets' getLastRow (and so appendRows) stops. */
export function filledLength(grid: Grid): number {
  let n = grid.length;
  while (n > 0 && grid[n - 1].every((c) => c === null || c === '')) n--;
  return n;
}

export class RecordingWorkbook implements Workbook {
  /** A tab it has written (or read) is read again from its overlay, not from the host. */
  readonly readsAreLocal = true;
  readonly ops: PlannedOp[] = [];
  /** Tab contents as the recorded writes left them (null: deleted). */
  private readonly overlay = new Map<string, Grid | null>();
  private names: string[] | null = null;
  /** Tabs the recorded writes create, while the real tabs are not listed yet. */
  private readonly added: string[] = [];
  hasTab?: (name: string) => boolean;
  replaceCharts?: (name: string, charts: ChartSpec[]) => void;
  protectTab?: (name: string, description: string) => void;
  deleteTab?: (name: string) => void;
  keyLocation?: () => string;
  formulaRows?: (name: string) => ReadonlySet<number>;

  /**
   * `keepBefore`: record what each write replaces, so the job's writes can be undone (an import
   * cancelled half-way). A tally's tabs are all derived and rewritten by the next tally: it does not.
   */
  constructor(
    private readonly real: Workbook,
    private readonly appendOnce: (name: string) => boolean,
    private readonly keepBefore = false,
  ) {
    // Optional host features stay optional: a workflow that checks for them sees what the host has.
    if (real.hasTab) this.hasTab = (name) => this.exists(name);
    if (real.replaceCharts) this.replaceCharts = (name, charts) => this.record({ kind: 'replaceCharts', name, charts: JSON.parse(JSON.stringify(charts)) as ChartSpec[] });
    if (real.protectTab) this.protectTab = (name, description) => this.record({ kind: 'protectTab', name, description });
    if (real.keyLocation) this.keyLocation = () => (real.keyLocation as () => string).call(real);
    // A tab this job rewrote holds what the job wrote (values); the others are as the host has them.
    if (real.formulaRows) this.formulaRows = (name) => (this.ops.some((op) => op.name === name) ? new Set<number>() : (real.formulaRows as (name: string) => ReadonlySet<number>).call(real, name));
    if (real.deleteTab) {
      this.deleteTab = (name) => {
        this.record({ kind: 'deleteTab', name });
        this.overlay.set(name, null);
        this.names = this.tabNames().filter((n) => n !== name);
      };
    }
  }

  tabNames(): string[] {
    if (this.names === null) {
      const real = this.real.tabNames();
      this.names = [...real, ...this.added.filter((name) => !real.includes(name))];
    }
    return [...this.names];
  }

  readTab(name: string): Grid | null {
    if (!this.overlay.has(name)) {
      if (!this.exists(name)) return null;
      this.overlay.set(name, this.real.readTab(name));
    }
    const grid = this.overlay.get(name);
    return grid ? copyGrid(grid) : null;
  }

  writeTab(name: string, rows: Grid, options: WriteOptions = {}): void {
    const before = this.keepBefore ? { before: this.readTab(name) } : {};
    this.record({ kind: 'writeTab', name, rows: copyGrid(rows), options: { ...options }, ...before });
    this.overlay.set(name, copyGrid(rows));
    this.created(name);
  }

  writeRange(name: string, row: number, column: number, rows: Grid): void {
    const grid = this.readTab(name);
    if (grid === null) throw new Error(`no tab ${name}`);
    this.record({ kind: 'writeRange', name, row, column, rows: copyGrid(rows), ...this.cellsBefore(grid, row, column, rows) });
    rows.forEach((cells, r) => {
      while (grid.length < row + r) grid.push([]);
      const target = grid[row - 1 + r];
      while (target.length < column - 1) target.push(null);
      cells.forEach((cell, c) => {
        target[column - 1 + c] = cell;
      });
    });
    this.overlay.set(name, grid);
  }

  appendRows(name: string, rows: Grid): void {
    const grid = this.readTab(name);
    if (grid === null) {
      // A new tab: the append lands at row 1, which a whole-tab write does the same way.
      this.writeTab(name, rows);
      return;
    }
    if (rows.length === 0) return;
    const base = filledLength(grid);
    if (this.appendOnce(name)) this.record({ kind: 'appendOnce', name, after: base, rows: copyGrid(rows) });
    else this.record({ kind: 'writeRange', name, row: base + 1, column: 1, rows: copyGrid(rows), ...this.cellsBefore(grid, base + 1, 1, rows) });
    this.overlay.set(name, [...grid.slice(0, base), ...copyGrid(rows)]);
  }

  getSecret(key: string): string | null {
    return this.real.getSecret(key);
  }

  /** Secrets (the voter-key salt) are written at once: creating one is idempotent (it is read first). */
  setSecret(key: string, value: string): void {
    this.real.setSecret(key, value);
  }

  /** The block a write covers, as it was; nothing when not kept or all blank (the usual append). */
  private cellsBefore(grid: Grid, row: number, column: number, rows: Grid): { before?: Grid } {
    if (!this.keepBefore) return {};
    let any = false;
    const before = rows.map((cells, r) =>
      cells.map((_, c) => {
        const cell = grid[row - 1 + r]?.[column - 1 + c] ?? null;
        if (cell !== null && cell !== '') any = true;
        return cell;
      }),
    );
    return any ? { before } : {};
  }

  private record(op: PlannedOp): void {
    this.ops.push(op);
  }

  private created(name: string): void {
    if (this.names === null) {
      if (!this.added.includes(name)) this.added.push(name);
    } else if (!this.names.includes(name)) this.names = [...this.names, name];
  }

  /** Whether the tab is there as the recorded writes left it, asking the host by name while it can. */
  private exists(name: string): boolean {
    if (this.names !== null) return this.names.includes(name);
    if (this.overlay.has(name)) return this.overlay.get(name) !== null;
    if (this.added.includes(name)) return true;
    return this.real.hasTab ? this.real.hasTab(name) : this.real.tabNames().includes(name);
  }
}
