/** 현황: which tabs exist and can be read, counts, last import and tally, budget vs spent. */
import type { StatusReport } from '../src/workflows/api';
import { byId, clear, el, table } from './dom';
import { server } from './rpc';
import { scheduleSection } from './schedule';
import { busy, lang, say, t } from './ui';

function stateOf(tab: StatusReport['tabs'][number]): Node {
  if (tab.name === null) return el('span', { class: 'state missing' }, t.stateMissing);
  if (tab.problem) return el('span', { class: 'state problem' }, `${t.stateProblem}: ${tab.problem}`);
  return el('span', { class: 'state ok' }, `✓ ${t.stateOk}`);
}

function render(s: StatusReport): void {
  const out = byId('status-result');
  clear(out);
  const missing = s.tabs.filter((tab) => tab.name === null).length;
  const money = (n: number | null | undefined): string => (n === null || n === undefined ? t.never : t.money(n));
  out.append(
    missing > 0 ? el('p', { class: 'warn' }, t.missingTabs(missing)) : '',
    s.resultsEdited === true ? el('p', { class: 'warn', role: 'alert', id: 'results-edited' }, t.resultsEdited) : '',
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
