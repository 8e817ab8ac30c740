// The sweep tables: the rows of sweep.csv (the first 1,000 of them) and, for a Morris or Sobol'
// sweep, sensitivity.csv; numbers formatted as in the charts.
import type uPlot from 'uplot';
import type { ReportData } from '../../../src/report/model.ts';
import { sensitivityCharts } from './sensitivity.ts';
import { el } from './dom.ts';
import { formatValue } from './format.ts';

function tableOf(kind: string, columns: string[], rows: (number | string)[][]): HTMLElement {
  const wrap = el('div', { class: 'table-wrap' });
  const t = el('table', { class: 'sweep-table', 'data-table': kind });
  const head = el('tr');
  for (const c of columns) head.append(el('th', {}, c));
  t.append(el('thead'));
  t.tHead!.append(head);
  const body = el('tbody');
  for (const row of rows.slice(0, 1000)) {
    const tr = el('tr');
    for (const cell of row) tr.append(el('td', {}, typeof cell === 'number' ? formatValue(cell) : cell));
    body.append(tr);
  }
  t.append(body);
  wrap.append(t);
  return wrap;
}

const SENSITIVITY_NOTES = {
  morris: 'Morris elementary effects per unit of the parameter\'s range: μ the mean, μ* the mean absolute effect (importance), σ their spread (nonlinearity, interactions).',
  sobol: 'Sobol\' indices: S1 the share of the outcome\'s variance due to the parameter alone, ST with all its interactions; low–high: 95 % bootstrap intervals.',
} as const;

/** Appends the sensitivity section (sensitivity.csv) to `root` when the report has one: charts, then the table. */
export function sensitivitySection(root: HTMLElement, sensitivity: ReportData['sensitivity'], width: number, plots: uPlot[]): void {
  if (!sensitivity) return;
  const s = el('section', { class: 'report-section', 'data-section': 'sensitivity' });
  s.append(el('h2', {}, sensitivity.method === 'sobol' ? 'Sensitivity (Sobol\')' : 'Sensitivity (Morris)'));
  s.append(el('p', { class: 'note' }, SENSITIVITY_NOTES[sensitivity.method]));
  const grid = el('div', { class: 'chart-grid' });
  s.append(grid);
  root.append(s);
  sensitivityCharts(grid, sensitivity, width, plots);
  s.append(tableOf('sensitivity', sensitivity.columns, sensitivity.rows));
}

/** Appends the sweep section to `root` when the report has a sweep table. */
export function sweepSection(root: HTMLElement, sweep: ReportData['sweep']): void {
  if (sweep) {
    const s = el('section', { class: 'report-section', 'data-section': 'sweep' });
    s.append(el('h2', {}, `Sweep (${sweep.rows.length} runs)`));
    s.append(tableOf('sweep', sweep.columns, sweep.rows));
    if (sweep.rows.length > 1000) s.append(el('p', { class: 'note' }, `First 1,000 of ${sweep.rows.length} rows; all are in sweep.csv.`));
    root.append(s);
  }
}
