import { html, type Html } from './html';

export interface Bar {
  label: string;
  value: number;
  /** CSS class: selected bars and the rest are told apart by pattern as well as colour. */
  kind: 'selected' | 'other';
}

/**
 * A horizontal bar chart as inline SVG: no script, no external resource, prints as vectors.
 * Labels are text nodes (escaped), so an agenda title can never inject markup.
 */
export function barChart(title: string, bars: readonly Bar[], options: { unit: string; format: (n: number) => string }): Html {
  const rowHeight = 22;
  const labelWidth = 230;
  const chartWidth = 380;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * rowHeight + 10;
  return html`<figure class="chart">
  <figcaption>${title}</figcaption>
  <svg role="img" aria-label="${title}" viewBox="0 0 ${labelWidth + chartWidth + 90} ${height}" width="100%">
    ${bars.map((bar, i) => {
      const y = i * rowHeight + 4;
      const width = Math.max(1, Math.round((bar.value / max) * chartWidth));
      return html`<g class="bar ${bar.kind}">
      <text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end">${truncate(bar.label, 26)}</text>
      <rect x="${labelWidth}" y="${y}" width="${width}" height="${rowHeight - 6}"></rect>
      <text x="${labelWidth + width + 4}" y="${y + 14}">${options.format(bar.value)}${options.unit}</text>
    </g>`;
    })}
  </svg>
</figure>`;
}

/**
 * The budget line: selected agendas' costs stacked left to right against the total budget, with
 * the budget as a vertical line, so a reader sees what was spent and what was left.
 */
export function budgetChart(title: string, items: readonly { label: string; cost: number }[], budget: number, format: (n: number) => string): Html {
  const width = 700;
  const scale = (n: number): number => (n / Math.max(budget, items.reduce((s, i) => s + i.cost, 0))) * width;
  let x = 0;
  return html`<figure class="chart">
  <figcaption>${title}</figcaption>
  <svg role="img" aria-label="${title}" viewBox="0 0 ${width + 10} 70" width="100%">
    ${items.map((item, i) => {
      const w = scale(item.cost);
      const part = html`<rect class="segment s${i % 2}" x="${x}" y="10" width="${w}" height="28"><title>${item.label}: ${format(item.cost)}</title></rect>`;
      x += w;
      return part;
    })}
    <line class="budget-line" x1="${scale(budget)}" y1="2" x2="${scale(budget)}" y2="46"></line>
    <text x="${Math.max(0, scale(budget) - 4)}" y="62" text-anchor="end">${format(budget)}</text>
  </svg>
</figure>`;
}

function truncate(text: string, length: number): string {
  return [...text].length <= length ? text : [...text].slice(0, length - 1).join('') + '…';
}
