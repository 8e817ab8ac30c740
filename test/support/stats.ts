// Small statistics for the statistical tests: goodness of fit (Kolmogorov–Smirnov, chi-square),
// moments, correlation and least squares. Plain functions of arrays; no dependencies.
import { logGamma } from '../../src/engine/rng.ts';

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Sample variance (n − 1 in the denominator). */
export function variance(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return s / (xs.length - 1);
}

export function sd(xs: ArrayLike<number>): number {
  return Math.sqrt(variance(xs));
}

/** Centred cross-products of x and y. */
function moments(x: ArrayLike<number>, y: ArrayLike<number>) {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return { mx, my, sxy, sxx, syy };
}

export function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const { sxy, sxx, syy } = moments(x, y);
  return sxy / Math.sqrt(sxx * syy);
}

/** Ordinary least squares y = a + b·x, with the coefficient of determination R². */
export function linearFit(x: ArrayLike<number>, y: ArrayLike<number>): { a: number; b: number; r2: number } {
  const { mx, my, sxy, sxx, syy } = moments(x, y);
  const b = sxy / sxx;
  return { a: my - b * mx, b, r2: (sxy * sxy) / (sxx * syy) };
}

/** The value below which a share p of the sorted sample lies (nearest rank on 0..n−1). */
export function quantile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.round(p * (s.length - 1))];
}

/**
 * One-sample Kolmogorov–Smirnov: D = sup |F_n(x) − F(x)|, and the asymptotic p-value
 * P(K > √n·D) with the Kolmogorov distribution, P(K > x) = 2·Σ_{k≥1} (−1)^{k−1}·exp(−2k²x²).
 */
export function ksTest(sample: readonly number[], cdf: (x: number) => number): { d: number; p: number; n: number } {
  const xs = [...sample].sort((a, b) => a - b);
  const n = xs.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(xs[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return { d, p: kolmogorovSurvival(Math.sqrt(n) * d), n };
}

/** P(K > x) for the Kolmogorov distribution. */
export function kolmogorovSurvival(x: number): number {
  if (x < 0.2) return 1; // the series converges slowly there, and the value is 1 to 1e-15
  let s = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * x * x);
    s += (k % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-16) break;
  }
  return Math.min(1, Math.max(0, 2 * s));
}

/** Asymptotic critical value of the one-sample KS statistic at α = 0.01: 1.628/√n. */
export function ksCritical01(n: number): number {
  return 1.628 / Math.sqrt(n);
}

/** Pearson's chi-square of observed counts against expected probabilities, with its p-value. */
export function chiSquareTest(observed: readonly number[], probabilities: readonly number[]): { chi2: number; df: number; p: number } {
  const total = observed.reduce((a, b) => a + b, 0);
  let chi2 = 0;
  for (let k = 0; k < observed.length; k++) {
    const e = total * probabilities[k];
    chi2 += (observed[k] - e) ** 2 / e;
  }
  const df = observed.length - 1;
  return { chi2, df, p: chiSquareSurvival(chi2, df) };
}

/** P(χ²_df > x) = Q(df/2, x/2), the regularised upper incomplete gamma function. */
export function chiSquareSurvival(x: number, df: number): number {
  return upperGammaQ(df / 2, x / 2);
}

/** Q(a, x) by the series (x < a + 1) or Lentz's continued fraction (Numerical Recipes §6.2). */
function upperGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lnPrefix = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(lnPrefix);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.exp(lnPrefix) * h;
}
