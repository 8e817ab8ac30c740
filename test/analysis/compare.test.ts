import { describe, expect, it } from 'vitest';
import { bootstrapMeans, effectPerSpend, pairedComparison } from '../../src/analysis/compare.ts';
import { Stream } from '../../src/engine/rng.ts';

function normals(key: string, n: number, mu: number, sigma: number): number[] {
  const rng = new Stream(key, 'data');
  return Array.from({ length: n }, () => mu + sigma * rng.normal());
}

describe('paired comparison', () => {
  it('identical inputs: exactly zero effect, [0, 0], pBetter 0.5', () => {
    const xs = normals('identical', 100, 50, 7);
    const c = pairedComparison(xs, [...xs], { seedKey: 'k' });
    expect(c).toEqual({ n: 100, baselineMean: c.baselineMean, variantMean: c.baselineMean, meanDiff: 0, ciLow: 0, ciHigh: 0, pBetter: 0.5 });
    expect(Object.is(c.meanDiff, 0)).toBe(true);
    expect(Object.is(c.ciLow, 0)).toBe(true);
    expect(Object.is(c.ciHigh, 0)).toBe(true);
  });

  it('a constant shift gives exactly that shift and interval', () => {
    const xs = normals('shift', 30, 0, 1);
    const c = pairedComparison(xs, xs.map((x) => x + 0.5), { seedKey: 'k' });
    // x + 0.5 − x is 0.5 up to rounding; the means may differ by the last bit
    expect(c.meanDiff).toBeCloseTo(0.5, 12);
    expect(c.ciLow).toBeCloseTo(0.5, 12);
    expect(c.ciHigh).toBeCloseTo(0.5, 12);
    expect(c.pBetter).toBe(1);
    const ints = pairedComparison([1, 2, 3], [3, 4, 5], { seedKey: 'k' });
    expect([ints.meanDiff, ints.ciLow, ints.ciHigh, ints.pBetter]).toEqual([2, 2, 2, 1]);
  });

  it('is reproducible for the same seedKey and changes with another', () => {
    const b = normals('rep-b', 40, 10, 3);
    const v = normals('rep-v', 40, 11, 3);
    const c1 = pairedComparison(b, v, { seedKey: 'spinoffs/final_firms' });
    const c2 = pairedComparison(b, v, { seedKey: 'spinoffs/final_firms' });
    const c3 = pairedComparison(b, v, { seedKey: 'another' });
    expect(c2).toEqual(c1);
    expect(c3.meanDiff).toBe(c1.meanDiff);
    expect([c3.ciLow, c3.ciHigh]).not.toEqual([c1.ciLow, c1.ciHigh]);
  });

  it('a clear positive effect has an interval above zero; a clear negative one below', () => {
    const b = normals('clear-b', 50, 100, 10);
    const noise = normals('clear-noise', 50, 0, 1);
    const up = pairedComparison(b, b.map((x, i) => x + 2 + noise[i]), { seedKey: 'up' });
    expect(up.ciLow).toBeGreaterThan(0);
    expect(up.ciHigh).toBeGreaterThan(up.ciLow);
    expect(up.meanDiff).toBeGreaterThan(up.ciLow);
    expect(up.meanDiff).toBeLessThan(up.ciHigh);
    expect(up.pBetter).toBeGreaterThan(0.9);
    const down = pairedComparison(b, b.map((x, i) => x - 2 + noise[i]), { seedKey: 'down' });
    expect(down.ciHigh).toBeLessThan(0);
    expect(down.pBetter).toBeLessThan(0.1);
  });

  it('pBetter counts ties as half', () => {
    const c = pairedComparison([0, 0, 0, 0], [1, 0, -1, 2], { seedKey: 'k' });
    expect(c.pBetter).toBe((2 + 0.5) / 4);
    expect(c.baselineMean).toBe(0);
    expect(c.variantMean).toBe(0.5);
    expect(c.meanDiff).toBe(0.5);
  });

  it('the 95 % interval covers the true effect in 90–99 % of replications', () => {
    const reps = 200;
    let covered = 0;
    for (let r = 0; r < reps; r++) {
      const b = normals(`cov-b-${r}`, 60, 20, 5);
      const noise = normals(`cov-d-${r}`, 60, 1.5, 2); // true mean paired difference: 1.5
      const c = pairedComparison(b, b.map((x, i) => x + noise[i]), { seedKey: `cov-${r}` });
      if (c.ciLow <= 1.5 && 1.5 <= c.ciHigh) covered++;
    }
    console.log(`bootstrap coverage: ${covered}/${reps}`);
    expect(covered / reps).toBeGreaterThanOrEqual(0.9);
    expect(covered / reps).toBeLessThanOrEqual(0.99);
  });

  it('level and resamples are honoured', () => {
    const b = normals('lvl-b', 40, 0, 1);
    const v = normals('lvl-v', 40, 0.3, 1);
    const c95 = pairedComparison(b, v, { seedKey: 'k' });
    const c50 = pairedComparison(b, v, { seedKey: 'k', level: 0.5 });
    expect(c50.ciLow).toBeGreaterThan(c95.ciLow);
    expect(c50.ciHigh).toBeLessThan(c95.ciHigh);
    const means = bootstrapMeans(v.map((x, i) => x - b[i]), 100, 'k');
    expect(means.length).toBe(100);
    for (let i = 1; i < means.length; i++) expect(means[i]).toBeGreaterThanOrEqual(means[i - 1]);
    expect(() => pairedComparison(b, v, { seedKey: 'k', resamples: 0 })).toThrow(RangeError);
    expect(() => pairedComparison(b, v, { seedKey: 'k', level: 1 })).toThrow(RangeError);
    expect(() => pairedComparison(b, v.slice(1), { seedKey: 'k' })).toThrow(RangeError);
  });

  it('NaN-safe: any NaN makes every field NaN but n; no pairs → NaN', () => {
    const c = pairedComparison([1, 2, NaN], [1, 2, 3], { seedKey: 'k' });
    expect(c.n).toBe(3);
    for (const k of ['baselineMean', 'variantMean', 'meanDiff', 'ciLow', 'ciHigh', 'pBetter'] as const) expect(c[k]).toBeNaN();
    const e = pairedComparison([], [], { seedKey: 'k' });
    expect(e.n).toBe(0);
    expect(e.meanDiff).toBeNaN();
  });

  it('effect per unit spent', () => {
    expect(effectPerSpend(10, 4)).toBe(2.5);
    expect(effectPerSpend(10, 0)).toBeNaN();
    expect(effectPerSpend(0, 0)).toBeNaN();
    expect(effectPerSpend(10, NaN)).toBeNaN();
    expect(effectPerSpend(-3, -1.5)).toBe(2);
  });
});
