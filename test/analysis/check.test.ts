// Targets against runs: value targets pass when the observed interval overlaps the simulated 90 %
// interval over the seeds; shape targets when the share of seeds reaching the stage is in range.
// Synthetic runs with known series, so every number is known.
import { describe, expect, it } from 'vitest';
import { checkTargetsAgainstRuns, type CheckedRun } from '../../src/analysis/check.ts';
import { targetSchema } from '../../src/scenarios/targets.ts';

/** A run of one region (`r`, then `all`), 11 ticks of one metric `firms`: value k + seed·tick; stage per tick. */
function run(seed: number, stages: number[]): CheckedRun {
  const R = 2;
  const rows = 11 * R;
  const series = new Float64Array(rows);
  const stage = new Uint8Array(rows);
  for (let t = 0; t <= 10; t++) {
    series[t * R] = seed * t;
    series[t * R + 1] = 2 * seed * t;
    stage[t * R] = stages[t] ?? 0;
  }
  return { metrics: ['firms'], regions: ['r', 'all'], rows, ticksPerYear: 1, series, stage };
}
const t = (x: unknown) => targetSchema.parse(x);
// Seeds 1..20: `firms` in r at tick 10 is 10, 20, …, 200.
const runs = Array.from({ length: 20 }, (_, k) => run(k + 1, k < 5 ? [0, 1, 1, 2] : [0, 0]));

describe('checkTargetsAgainstRuns', () => {
  it('of: the metric as a share of its value in another region, over the ticks where that is not 0', () => {
    // r is seed·t, all is 2·seed·t: a share of ½ at every tick but tick 0 (0 of 0, left out).
    const [share] = checkTargetsAgainstRuns([t({ metric: 'firms', region: 'r', of: 'all', window: { from: 0, to: 10 }, value: 0.5, sd: 0.01 })], runs);
    expect(share.target).toBe('firms@r/all');
    expect(share.simulated_mean).toBe(0.5);
    expect(share.simulated_low).toBe(0.5);
    expect(share.passed).toBe(true);
  });

  it('value at a year: the mean and 90 % interval over the seeds; pass when the intervals overlap', () => {
    const [hit, miss, wide] = checkTargetsAgainstRuns([
      t({ metric: 'firms', region: 'r', year: 10, value: 100 }),
      t({ metric: 'firms', region: 'r', year: 10, value: 500, sd: 100 }), // [300, 700] vs ≈ [19.5, 190.5]
      t({ metric: 'firms', region: 'r', year: 10, interval: [195, 400] }),
    ], runs);
    expect(hit.simulated_mean).toBe(105);
    expect(hit.simulated_low).toBeCloseTo(19.5, 10); // type-7 quantile of 10, 20, …, 200
    expect(hit.simulated_high).toBeCloseTo(190.5, 10);
    expect(hit.passed).toBe(true);
    expect([miss.observed_low, miss.observed_high]).toEqual([300, 700]);
    expect(miss.passed).toBe(false); // an unreachable target is reported, never fitted
    expect(wide.passed).toBe(false);
  });

  it('a window averages the ticks; `all` is the last region', () => {
    const [row] = checkTargetsAgainstRuns([t({ metric: 'firms', window: { from: 2, to: 4 }, value: 0 })], [run(1, [])]);
    expect(row.simulated_mean).toBe(2 * 3); // all = 2·seed·t, mean of t = 2, 3, 4
  });

  it('a stage target: the share of seeds that reached the stage by the year', () => {
    const [growth, maturity, late] = checkTargetsAgainstRuns([
      t({ stage: 'growth', region: 'r', share: { min: 0.2, max: 0.3 } }),
      t({ stage: 'maturity', region: 'r', year: 2, share: { min: 0.1 } }),
      t({ stage: 'maturity', region: 'r', year: 3, share: { min: 0.1 } }),
    ], runs);
    expect(growth.simulated_mean).toBe(0.25);
    expect(growth.passed).toBe(true);
    expect(maturity.simulated_mean).toBe(0); // reached at tick 3 only
    expect(maturity.passed).toBe(false);
    expect(late.simulated_mean).toBe(0.25);
    expect(late.passed).toBe(true);
  });
});
