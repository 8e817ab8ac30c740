// compare.csv: a variant against the baseline on the same seeds (common random numbers). The
// paired differences d_i = variant_i − baseline_i carry the effect without most of the
// run-to-run noise; their mean gets a percentile-bootstrap interval drawn from a seeded stream,
// so the interval is reproducible.
import { Stream } from '../engine/rng.ts';
import { mean, quantile } from './stats.ts';

export interface PairedOptions {
  /** Seeds the bootstrap stream (`new Stream(seedKey, 'bootstrap')`): same key, same interval. */
  seedKey: string;
  /** Bootstrap resamples (default 2000). */
  resamples?: number;
  /** Confidence level of the interval (default 0.95). */
  level?: number;
}

export interface PairedComparison {
  /** Number of pairs. */
  n: number;
  baselineMean: number;
  variantMean: number;
  /** Mean of the paired differences (variant − baseline). */
  meanDiff: number;
  /** Percentile-bootstrap interval of meanDiff at `level`. */
  ciLow: number;
  ciHigh: number;
  /** Share of seeds where the variant is higher, ties counting half: (#d>0 + ½·#d=0)/n. */
  pBetter: number;
}

/**
 * Paired comparison of an outcome over the same seeds: `baseline[i]` and `variant[i]` must come
 * from the same seed (arrays aligned, conventionally sorted by seed). "Better" means higher.
 *
 * - Identical inputs give meanDiff 0, interval [0, 0] and pBetter 0.5 exactly; more generally,
 *   when every difference is the same value c, meanDiff = ciLow = ciHigh = c.
 * - Any NaN in either array makes every field NaN except n; n = 0 gives NaN fields too.
 * - The bootstrap resamples pairs with replacement (`resamples` times, n draws each, from one
 *   stream), takes the mean of each resample, and reads the type-7 quantiles (1 − level)/2 and
 *   (1 + level)/2 of those means.
 */
export function pairedComparison(baseline: ArrayLike<number>, variant: ArrayLike<number>, opts: PairedOptions): PairedComparison {
  const n = baseline.length;
  if (variant.length !== n) {
    throw new RangeError(`pairedComparison: ${n} baseline values but ${variant.length} variant values`);
  }
  const resamples = opts.resamples ?? 2000;
  const level = opts.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`pairedComparison: resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`pairedComparison: level must be in (0, 1), got ${level}`);

  const nan: PairedComparison = { n, baselineMean: NaN, variantMean: NaN, meanDiff: NaN, ciLow: NaN, ciHigh: NaN, pBetter: NaN };
  if (n === 0) return nan;
  const d = new Float64Array(n);
  let above = 0;
  let ties = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const b = baseline[i];
    const v = variant[i];
    if (Number.isNaN(b) || Number.isNaN(v)) return nan;
    const di = v - b;
    d[i] = di;
    if (di > 0) above++;
    else if (di === 0) ties++;
    if (di < lo) lo = di;
    if (di > hi) hi = di;
  }
  const result: PairedComparison = {
    n,
    baselineMean: mean(baseline),
    variantMean: mean(variant),
    meanDiff: mean(d),
    ciLow: NaN,
    ciHigh: NaN,
    pBetter: (above + 0.5 * ties) / n,
  };
  if (lo === hi) {
    // A constant difference (0 for identical runs): every resample mean is that value; say so
    // exactly instead of letting the summation round it.
    result.meanDiff = result.ciLow = result.ciHigh = lo;
    return result;
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    // ±Infinity differences: the means are infinite or NaN; no meaningful interval.
    result.ciLow = result.ciHigh = result.meanDiff;
    return result;
  }
  const means = bootstrapMeans(d, resamples, opts.seedKey);
  result.ciLow = quantile(means, (1 - level) / 2);
  result.ciHigh = quantile(means, (1 + level) / 2);
  return result;
}

/** Sorted means of `resamples` resamples (with replacement) of `values`, from a seeded stream. */
export function bootstrapMeans(values: ArrayLike<number>, resamples: number, seedKey: string): Float64Array {
  const n = values.length;
  const rng = new Stream(seedKey, 'bootstrap');
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[Math.floor(rng.uniform() * n)];
    means[b] = s / n;
  }
  return means.sort();
}

/** Effect per unit of policy spend: meanDiff / spendDiff; NaN when spendDiff is 0 (or NaN). */
export function effectPerSpend(meanDiff: number, spendDiff: number): number {
  if (spendDiff === 0 || Number.isNaN(spendDiff)) return NaN;
  return meanDiff / spendDiff;
}

/**
 * The extra policy spend of a variant: the mean total_policy_spend of the variant's paired runs
 * minus the baseline's (a run stored before the outcome existed counts 0: compare-file.ts); 0
 * when there are no pairs.
 */
export function spendDiff(baseline: ArrayLike<number>, variant: ArrayLike<number>): number {
  if (baseline.length === 0 || variant.length === 0) return 0;
  return mean(variant) - mean(baseline);
}

/** The same from the runs' outcome records (the viz app's runs). */
export function policySpendDiff(baseline: readonly Record<string, number>[], variant: readonly Record<string, number>[]): number {
  const spendOf = (o: Record<string, number>): number => o.total_policy_spend ?? 0;
  return spendDiff(baseline.map(spendOf), variant.map(spendOf));
}
