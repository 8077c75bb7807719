/**
 * 규칙 비교: the counted ballots under greedy, greedy-stop and the Method of Equal Shares, side by
 * side with the share of voters who got at least one agenda they voted for (src/workflows/compare.ts,
 * which also writes the 비교 tab). The official result stays the rule in 설정.
 */
import type { WorkbookCompareJson } from '../src/workflows/compare';
import { byId, clear, el, table } from './dom';
import { server } from './rpc';
import { busy, say, t } from './ui';

function render(r: WorkbookCompareJson): void {
  const out = byId('compare-result');
  clear(out);
  const name = (rule: string): string => t.compareRules[rule] ?? rule;
  out.append(
    el(
      'div',
      { class: 'scroll' },
      table(
        t.compareCaption,
        // Three columns fit a 300 px sidebar: the amount goes under the count.
        [t.colRule, t.colSelected, t.colSatisfied],
        r.rules.map((rule) => [
          el('span', { 'data-rule': rule.rule }, name(rule.rule), rule.rule === r.configuredRule ? el('small', {}, ` ${t.compareConfigured}`) : null),
          el('span', { 'data-field': 'selected' }, t.count(rule.selected.length), el('br'), el('small', {}, t.money(rule.spent))),
          el('span', { 'data-field': 'satisfiedShare' }, `${(rule.satisfiedShare * 100).toFixed(1)}%`, el('br'), el('small', {}, `${t.count(rule.satisfiedVoters)} / ${t.count(r.voters)}`)),
        ]),
        [1, 2],
      ),
    ),
    el(
      'p',
      { id: 'compare-differences' },
      r.differences.length === 0 ? t.compareSame : t.compareDiffers(r.differences.map((d) => `${d.id} (${d.selectedBy.map(name).join(', ')})`).join('; ')),
    ),
  );
}

async function runCompare(): Promise<void> {
  const r = await busy('tally', t.comparing, () => server.rpcCompare());
  if (r) {
    render(r);
    say(t.compareNote);
  }
}

export function setUpCompare(): void {
  byId('compare-run').addEventListener('click', () => void runCompare());
}
