/** Tiny DOM helpers. Text only ever goes in through textContent: file content is never parsed as HTML. */

type Child = Node | string | number | null | undefined | false;

/** Appends children, skipping null/undefined/false; strings become text nodes. */
export function put(parent: Element, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  put(node, ...children);
  return node;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} missing from Sidebar.html`);
  return node as T;
}

/** A data table; `numeric` columns are right-aligned. */
export function table(caption: string, headers: string[], rows: Child[][], numeric: number[] = []): HTMLTableElement {
  const num = new Set(numeric);
  return el(
    'table',
    {},
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, ...headers.map((h, i) => el('th', num.has(i) ? { scope: 'col', class: 'num' } : { scope: 'col' }, h)))),
    el('tbody', {}, ...rows.map((row) => el('tr', {}, ...row.map((c, i) => el('td', num.has(i) ? { class: 'num' } : {}, c))))),
  );
}

export function clear(node: Element): void {
  node.replaceChildren();
}

/** 1234567 → '1,234,567'. */
export function groupDigits(n: number): string {
  const [int, frac] = String(Math.round(n * 100) / 100).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${grouped}.${frac}` : grouped;
}
