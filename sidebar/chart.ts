/**
 * A small bar chart of votes in rank order with the budget line: the point where the money runs
 * out when agendas are funded in plain rank order. Built as SVG nodes with text set through
 * textContent, never from markup, so agenda titles cannot inject anything.
 */
import type { TallyJson } from '../src/workflows/api';
import { t } from './ui';

const SVG = 'http://www.w3.org/2000/svg';
const BAR = 16;
const GAP = 4;
const LABEL = 40;
const WIDTH = 270;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Index (in rank order) after which cumulative cost first exceeds the budget; -1 when all fit. */
export function budgetLineAfter(agendas: readonly { cost: number }[], budget: number): number {
  let sum = 0;
  for (let i = 0; i < agendas.length; i++) {
    sum += agendas[i].cost;
    if (sum > budget) return i - 1;
  }
  return -1;
}

export function votesChart(r: TallyJson): SVGSVGElement {
  const agendas = [...r.agendas].sort((a, b) => a.rank - b.rank);
  const max = Math.max(1, ...agendas.map((a) => a.votes));
  const height = agendas.length * (BAR + GAP) + GAP;
  const selected = agendas.filter((a) => a.status === 'selected').map((a) => a.id).join(', ');
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, width: '100%', role: 'img', 'aria-label': t.chartDescription(selected || '-'), class: 'chart' });
  chart.append(svg('title', {}, t.chartCaption));
  agendas.forEach((a, i) => {
    const y = GAP + i * (BAR + GAP);
    const w = Math.max(1, Math.round(((WIDTH - LABEL - 50) * a.votes) / max));
    const bar = svg('rect', { x: LABEL, y, width: w, height: BAR, class: `bar ${a.status}` });
    bar.append(svg('title', {}, `${a.title}: ${t.count(a.votes)}`));
    chart.append(
      svg('text', { x: LABEL - 4, y: y + BAR - 4, 'text-anchor': 'end', class: 'label' }, a.id),
      bar,
      svg('text', { x: LABEL + w + 4, y: y + BAR - 4, class: 'value' }, t.count(a.votes)),
    );
  });
  const after = budgetLineAfter(agendas, r.budget);
  if (after >= -1 && after < agendas.length - 1) {
    const y = GAP + (after + 1) * (BAR + GAP) - GAP / 2;
    chart.append(
      svg('line', { x1: 0, x2: WIDTH, y1: y, y2: y, class: 'budget-line' }),
      svg('text', { x: WIDTH - 2, y: y - 2, 'text-anchor': 'end', class: 'budget-label' }, t.chartBudgetLine),
    );
  }
  return chart;
}
