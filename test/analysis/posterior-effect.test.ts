// The effect of a lever under parameter uncertainty, on synthetic paired differences with known
// parameter and chance components: d[k][s] = a_k + b_s + e_ks (a: the draw's effect, b: a seed
// effect common to every draw, e: noise).
import { describe, expect, it } from 'vitest';
import { pairedComparison } from '../../src/analysis/compare.ts';
import { posteriorEffect } from '../../src/analysis/posterior-effect.ts';
import { Stream } from '../../src/engine/rng.ts';

/** baseline 0, variant = d, so the paired differences are d. */
function synthetic(K: number, N: number, sdA: number, sdB: number, sdE: number, key = 'synthetic') {
  const rng = new Stream(key, 'data');
  const a = Array.from({ length: K }, () => sdA * rng.normal());
  const b = Array.from({ length: N }, () => sdB * rng.normal());
  const variant = a.map((ak) => b.map((bs) => 1 + ak + bs + sdE * rng.normal()));
  const baseline = variant.map((row) => row.map(() => 0));
  return { baseline, variant };
}

describe('posteriorEffect', () => {
  it('parameters dominate: share near 1, sd components near the truth', () => {
    const { baseline, variant } = synthetic(40, 60, 2, 0.3, 0.3);
    const e = posteriorEffect(baseline, variant, { seedKey: 't' });
    expect(e.n).toBe(2400);
    expect(e.shareParameters).toBeGreaterThan(0.9);
    expect(e.sdParameters).toBeGreaterThan(1.4);
    expect(e.sdParameters).toBeLessThan(2.6);
    // chance: the within-draw spread √(0.3² + 0.3²) ≈ 0.42
    expect(e.sdChance).toBeCloseTo(0.42, 1);
  });

  it('no parameter effect, a large seed effect: share near 0 (the crossed design removes b)', () => {
    const { baseline, variant } = synthetic(20, 30, 0, 2, 0.5);
    const e = posteriorEffect(baseline, variant, { seedKey: 't' });
    expect(e.shareParameters).toBeLessThan(0.02);
    expect(e.sdChance).toBeGreaterThan(1.5);
  });

  it('few seeds, pure noise: the draws\' means scatter by chance alone, which the correction removes', () => {
    const { baseline, variant } = synthetic(30, 5, 0, 0, 2);
    const e = posteriorEffect(baseline, variant, { seedKey: 't' });
    expect(e.shareParameters).toBeLessThan(0.05);
  });

  it('a large seed effect common to all draws does not hide a small parameter effect', () => {
    const { baseline, variant } = synthetic(40, 10, 0.5, 3, 0.2);
    const e = posteriorEffect(baseline, variant, { seedKey: 't' });
    // Subtracting the whole within-draw variance / N (≈ 0.9) would leave nothing of 0.5² = 0.25.
    expect(e.sdParameters).toBeGreaterThan(0.3);
    expect(e.sdParameters).toBeLessThan(0.7);
  });

  it('a posterior of one point (every draw the same runs): share exactly 0, the plain interval', () => {
    const { variant } = synthetic(1, 25, 0, 1, 1);
    const rows = Array.from({ length: 10 }, () => variant[0]);
    const zeros = rows.map((r) => r.map(() => 0));
    const e = posteriorEffect(zeros, rows, { seedKey: 't' });
    expect(e.shareParameters).toBe(0);
    expect(e.sdParameters).toBe(0);
    expect(e.sameSign).toBe(1);
    const plain = pairedComparison(zeros[0], rows[0], { seedKey: 't' });
    expect(e.meanDiff).toBeCloseTo(plain.meanDiff, 12);
    // Both intervals are the bootstrap of the same 25 seeds (different resamples): close widths.
    expect(e.ciHigh - e.ciLow).toBeGreaterThan(0.8 * (plain.ciHigh - plain.ciLow));
    expect(e.ciHigh - e.ciLow).toBeLessThan(1.25 * (plain.ciHigh - plain.ciLow));
  });

  it('the interval with parameter uncertainty is wider than the plain interval of one draw on the same seeds, and covers the draws\' spread', () => {
    const { baseline, variant } = synthetic(30, 20, 1, 0.5, 0.5);
    const e = posteriorEffect(baseline, variant, { seedKey: 't' });
    const plain = pairedComparison(baseline[0], variant[0], { seedKey: 't' });
    expect(e.ciHigh - e.ciLow).toBeGreaterThan(2 * (plain.ciHigh - plain.ciLow));
    const means = variant.map((row) => row.reduce((s, x) => s + x, 0) / row.length).sort((x, y) => x - y);
    expect(e.ciLow).toBeLessThan(means[2]);
    expect(e.ciHigh).toBeGreaterThan(means[27]);
  });

  it('same sign: the share of draws whose effect points the way of the mean', () => {
    const baseline = [[0, 0], [0, 0], [0, 0], [0, 0]];
    const variant = [[1, 2], [2, 3], [-1, -2], [3, 4]];
    const e = posteriorEffect(baseline, variant, { seedKey: 't' });
    expect(e.meanDiff).toBe(1.5);
    expect(e.sameSign).toBe(0.75);
    expect(e.pBetter).toBe(0.75);
  });

  it('identical runs: effect 0, interval [0, 0], no spread to apportion', () => {
    const x = [[1, 2, 3], [4, 5, 6]];
    const e = posteriorEffect(x, x, { seedKey: 't' });
    expect([e.meanDiff, e.ciLow, e.ciHigh, e.pBetter, e.sdParameters, e.sdChance, e.sameSign]).toEqual([0, 0, 0, 0.5, 0, 0, 1]);
    expect(e.shareParameters).toBeNaN();
  });

  it('deterministic for a key; NaN anywhere makes the statistics NaN', () => {
    const { baseline, variant } = synthetic(5, 8, 1, 1, 1);
    expect(posteriorEffect(baseline, variant, { seedKey: 'k' })).toEqual(posteriorEffect(baseline, variant, { seedKey: 'k' }));
    variant[2][3] = NaN;
    expect(posteriorEffect(baseline, variant, { seedKey: 'k' }).meanDiff).toBeNaN();
    expect(() => posteriorEffect([[1]], [[1, 2]], { seedKey: 'k' })).toThrow(RangeError);
  });
});
