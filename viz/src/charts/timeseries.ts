// Time-series charts (whole system, `ts-<metric>`, and per region, `region-<region>`): the median
// per variant, the p05–p95 band when a variant has more than one run, and the first variant's
// lifecycle stages shaded behind, with a key of the stages shown.
import uPlot from 'uplot';
import { STAGE_COLOURS, type Band, type ReportData } from '../../../src/report/model.ts';
import { el } from './dom.ts';
import { flowKind, perYear, yearlyUnit } from './flows.ts';
import { registerCsv } from './export.ts';
import { formatValue } from './format.ts';
import { axis, clean, rgba, stageSpans, variantColour, years, yValues } from './uplot-helpers.ts';

/** The cursor sync key of every time-series chart (x in years). */
const YEARS_SYNC = 'clusterlab-years';

export interface SeriesChartSpec {
  id: string;
  title: string;
  metric: string;
  region: string;
  width: number;
  height: number;
}

export function seriesChart(host: HTMLElement, data: ReportData, spec: SeriesChartSpec, plots: uPlot[]): void {
  const info = data.metrics.find((m) => m.name === spec.metric);
  const x = years(data);
  const n = x.length;
  // Flows (counts per tick, spend) per past year when a tick is shorter than a year (flows.ts).
  const flow = data.ticksPerYear > 1 ? flowKind(info) : null;
  const yearly = (band: Band | undefined): Band | undefined => band && flow
    ? { p50: perYear(band.p50, data.ticksPerYear, flow), ...(band.p05 ? { p05: perYear(band.p05, data.ticksPerYear, flow) } : {}), ...(band.p95 ? { p95: perYear(band.p95, data.ticksPerYear, flow) } : {}) }
    : band;
  const variants = data.variants.map((v, i) => ({ v, i, band: yearly(v.series[spec.region]?.[spec.metric]) })).filter((e) => e.band);
  const bands = variants.map((e) => ({
    colour: variantColour(e.i),
    lo: e.v.runs > 1 ? clean(e.band!.p05, n) : null,
    hi: e.v.runs > 1 ? clean(e.band!.p95, n) : null,
  }));
  // A variant whose medians equal an earlier one's everywhere (a placebo) is dashed and says so:
  // drawn solid over it, it would hide the other line.
  const sameAs = variants.map((e, k) => variants.slice(0, k).find((f) => sameValues(f.band!.p50, e.band!.p50))?.v.name ?? null);
  const stages = data.variants[0]?.stages[spec.region] ?? [];
  const figure = el('figure', { class: 'chart', 'data-chart': spec.id });
  host.append(figure);
  const opts: uPlot.Options = {
    title: flow ? `${spec.title} (per past year)` : spec.title,
    width: spec.width,
    height: spec.height,
    scales: { x: { time: false } },
    legend: { live: true },
    // Hovering one time-series chart shows the same year in all of them; drag across a chart to
    // zoom into years (double-click: all years again).
    cursor: { sync: { key: YEARS_SYNC }, drag: { x: true, y: false } },
    series: [
      { label: 'year', value: (_u, v) => (v === null ? '' : formatValue(v)) },
      ...variants.map((e, k) => ({
        label: `${e.v.name}${sameAs[k] ? ` = ${sameAs[k]}` : ''}`,
        stroke: variantColour(e.i),
        width: 2,
        ...(sameAs[k] ? { dash: [7, 7] } : {}),
        points: { show: false },
        value: (_u: uPlot, v: number | null) => (v === null ? '' : formatValue(v)), // empty (hidden) off the cursor: a one-line legend
      })),
    ],
    axes: [
      axis('year'),
      // The title names the metric: the axis its unit only (long labels were clipped).
      axis(info ? (flow ? yearlyUnit(info, flow) : info.unit) || spec.metric : spec.metric, { size: 60, values: yValues }),
    ],
    hooks: {
      // The y range on the figure (data-y-min, data-y-max), for readers of the page and the tests.
      setScale: [
        (u, key) => {
          if (key !== 'y') return;
          figure.dataset.yMin = String(u.scales.y.min);
          figure.dataset.yMax = String(u.scales.y.max);
        },
      ],
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
          // p05–p95 bands, of the variants shown (hidden in the legend: no band either).
          for (const [k, b] of bands.entries()) {
            if (!b.lo || !b.hi || u.series[k + 1]?.show === false) continue;
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
  // The y range covers the bands of the variants shown, not just the medians: hiding a variant
  // in the legend rescales the axis (uPlot calls the range again on each toggle).
  const y: uPlot.Scale = {
    range: (u) => yRange(variants.filter((_, k) => u.series?.[k + 1]?.show !== false)) ?? [0, 1],
  };
  opts.scales!.y = y;
  const aligned: uPlot.AlignedData = [x, ...variants.map((e) => clean(e.band!.p50, n))];
  const plot = new uPlot(opts, aligned, figure);
  // The CSV beside the chart: the medians and, where drawn, the 5–95 % band of each variant.
  registerCsv(plot, [
    { name: 'year', values: x },
    ...variants.flatMap((e) => [
      ...(e.v.runs > 1 && e.band!.p05 ? [{ name: `${e.v.name} p05`, values: e.band!.p05 }] : []),
      { name: `${e.v.name} ${e.v.runs > 1 ? 'p50' : 'value'}`, values: e.band!.p50 },
      ...(e.v.runs > 1 && e.band!.p95 ? [{ name: `${e.v.name} p95`, values: e.band!.p95 }] : []),
    ]),
  ]);
  plots.push(plot);
  if (stages.length) figure.append(stageKey(stages, data.variants[0].name));
}

/** [min, max] of the medians and, with more than one run, the bands, padded by 5 %; null when empty. */
function yRange(shown: readonly { v: { runs: number }; band?: Band }[]): uPlot.Range.MinMax | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const e of shown) for (const arr of [e.band!.p50, e.v.runs > 1 ? e.band!.p05 : undefined, e.v.runs > 1 ? e.band!.p95 : undefined]) {
    if (!arr) continue;
    for (const v of arr) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  }
  if (!Number.isFinite(lo)) return null;
  const pad = hi > lo ? (hi - lo) * 0.05 : Math.max(1, Math.abs(hi) * 0.1);
  return [lo >= 0 && lo - pad < 0 ? 0 : lo - pad, hi + pad];
}

function sameValues(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]) || (Number.isNaN(x) && Number.isNaN(b[i])));
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
