import { describe, expect, it } from 'vitest';
import { observe } from '../../../src/engine/processes/observe.ts';
import { Stream } from '../../../src/engine/rng.ts';
import { STAGES, valueOf } from '../../../src/engine/series.ts';
import { createWorld, type World } from '../../../src/engine/world.ts';
import { scenarioSchema, type Scenario } from '../../../src/scenarios/schema.ts';

const rng = new Stream('1', 'observe');

function setup(ticks = 80): { world: World; scenario: Scenario } {
  const scenario = scenarioSchema.parse({
    ticks,
    segments: { count: 6 },
    regions: [{ name: 'a' }, { name: 'b' }],
    firms: { initial: [{ region: 'a', segment: 0, count: 2, employees: 10 }, { region: 'b', segment: 3, employees: 4 }] },
  });
  return { world: createWorld(scenario, new Stream('1', 'init')), scenario };
}

describe('observe', () => {
  it('records tick 0, advances series.recorded and resets the per-tick counts', () => {
    const { world, scenario } = setup();
    world.counts.entries[0] = 3;
    world.counts.exits[1] = 2;
    observe(world, scenario, rng);
    const { series } = world;
    expect(series.recorded).toBe(1);
    expect(valueOf(series, 'firms', 0, 0)).toBe(2);
    expect(valueOf(series, 'employment', 0, 2)).toBe(24);
    expect(valueOf(series, 'entries', 0, 2)).toBe(3);
    expect(valueOf(series, 'exits', 0, 1)).toBe(2);
    for (const c of Object.values(world.counts)) expect(Array.from(c)).toEqual([0, 0]);
    expect(Array.from(series.stage.subarray(0, 3))).toEqual([0, 0, 0]);
  });

  it('throws on a tick beyond the series capacity or out of order', () => {
    const { world, scenario } = setup(2);
    observe(world, scenario, rng);
    expect(() => observe(world, scenario, rng)).toThrow(/out of order/);
    world.tick = 3;
    expect(() => observe(world, scenario, rng)).toThrow(/beyond the series capacity/);
  });

  it('classifies the stage per region and for all from the recorded employment', () => {
    const { world, scenario } = setup(80);
    const { firms } = world;
    observe(world, scenario, rng);
    // Region a grows 20 % a year for 10 years, then shrinks 10 % a year; region b stays flat.
    for (let t = 1; t <= 80; t++) {
      world.tick = t;
      const rate = t <= 40 ? Math.pow(1.2, 1 / 4) : Math.pow(0.9, 1 / 4);
      for (let i = 0; i < firms.count; i++) if (firms.region[i] === 0) firms.employees[i] *= rate;
      observe(world, scenario, rng);
    }
    const { series } = world;
    const stageAt = (t: number, k: number) => STAGES[series.stage[t * 3 + k]];
    expect(series.recorded).toBe(81);
    expect(stageAt(11, 0)).toBe('formation'); // window (12 ticks) not yet filled
    expect(stageAt(30, 0)).toBe('growth');
    expect(stageAt(30, 1)).toBe('formation');
    expect(stageAt(30, 2)).toBe('growth');
    expect(stageAt(80, 0)).toBe('decline');
    expect(stageAt(80, 1)).toBe('formation');
    expect(stageAt(80, 2)).toBe('decline');
  });
});
