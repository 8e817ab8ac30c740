// Time-series charts (whole system, `ts-<metric>`, and per region, `region-<region>`): the median
// per variant, the p05–p95 band when a variant has more than one run, and the first variant's
// lifecycle stages shaded behind, with a key of the stages shown.
import uPlot from 'uplot';
import { STAGE_COLOURS, type ReportData } from '../../../src/report/model.ts';
import { el } from './dom.ts';
import { formatValue } from './format.ts';
import { axis, clean, rgba, stageSpans, variantColour, withUnit, years, yValues } from './uplot-helpers.ts';

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
