// ensemble.csv of a finished batch, in memory that does not grow with the number of runs: the
// quantiles need every run's value of a cell at once, and all runs' full series would not fit
// (10,000 runs of `default` hold 1.9 GB). So each variant's runs are read a block of metrics at a
// time — as many metrics as fit ENSEMBLE_BUDGET bytes over all its runs, all of them when that is
// possible — their statistics kept compactly (rows × metrics × 5 numbers, under 1 MB for
// `default`), and the rows written in the file's order (tick → region → metric) at the end.
// The numbers are those of analysis/ensemble.ts whatever the block size.
import { ENSEMBLE_STATS, ensembleTable } from '../analysis/ensemble.ts';
import { csvField, formatNumber } from '../io/format.ts';
import { canonicalJson } from '../scenarios/hash.ts';
import { join } from 'node:path';
import { CsvFile } from './csv-file.ts';
import { BatchError } from './errors.ts';
import { readRunMetrics, type RunRecord } from './store.ts';

export const ENSEMBLE_CSV = 'ensemble.csv';

/** Bytes of series read at once for one variant's statistics (a run's block of metrics × runs). */
export const ENSEMBLE_BUDGET = 64 * 2 ** 20;

/** One labelled group of completed runs (a variant), in seed order. */
export interface EnsembleGroup {
  name: string;
  indices: readonly number[];
}

/** How many metrics are read at once: as many as fit `budget` bytes over `runs` runs, at least one. */
export function metricsPerBlock(runs: number, rows: number, metrics: number, budget: number): number {
  return Math.max(1, Math.min(metrics, Math.floor(budget / (runs * rows * 8))));
}

export function writeEnsemble(dir: string, groups: readonly EnsembleGroup[], recordOf: (i: number) => RunRecord, budget = ENSEMBLE_BUDGET): string {
  const csv = new CsvFile(join(dir, ENSEMBLE_CSV), ['variant', 'tick', 'year', 'region', 'metric', 'mean', 'sd', 'p05', 'p50', 'p95']);
  for (const group of groups) {
    if (group.indices.length === 0) continue;
    // Each record is read once, to check that the runs' series have the same shape; only the
    // first is kept (10,000 records would hold tens of MB of metric names and outcomes).
    const first = recordOf(group.indices[0]);
    const shape = canonicalJson([first.metrics, first.regions, first.rows]);
    for (const index of group.indices) {
      const r = index === first.index ? first : recordOf(index);
      if (canonicalJson([r.metrics, r.regions, r.rows]) !== shape) {
        throw new BatchError(`runs/${index}.json: its series do not match the other runs of ${group.name}`);
      }
    }
    const stats = variantStatistics(dir, group.indices, first, budget);
    writeRows(csv, group.name, first, stats);
  }
  return csv.close();
}

/** Statistics of one variant: stats[(row·M + metric)·5 + s], s in ENSEMBLE_STATS order. */
function variantStatistics(dir: string, indices: readonly number[], first: RunRecord, budget: number): Float64Array {
  const { metrics, regions, rows, ticksPerYear } = first;
  const M = metrics.length;
  const S = ENSEMBLE_STATS.length;
  const stats = new Float64Array(rows * M * S);
  const block = metricsPerBlock(indices.length, rows, M, budget);
  // One buffer per run for all the passes (the budget, allocated once).
  const buffers = indices.map(() => new Float64Array(block * rows));
  for (let from = 0; from < M; from += block) {
    const to = Math.min(M, from + block);
    const runs = indices.map((index, k) => ({ series: readRunMetrics(dir, index, first, from, to, buffers[k]), rows }));
    const part = ensembleTable({ runs, metrics: metrics.slice(from, to), regions, ticksPerYear });
    const width = to - from;
    for (let row = 0; row < rows; row++) {
      stats.set(part.subarray(row * width * S, (row + 1) * width * S), (row * M + from) * S);
    }
  }
  return stats;
}

function writeRows(csv: CsvFile, name: string, first: RunRecord, stats: Float64Array): void {
  const { metrics, regions, rows, ticksPerYear } = first;
  const label = csvField(name);
  const regionFields = regions.map(csvField);
  const R1 = regions.length;
  const M = metrics.length;
  for (let row = 0; row < rows; row++) {
    const tick = Math.floor(row / R1);
    const head = `${label},${tick},${formatNumber(tick / ticksPerYear)},${regionFields[row % R1]},`;
    for (let m = 0; m < M; m++) {
      const c = (row * M + m) * 5;
      csv.line(`${head}${metrics[m]},${formatNumber(stats[c])},${formatNumber(stats[c + 1])},${formatNumber(stats[c + 2])},${formatNumber(stats[c + 3])},${formatNumber(stats[c + 4])}`);
    }
  }
}
