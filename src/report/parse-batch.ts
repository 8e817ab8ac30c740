// A `batch`, `compare` or `sweep` output folder → ReportData: manifest.json, the bands
// (parse-bands.ts), the stored runs (modal stages, sizes; parse-stored.ts), plus compare.csv or
// sweep.csv. Sweep points become one line each while the variant colours last. Pure and
// browser-safe.
import { SIZE_BINS } from '../analysis/sizes.ts';
import { csvNumber, table } from './csv.ts';
import { json, type ReportFiles } from './files.ts';
import { VARIANT_COLOURS, type ReportData, type ReportKind, type VariantSeries } from './model.ts';
import { bandsFromEnsemble, bandsFromRuns, emptyBands, withoutSpread } from './parse-bands.ts';
import { BASE, counted, mainMetricsOf, metricInfos, orderRegions, range, seedRange } from './parse-common.ts';
import { compareEntries } from './parse-compare.ts';
import { storedRuns, summariseRuns, type StoredRun } from './parse-stored.ts';

interface BatchManifest {
  command: 'batch' | 'compare' | 'sweep';
  scenario: { name: string; file: string; hash: string };
  ticks: number;
  ticksPerYear: number;
  seeds: { start: number; count: number };
  variants: { name: string; description: string }[];
  baseline: string | null;
  metrics: string[];
  sweep?: { params: { path: string }[]; points: number[][] } | null;
  /** compare --posterior: the parameter draws each variant ran under. */
  posterior?: { draws: unknown[] };
  jobs: number;
  completed?: number;
  failed?: number;
}

export function fromBatch(files: ReportFiles): ReportData {
  const manifest = json<BatchManifest>(files, 'manifest.json');
  const kind: ReportKind = manifest.command;
  if (!['batch', 'compare', 'sweep'].includes(kind)) throw new Error(`manifest.json: unknown command ${String(kind)}`);
  const nTicks = manifest.ticks + 1;
  const ticks = range(nTicks);
  const runs = storedRuns(files);
  const regionsFromRuns = runs[0]?.record().regions;
  const metricsAll = manifest.metrics;
  let regions: string[] = regionsFromRuns ? [...regionsFromRuns] : [];
  const variants: VariantSeries[] = [];
  let sweepShown: { shown: number; total: number } | undefined;

  if (kind === 'sweep') {
    const points = manifest.sweep?.points ?? [];
    const params = manifest.sweep?.params ?? [];
    const byPoint = new Map<number, StoredRun[]>();
    for (const r of runs) {
      const p = r.point ?? 0;
      if (!byPoint.has(p)) byPoint.set(p, []);
      byPoint.get(p)!.push(r);
    }
    // One line per point while the colours last; of more points, as many spread evenly over the
    // design (never one band mixing parameter values): every run is in the sweep plots.
    const all = [...byPoint.keys()].sort((a, b) => a - b);
    const shown = evenlySpaced(all, VARIANT_COLOURS.length);
    if (shown.length < all.length) sweepShown = { shown: shown.length, total: all.length };
    const groups = shown.map((p) => ({
      name: `point ${p}` + (points[p] ? ` (${params.map((q, i) => `${q.path.split('.').pop()}=${fmtParam(points[p][i])}`).join(', ')})` : ''),
      runs: byPoint.get(p)!,
    }));
    for (const g of groups) {
      const series = bandsFromRuns(g.runs) ?? emptyBands(regions, metricsAll);
      const { stages, sizes } = summariseRuns(g.runs, regions, nTicks, SIZE_BINS);
      variants.push({ name: g.name, runs: g.runs.length, series: withoutSpread(series, g.runs.length), stages, sizes });
    }
  } else {
    const ensembleText = files.text('ensemble.csv');
    const bands = ensembleText !== undefined ? bandsFromEnsemble(ensembleText, nTicks) : null;
    const names = manifest.variants.map((v) => v.name);
    for (const name of names) {
      const own = runs.filter((r) => (r.variant ?? BASE) === name);
      const series = bands?.get(name) ?? bandsFromRuns(own);
      if (!series) continue;
      if (regions.length === 0) regions = Object.keys(series);
      const { stages, sizes } = summariseRuns(own, regions, nTicks, SIZE_BINS);
      const n = own.length || manifest.seeds.count;
      variants.push({ name, runs: n, series: withoutSpread(series, n), stages, sizes });
    }
  }
  if (regions.length === 0 && variants[0]) regions = Object.keys(variants[0].series);
  regions = orderRegions(regions);

  const report: ReportData = {
    kind,
    title: titleOf(manifest, variants.length),
    scenario: {
      name: manifest.scenario.name,
      description: `${manifest.scenario.file}, ${seedRange(manifest.seeds.start, manifest.seeds.count)}, ${manifest.ticks} ticks (${manifest.ticks / manifest.ticksPerYear} years)`,
    },
    ticksPerYear: manifest.ticksPerYear,
    ticks,
    regions,
    metrics: metricInfos(metricsAll),
    mainMetrics: mainMetricsOf(metricsAll),
    variants,
    manifest,
  };
  if (kind === 'compare') {
    const text = files.text('compare.csv');
    if (text === undefined) throw new Error('missing compare.csv (is the compare finished? run it again with --resume)');
    report.compare = compareEntries(text);
  }
  if (kind === 'sweep') {
    const text = files.text('sweep.csv');
    if (text !== undefined) {
      const t = table(text, 'sweep.csv');
      report.sweep = {
        params: (manifest.sweep?.params ?? []).map((q) => q.path).filter((q) => t.header.includes(q)),
        ...(sweepShown ? { pointsShown: sweepShown } : {}),
        columns: t.header,
        rows: t.rows.filter((r) => r.length === t.header.length).map((r) => r.map((cell, i) => (t.header[i] === 'final_stage' ? cell : csvNumber(cell)))),
      };
    }
    const sens = files.text('sensitivity.csv');
    if (sens !== undefined) {
      const t = table(sens, 'sensitivity.csv');
      report.sensitivity = {
        method: t.header.includes('ST') ? 'sobol' : 'morris',
        columns: t.header,
        rows: t.rows.filter((r) => r.length === t.header.length).map((r) => r.map((cell, i) => (i < 2 ? cell : csvNumber(cell)))),
      };
    }
  }
  return report;
}

/** At most k of the items, the first and the last among them, the rest evenly spaced between. */
export function evenlySpaced<T>(items: readonly T[], k: number): T[] {
  if (items.length <= k) return [...items];
  if (k <= 1) return items.slice(0, k);
  return Array.from({ length: k }, (_, j) => items[Math.round((j * (items.length - 1)) / (k - 1))]);
}

function fmtParam(x: number): string {
  return String(Number(x.toPrecision(4)));
}

function titleOf(m: BatchManifest, variants: number): string {
  if (m.command === 'sweep') {
    const points = m.sweep?.points.length ?? 0;
    return `sweep · ${m.scenario.name} · ${counted(points, 'point')} × ${counted(m.seeds.count, 'seed')}`;
  }
  const what = m.command === 'compare' ? `${counted(variants - 1, 'variant')} vs ${m.baseline ?? BASE}` : counted(variants, 'variant');
  const draws = m.posterior ? ` × ${counted(m.posterior.draws.length, 'parameter draw')}` : '';
  return `${m.command} · ${m.scenario.name} · ${what}${draws} × ${counted(m.seeds.count, 'seed')}`;
}
