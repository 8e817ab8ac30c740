import { describe, expect, it } from 'vitest';
import { finalStageOf, OUTCOME_NAMES, outcomesOf, regionOutcomesOf } from '../../src/analysis/outcomes.ts';
import { run } from '../../src/engine/run.ts';
import { effectPerSpend, policySpendDiff, spendDiff } from '../../src/analysis/compare.ts';
import { STAGES, valueOf, rowOf } from '../../src/engine/series.ts';
import { scenarioSchema } from '../../src/scenarios/schema.ts';
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
    let process = 0;
    for (let t = 1; t <= 80; t++) process += valueOf(world.series, 'process_innovations', t, R);
    expect(outcomes.total_process_innovations).toBe(process);
    expect(outcomes.total_process_innovations).toBeGreaterThan(0);
    expect(outcomes.total_functional_upgrades).toBe(0); // off in `default`
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

describe('years_to_decline and total_policy_spend', () => {
  it('years_to_decline is the first tick of `all` in decline / T (default, seed 3, 200 ticks: the 50-year life cycle)', () => {
    const { world } = run(loadScenario('default').scenario, { seed: 3 });
    const o = outcomesOf(world);
    const s = world.series;
    const R = s.regions;
    let first = -1;
    for (let t = 0; t < s.recorded && first < 0; t++) if (STAGES[s.stage[rowOf(s, t, R)]] === 'decline') first = t;
    expect(first).toBeGreaterThan(0);
    expect(o.years_to_decline).toBe(first / 4);
    // The default cluster's demand declines from year 32: its decline is declared in the 30s.
    expect(o.years_to_decline).toBeGreaterThan(25);
    expect(o.years_to_decline).toBeLessThan(40);
    expect(o.total_policy_spend).toBe(0); // no levers
  });

  it('a run that never declines gets its whole length (censored at the horizon)', () => {
    // 80 ticks of the default: still growing at year 20.
    const { world } = run(loadScenario('default').scenario, { seed: 3, ticks: 80 });
    expect(world.series.stage.includes(STAGES.indexOf('decline'))).toBe(false);
    expect(outcomesOf(world).years_to_decline).toBe(20);
  });

  it('total_policy_spend = Σ_{t≥1} policy_spend/T: a running-cost lever of 12 a year for years 1–3 spends 24', () => {
    const scenario = scenarioSchema.parse({
      name: 'spend', ticks: 24, ticksPerYear: 4, regions: [{ name: 'a' }], firms: { generate: { count: 5 } },
      levers: [{ lever: 'publicPlatform', when: { from: 1, to: 3 }, budget: { perYear: 12 } }],
    });
    const { world: w } = run(scenario, { seed: 1 });
    let annual = 0;
    for (let t = 1; t <= 24; t++) annual += valueOf(w.series, 'policy_spend', t, 1);
    expect(annual).toBeCloseTo(8 * 12, 9); // 8 ticks at 3/tick, annualised ×4
    expect(outcomesOf(w).total_policy_spend).toBeCloseTo(24, 12);
  });

  it('spendDiff: mean variant spend − mean baseline spend; effect per spend divides by it', () => {
    const b = [0, 0];
    const v = [90, 110];
    expect(spendDiff(b, v)).toBe(100);
    expect(spendDiff(v, b)).toBe(-100);
    expect(spendDiff([], [])).toBe(0);
    expect(spendDiff([], v)).toBe(0);
    expect(effectPerSpend(50, spendDiff(b, v))).toBe(0.5);
    expect(effectPerSpend(50, spendDiff(b, b))).toBeNaN();
    // From outcome records: a record stored before the outcome existed counts 0.
    expect(policySpendDiff(b.map((x) => ({ total_policy_spend: x })), v.map((x) => ({ total_policy_spend: x })))).toBe(100);
    expect(policySpendDiff([{}], [{}])).toBe(0);
  });
});

describe('outcomes of each region', () => {
  const { world } = run(loadScenario('stage-policy').scenario, { seed: 2, ticks: 120 });
  const R = world.series.regions;
  const regions = regionOutcomesOf(world);
  const all = outcomesOf(world);

  it('one set per region, from its own rows; additive outcomes sum to the whole system', () => {
    expect(regions.outcomes).toHaveLength(R);
    for (const name of ['final_firms', 'total_entries', 'total_exits', 'total_spinoffs', 'total_innovations', 'total_policy_spend']) {
      const sum = regions.outcomes.reduce((a, o) => a + o[name], 0);
      expect(sum, name).toBeCloseTo(all[name], 6);
    }
    regions.outcomes.forEach((o, r) => expect(o.final_employment).toBe(valueOf(world.series, 'employment', 120, r)));
  });

  it("a region's stages and years_to_decline are its own", () => {
    regions.finalStages.forEach((stage, r) => expect(stage).toBe(finalStageOf(world, r)));
    const decline = STAGES.indexOf('decline');
    regions.outcomes.forEach((o, r) => {
      let first = 120;
      for (let t = 0; t <= 120; t++) if (world.series.stage[rowOf(world.series, t, r)] === decline) { first = t; break; }
      expect(o.years_to_decline).toBe(first / world.ticksPerYear);
    });
  });
});
