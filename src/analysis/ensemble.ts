// ensemble.csv: for one variant, the distribution over runs (seeds) of every recorded value —
// per (tick, region, metric) the mean, sd, 5 %, 50 % and 95 % quantiles.
//
// Order independence: the values of each cell are sorted before anything is summed, so the
// result is the same bytes whatever order the runs are given in (completion order, shards). By
// convention callers still pass the runs sorted by seed.
//
// Memory: the runs' series are read in place; the only allocation is one scratch Float64Array
// of length runs (plus the records yielded one at a time).
import { summariseInPlace, type Summary } from './stats.ts';

/** One run's recorded series, as a JobResult carries it (metric-major: series[m·rows + row]). */
export interface EnsembleRun {
  series: Float64Array;
  rows: number;
}

export interface EnsembleInput {
  /** The runs of one variant (≥ 1), all with the same metrics and rows. Conventionally by seed. */
  runs: readonly EnsembleRun[];
  /** Names of the series columns, in series order. */
  metrics: readonly string[];
  /** Region names in row order, `all` last (length = regions + 1). */
  regions: readonly string[];
  ticksPerYear: number;
}

/** One row of ensemble.csv (without the variant column). */
export interface EnsembleRecord extends Summary {
  tick: number;
  /** tick / ticksPerYear. */
  year: number;
  region: string;
  metric: string;
}

/** Number of statistics per cell in `ensembleTable` (mean, sd, p05, p50, p95). */
export const ENSEMBLE_STATS = ['mean', 'sd', 'p05', 'p50', 'p95'] as const;

function check(input: EnsembleInput): { rows: number; ticks: number } {
  const { runs, metrics, regions, ticksPerYear } = input;
  if (runs.length === 0) throw new RangeError('ensemble: no runs');
  if (regions.length === 0) throw new RangeError('ensemble: no regions');
  if (!(ticksPerYear > 0)) throw new RangeError(`ensemble: ticksPerYear must be > 0, got ${ticksPerYear}`);
  const rows = runs[0].rows;
  if (!Number.isInteger(rows) || rows <= 0 || rows % regions.length !== 0) {
    throw new RangeError(`ensemble: ${rows} rows is not a whole number of ticks × ${regions.length} regions`);
  }
  runs.forEach((run, i) => {
    if (run.rows !== rows) throw new RangeError(`ensemble: run ${i} has ${run.rows} rows, expected ${rows}`);
    if (run.series.length !== metrics.length * rows) {
      throw new RangeError(`ensemble: run ${i} has ${run.series.length} values, expected ${metrics.length} metrics × ${rows} rows`);
    }
  });
  return { rows, ticks: rows / regions.length };
}

/**
 * The records of ensemble.csv for one variant, lazily, in the order tick → region (scenario
 * order, then `all`) → metric (series order). Each record is a fresh object.
 */
export function* ensembleRows(input: EnsembleInput): Generator<EnsembleRecord> {
  const { runs, metrics, regions, ticksPerYear } = input;
  const { rows, ticks } = check(input);
  const scratch = new Float64Array(runs.length);
  const R1 = regions.length;
  for (let t = 0; t < ticks; t++) {
    const year = t / ticksPerYear;
    for (let r = 0; r < R1; r++) {
      const row = t * R1 + r;
      for (let m = 0; m < metrics.length; m++) {
        const at = m * rows + row;
        for (let k = 0; k < runs.length; k++) scratch[k] = runs[k].series[at];
        const rec: EnsembleRecord = { tick: t, year, region: regions[r], metric: metrics[m], mean: 0, sd: 0, p05: 0, p50: 0, p95: 0 };
        summariseInPlace(scratch, rec);
        yield rec;
      }
    }
  }
}

/**
 * The same numbers as `ensembleRows`, as one Float64Array: cell c = (tick·(R+1) + region)·M +
 * metric (the record order), statistics at [c·5 + s] in ENSEMBLE_STATS order. For callers that
 * format rows themselves or keep results compact.
 */
export function ensembleTable(input: EnsembleInput): Float64Array {
  const { runs, metrics } = input;
  const { rows } = check(input);
  const M = metrics.length;
  const out = new Float64Array(rows * M * ENSEMBLE_STATS.length);
  const scratch = new Float64Array(runs.length);
  const s: Summary = { mean: 0, sd: 0, p05: 0, p50: 0, p95: 0 };
  for (let row = 0; row < rows; row++) {
    for (let m = 0; m < M; m++) {
      const at = m * rows + row;
      for (let k = 0; k < runs.length; k++) scratch[k] = runs[k].series[at];
      summariseInPlace(scratch, s);
      const c = (row * M + m) * 5;
      out[c] = s.mean;
      out[c + 1] = s.sd;
      out[c + 2] = s.p05;
      out[c + 3] = s.p50;
      out[c + 4] = s.p95;
    }
  }
  return out;
}
