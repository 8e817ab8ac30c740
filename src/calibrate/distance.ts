// The distance between what a parameter point simulates and what was observed, on standardised
// targets (every target in units of its own uncertainty, so a count of firms and a share weigh
// alike):  d(θ) = sqrt( Σ_j w_j z_j² / Σ_j w_j )
// with s_j the target's statistic over the point's seeds — the mean of a value target, the share
// of seeds that reach a stage for a shape target — and z_j its deviation from the observation:
//   value ± sd               z = (s − value) / sd
//   value alone              z = (s − value) / σ, σ = 1.4826·MAD of s over the prior sample
//                            (generation 0; pyabc's adaptive scale), or 10 % of |value| if that is 0
//   interval [lo, hi]        z = 0 inside; outside, the distance to the nearer end / σ with
//                            σ = (hi − lo)/4 — an interval says "somewhere in here" (a one-sided
//                            "more than 36 %" is [0.36, 1]), so every value inside fits equally
//   stage share [min, max]   the same, with σ = max((max − min)/4, 0.05)
// A statistic that is NaN (no seed produced the metric) puts the point at distance ∞.
import type { Target } from '../scenarios/targets.ts';
import { median } from './weighted.ts';

export interface TargetScale {
  /** The observation's centre (the value, or the interval's midpoint): for reports. */
  center: number;
  /** Values in [low, high] fit exactly (low = high = the value for a point observation). */
  low: number;
  high: number;
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
      return { center: (min + max) / 2, low: min, high: max, scale: Math.max((max - min) / 4, 0.05), from: 'share' };
    }
    if (t.sd !== undefined) return { center: t.value!, low: t.value!, high: t.value!, scale: t.sd, from: 'sd' };
    if (t.interval && t.interval[1] > t.interval[0]) {
      const [lo, hi] = t.interval;
      return { center: (lo + hi) / 2, low: lo, high: hi, scale: (hi - lo) / 4, from: 'interval' };
    }
    const center = t.value ?? t.interval![0];
    const values = prior.map((s) => s[j]).filter(Number.isFinite);
    const m = median(values);
    const mad = 1.4826 * median(values.map((v) => Math.abs(v - m)));
    const scale = mad > 0 ? mad : Math.abs(center) > 0 ? 0.1 * Math.abs(center) : 1;
    return { center, low: center, high: center, scale, from: 'prior' };
  });
}

/** The standardised deviation z of a statistic from its observation (0 inside an interval). */
export function deviation(stat: number, sc: TargetScale): number {
  return stat < sc.low ? (stat - sc.low) / sc.scale : stat > sc.high ? (stat - sc.high) / sc.scale : Number.isNaN(stat) ? NaN : 0;
}

/** Standardised deviations z_j of a point's statistics. */
export function deviations(stats: ArrayLike<number>, scales: readonly TargetScale[]): number[] {
  return scales.map((sc, j) => deviation(stats[j], sc));
}

/** d(θ): the weighted root mean square of the standardised deviations (∞ when one is NaN). */
export function distance(stats: ArrayLike<number>, scales: readonly TargetScale[], targets: readonly Target[]): number {
  let sum = 0;
  let weights = 0;
  for (let j = 0; j < scales.length; j++) {
    const w = targets[j].weight;
    if (w === 0) continue;
    const z = deviation(stats[j], scales[j]);
    if (!Number.isFinite(z)) return Infinity;
    sum += w * z * z;
    weights += w;
  }
  return weights > 0 ? Math.sqrt(sum / weights) : 0;
}
