import { describe, expect, it } from 'vitest';
import { migration } from '../../../src/engine/processes/migration.ts';
import { Stream } from '../../../src/engine/rng.ts';
import type { ScenarioInput } from '../../../src/scenarios/schema.ts';
import { scenarioOf, worldOf } from '../../support/worlds.ts';

type MigrationInput = NonNullable<NonNullable<ScenarioInput['mechanisms']>['migration']>;
type RegionInput = ScenarioInput['regions'][number];

const rng = new Stream('test', 'migration');

/** Regions with free pools; `employed` is set directly (no firms). */
function setup(params: MigrationInput, regions: RegionInput[], employed: number[] = [], extra: Partial<ScenarioInput> = {}) {
  const scenario = scenarioOf({
    ticksPerYear: 4, regions, mechanisms: { migration: { enabled: true, ...params } }, ...extra,
  });
  const world = worldOf(scenario);
  employed.forEach((e, r) => { world.regions.employed[r] = e; });
  return { scenario, world };
}

const twoRegions = (b: Partial<RegionInput> = {}): RegionInput[] => [
  { name: 'a', labourPool: 1000, x: 0 }, { name: 'b', labourPool: 1000, x: 300, ...b },
];

describe('migration', () => {
  it('moves rate/T·free_a·e^V_ab/(1 + Σ e^V_ac) with V = wage·ln(w_b/w_a) + amenity·Δm + jobs·Δτ − d/δ − barrier·f − cost', () => {
    const regions: RegionInput[] = [
      { name: 'a', labourPool: 1000, wage: 1, amenity: 0, province: 'P' },
      { name: 'b', labourPool: 2000, wage: 1.5, amenity: 1, x: 300, province: 'P' },
      { name: 'c', labourPool: 500, wage: 2, amenity: 0.5, y: 600, province: 'Q' },
    ];
    const params = { rate: 0.2, wage: 2, amenity: 1, jobs: 1, distanceDecayKm: 300, barrier: 3, cost: 2 };
    const { scenario, world } = setup(params, regions, [400, 1800, 100], { barriers: { between: 0.4 } });
    const pool = [1000, 2000, 500];
    const emp = [400, 1800, 100];
    const wage = [1, 1.5, 2];
    const amen = [0, 1, 0.5];
    const dist = (a: number, b: number) => world.distance[a * 3 + b];
    const fr = (a: number, b: number) => (a === 2) !== (b === 2) ? 0.4 : 0;
    const flows = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
    for (let a = 0; a < 3; a++) {
      const v = [0, 1, 2].map((b) => 2 * Math.log(wage[b] / wage[a]) + (amen[b] - amen[a]) + (emp[b] / pool[b] - emp[a] / pool[a]) -
        dist(a, b) / 300 - 3 * fr(a, b) - 2);
      const total = 1 + [0, 1, 2].filter((b) => b !== a).reduce((s, b) => s + Math.exp(v[b]), 0);
      for (let b = 0; b < 3; b++) if (b !== a) flows[a][b] = (0.2 / 4) * (pool[a] - emp[a]) * Math.exp(v[b]) / total;
    }
    const skill0 = Array.from(world.regions.skill);
    migration(world, scenario, rng);
    for (let r = 0; r < 3; r++) {
      const out = flows[r].reduce((s, x) => s + x, 0);
      const inn = flows.reduce((s, row) => s + row[r], 0);
      expect(world.counts.migrantsOut[r]).toBeCloseTo(out, 9);
      expect(world.counts.migrantsIn[r]).toBeCloseTo(inn, 9);
      expect(world.regions.labourPool[r]).toBeCloseTo(pool[r] - out + inn, 9);
      expect(world.regions.employed[r]).toBe(emp[r]); // only the free pool moves
    }
    // Workers are conserved, and flows go up the wage and amenity gradient.
    expect(world.regions.labourPool.reduce((s, x) => s + x, 0)).toBeCloseTo(3500, 9);
    expect(flows[0][1]).toBeGreaterThan(flows[1][0]);
    expect(skill0).toEqual([1, 1, 1]);
  });

  it('flows rise with the wage and amenity gaps and fall with barriers and distance', () => {
    const out = (b: Partial<RegionInput>, params: MigrationInput = {}, between = 0) => {
      const { scenario, world } = setup(params, twoRegions({ province: 'Q', ...b }), [], { barriers: { between } });
      migration(world, scenario, rng);
      return world.counts.migrantsIn[1];
    };
    const base = out({});
    expect(out({ wage: 1.5 })).toBeGreaterThan(base * 2);
    expect(out({ amenity: 1 })).toBeGreaterThan(base * 2);
    expect(out({ wage: 1.5 }, { wage: 0 })).toBeCloseTo(base, 9); // the weight switches the term off
    expect(out({}, {}, 0.5)).toBeLessThan(base / 3); // e^(−3·0.5) ≈ 0.22
    expect(out({ x: 900 })).toBeLessThan(base / 3);
    expect(out({}, { barrier: 0 }, 0.5)).toBeCloseTo(base, 9);
  });

  it('mixes the skill of the destination with the migrants’ (stayers keep theirs)', () => {
    const { scenario, world } = setup({ rate: 1, cost: 0 }, twoRegions({ skill: 2 }), [1000, 0]);
    // a has no free workers: only b → a flows; b's skill stays 2, a's mixes toward 2.
    migration(world, scenario, rng);
    const m = world.counts.migrantsIn[0];
    expect(m).toBeGreaterThan(0);
    expect(world.counts.migrantsIn[1]).toBe(0);
    expect(world.regions.skill[1]).toBe(2);
    expect(world.regions.skill[0]).toBeCloseTo((1000 * 1 + m * 2) / (1000 + m), 12);
  });

  it('changes nothing when switched off or with one region, and draws nothing', () => {
    const off = setup({ enabled: false }, twoRegions({ wage: 3 }));
    migration(off.world, off.scenario, rng);
    expect(Array.from(off.world.regions.labourPool)).toEqual([1000, 1000]);
    const one = setup({}, [{ name: 'a' }]);
    migration(one.world, one.scenario, rng);
    expect(one.world.regions.labourPool[0]).toBe(1e6);
    const stream = new Stream('test', 'probe');
    const on = setup({}, twoRegions({ wage: 3 }));
    migration(on.world, on.scenario, stream);
    expect(stream.uniform()).toBe(new Stream('test', 'probe').uniform());
  });
});
