// The per-region small multiples (`region-<region>`): one time-series chart per region (`all`
// left out) for the metric picked in a select; changing it redraws only these charts, so the page
// keeps its place.
import type uPlot from 'uplot';
import type { ReportData } from '../../../src/report/model.ts';
import { el, section } from './dom.ts';
import { seriesChart } from './timeseries.ts';
import { labelCanvases } from './uplot-helpers.ts';
import { addExportLinks } from './export.ts';

/**
 * Draws the "By region" section into `root` (nothing when there are no regions or metrics), adding
 * its charts to `plots`. `metrics` are those offered (panels.ts: none that is zero throughout);
 * `regionMetric` is the metric chosen before (else employment, else the first); `onMetric` hears
 * of a new choice before the charts are redrawn.
 */
export function regionsSection(
  root: HTMLElement, data: ReportData, metrics: readonly string[], regionMetric: string | undefined,
  half: number, third: number, plots: uPlot[], onMetric: (metric: string) => void,
): void {
  const regions = data.regions.filter((r) => r !== 'all');
  if (regions.length > 0 && metrics.length > 0) {
    const chosen = regionMetric !== undefined && metrics.includes(regionMetric) ? regionMetric : (metrics.includes('employment') ? 'employment' : metrics[0]);
    const grid = section(root, 'regions', 'By region');
    const picker = el('label', { class: 'metric-picker' }, 'metric: ');
    const select = el('select', { 'data-control': 'region-metric' });
    for (const m of metrics) {
      const o = el('option', { value: m }, m);
      if (m === chosen) o.selected = true;
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
      labelCanvases(drawn);
    addExportLinks(drawn);
      plots.push(...drawn);
      own = drawn;
    };
    select.addEventListener('change', () => {
      onMetric(select.value);
      drawRegions(select.value);
    });
    drawRegions(chosen);
  }
}
