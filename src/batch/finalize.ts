// The summary files of a batch, from its stored runs (src/batch/store.ts):
//   runs.csv       batch, compare: per completed run (job-index order), a row for all, then each region
//   ensemble.csv   batch, compare: per variant, tick, region and metric the mean, sd, p05, p50, p95
//   compare.csv    compare: every variant against the baseline, paired by seed, for every outcome of all and of each
//                  region (compare-file.ts); with a posterior (posterior.ts) pooled over the draws, with the parameter-uncertainty columns
//   draws.csv      compare with a posterior: the parameter draws
//   sweep.csv      sweep: one row per completed (point, seed), the swept values as columns
//   sensitivity.csv  sweep with the Morris design: μ, μ*, σ per parameter and outcome; with the
//                    Saltelli design: Sobol' S1 and ST with bootstrap intervals (analysis/sobol.ts)
//   series.parquet every completed run's series, one row per (run, tick, region) (tables.ts);
//                  with --keep also firms.parquet, events.parquet, ties.parquet
//   failures.csv   every job that failed all its attempts (header only when none)
//   manifest.json  rewritten last, with the completed and failed counts
// Everything is a function of the stored runs and the manifest, read in job-index order: the same
// bytes whatever the number of workers, the order of completion or the sharding. Each file is
// written to a temporary name and renamed. ensemble.csv reads the series one variant and one
// block of cells at a time (ensemble-file.ts); series.parquet's row groups may be encoded on
// the batch's worker threads while this thread writes the CSV files (tables.ts).
import { join } from 'node:path';
import { isMorris, isSobol, makeDesign } from '../analysis/design.ts';
import { OUTCOME_NAMES } from '../analysis/outcomes.ts';
import { morrisIndices } from '../analysis/sensitivity.ts';
import { sobolIndices } from '../analysis/sobol.ts';
import { mean } from '../analysis/stats.ts';
import { csvField, formatInt, formatNumber } from '../io/format.ts';
import { COMPARE_COLUMNS, compareRows, slotsOf, writeCompare, type CompareRow } from './compare-file.ts';
import { canonicalJson } from '../scenarios/hash.ts';
import { BatchError } from './errors.ts';
import { inShard } from './jobs.ts';
import { drawOf, POSTERIOR_COMPARE_EXTRA, posteriorCompareRows, writeDraws } from './posterior.ts';
import type { BatchManifest } from './plan.ts';
import { completedIndices, failedIndices, MANIFEST, readFailure, readRun, readRunSeries, type RunRecord } from './store.ts';
import { writeFileAtomic } from '../io/write.ts';
import { variedField } from './varied.ts';
import { CsvFile } from '../io/csv-file.ts';
import { writeEnsemble } from './ensemble-file.ts';
import { writeKeptParquet, writeSeriesParquet, type SeriesEncoder } from './tables.ts';

export const RUNS_CSV = 'runs.csv';
export { ENSEMBLE_CSV } from './ensemble-file.ts';
export { COMPARE_CSV } from './compare-file.ts';
export const SWEEP_CSV = 'sweep.csv';
export const SENSITIVITY_CSV = 'sensitivity.csv';
export const FAILURES_CSV = 'failures.csv';

export interface FinalizeResult {
  completed: number;
  failed: number;
  /** The files written, in the order written (manifest.json last). */
  files: string[];
  /** compare: the rows of compare.csv. */
  compare: CompareRow[];
}

/** The indices a directory is responsible for: all jobs, or its shard's. */
export function ownIndices(manifest: BatchManifest): number[] {
  const out: number[] = [];
  for (let i = 0; i < manifest.jobs; i++) if (inShard(i, manifest.shard)) out.push(i);
  return out;
}

/** Which of the manifest's jobs are completed, failed, missing in `dir`. */
export function jobStatus(dir: string, manifest: BatchManifest): { completed: number[]; failed: number[]; missing: number[] } {
  const own = ownIndices(manifest);
  const ownSet = new Set(own);
  const completed = completedIndices(dir).filter((i) => ownSet.has(i));
  const done = new Set(completed);
  const failed = failedIndices(dir).filter((i) => ownSet.has(i) && !done.has(i));
  const failedSet = new Set(failed);
  const missing = own.filter((i) => !done.has(i) && !failedSet.has(i));
  return { completed, failed, missing };
}

/** The index of a job's variant in manifest.variants (with a posterior, units are draw·V + variant). */
function variantIndex(manifest: BatchManifest, index: number): number {
  return Math.floor(index / manifest.seeds.count) % Math.max(1, manifest.variants.length);
}

/** The label of a job's unit in runs.csv, ensemble.csv and compare.csv. */
function unitLabel(manifest: BatchManifest, index: number): string {
  return manifest.variants[variantIndex(manifest, index)]?.name ?? '';
}

function checkRecord(manifest: BatchManifest, record: RunRecord, index: number): void {
  const seedIdx = index % manifest.seeds.count;
  if (record.index !== index || record.seed !== manifest.seeds.start + seedIdx) {
    throw new BatchError(`runs/${index}.json does not belong to this batch (index ${record.index}, seed ${record.seed})`);
  }
}

export interface FinalizeOptions {
  /** Encode series.parquet's row groups on these (one per worker thread) while this thread writes the CSVs. */
  encoders?: readonly SeriesEncoder[];
  /** Ctrl-C: checked between files and between ensemble.csv's blocks; the summaries then stop with SummariesInterrupted. */
  signal?: AbortSignal;
}

/** The summaries were stopped by the signal; the folder is left as a kill would leave it (resume finishes it). */
export class SummariesInterrupted extends Error {}

/** Writes the summary files of a complete (unsharded) batch into `dir` and rewrites its manifest. */
export async function finalizeBatch(dir: string, manifest: BatchManifest, options: FinalizeOptions = {}): Promise<FinalizeResult> {
  if (manifest.shard !== null) throw new Error('finalizeBatch: a shard is finalized by `merge`');
  const status = jobStatus(dir, manifest);
  if (status.missing.length) {
    throw new BatchError(`${dir}: ${status.missing.length} of ${manifest.jobs} jobs have no result yet; finish them with --resume`);
  }
  const files: string[] = [];
  let compare: CompareRow[] = [];
  // Lets a pending signal's handler run (this thread is otherwise busy for minutes), then stops if it asked to.
  const checkpoint = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    if (options.signal?.aborted) throw new SummariesInterrupted('interrupted while writing the summaries');
  };
  // Records are read when needed, not kept: a few hundred bytes each, but a batch may be long.
  const recordOf = (index: number): RunRecord => {
    const r = readRun(dir, index);
    checkRecord(manifest, r, index);
    return r;
  };

  // series.parquet is started first: its slices are encoded on the workers, if any, while this
  // thread writes the CSV files; it is still listed (and finished) after them.
  const series = writeSeriesParquet(dir, manifest, status.completed, recordOf, options.encoders);
  series.catch(() => {});
  await checkpoint();
  if (manifest.command === 'sweep') {
    files.push(...writeSweep(dir, manifest, status.completed, recordOf));
  } else {
    files.push(writeRunsCsv(dir, manifest, status.completed, recordOf));
    await checkpoint();
    const groups = manifest.variants.map((variant, u) => ({ name: variant.name, indices: status.completed.filter((i) => variantIndex(manifest, i) === u) }));
    files.push(await writeEnsemble(dir, groups, recordOf, undefined, checkpoint));
    await checkpoint();
    if (manifest.command === 'compare' && manifest.posterior) {
      compare = posteriorCompareRows(manifest, status.completed, recordOf);
      files.push(writeCompare(dir, compare, [...COMPARE_COLUMNS, ...POSTERIOR_COMPARE_EXTRA]));
      files.push(writeDraws(dir, manifest));
    } else if (manifest.command === 'compare') {
      compare = compareRows(manifest, status.completed, recordOf);
      files.push(writeCompare(dir, compare));
    }
  }
  // The tidy tables for R, pandas, polars and DuckDB (tables.ts).
  await checkpoint();
  files.push(await series);
  await checkpoint();
  for (const table of manifest.keep ?? []) files.push(writeKeptParquet(dir, manifest, table, status.completed, recordOf));
  files.push(writeFailures(dir, manifest, status.failed));
  const final: BatchManifest = { ...manifest, completed: status.completed.length, failed: status.failed.length };
  files.push(writeManifest(dir, final));
  return { completed: status.completed.length, failed: status.failed.length, files, compare };
}

export function manifestText(manifest: BatchManifest): string {
  return JSON.stringify(manifest, null, 2) + '\n';
}

export function writeManifest(dir: string, manifest: BatchManifest): string {
  const file = join(dir, MANIFEST);
  writeFileAtomic(file, manifestText(manifest));
  return file;
}

function outcomeFields(outcomes: Record<string, number>): string {
  let line = '';
  for (const name of OUTCOME_NAMES) line += ',' + formatNumber(outcomes[name] ?? NaN);
  return line;
}

function writeRunsCsv(dir: string, manifest: BatchManifest, completed: number[], recordOf: (i: number) => RunRecord): string {
  // With a posterior, each run's draw follows its variant.
  const drawn = manifest.posterior !== undefined;
  // The parameters the units vary come last (varied.ts); a unit is index / seeds.
  const varied = manifest.varied ?? { paths: [], values: [] };
  const csv = new CsvFile(join(dir, RUNS_CSV), ['variant', ...(drawn ? ['draw'] : []), 'seed', 'region', 'final_stage', ...OUTCOME_NAMES, ...varied.paths]);
  for (const index of completed) {
    const r = recordOf(index);
    const label = csvField(unitLabel(manifest, index)) + (drawn ? `,${drawOf(manifest, index)}` : '');
    const unit = varied.values[Math.floor(index / manifest.seeds.count)] ?? [];
    const params = unit.map((v) => ',' + variedField(v)).join('');
    for (const slot of slotsOf(r)) csv.line(`${label},${r.seed},${csvField(slot.region)},${slot.finalStage}${outcomeFields(slot.outcomes)}${params}`);
  }
  return csv.close();
}

function writeSweep(dir: string, manifest: BatchManifest, completed: number[], recordOf: (i: number) => RunRecord): string[] {
  const sweep = manifest.sweep!;
  const K = manifest.seeds.count;
  const files: string[] = [];
  const csv = new CsvFile(join(dir, SWEEP_CSV), ['point', 'seed', ...sweep.params.map((p) => p.path), 'final_stage', ...OUTCOME_NAMES]);
  for (const index of completed) {
    const r = recordOf(index);
    const point = Math.floor(index / K);
    const values = sweep.points[point].map((v, j) => (sweep.params[j].integer ? formatInt(v) : formatNumber(v))).join(',');
    csv.line(`${point},${r.seed},${values},${r.finalStage}${outcomeFields(r.outcomes)}`);
  }
  files.push(csv.close());

  if (sweep.method === 'morris' || sweep.method === 'sobol') {
    const design = makeDesign({ method: sweep.method, params: sweep.params, samples: sweep.samples, seedKey: sweep.seedKey });
    if (canonicalJson(design.points) !== canonicalJson(sweep.points)) {
      throw new BatchError(`sweep: the ${sweep.method} design does not match the points in manifest.json`);
    }
    // Outcomes per point, averaged over the seeds that completed (NaN when none did).
    const done = new Set(completed);
    const perPoint = sweep.points.map((_, p) => {
      const outcomes: Record<string, number>[] = [];
      for (let s = 0; s < K; s++) if (done.has(p * K + s)) outcomes.push(recordOf(p * K + s).outcomes);
      return OUTCOME_NAMES.map((name) => (outcomes.length ? mean(outcomes.map((o) => o[name] ?? NaN)) : NaN));
    });
    if (isMorris(design)) {
      const rows = morrisIndices(design, perPoint, OUTCOME_NAMES);
      const sens = new CsvFile(join(dir, SENSITIVITY_CSV), ['parameter', 'outcome', 'mu', 'mu_star', 'sigma', 'trajectories']);
      for (const r of rows) {
        sens.line(`${csvField(r.parameter)},${r.outcome},${formatNumber(r.mu)},${formatNumber(r.mu_star)},${formatNumber(r.sigma)},${r.trajectories}`);
      }
      files.push(sens.close());
    } else if (isSobol(design)) {
      const rows = sobolIndices(design, perPoint, OUTCOME_NAMES, sweep.seedKey);
      const columns = ['S1', 'S1_low', 'S1_high', 'ST', 'ST_low', 'ST_high'] as const;
      const sens = new CsvFile(join(dir, SENSITIVITY_CSV), ['parameter', 'outcome', ...columns, 'samples']);
      for (const r of rows) sens.line(`${csvField(r.parameter)},${r.outcome},${columns.map((c) => formatNumber(r[c])).join(',')},${r.samples}`);
      files.push(sens.close());
    }
  }
  return files;
}

function writeFailures(dir: string, manifest: BatchManifest, failed: number[]): string {
  const csv = new CsvFile(join(dir, FAILURES_CSV), ['index', 'variant', 'point', 'seed', 'attempts', 'error']);
  for (const index of failed) {
    const f = readFailure(dir, index);
    const variant = manifest.command === 'sweep' ? '' : unitLabel(manifest, index);
    const point = f.point === null ? '' : String(f.point);
    csv.line(`${index},${csvField(variant)},${point},${f.seed},${f.attempts},${csvField(f.error)}`);
  }
  return csv.close();
}
