// ReportData from runs made in the browser (JobResults as they arrive), for the same charts the
// report draws from an output folder. The numbers are computed by the modules the CLI uses:
// ensembleTable (ensemble.csv's statistics) and pairedComparison with the same seed keys as
// compare.csv (src/batch/finalize.ts), so bands and effects equal the CLI's for the same runs.
// Pure: no DOM, no Node; tested in Node (test/viz/results.test.ts).
import { effectPerSpend, pairedComparison, policySpendDiff } from '../../src/analysis/compare.ts';
import { ensembleTable } from '../../src/analysis/ensemble.ts';
import { SIZE_BINS } from '../../src/analysis/sizes.ts';
import { METRICS } from '../../src/engine/metrics.ts';
import { STAGES } from '../../src/engine/series.ts';
import { MAIN_METRICS, type Band, type CompareEntry, type ReportData, type VariantSeries } from '../../src/report/model.ts';
import type { Job, JobResult } from '../../src/workers/protocol.ts';
import { BASE } from './scenarios.ts';
import { counted } from '../../src/report/parse-common.ts';

/** The outcomes compare tables show (as MAIN_OUTCOMES in src/batch/finalize.ts, which imports node:fs). */
export const MAIN_OUTCOMES = ['final_employment', 'final_firms', 'total_spinoffs', 'total_innovations', 'total_entries', 'total_exits'] as const;

export interface BrowserRun {
  job: Job;
  result: JobResult;
}

export interface ResultsInput {
  scenario: { name: string; description: string };
  /** Variant names in run order (`base` first if run); variants with no run yet are left out. */
  variants: string[];
  seeds: { start: number; count: number };
  ticks: number;
  /** The runs finished so far, any order. */
  runs: readonly BrowserRun[];
  /** Shown in the manifest block. */
  manifest?: Record<string, unknown>;
}

export const variantOf = (job: Job): string => job.variant ?? BASE;

/** The most frequent stage per row over runs (ties: the earlier stage in STAGES order). */
function modalStages(results: readonly JobResult[], regions: readonly string[], ticks: number): Record<string, string[]> {
  const R1 = regions.length;
  const out: Record<string, string[]> = {};
  regions.forEach((region) => (out[region] = new Array<string>(ticks)));
  const counts = new Uint32Array(STAGES.length);
  for (let t = 0; t < ticks; t++) {
    for (let r = 0; r < R1; r++) {
      counts.fill(0);
      for (const res of results) counts[res.stage[t * R1 + r]]++;
      let best = 0;
      for (let k = 1; k < STAGES.length; k++) if (counts[k] > counts[best]) best = k;
      out[regions[r]][t] = STAGES[best];
    }
  }
  return out;
}

function variantSeries(name: string, results: readonly JobResult[]): VariantSeries {
  const first = results[0];
  const { metrics, regions, rows, ticksPerYear } = first;
  const R1 = regions.length;
  const ticks = rows / R1;
  const table = ensembleTable({ runs: results, metrics, regions, ticksPerYear });
  const M = metrics.length;
  const many = results.length > 1;
  const series: Record<string, Record<string, Band>> = {};
  regions.forEach((region, r) => {
    const byMetric: Record<string, Band> = {};
    metrics.forEach((metric, m) => {
      const band: Band = { p50: new Array(ticks), mean: new Array(ticks) };
      if (many) {
        band.p05 = new Array(ticks);
        band.p95 = new Array(ticks);
      }
      for (let t = 0; t < ticks; t++) {
        const c = ((t * R1 + r) * M + m) * 5; // mean, sd, p05, p50, p95
        band.mean![t] = table[c];
        band.p50[t] = table[c + 3];
        if (many) {
          band.p05![t] = table[c + 2];
          band.p95![t] = table[c + 4];
        }
      }
      byMetric[metric] = band;
    });
    series[region] = byMetric;
  });
  const sizes = new Array<number>(SIZE_BINS).fill(0);
  for (const res of results) res.sizes.forEach((n, k) => (sizes[k] += n));
  return { name, runs: results.length, series, stages: modalStages(results, regions, ticks), sizes };
}

/** Paired comparisons against `base` on the seeds both have, for the main outcomes (as compare.csv). */
function compareEntries(byVariant: Map<string, BrowserRun[]>, order: readonly string[]): CompareEntry[] {
  const base = byVariant.get(BASE);
  if (!base) return [];
  const baseBySeed = new Map(base.map((r) => [r.job.seed, r.result.outcomes]));
  const entries: CompareEntry[] = [];
  for (const name of order) {
    if (name === BASE) continue;
    const runs = byVariant.get(name);
    if (!runs) continue;
    const pairs = runs.filter((r) => baseBySeed.has(r.job.seed)).sort((a, b) => a.job.seed - b.job.seed);
    if (pairs.length === 0) continue;
    const spend = policySpendDiff(pairs.map((r) => baseBySeed.get(r.job.seed)!), pairs.map((r) => r.result.outcomes));
    for (const outcome of MAIN_OUTCOMES) {
      const x = pairs.map((r) => baseBySeed.get(r.job.seed)![outcome] ?? NaN);
      const y = pairs.map((r) => r.result.outcomes[outcome] ?? NaN);
      const c = pairedComparison(x, y, { seedKey: `compare/${BASE}/${name}/${outcome}` });
      const eps = effectPerSpend(c.meanDiff, spend);
      entries.push({ variant: name, baseline: BASE, outcome, ...c, spend, effectPerSpend: Number.isFinite(eps) ? eps : null });
    }
  }
  return entries;
}

/** ReportData for the runs so far; null when none has finished. */
export function reportFromResults(input: ResultsInput): ReportData | null {
  if (input.runs.length === 0) return null;
  const byVariant = new Map<string, BrowserRun[]>();
  for (const run of input.runs) {
    const name = variantOf(run.job);
    if (!byVariant.has(name)) byVariant.set(name, []);
    byVariant.get(name)!.push(run);
  }
  const order = input.variants.filter((v) => byVariant.has(v));
  const variants = order.map((name) => {
    const runs = byVariant.get(name)!.slice().sort((a, b) => a.job.seed - b.job.seed);
    return variantSeries(name, runs.map((r) => r.result));
  });
  const first = input.runs[0].result;
  const ticks = first.rows / first.regions.length;
  const metrics = first.metrics.map((name) => {
    const def = METRICS.find((m) => m.name === name);
    return { name, unit: def?.unit ?? '', description: def?.description ?? '' };
  });
  const isCompare = input.variants.length > 1 && input.variants.includes(BASE);
  const done = input.runs.length;
  const total = input.variants.length * input.seeds.count;
  const data: ReportData = {
    kind: isCompare ? 'compare' : 'batch',
    title: `${isCompare ? 'compare' : 'batch'} · ${input.scenario.name} · ${counted(input.variants.length, 'variant')} × ${counted(input.seeds.count, 'seed')}${done < total ? ` (${done}/${total} runs)` : ''}`,
    scenario: input.scenario,
    ticksPerYear: first.ticksPerYear,
    ticks: Array.from({ length: ticks }, (_, t) => t),
    regions: [...first.regions],
    metrics,
    mainMetrics: MAIN_METRICS.filter((m) => first.metrics.includes(m)),
    variants,
    manifest: input.manifest ?? {
      command: isCompare ? 'compare' : 'batch',
      engine: 'clusterlab (browser)',
      scenario: input.scenario.name,
      ticks: input.ticks,
      ticksPerYear: first.ticksPerYear,
      seeds: input.seeds,
      variants: input.variants,
      baseline: isCompare ? BASE : null,
      completed: done,
    },
  };
  if (isCompare) data.compare = compareEntries(byVariant, order);
  return data;
}
