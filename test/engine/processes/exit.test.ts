import { describe, expect, it } from 'vitest';
import { EVENT } from '../../../src/engine/log.ts';
import { exit } from '../../../src/engine/processes/exit.ts';
import { Stream } from '../../../src/engine/rng.ts';
import type { ScenarioInput } from '../../../src/scenarios/schema.ts';
import { many, scenarioOf, worldOf, type FirmSpec } from '../../support/worlds.ts';

type ExitInput = NonNullable<NonNullable<ScenarioInput['mechanisms']>['exit']>;

function setup(params: ExitInput, firms: FirmSpec[], tick = 1) {
  const scenario = scenarioOf({ ticksPerYear: 4, regions: [{ name: 'a' }, { name: 'b' }], mechanisms: { exit: params } });
  return { scenario, world: worldOf(scenario, firms, tick) };
}

const ids = (world: ReturnType<typeof setup>['world']) => Array.from(world.firms.id.subarray(0, world.firms.count));

describe('exit: cash floor and grace period', () => {
  it('a firm leaves once its cash has stayed below −floor for longer than the grace period', () => {
    const { scenario, world } = setup({ cashFloor: 10, graceYears: 1, hazard: 0 }, [
      { cash: -20 }, // in distress from the first tick
      { cash: -5 }, // above the floor: never
      { cash: -10 }, // exactly at the floor: not below it
    ]);
    const rng = new Stream('t', 'exit');
    for (let t = 1; t <= 4; t++) {
      world.tick = t;
      exit(world, scenario, rng);
      expect(ids(world)).toEqual([0, 1, 2]); // distress 1..4 ≤ grace (4 ticks)
    }
    world.tick = 5;
    exit(world, scenario, rng);
    expect(ids(world)).toEqual([1, 2]);
  });

  it('recovering resets the distress count', () => {
    const { scenario, world } = setup({ cashFloor: 10, graceYears: 0.5, hazard: 0 }, [{ cash: -20 }]);
    const rng = new Stream('t', 'exit');
    exit(world, scenario, rng);
    exit(world, scenario, rng); // distress 2 = grace
    world.firms.cash[0] = 0;
    exit(world, scenario, rng); // back to 0
    world.firms.cash[0] = -20;
    exit(world, scenario, rng);
    exit(world, scenario, rng);
    expect(world.firms.count).toBe(1);
    exit(world, scenario, rng);
    expect(world.firms.count).toBe(0);
  });

  it('the floor grows with size: cash < −(floor + floorPerEmployee·e)', () => {
    const { scenario, world } = setup({ cashFloor: 2, cashFloorPerEmployee: 1, graceYears: 0, hazard: 0 }, [
      { cash: -10, employees: 5 }, // floor −7: leaves
      { cash: -10, employees: 20 }, // floor −22: stays
    ]);
    exit(world, scenario, new Stream('t', 'exit'));
    expect(ids(world)).toEqual([1]);
  });

  it('leavers are removed in order, their workers return to the pool, events and ledger record them', () => {
    const firms: FirmSpec[] = [
      { region: 0, cash: 0, employees: 3 },
      { region: 1, cash: -50, employees: 7, capability: 1.3, segment: 2, birth: 0 },
      { region: 0, cash: 0, employees: 4 },
      { region: 0, cash: -50, employees: 11, parent: 0 },
      { region: 1, cash: 0, employees: 2 },
    ];
    const { scenario, world } = setup({ cashFloor: 10, graceYears: 0, hazard: 0 }, firms, 9);
    exit(world, scenario, new Stream('t', 'exit'));
    expect(ids(world)).toEqual([0, 2, 4]);
    expect(Array.from(world.firms.employees.subarray(0, 3))).toEqual([3, 4, 2]);
    expect(Array.from(world.regions.employed)).toEqual([7, 2]);
    expect(Array.from(world.counts.exits)).toEqual([1, 1]);
    const e = world.events;
    expect(e.count).toBe(2);
    expect(Array.from(e.event.subarray(0, 2))).toEqual([EVENT.exit, EVENT.exit]);
    expect(Array.from(e.firm.subarray(0, 2))).toEqual([1, 3]);
    expect(Array.from(e.parent.subarray(0, 2))).toEqual([-1, 0]);
    const l = world.ledger;
    expect(l.count).toBe(2);
    expect(Array.from(l.id.subarray(0, 2))).toEqual([1, 3]);
    expect(Array.from(l.death.subarray(0, 2))).toEqual([9, 9]);
    expect(l.capability[0]).toBe(1.3);
    expect(l.segment[0]).toBe(2);
    expect(l.employees[1]).toBe(11);
  });
});

describe('exit: hazard (liability of newness)', () => {
  it('the hazard h·exp(−age/scale)·(c̄/c)^β per year falls with age and capability', () => {
    const n = 6000;
    const tick = 100;
    // Ages 1 year and 10 years (T = 4), capability 1 (= c̄ over all firms).
    const { scenario, world } = setup({ cashFloor: 1e9, hazard: 0.5, hazardAgeScale: 5, hazardCapabilityElasticity: 1 }, [
      ...many(n, { birth: tick - 4 }),
      ...many(n, { birth: tick - 40 }),
    ], tick);
    exit(world, scenario, new Stream('t', 'exit'));
    let young = 0;
    let old = 0;
    for (let i = 0; i < world.firms.count; i++) (world.firms.id[i] < n ? young++ : old++);
    const perTick = (annual: number) => 1 - Math.pow(1 - annual, 1 / 4);
    const pYoung = perTick(0.5 * Math.exp(-1 / 5));
    const pOld = perTick(0.5 * Math.exp(-10 / 5));
    const exitYoung = 1 - young / n;
    const exitOld = 1 - old / n;
    expect(exitYoung).toBeGreaterThan(exitOld);
    expect(Math.abs(exitYoung - pYoung)).toBeLessThan(4 * Math.sqrt((pYoung * (1 - pYoung)) / n));
    expect(Math.abs(exitOld - pOld)).toBeLessThan(4 * Math.sqrt((pOld * (1 - pOld)) / n));
  });

  it('weak firms leave more often than strong ones, and newborns are spared', () => {
    const n = 6000;
    const tick = 20;
    const { scenario, world } = setup({ cashFloor: 1e9, hazard: 0.8, hazardAgeScale: 100, hazardCapabilityElasticity: 1 }, [
      ...many(n, { capability: 0.5, birth: 0 }),
      ...many(n, { capability: 1.5, birth: 0 }),
      ...many(100, { capability: 0.01, birth: tick }), // born this tick
    ], tick);
    exit(world, scenario, new Stream('t', 'exit'));
    let weak = 0;
    let strong = 0;
    let newborn = 0;
    for (let i = 0; i < world.firms.count; i++) {
      const id = world.firms.id[i];
      if (id < n) weak++;
      else if (id < 2 * n) strong++;
      else newborn++;
    }
    expect(newborn).toBe(100);
    expect(n - weak).toBeGreaterThan(2 * (n - strong));
  });

  it('does nothing when switched off', () => {
    const { scenario, world } = setup({ enabled: false }, [{ cash: -1e6 }]);
    exit(world, scenario, new Stream('t', 'exit'));
    expect(world.firms.count).toBe(1);
  });
});
