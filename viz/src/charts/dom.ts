// The report's DOM scaffolding: elements with attributes, titled sections holding a chart grid,
// and chart widths that fit a given number per row into the root.
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

export function section(root: HTMLElement, id: string, heading: string, note?: string): HTMLElement {
  const s = el('section', { class: 'report-section', 'data-section': id });
  s.append(el('h2', {}, heading));
  if (note) s.append(el('p', { class: 'note' }, note));
  const grid = el('div', { class: 'chart-grid' });
  s.append(grid);
  root.append(s);
  return grid;
}

export function chartWidth(root: HTMLElement, perRow: number): number {
  // The root's content box, less each figure's padding and border (12 px) and the gaps (16 px).
  const style = getComputedStyle(root);
  const inner = (root.clientWidth || 1200) - (parseFloat(style.paddingLeft) || 0) - (parseFloat(style.paddingRight) || 0);
  // Slack for a vertical scrollbar that appears once the charts are in (it narrows the page).
  const total = Math.max(360, inner - 24);
  return Math.max(300, Math.floor((total - (perRow - 1) * 16) / perRow) - 12);
}
