// Outcome against parameter, for sweeps (`sweep-<parameter>-<outcome>`): one dot per run of
// sweep.csv at its value of the parameter, and the median over the seeds of each design point as a
// line — every run of the sweep, however many points (the time series show at most eight).
import uPlot from 'uplot';
import type { ReportData } from '../../../src/report/model.ts';
import { quantile, sortedCopy } from '../../../src/analysis/stats.ts';
import { el } from './dom.ts';
import { formatValue } from './format.ts';
import { axis, variantColour, yValues } from './uplot-helpers.ts';

/** The outcomes plotted against each swept parameter (those of sweep.csv among them). */
export const SWEEP_OUTCOMES = ['final_employment', 'final_firms', 'total_spinoffs', 'total_innovations', 'total_entries', 'total_exits', 'mean_employment', 'years_to_decline'];

/** Parameter paths shortened to their last segment, or last two where the last is shared (`spinoffs.rate`, `entry.rate`). */
export function shortNames(paths: readonly string[]): string[] {
  const last = (p: string, n: number) => p.split('.').slice(-n).join('.');
  return paths.map((p) => (paths.filter((q) => last(q, 1) === last(p, 1)).length > 1 ? last(p, 2) : last(p, 1)));
}

/** One chart per swept parameter and outcome into `host`; nothing without a sweep table. */
export function sweepPlots(host: HTMLElement, sweep: NonNullable<ReportData['sweep']>, width: number, plots: uPlot[]): void {
  const column = (name: string) => sweep.columns.indexOf(name);
  const point = column('point');
  const outcomes = SWEEP_OUTCOMES.filter((o) => column(o) >= 0);
  for (const param of sweep.params) {
    const p = column(param);
    // Runs sorted by the parameter's value (uPlot needs x ascending), the point's runs together.
    const runs = sweep.rows
      .map((row) => ({ x: row[p] as number, point: row[point] as number, row }))
      .filter((r) => Number.isFinite(r.x))
      .sort((a, b) => a.x - b.x || a.point - b.point);
    for (const outcome of outcomes) {
      const o = column(outcome);
      const ys = runs.map((r) => (typeof r.row[o] === 'number' && Number.isFinite(r.row[o]) ? (r.row[o] as number) : null));
      const medians = pointMedians(runs.map((r) => r.point), ys);
      const figure = el('figure', { class: 'chart', 'data-chart': `sweep-${param}-${outcome}` });
      host.append(figure);
      const name = shortNames(sweep.params)[sweep.params.indexOf(param)];
      const opts: uPlot.Options = {
        title: `${outcome} against ${name}`,
        width,
        height: 220,
        // 5 % of room above and below: dots on the extremes stay whole.
        scales: { x: { time: false }, y: { range: (_u, lo, hi) => padded(lo, hi) } },
        legend: { live: true },
        cursor: { drag: { x: true, y: false } },
        series: [
          { label: name, value: (_u, v) => (v === null ? '' : formatValue(v)) },
          { label: 'run', stroke: variantColour(0), width: 0, paths: () => null, points: { show: true, size: 5, fill: variantColour(0) }, value: (_u, v) => (v === null ? '—' : formatValue(v)) },
          { label: 'median of the point', stroke: variantColour(1), width: 2, spanGaps: true, points: { show: false }, value: (_u, v) => (v === null ? '—' : formatValue(v)) },
        ],
        axes: [axis(param), axis(outcome, { size: 60, values: yValues })],
      };
      plots.push(new uPlot(opts, [runs.map((r) => r.x), ys, medians], figure));
    }
  }
}

function padded(lo: number | null, hi: number | null): uPlot.Range.MinMax {
  if (lo === null || hi === null || !Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  const pad = hi > lo ? 0.05 * (hi - lo) : Math.max(1, 0.1 * Math.abs(hi));
  return [lo - pad, hi + pad];
}

/** The median of each point's runs, at each of its runs (null where the run has no value). */
function pointMedians(points: readonly number[], ys: readonly (number | null)[]): (number | null)[] {
  const byPoint = new Map<number, number[]>();
  points.forEach((p, i) => {
    const y = ys[i];
    if (y === null) return;
    if (!byPoint.has(p)) byPoint.set(p, []);
    byPoint.get(p)!.push(y);
  });
  const medians = new Map([...byPoint].map(([p, values]) => [p, quantile(sortedCopy(values), 0.5)]));
  return points.map((p, i) => (ys[i] === null ? null : medians.get(p) ?? null));
}
