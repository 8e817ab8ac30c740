// The distance between what a parameter point simulates and what was observed, on standardised
// targets (every target in units of its own uncertainty, so a count of firms and a share weigh
// alike):  d(θ) = sqrt( Σ_j w_j z_j² / Σ_j w_j ),  z_j = (s_j(θ) − c_j) / σ_j
// with s_j the target's statistic over the point's seeds — the mean of a value target, the share
// of seeds that reach a stage for a shape target — and (c_j, σ_j):
//   value ± sd               c = value,           σ = sd
//   interval [lo, hi]        c = (lo + hi)/2,     σ = (hi − lo)/4   (the interval read as ± 2 σ)
//   value alone              c = value,           σ = 1.4826·MAD of s_j over the prior sample
//                                                  (generation 0; pyabc's adaptive scale), or
//                                                  10 % of |value| when that is 0
//   stage share [min, max]   c = (min + max)/2,   σ = max((max − min)/4, 0.05)
// A statistic that is NaN (no seed produced the metric) puts the point at distance ∞.
import type { Target } from '../scenarios/targets.ts';
import { median } from './weighted.ts';

export interface TargetScale {
  center: number;
  scale: number;
  /** Where σ came from: sd, interval, share or prior (the prior sample's spread). */
  from: 'sd' | 'interval' | 'share' | 'prior';
}

/** Per target, the statistic over a point's seeds: perSeed[s·T + j] → stats[j]. */
export function targetStatistics(targets: readonly Target[], perSeed: ArrayLike<number>, seeds: number): Float64Array {
  const T = targets.length;
  const stats = new Float64Array(T);
  for (let j = 0; j < T; j++) {
    let sum = 0;
    let n = 0;
    for (let s = 0; s < seeds; s++) {
      const v = perSeed[s * T + j];
      if (Number.isFinite(v)) { sum += v; n++; }
    }
    stats[j] = n > 0 ? sum / n : NaN;
  }
  return stats;
}

/** The centre and scale of each target; `prior` holds the statistics of the prior sample. */
export function targetScales(targets: readonly Target[], prior: readonly Float64Array[]): TargetScale[] {
  return targets.map((t, j): TargetScale => {
    if (t.stage !== undefined) {
      const min = t.share?.min ?? 0;
      const max = t.share?.max ?? 1;
      return { center: (min + max) / 2, scale: Math.max((max - min) / 4, 0.05), from: 'share' };
    }
    if (t.sd !== undefined) return { center: t.value!, scale: t.sd, from: 'sd' };
    if (t.interval && t.interval[1] > t.interval[0]) {
      return { center: (t.interval[0] + t.interval[1]) / 2, scale: (t.interval[1] - t.interval[0]) / 4, from: 'interval' };
    }
    const center = t.value ?? t.interval![0];
    const values = prior.map((s) => s[j]).filter(Number.isFinite);
    const m = median(values);
    const mad = 1.4826 * median(values.map((v) => Math.abs(v - m)));
    const scale = mad > 0 ? mad : Math.abs(center) > 0 ? 0.1 * Math.abs(center) : 1;
    return { center, scale, from: 'prior' };
  });
}

/** Standardised deviations z_j of a point's statistics. */
export function deviations(stats: ArrayLike<number>, scales: readonly TargetScale[]): number[] {
  return scales.map((sc, j) => (stats[j] - sc.center) / sc.scale);
}

/** d(θ): the weighted root mean square of the standardised deviations (∞ when one is NaN). */
export function distance(stats: ArrayLike<number>, scales: readonly TargetScale[], targets: readonly Target[]): number {
  let sum = 0;
  let weights = 0;
  for (let j = 0; j < scales.length; j++) {
    const w = targets[j].weight;
    if (w === 0) continue;
    const z = (stats[j] - scales[j].center) / scales[j].scale;
    if (!Number.isFinite(z)) return Infinity;
    sum += w * z * z;
    weights += w;
  }
  return weights > 0 ? Math.sqrt(sum / weights) : 0;
}
