import { describe, expect, it } from 'vitest';
import { mean, quantile, sd, sortedCopy, summarise } from '../../src/analysis/stats.ts';

describe('stats', () => {
  it('mean and sd (n − 1), with the small-n conventions', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(mean(xs)).toBe(5.5);
    expect(sd(xs)).toBeCloseTo(3.0276503540974917, 14);
    expect(sd([4])).toBe(0);
    expect(sd([])).toBe(0);
    expect(mean([])).toBeNaN();
    expect(sd([2, 2, 2])).toBe(0);
    expect(mean([1, NaN])).toBeNaN();
  });

  it('quantile is type 7 (R default, numpy linear)', () => {
    const s = [1, 2, 3, 4];
    // numpy.quantile([1,2,3,4], [0, .05, .5, .95, 1]) = [1, 1.15, 2.5, 3.85, 4]
    expect(quantile(s, 0)).toBe(1);
    expect(quantile(s, 0.05)).toBeCloseTo(1.15, 14);
    expect(quantile(s, 0.5)).toBe(2.5);
    expect(quantile(s, 0.95)).toBeCloseTo(3.85, 14);
    expect(quantile(s, 1)).toBe(4);
    expect(quantile([7], 0.3)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
    expect(quantile(s, 1.5)).toBeNaN();
    // R: quantile(c(0.1, 0.1, 0.1, 5), 0.5) — equal neighbours give the value exactly.
    expect(quantile([0.1, 0.1, 0.1, 5], 0.5)).toBe(0.1);
  });

  it('sortedCopy sorts numerically (not as strings) and leaves the input alone', () => {
    const xs = [10, 9, 100, -1, 2];
    expect([...sortedCopy(xs)]).toEqual([-1, 2, 9, 10, 100]);
    expect(xs).toEqual([10, 9, 100, -1, 2]);
  });

  it('summarise: five numbers, independent of input order, NaN-poisoned', () => {
    const xs = Array.from({ length: 101 }, (_, i) => (i * 37) % 101 / 10 + 0.1); // 0.1..10.1, shuffled
    const s = summarise(xs);
    expect(s.p50).toBeCloseTo(5.1, 12);
    expect(s.p05).toBeCloseTo(0.6, 12);
    expect(s.p95).toBeCloseTo(9.6, 12);
    expect(s.mean).toBeCloseTo(5.1, 12);
    const reversed = summarise([...xs].reverse());
    const sorted = summarise([...xs].sort((a, b) => a - b));
    for (const k of ['mean', 'sd', 'p05', 'p50', 'p95'] as const) {
      expect(Object.is(reversed[k], s[k])).toBe(true);
      expect(Object.is(sorted[k], s[k])).toBe(true);
    }
    expect(summarise([3])).toEqual({ mean: 3, sd: 0, p05: 3, p50: 3, p95: 3 });
    const bad = summarise([1, NaN, 2]);
    expect(Object.values(bad).every(Number.isNaN)).toBe(true);
    expect(Object.values(summarise([])).every(Number.isNaN)).toBe(true);
  });
});
