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
//   sweep-<param>-<outcome>  sweep only: each run's outcome against the parameter, medians per point
//   sensitivity-<outcome>    Morris (μ*, σ per parameter) or Sobol' (S1, ST with intervals)
// and, for run and compare, pictures (data-picture="map-<variant>-<tick>", "genealogy-<variant>";
// pictures.ts): the live view's map and genealogy drawn from snapshots of the run.
// A calibration (kind `calibration`) has its own views instead (calibration.ts): marginal-<path>,
// pair-<i>-<j>, tolerance and fit, with the parameter and fit tables.
// The compare table's cells carry data-variant, data-outcome, data-field (meanDiff, ciLow, ciHigh,
// pBetter, spend, effectPerSpend, n, baselineMean, variantMean) and data-value (the number as in
// the data); their text is formatValue/formatSigned (./format.ts).
//
// This module lays the sections out and keeps the handle; the charts are in timeseries.ts,
// regions.ts, compare.ts, sizes.ts and sweep.ts, their shared pieces in uplot-helpers.ts and dom.ts.
import type uPlot from 'uplot';
import type { ReportData } from '../../../src/report/model.ts';
import { counted } from '../../../src/report/parse-common.ts';
import { calibrationSections } from './calibration.ts';
import { effectsSection } from './compare.ts';
import { chartWidth, el, section } from './dom.ts';
import { activeMetrics, panelMetrics, pickableMetrics } from './panels.ts';
import { regionsSection } from './regions.ts';
import { sizesChart } from './sizes.ts';
import { sensitivitySection, sweepSection } from './sweep.ts';
import { sweepPlots } from './sweep-plots.ts';
import { seriesChart } from './timeseries.ts';
import { labelCanvases, variantColour } from './uplot-helpers.ts';
import { addExportLinks } from './export.ts';
import { picturesSection } from './pictures.ts';

export { formatSigned, formatTicks, formatValue } from './format.ts';
export { COMPARE_OUTCOMES } from './compare.ts';
export { variantColour } from './uplot-helpers.ts';

export interface ReportOptions {
  /** Metric of the per-region small multiples (default employment). */
  regionMetric?: string;
  /** Metrics of the time-series section (default data.mainMetrics). */
  metrics?: string[];
  /** Outcomes of the effects section (default COMPARE_OUTCOMES among compare.csv's). */
  outcomes?: string[];
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
  if (data.kind === 'calibration' && data.calibration) {
    calibrationSections(root, data.calibration, { full: chartWidth(root, 1), half: chartWidth(root, 2), third: chartWidth(root, 3) }, plots);
    if (showHeader) manifestSection(root, data);
    labelCanvases(plots);
    addExportLinks(plots);
    return;
  }
  const variantsList = el('ul', { class: 'variant-list' });
  data.variants.forEach((v, i) => {
    const li = el('li');
    li.append(el('span', { class: 'swatch', style: `background:${variantColour(i)}` }), document.createTextNode(`${v.name} — ${counted(v.runs, 'run')}`));
    variantsList.append(li);
  });
  root.append(variantsList);

  const half = chartWidth(root, 2);
  const third = chartWidth(root, 3);
  const multi = data.variants.some((v) => v.runs > 1);

  // Time series of the whole system.
  // The panels follow what the scenario switched on (panels.ts), unless the caller chose them.
  const active = activeMetrics(data);
  const metrics = (options.metrics ?? panelMetrics(data, active)).filter((m) => data.metrics.some((x) => x.name === m));
  const shown = data.sweep?.pointsShown;
  const ts = section(root, 'timeseries', 'Time series (whole system)',
    (shown ? `Lines: ${shown.shown} of the ${shown.total} design points, spread evenly over the design (every run is in "Outcomes against the parameters"). ` : '') +
    (multi ? 'Lines: median over the seeds; shaded band: 5–95 % of the seeds. ' : '') +
    'Background: lifecycle stage of the first variant (the most frequent over its seeds). Hover for values; drag to zoom into years.' +
    (data.ticksPerYear > 1 ? ` A tick is 1/${data.ticksPerYear} year: counts per tick are shown per past year (the per-tick medians and bands summed over the last ${data.ticksPerYear} ticks), policy spend as its mean over them.` : ''));
  for (const m of metrics) {
    const info = data.metrics.find((x) => x.name === m);
    seriesChart(ts, data, { id: `ts-${m}`, title: info?.description ? `${m} — ${info.description}` : m, metric: m, region: 'all', width: half, height: 260 }, plots);
  }

  // Per-region small multiples.
  regionsSection(root, data, pickableMetrics(data, active), options.regionMetric, half, third, plots, (metric) => {
    handle.options = { ...handle.options, regionMetric: metric };
  });

  // compare.
  effectsSection(root, data, options.outcomes, third, plots, (outcomes) => {
    handle.options = { ...handle.options, outcomes };
  });

  // The run's map, tie network and genealogy at chosen ticks (run, compare).
  picturesSection(root, data.pictures, half);

  // Firm sizes.
  const sizes = section(root, 'sizes', 'Firm sizes', 'Share of firms at least as large as x, summed over the runs; a straight line is a power law (Zipf).');
  sizesChart(sizes, data, half, plots);

  // Sweeps: each outcome against each swept parameter, then the tables.
  if (data.sweep && data.sweep.params.length > 0) {
    const grid = section(root, 'sweep-plots', 'Outcomes against the parameters',
      'Dots: one run each (sweep.csv); line: the median over the seeds of each design point.');
    sweepPlots(grid, data.sweep, third, plots);
  }
  sweepSection(root, data.sweep);
  sensitivitySection(root, data.sensitivity, third, plots);

  if (showHeader) manifestSection(root, data);
  labelCanvases(plots);
  addExportLinks(plots);
}

function manifestSection(root: HTMLElement, data: ReportData): void {
  const s = el('section', { class: 'report-section', 'data-section': 'manifest' });
  s.append(el('h2', {}, 'Manifest'));
  s.append(el('pre', { class: 'manifest' }, JSON.stringify(data.manifest, null, 2)));
  root.append(s);
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
