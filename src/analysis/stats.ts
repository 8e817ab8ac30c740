// Descriptive statistics for the batch outputs: mean, standard deviation and quantiles, plus the
// five-number summary of ensemble.csv. Pure, deterministic functions: sums run in a fixed order
// (the array's), quantiles use R's and numpy's default definition (type 7).

/** Arithmetic mean, summed in array order; NaN for an empty array. */
export function mean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i];
  return s / n;
}

/**
 * Sample standard deviation (n − 1 in the denominator), two-pass around the mean for accuracy;
 * 0 when n < 2. `m` may pass the mean if it is already known.
 */
export function sd(values: ArrayLike<number>, m: number = mean(values)): number {
  const n = values.length;
  if (n < 2) return n === 1 && Number.isNaN(values[0]) ? NaN : 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - m;
    s += d * d;
  }
  return Math.sqrt(s / (n - 1));
}

/**
 * Quantile p ∈ [0, 1] of ascending-sorted values, type 7 (R's default, numpy's 'linear'):
 * h = (n − 1)·p, interpolating linearly between sorted[⌊h⌋] and sorted[⌊h⌋ + 1].
 * NaN for an empty array. The input must already be sorted (see `sortedCopy`).
 */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0 || !(p >= 0 && p <= 1)) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo];
  if (lo >= n - 1) return a;
  const b = sorted[lo + 1];
  // Equal neighbours give exactly their value (no rounding from the interpolation).
  return a === b ? a : a + (h - lo) * (b - a);
}

/** An ascending sorted copy as a Float64Array (numeric order; NaN last). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** The five numbers of each ensemble.csv cell. */
export interface Summary {
  mean: number;
  sd: number;
  p05: number;
  p50: number;
  p95: number;
}

/** Writes the summary of `scratch` into `out`, sorting `scratch` in place; see `summarise`. */
export function summariseInPlace(scratch: Float64Array, out: Summary): Summary {
  const n = scratch.length;
  scratch.sort();
  // NaN sorts last: one NaN anywhere makes the whole summary NaN (no silent dropping).
  if (n === 0 || Number.isNaN(scratch[n - 1])) {
    out.mean = out.sd = out.p05 = out.p50 = out.p95 = NaN;
    return out;
  }
  const m = mean(scratch);
  out.mean = m;
  out.sd = sd(scratch, m);
  out.p05 = quantile(scratch, 0.05);
  out.p50 = quantile(scratch, 0.5);
  out.p95 = quantile(scratch, 0.95);
  return out;
}

/**
 * mean, sd (n − 1), p05, p50, p95 of the values, computed on a sorted copy: the sums run in
 * ascending order, so the result does not depend on the order of the input (byte-identical
 * outputs whatever the order runs completed in). Any NaN makes every field NaN; empty → NaN.
 */
export function summarise(values: ArrayLike<number>): Summary {
  const out: Summary = { mean: NaN, sd: NaN, p05: NaN, p50: NaN, p95: NaN };
  return summariseInPlace(Float64Array.from(values), out);
}
