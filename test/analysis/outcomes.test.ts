import { describe, expect, it } from 'vitest';
import { finalStageOf, OUTCOME_NAMES, outcomesOf } from '../../src/analysis/outcomes.ts';
import { run } from '../../src/engine/run.ts';
import { valueOf } from '../../src/engine/series.ts';
import { loadScenario } from '../../src/scenarios/load.ts';

describe('outcomes of a run', () => {
  const { world } = run(loadScenario('default').scenario, { seed: 3, ticks: 80 });
  const outcomes = outcomesOf(world);
  const R = world.series.regions;

  it('lists every outcome, in the order of OUTCOME_NAMES', () => {
    expect(Object.keys(outcomes)).toEqual([...OUTCOME_NAMES]);
    for (const v of Object.values(outcomes)) expect(Number.isFinite(v)).toBe(true);
  });

  it('final values are the last row of `all`; totals sum the per-tick counts', () => {
    expect(outcomes.final_firms).toBe(valueOf(world.series, 'firms', 80, R));
    let spinoffs = 0;
    for (let t = 1; t <= 80; t++) spinoffs += valueOf(world.series, 'spinoffs', t, R);
    expect(outcomes.total_spinoffs).toBe(spinoffs);
    expect(outcomes.total_spinoffs).toBeGreaterThan(0);
  });

  it('firm accounting closes: initial + entries + spin-offs − exits = final', () => {
    const initial = valueOf(world.series, 'firms', 0, R);
    expect(initial + outcomes.total_entries + outcomes.total_spinoffs + outcomes.total_academic_spinoffs - outcomes.total_exits)
      .toBe(outcomes.final_firms);
  });

  it('years in the stages add up to the run (ticks 0..T)', () => {
    const years = ['formation', 'growth', 'maturity', 'decline', 'renewal'].reduce((s, k) => s + outcomes[`years_${k}`], 0);
    expect(years).toBeCloseTo(81 / 4, 12);
    expect(finalStageOf(world)).toMatch(/formation|growth|maturity|decline|renewal/);
  });
});
