import { describe, expect, it } from 'vitest';
import { growth } from '../../../src/engine/processes/growth.ts';
import { Stream } from '../../../src/engine/rng.ts';
import type { ScenarioInput } from '../../../src/scenarios/schema.ts';
import { many, scenarioOf, worldOf, type FirmSpec } from '../../support/worlds.ts';

type GrowthInput = NonNullable<NonNullable<ScenarioInput['mechanisms']>['growth']>;

function setup(growthParams: GrowthInput, firms: FirmSpec[], regions: ScenarioInput['regions'] = [{ name: 'a' }]) {
  const scenario = scenarioOf({ ticksPerYear: 4, regions, mechanisms: { growth: growthParams } });
  return { scenario, world: worldOf(scenario, firms) };
}

const sum = (a: Float64Array, n: number) => a.subarray(0, n).reduce((x, y) => x + y, 0);

describe('growth', () => {
  it('without noise, e′ = max(e_min, e·exp(g·tanh(π/(e·π̄/T))/T)) — up with profit, down with losses', () => {
    const { scenario, world } = setup({ rate: 0.4, noise: 0, profitScale: 0.5, labourLimit: false, minEmployees: 1 }, [
      { employees: 10, profit: 2 },
      { employees: 10, profit: -1 },
      { employees: 1, profit: -5 },
    ]);
    growth(world, scenario, new Stream('t', 'growth'));
    const e = world.firms.employees;
    expect(e[0]).toBeCloseTo(10 * Math.exp((0.4 / 4) * Math.tanh(2 / (10 * 0.125))), 12);
    expect(e[1]).toBeCloseTo(10 * Math.exp((0.4 / 4) * Math.tanh(-1 / (10 * 0.125))), 12);
    expect(e[2]).toBe(1); // the floor
    expect(world.regions.employed[0]).toBeCloseTo(sum(e, 3), 12);
  });

  it('the labour limit is never exceeded: hiring is scaled to the free pool, shrinking is not', () => {
    const firms = [...many(30, { employees: 30, profit: 100 }), ...many(10, { employees: 5, profit: -100 })];
    const { scenario, world } = setup(
      { rate: 3, noise: 0.3, profitScale: 0.1, labourLimit: true, wageElasticity: 0.5 },
      firms,
      [{ name: 'a', labourPool: 1000 }],
    );
    const rng = new Stream('t', 'growth');
    let bound = 0;
    for (let t = 1; t <= 100; t++) {
      world.tick = t;
      growth(world, scenario, rng);
      const employed = sum(world.firms.employees, world.firms.count);
      expect(employed).toBeLessThanOrEqual(world.regions.labourPool[0] * (1 + 1e-12));
      expect(world.regions.employed[0]).toBeCloseTo(employed, 8);
      if (employed > 0.99 * world.regions.labourPool[0]) bound++;
    }
    expect(bound).toBeGreaterThan(50); // the limit binds, so the check above has teeth
    // Loss makers still shrink to the floor despite the tight market.
    expect(world.firms.employees[35]).toBeLessThan(5);
  });

  it('without the labour limit the same firms overshoot the pool (the limit is what holds them)', () => {
    const { scenario, world } = setup(
      { rate: 3, noise: 0, profitScale: 0.1, labourLimit: false },
      many(30, { employees: 30, profit: 100 }),
      [{ name: 'a', labourPool: 1000 }],
    );
    for (let t = 1; t <= 10; t++) growth(world, scenario, new Stream('t', 'growth'));
    expect(world.regions.employed[0]).toBeGreaterThan(1000);
  });

  it('wages rise with labour-market tightness: w = w̄·(1 + κ·τ^η)', () => {
    const { scenario, world } = setup(
      { enabled: false, wageElasticity: 0.5, wageCurvature: 2 },
      [{ region: 0, employees: 900 }, { region: 1, employees: 100 }],
      [{ name: 'tight', labourPool: 1000, wage: 2 }, { name: 'slack', labourPool: 1000, wage: 2 }],
    );
    growth(world, scenario, new Stream('t', 'growth'));
    const { wage, labourPool } = world.regions;
    expect(wage[0]).toBeGreaterThan(wage[1]);
    expect(wage[0]).toBeCloseTo(2 * (1 + 0.5 * (900 / labourPool[0]) ** 2), 12);
    expect(wage[1]).toBeCloseTo(2 * (1 + 0.5 * (100 / labourPool[1]) ** 2), 12);
    expect(Array.from(world.firms.employees.subarray(0, 2))).toEqual([900, 100]); // disabled: no change
  });

  it('the labour pool grows at its annual rate', () => {
    const { scenario, world } = setup({ enabled: false }, [], [{ name: 'a', labourPool: 1000, labourGrowth: 0.04 }]);
    for (let t = 0; t < 4; t++) growth(world, scenario, new Stream('t', 'growth'));
    expect(world.regions.labourPool[0]).toBeCloseTo(1000 * Math.exp(0.04), 9);
  });

  it('Gibrat noise is independent of size: log growth has the same sd σ/√T for small and large firms', () => {
    const n = 4000;
    const { scenario, world } = setup({ rate: 0, noise: 0.2, labourLimit: false }, [
      ...many(n, { employees: 20 }),
      ...many(n, { employees: 2000 }),
    ]);
    growth(world, scenario, new Stream('t', 'growth'));
    const sdOf = (from: number, e0: number) => {
      const x = Array.from(world.firms.employees.subarray(from, from + n), (e) => Math.log(e / e0));
      const m = x.reduce((a, b) => a + b) / n;
      return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1));
    };
    // Expected 0.2/√4 = 0.1; the sample sd of 4000 draws has sd ≈ 0.1/√8000 ≈ 0.0011.
    expect(Math.abs(sdOf(0, 20) - 0.1)).toBeLessThan(0.005);
    expect(Math.abs(sdOf(n, 2000) - 0.1)).toBeLessThan(0.005);
  });
});
