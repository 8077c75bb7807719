/**
 * Resumable jobs: a large import or tally done in steps that each fit well inside Apps Script's
 * 6-minute execution limit, continued by later executions (the sidebar calling again, or a
 * one-off trigger), and safe against an execution killed at any point.
 *
 * A job has two phases:
 * 1. **Plan** (one step): the ordinary one-shot workflow runs over a RecordingWorkbook, which
 *    collects its writes as idempotent operations (see recordingWorkbook.ts). Those, cut into
 *    pieces of at most STEP_ROWS rows, and the workflow's reply are stored in a hidden tab (bulk
 *    data stays in cells, where there is room); then the checkpoint — a small JSON value in the
 *    document properties — says "planned, next operation 0 of N".
 * 2. **Write** (many steps): operations are applied in order; the checkpoint moves on before each
 *    run of them. A run is one operation, or consecutive pieces of one tab's rows up to
 *    CHECKPOINT_ROWS (투표's 2,000-row pieces, five at a time), and the checkpoint says how far it
 *    reaches (`upTo`). No new operation starts once the execution has used its time budget.
 *
 * Why a crash cannot count anything twice: a checkpoint is written only after the operations it
 * records *and their writes are flushed* (Apps Script batches spreadsheet writes until
 * SpreadsheetApp.flush() or a read, while document properties are written at once: without the
 * flush a kill could lose the cells and keep the checkpoint), so the tabs are ahead of it by at
 * most one run, which it names, and every operation is idempotent (a write at a fixed position, a
 * whole-tab rewrite, or an append that first looks for its own row), so redoing that run changes
 * nothing. Google documents no more than that batching for flush ("spreadsheet operations are
 * sometimes bundled together to improve performance ... call SpreadsheetApp.flush()",
 * developers.google.com/apps-script/reference/spreadsheet; its best-practices page shows a flush
 * per loop turn as slow code), and nothing of what a killed execution's pending writes become:
 * so a checkpoint keeps its flush, and runs make fewer checkpoints. A crash during planning
 * leaves nothing in any tab the user sees: the plan is simply made again. The 이력 row is the
 * workflow's last write, so it is the last operation, alone in its run: a job is in 이력 only when
 * everything before it is in the tabs.
 *
 * While a job is open (the checkpoint exists) no other import or tally may start: operations
 * were planned against the tabs as they were, and another writer in between would move rows.
 */
import { formatSeoulTimestamp } from '../../core/datetime';
import { isUserError, UserError } from '../../core/errors';
import { findTabName, TABS } from '../../sheets/schema';
import type { HostContext } from '../context';
import type { Cell, Grid, Workbook, WriteOptions } from '../workbook';
import { filledLength, RecordingWorkbook, type PlannedOp } from './recordingWorkbook';

export type JobKind = 'import' | 'tally';

/** Hidden tab holding the planned operations of the open job. */
export const JOB_TAB = '_civic_job';
const JOB_KEY = 'civicSheets.job';
/** Rows per write operation: one batched call each, whatever the size of the whole job. */
export const STEP_ROWS = 2000;
/**
 * Rows of consecutive pieces of one tab written between two checkpoints: each checkpoint costs a
 * flush (and a property write), and a killed execution redoes at most this many rows.
 */
export const CHECKPOINT_ROWS = 5 * STEP_ROWS;
/** Stop starting new operations after 4.5 minutes: an operation takes seconds, the limit is 6 minutes. */
export const DEFAULT_BUDGET_MS = 270_000;
/** Apps Script's execution limit: a plan that started longer ago than this is no longer running. */
export const EXECUTION_LIMIT_MS = 360_000;
/** Sheets refuses cells over 50,000 characters: longer JSON is continued on the next row. */
const PIECE = 40_000;

/** The checkpoint (document properties; well under the 9 KB limit). */
export interface JobRecord {
  kind: JobKind;
  id: string;
  by: string;
  /** Epoch ms when the job (or, while 'preparing', this planning attempt) started. */
  since: number;
  /** 'cancelling': operations are being undone, last first; `next` counts those still applied. */
  state: 'preparing' | 'planned' | 'cancelling';
  /** Operations done. */
  next: number;
  /**
   * While 'planned': operations before this one may have been applied too, without a checkpoint
   * since (a run of row pieces, CHECKPOINT_ROWS); absent, only `next` may have been.
   */
  upTo?: number;
  total: number;
  /** What a later execution needs to plan again after a crash (e.g. the number of upload chunks). */
  args?: Record<string, string | number>;
}

export interface JobProgress {
  kind: JobKind;
  done: number;
  total: number;
  by: string;
  since: string;
  /** Whether the job is being cancelled (done then counts the operations still to undo). */
  cancelling?: boolean;
}

export type JobStep<T> = { done: true; result: T } | { done: false; progress: JobProgress };

export interface JobSpec<T> {
  kind: JobKind;
  id: string;
  args?: Record<string, string | number>;
  /** The one-shot workflow, run over a recording workbook. */
  plan(wb: Workbook): T;
  /** After the last operation, before the checkpoint closes, so it must be idempotent (e.g. drop the import's staging tab). */
  cleanup?(wb: Workbook, result: T): void;
  /** When planning throws or the job is cancelled: undo what the job owned (staging). */
  abandon?(wb: Workbook): void;
  /** Whether cancelling undoes the job's writes (an import). A tally's tabs are rewritten by the next tally. */
  undoable?: boolean;
}

interface StoredJob {
  ops: PlannedOp[];
  result: unknown;
}

export function readJob(wb: Workbook): JobRecord | null {
  const text = wb.getSecret(JOB_KEY);
  if (!text) return null;
  try {
    const record = JSON.parse(text) as JobRecord;
    return typeof record.kind === 'string' && typeof record.id === 'string' ? record : null;
  } catch {
    return null;
  }
}

/** Records the checkpoint, after the writes it vouches for are durable (see the module comment). */
function writeJob(wb: Workbook, record: JobRecord | null): void {
  wb.flush?.();
  wb.setSecret(JOB_KEY, record === null ? '' : JSON.stringify(record));
}

const KIND_NAMES: Record<JobKind, { ko: string; en: string }> = {
  import: { ko: '가져오기', en: 'import' },
  tally: { ko: '개표', en: 'tally' },
};

export function progressOf(record: JobRecord): JobProgress {
  return {
    kind: record.kind,
    done: record.next,
    total: record.total,
    by: record.by,
    since: formatSeoulTimestamp(record.since),
    ...(record.state === 'cancelling' ? { cancelling: true } : {}),
  };
}

/** "another import is in progress (started by X at 14:02, 3 of 10 steps)": Korean first. */
export function jobBusyError(record: JobRecord): UserError {
  const at = formatSeoulTimestamp(record.since).slice(11, 16);
  const name = KIND_NAMES[record.kind];
  const steps = record.state === 'planned' ? `, ${record.next}/${record.total}` : '';
  if (record.state === 'cancelling') {
    return new UserError(
      'job_open',
      `${name.ko} 작업을 취소하는 중입니다 (${record.by}, ${at} 시작, 되돌릴 단계 ${record.next}개). 메뉴의 '진행 중인 작업 이어서 하기'로 취소를 마치세요 / ` +
        `An ${name.en} is being cancelled (started by ${record.by} at ${at}, ${record.next} steps left to undo): finish it with 'Continue the open job' in the menu`,
    );
  }
  return new UserError(
    'job_open',
    `다른 ${name.ko} 작업이 진행 중입니다 (${record.by}, ${at} 시작${steps}). 메뉴의 '진행 중인 작업 이어서 하기'로 끝내거나 '진행 중인 작업 취소'로 취소한 뒤 다시 시도하세요 / ` +
      `Another ${name.en} is in progress (started by ${record.by} at ${at}${steps} steps done): finish it with 'Continue the open job' in the menu, or 'Cancel the open job', then try again`,
  );
}

/**
 * The open job, unless it is a plan that crashed: planning writes nothing anyone sees, so a
 * 'preparing' record older than the execution limit is dropped rather than blocking everyone.
 */
export function openJob(wb: Workbook, ctx: HostContext): JobRecord | null {
  const record = readJob(wb);
  if (record !== null && record.state === 'preparing' && ctx.now() - record.since > EXECUTION_LIMIT_MS) return null;
  return record;
}

/** The open job's progress, for the status panel and the menu (null when none). */
export function openJobProgress(wb: Workbook, ctx: HostContext): JobProgress | null {
  const record = openJob(wb, ctx);
  return record === null ? null : progressOf(record);
}

/** Throws the busy message when a job other than `kind`/`id` is open. */
export function refuseWhileOtherJob(wb: Workbook, ctx: HostContext, kind?: JobKind, id?: string): void {
  const record = openJob(wb, ctx);
  if (record !== null && (record.kind !== kind || (id !== undefined && record.id !== id))) throw jobBusyError(record);
}

/**
 * One execution's share of a job: plans it if it is new (or its planning crashed), then applies
 * operations until they are done or `budgetMs` (measured with ctx.now) is spent.
 */
export function runJobStep<T>(wb: Workbook, ctx: HostContext, spec: JobSpec<T>, budgetMs: number = DEFAULT_BUDGET_MS, stepRows: number = STEP_ROWS): JobStep<T> {
  const start = ctx.now();
  let record = openJob(wb, ctx);
  if (record !== null && (record.kind !== spec.kind || record.id !== spec.id || record.state === 'cancelling')) throw jobBusyError(record);
  let job: StoredJob;
  const planned = record === null || record.state === 'preparing';
  if (record === null || record.state === 'preparing') {
    record = { kind: spec.kind, id: spec.id, by: ctx.actor, since: start, state: 'preparing', next: 0, total: 0, ...(spec.args ? { args: spec.args } : {}) };
    writeJob(wb, record);
    job = planJob(wb, spec, stepRows);
    // The plan is stored before the checkpoint says so: a crash in between only plans again. A
    // failure to store it (the spreadsheet full) wrote nothing anyone sees: the job is not open.
    try {
      wb.writeTab(JOB_TAB, encodeJob(job), { hidden: true, frozenRows: 1 });
    } catch (err) {
      writeJob(wb, null);
      throw err;
    }
    record = { ...record, state: 'planned', total: job.ops.length };
    // The first run of operations may follow at once: this checkpoint says how far.
    if (job.ops.length > 0) record = checkpoint(record, 0, checkpointEnd(job.ops, 0));
    writeJob(wb, record);
  } else {
    job = decodeJob(wb.readTab(JOB_TAB));
    if (job.ops.length !== record.total) throw new Error(`job ${record.id}: ${JOB_TAB} holds ${job.ops.length} operations, the checkpoint ${record.total}`);
  }
  // An execution that only resumes always does one operation, so a slow clock cannot stall a job.
  let owed = planned ? 0 : 1;
  // Operations before `bound` may be applied with no new checkpoint: the last one says they may
  // have been. Past it, a checkpoint records the operations done (flushed) and the next bound.
  let bound = mayHaveApplied(record);
  let next = record.next;
  while (next < record.total) {
    if (owed-- <= 0 && ctx.now() - start >= budgetMs) {
      if (next !== record.next) {
        record = checkpoint(record, next, next + 1);
        writeJob(wb, record);
      }
      return { done: false, progress: progressOf(record) };
    }
    if (next >= bound) {
      bound = checkpointEnd(job.ops, next);
      record = checkpoint(record, next, bound);
      writeJob(wb, record);
    }
    applyOp(wb, job.ops[next]);
    next++;
  }
  // Every operation done: cancelling is then refused (the last one, 이력's row, is not undone).
  if (record.next !== next || record.upTo !== undefined) {
    record = checkpoint(record, next, next);
    writeJob(wb, record);
  }
  // Clean up, close the checkpoint, drop the plan. A crash before the close is resumed (cleanup is
  // idempotent); after it, only the hidden plan is left, and the next job overwrites it.
  spec.cleanup?.(wb, job.result as T);
  writeJob(wb, null);
  if (wb.deleteTab) wb.deleteTab(JOB_TAB);
  else wb.writeTab(JOB_TAB, [], { hidden: true });
  return { done: true, result: job.result as T };
}

export interface CancelStep {
  done: boolean;
  /** While not done: the operations still to undo. */
  progress: JobProgress;
}

/**
 * One execution's share of cancelling the open job: its applied operations are undone, last first
 * (an undoable job's writes are put back as they were; a tally's are left for the next tally to
 * rewrite), then the checkpoint, the plan and what the job owned are dropped. Resumable like the
 * job itself: the checkpoint moves after each undo, and undoing the same operation twice is the same.
 */
export function cancelJobStep<T>(wb: Workbook, ctx: HostContext, spec: JobSpec<T>, budgetMs: number = DEFAULT_BUDGET_MS): CancelStep {
  const start = ctx.now();
  let record = openJob(wb, ctx);
  if (record === null || record.kind !== spec.kind || record.id !== spec.id) throw new UserError('no_job', '취소할 작업이 없습니다 / There is no job to cancel');
  if (record.state === 'preparing') {
    // Someone's execution is counting right now (a stale plan is not returned by openJob).
    throw new UserError('job_planning', '작업이 지금 계산 중입니다. 몇 분 뒤에 다시 취소하세요 / The job is being planned right now: cancel it again in a few minutes');
  }
  if (record.state === 'planned' && record.next >= record.total) {
    throw new UserError('job_written', '작업이 모두 기록되었습니다. 이어서 진행하면 끝납니다 / The job has written everything: continue it to finish');
  }
  if (record.state === 'planned') {
    // The operation after the checkpoint may have been struck half-way (a tab created, its cells
    // not written): it is undone too. Undoing an operation that never ran changes nothing.
    const { upTo: _upTo, ...written } = record;
    record = { ...written, state: 'cancelling', next: spec.undoable === true ? Math.min(mayHaveApplied(record), record.total) : 0 };
    writeJob(wb, record);
  }
  const job = record.next > 0 ? decodeJob(wb.readTab(JOB_TAB)) : null;
  let owed = 1;
  while (record.next > 0 && job !== null) {
    if (owed-- <= 0 && ctx.now() - start >= budgetMs) return { done: false, progress: progressOf(record) };
    undoOp(wb, job.ops[record.next - 1]);
    record = { ...record, next: record.next - 1 };
    writeJob(wb, record);
  }
  spec.abandon?.(wb);
  writeJob(wb, null);
  if (wb.deleteTab) wb.deleteTab(JOB_TAB);
  else wb.writeTab(JOB_TAB, [], { hidden: true });
  return { done: true, progress: progressOf(record) };
}

/** The first operation a planned job's execution may not have applied: `upTo`, else the one after `next`. */
function mayHaveApplied(record: JobRecord): number {
  return record.upTo ?? record.next + 1;
}

/** The checkpoint of `next` operations done (flushed), with those before `upTo` allowed to follow it. */
function checkpoint(record: JobRecord, next: number, upTo: number): JobRecord {
  const { upTo: _old, ...rest } = record;
  return upTo > next + 1 ? { ...rest, next, upTo } : { ...rest, next };
}

/**
 * Where the run of operations that starts at `from` ends: pieces of one tab's rows (writeRange)
 * follow one another up to CHECKPOINT_ROWS rows; any other operation stands alone, so that 이력's
 * row, the last, is never applied without a checkpoint right before it.
 */
export function checkpointEnd(ops: readonly PlannedOp[], from: number): number {
  const first = ops[from];
  let end = from + 1;
  if (first.kind !== 'writeRange') return end;
  let rows = first.rows.length;
  for (; end < ops.length; end++) {
    const op = ops[end];
    if (op.kind !== 'writeRange' || op.name !== first.name || rows + op.rows.length > CHECKPOINT_ROWS) break;
    rows += op.rows.length;
  }
  return end;
}

function headerLook(options: WriteOptions): WriteOptions {
  return {
    ...(options.frozenRows === undefined ? {} : { frozenRows: options.frozenRows }),
    ...(options.boldRows === undefined ? {} : { boldRows: [...options.boldRows] }),
  };
}

/** Puts back what an operation replaced (recorded when the job was planned). */
function undoOp(wb: Workbook, op: PlannedOp): void {
  if (op.kind === 'writeRange') {
    wb.writeRange(op.name, op.row, op.column, op.before ?? op.rows.map((row) => row.map(() => null)));
  } else if (op.kind === 'writeTab') {
    if (op.before === undefined) return;
    // The header keeps its look: a whole-tab write by a job (an import widening 투표's header)
    // freezes and bolds the header where it already was, so those options fit the old rows too.
    if (op.before !== null) wb.writeTab(op.name, op.before, headerLook(op.options));
    else if (wb.deleteTab) wb.deleteTab(op.name);
    else wb.writeTab(op.name, []);
  }
  // appendOnce is the last operation (이력): a job that applied it is not cancelled. Charts and
  // protection are left: the next tally replaces them.
}

function planJob<T>(wb: Workbook, spec: JobSpec<T>, stepRows: number): StoredJob {
  const recorder = new RecordingWorkbook(wb, (name) => isAuditTab(name), spec.undoable === true);
  try {
    const result = spec.plan(recorder);
    return { ops: splitOps(recorder.ops, stepRows), result };
  } catch (err) {
    writeJob(wb, null);
    // Input the plan refuses (a UserError) will be refused again: drop what the job owned. Anything
    // else (a service that timed out) may pass on a retry, which plans again from what is kept.
    if (isUserError(err)) spec.abandon?.(wb);
    throw err;
  }
}

/** 이력 in either language: the one tab whose appends must not land at a fixed row. */
function isAuditTab(name: string): boolean {
  return findTabName([name], TABS.audit) !== null;
}

/** Cuts every write of more than STEP_ROWS rows into writes of at most STEP_ROWS rows at fixed positions. */
export function splitOps(ops: readonly PlannedOp[], stepRows: number = STEP_ROWS): PlannedOp[] {
  const out: PlannedOp[] = [];
  for (const op of ops) {
    if (op.kind === 'writeRange' && op.rows.length > stepRows) {
      // Every piece names the write's last row: whichever piece an execution starts with grows the
      // grid for all the pieces to come, in one call (the rows are known now, not piece by piece).
      const gridRows = op.row + op.rows.length - 1;
      for (let at = 0; at < op.rows.length; at += stepRows) {
        const before = op.before === undefined ? {} : { before: op.before.slice(at, at + stepRows) };
        out.push({ kind: 'writeRange', name: op.name, row: op.row + at, column: op.column, rows: op.rows.slice(at, at + stepRows), ...before, gridRows });
      }
    } else if (op.kind === 'writeTab' && op.rows.length > stepRows && op.options.fills === undefined && op.options.formats === undefined && (op.options.boldRows ?? []).every((r) => r <= stepRows)) {
      // (Tabs with fills or number formats are small result tabs: written whole, formats and all.)
      // The whole-tab write clears the tab and writes the first piece with the formatting; the rest
      // follow it. Undone, the pieces are blanked and the first puts the whole tab back.
      // The first piece fits the grid to itself, as before (its rows beyond are deleted, not left
      // with their old formats); the next piece grows it once for the rest.
      out.push({ ...op, rows: op.rows.slice(0, stepRows) });
      for (let at = stepRows; at < op.rows.length; at += stepRows) {
        out.push({ kind: 'writeRange', name: op.name, row: at + 1, column: 1, rows: op.rows.slice(at, at + stepRows), gridRows: op.rows.length });
      }
    } else out.push(op);
  }
  return out;
}

function applyOp(wb: Workbook, op: PlannedOp): void {
  switch (op.kind) {
    case 'writeTab':
      wb.writeTab(op.name, op.rows, op.options);
      return;
    case 'writeRange':
      if (op.gridRows !== undefined) wb.reserveRows?.(op.name, op.gridRows);
      wb.writeRange(op.name, op.row, op.column, op.rows);
      return;
    case 'appendOnce': {
      const grid = wb.readTab(op.name) ?? [];
      const present = new Set(grid.slice(op.after, filledLength(grid)).map(rowKey));
      const missing = op.rows.filter((row) => !present.has(rowKey(row)));
      if (missing.length > 0) wb.appendRows(op.name, missing);
      return;
    }
    case 'replaceCharts':
      wb.replaceCharts?.(op.name, op.charts);
      return;
    case 'protectTab':
      wb.protectTab?.(op.name, op.description);
      return;
    case 'deleteTab':
      wb.deleteTab?.(op.name);
      return;
  }
}

/** A row as text, without trailing blanks: how it reads back from any host. */
function rowKey(row: readonly Cell[]): string {
  const cells = row.map((c) => (c === null || c === undefined ? '' : String(c)));
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  return JSON.stringify(cells);
}

/**
 * `text` cut into pieces of at most `size` UTF-16 units, never between the two halves of a
 * surrogate pair (a lone half would not survive a cell). Sheets refuses cells over 50,000 characters.
 */
export function textPieces(text: string, size: number): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(at + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    out.push(text.slice(at, end));
    at = end;
  }
  return out.length > 0 ? out : [''];
}

/**
 * The plan as rows of [operation, part, JSON]: 'result', 'op' (without its rows), 'rows' (as many
 * of its rows as fit in one cell, a JSON array), 'more' (continuation of a longer text). Packing
 * rows keeps the hidden tab small: Sheets counts its every cell against the spreadsheet's cap.
 */
export function encodeJob(job: StoredJob): Grid {
  const out: Grid = [['op', 'part', 'json']];
  const push = (index: number, part: string, text: string): void => {
    textPieces(text, PIECE).forEach((piece, i) => out.push([index, i === 0 ? part : 'more', piece]));
  };
  push(-1, 'result', JSON.stringify(job.result ?? null));
  job.ops.forEach((op, i) => {
    const { rows, ...head } = op as PlannedOp & { rows?: Grid };
    push(i, 'op', JSON.stringify(head));
    let batch: string[] = [];
    let length = 2;
    const flushBatch = (): void => {
      if (batch.length > 0) push(i, 'rows', `[${batch.join(',')}]`);
      batch = [];
      length = 2;
    };
    for (const row of rows ?? []) {
      const text = JSON.stringify(row);
      if (batch.length > 0 && length + text.length + 1 > PIECE) flushBatch();
      batch.push(text);
      length += text.length + 1;
    }
    flushBatch();
  });
  return out;
}

export function decodeJob(grid: Grid | null): StoredJob {
  if (grid === null || grid.length === 0) throw new Error(`${JOB_TAB} is missing: the open job cannot be continued`);
  const items: { index: number; part: string; text: string }[] = [];
  for (const [index, part, text] of grid.slice(1)) {
    const item = { index: Number(index), part: String(part), text: text === null ? '' : String(text) };
    if (item.part === 'more') items[items.length - 1].text += item.text;
    else items.push(item);
  }
  let result: unknown = null;
  const ops: (PlannedOp & { rows?: Grid })[] = [];
  for (const item of items) {
    if (item.part === 'result') result = JSON.parse(item.text);
    else if (item.part === 'op') ops[item.index] = JSON.parse(item.text) as PlannedOp;
    else if (item.part === 'rows' || item.part === 'row') {
      const op = ops[item.index];
      op.rows = op.rows ?? [];
      // 'row': one row a cell, as plans stored before rows were packed.
      if (item.part === 'row') op.rows.push(JSON.parse(item.text) as Cell[]);
      else for (const row of JSON.parse(item.text) as Cell[][]) op.rows.push(row);
    }
  }
  // An operation that carries rows but had none stored (an empty writeTab) still needs its array.
  for (const op of ops) if ((op.kind === 'writeTab' || op.kind === 'writeRange' || op.kind === 'appendOnce') && op.rows === undefined) op.rows = [];
  return { ops: ops as PlannedOp[], result };
}
