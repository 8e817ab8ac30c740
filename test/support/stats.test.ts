// The statistics the statistical tests rely on, against textbook values.
import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, chiSquareTest, correlation, kolmogorovSurvival, ksCritical01, ksTest, linearFit, quantile } from './stats.ts';

describe('test statistics', () => {
  it('Kolmogorov distribution: P(K > 1.628) ≈ 0.01, P(K > 1.358) ≈ 0.05', () => {
    expect(kolmogorovSurvival(1.628)).toBeCloseTo(0.01, 3);
    expect(kolmogorovSurvival(1.358)).toBeCloseTo(0.05, 3);
    expect(kolmogorovSurvival(0.1)).toBe(1);
    expect(ksCritical01(100)).toBeCloseTo(0.1628, 10);
  });

  it('KS statistic of a known sample', () => {
    // Sample {0.1, 0.5, 0.9} against U(0,1): D = max(1/3 − 0.1, 0.5 − 1/3, 2/3 − 0.5, 0.9 − 2/3, 1 − 0.9) = 0.2333…
    expect(ksTest([0.9, 0.1, 0.5], (x) => x).d).toBeCloseTo(0.23333333, 8);
    // A grossly wrong sample is rejected.
    const r = ksTest(Array.from({ length: 200 }, (_, i) => (i / 200) ** 3), (x) => x);
    expect(r.p).toBeLessThan(1e-6);
  });

  it('chi-square survival: known quantiles', () => {
    expect(chiSquareSurvival(2, 2)).toBeCloseTo(Math.exp(-1), 12);
    expect(chiSquareSurvival(16.266, 3)).toBeCloseTo(0.001, 5);
    expect(chiSquareSurvival(3.841, 1)).toBeCloseTo(0.05, 4);
    expect(chiSquareSurvival(124.342, 100)).toBeCloseTo(0.05, 4);
    expect(chiSquareTest([50, 50], [0.5, 0.5]).chi2).toBe(0);
  });

  it('least squares, correlation and quantiles', () => {
    const fit = linearFit([0, 1, 2, 3], [1, 3, 5, 7]);
    expect(fit.a).toBeCloseTo(1, 12);
    expect(fit.b).toBeCloseTo(2, 12);
    expect(fit.r2).toBeCloseTo(1, 12);
    expect(correlation([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(quantile([5, 1, 3, 2, 4], 0.5)).toBe(3);
  });
});
