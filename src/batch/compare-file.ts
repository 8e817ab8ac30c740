// compare.csv of a finished compare (finalize.ts writes it): every variant against the
// baseline, paired by seed, for every outcome of all and of each region; and its rows as JSON.
import { join } from 'node:path';
import { effectPerSpend, pairedComparison, spendDiff } from '../analysis/compare.ts';
import { OUTCOME_NAMES } from '../analysis/outcomes.ts';
import { csvField, formatInt, formatNumber, jsonNumber } from '../io/format.ts';
import { CsvFile } from '../io/csv-file.ts';
import { baselineIndex, type BatchManifest } from './plan.ts';
import type { RunRecord } from './store.ts';

export const COMPARE_CSV = 'compare.csv';
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

/** A run's outcomes by region slot: `all` first, then each region in scenario order. */
export function slotsOf(record: RunRecord): { region: string; outcomes: Record<string, number>; finalStage: string }[] {
  const regions = record.regions.slice(0, -1);
  return [
    { region: 'all', outcomes: record.outcomes, finalStage: record.finalStage },
    ...regions.map((region, k) => ({ region, outcomes: record.regionOutcomes[k], finalStage: record.regionFinalStages[k] })),
  ];
}

/**
 * Every variant against the baseline on the seeds both completed, for every outcome: for `all`,
 * then for each region alone (its own outcomes, paired on the same seeds). Each run's outcomes are
 * read once into numbers (a record holds kilobytes of names; 100,000 of them would not fit).
 */
export function compareRows(manifest: BatchManifest, completed: number[], recordOf: (i: number) => RunRecord): CompareRow[] {
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
    const base = unitOutcomes(seeds.map((s) => b * N + s), recordOf);
    const vari = unitOutcomes(seeds.map((s) => u * N + s), recordOf);
    base.regions.forEach((region, k) => rows.push(...compareSlot(baseline, variant.name, region, base.slot(k), vari.slot(k))));
  });
  return rows;
}

/** One slot's outcomes over the runs: per outcome (OUTCOME_NAMES order) its values, and the policy spend (absent: 0). */
export interface SlotOutcomes {
  values: Float64Array[];
  spend: Float64Array;
}

/** The outcomes of runs `indices`, by region slot (`all`, then each region), as numbers. */
export function unitOutcomes(indices: readonly number[], recordOf: (i: number) => RunRecord): { regions: string[]; slot: (k: number) => SlotOutcomes } {
  const n = indices.length;
  const O = OUTCOME_NAMES.length;
  let regions = ['all'];
  let slots: SlotOutcomes[] = [];
  indices.forEach((index, i) => {
    const r = slotsOf(recordOf(index));
    if (i === 0) {
      regions = r.map((slot) => slot.region);
      slots = r.map(() => ({ values: Array.from({ length: O }, () => new Float64Array(n)), spend: new Float64Array(n) }));
    }
    r.forEach((slot, k) => {
      for (let o = 0; o < O; o++) slots[k].values[o][i] = slot.outcomes[OUTCOME_NAMES[o]] ?? NaN;
      slots[k].spend[i] = slot.outcomes.total_policy_spend ?? 0;
    });
  });
  if (n === 0) slots = [{ values: Array.from({ length: O }, () => new Float64Array(0)), spend: new Float64Array(0) }];
  return { regions, slot: (k) => slots[k] };
}

/** One variant against the baseline in one region slot, for every outcome. */
function compareSlot(baseline: string, variant: string, region: string, base: SlotOutcomes, vari: SlotOutcomes): CompareRow[] {
  // Extra money the variant's levers spent, on average over the pairs: effect_per_spend is the
  // outcome's mean difference per unit of it (NaN when the variant spends what the baseline does).
  const spend = spendDiff(base.spend, vari.spend);
  return OUTCOME_NAMES.map((outcome, o): CompareRow => {
    // `all` keeps the bootstrap stream it had before regions had rows of their own.
    const key = region === 'all' ? `compare/${baseline}/${variant}/${outcome}` : `compare/${baseline}/${variant}/${region}/${outcome}`;
    const c = pairedComparison(base.values[o], vari.values[o], { seedKey: key });
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

export function writeCompare(dir: string, rows: CompareRow[], columns: readonly string[] = COMPARE_COLUMNS): string {
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
