/**
 * Resumable import and tally (src/workflows/jobs/engine.ts) over the in-memory workbook:
 * - a clock that runs out mid-way stops the job at an operation boundary, later executions resume
 *   it, and the tabs end up exactly as the one-shot importTable + runTally leave them;
 * - an execution killed before any one of its writes (property test over the crash point), then
 *   resumed, never counts a ballot twice and ends with the same tabs.
 */
import fc from 'fast-check';
import { formatSeoulTimestamp, parseSeoulTimestamp } from '../../src/core/datetime';
import { fingerprintTable } from '../../src/sheets/fingerprint';
import { importTable, initWorkbook, runTally } from '../../src/workflows';
import type { HostContext } from '../../src/workflows/context';
import { cancelJobStep, JOB_TAB, readJob, runJobStep, type JobStep } from '../../src/workflows/jobs/engine';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { cancelOpenJob, continueOpenJob, tallyJob } from '../../src/workflows/resumable';
import { addStagedChunk, beginStagedImport, finishStagedImport, STAGING_TAB, stagedImportJob } from '../../src/workflows/stagedImport';
import type { Cell, ChartSpec, Grid, Workbook, WriteOptions } from '../../src/workflows/workbook';
import { testContext } from '../helpers/context';

const T0 = Date.UTC(2020, 6, 14, 5, 0, 0);
/** One secret for every call, so the salt (and so every voter key) is the same on both paths. */
const fixedSecret = (): string => 'fixed-secret-0123456789abcdef0123456789';

function context(now: () => number = () => T0): HostContext {
  return testContext({ now, randomSecret: fixedSecret });
}

function setUp(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook(wb, context());
  wb.writeTab('설정', [['항목', '값'], ['총예산', '100,000,000'], ['선택 수', '2'], ['투표 시작', '2020-07-06'], ['투표 종료', '2020-07-13']]);
  wb.writeTab('의제', [
    ['번호', '의제명', '분야', '사업비'],
    ['A01', '마을축제', '문화', '6천만원'],
    ['A02', '방역 봉사단', '안전', '50,000,000'],
    ['A03', '마을장터', '경제', '3천만'],
    ['A04', '=HYPERLINK("x")', '문화', '1억'],
  ]);
  // An earlier import: its voters voting again in the new file are second votes.
  importTable(wb, context(), { fileName: 'first.csv', encoding: 'utf-8', rows: exportRows(12, 0) });
  return wb;
}

/** Voters `from`..`from+n-1`, with a duplicate voter, unknown agendas, empty ballots and late votes mixed in. */
function exportRows(n: number, from: number): string[][] {
  const rows = [['투표자', '투표일시', '선택1', '선택2']];
  for (let i = 0; i < n; i++) {
    const v = from + i;
    const day = 6 + (v % 9); // some after the window closes on the 13th
    rows.push([
      `010-0000-${String(1000 + (v % 37 === 5 ? 1 : v))}`,
      `2020-07-${String(day).padStart(2, '0')} 10:${String(v % 60).padStart(2, '0')}`,
      ['A01', 'A02', 'A03', 'A04', 'A99', ''][v % 6],
      ['A03', '', 'A01', 'A02'][v % 4],
    ]);
  }
  return rows;
}

function clone(wb: MemoryWorkbook): MemoryWorkbook {
  const out = new MemoryWorkbook();
  for (const [name, grid] of wb.tabs) out.tabs.set(name, grid.map((row) => [...row]));
  for (const [name, f] of wb.formats) out.formats.set(name, { ...f });
  for (const [k, v] of wb.secrets) out.secrets.set(k, v);
  for (const [k, v] of wb.charts) out.charts.set(k, v);
  for (const [k, v] of wb.protectedTabs) out.protectedTabs.set(k, v);
  return out;
}

/** What a person sees: every tab but the tool's hidden ones, trailing blanks trimmed, 이력's time column blanked. */
function visible(wb: MemoryWorkbook): Record<string, unknown> {
  const tabs: Record<string, Grid> = {};
  for (const [name, grid] of wb.tabs) {
    if (name.startsWith('_civic')) continue;
    const rows = grid.map((row) => {
      const cells = row.map((c) => (c === null ? '' : c));
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      return cells;
    });
    while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
    tabs[name] = name === '이력' ? rows.map((row, i) => (i === 0 ? row : ['(when)', ...row.slice(1)])) : rows;
  }
  const formats = Object.fromEntries([...wb.formats].filter(([n]) => !n.startsWith('_civic')));
  return { tabs, formats, charts: Object.fromEntries(wb.charts), protectedTabs: Object.fromEntries(wb.protectedTabs), salt: wb.secrets.get('civicSheets.voterSalt') };
}

const NEW_FILE = exportRows(83, 7);

/** The reference: the same file imported and tallied in one go each. */
function oneShot(): { wb: MemoryWorkbook; report: ReturnType<typeof importTable>; tally: ReturnType<typeof runTally> } {
  const wb = setUp();
  const report = importTable(wb, context(), { fileName: 'x.csv', encoding: 'utf-8', rows: NEW_FILE });
  const tally = runTally(wb, context());
  return { wb, report, tally };
}

/** Stages the file in chunks of 20 rows, as the sidebar does; returns the import id and chunk count. */
function stage(wb: Workbook, ctx: HostContext): { importId: string; chunks: number } {
  const { importId } = beginStagedImport(wb, ctx, { fileName: 'x.csv', encoding: 'utf-8', fingerprint: fingerprintTable(NEW_FILE), rowCount: NEW_FILE.length });
  let chunks = 0;
  for (let at = 0; at < NEW_FILE.length; at += 20) addStagedChunk(wb, ctx, { importId, index: chunks++, rows: NEW_FILE.slice(at, at + 20) });
  return { importId, chunks };
}

describe('a clock that runs out mid-way', () => {
  test('each execution stops at an operation boundary; resumed, the tabs equal the one-shot result', () => {
    const reference = oneShot();
    const wb = setUp();
    const { importId, chunks } = stage(wb, context());

    // Every look at the clock costs 90 s of a 270 s budget: two or three operations per execution.
    let t = T0;
    const ctx = context(() => (t += 90_000));
    const budget = 270_000;
    const executions: JobStep<unknown>[] = [runJobStep(wb, ctx, stagedImportJob(ctx, importId, chunks), budget, 10)];
    const progress: number[] = [];
    while (!executions[executions.length - 1].done) {
      const last = executions[executions.length - 1];
      if (!last.done) progress.push(last.progress.done);
      // Between executions the job is open: another tally is refused with who started it and when.
      expect(() => runJobStep(wb, context(), tallyJob(context()), budget)).toThrow(/다른 가져오기 작업이 진행 중입니다 \(tester@example\.org, 14:0\d 시작, \d+\/\d+\).*Another import is in progress/);
      const next = continueOpenJob(wb, ctx, budget);
      if (next.kind !== 'import') throw new Error('the import job vanished');
      executions.push(next.step);
    }
    expect(executions.length).toBeGreaterThan(3);
    // Stopped by the budget, never mid-operation: each stop leaves the checkpoint on a whole operation.
    // Progress only moves forward, by whole operations.
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(new Set(progress).size).toBe(progress.length);
    const done = executions[executions.length - 1];
    expect(done.done && done.result).toEqual(reference.report);
    expect(wb.tabs.has(STAGING_TAB)).toBe(false);
    expect(wb.tabs.has(JOB_TAB)).toBe(false);
    expect(readJob(wb)).toBeNull();

    let tally = runJobStep(wb, ctx, tallyJob(ctx), budget, 10);
    let tallyExecutions = 1;
    while (!tally.done) {
      const next = continueOpenJob(wb, ctx, budget);
      if (next.kind !== 'tally') throw new Error('the tally job vanished');
      tally = next.step;
      tallyExecutions++;
    }
    expect(tallyExecutions).toBeGreaterThan(1);
    expect(tally.result).toEqual(reference.tally);
    expect(visible(wb)).toEqual(visible(reference.wb));
    // The blanked column held real times: the import's and the tally's rows were written at plan time.
    const audit = wb.tabs.get('이력') as Grid;
    expect(audit.slice(1).every((row) => parseSeoulTimestamp(String(row[0])) !== null)).toBe(true);
  });

  test('the one-call finish (no budget) gives the one-shot report and tabs', () => {
    const reference = oneShot();
    const wb = setUp();
    const { importId, chunks } = stage(wb, context());
    expect(finishStagedImport(wb, context(), importId, chunks)).toEqual(reference.report);
    runJobStep(wb, context(), tallyJob(context()), Number.POSITIVE_INFINITY);
    expect(visible(wb)).toEqual(visible(reference.wb));
    expect(formatSeoulTimestamp(T0)).toBe((wb.tabs.get('이력') as Grid)[3][0]);
  });

  test('a chunk written twice by a resumed job lands on the same rows (idempotent operations)', () => {
    const reference = oneShot();
    const wb = setUp();
    const { importId, chunks } = stage(wb, context());
    const spec = stagedImportJob(context(), importId, chunks);
    // Stop after planning plus two operations, then roll the checkpoint back one operation as a
    // crash between a write and its checkpoint would leave it.
    let calls = 0;
    const ctx = context(() => T0 + (calls++ >= 3 ? 1e9 : 0));
    const first = runJobStep(wb, ctx, spec, 1000, 10);
    expect(first.done).toBe(false);
    const record = readJob(wb);
    expect(record?.next).toBe(2);
    wb.setSecret('civicSheets.job', JSON.stringify({ ...record, next: 1 }));
    const rest = runJobStep(wb, context(), spec, Number.POSITIVE_INFINITY);
    expect(rest.done).toBe(true);
    runTally(wb, context());
    expect(visible(wb)).toEqual(visible(reference.wb));
  });
});

/** Throws a simulated timeout instead of making write number `crashAt` (counting every write, checkpoints included). */
class CrashingWorkbook implements Workbook {
  writes = 0;
  replaceCharts?: (name: string, charts: ChartSpec[]) => void;
  protectTab?: (name: string, description: string) => void;
  deleteTab?: (name: string) => void;

  constructor(
    private readonly inner: MemoryWorkbook,
    private readonly crashAt: number,
  ) {
    this.replaceCharts = (name, charts) => this.write(() => inner.replaceCharts(name, charts));
    this.protectTab = (name, description) => this.write(() => inner.protectTab(name, description));
    this.deleteTab = (name) => this.write(() => inner.deleteTab(name));
  }
  tabNames(): string[] {
    return this.inner.tabNames();
  }
  readTab(name: string): Grid | null {
    return this.inner.readTab(name);
  }
  writeTab(name: string, rows: Grid, options?: WriteOptions): void {
    this.write(() => this.inner.writeTab(name, rows, options));
  }
  writeRange(name: string, row: number, column: number, rows: Cell[][]): void {
    this.write(() => this.inner.writeRange(name, row, column, rows));
  }
  appendRows(name: string, rows: Grid): void {
    this.write(() => this.inner.appendRows(name, rows));
  }
  getSecret(key: string): string | null {
    return this.inner.getSecret(key);
  }
  setSecret(key: string, value: string): void {
    this.write(() => this.inner.setSecret(key, value));
  }
  private write(fn: () => void): void {
    this.writes++;
    if (this.writes === this.crashAt) throw new Error('Exceeded maximum execution time (simulated)');
    fn();
  }
}

describe('a crash before any write, then resume', () => {
  const reference = oneShot();

  /**
   * Runs a job, killing executions at the given write numbers (counted afresh in each execution),
   * and resuming after each kill the way a caller does, until it is done.
   */
  function runWithCrashes(wb: MemoryWorkbook, execute: (w: Workbook) => JobStep<unknown>, crashes: number[]): number {
    let crashed = 0;
    for (const crashAt of [...crashes, 0]) {
      const host = new CrashingWorkbook(wb, crashAt);
      try {
        for (let guard = 0; guard < 1000; guard++) if (execute(host).done) return crashed;
        throw new Error('the job never finished');
      } catch (err) {
        if (!/simulated/.test(String(err))) throw err;
        crashed++;
      }
    }
    return crashed;
  }

  test('import: rows counted once and tabs equal to the one-shot import (every crash point)', () => {
    // Writes made by an uninterrupted run bound the crash points worth trying.
    const probe = setUp();
    const staged = stage(probe, context());
    const counter = new CrashingWorkbook(probe, -1);
    runJobStep(counter, context(), stagedImportJob(context(), staged.importId, staged.chunks), Number.POSITIVE_INFINITY, 10);
    const totalWrites = counter.writes;
    expect(totalWrites).toBeGreaterThan(15);

    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: totalWrites }), { minLength: 1, maxLength: 3 }), (crashPoints) => {
        const wb = setUp();
        const { importId, chunks } = stage(wb, context());
        // Each later execution counts its writes afresh: crash points are per execution.
        // The sidebar asks to finish the same upload again until it is done: that starts, resumes, or (after the
        // checkpoint closed) finds the file in 이력 and only cleans up.
        const crashed = runWithCrashes(wb, (w) => runJobStep(w, context(), stagedImportJob(context(), importId, chunks), 5_000, 10), crashPoints);
        expect(crashed).toBeGreaterThan(0);
        expect(wb.tabs.has(STAGING_TAB)).toBe(false);
        expect(readJob(wb)).toBeNull();
        runTally(wb, context());
        expect(visible(wb)).toEqual(visible(reference.wb));
      }),
      { numRuns: 60 },
    );
  });

  test('tally: the same result tabs and one 이력 row, wherever it was cut', () => {
    const imported = setUp();
    importTable(imported, context(), { fileName: 'x.csv', encoding: 'utf-8', rows: NEW_FILE });
    const counter = new CrashingWorkbook(clone(imported), -1);
    runJobStep(counter, context(), tallyJob(context()), Number.POSITIVE_INFINITY, 10);
    const totalWrites = counter.writes;

    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: totalWrites }), { minLength: 1, maxLength: 3 }), (crashPoints) => {
        const wb = clone(imported);
        const tallies = (): number => (wb.tabs.get('이력') as Grid).filter((row) => row[2] === '개표').length;
        const before = tallies();
        // Resuming continues the open tally; only when the kill came before the job was even recorded
        // (nothing written) does the person click Tally again.
        runWithCrashes(
          wb,
          (w) => {
            const next = continueOpenJob(w, context(), 5_000, 10);
            if (next.kind === 'tally') return next.step;
            if (tallies() > before) return { done: true, result: null };
            return runJobStep(w, context(), tallyJob(context()), 5_000, 10);
          },
          crashPoints,
        );
        expect(readJob(wb)).toBeNull();
        expect(visible(wb)).toEqual(visible(reference.wb));
      }),
      { numRuns: 60 },
    );
  });
});

describe('cancelling the open job', () => {
  /** The tabs without 이력, and 이력's rows: a cancel adds one row there and changes nothing else. */
  function split(wb: MemoryWorkbook): { tabs: unknown; audit: Grid } {
    const { tabs, ...rest } = visible(wb) as { tabs: Record<string, Grid> };
    const { 이력: audit, ...others } = tabs;
    return { tabs: { ...others, ...rest }, audit };
  }

  /** Plans the staged import (stepping 10 rows), then writes `steps` of its operations. */
  function importWritten(steps: number): { wb: MemoryWorkbook; total: number } {
    const wb = setUp();
    const ctx = context();
    const { importId, chunks } = stage(wb, ctx);
    const first = runJobStep(wb, ctx, stagedImportJob(ctx, importId, chunks), 0, 10);
    if (first.done) throw new Error('the import finished in its planning step');
    for (let i = 0; i < steps; i++) continueOpenJob(wb, ctx, 0, 10);
    return { wb, total: first.progress.total };
  }

  test('an import cancelled after any number of written steps leaves every tab as it was', () => {
    const { total } = importWritten(0);
    expect(total).toBeGreaterThan(5);
    const before = split(setUp());
    for (const steps of [0, 1, 4, total - 1]) {
      const { wb } = importWritten(steps);
      expect(readJob(wb)?.next).toBe(steps);
      const cancelled = cancelOpenJob(wb, context());
      expect(cancelled.done).toBe(true);
      const after = split(wb);
      expect(after.tabs).toEqual(before.tabs);
      expect(after.audit.slice(0, -1)).toEqual(before.audit);
      expect(after.audit.at(-1)?.slice(1, 4)).toEqual(['tester@example.org', '작업 취소', expect.stringContaining('가져오기') as unknown as string]);
      expect(readJob(wb)).toBeNull();
      expect(wb.tabs.has(JOB_TAB)).toBe(false);
      expect(wb.tabs.has(STAGING_TAB)).toBe(false);
      // The same file then imports as if the cancelled attempt had never been.
      const report = importTable(wb, context(), { fileName: 'x.csv', encoding: 'utf-8', rows: NEW_FILE });
      expect(report).toEqual(oneShot().report);
      expect(wb.tabs.get('투표')).toEqual(oneShotImport().tabs.get('투표'));
    }
  });

  test('cancelling goes step by step when the clock runs out, and nothing else may start meanwhile', () => {
    const { wb } = importWritten(5);
    const first = cancelOpenJob(wb, context(), 0);
    // Six to undo: the five written and the one after the checkpoint (it may have been struck half-way).
    expect(first).toMatchObject({ done: false, progress: { kind: 'import', done: 5, cancelling: true } });
    expect(() => runJobStep(wb, context(), tallyJob(context()))).toThrow(/가져오기 작업을 취소하는 중입니다.*An import is being cancelled/);
    let steps = 1;
    for (let next = continueOpenJob(wb, context(), 0); ; next = continueOpenJob(wb, context(), 0)) {
      if (next.kind !== 'cancel') throw new Error(`expected the cancel to go on, got ${String(next.kind)}`);
      steps += 1;
      if (next.step.done) break;
    }
    expect(steps).toBe(6);
    expect(split(wb).tabs).toEqual(split(setUp()).tabs);
    expect(continueOpenJob(wb, context()).kind).toBeNull();
  });

  test('a tally cancelled half-way: the next tally writes what a one-shot tally writes', () => {
    const reference = oneShot();
    const wb = oneShotImport();
    const ctx = context();
    const planned = runJobStep(wb, ctx, tallyJob(ctx), 0, 10);
    expect(planned.done).toBe(false);
    continueOpenJob(wb, ctx, 0, 10);
    continueOpenJob(wb, ctx, 0, 10);
    expect(cancelOpenJob(wb, ctx).done).toBe(true);
    expect(readJob(wb)).toBeNull();
    const audit = wb.tabs.get('이력') as Grid;
    expect(audit.at(-1)?.[3]).toMatch(/^개표 취소, \d+단계 중 2단계가 기록된 채 남음/);
    runTally(wb, ctx);
    const { 이력: _cancelled, ...tabs } = (visible(wb) as { tabs: Record<string, Grid> }).tabs;
    const { 이력: _expected, ...expectedTabs } = (visible(reference.wb) as { tabs: Record<string, Grid> }).tabs;
    expect(tabs).toEqual(expectedTabs);
  });

  test('an undoable job that rewrote a tab and made a new one: cancelled, the old tab is back and the new one gone', () => {
    const wb = setUp();
    // 의제 with the header look the tool gives its tabs (frozen, bold), which the cancel must keep.
    wb.formats.set('의제', { frozenRows: 1, boldRows: [1] });
    const before = visible(wb);
    const ctx = context();
    const spec = {
      kind: 'import' as const,
      id: 'rewrite',
      undoable: true,
      plan: (w: Workbook): null => {
        // As an import widening a header does: the header frozen and bold where it was.
        w.writeTab('의제', [['번호', '의제명'], ...Array.from({ length: 25 }, (_, i) => [`B${i}`, `새 의제 ${i}`])], { frozenRows: 1, boldRows: [1] });
        w.writeTab('새 탭', [['a'], ['b']]);
        w.writeRange('설정', 2, 2, [['200,000,000']]);
        return null;
      },
    };
    const planned = runJobStep(wb, ctx, spec, 0, 10);
    expect(planned.done).toBe(false);
    for (let i = 0; i < 4; i++) runJobStep(wb, ctx, spec, 0, 10);
    expect(wb.tabs.has('새 탭')).toBe(true);
    expect(cancelJobStep(wb, ctx, spec).done).toBe(true);
    // Cells and the header's look (frozen, bold) are as before.
    expect(visible(wb)).toEqual(before);
    expect(wb.tabs.has('새 탭')).toBe(false);
  });

  test('a job being planned right now, or none, is not cancelled', () => {
    const wb = setUp();
    expect(() => cancelOpenJob(wb, context())).toThrow(/취소할 작업이 없습니다/);
    wb.setSecret('civicSheets.job', JSON.stringify({ kind: 'tally', id: 'tally', by: 'kim@example.org', since: T0 - 60_000, state: 'preparing', next: 0, total: 0 }));
    expect(() => cancelOpenJob(wb, context())).toThrow(/지금 계산 중입니다/);
    expect(readJob(wb)?.state).toBe('preparing');
  });
});

/** The file imported in one go, not tallied. */
function oneShotImport(): MemoryWorkbook {
  const wb = setUp();
  importTable(wb, context(), { fileName: 'x.csv', encoding: 'utf-8', rows: NEW_FILE });
  return wb;
}
