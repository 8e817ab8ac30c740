// ensemble.csv of a finished batch, in memory that does not grow with the number of runs: the
// quantiles are exact, so they need every run's value of a cell at once, and all runs' full series
// would not fit (10,000 runs of `default` hold 1.9 GB). So each variant's runs are read a block of
// cells at a time — as many metrics as fit ENSEMBLE_BUDGET bytes over all its runs, all of them
// when that is possible; when not even one metric fits (100,000 runs of `default`: 320 MB), one
// metric's rows a range at a time — their statistics kept compactly (rows × metrics × 5 numbers,
// under 1 MB for `default`), and the rows written in the file's order (tick → region → metric) at
// the end. Each block reads every run's file once more: the time grows with runs² / budget, the
// memory stays at the budget. The numbers are those of analysis/ensemble.ts whatever the blocks.
import { ENSEMBLE_STATS } from '../analysis/ensemble.ts';
import { summariseInPlace, type Summary } from '../analysis/stats.ts';
import { csvField, formatNumber } from '../io/format.ts';
import { canonicalJson } from '../scenarios/hash.ts';
import { join } from 'node:path';
import { CsvFile } from '../io/csv-file.ts';
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

/** A block of cells read at once: metrics [from, to) × rows [rowFrom, rowTo). */
export interface CellBlock {
  from: number;
  to: number;
  rowFrom: number;
  rowTo: number;
}

/**
 * The blocks that cover rows × metrics, each fitting `budget` bytes over `runs` runs: whole
 * metrics, as many as fit; or, when one metric does not fit, one metric's rows in ranges (at
 * least one row: a cell's values over all runs are the least an exact quantile needs).
 */
export function cellBlocks(runs: number, rows: number, metrics: number, budget: number): CellBlock[] {
  const blocks: CellBlock[] = [];
  const perMetric = Math.floor(budget / (runs * rows * 8));
  if (perMetric >= 1) {
    for (let from = 0; from < metrics; from += perMetric) blocks.push({ from, to: Math.min(metrics, from + perMetric), rowFrom: 0, rowTo: rows });
    return blocks;
  }
  const perBlock = Math.max(1, Math.floor(budget / (runs * 8)));
  for (let m = 0; m < metrics; m++) {
    for (let row = 0; row < rows; row += perBlock) blocks.push({ from: m, to: m + 1, rowFrom: row, rowTo: Math.min(rows, row + perBlock) });
  }
  return blocks;
}

/**
 * Writes ensemble.csv. `between` runs between blocks (the summaries let an interrupt in there:
 * finalize.ts); it may throw to stop.
 */
export async function writeEnsemble(
  dir: string, groups: readonly EnsembleGroup[], recordOf: (i: number) => RunRecord, budget = ENSEMBLE_BUDGET, between: () => Promise<void> = async () => {},
): Promise<string> {
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
    const stats = await variantStatistics(dir, group.indices, first, budget, between);
    writeRows(csv, group.name, first, stats);
  }
  return csv.close();
}

/** Statistics of one variant: stats[(row·M + metric)·5 + s], s in ENSEMBLE_STATS order. */
async function variantStatistics(dir: string, indices: readonly number[], first: RunRecord, budget: number, between: () => Promise<void>): Promise<Float64Array> {
  const M = first.metrics.length;
  const S = ENSEMBLE_STATS.length;
  const stats = new Float64Array(first.rows * M * S);
  const blocks = cellBlocks(indices.length, first.rows, M, budget);
  // A loop, not Math.max(...): there may be hundreds of thousands of blocks.
  const largest = blocks.reduce((most, b) => Math.max(most, (b.to - b.from) * (b.rowTo - b.rowFrom)), 0);
  // One buffer for all runs and all blocks (the budget, allocated once): run k's cells at k·largest.
  const buffer = new Float64Array(indices.length * largest);
  const scratch = new Float64Array(indices.length);
  const s: Summary = { mean: 0, sd: 0, p05: 0, p50: 0, p95: 0 };
  for (const block of blocks) {
    await between();
    const width = block.rowTo - block.rowFrom;
    indices.forEach((index, k) => readRunMetrics(dir, index, first, block.from, block.to, buffer.subarray(k * largest), block.rowFrom, block.rowTo));
    for (let m = block.from; m < block.to; m++) {
      for (let row = block.rowFrom; row < block.rowTo; row++) {
        const at = (m - block.from) * width + (row - block.rowFrom);
        for (let k = 0; k < indices.length; k++) scratch[k] = buffer[k * largest + at];
        summariseInPlace(scratch, s);
        const c = (row * M + m) * S;
        stats[c] = s.mean;
        stats[c + 1] = s.sd;
        stats[c + 2] = s.p05;
        stats[c + 3] = s.p50;
        stats[c + 4] = s.p95;
      }
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
