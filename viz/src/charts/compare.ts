// The compare view: per outcome a chart of the mean paired difference vs the baseline with its
// 95 % interval per variant (`compare-<outcome>`), and the table of all numbers, whose cells
// carry data-variant, data-outcome, data-field and data-value for tests and tools.
import uPlot from 'uplot';
import type { CompareEntry, ReportData } from '../../../src/report/model.ts';
import { el, section } from './dom.ts';
import { formatSigned, formatValue } from './format.ts';
import { axis, labelCanvases, variantColour, whisker, yValues } from './uplot-helpers.ts';
import { addExportLinks } from './export.ts';

/**
 * The outcomes of the effects section by default, in table order (those compare.csv has): the
 * README's headline outcomes among them. The reader can pick any other of compare.csv's.
 */
export const COMPARE_OUTCOMES = ['final_employment', 'final_firms', 'mean_employment', 'years_to_decline', 'total_spinoffs', 'total_innovations', 'total_entries', 'total_exits'];

/** The unit of an outcome: its metric's (counts summed over the run lose their /tick), or years. */
export function outcomeUnit(outcome: string, metrics: ReportData['metrics']): string | undefined {
  if (outcome.startsWith('years_')) return 'years';
  const m = /^(final|mean|peak|total)_(.+)$/.exec(outcome);
  const unit = m ? metrics.find((x) => x.name === m[2])?.unit : undefined;
  if (!unit) return undefined;
  return m![1] === 'total' ? unit.replace(/\/tick$/, '') : unit;
}

export function compareChart(host: HTMLElement, data: ReportData, outcome: string, entries: CompareEntry[], width: number, plots: uPlot[]): void {
  const names = data.variants.map((v) => v.name);
  const own = entries.filter((e) => e.outcome === outcome);
  if (own.length === 0) return;
  const xs = own.map((_, i) => i + 1);
  const figure = el('figure', { class: 'chart', 'data-chart': `compare-${outcome}` });
  host.append(figure);
  let lo = 0;
  let hi = 0;
  for (const e of own) for (const v of [e.ciLow, e.ciHigh, e.meanDiff]) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const pad = hi > lo ? (hi - lo) * 0.1 : 1;
  const unit = outcomeUnit(outcome, data.metrics);
  const colourOf = (variant: string) => variantColour(Math.max(0, names.indexOf(variant)));
  const opts: uPlot.Options = {
    title: `${outcome}: difference vs ${own[0].baseline} (mean, 95 % CI)`,
    width,
    height: 280,
    scales: { x: { time: false, range: () => [0.5, own.length + 0.5] }, y: { range: () => [lo - pad, hi + pad] } },
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    series: [
      { label: 'variant', value: (_u, v) => (v === null ? '' : own[Math.round(v) - 1]?.variant ?? '') },
      ...own.map((e) => ({
        label: e.variant,
        stroke: colourOf(e.variant),
        fill: colourOf(e.variant),
        paths: () => null,
        points: { show: true, size: 9, fill: colourOf(e.variant), stroke: colourOf(e.variant) },
        value: (_u: uPlot, v: number | null) => (v === null ? '—' : `${formatSigned(v)} [${formatValue(e.ciLow)}, ${formatValue(e.ciHigh)}]`),
      })),
    ],
    axes: [
      axis('variant', { splits: () => xs, values: (_u, splits) => splits.map((s) => own[Math.round(s) - 1]?.variant ?? ''), grid: { show: false } }),
      axis(`Δ ${unit ?? 'value'} (variant − baseline)`, { size: 60, values: yValues }),
    ],
    hooks: {
      draw: [
        (u) => {
          const { ctx } = u;
          const { left, width: w } = u.bbox;
          ctx.save();
          const y0 = u.valToPos(0, 'y', true);
          ctx.strokeStyle = '#888';
          ctx.setLineDash([4, 4]);
          ctx.lineWidth = 1;
          ctx.beginPath();
          ctx.moveTo(left, y0);
          ctx.lineTo(left + w, y0);
          ctx.stroke();
          ctx.setLineDash([]);
          ctx.lineWidth = 2 * devicePixelRatio;
          own.forEach((e, i) => {
            if (!Number.isFinite(e.ciLow) || !Number.isFinite(e.ciHigh)) return;
            const xx = u.valToPos(i + 1, 'x', true);
            const ya = u.valToPos(e.ciLow, 'y', true);
            const yb = u.valToPos(e.ciHigh, 'y', true);
            const cap = 8 * devicePixelRatio;
            whisker(ctx, xx, ya, yb, cap, colourOf(e.variant));
          });
          ctx.restore();
        },
      ],
    },
  };
  const aligned: uPlot.AlignedData = [xs, ...own.map((e, i) => xs.map((_, j) => (j === i && Number.isFinite(e.meanDiff) ? e.meanDiff : null)))];
  plots.push(new uPlot(opts, aligned, figure));
}

const TABLE_FIELDS: { field: keyof CompareEntry; label: string; signed?: boolean; title?: string }[] = [
  { field: 'n', label: 'paired seeds' },
  { field: 'baselineMean', label: 'baseline mean' },
  { field: 'variantMean', label: 'variant mean' },
  { field: 'meanDiff', label: 'mean diff', signed: true },
  { field: 'ciLow', label: 'CI low (2.5 %)' },
  { field: 'ciHigh', label: 'CI high (97.5 %)' },
  { field: 'pBetter', label: 'P(variant > base)', title: "Share of the paired seeds on which the variant's outcome is higher than the baseline's (ties count half; compare.csv's p_better). Higher is not always better: for exits, lower is." },
  { field: 'spend', label: 'spend (money)' },
  { field: 'effectPerSpend', label: 'effect per unit spent' },
];

export function compareTable(entries: CompareEntry[], outcomes: readonly string[]): HTMLTableElement {
  const tableEl = el('table', { class: 'compare-table', 'data-table': 'compare' });
  const head = el('tr');
  for (const h of ['variant', 'outcome']) head.append(el('th', {}, h));
  for (const f of TABLE_FIELDS) head.append(el('th', f.title ? { title: f.title } : {}, f.label));
  tableEl.append(el('thead'));
  tableEl.tHead!.append(head);
  const body = el('tbody');
  for (const e of entries.filter((x) => outcomes.includes(x.outcome))) {
    const tr = el('tr', { 'data-variant': e.variant, 'data-outcome': e.outcome });
    tr.append(el('td', { class: 'text' }, `${e.variant} vs ${e.baseline}`), el('td', { class: 'text' }, e.outcome));
    for (const f of TABLE_FIELDS) {
      const v = e[f.field] as number | null;
      tr.append(el('td', {
        'data-variant': e.variant, 'data-outcome': e.outcome, 'data-field': f.field,
        'data-value': v === null || !Number.isFinite(v) ? 'NaN' : String(v),
      }, f.signed ? formatSigned(v) : formatValue(v)));
    }
    body.append(tr);
  }
  tableEl.append(body);
  return tableEl;
}

/**
 * The effects section of a compare (nothing otherwise): a chart per chosen outcome and the table,
 * with a picker of every outcome of compare.csv; a new choice redraws only this section.
 * `chosen`: the outcomes picked before (default COMPARE_OUTCOMES); `onOutcomes` hears of a new choice.
 */
export function effectsSection(
  root: HTMLElement, data: ReportData, chosen: readonly string[] | undefined, width: number, plots: uPlot[],
  onOutcomes: (outcomes: string[]) => void,
): void {
  const entries = data.compare;
  if (!entries || entries.length === 0) return;
  const available = [...new Set(entries.map((e) => e.outcome))];
  const initial = (chosen ?? COMPARE_OUTCOMES).filter((o) => available.includes(o));
  const grid = section(root, 'compare', `Effects vs ${entries[0].baseline}`,
    'Dot: mean paired difference variant − baseline over the same seeds; whiskers: 95 % bootstrap interval. ' +
    'Spend: mean policy spend of the variant − the baseline\'s over the run (total_policy_spend); ' +
    'effect per unit spent = mean difference / spend (n/a when both spend the same, e.g. no levers). ' +
    'Pick the outcomes (Ctrl/⌘-click for several).');
  const picker = el('label', { class: 'metric-picker' }, 'outcomes: ');
  const select = el('select', { multiple: '', size: '6', 'data-control': 'effect-outcomes' });
  for (const o of available) {
    const option = el('option', { value: o }, o);
    option.selected = initial.includes(o);
    select.append(option);
  }
  picker.append(select);
  grid.before(picker);
  // In its own scrolling box: a wide table never widens the page (and leaves charts half-empty).
  const wrap = el('div', { class: 'table-wrap' });
  grid.after(wrap);
  let own: uPlot[] = [];
  const draw = (outcomes: string[]) => {
    for (const p of own) {
      p.destroy();
      plots.splice(plots.indexOf(p), 1);
    }
    grid.replaceChildren();
    const drawn: uPlot[] = [];
    for (const o of outcomes) compareChart(grid, data, o, entries, width, drawn);
    labelCanvases(drawn);
    addExportLinks(drawn);
    plots.push(...drawn);
    own = drawn;
    wrap.replaceChildren(compareTable(entries, outcomes));
  };
  select.addEventListener('change', () => {
    const outcomes = [...select.selectedOptions].map((o) => o.value);
    onOutcomes(outcomes);
    draw(outcomes);
  });
  draw(initial);
}
