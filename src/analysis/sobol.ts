// sensitivity.csv for `sweep --sensitivity sobol`: Sobol' variance-based indices from Saltelli's
// design (design.ts, sobolDesign). With f_A, f_B and f_ABi the outcome at the rows of A, B and
// AB_i, over the n base rows whose k + 2 outcomes are all finite, and V the variance of the 2n
// values of f_A and f_B:
//   S1_i = mean_j (f_B,j − μ)·(f_ABi,j − f_A,j) / V  first order (Saltelli et al. 2010, eq. (b))
//   ST_i = mean_j (f_A,j − f_ABi,j)² / (2V)          total (Jansen 1999; Saltelli et al. 2010, eq. (f))
// S1_i is the share of the output variance due to factor i alone; ST_i adds all its interactions
// (Σ S1 ≤ 1 ≤ Σ ST). μ, the mean of the 2n values, is subtracted from f_B: the expectation is the
// same (E[f_ABi − f_A] = 0) and the variance of the estimate no longer grows with μ², which for
// outcomes such as employment (a large mean, a small spread) is the difference between usable and
// useless. Intervals: `bootstrap` resamples of the base rows with replacement (stream
// `new Stream(seedKey, 'sobol-bootstrap')`), the 2.5 % and 97.5 % quantiles of each index.
import type { SobolDesign } from './design.ts';
import { Stream } from '../engine/rng.ts';
import { quantile } from './stats.ts';

export interface SobolRow {
  parameter: string;
  outcome: string;
  S1: number;
  S1_low: number;
  S1_high: number;
  ST: number;
  ST_low: number;
  ST_high: number;
  /** Base rows used (those whose k + 2 outcomes are all finite). */
  samples: number;
}

/** S1 and ST of every factor from the outcome at each point, over the base rows `rows`. */
function estimate(f: (point: number) => number, rows: ArrayLike<number>, k: number, out: Float64Array): void {
  const n = rows.length;
  let sum = 0;
  let sumSq = 0;
  for (let m = 0; m < n; m++) {
    const base = rows[m] * (k + 2);
    const a = f(base);
    const b = f(base + 1);
    sum += a + b;
    sumSq += a * a + b * b;
  }
  const mu = sum / (2 * n);
  const variance = sumSq / (2 * n) - mu * mu;
  for (let i = 0; i < k; i++) {
    let first = 0;
    let total = 0;
    for (let m = 0; m < n; m++) {
      const base = rows[m] * (k + 2);
      const a = f(base);
      const ab = f(base + 2 + i);
      first += (f(base + 1) - mu) * (ab - a);
      total += (a - ab) * (a - ab);
    }
    out[i] = variance > 0 ? first / n / variance : NaN;
    out[k + i] = variance > 0 ? total / (2 * n) / variance : NaN;
  }
}

/**
 * Sobol' indices of every parameter for every outcome. `outcomesPerPoint[point][outcome]` (typically
 * averaged over seeds); rows in the order parameter (design order) → outcome. With fewer than two
 * usable base rows the indices are NaN.
 */
export function sobolIndices(
  design: SobolDesign, outcomesPerPoint: readonly (readonly number[])[], outcomeNames: readonly string[],
  seedKey: string, bootstrap = 1000,
): SobolRow[] {
  const k = design.params.length;
  const N = design.base;
  if (outcomesPerPoint.length !== design.points.length) {
    throw new RangeError(`sobolIndices: ${outcomesPerPoint.length} outcome rows for ${design.points.length} design points`);
  }
  const perOutcome = outcomeNames.map((_, o) => {
    const f = (point: number) => outcomesPerPoint[point][o];
    const usable: number[] = [];
    for (let j = 0; j < N; j++) {
      let ok = true;
      for (let q = 0; q < k + 2 && ok; q++) ok = Number.isFinite(f(j * (k + 2) + q));
      if (ok) usable.push(j);
    }
    const point = new Float64Array(2 * k).fill(NaN);
    const low = new Float64Array(2 * k).fill(NaN);
    const high = new Float64Array(2 * k).fill(NaN);
    if (usable.length >= 2) {
      estimate(f, usable, k, point);
      // Bootstrap: the same resampled rows for every index of this outcome.
      const rng = new Stream(`${seedKey}/${outcomeNames[o]}`, 'sobol-bootstrap');
      const draws = Array.from({ length: 2 * k }, () => new Float64Array(bootstrap));
      const rows = new Int32Array(usable.length);
      const one = new Float64Array(2 * k);
      for (let r = 0; r < bootstrap; r++) {
        for (let m = 0; m < rows.length; m++) rows[m] = usable[rng.int(0, usable.length - 1)];
        estimate(f, rows, k, one);
        for (let q = 0; q < 2 * k; q++) draws[q][r] = one[q];
      }
      for (let q = 0; q < 2 * k; q++) {
        const sorted = draws[q].filter(Number.isFinite).sort();
        if (sorted.length > 0) {
          low[q] = quantile(sorted, 0.025);
          high[q] = quantile(sorted, 0.975);
        }
      }
    }
    return { point, low, high, samples: usable.length };
  });
  const out: SobolRow[] = [];
  for (let i = 0; i < k; i++) {
    outcomeNames.forEach((outcome, o) => {
      const e = perOutcome[o];
      out.push({
        parameter: design.params[i].path, outcome,
        S1: e.point[i], S1_low: e.low[i], S1_high: e.high[i],
        ST: e.point[k + i], ST_low: e.low[k + i], ST_high: e.high[k + i],
        samples: e.samples,
      });
    });
  }
  return out;
}
