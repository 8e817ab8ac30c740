// Sensitivity indices as charts (`sensitivity-<outcome>`), one per main outcome of sensitivity.csv:
// for Morris, each parameter at (μ*, σ) — importance against nonlinearity and interactions, the
// usual Morris plot; for Sobol', each parameter's S1 and ST with their 95 % bootstrap intervals.
import uPlot from 'uplot';
import type { ReportData } from '../../../src/report/model.ts';
import { el } from './dom.ts';
import { formatValue } from './format.ts';
import { shortNames, SWEEP_OUTCOMES } from './sweep-plots.ts';
import { axis, variantColour, whisker, yValues } from './uplot-helpers.ts';

type Sensitivity = NonNullable<ReportData['sensitivity']>;

export function sensitivityCharts(host: HTMLElement, s: Sensitivity, width: number, plots: uPlot[]): void {
  const col = (name: string) => s.columns.indexOf(name);
  const rows = (outcome: string) => s.rows.filter((r) => r[col('outcome')] === outcome);
  const num = (r: (number | string)[], c: string) => (typeof r[col(c)] === 'number' ? (r[col(c)] as number) : NaN);
  const index = s.method === 'morris' ? 'mu_star' : 'ST';
  // Outcomes with indices (one that never varies has none: NaN throughout).
  const outcomes = SWEEP_OUTCOMES.filter((o) => rows(o).some((r) => Number.isFinite(num(r, index))));
  for (const outcome of outcomes) {
    const own = rows(outcome);
    const names = shortNames(own.map((r) => String(r[col('parameter')])));
    const figure = el('figure', { class: 'chart', 'data-chart': `sensitivity-${outcome}` });
    host.append(figure);
    if (s.method === 'morris') morris(figure, outcome, names, own.map((r) => num(r, 'mu_star')), own.map((r) => num(r, 'sigma')), width, plots);
    else sobol(figure, outcome, names, own.map((r) => [num(r, 'S1'), num(r, 'S1_low'), num(r, 'S1_high'), num(r, 'ST'), num(r, 'ST_low'), num(r, 'ST_high')]), width, plots);
  }
}

function morris(figure: HTMLElement, outcome: string, names: string[], muStar: number[], sigma: number[], width: number, plots: uPlot[]): void {
  // uPlot wants x ascending: parameters sorted by μ*.
  const order = names.map((_, k) => k).sort((a, b) => muStar[a] - muStar[b]);
  const xs = order.map((k) => muStar[k]);
  const ys = order.map((k) => sigma[k]);
  const top = Math.max(1e-12, ...xs.filter(Number.isFinite), ...ys.filter(Number.isFinite));
  plots.push(new uPlot({
    title: `${outcome}: Morris μ* (importance) and σ (nonlinearity, interactions)`,
    width,
    height: 260,
    scales: { x: { time: false, range: () => [0, top * 1.15] }, y: { range: () => [0, top * 1.15] } },
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    series: [{}, { stroke: variantColour(0), width: 0, paths: () => null, points: { show: true, size: 8, fill: variantColour(0) } }],
    axes: [axis('μ*', { values: yValues }), axis('σ', { size: 55, values: yValues })],
    hooks: {
      draw: [(u) => {
        const { ctx } = u;
        ctx.save();
        ctx.fillStyle = '#222';
        ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
        order.forEach((k, j) => ctx.fillText(names[k], u.valToPos(xs[j], 'x', true) + 6 * devicePixelRatio, u.valToPos(ys[j], 'y', true) - 4 * devicePixelRatio));
        ctx.restore();
      }],
    },
  }, [xs, ys], figure));
}

function sobol(figure: HTMLElement, outcome: string, names: string[], values: number[][], width: number, plots: uPlot[]): void {
  const xs = names.map((_, k) => k + 1);
  let lo = 0;
  let hi = 1;
  for (const v of values) for (const x of v) if (Number.isFinite(x)) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
  plots.push(new uPlot({
    title: `${outcome}: Sobol' S1 (alone) and ST (with interactions), 95 % intervals`,
    width,
    height: 260,
    scales: { x: { time: false, range: () => [0.5, names.length + 0.5] }, y: { range: () => [lo - 0.05, hi + 0.05] } },
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    series: [
      { label: 'parameter', value: (_u, v) => (v === null ? '' : names[Math.round(v) - 1] ?? '') },
      // Drawn in the hook below, side by side; the series give the legend and the hover values.
      { label: 'S1', stroke: variantColour(0), width: 0, paths: () => null, points: { show: false }, value: (_u, v) => (v === null ? '—' : formatValue(v)) },
      { label: 'ST', stroke: variantColour(1), width: 0, paths: () => null, points: { show: false }, value: (_u, v) => (v === null ? '—' : formatValue(v)) },
    ],
    axes: [
      axis('parameter', { splits: () => xs, values: (_u, splits) => splits.map((s) => names[Math.round(s) - 1] ?? ''), grid: { show: false } }),
      axis('index', { size: 55, values: yValues }),
    ],
    hooks: {
      draw: [(u) => {
        const cap = 5 * devicePixelRatio;
        values.forEach((v, k) => {
          for (const [centre, low, high, colour, dx] of [[v[0], v[1], v[2], variantColour(0), -0.12], [v[3], v[4], v[5], variantColour(1), 0.12]] as const) {
            if (!Number.isFinite(centre)) continue;
            const x = u.valToPos(xs[k] + dx, 'x', true);
            if (Number.isFinite(low) && Number.isFinite(high)) whisker(u.ctx, x, u.valToPos(low, 'y', true), u.valToPos(high, 'y', true), cap, colour);
            u.ctx.fillStyle = colour;
            u.ctx.beginPath();
            u.ctx.arc(x, u.valToPos(centre, 'y', true), 4.5 * devicePixelRatio, 0, 2 * Math.PI);
            u.ctx.fill();
          }
        });
      }],
    },
  }, [xs, values.map((v) => v[0]), values.map((v) => v[3])], figure));
}
