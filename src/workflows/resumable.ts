/**
 * The import and the tally as resumable jobs (jobs/engine.ts), for hosts with an execution time
 * limit (Apps Script). Each call does one execution's share and says how far the job got; the
 * final tabs are those the one-shot importTable / runTally write, because the job runs that very
 * code and replays its writes.
 */
import type { ImportReport, TallyJson } from './api';
import type { HostContext } from './context';
import { UserError } from '../core/errors';
import { appendAudit } from './audit';
import { cancelJobStep, DEFAULT_BUDGET_MS, openJob, progressOf, runJobStep, type CancelStep, type JobRecord, type JobSpec, type JobStep } from './jobs/engine';
import { readTab } from './tabs';
import { stagedImportJob } from './stagedImport';
// Through the index, so host tests that stub the workflows stub them here too.
import { runTally } from './index';
import type { Workbook } from './workbook';

export { DEFAULT_BUDGET_MS, openJobProgress, type CancelStep, type JobProgress, type JobStep } from './jobs/engine';

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

export type OpenJobStep =
  | { kind: 'import'; step: JobStep<ImportReport> }
  | { kind: 'tally'; step: JobStep<TallyJson> }
  /** A job being cancelled goes on being cancelled, never forward again. */
  | { kind: 'cancel'; step: CancelStep }
  | { kind: null };

/** The job an open checkpoint belongs to. */
function specOf(record: JobRecord, ctx: HostContext): JobSpec<ImportReport> | JobSpec<TallyJson> {
  return record.kind === 'tally' ? tallyJob(ctx) : stagedImportJob(ctx, record.id, Number(record.args?.chunks ?? 0));
}

/**
 * Continues whatever job is open, whoever started it (the sidebar's status panel, the one-off
 * trigger): a job left by a closed sidebar must not block the document.
 */
export function continueOpenJob(wb: Workbook, ctx: HostContext, budgetMs: number = DEFAULT_BUDGET_MS, stepRows?: number): OpenJobStep {
  const record = openJob(wb, ctx);
  if (record === null) return { kind: null };
  if (record.state === 'cancelling') return { kind: 'cancel', step: cancelOpenJob(wb, ctx, budgetMs) };
  if (record.kind === 'tally') return { kind: 'tally', step: runJobStep(wb, ctx, tallyJob(ctx), budgetMs, stepRows) };
  const chunks = Number(record.args?.chunks ?? 0);
  return { kind: 'import', step: runJobStep(wb, ctx, stagedImportJob(ctx, record.id, chunks), budgetMs, stepRows) };
}

/**
 * Cancels the open job, whoever started it — the way out of a job whose step fails every time.
 * An import's writes are undone (투표, 제외 and 집계 as they were, the upload dropped); a tally's
 * are left for the next tally to rewrite. Resumable: call again until `done`. When done, 이력
 * says who cancelled what and how far it had got.
 */
export function cancelOpenJob(wb: Workbook, ctx: HostContext, budgetMs: number = DEFAULT_BUDGET_MS): CancelStep {
  const record = openJob(wb, ctx);
  if (record === null) throw new UserError('no_job', '취소할 작업이 없습니다 / There is no job to cancel');
  const step = cancelJobStep(wb, ctx, specOf(record, ctx) as JobSpec<unknown>, budgetMs);
  if (step.done) {
    const startedBy = `${record.by}, ${progressOf(record).since}`;
    const detail =
      record.kind === 'import'
        ? `가져오기 ${record.id} 취소, 기록된 단계를 되돌림 (${startedBy}) / import ${record.id} cancelled, its written steps undone`
        : `개표 취소, ${record.total}단계 중 ${record.state === 'planned' ? record.next : 0}단계가 기록된 채 남음: 다시 개표하세요 (${startedBy}) / tally cancelled with some steps written: tally again`;
    appendAudit(wb, ctx, readTab(wb, 'audit'), { what: 'cancelJob', detail, input: '', settings: '', result: '' });
  }
  return step;
}

