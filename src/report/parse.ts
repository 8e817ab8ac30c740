// An output folder (of `run`, `batch`, `compare` or `sweep`) → ReportData. Pure and browser-safe:
// the files come through the ReportFiles interface (the CLI reads them from disk in load.ts, the
// viz app from a folder picked or dropped in the browser), so no Node module is imported here.
//
//   run      summary.json, timeseries.csv (series and stages), firms.csv (sizes of the survivors)
//   batch    manifest.json, ensemble.csv (bands), runs/<i>.json + .bin (modal stage, sizes)
//   compare  as batch, plus compare.csv
//   sweep    manifest.json, sweep.csv (table), runs/<i>.json + .bin (bands per point, stages, sizes)
import { ensembleTable } from '../analysis/ensemble.ts';
import { sizeHistogram, SIZE_BINS } from '../analysis/sizes.ts';
import { METRICS } from '../engine/metrics.ts';
import { STAGES } from '../engine/series.ts';
import { MAIN_METRICS, VARIANT_COLOURS, type Band, type CompareEntry, type MetricInfo, type ReportData, type ReportKind, type VariantSeries } from './model.ts';

/** The files of an output folder; names are paths relative to it with `/` (e.g. `runs/12.json`). */
export interface ReportFiles {
  names(): string[];
  text(name: string): string | undefined;
  binary(name: string): Uint8Array | undefined;
}

/** ReportFiles over a plain map (tests, and the viz app once it has read the files). */
export function filesFromMap(map: ReadonlyMap<string, string | Uint8Array>): ReportFiles {
  return {
    names: () => [...map.keys()],
    text: (name) => {
      const v = map.get(name);
      if (v === undefined) return undefined;
      return typeof v === 'string' ? v : new TextDecoder().decode(v);
    },
    binary: (name) => {
      const v = map.get(name);
      if (v === undefined) return undefined;
      return typeof v === 'string' ? new TextEncoder().encode(v) : v;
    },
  };
}

/** The base scenario's name in batch files (runs/<i>.json store it as null). */
const BASE = 'base';

// ---------------------------------------------------------------------------------------------
// CSV

/** RFC 4180 rows (quoted fields with commas, quotes and line breaks); a trailing newline is fine. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r') { i++; continue; }
    if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; continue; }
    field += c; i++;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/** A number as the writers spell it (NaN, Inf, -Inf included); empty → NaN. */
export function csvNumber(text: string): number {
  if (text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === '' || text === 'NaN') return NaN;
  return Number(text);
}

interface Table { header: string[]; rows: string[][]; col: (name: string) => number }

function table(text: string, name: string): Table {
  const all = parseCsv(text);
  if (all.length === 0) throw new Error(`${name} is empty`);
  const [header, ...rows] = all;
  return {
    header,
    rows,
    col: (c) => {
      const i = header.indexOf(c);
      if (i < 0) throw new Error(`${name} has no column ${c} (columns: ${header.join(', ')})`);
      return i;
    },
  };
}

// ---------------------------------------------------------------------------------------------

function metricInfos(names: readonly string[]): MetricInfo[] {
  return names.map((name) => {
    const def = METRICS.find((m) => m.name === name);
    return { name, unit: def?.unit ?? '', description: def?.description ?? '' };
  });
}

function mainMetricsOf(names: readonly string[]): string[] {
  return MAIN_METRICS.filter((m) => names.includes(m));
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function json<T>(files: ReportFiles, name: string): T {
  const text = files.text(name);
  if (text === undefined) throw new Error(`missing ${name}`);
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new Error(`${name} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Stage name → most frequent per position over the given stage columns (ties: earlier stage). */
function modalStages(columns: readonly Uint8Array[], length: number): string[] {
  const out: string[] = [];
  const counts = new Array<number>(STAGES.length).fill(0);
  for (let i = 0; i < length; i++) {
    counts.fill(0);
    for (const c of columns) counts[c[i]]++;
    let best = 0;
    for (let s = 1; s < counts.length; s++) if (counts[s] > counts[best]) best = s;
    out.push(STAGES[best] ?? 'formation');
  }
  return out;
}

function addSizes(into: number[], sizes: readonly number[] | undefined): void {
  if (!sizes) return;
  for (let k = 0; k < Math.min(into.length, sizes.length); k++) into[k] += sizes[k];
}

// ---------------------------------------------------------------------------------------------
// run

interface RunSummaryJson {
  manifest: { scenario: string; file: string; seed: number; ticks: number; ticksPerYear: number; variant: string | null };
}

function fromRun(files: ReportFiles): ReportData {
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

/** `all` last. */
function orderRegions(regions: string[]): string[] {
  return [...regions.filter((r) => r !== 'all'), ...(regions.includes('all') ? ['all'] : [])];
}

// ---------------------------------------------------------------------------------------------
// batch, compare, sweep

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
  jobs: number;
  completed?: number;
  failed?: number;
}

interface RunJson {
  index: number;
  variant: string | null;
  point: number | null;
  seed: number;
  finalStage: string;
  sizes?: number[];
  metrics: string[];
  regions: string[];
  rows: number;
  ticksPerYear: number;
}

interface StoredRun { record: RunJson; bin: Uint8Array | undefined }

function storedRuns(files: ReportFiles): StoredRun[] {
  const runs: StoredRun[] = [];
  for (const name of files.names()) {
    const m = /^runs\/(\d+)\.json$/.exec(name);
    if (!m) continue;
    const record = json<RunJson>(files, name);
    runs.push({ record, bin: files.binary(`runs/${m[1]}.bin`) });
  }
  return runs.sort((a, b) => a.record.index - b.record.index);
}

function stageColumn(run: StoredRun): Uint8Array | null {
  const { record, bin } = run;
  if (!bin) return null;
  const at = record.metrics.length * record.rows * 8;
  if (bin.length !== at + record.rows) return null;
  return bin.subarray(at, at + record.rows);
}

function seriesOf(run: StoredRun): Float64Array | null {
  const { record, bin } = run;
  if (!bin) return null;
  const n = record.metrics.length * record.rows;
  if (bin.length !== n * 8 + record.rows) return null;
  // A copy: the bytes may not be 8-aligned; the files are little-endian.
  const view = new DataView(bin.buffer, bin.byteOffset, n * 8);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}

/** Per region (record order, `all` last) the modal stage per tick over the runs. */
function stagesOf(runs: readonly StoredRun[], regions: readonly string[], nTicks: number): Record<string, string[]> {
  const columns = runs.map(stageColumn).filter((c): c is Uint8Array => c !== null);
  const out: Record<string, string[]> = {};
  if (columns.length === 0) return out;
  const R1 = regions.length;
  regions.forEach((region, r) => {
    const perRegion = columns.map((c) => {
      const col = new Uint8Array(nTicks);
      for (let t = 0; t < nTicks; t++) col[t] = c[t * R1 + r];
      return col;
    });
    out[region] = modalStages(perRegion, nTicks);
  });
  return out;
}

function emptyBands(regions: readonly string[], metrics: readonly string[]): Record<string, Record<string, Band>> {
  return Object.fromEntries(regions.map((r) => [r, Object.fromEntries(metrics.map((m) => [m, { p50: [], mean: [], p05: [], p95: [] } as Band]))]));
}

/** Bands from ensemble.csv (rows in tick → region → metric order, but any order is accepted). */
function bandsFromEnsemble(text: string, nTicks: number): Map<string, Record<string, Record<string, Band>>> {
  const t = table(text, 'ensemble.csv');
  const [cV, cT, cR, cM, cMean, c05, c50, c95] = ['variant', 'tick', 'region', 'metric', 'mean', 'p05', 'p50', 'p95'].map(t.col);
  const out = new Map<string, Record<string, Record<string, Band>>>();
  for (const row of t.rows) {
    if (row.length < t.header.length) continue;
    const v = row[cV];
    let byRegion = out.get(v);
    if (!byRegion) out.set(v, (byRegion = {}));
    const region = (byRegion[row[cR]] ??= {});
    const band = (region[row[cM]] ??= { p50: new Array(nTicks).fill(NaN), mean: new Array(nTicks).fill(NaN), p05: new Array(nTicks).fill(NaN), p95: new Array(nTicks).fill(NaN) });
    const tick = Number(row[cT]);
    band.p50[tick] = csvNumber(row[c50]);
    band.mean![tick] = csvNumber(row[cMean]);
    band.p05![tick] = csvNumber(row[c05]);
    band.p95![tick] = csvNumber(row[c95]);
  }
  return out;
}

/** Bands computed from the runs' series (sweep points, or when ensemble.csv is missing). */
function bandsFromRuns(runs: readonly StoredRun[]): Record<string, Record<string, Band>> | null {
  const loaded = runs.map((r) => ({ record: r.record, series: seriesOf(r) })).filter((r) => r.series !== null);
  if (loaded.length === 0) return null;
  const { metrics, regions, rows, ticksPerYear } = loaded[0].record;
  const same = loaded.filter((r) => r.record.rows === rows && r.record.metrics.length === metrics.length);
  const stats = ensembleTable({ runs: same.map((r) => ({ series: r.series!, rows })), metrics, regions, ticksPerYear });
  const R1 = regions.length;
  const nTicks = rows / R1;
  const M = metrics.length;
  const out = emptyBands(regions, metrics);
  for (let t = 0; t < nTicks; t++) {
    for (let r = 0; r < R1; r++) {
      for (let m = 0; m < M; m++) {
        const c = ((t * R1 + r) * M + m) * 5;
        const band = out[regions[r]][metrics[m]];
        band.mean!.push(stats[c]);
        band.p05!.push(stats[c + 2]);
        band.p50.push(stats[c + 3]);
        band.p95!.push(stats[c + 4]);
      }
    }
  }
  return out;
}

function withoutSpread(series: Record<string, Record<string, Band>>, runs: number): Record<string, Record<string, Band>> {
  if (runs > 1) return series;
  for (const byMetric of Object.values(series)) {
    for (const band of Object.values(byMetric)) {
      delete band.p05;
      delete band.p95;
    }
  }
  return series;
}

function fromBatch(files: ReportFiles): ReportData {
  const manifest = json<BatchManifest>(files, 'manifest.json');
  const kind: ReportKind = manifest.command;
  if (!['batch', 'compare', 'sweep'].includes(kind)) throw new Error(`manifest.json: unknown command ${String(kind)}`);
  const nTicks = manifest.ticks + 1;
  const ticks = range(nTicks);
  const runs = storedRuns(files);
  const regionsFromRuns = runs[0]?.record.regions;
  const metricsAll = manifest.metrics;
  let regions: string[] = regionsFromRuns ? [...regionsFromRuns] : [];
  const variants: VariantSeries[] = [];

  if (kind === 'sweep') {
    const points = manifest.sweep?.points ?? [];
    const params = manifest.sweep?.params ?? [];
    const byPoint = new Map<number, StoredRun[]>();
    for (const r of runs) {
      const p = r.record.point ?? 0;
      if (!byPoint.has(p)) byPoint.set(p, []);
      byPoint.get(p)!.push(r);
    }
    // One line per point while the colours last; more points are drawn as one ensemble.
    const groups: { name: string; runs: StoredRun[] }[] = byPoint.size <= VARIANT_COLOURS.length
      ? [...byPoint.keys()].sort((a, b) => a - b).map((p) => ({
        name: `point ${p}` + (points[p] ? ` (${params.map((q, i) => `${q.path.split('.').pop()}=${fmtParam(points[p][i])}`).join(', ')})` : ''),
        runs: byPoint.get(p)!,
      }))
      : [{ name: `all ${byPoint.size} points`, runs }];
    for (const g of groups) {
      const series = bandsFromRuns(g.runs) ?? emptyBands(regions, metricsAll);
      const sizes = new Array<number>(SIZE_BINS).fill(0);
      g.runs.forEach((r) => addSizes(sizes, r.record.sizes));
      variants.push({ name: g.name, runs: g.runs.length, series: withoutSpread(series, g.runs.length), stages: stagesOf(g.runs, regions, nTicks), sizes });
    }
  } else {
    const ensembleText = files.text('ensemble.csv');
    const bands = ensembleText !== undefined ? bandsFromEnsemble(ensembleText, nTicks) : null;
    const names = manifest.variants.map((v) => v.name);
    for (const name of names) {
      const own = runs.filter((r) => (r.record.variant ?? BASE) === name);
      const series = bands?.get(name) ?? bandsFromRuns(own);
      if (!series) continue;
      if (regions.length === 0) regions = Object.keys(series);
      const sizes = new Array<number>(SIZE_BINS).fill(0);
      own.forEach((r) => addSizes(sizes, r.record.sizes));
      const n = own.length || manifest.seeds.count;
      variants.push({ name, runs: n, series: withoutSpread(series, n), stages: stagesOf(own, regions, nTicks), sizes });
    }
  }
  if (regions.length === 0 && variants[0]) regions = Object.keys(variants[0].series);
  regions = orderRegions(regions);

  const report: ReportData = {
    kind,
    title: titleOf(manifest, variants.length),
    scenario: {
      name: manifest.scenario.name,
      description: `${manifest.scenario.file}, seeds ${manifest.seeds.start}–${manifest.seeds.start + manifest.seeds.count - 1}, ${manifest.ticks} ticks (${manifest.ticks / manifest.ticksPerYear} years)`,
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
        columns: t.header,
        rows: t.rows.filter((r) => r.length === t.header.length).map((r) => r.map((cell, i) => (t.header[i] === 'final_stage' ? cell : csvNumber(cell)))),
      };
    }
  }
  return report;
}

function fmtParam(x: number): string {
  return String(Number(x.toPrecision(4)));
}

function titleOf(m: BatchManifest, variants: number): string {
  if (m.command === 'sweep') {
    const points = m.sweep?.points.length ?? 0;
    return `sweep · ${m.scenario.name} · ${points} points × ${m.seeds.count} seeds`;
  }
  const what = m.command === 'compare' ? `${variants - 1} variants vs ${m.baseline ?? BASE}` : `${variants} variant${variants === 1 ? '' : 's'}`;
  return `${m.command} · ${m.scenario.name} · ${what} × ${m.seeds.count} seeds`;
}

export function compareEntries(text: string): CompareEntry[] {
  const t = table(text, 'compare.csv');
  const num = (row: string[], c: string) => csvNumber(row[t.col(c)]);
  return t.rows.filter((r) => r.length === t.header.length).map((row) => {
    const eps = num(row, 'effect_per_spend');
    return {
      variant: row[t.col('variant')],
      baseline: row[t.col('baseline')],
      outcome: row[t.col('outcome')],
      n: num(row, 'n'),
      baselineMean: num(row, 'baseline_mean'),
      variantMean: num(row, 'variant_mean'),
      meanDiff: num(row, 'mean_diff'),
      ciLow: num(row, 'ci_low'),
      ciHigh: num(row, 'ci_high'),
      pBetter: num(row, 'p_better'),
      spend: num(row, 'spend'),
      effectPerSpend: Number.isFinite(eps) ? eps : null,
    };
  });
}

/** The report of an output folder: a `run` folder (summary.json) or a batch/compare/sweep folder (manifest.json). */
export function reportFromFiles(files: ReportFiles): ReportData {
  const names = new Set(files.names());
  if (names.has('summary.json') && names.has('timeseries.csv')) return fromRun(files);
  if (names.has('manifest.json')) return fromBatch(files);
  const seen = [...names].slice(0, 8).join(', ');
  throw new Error(
    'not a clusterlab output folder: expected summary.json and timeseries.csv (from `clusterlab run`) ' +
    `or manifest.json (from batch, compare or sweep); found ${seen || 'no files'}`,
  );
}
