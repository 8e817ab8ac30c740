// Weighted statistics of particle populations: quantiles (the inverse of the weighted empirical
// distribution function), the effective sample size, resampling.

/** Median of unweighted values (mean of the two middle ones); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = Float64Array.from(values).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/**
 * The weighted p-quantile: the smallest value x with F(x) ≥ p, F the weighted empirical CDF
 * (weights ≥ 0, not necessarily normalised). Ties in value keep their input order, so the result
 * depends only on the multiset of (value, weight).
 */
export function weightedQuantile(values: readonly number[], weights: readonly number[], p: number): number {
  const order = values.map((_, i) => i).filter((i) => weights[i] > 0 && !Number.isNaN(values[i]));
  if (order.length === 0) return NaN;
  order.sort((a, b) => values[a] - values[b] || a - b);
  let total = 0;
  for (const i of order) total += weights[i];
  let cum = 0;
  for (const i of order) {
    cum += weights[i];
    if (cum >= p * total * (1 - 1e-12)) return values[i];
  }
  return values[order[order.length - 1]];
}

/** Kish's effective sample size (Σw)² / Σw². */
export function effectiveSampleSize(weights: readonly number[]): number {
  let s = 0;
  let sq = 0;
  for (const w of weights) { s += w; sq += w * w; }
  return sq > 0 ? (s * s) / sq : 0;
}

/** Weights scaled to sum 1. */
export function normalise(weights: readonly number[]): number[] {
  let s = 0;
  for (const w of weights) s += w;
  return weights.map((w) => w / s);
}
