import { describe, expect, it } from 'vitest';
import { EVENT } from '../../../src/engine/log.ts';
import { market } from '../../../src/engine/processes/market.ts';
import { upgrading } from '../../../src/engine/processes/upgrading.ts';
import { Stream } from '../../../src/engine/rng.ts';
import { addTestFirm, many, scenarioOf, worldOf, type FirmSpec } from '../../support/worlds.ts';
import type { ScenarioInput } from '../../../src/scenarios/schema.ts';

type UpgradingInput = NonNullable<NonNullable<ScenarioInput['mechanisms']>['upgrading']>;

function setup(upgrading: UpgradingInput, firms: FirmSpec[], extra: Partial<ScenarioInput> = {}) {
  const scenario = scenarioOf({ ticksPerYear: 4, segments: { count: 12 }, mechanisms: { upgrading }, ...extra });
  return { scenario, world: worldOf(scenario, firms, 8) };
}

const rng = () => new Stream('t', 'upgrading');

describe('functional upgrading', () => {
  it('a firm moves up one step when its capability relative to its segment passes the threshold, and pays the cost', () => {
    // Segment 0: mean capability 1.5 (firms of capability 1 and 2); threshold of the first step 1.2.
    const { scenario, world } = setup(
      { functional: { enabled: true, reference: 'segment', rate: 1, threshold: [1.2, 1.5, 2], minRd: [0, 0, 0], cost: [2, 3, 4] } },
      [{ capability: 1, cash: 100, employees: 5 }, { capability: 2, cash: 100, employees: 5 }],
    );
    upgrading(world, scenario, rng());
    const { function: fn, cash } = world.firms;
    expect(fn[0]).toBe(0); // 1/1.5 < 1.2
    expect(fn[1]).toBe(1); // 2/1.5 ≥ 1.2
    expect(cash[0]).toBe(100);
    expect(cash[1]).toBe(100 - 2 * 5);
    expect(world.counts.functionalUpgrades[0]).toBe(1);
    // Next tick: the step into brand needs 2/1.5 ≥ 1.5: not yet; one step per tick at most.
    upgrading(world, scenario, rng());
    expect(fn[1]).toBe(1);
  });

  it('by default capability is measured against the world frontier, however the segment ranks', () => {
    // Frontier 2: a firm at 2.1 is eligible for design (θ = 1) although it is the segment's weakest.
    const { scenario, world } = setup(
      { functional: { enabled: true, rate: 1, threshold: [1, 1.3, 1.6], minRd: [0, 0, 0], cost: [0, 0, 0] } },
      [{ capability: 1.9 }, { capability: 2.1 }, { capability: 5 }],
    );
    world.frontier = 2;
    expect(scenario.mechanisms.upgrading.functional.reference).toBe('frontier');
    world.firms.function[2] = 1; // 5/2 ≥ 1.3: on to brand
    upgrading(world, scenario, rng());
    expect(Array.from(world.firms.function.subarray(0, 3))).toEqual([0, 1, 2]);
  });

  it('a firm without the cash or the R&D for the next step stays where it is', () => {
    const { scenario, world } = setup(
      { functional: { enabled: true, reference: 'segment', rate: 1, threshold: [1, 1, 1], minRd: [0.05, 0.05, 0.05], cost: [2, 2, 2] } },
      [
        { capability: 1, cash: 9, employees: 5, rd: 0.1 }, // cash < 2·5
        { capability: 1, cash: 10, employees: 5, rd: 0.01 }, // rd < 0.05
        { capability: 1, cash: 10, employees: 5, rd: 0.05 }, // eligible
      ],
    );
    upgrading(world, scenario, rng());
    expect(Array.from(world.firms.function.subarray(0, 3))).toEqual([0, 0, 1]);
    expect(world.firms.cash[2]).toBe(0);
  });

  it('eligible firms step up with probability 1 − (1 − rate)^(1/T) per tick', () => {
    const n = 8000;
    const { scenario, world } = setup(
      { functional: { enabled: true, reference: 'segment', rate: 0.5, threshold: [1, 1, 1], minRd: [0, 0, 0], cost: [0, 0, 0] } },
      many(n, { capability: 1 }),
    );
    upgrading(world, scenario, rng());
    let up = 0;
    for (let i = 0; i < n; i++) up += world.firms.function[i];
    const p = 1 - Math.pow(0.5, 1 / 4);
    expect(Math.abs(up / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
  });

  it('each step is logged as a functional_upgrade event of the firm', () => {
    const { scenario, world } = setup(
      { functional: { enabled: true, rate: 1, threshold: [1, 1, 1], minRd: [0, 0, 0], cost: [0, 0, 0] } },
      [{ segment: 3, capability: 1.5, employees: 7 }],
    );
    upgrading(world, scenario, rng());
    const { events } = world;
    expect(events.count).toBe(1);
    expect(events.event[0]).toBe(EVENT.functional_upgrade);
    expect([events.tick[0], events.firm[0], events.segment[0], events.capability[0], events.employees[0]]).toEqual([8, 0, 3, 1.5, 7]);
  });

  it('market: a higher function earns its value added per unit and pays its overhead; off, the function is ignored', () => {
    const firms = [{ capability: 1, employees: 10, rd: 0 }, { capability: 1, employees: 10, rd: 0 }];
    const functional = { valueAdded: [1, 1.2, 1.5, 2], overhead: [0, 0.1, 0.2, 0.4] };
    const on = setup({ functional: { enabled: true, ...functional } }, firms);
    on.world.firms.function[1] = 2;
    market(on.world, on.scenario, new Stream('t', 'market'));
    const { revenue, profit } = on.world.firms;
    expect(revenue[1]).toBeCloseTo(revenue[0] * 1.5, 12);
    // profit = revenue − (wage + land)·e/T − overhead·e/T
    expect(profit[1] - profit[0]).toBeCloseTo(revenue[0] * 0.5 - (0.2 * 10) / 4, 12);

    const off = setup({ functional: { enabled: false, ...functional } }, firms);
    off.world.firms.function[1] = 2;
    market(off.world, off.scenario, new Stream('t', 'market'));
    expect(off.world.firms.revenue[1]).toBe(off.world.firms.revenue[0]);
    expect(off.world.firms.profit[1]).toBe(off.world.firms.profit[0]);
  });

  it('initial firms and entrants start at the scenario’s function; off, at assembly', () => {
    const initial = { firms: { initial: [{ region: 'r0', segment: 0, count: 2 }] } };
    const on = setup({ functional: { enabled: true, initial: 2 } }, [], initial);
    const j = addTestFirm(on.world, {});
    expect(Array.from(on.world.firms.function.subarray(0, 3))).toEqual([2, 2, 2]);
    expect(j).toBe(2);
    const off = setup({ functional: { enabled: false, initial: 2 } }, [], initial);
    expect(Array.from(off.world.firms.function.subarray(0, 2))).toEqual([0, 0]);
  });
});

describe('inter-sectoral upgrading', () => {
  const move = { enabled: true, rate: 1000, threshold: 1, relatedWeight: 0, cost: 1, retained: 0.8 };

  it('no move when the ring is one industry', () => {
    const { scenario, world } = setup({ intersectoral: move }, many(50, { segment: 3, capability: 2, cash: 100 }));
    world.segments.price.fill(1);
    world.segments.price[4] = 5;
    const before = rng();
    upgrading(world, scenario, before);
    expect(Array.from(world.firms.segment.subarray(0, 50)).every((s) => s === 3)).toBe(true);
    expect(world.counts.intersectoralUpgrades[0]).toBe(0);
    expect(before.uniform()).toBe(rng().uniform()); // nothing drawn
  });

  it('a capable firm with the cash moves across the border into the better-paid related segment, pays and keeps a share of its capability', () => {
    // Industries 0–3, 4–7, 8–11. Segment 3 borders segment 4; segment 1 is two steps from a border.
    const { scenario, world } = setup({ intersectoral: move }, [
      { segment: 3, capability: 2, cash: 100, employees: 5 }, // moves to 4
      { segment: 3, capability: 1, cash: 100, employees: 5 }, // below the segment mean (1.5): stays
      { segment: 3, capability: 2, cash: 4, employees: 5 }, // cannot pay 1·5: stays
      { segment: 1, capability: 2, cash: 100, employees: 5 }, // too far from a border: stays
    ], { segments: { count: 12, industries: [4, 4, 4] } });
    world.segments.price.fill(1);
    world.segments.price[4] = 1.5;
    upgrading(world, scenario, rng());
    const { segment, capability, cash } = world.firms;
    expect(Array.from(segment.subarray(0, 4))).toEqual([4, 3, 3, 1]);
    expect(capability[0]).toBeCloseTo(1.6, 12);
    expect(cash[0]).toBe(95);
    expect(world.counts.intersectoralUpgrades[0]).toBe(1);
    expect(world.events.event[0]).toBe(EVENT.intersectoral_upgrade);
    expect(world.events.segment[0]).toBe(4);
  });

  it('no move into a related industry that pays less per unit', () => {
    const { scenario, world } = setup({ intersectoral: move }, many(20, { segment: 3, capability: 1, cash: 100 }), {
      segments: { count: 12, industries: [4, 4, 4] },
    });
    world.segments.price.fill(1);
    world.segments.price[4] = 0.9;
    upgrading(world, scenario, rng());
    expect(world.counts.intersectoralUpgrades[0]).toBe(0);
  });

  it('the rate rises with the region’s activity in the target industry (related variety at hand)', () => {
    const n = 4000;
    const moved = (neighbours: number) => {
      const { scenario, world } = setup(
        { intersectoral: { ...move, rate: 0.4, relatedWeight: 4 } },
        [...many(n, { segment: 3, capability: 1, cash: 100, employees: 1 }), ...many(neighbours, { segment: 5, employees: 1 })],
        { segments: { count: 12, industries: [4, 4, 4] } },
      );
      world.segments.price.fill(1);
      world.segments.price[4] = 2;
      upgrading(world, scenario, rng());
      return world.counts.intersectoralUpgrades[0];
    };
    const alone = moved(0); // λ = 0.4: p = 1 − e^{−0.1} ≈ 0.095
    const withNeighbours = moved(n); // share 1/2 in segment 5: λ = 0.4·3, p ≈ 0.26
    expect(Math.abs(alone / n - (1 - Math.exp(-0.1)))).toBeLessThan(0.02);
    expect(Math.abs(withNeighbours / n - (1 - Math.exp(-0.3)))).toBeLessThan(0.03);
  });
});

describe('upgrading', () => {
  it('is deterministic for a seed, and draws nothing when off', () => {
    const firms = many(200, { segment: 3, capability: 1, cash: 100 }).map((f, k) => ({ ...f, capability: 0.5 + (k % 7) / 4 }));
    const both = { functional: { enabled: true }, intersectoral: { enabled: true, rate: 2 } };
    const result = () => {
      const { scenario, world } = setup(both, firms, { segments: { count: 12, industries: [4, 4, 4] } });
      world.segments.price.fill(1);
      world.segments.price[4] = 2;
      for (let t = 0; t < 5; t++) upgrading(world, scenario, streamOf(t));
      return [Array.from(world.firms.function.subarray(0, 200)), Array.from(world.firms.segment.subarray(0, 200))];
    };
    const streamOf = (t: number) => new Stream('seed', `upgrading${t}`);
    const a = result();
    expect(result()).toEqual(a);
    expect(a[0].some((f) => f > 0) && a[1].some((s) => s === 4)).toBe(true);

    const { scenario, world } = setup({}, firms);
    const s = rng();
    upgrading(world, scenario, s);
    expect(s.uniform()).toBe(rng().uniform());
  });
});
