// A `calibrate` output folder → ReportData of kind `calibration`: manifest.json (method, priors,
// stop reason), posterior.csv (the last generation is the posterior, the first the prior sample),
// generations.csv (tolerance per generation, or smm's best distance per iteration), and, once the
// calibration has finished, parameters.csv and fit.csv (the posterior predictive check). The
// marginals are weighted histograms over each prior's range, binned here so that the report and
// the tests see the same numbers. Pure and browser-safe.
import type { CalibrationManifest } from '../calibrate/manifest.ts';
import { csvNumber, table } from './csv.ts';
import { json, type ReportFiles } from './files.ts';
import type { CalibrationData, CalibrationFit, CalibrationGeneration, CalibrationParameter, Marginal, Population, ReportData } from './model.ts';
import { counted } from './parse-common.ts';

/** Bins of a continuous marginal; an integer prior with at most MAX_INTEGER_BINS values gets one bin each. */
const BINS = 20;
const MAX_INTEGER_BINS = 40;

export function fromCalibration(files: ReportFiles): ReportData {
  const manifest = json<CalibrationManifest>(files, 'manifest.json');
  const { method, particles, seeds } = manifest.settings;
  const populations = populationsOf(files, manifest.priors.map((p) => p.path));
  if (populations.length === 0) throw new Error('posterior.csv holds no particle yet (the calibration has not finished its first generation)');
  const posterior = populations[populations.length - 1];
  const first = populations[0];
  const parametersText = files.text('parameters.csv');
  const fitText = files.text('fit.csv');
  const parameters = parametersOf(manifest, parametersText);
  const marginals = manifest.priors.map((p, j): Marginal => {
    const edges = edgesOf(p.lo, p.hi, p.kind);
    const m: Marginal = { path: p.path, log: p.kind === 'loguniform', edges, posterior: histogram(edges, posterior, j) };
    if (method === 'abc' && populations.length > 1) m.prior = histogram(edges, first, j);
    return m;
  });
  const calibration: CalibrationData = {
    method,
    stopped: manifest.stopped,
    finished: parametersText !== undefined && fitText !== undefined,
    particles,
    seeds,
    parameters,
    marginals,
    posterior,
    generations: generationsOf(files.text('generations.csv')),
    fit: fitText === undefined ? [] : fitOf(fitText),
  };
  const how = method === 'abc' ? 'ABC-SMC' : 'simulated method of moments';
  return {
    kind: 'calibration',
    title: `calibrate · ${manifest.scenario.name} · ${how}, ${counted(particles, 'particle')} × ${counted(seeds, 'seed')}`,
    scenario: {
      name: manifest.scenario.name,
      description: `${manifest.scenario.file}${manifest.scenario.variant ? ` (variant ${manifest.scenario.variant})` : ''} calibrated to ${manifest.targets.file}, ${manifest.ticks} ticks (${manifest.ticks / manifest.ticksPerYear} years)`,
    },
    ticksPerYear: manifest.ticksPerYear,
    ticks: [],
    regions: [],
    metrics: [],
    mainMetrics: [],
    variants: [],
    calibration,
    manifest,
  };
}

/** Every generation of posterior.csv, weights normalised to sum to 1. */
function populationsOf(files: ReportFiles, paths: string[]): Population[] {
  const text = files.text('posterior.csv');
  if (text === undefined) throw new Error('missing posterior.csv (the calibration has not finished its first generation)');
  const t = table(text, 'posterior.csv');
  const cols = paths.map((p) => t.col(p));
  const [g, w, d] = [t.col('generation'), t.col('weight'), t.col('distance')];
  const byGeneration = new Map<number, Population>();
  for (const row of t.rows) {
    if (row.length !== t.header.length) continue;
    const generation = csvNumber(row[g]);
    let pop = byGeneration.get(generation);
    if (!pop) byGeneration.set(generation, (pop = { generation, values: [], weights: [], distances: [] }));
    pop.values.push(cols.map((c) => csvNumber(row[c])));
    pop.weights.push(csvNumber(row[w]));
    pop.distances.push(csvNumber(row[d]));
  }
  const out = [...byGeneration.values()].sort((a, b) => a.generation - b.generation);
  for (const pop of out) {
    const total = pop.weights.reduce((s, x) => s + (Number.isFinite(x) ? x : 0), 0);
    pop.weights = pop.weights.map((x) => (Number.isFinite(x) && total > 0 ? x / total : 0));
  }
  return out;
}

export function edgesOf(lo: number, hi: number, kind: CalibrationParameter['prior']): number[] {
  if (kind === 'integer' && hi - lo + 1 <= MAX_INTEGER_BINS) {
    return Array.from({ length: hi - lo + 2 }, (_, i) => lo - 0.5 + i);
  }
  if (kind === 'loguniform') {
    const a = Math.log(lo);
    const b = Math.log(hi);
    return Array.from({ length: BINS + 1 }, (_, i) => (i === 0 ? lo : i === BINS ? hi : Math.exp(a + ((b - a) * i) / BINS)));
  }
  return Array.from({ length: BINS + 1 }, (_, i) => (i === BINS ? hi : lo + ((hi - lo) * i) / BINS));
}

/** The population's weight per bin of `edges` for parameter j (values outside go to the end bins). */
export function histogram(edges: readonly number[], pop: Population, j: number): number[] {
  const bins = new Array<number>(edges.length - 1).fill(0);
  pop.values.forEach((v, i) => {
    const x = v[j];
    if (!Number.isFinite(x)) return;
    let k = 0;
    while (k < bins.length - 1 && x >= edges[k + 1]) k++;
    bins[k] += pop.weights[i];
  });
  return bins;
}

function parametersOf(m: CalibrationManifest, text: string | undefined): CalibrationParameter[] {
  const rows = new Map<string, string[]>();
  let t: ReturnType<typeof table> | null = null;
  if (text !== undefined) {
    t = table(text, 'parameters.csv');
    for (const row of t.rows) if (row.length === t.header.length) rows.set(row[t.col('parameter')], row);
  }
  return m.priors.map((p, j): CalibrationParameter => {
    const row = rows.get(p.path);
    const num = (c: string) => (row && t ? csvNumber(row[t.col(c)]) : NaN);
    const out: CalibrationParameter = {
      path: p.path, prior: p.kind, lo: p.lo, hi: p.hi,
      mean: num('mean'), sd: num('sd'), q05: num('q05'), median: num('median'), q95: num('q95'),
    };
    if (m.settings.method === 'smm' && m.estimate) out.estimate = m.estimate.values[j];
    return out;
  });
}

function generationsOf(text: string | undefined): CalibrationGeneration[] {
  if (text === undefined) return [];
  const t = table(text, 'generations.csv');
  const num = (row: string[], c: string) => csvNumber(row[t.col(c)]);
  return t.rows.filter((r) => r.length === t.header.length).map((row) => ({
    generation: num(row, 'generation'),
    epsilon: num(row, 'epsilon'),
    candidates: num(row, 'candidates'),
    acceptance: num(row, 'acceptance'),
    ess: num(row, 'ess'),
    distanceMedian: num(row, 'distance_median'),
  }));
}

function fitOf(text: string): CalibrationFit[] {
  const t = table(text, 'fit.csv');
  const num = (row: string[], c: string) => csvNumber(row[t.col(c)]);
  return t.rows.filter((r) => r.length === t.header.length).map((row) => ({
    target: row[t.col('target')],
    kind: row[t.col('kind')] === 'stage' ? 'stage' : 'value',
    weight: num(row, 'weight'),
    center: num(row, 'center'),
    scale: num(row, 'scale'),
    scaleFrom: row[t.col('scale_from')],
    observedLow: num(row, 'observed_low'),
    observedHigh: num(row, 'observed_high'),
    simulatedMean: num(row, 'simulated_mean'),
    simulatedLow: num(row, 'simulated_low'),
    simulatedHigh: num(row, 'simulated_high'),
    z: num(row, 'z'),
    reached: row[t.col('reached')] === 'true',
  }));
}
