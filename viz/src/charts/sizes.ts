// The firm-size chart (`sizes`): the CCDF of firm sizes at the last tick per variant, summed over
// its runs, on log–log axes (a straight line is a power law).
import uPlot from 'uplot';
import type { ReportData, VariantSeries } from '../../../src/report/model.ts';
import { sizeCcdf } from '../../../src/analysis/sizes.ts';
import { counted } from '../../../src/report/parse-common.ts';
import { el } from './dom.ts';
import { formatTicks, formatValue } from './format.ts';
import { axis, variantColour } from './uplot-helpers.ts';

export function sizesChart(host: HTMLElement, data: ReportData, width: number, plots: uPlot[]): void {
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
        label: `${e.v.name} (${totalFirms(e.v)} firms, ${counted(e.v.runs, 'run')})`,
        stroke: variantColour(e.i),
        width: 2,
        spanGaps: true,
        points: { show: true, size: 6 },
        value: (_u: uPlot, v: number | null) => (v === null ? '—' : formatValue(v)),
      })),
    ],
    axes: [
      axis('firm size (employees, log scale)', { values: (_u, splits) => formatTicks(splits) }),
      axis('share of firms with size ≥ x (log scale)', { size: 60, values: (_u, splits) => formatTicks(splits) }),
    ],
  };
  const aligned: uPlot.AlignedData = [xs, ...curves.map((e) => xs.map((x) => {
    const k = e.c.size.indexOf(x);
    return k < 0 ? null : e.c.share[k];
  }))];
  plots.push(new uPlot(opts, aligned, figure));
}
