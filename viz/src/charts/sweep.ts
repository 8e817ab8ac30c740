// The sweep table: the rows of sweep.csv (the first 1,000 of them), numbers formatted as in the
// charts.
import type { ReportData } from '../../../src/report/model.ts';
import { el } from './dom.ts';
import { formatValue } from './format.ts';

/** Appends the sweep section to `root` when the report has a sweep table. */
export function sweepSection(root: HTMLElement, sweep: ReportData['sweep']): void {
  if (sweep) {
    const s = el('section', { class: 'report-section', 'data-section': 'sweep' });
    s.append(el('h2', {}, `Sweep (${sweep.rows.length} runs)`));
    const wrap = el('div', { class: 'table-wrap' });
    const t = el('table', { class: 'sweep-table', 'data-table': 'sweep' });
    const head = el('tr');
    for (const c of sweep.columns) head.append(el('th', {}, c));
    t.append(el('thead'));
    t.tHead!.append(head);
    const body = el('tbody');
    for (const row of sweep.rows.slice(0, 1000)) {
      const tr = el('tr');
      for (const cell of row) tr.append(el('td', {}, typeof cell === 'number' ? formatValue(cell) : cell));
      body.append(tr);
    }
    t.append(body);
    wrap.append(t);
    s.append(wrap);
    if (sweep.rows.length > 1000) s.append(el('p', { class: 'note' }, `First 1,000 of ${sweep.rows.length} rows; all are in sweep.csv.`));
    root.append(s);
  }
}
