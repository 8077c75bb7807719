/** 개표: run the tally, then a summary a committee member can read at a glance. */
import { messageIn } from '../src/sheets/messages';
import type { TallyAgendaJson, TallyJson } from '../src/workflows/api';
import { votesChart } from './chart';
import { byId, clear, el, table } from './dom';
import { showTabButton } from './importPanel';
import { server } from './rpc';
import { busy, lang, say, t } from './ui';

function tieText(a: TallyAgendaJson): string {
  if (!a.tie) return '';
  const note = t.tieNote(a.tie.with.join(', '), t.tieBreakers[a.tie.decidedBy] ?? a.tie.decidedBy);
  return a.tie.atBoundary ? `${t.tieAtBoundary}: ${note}` : `${t.tie}: ${note}`;
}

function render(r: TallyJson): void {
  const out = byId('tally-result');
  clear(out);
  const agendas = [...r.agendas].sort((a, b) => a.rank - b.rank);
  const selected = agendas.filter((a) => a.status === 'selected');
  out.append(
    el('h3', {}, t.summaryHeading),
    // Warnings first: nobody should read the numbers without them (text nodes: never HTML).
    ...(r.warnings.length === 0 ? [] : [el('ul', { id: 'tally-warnings', class: 'warn' }, ...r.warnings.map((w) => el('li', { 'data-code': w.code }, messageIn(w.message, lang))))]),
    el('p', { id: 'tally-count' }, t.selectedCount(selected.length, agendas.length)),
    el(
      'ol',
      { id: 'tally-selected', class: 'selected-list' },
      ...selected.map((a) =>
        el('li', { 'data-id': a.id }, el('strong', {}, a.title), ` (${a.id}) · ${t.votes(a.votes)} · ${t.money(a.cost)}`, a.tie ? el('span', { class: 'tie' }, ` ${tieText(a)}`) : null),
      ),
    ),
    el('p', { id: 'tally-budget' }, t.budgetLine(t.money(r.spent), t.money(r.budget), t.money(r.budget - r.spent))),
    el('p', {}, t.votersLine(r.voters, r.validBallots, r.picks)),
    el('p', { id: 'tally-set-aside' }, t.setAsideLine(r.setAside)),
    el('p', r.check.ok ? {} : { class: 'warn' }, t.checkLine(r.check.ballotPicks, r.check.maxPicks, r.check.exact, r.check.ok)),
    ...agendas.filter((a) => a.tie?.atBoundary).slice(0, 1).map(() => el('p', { class: 'warn', id: 'tally-tie-warning' }, t.tieAtBoundary)),
    // What a person should check before relying on the result (hand edits, a broken 이력), as 결과's header lists it.
    el('figure', {}, votesChart(r), el('figcaption', {}, t.chartCaption)),
    el('div', { class: 'actions' }, showTabButton('results', t.openResults), showTabButton('setAside', t.openSetAside)),
    el(
      'div',
      { class: 'scroll' },
      table(
        t.tallyCaption,
        // Four columns fit a 300 px sidebar; cost and share go under the title.
        [t.colRank, t.colTitle, t.colVotes, t.colStatus],
        agendas.map((a) => [
          a.rank,
          el(
            'span',
            { title: a.reason },
            a.title,
            a.tie ? el('span', { class: 'tie' }, ` (${t.tie})`) : null,
            el('br'),
            el('small', {}, `${a.id} · ${t.money(a.cost)} · ${(a.share * 100).toFixed(1)}%`),
          ),
          t.count(a.votes),
          el('span', { class: `status ${a.status}` }, t.status[a.status] ?? a.status),
        ]),
        [0, 2],
      ),
    ),
  );
}

async function runTally(): Promise<void> {
  const progress = byId('tally-progress');
  progress.hidden = false;
  const r = await busy('tally', t.tallying, async () => {
    // A large tally runs in steps (one Apps Script execution each): continue until done.
    let step = await server.rpcTallyStep();
    while (!step.done) {
      say(`${t.tallying} ${step.progress.done}/${step.progress.total}`);
      const next = await server.rpcJobContinue();
      // Finished meanwhile by the background trigger: tally again to get the summary (same result).
      step = next.kind === 'tally' ? next.step : await server.rpcTallyStep();
    }
    return step.result;
  });
  progress.hidden = true;
  if (r) render(r);
}

export function setUpTally(): void {
  byId('tally-run').addEventListener('click', () => void runTally());
}
