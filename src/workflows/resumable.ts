/**
 * The import and the tally as resumable jobs (jobs/engine.ts), for hosts with an execution time
 * limit (Apps Script). Each call does one execution's share and says how far the job got; the
 * final tabs are those the one-shot importTable / runTally write, because the job runs that very
 * code and replays its writes.
 */
import type { ImportReport, TallyJson } from './api';
import type { HostContext } from './context';
import { DEFAULT_BUDGET_MS, openJob, progressOf, runJobStep, type JobProgress, type JobSpec, type JobStep } from './jobs/engine';
import { stagedImportJob } from './stagedImport';
// Through the index, so host tests that stub the workflows stub them here too.
import { runTally } from './index';
import type { Workbook } from './workbook';

export { DEFAULT_BUDGET_MS, type JobProgress, type JobStep } from './jobs/engine';

/** Every tally is the same job: whoever clicks Tally while one is open continues it. */
const TALLY_JOB_ID = 'tally';

export function tallyJob(ctx: HostContext): JobSpec<TallyJson> {
  return { kind: 'tally', id: TALLY_JOB_ID, plan: (wb) => runTally(wb, ctx) };
}

/** Starts a tally, or continues the open one, for at most `budgetMs`. */
export function tallyStep(wb: Workbook, ctx: HostContext, budgetMs: number = DEFAULT_BUDGET_MS): JobStep<TallyJson> {
  return runJobStep(wb, ctx, tallyJob(ctx), budgetMs);
}

/** The one-shot tally, refused while an import job is writing (it would count half an import). */
export function guardedTally(wb: Workbook, ctx: HostContext): TallyJson {
  const step = tallyStep(wb, ctx, Number.POSITIVE_INFINITY);
  if (!step.done) throw new Error('an unbudgeted tally stopped early');
  return step.result;
}

export type OpenJobStep = { kind: 'import'; step: JobStep<ImportReport> } | { kind: 'tally'; step: JobStep<TallyJson> } | { kind: null };

/**
 * Continues whatever job is open, whoever started it (the sidebar's status panel, the one-off
 * trigger): a job left by a closed sidebar must not block the document.
 */
export function continueOpenJob(wb: Workbook, ctx: HostContext, budgetMs: number = DEFAULT_BUDGET_MS, stepRows?: number): OpenJobStep {
  const record = openJob(wb, ctx);
  if (record === null) return { kind: null };
  if (record.kind === 'tally') return { kind: 'tally', step: runJobStep(wb, ctx, tallyJob(ctx), budgetMs, stepRows) };
  const chunks = Number(record.args?.chunks ?? 0);
  return { kind: 'import', step: runJobStep(wb, ctx, stagedImportJob(ctx, record.id, chunks), budgetMs, stepRows) };
}

/** The open job's progress, for the status panel (null when none). */
export function openJobProgress(wb: Workbook, ctx: HostContext): JobProgress | null {
  const record = openJob(wb, ctx);
  return record === null ? null : progressOf(record);
}
