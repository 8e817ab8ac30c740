// A lever's effect under parameter uncertainty: K parameter draws from a posterior, each running
// the baseline and the variant on the same N seeds, give paired differences d[k][s] (draw k,
// seed s; every draw on the same seeds). What is reported:
//
//   mean effect     d̄ = mean over all K·N pairs
//   interval        of the effect at the true parameters, which the posterior only knows up to
//                   its spread. A two-level bootstrap: each resample picks one draw k (uniformly:
//                   the draws already carry the weights), resamples its N seeds with replacement
//                   and takes their mean. The (1 ± level)/2 quantiles of those means are the
//                   quantiles of the per-draw effects widened by each draw's sampling error over
//                   seeds: for a posterior of one point it is the plain paired bootstrap on N
//                   seeds, and with many seeds it tends to the posterior quantiles of the effect.
//                   It does not shrink with K (more draws describe the spread better, they do
//                   not remove it): it says what the lever does in the region, not how well the
//                   posterior average is known.
//   variance        law of total variance, Var d = Var_θ E[d|θ] + E_θ Var[d|θ]. The draws and
//                   seeds are crossed (common random numbers: seed s is the same world in every
//                   draw), so d[k][s] = μ + a_k + b_s + e_ks and the two-way analysis of variance
//                   gives unbiased components:
//                     B = Σ_k (m_k − d̄)² / (K − 1)          (m_k: draw k's mean over seeds)
//                     R = Σ_ks (d − m_k − c_s + d̄)² / ((K−1)(N−1))   (c_s: seed s's mean over draws)
//                     parameters  V_p = max(0, B − R/N)    (B holds the error R/N of each m_k;
//                                 the seed effect b_s is common to all draws and cancels)
//                     chance      V_c = mean_k of the sample variance of d[k][·] over seeds
//                   share_parameters = V_p / (V_p + V_c) ∈ [0, 1].
//   same sign       share of draws whose mean effect m_k has the sign of d̄ (1: the lever points
//                   the same way under every plausible parameter set).
import type { PairedComparison } from './compare.ts';
import { Stream } from '../engine/rng.ts';
import { quantile } from './stats.ts';

export interface PosteriorEffectOptions {
  /** Seeds the bootstrap stream: same key, same interval. */
  seedKey: string;
  /** Bootstrap resamples (default 2000). */
  resamples?: number;
  /** Level of the interval (default 0.95). */
  level?: number;
}

/** A paired comparison pooled over the draws (n = draws · seeds pairs; the interval includes the parameters' spread). */
export interface PosteriorEffect extends PairedComparison {
  /** Draws with pairs, and pairs per draw. */
  draws: number;
  seeds: number;
  /** √V_p and √V_c: the spread of the effect from parameters and from chance, in the outcome's units. */
  sdParameters: number;
  sdChance: number;
  shareParameters: number;
  sameSign: number;
}

/**
 * `baseline[k][s]` and `variant[k][s]`: draw k, seed s; every draw must hold the same seeds in
 * the same order. Any NaN makes every statistic NaN (as pairedComparison does).
 */
export function posteriorEffect(baseline: readonly ArrayLike<number>[], variant: readonly ArrayLike<number>[], opts: PosteriorEffectOptions): PosteriorEffect {
  const K = baseline.length;
  const N = K ? baseline[0].length : 0;
  if (variant.length !== K || baseline.some((b, k) => b.length !== N || variant[k].length !== N)) {
    throw new RangeError('posteriorEffect: baseline and variant need the same draws × seeds');
  }
  const resamples = opts.resamples ?? 2000;
  const level = opts.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`posteriorEffect: resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`posteriorEffect: level must be in (0, 1), got ${level}`);
  const nan: PosteriorEffect = {
    draws: K, seeds: N, n: K * N, baselineMean: NaN, variantMean: NaN, meanDiff: NaN, ciLow: NaN, ciHigh: NaN, pBetter: NaN,
    sdParameters: NaN, sdChance: NaN, shareParameters: NaN, sameSign: NaN,
  };
  if (K === 0 || N === 0) return nan;
  const d = baseline.map(() => new Float64Array(N));
  let sumB = 0;
  let sumV = 0;
  let above = 0;
  let ties = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < K; k++) {
    for (let s = 0; s < N; s++) {
      const b = baseline[k][s];
      const v = variant[k][s];
      if (Number.isNaN(b) || Number.isNaN(v)) return nan;
      const x = v - b;
      d[k][s] = x;
      sumB += b;
      sumV += v;
      if (x > 0) above++;
      else if (x === 0) ties++;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  const n = K * N;
  const rowMean = d.map((row) => row.reduce((a, x) => a + x, 0) / N);
  const grand = rowMean.reduce((a, x) => a + x, 0) / K;
  const out: PosteriorEffect = { ...nan, baselineMean: sumB / n, variantMean: sumV / n, meanDiff: grand, pBetter: (above + 0.5 * ties) / n };

  const sign = Math.sign(grand);
  out.sameSign = rowMean.filter((m) => Math.sign(m) === sign).length / K;
  if (lo === hi) {
    // One value everywhere (0 for a placebo): no spread to apportion, an exact interval.
    out.meanDiff = out.ciLow = out.ciHigh = lo;
    out.sdParameters = out.sdChance = 0;
    return out;
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    out.ciLow = out.ciHigh = out.meanDiff;
    return out;
  }

  // Chance: the spread over seeds at fixed parameters, averaged over the draws.
  let vc = NaN;
  if (N >= 2) {
    let within = 0;
    for (let k = 0; k < K; k++) {
      let ss = 0;
      for (let s = 0; s < N; s++) {
        const e = d[k][s] - rowMean[k];
        ss += e * e;
      }
      within += ss / (N - 1);
    }
    vc = within / K;
    out.sdChance = Math.sqrt(vc);
  }
  // Parameters: the spread of the draws' means less the residual error each mean carries.
  if (K >= 2 && N >= 2) {
    const colMean = new Float64Array(N);
    for (let k = 0; k < K; k++) for (let s = 0; s < N; s++) colMean[s] += d[k][s] / K;
    // Deviations from the first draw's mean: exactly 0 when every draw ran the same worlds (a
    // posterior of one point), where deviations from the rounded grand mean would leave ~1e-32.
    let shift = 0;
    let shift2 = 0;
    for (let k = 0; k < K; k++) {
      shift += rowMean[k] - rowMean[0];
      shift2 += (rowMean[k] - rowMean[0]) * (rowMean[k] - rowMean[0]);
    }
    const between = Math.max(0, (shift2 - (shift * shift) / K) / (K - 1));
    let resid = 0;
    for (let k = 0; k < K; k++) {
      for (let s = 0; s < N; s++) {
        const e = d[k][s] - rowMean[k] - colMean[s] + grand;
        resid += e * e;
      }
    }
    resid /= (K - 1) * (N - 1);
    const vp = Math.max(0, between - resid / N);
    out.sdParameters = Math.sqrt(vp);
    out.shareParameters = vp + vc > 0 ? vp / (vp + vc) : NaN;
  }

  const rng = new Stream(opts.seedKey, 'bootstrap');
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    const row = d[Math.floor(rng.uniform() * K)];
    let sum = 0;
    for (let s = 0; s < N; s++) sum += row[Math.floor(rng.uniform() * N)];
    means[r] = sum / N;
  }
  means.sort();
  out.ciLow = quantile(means, (1 - level) / 2);
  out.ciHigh = quantile(means, (1 + level) / 2);
  return out;
}
