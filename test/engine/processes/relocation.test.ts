import { describe, expect, it } from 'vitest';
import { KIND } from '../../../src/engine/firms.ts';
import { relocation } from '../../../src/engine/processes/relocation.ts';
import { Stream } from '../../../src/engine/rng.ts';
import { eventsCsv } from '../../../src/io/events.ts';
import type { ScenarioInput } from '../../../src/scenarios/schema.ts';
import { many, scenarioOf, worldOf } from '../../support/worlds.ts';

type RelocationInput = NonNullable<NonNullable<ScenarioInput['mechanisms']>['relocation']>;

/** 400 firms in an expensive region a (cost 2); b costs 1 (saving 0.5), c costs 1.8 (saving 0.1). */
function setup(params: RelocationInput, extra: Partial<ScenarioInput> = {}, embeddedness = 0) {
  const scenario = scenarioOf({
    ticksPerYear: 1,
    regions: [
      { name: 'a', wage: 1.5, landCost: 0.5, labourPool: 5000, province: 'P' },
      { name: 'b', wage: 1, labourPool: 5000, province: 'Q', skill: 2 },
      { name: 'c', wage: 1.8, labourPool: 5000, province: 'P' },
    ],
    mechanisms: { relocation: { enabled: true, rate: 1, threshold: 0.2, sunkCost: 0.1, lockIn: 0.5, barrier: 0.5, ...params } },
    ...extra,
  });
  const world = worldOf(scenario, many(400, { region: 0, employees: 5 }), 3);
  world.firms.embeddedness.fill(embeddedness, 0, 400);
  return { scenario, world };
}

const moved = (world: ReturnType<typeof setup>['world']) => {
  const n = [0, 0, 0];
  for (let i = 0; i < world.firms.count; i++) n[world.firms.region[i]]++;
  return n;
};

describe('relocation', () => {
  it('moves a reviewing firm when saving > threshold + sunkCost + lockIn·E + barrier·f, with its workers', () => {
    const { scenario, world } = setup({});
    relocation(world, scenario, new Stream('t', 'relocation'));
    const [stay, toB, toC] = moved(world);
    // Every firm reviews (rate 1, T = 1); half draw b (saving 0.5 > 0.3), half c (0.1 < 0.3).
    expect(toC).toBe(0);
    expect(toB).toBeGreaterThan(160);
    expect(toB).toBeLessThan(240);
    expect(stay + toB).toBe(400);
    const { firms, regions, counts } = world;
    for (let i = 0; i < 400; i++) expect(firms.kind[i]).toBe(firms.region[i] === 1 ? KIND.relocated : KIND.startup);
    expect(counts.relocationsOut[0]).toBe(toB);
    expect(counts.relocationsIn[1]).toBe(toB);
    expect(regions.employed[0]).toBe(5 * stay);
    expect(regions.employed[1]).toBe(5 * toB);
    expect(regions.labourPool[0]).toBe(5000 - 5 * toB);
    expect(regions.labourPool[1]).toBe(5000 + 5 * toB);
    // The movers' workers bring a's skill (1) into b (2).
    expect(regions.skill[1]).toBeCloseTo((5000 * 2 + 5 * toB) / (5000 + 5 * toB), 12);
    const rows = eventsCsv(world).trim().split('\n').slice(1);
    expect(rows).toHaveLength(toB);
    expect(rows[0]).toMatch(/^3,relocation,\d+,,b,0,1\.0,5\.0,$/);
  });

  it('is held back by sunk costs, lock-in (embeddedness) and barriers', () => {
    const count = (params: RelocationInput, extra: Partial<ScenarioInput> = {}, e = 0) => {
      const { scenario, world } = setup(params, extra, e);
      relocation(world, scenario, new Stream('t', 'relocation'));
      return moved(world)[1];
    };
    const free = count({ sunkCost: 0, lockIn: 0 });
    expect(free).toBeGreaterThan(150);
    expect(count({ sunkCost: 0.35 })).toBe(0); // 0.2 + 0.35 > 0.5
    // Lock-in: embedded firms (E = 1) stay; firms with E = 0.2 still go (0.3 + 0.1 < 0.5).
    expect(count({}, {}, 1)).toBe(0);
    expect(count({}, {}, 0.2)).toBe(free);
    // A barrier between provinces P and Q: friction 0.5 adds 0.25 to the hurdle (0.55 > 0.5).
    expect(count({}, { barriers: { between: 0.5 } })).toBe(0);
    expect(count({}, { barriers: { between: 0.3 } })).toBe(free); // 0.3 + 0.15 < 0.5
    // The same draws: the number of movers does not depend on the hurdle once it is passed.
    expect(count({ sunkCost: 0, lockIn: 0 }, {}, 1)).toBe(free);
  });

  it('reviews at tickProbability(rate, T) and does nothing when off or with one region', () => {
    const some = setup({ rate: 0.25 });
    relocation(some.world, some.scenario, new Stream('t', 'relocation'));
    expect(moved(some.world)[1]).toBeGreaterThan(25); // ≈ 400·0.25·0.5 = 50
    expect(moved(some.world)[1]).toBeLessThan(80);
    const off = setup({ enabled: false });
    relocation(off.world, off.scenario, new Stream('t', 'relocation'));
    expect(moved(off.world)).toEqual([400, 0, 0]);
    const scenario = scenarioOf({ regions: [{ name: 'a', wage: 9 }], mechanisms: { relocation: { enabled: true, rate: 1 } } });
    const one = worldOf(scenario, many(10, {}));
    relocation(one, scenario, new Stream('t', 'relocation'));
    expect(one.counts.relocationsOut[0]).toBe(0);
  });
});
