/** 현황: which tabs exist and can be read, counts, last import and tally, budget vs spent. */
import type { StatusReport } from '../src/workflows/api';
import type { JobProgress } from '../src/workflows/jobs/engine';
import { byId, clear, el, table } from './dom';
import { server } from './rpc';
import { scheduleSection } from './schedule';
import { busy, lang, say, t } from './ui';

function stateOf(tab: StatusReport['tabs'][number]): Node {
  if (tab.name === null) return el('span', { class: 'state missing' }, t.stateMissing);
  if (tab.problem) return el('span', { class: 'state problem' }, `${t.stateProblem}: ${tab.problem}`);
  return el('span', { class: 'state ok' }, `✓ ${t.stateOk}`);
}

/**
 * An open import or tally blocks every other one, and its sidebar may be long closed: say whose it
 * is and how far it got, and offer to continue it or (after a yes) cancel it.
 */
function jobBox(job: JobProgress): Node {
  const confirm = el(
    'div',
    { id: 'job-confirm', role: 'group', 'aria-labelledby': 'job-ask' },
    el('p', { id: 'job-ask' }, t.jobCancelAsk(job.kind)),
    el('button', { type: 'button', id: 'job-cancel-yes' }, t.jobCancelYes),
    el('button', { type: 'button', id: 'job-cancel-no' }, t.jobCancelNo),
  );
  confirm.hidden = true;
  const cancel = job.cancelling ? null : el('button', { type: 'button', id: 'job-cancel' }, t.jobCancel);
  const box = el('div', { id: 'job' }, el('p', { class: 'warn', id: 'job-text' }, t.jobOpen(job)), el('button', { type: 'button', id: 'job-continue', class: 'primary' }, t.jobContinue), cancel, confirm);
  box.querySelector('#job-continue')?.addEventListener('click', () => void finishJob(job, false));
  cancel?.addEventListener('click', () => {
    confirm.hidden = false;
    byId('job-cancel-no').focus();
  });
  confirm.querySelector('#job-cancel-no')?.addEventListener('click', () => {
    confirm.hidden = true;
    cancel?.focus();
  });
  confirm.querySelector('#job-cancel-yes')?.addEventListener('click', () => void finishJob(job, true));
  return box;
}

/** Runs the open job (or its cancelling) to the end, one execution per call, then shows the new status. */
async function finishJob(job: JobProgress, cancel: boolean): Promise<void> {
  // An import's written steps are undone; a tally's are left for the next tally (nothing to undo).
  const toUndo = job.cancelling || job.kind === 'import' ? job.done : 0;
  const note = cancel || job.cancelling ? t.jobUndoing(toUndo) : t.jobWorking(job.done, job.total);
  const ended = await busy('status', note, async () => {
    let next = cancel ? { kind: 'cancel' as const, step: await server.rpcJobCancel() } : await server.rpcJobContinue();
    while (next.kind !== null && !next.step.done) {
      const { done, total } = next.step.progress;
      say(next.kind === 'cancel' ? t.jobUndoing(done) : t.jobWorking(done, total));
      next = await server.rpcJobContinue();
    }
    return next.kind === 'cancel' || cancel ? t.jobCancelled : t.jobFinished;
  });
  await refreshStatus();
  if (ended) say(ended);
}

function render(s: StatusReport): void {
  const out = byId('status-result');
  clear(out);
  const missing = s.tabs.filter((tab) => tab.name === null).length;
  const money = (n: number | null | undefined): string => (n === null || n === undefined ? t.never : t.money(n));
  out.append(
    s.job ? jobBox(s.job) : '',
    missing > 0 ? el('p', { class: 'warn' }, t.missingTabs(missing)) : '',
    s.resultsEdited === true ? el('p', { class: 'warn', role: 'alert', id: 'results-edited' }, t.resultsEdited) : '',
    s.auditMissing === true ? el('p', { class: 'warn', role: 'alert', id: 'audit-missing' }, t.auditMissing) : '',
    table(
      t.statusHeading,
      [t.colTab, t.colState, t.colRows],
      s.tabs.map((tab) => [tab.name ?? t.tabKeys[tab.key] ?? tab.key, stateOf(tab), tab.name === null ? '' : t.count(tab.rows)]),
      [2],
    ),
    el(
      'dl',
      {},
      el('dt', {}, t.agendas), el('dd', {}, t.count(s.agendas)),
      el('dt', {}, t.ballots), el('dd', {}, t.count(s.ballots)),
      el('dt', {}, t.setAside), el('dd', {}, t.count(s.setAside)),
      el('dt', {}, t.budget), el('dd', {}, money(s.budget)),
      el('dt', {}, t.spent), el('dd', {}, money(s.spent)),
      el('dt', {}, t.lastImport), el('dd', {}, s.lastImport ?? t.never),
      el('dt', {}, t.lastTally), el('dd', {}, s.lastTally ?? t.never),
    ),
    scheduleSection(s.schedule, lang),
  );
  byId<HTMLButtonElement>('status-init').classList.toggle('primary', missing > 0);
}

export async function refreshStatus(): Promise<void> {
  const s = await busy('status', '', () => server.rpcStatus());
  if (s) render(s);
}

async function initTabs(): Promise<void> {
  const r = await busy('status', '', () => server.rpcInit());
  if (!r) return;
  await refreshStatus();
  say(t.initDone(r.created.length, r.existing.length));
}

export function setUpStatus(): void {
  byId('status-refresh').addEventListener('click', () => void refreshStatus());
  byId('status-init').addEventListener('click', () => void initTabs());
}
