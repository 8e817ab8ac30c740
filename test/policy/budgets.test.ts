// Budgets and spend: running costs are booked each tick per lever and region, per-lever totals add
// up to policy_spend, and neither the yearly nor the total budget is ever exceeded.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run.ts';
import { valueOf } from '../../src/engine/series.ts';
import type { World } from '../../src/engine/world.ts';
import type { ScenarioInput } from '../../src/scenarios/schema.ts';
import { scenarioOf } from '../support/worlds.ts';

function world(levers: ScenarioInput['levers'], ticks = 60): World {
  const scenario = scenarioOf({
    ticks,
    regions: [{ name: 'a', province: 'p' }, { name: 'b', province: 'q', x: 50 }, { name: 'c', province: 'q', x: 80 }],
    firms: { generate: { count: 60 } },
    levers,
  });
  return run(scenario, { seed: 2 }).world;
}

/** Σ over ticks of policy_spend / T (money) for slot r. */
function spendOf(w: World, r: number): number {
  let sum = 0;
  for (let t = 1; t <= w.tick; t++) sum += valueOf(w.series, 'policy_spend', t, r) / w.ticksPerYear;
  return sum;
}

describe('budgets and spend', () => {
  it('running costs: perYear/T each tick, split over the regions where the lever is on', () => {
    const w = world([{ lever: 'barrierRemoval', regions: ['a', 'b'], budget: { perYear: 8 } }], 20);
    const l = w.policy.levers[0];
    expect(l.spendRun[0]).toBeCloseTo(20 * 1, 12); // 8/4 per tick, half in a
    expect(l.spendRun[1]).toBeCloseTo(20 * 1, 12);
    expect(l.spendRun[2]).toBe(0);
    expect(spendOf(w, 0)).toBeCloseTo(20, 12);
    expect(spendOf(w, 3)).toBeCloseTo(40, 12); // all = Σ regions
  });

  it('per-lever totals equal policy_spend summed; the total budget stops the lever for good', () => {
    const w = world([
      { lever: 'publicPlatform', regions: ['a'], budget: { perYear: 10, total: 25 } },
      { lever: 'openness', regions: 'all', budget: { perYear: 6, total: 100 } },
    ]);
    const [platform, openness] = w.policy.levers;
    expect(platform.spentTotal).toBe(25);
    expect(platform.exhausted).toBe(true);
    expect(openness.spentTotal).toBeCloseTo(Math.min(100, (60 / 4) * 6), 9);
    const R = w.regions.count;
    let levers = 0;
    for (const l of w.policy.levers) for (let r = 0; r < R; r++) levers += l.spendRun[r];
    expect(spendOf(w, R)).toBeCloseTo(levers, 9);
    for (let r = 0; r < R; r++) {
      expect(spendOf(w, r)).toBeCloseTo(w.policy.levers.reduce((s, l) => s + l.spendRun[r], 0), 9);
    }
    // The platform paid 2.5 a tick for ticks 1..10, then went off (logged once).
    const log = w.policy.log;
    const platformTicks = [];
    for (let i = 0; i < log.count; i++) if (log.lever[i] === 0 && log.active[i]) platformTicks.push(log.tick[i]);
    expect(platformTicks).toEqual(Array.from({ length: 10 }, (_, k) => k + 1));
    let offs = 0;
    for (let i = 0; i < w.events.count; i++) if (w.events.lever[i] === 0 && w.events.event[i] === 7) offs++;
    expect(offs).toBe(1);
  });

  it('no budget year ever spends more than perYear, and no lever more than its total', () => {
    // perYear 5 but a window of 1.5 years: each budget year pays at most 5 (4 ticks × 1.25).
    const w = world([{ lever: 'openness', regions: ['a', 'c'], when: { from: 2, to: 3.5 }, budget: { perYear: 5, total: 7 } }]);
    const l = w.policy.levers[0];
    const T = w.ticksPerYear;
    const byYear = new Map<number, number>();
    const log = w.policy.log;
    for (let i = 0; i < log.count; i++) {
      const y = Math.floor((log.tick[i] - 1) / T);
      byYear.set(y, (byYear.get(y) ?? 0) + log.spend[i]);
    }
    for (const spent of byYear.values()) expect(spent).toBeLessThanOrEqual(5 + 1e-12);
    expect(l.spentTotal).toBeLessThanOrEqual(7);
    expect(l.spentTotal).toBeCloseTo(7, 12); // year 2 pays 5, year 3 the last 2 of the total
  });
});
