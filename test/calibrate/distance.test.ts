// The standardised distance: points by their sd, intervals flat inside, shares of seeds, NaN → ∞.
import { describe, expect, it } from 'vitest';
import { distance, targetScales, targetStatistics } from '../../src/calibrate/distance.ts';
import type { Target } from '../../src/scenarios/targets.ts';

const target = (t: Partial<Target>): Target => ({ region: 'all', weight: 1, ...t }) as Target;

describe('distance', () => {
  const targets = [
    target({ metric: 'firms', year: 1, value: 10, sd: 2 }),
    target({ metric: 'firms', year: 1, interval: [0.36, 1] }), // "more than 36 %"
    target({ stage: 'decline', share: { min: 0.5, max: 1 } }),
    target({ metric: 'firms', year: 1, value: 100 }), // scale from the prior sample
  ];
  const prior = [Float64Array.of(0, 0, 0, 90), Float64Array.of(0, 0, 0, 100), Float64Array.of(0, 0, 0, 110), Float64Array.of(0, 0, 0, 130)];
  const scales = targetScales(targets, prior);

  it('scales: sd, interval/4, share, 1.4826·MAD of the prior sample', () => {
    expect(scales.map((s) => s.from)).toEqual(['sd', 'interval', 'share', 'prior']);
    expect(scales[1].scale).toBeCloseTo(0.16, 12);
    expect(scales[2].scale).toBe(0.125);
    expect(scales[3].scale).toBeCloseTo(1.4826 * 10, 10); // median 105, |deviations| 15, 5, 5, 25 → MAD 10
  });

  it('every value inside an interval fits equally; outside, the distance to the nearer end counts', () => {
    const only = (j: number) => targets.map((t, k) => ({ ...t, weight: k === j ? 1 : 0 }));
    const at = (j: number, x: number) => { const s = new Float64Array(4); s[j] = x; return distance(s, scales, only(j)); };
    expect(at(1, 0.4)).toBe(0);
    expect(at(1, 0.99)).toBe(0);
    expect(at(1, 0.2)).toBeCloseTo(1, 12); // 0.16 below the lower end = one scale
    expect(at(0, 14)).toBeCloseTo(2, 12);
    expect(at(2, 0.5)).toBe(0);
    expect(at(2, 0.25)).toBeCloseTo(2, 12);
  });

  it('weights: the root of the weighted mean of squares; NaN puts the point at ∞', () => {
    const stats = Float64Array.of(12, 0.5, 1, 100); // z = 1, 0, 0, 0
    expect(distance(stats, scales, targets)).toBeCloseTo(Math.sqrt(1 / 4), 12);
    expect(distance(Float64Array.of(12, NaN, 1, 100), scales, targets)).toBe(Infinity);
  });

  it('statistics: the mean over the seeds that produced the metric', () => {
    // Two seeds × two targets, seed-major; the second seed lacks target 1.
    expect(Array.from(targetStatistics(targets.slice(0, 2), Float64Array.of(1, 2, 3, NaN), 2))).toEqual([2, 2]);
  });
});
