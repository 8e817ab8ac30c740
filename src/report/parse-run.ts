// A `run` output folder → ReportData: summary.json (manifest), timeseries.csv (one value per
// region and tick, so the p50 line is the run itself; stages per row) and firms.csv (sizes of the
// firms alive at the end). Pure and browser-safe.
import { sizeHistogram, SIZE_BINS } from '../analysis/sizes.ts';
import { csvNumber, table } from './csv.ts';
import { json, type ReportFiles } from './files.ts';
import type { Band, ReportData } from './model.ts';
import { addSizes, BASE, mainMetricsOf, metricInfos, orderRegions } from './parse-common.ts';

interface RunSummaryJson {
  manifest: { scenario: string; file: string; seed: number; ticks: number; ticksPerYear: number; variant: string | null };
}

export function fromRun(files: ReportFiles): ReportData {
  const summary = json<RunSummaryJson>(files, 'summary.json');
  const m = summary.manifest;
  const ts = table(files.text('timeseries.csv') ?? '', 'timeseries.csv');
  const fixed = ['tick', 'year', 'region', 'stage'];
  const metrics = ts.header.filter((h) => !fixed.includes(h));
  const cTick = ts.col('tick');
  const cRegion = ts.col('region');
  const cStage = ts.col('stage');
  const cMetrics = metrics.map((name) => ts.col(name));
  const regions: string[] = [];
  const ticks: number[] = [];
  const series: Record<string, Record<string, Band>> = {};
  const stages: Record<string, string[]> = {};
  for (const row of ts.rows) {
    if (row.length < ts.header.length) continue;
    const tick = Number(row[cTick]);
    const region = row[cRegion];
    if (!series[region]) {
      regions.push(region);
      series[region] = Object.fromEntries(metrics.map((name) => [name, { p50: [] as number[] }]));
      stages[region] = [];
    }
    if (ticks.length === 0 || ticks[ticks.length - 1] !== tick) ticks.push(tick);
    metrics.forEach((name, i) => series[region][name].p50.push(csvNumber(row[cMetrics[i]])));
    stages[region].push(row[cStage]);
  }
  const sizes = new Array<number>(SIZE_BINS).fill(0);
  const firmsText = files.text('firms.csv');
  if (firmsText !== undefined) {
    const f = table(firmsText, 'firms.csv');
    const cDeath = f.col('death');
    const cEmp = f.col('employees');
    const employees = f.rows.filter((r) => r.length > cEmp && r[cDeath] === '').map((r) => csvNumber(r[cEmp]));
    addSizes(sizes, sizeHistogram(employees, employees.length));
  }
  const name = m.variant ?? BASE;
  return {
    kind: 'run',
    title: `run · ${m.scenario}${m.variant ? ` · ${m.variant}` : ''} · seed ${m.seed} · ${m.ticks} ticks`,
    scenario: { name: m.scenario, description: `${m.file}, seed ${m.seed}, ${m.ticks} ticks (${m.ticks / m.ticksPerYear} years)` },
    ticksPerYear: m.ticksPerYear,
    ticks,
    regions: orderRegions(regions),
    metrics: metricInfos(metrics),
    mainMetrics: mainMetricsOf(metrics),
    variants: [{ name, runs: 1, series, stages, sizes }],
    manifest: summary.manifest,
  };
}
