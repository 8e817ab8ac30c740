// The summary files of a batch, from its stored runs (src/batch/store.ts):
//   runs.csv       batch, compare: per completed run (job-index order), a row for all, then each region
//   ensemble.csv   batch, compare: per variant, tick, region and metric the mean, sd, p05, p50, p95
//   compare.csv    compare: every variant against the baseline, paired by seed, for every outcome of all and of each region;
//                  with a posterior (posterior.ts) pooled over the draws, with the parameter-uncertainty columns
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
// block of metrics at a time (ensemble-file.ts); series.parquet's row groups may be encoded on
// the batch's worker threads while this thread writes the CSV files (tables.ts).
import { join } from 'node:path';
import { effectPerSpend, pairedComparison, policySpendDiff } from '../analysis/compare.ts';
import { isMorris, isSobol, makeDesign } from '../analysis/design.ts';
import { OUTCOME_NAMES } from '../analysis/outcomes.ts';
import { morrisIndices } from '../analysis/sensitivity.ts';
import { sobolIndices } from '../analysis/sobol.ts';
import { mean } from '../analysis/stats.ts';
import { csvField, formatInt, formatNumber, jsonNumber } from '../io/format.ts';
import { canonicalJson } from '../scenarios/hash.ts';
import { BatchError } from './errors.ts';
import { inShard } from './jobs.ts';
import { drawOf, POSTERIOR_COMPARE_EXTRA, posteriorCompareRows, writeDraws } from './posterior.ts';
import { baselineIndex, type BatchManifest } from './plan.ts';
import { completedIndices, failedIndices, MANIFEST, readFailure, readRun, readRunSeries, type RunRecord } from './store.ts';
import { writeFileAtomic } from '../io/write.ts';
import { variedField } from './varied.ts';
import { CsvFile } from './csv-file.ts';
import { writeEnsemble } from './ensemble-file.ts';
import { writeKeptParquet, writeSeriesParquet, type SeriesEncoder } from './tables.ts';

export const RUNS_CSV = 'runs.csv';
export { ENSEMBLE_CSV } from './ensemble-file.ts';
export const COMPARE_CSV = 'compare.csv';
export const SWEEP_CSV = 'sweep.csv';
export const SENSITIVITY_CSV = 'sensitivity.csv';
export const FAILURES_CSV = 'failures.csv';

/** The outcomes the terminal table of `compare` shows (compare.csv has all of OUTCOME_NAMES). */
export const MAIN_OUTCOMES = ['final_employment', 'final_firms', 'total_spinoffs', 'total_innovations', 'total_entries', 'total_exits'] as const;

export const COMPARE_COLUMNS = [
  'variant', 'baseline', 'region', 'outcome', 'n', 'baseline_mean', 'variant_mean', 'mean_diff', 'ci_low', 'ci_high', 'p_better', 'spend', 'effect_per_spend',
] as const;

/** One row of compare.csv, with the numbers unrounded. */
export interface CompareRow {
  variant: string;
  baseline: string;
  /** `all`, or a region's name: the outcome of that region alone, paired on the same seeds. */
  region: string;
  outcome: string;
  n: number;
  baseline_mean: number;
  variant_mean: number;
  mean_diff: number;
  ci_low: number;
  ci_high: number;
  p_better: number;
  /** Mean total_policy_spend of the variant minus the baseline's, over the same paired seeds (money). */
  spend: number;
  effect_per_spend: number;
}

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
}

/** Writes the summary files of a complete (unsharded) batch into `dir` and rewrites its manifest. */
export async function finalizeBatch(dir: string, manifest: BatchManifest, options: FinalizeOptions = {}): Promise<FinalizeResult> {
  if (manifest.shard !== null) throw new Error('finalizeBatch: a shard is finalized by `merge`');
  const status = jobStatus(dir, manifest);
  if (status.missing.length) {
    throw new BatchError(`${dir}: ${status.missing.length} of ${manifest.jobs} jobs have no result yet; finish them with --resume`);
  }
  const files: string[] = [];
  let compare: CompareRow[] = [];
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
  if (manifest.command === 'sweep') {
    files.push(...writeSweep(dir, manifest, status.completed, recordOf));
  } else {
    files.push(writeRunsCsv(dir, manifest, status.completed, recordOf));
    const groups = manifest.variants.map((variant, u) => ({ name: variant.name, indices: status.completed.filter((i) => variantIndex(manifest, i) === u) }));
    files.push(writeEnsemble(dir, groups, recordOf));
    if (manifest.command === 'compare' && manifest.posterior) {
      compare = posteriorCompareRows(manifest, status.completed, (i) => slotsOf(recordOf(i)));
      files.push(writeCompare(dir, compare, [...COMPARE_COLUMNS, ...POSTERIOR_COMPARE_EXTRA]));
      files.push(writeDraws(dir, manifest));
    } else if (manifest.command === 'compare') {
      compare = compareRows(manifest, status.completed, recordOf);
      files.push(writeCompare(dir, compare));
    }
  }
  // The tidy tables for R, pandas, polars and DuckDB (tables.ts).
  files.push(await series);
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

/** A run's outcomes by region slot: `all` first, then each region in scenario order. */
export function slotsOf(record: RunRecord): { region: string; outcomes: Record<string, number>; finalStage: string }[] {
  const regions = record.regions.slice(0, -1);
  return [
    { region: 'all', outcomes: record.outcomes, finalStage: record.finalStage },
    ...regions.map((region, k) => ({ region, outcomes: record.regionOutcomes[k], finalStage: record.regionFinalStages[k] })),
  ];
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

/**
 * Every variant against the baseline on the seeds both completed, for every outcome: for `all`,
 * then for each region alone (its own outcomes, paired on the same seeds).
 */
function compareRows(manifest: BatchManifest, completed: number[], recordOf: (i: number) => RunRecord): CompareRow[] {
  const N = manifest.seeds.count;
  const baseline = manifest.baseline!;
  const b = baselineIndex(manifest);
  const done = new Set(completed);
  const rows: CompareRow[] = [];
  manifest.variants.forEach((variant, u) => {
    if (u === b) return;
    // Seeds both completed, ascending: the pairs.
    const seeds: number[] = [];
    for (let s = 0; s < N; s++) if (done.has(b * N + s) && done.has(u * N + s)) seeds.push(s);
    const baseSlots = seeds.map((s) => slotsOf(recordOf(b * N + s)));
    const variSlots = seeds.map((s) => slotsOf(recordOf(u * N + s)));
    const regions = baseSlots.length ? baseSlots[0].map((slot) => slot.region) : ['all'];
    regions.forEach((region, k) => {
      const base = baseSlots.map((slots) => slots[k].outcomes);
      const vari = variSlots.map((slots) => slots[k].outcomes);
      rows.push(...compareSlot(baseline, variant.name, region, base, vari));
    });
  });
  return rows;
}

/** One variant against the baseline in one region slot, for every outcome. */
function compareSlot(
  baseline: string, variant: string, region: string, base: Record<string, number>[], vari: Record<string, number>[],
): CompareRow[] {
  // Extra money the variant's levers spent, on average over the pairs: effect_per_spend is the
  // outcome's mean difference per unit of it (NaN when the variant spends what the baseline does).
  const spend = policySpendDiff(base, vari);
  return OUTCOME_NAMES.map((outcome): CompareRow => {
    const x = base.map((o) => o[outcome] ?? NaN);
    const y = vari.map((o) => o[outcome] ?? NaN);
    // `all` keeps the bootstrap stream it had before regions had rows of their own.
    const key = region === 'all' ? `compare/${baseline}/${variant}/${outcome}` : `compare/${baseline}/${variant}/${region}/${outcome}`;
    const c = pairedComparison(x, y, { seedKey: key });
    return {
      variant,
      baseline,
      region,
      outcome,
      n: c.n,
      baseline_mean: c.baselineMean,
      variant_mean: c.variantMean,
      mean_diff: c.meanDiff,
      ci_low: c.ciLow,
      ci_high: c.ciHigh,
      p_better: c.pBetter,
      spend,
      effect_per_spend: effectPerSpend(c.meanDiff, spend),
    };
  });
}

/** The columns of compare.csv that count (pairs, draws, seeds): integers; the rest are reals. */
const INT_COLUMNS = new Set(['n', 'draws', 'seeds']);

function writeCompare(dir: string, rows: CompareRow[], columns: readonly string[] = COMPARE_COLUMNS): string {
  const csv = new CsvFile(join(dir, COMPARE_CSV), columns);
  for (const row of rows) {
    const r = row as unknown as Record<string, unknown>;
    csv.line(columns.map((c) => (typeof r[c] !== 'number' ? csvField(String(r[c])) : INT_COLUMNS.has(c) ? formatInt(r[c] as number) : formatNumber(r[c] as number))).join(','));
  }
  return csv.close();
}

/** compare rows as JSON values: numbers as in compare.csv, NaN as null. */
export function compareJson(rows: readonly CompareRow[], columns: readonly string[] = COMPARE_COLUMNS): Record<string, string | number | null>[] {
  return rows.map((row) => {
    const r = row as unknown as Record<string, string | number>;
    return Object.fromEntries(columns.map((c) => [c, typeof r[c] === 'number' ? jsonNumber(r[c] as number) : r[c]]));
  });
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
