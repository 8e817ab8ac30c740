// The report's views, drawn with uPlot from a ReportData (src/report/model.ts) — shared by the
// self-contained report.html (viz/src/report-entry.ts) and the viz app.
//
//   renderReport(root, data, options?) → handle    draws everything into `root` (cleared first)
//   updateReport(handle, data)                      redraws with new data (runs finishing in the app)
//
// Every chart sits in an element with `data-chart="<id>"` holding uPlot's canvas:
//   ts-<metric>        time series of the whole system: median per variant, p05–p95 band when a
//                      variant has more than one run, lifecycle stages of the first variant shaded
//   region-<region>    small multiples: one chart per region for the chosen metric
//   compare-<outcome>  compare only: mean paired difference and 95 % interval per variant
//   sizes              firm-size distribution (CCDF) at the last tick, log–log
// The compare table's cells carry data-variant, data-outcome, data-field (meanDiff, ciLow, ciHigh,
// pBetter, spend, effectPerSpend, n, baselineMean, variantMean) and data-value (the number as in
// the data); their text is formatValue/formatSigned (./format.ts).
import uPlot from 'uplot';
import { STAGE_COLOURS, VARIANT_COLOURS, type CompareEntry, type MetricInfo, type ReportData, type VariantSeries } from '../../../src/report/model.ts';
import { sizeCcdf } from '../../../src/analysis/sizes.ts';
import { formatSigned, formatTick, formatValue } from './format.ts';

export { formatSigned, formatTick, formatValue } from './format.ts';

export interface ReportOptions {
  /** Metric of the per-region small multiples (default employment). */
  regionMetric?: string;
  /** Metrics of the time-series section (default data.mainMetrics). */
  metrics?: string[];
  /** Show the heading and the manifest block (default true; the viz app may draw its own). */
  header?: boolean;
}

export interface ReportHandle {
  root: HTMLElement;
  data: ReportData;
  options: ReportOptions;
  plots: uPlot[];
  destroy(): void;
}

/** The compare view's outcomes, in table order. */
export const COMPARE_OUTCOMES = ['final_employment', 'final_firms', 'total_spinoffs', 'total_innovations', 'total_entries', 'total_exits'];

const OUTCOME_UNITS: Record<string, string> = {
  final_employment: 'employees',
  final_firms: 'firms',
  total_spinoffs: 'firms',
  total_innovations: 'innovations',
  total_entries: 'firms',
  total_exits: 'firms',
};

export function variantColour(i: number): string {
  return VARIANT_COLOURS[i % VARIANT_COLOURS.length];
}

function rgba(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

const AXIS_FONT = '12px system-ui, sans-serif';
const LABEL_FONT = 'bold 12px system-ui, sans-serif';

function axis(label: string, extra: uPlot.Axis = {}): uPlot.Axis {
  return { label, font: AXIS_FONT, labelFont: LABEL_FONT, labelSize: 20, stroke: '#333', grid: { stroke: '#e5e5e5', width: 1 }, ticks: { stroke: '#ccc', width: 1 }, ...extra };
}

/** Tick labels with as many decimals as the tick spacing needs; 12k / 1.5M for large values. */
function yValues(_u: uPlot, splits: number[]): string[] {
  const step = splits.length > 1 ? Math.abs(splits[1] - splits[0]) : 0;
  const big = splits.some((v) => Math.abs(v) >= 1e4);
  if (big) return splits.map((v) => formatTick(v));
  const decimals = step > 0 ? Math.min(8, Math.max(0, -Math.floor(Math.log10(step) + 1e-9))) : 2;
  return splits.map((v) => (Number.isFinite(v) ? (v === 0 ? '0' : v.toFixed(decimals)) : ''));
}

function withUnit(metric: MetricInfo | undefined, name: string): string {
  return metric?.unit ? `${name} (${metric.unit})` : name;
}

function years(data: ReportData): number[] {
  return data.ticks.map((t) => t / data.ticksPerYear);
}

function clean(values: readonly number[] | undefined, n: number): (number | null)[] {
  const out: (number | null)[] = new Array(n).fill(null);
  if (!values) return out;
  for (let i = 0; i < n; i++) out[i] = Number.isFinite(values[i]) ? values[i] : null;
  return out;
}

/** Contiguous runs of the same stage: [stage, first index, last index]. */
function stageSpans(stages: readonly string[]): [string, number, number][] {
  const spans: [string, number, number][] = [];
  stages.forEach((s, i) => {
    const last = spans[spans.length - 1];
    if (last && last[0] === s) last[2] = i;
    else spans.push([s, i, i]);
  });
  return spans;
}

// ---------------------------------------------------------------------------------------------
// Time series (whole system and per region)

interface SeriesChartSpec {
  id: string;
  title: string;
  metric: string;
  region: string;
  width: number;
  height: number;
}

function seriesChart(host: HTMLElement, data: ReportData, spec: SeriesChartSpec, plots: uPlot[]): void {
  const info = data.metrics.find((m) => m.name === spec.metric);
  const x = years(data);
  const n = x.length;
  const variants = data.variants.map((v, i) => ({ v, i, band: v.series[spec.region]?.[spec.metric] })).filter((e) => e.band);
  const bands = variants.map((e) => ({
    colour: variantColour(e.i),
    lo: e.v.runs > 1 ? clean(e.band!.p05, n) : null,
    hi: e.v.runs > 1 ? clean(e.band!.p95, n) : null,
  }));
  const stages = data.variants[0]?.stages[spec.region] ?? [];
  const figure = el('figure', { class: 'chart', 'data-chart': spec.id });
  host.append(figure);
  const opts: uPlot.Options = {
    title: spec.title,
    width: spec.width,
    height: spec.height,
    scales: { x: { time: false } },
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    series: [
      { label: 'year', value: (_u, v) => (v === null ? '' : formatValue(v)) },
      ...variants.map((e) => ({
        label: `${e.v.name}${e.v.runs > 1 ? ` (median of ${e.v.runs})` : ''}`,
        stroke: variantColour(e.i),
        width: 2,
        points: { show: false },
        value: (_u: uPlot, v: number | null) => (v === null ? '—' : formatValue(v)),
      })),
    ],
    axes: [
      axis('year'),
      axis(withUnit(info, spec.metric), { size: 60, values: yValues }),
    ],
    hooks: {
      drawClear: [
        (u) => {
          const { ctx } = u;
          const { top, height, left, width } = u.bbox;
          ctx.save();
          ctx.beginPath();
          ctx.rect(left, top, width, height);
          ctx.clip();
          // Lifecycle stages of the first variant, behind everything.
          for (const [stage, a, b] of stageSpans(stages)) {
            const x0 = u.valToPos(x[a] - (a > 0 ? 0.5 / data.ticksPerYear : 0), 'x', true);
            const x1 = u.valToPos(x[b] + (b < n - 1 ? 0.5 / data.ticksPerYear : 0), 'x', true);
            ctx.fillStyle = STAGE_COLOURS[stage] ?? 'rgba(0,0,0,0.05)';
            ctx.fillRect(x0, top, x1 - x0, height);
          }
          // p05–p95 bands.
          for (const b of bands) {
            if (!b.lo || !b.hi) continue;
            ctx.fillStyle = rgba(b.colour, 0.16);
            let open = false;
            const flush = (from: number, to: number) => {
              ctx.beginPath();
              for (let i = from; i <= to; i++) ctx.lineTo(u.valToPos(x[i], 'x', true), u.valToPos(b.hi![i]!, 'y', true));
              for (let i = to; i >= from; i--) ctx.lineTo(u.valToPos(x[i], 'x', true), u.valToPos(b.lo![i]!, 'y', true));
              ctx.closePath();
              ctx.fill();
            };
            let start = 0;
            for (let i = 0; i <= n; i++) {
              const ok = i < n && b.lo[i] !== null && b.hi[i] !== null;
              if (ok && !open) { open = true; start = i; }
              if (!ok && open) { open = false; flush(start, i - 1); }
            }
          }
          ctx.restore();
        },
      ],
    },
  };
  // The y range covers the bands, not just the medians.
  let lo = Infinity;
  let hi = -Infinity;
  for (const e of variants) for (const arr of [e.band!.p50, e.v.runs > 1 ? e.band!.p05 : undefined, e.v.runs > 1 ? e.band!.p95 : undefined]) {
    if (!arr) continue;
    for (const v of arr) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  }
  if (Number.isFinite(lo)) {
    const pad = hi > lo ? (hi - lo) * 0.05 : Math.max(1, Math.abs(hi) * 0.1);
    const min = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
    opts.scales!.y = { range: () => [min, hi + pad] };
  }
  const aligned: uPlot.AlignedData = [x, ...variants.map((e) => clean(e.band!.p50, n))];
  plots.push(new uPlot(opts, aligned, figure));
  if (stages.length) figure.append(stageKey(stages, data.variants[0].name));
}

function stageKey(stages: readonly string[], variant: string): HTMLElement {
  const key = el('div', { class: 'stage-key' });
  key.append(el('span', { class: 'stage-key-title' }, `stages (${variant}):`));
  const present = new Set(stages);
  for (const s of [...Object.keys(STAGE_COLOURS).filter((x) => present.has(x)), ...[...present].filter((x) => !(x in STAGE_COLOURS))]) {
    const item = el('span', { class: 'stage-key-item' });
    const swatch = el('span', { class: 'swatch', style: `background:${STAGE_COLOURS[s] ?? 'rgba(0,0,0,0.05)'}` });
    item.append(swatch, document.createTextNode(s));
    key.append(item);
  }
  return key;
}

// ---------------------------------------------------------------------------------------------
// compare

function compareChart(host: HTMLElement, data: ReportData, outcome: string, entries: CompareEntry[], width: number, plots: uPlot[]): void {
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
  const unit = OUTCOME_UNITS[outcome];
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
            ctx.strokeStyle = colourOf(e.variant);
            ctx.beginPath();
            ctx.moveTo(xx, ya); ctx.lineTo(xx, yb);
            ctx.moveTo(xx - cap, ya); ctx.lineTo(xx + cap, ya);
            ctx.moveTo(xx - cap, yb); ctx.lineTo(xx + cap, yb);
            ctx.stroke();
          });
          ctx.restore();
        },
      ],
    },
  };
  const aligned: uPlot.AlignedData = [xs, ...own.map((e, i) => xs.map((_, j) => (j === i && Number.isFinite(e.meanDiff) ? e.meanDiff : null)))];
  plots.push(new uPlot(opts, aligned, figure));
}

const TABLE_FIELDS: { field: keyof CompareEntry; label: string; signed?: boolean }[] = [
  { field: 'n', label: 'paired seeds' },
  { field: 'baselineMean', label: 'baseline mean' },
  { field: 'variantMean', label: 'variant mean' },
  { field: 'meanDiff', label: 'mean diff', signed: true },
  { field: 'ciLow', label: 'CI low (2.5 %)' },
  { field: 'ciHigh', label: 'CI high (97.5 %)' },
  { field: 'pBetter', label: 'P(better)' },
  { field: 'spend', label: 'spend (money)' },
  { field: 'effectPerSpend', label: 'effect per unit spent' },
];

function compareTable(entries: CompareEntry[], outcomes: readonly string[]): HTMLTableElement {
  const tableEl = el('table', { class: 'compare-table', 'data-table': 'compare' });
  const head = el('tr');
  for (const h of ['variant', 'outcome', ...TABLE_FIELDS.map((f) => f.label)]) head.append(el('th', {}, h));
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

// ---------------------------------------------------------------------------------------------
// firm sizes

function sizesChart(host: HTMLElement, data: ReportData, width: number, plots: uPlot[]): void {
  const curves = data.variants.map((v, i) => ({ v, i, c: sizeCcdf(v.sizes) })).filter((e) => e.c.size.length > 0);
  if (curves.length === 0) return;
  const xs = [...new Set(curves.flatMap((e) => e.c.size))].sort((a, b) => a - b);
  const figure = el('figure', { class: 'chart', 'data-chart': 'sizes' });
  host.append(figure);
  const totalFirms = (v: VariantSeries) => v.sizes.reduce((a, b) => a + b, 0);
  const opts: uPlot.Options = {
    title: 'Firm-size distribution at the last tick (CCDF, log–log)',
    width,
    height: 320,
    scales: { x: { time: false, distr: 3, log: 2 }, y: { distr: 3, log: 10 } },
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    series: [
      { label: 'size ≥', value: (_u, v) => (v === null ? '' : `${formatValue(v)} employees`) },
      ...curves.map((e) => ({
        label: `${e.v.name} (${totalFirms(e.v)} firms, ${e.v.runs} run${e.v.runs === 1 ? '' : 's'})`,
        stroke: variantColour(e.i),
        width: 2,
        spanGaps: true,
        points: { show: true, size: 6 },
        value: (_u: uPlot, v: number | null) => (v === null ? '—' : formatValue(v)),
      })),
    ],
    axes: [
      axis('firm size (employees, log scale)', { values: (_u, splits) => splits.map((s) => formatTick(s)) }),
      axis('share of firms with size ≥ x (log scale)', { size: 60, values: (_u, splits) => splits.map((s) => formatTick(s)) }),
    ],
  };
  const aligned: uPlot.AlignedData = [xs, ...curves.map((e) => xs.map((x) => {
    const k = e.c.size.indexOf(x);
    return k < 0 ? null : e.c.share[k];
  }))];
  plots.push(new uPlot(opts, aligned, figure));
}

// ---------------------------------------------------------------------------------------------

function section(root: HTMLElement, id: string, heading: string, note?: string): HTMLElement {
  const s = el('section', { class: 'report-section', 'data-section': id });
  s.append(el('h2', {}, heading));
  if (note) s.append(el('p', { class: 'note' }, note));
  const grid = el('div', { class: 'chart-grid' });
  s.append(grid);
  root.append(s);
  return grid;
}

function chartWidth(root: HTMLElement, perRow: number): number {
  // The root's content box, less each figure's padding and border (12 px) and the gaps (16 px).
  const style = getComputedStyle(root);
  const inner = (root.clientWidth || 1200) - (parseFloat(style.paddingLeft) || 0) - (parseFloat(style.paddingRight) || 0);
  // Slack for a vertical scrollbar that appears once the charts are in (it narrows the page).
  const total = Math.max(360, inner - 24);
  return Math.max(300, Math.floor((total - (perRow - 1) * 16) / perRow) - 12);
}

function draw(handle: ReportHandle): void {
  const { root, data, options } = handle;
  root.replaceChildren();
  root.classList.add('clusterlab-report');
  const plots = handle.plots;
  const showHeader = options.header ?? true;
  if (showHeader) {
    root.append(el('h1', {}, data.title));
    root.append(el('p', { class: 'subtitle' }, `${data.scenario.name}: ${data.scenario.description}`));
  }
  const variantsList = el('ul', { class: 'variant-list' });
  data.variants.forEach((v, i) => {
    const li = el('li');
    li.append(el('span', { class: 'swatch', style: `background:${variantColour(i)}` }), document.createTextNode(`${v.name} — ${v.runs} run${v.runs === 1 ? '' : 's'}`));
    variantsList.append(li);
  });
  root.append(variantsList);

  const wide = chartWidth(root, 1);
  const half = chartWidth(root, 2);
  const third = chartWidth(root, 3);
  const multi = data.variants.some((v) => v.runs > 1);

  // Time series of the whole system.
  const metrics = (options.metrics ?? data.mainMetrics).filter((m) => data.metrics.some((x) => x.name === m));
  const ts = section(root, 'timeseries', 'Time series (whole system)',
    (multi ? 'Lines: median over the seeds; shaded band: 5–95 % of the seeds. ' : '') +
    'Background: lifecycle stage of the first variant (the most frequent over its seeds). Hover for values.');
  for (const m of metrics) {
    const info = data.metrics.find((x) => x.name === m);
    seriesChart(ts, data, { id: `ts-${m}`, title: info?.description ? `${m} — ${info.description}` : m, metric: m, region: 'all', width: half, height: 260 }, plots);
  }

  // Per-region small multiples.
  const regions = data.regions.filter((r) => r !== 'all');
  if (regions.length > 0 && data.metrics.length > 0) {
    const chosen = data.metrics.some((x) => x.name === options.regionMetric) ? options.regionMetric! : (data.metrics.some((x) => x.name === 'employment') ? 'employment' : data.metrics[0].name);
    const grid = section(root, 'regions', 'By region');
    const picker = el('label', { class: 'metric-picker' }, 'metric: ');
    const select = el('select', { 'data-control': 'region-metric' });
    for (const m of data.metrics) {
      const o = el('option', { value: m.name }, m.name);
      if (m.name === chosen) o.selected = true;
      select.append(o);
    }
    picker.append(select);
    grid.before(picker);
    const w = regions.length <= 2 ? half : third;
    // Only the small multiples are redrawn when the metric changes (the page keeps its place).
    let own: uPlot[] = [];
    const drawRegions = (metric: string) => {
      for (const p of own) {
        p.destroy();
        plots.splice(plots.indexOf(p), 1);
      }
      grid.replaceChildren();
      const drawn: uPlot[] = [];
      for (const r of regions) {
        seriesChart(grid, data, { id: `region-${r}`, title: `${r}: ${metric}`, metric, region: r, width: w, height: 220 }, drawn);
      }
      plots.push(...drawn);
      own = drawn;
    };
    select.addEventListener('change', () => {
      handle.options = { ...handle.options, regionMetric: select.value };
      drawRegions(select.value);
    });
    drawRegions(chosen);
  }

  // compare.
  if (data.compare && data.compare.length > 0) {
    const grid = section(root, 'compare', `Effects vs ${data.compare[0].baseline}`,
      'Dot: mean paired difference variant − baseline over the same seeds; whiskers: 95 % bootstrap interval. ' +
      'Effect per unit spent is n/a while the levers spend nothing.');
    for (const o of COMPARE_OUTCOMES) compareChart(grid, data, o, data.compare, third, plots);
    grid.parentElement!.append(compareTable(data.compare, COMPARE_OUTCOMES));
  }

  // Firm sizes.
  const sizes = section(root, 'sizes', 'Firm sizes', 'Share of firms at least as large as x, summed over the runs; a straight line is a power law (Zipf).');
  sizesChart(sizes, data, half, plots);

  // Sweep table.
  if (data.sweep) {
    const s = el('section', { class: 'report-section', 'data-section': 'sweep' });
    s.append(el('h2', {}, `Sweep (${data.sweep.rows.length} runs)`));
    const wrap = el('div', { class: 'table-wrap' });
    const t = el('table', { class: 'sweep-table', 'data-table': 'sweep' });
    const head = el('tr');
    for (const c of data.sweep.columns) head.append(el('th', {}, c));
    t.append(el('thead'));
    t.tHead!.append(head);
    const body = el('tbody');
    for (const row of data.sweep.rows.slice(0, 1000)) {
      const tr = el('tr');
      for (const cell of row) tr.append(el('td', {}, typeof cell === 'number' ? formatValue(cell) : cell));
      body.append(tr);
    }
    t.append(body);
    wrap.append(t);
    s.append(wrap);
    if (data.sweep.rows.length > 1000) s.append(el('p', { class: 'note' }, `First 1,000 of ${data.sweep.rows.length} rows; all are in sweep.csv.`));
    root.append(s);
  }

  if (showHeader) {
    const s = el('section', { class: 'report-section', 'data-section': 'manifest' });
    s.append(el('h2', {}, 'Manifest'));
    s.append(el('pre', { class: 'manifest' }, JSON.stringify(data.manifest, null, 2)));
    root.append(s);
  }
}

function redraw(handle: ReportHandle): void {
  // Hold the page's height while the charts are rebuilt, so the scroll position stays.
  const { root } = handle;
  const held = root.style.minHeight;
  root.style.minHeight = `${root.offsetHeight}px`;
  for (const p of handle.plots) p.destroy();
  handle.plots.length = 0;
  draw(handle);
  root.style.minHeight = held;
}

/** Draws the report into `root` (its children are replaced). */
export function renderReport(root: HTMLElement, data: ReportData, options: ReportOptions = {}): ReportHandle {
  const handle: ReportHandle = {
    root,
    data,
    options: { ...options },
    plots: [],
    destroy() {
      for (const p of handle.plots) p.destroy();
      handle.plots.length = 0;
      root.replaceChildren();
    },
  };
  draw(handle);
  return handle;
}

/** Redraws with new data, keeping the chosen options (e.g. the region metric). */
export function updateReport(handle: ReportHandle, data: ReportData): void {
  handle.data = data;
  redraw(handle);
}
