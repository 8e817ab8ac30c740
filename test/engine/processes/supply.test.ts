import { describe, expect, it } from 'vitest';
import { ROLE } from '../../../src/engine/firms.ts';
import { supply } from '../../../src/engine/processes/supply.ts';
import { Stream } from '../../../src/engine/rng.ts';
import type { World } from '../../../src/engine/world.ts';
import type { ScenarioInput } from '../../../src/scenarios/schema.ts';
import { scenarioOf, worldOf, type FirmSpec } from '../../support/worlds.ts';

type SupplyInput = NonNullable<NonNullable<ScenarioInput['mechanisms']>['supply']>;

function setup(supplyParams: SupplyInput, firms: FirmSpec[], extra: Partial<ScenarioInput> = {}, tick = 1) {
  const scenario = scenarioOf({
    ticksPerYear: 4,
    segments: { count: 12 },
    regions: [
      { name: 'a', province: 'P', x: 0 }, { name: 'b', province: 'P', x: 100 }, { name: 'c', province: 'Q', x: 100 },
    ],
    mechanisms: { supply: { enabled: true, ...supplyParams } },
    ...extra,
  });
  return { scenario, world: worldOf(scenario, firms, tick) };
}

const roles = (world: World) => Array.from(world.firms.role.subarray(0, world.firms.count));
const buyers = (world: World) => Array.from(world.firms.buyer.subarray(0, world.firms.count));

describe('supply: leaders', () => {
  it('at tick 1 makes the top perSegment firms of each segment (employees ≥ minEmployees) leaders; anchors always', () => {
    const firms: FirmSpec[] = [
      { segment: 0, employees: 60 }, { segment: 0, employees: 200 }, { segment: 0, employees: 100 },
      { segment: 3, employees: 40 }, // below minEmployees
      { segment: 5, employees: 10 }, // an anchor, however small
      { segment: 5, employees: 80 }, { segment: 5, employees: 80 }, // a tie: the lower index wins
    ];
    const { scenario, world } = setup({ matchRate: 0, leaders: { perSegment: 2, minEmployees: 50 } }, firms);
    world.firms.anchor[4] = 1;
    supply(world, scenario, new Stream('t', 'supply'));
    expect(roles(world)).toEqual([0, 1, 1, 0, 1, 1, 1]);
    const one = setup({ matchRate: 0, leaders: { perSegment: 1, minEmployees: 50 } }, firms);
    one.world.firms.anchor[4] = 1;
    supply(one.world, one.scenario, new Stream('t', 'supply'));
    expect(roles(one.world)).toEqual([0, 1, 0, 0, 1, 1, 0]); // anchors are on top of perSegment
  });

  it('re-ranks every reviewYears·T ticks only; a leader that drops out loses its suppliers', () => {
    const firms: FirmSpec[] = [{ segment: 0, employees: 100 }, { segment: 0, employees: 60 }, { segment: 1, employees: 5 }];
    const { scenario, world } = setup({ matchRate: 0, breakRate: 0, leaders: { reviewYears: 1 } }, firms);
    const rng = new Stream('t', 'supply');
    supply(world, scenario, rng);
    expect(roles(world)).toEqual([1, 0, 0]);
    world.firms.buyer[2] = 0;
    world.firms.role[2] = ROLE.supplier;
    world.firms.employees[1] = 500; // firm 1 overtakes firm 0
    for (world.tick = 2; world.tick < 4; world.tick++) supply(world, scenario, rng);
    expect(roles(world)).toEqual([1, 0, 2]); // no review before tick 4 (reviewYears·T)
    world.tick = 4;
    supply(world, scenario, rng);
    expect(roles(world)).toEqual([0, 1, 0]);
    expect(buyers(world)).toEqual([-1, -1, -1]);
  });
});

describe('supply: matching', () => {
  it('only firms at ring distance 1..reach from a leader match, with the capability screen', () => {
    const firms: FirmSpec[] = [{ segment: 0, employees: 100 }];
    for (const s of [0, 1, 2, 3, 11, 10, 6]) firms.push({ segment: s, employees: 5 });
    const { scenario, world } = setup({ matchRate: 1e6, reach: 2, capability: 0 }, firms);
    supply(world, scenario, new Stream('t', 'supply'));
    expect(buyers(world)).toEqual([-1, -1, 0, 0, -1, 0, 0, -1]);
    expect(roles(world)).toEqual([1, 0, 2, 2, 0, 2, 2, 0]);
    expect(world.firms.supplySince[2]).toBe(1);
  });

  it('the leader accepts with probability min(1, (c_j/c̄)^capability): weak firms rarely, strong ones always', () => {
    const firms: FirmSpec[] = [{ segment: 0, employees: 100, capability: 1 }];
    for (let k = 0; k < 400; k++) firms.push({ segment: 1, capability: k % 2 ? 0.5 : 1.5 });
    const { scenario, world } = setup({ matchRate: 1e6, capability: 2 }, firms);
    supply(world, scenario, new Stream('t', 'supply'));
    // c̄ ≈ 1: strong firms (1.5) always accepted; weak ones (0.5) with probability ≈ (0.5/c̄)² ≈ 0.25.
    let strong = 0;
    let weak = 0;
    for (let j = 1; j <= 400; j++) {
      if (world.firms.buyer[j] !== 0) continue;
      if (j % 2) strong++; // firm j is firms[k = j − 1]: odd j, even k, capability 1.5
      else weak++;
    }
    expect(strong).toBe(200);
    expect(weak / 200).toBeGreaterThan(0.15);
    expect(weak / 200).toBeLessThan(0.35);
  });

  it('prefers a leader in its own region, then its province; the barrier keeps it out of other provinces', () => {
    // Leaders in segment 0 in each region; 600 suppliers in region b (province P) choose among a (P), b, c (Q).
    const firms: FirmSpec[] = [0, 1, 2].map((region) => ({ region, segment: 0, employees: 100 }));
    for (let k = 0; k < 600; k++) firms.push({ region: 1, segment: 1 });
    const share = (params: SupplyInput, barrier: number) => {
      const { scenario, world } = setup({ matchRate: 1e6, capability: 0, leaders: { perSegment: 3 }, ...params }, firms,
        { barriers: { between: barrier } });
      supply(world, scenario, new Stream('t', 'supply'));
      const n = [0, 0, 0];
      for (let j = 3; j < world.firms.count; j++) n[world.firms.buyer[j]]++;
      return n.map((x) => x / 600);
    };
    // Logit with Gumbel noise: P(b) ∝ exp(local + province), P(a) ∝ exp(province − 100/δ), P(c) ∝ exp(−100/δ − barrier·f).
    const base = { local: 1, province: 0.5, distanceDecayKm: 300, barrier: 3 };
    const logit = (u: number[]) => u.map((x) => Math.exp(x) / u.reduce((s, y) => s + Math.exp(y), 0));
    const open = share(base, 0);
    const expectedOpen = logit([0.5 - 1 / 3, 1.5, -1 / 3]);
    open.forEach((p, k) => expect(p).toBeCloseTo(expectedOpen[k], 1));
    const closed = share(base, 0.5);
    const expectedClosed = logit([0.5 - 1 / 3, 1.5, -1 / 3 - 1.5]);
    closed.forEach((p, k) => expect(p).toBeCloseTo(expectedClosed[k], 1));
    expect(closed[2]).toBeLessThan(open[2] / 2);
    // Coordination adds to the local and province weights: more stay in region b and province P.
    const coordinated = share({ ...base, coordination: 1 }, 0.5);
    expect(coordinated[1]).toBeGreaterThan(closed[1] + 0.1);
    expect(coordinated[2]).toBeLessThan(closed[2]);
  });

  it('larger leaders draw more suppliers: + leaderSize·ln(e_ℓ/ē)', () => {
    // Two leaders in region a (segments 0 and 2, sizes 100 and 400), 600 suppliers at segment 1.
    const firms: FirmSpec[] = [{ segment: 0, employees: 100 }, { segment: 2, employees: 400 }];
    for (let k = 0; k < 600; k++) firms.push({ segment: 1 });
    const share = (leaderSize: number) => {
      const { scenario, world } = setup({ matchRate: 1e6, capability: 0, leaderSize, leaders: { perSegment: 1 } }, firms);
      supply(world, scenario, new Stream('t', 'supply'));
      let large = 0;
      for (let j = 2; j < world.firms.count; j++) if (world.firms.buyer[j] === 1) large++;
      return large / 600;
    };
    expect(share(0)).toBeCloseTo(0.5, 1);
    // P(large) = 4^s / (1 + 4^s): 0.8 for s = 1, 0.94 for s = 2.
    expect(share(1)).toBeCloseTo(0.8, 1);
    expect(share(2)).toBeCloseTo(16 / 17, 1);
  });
});

describe('supply: breaks', () => {
  it('ends ties at 1 − exp(−breakRate·(1 + barrier·f)/T): more across a province border', () => {
    const firms: FirmSpec[] = [{ region: 0, segment: 0, employees: 100 }];
    for (let k = 0; k < 2000; k++) firms.push({ region: k % 2 ? 1 : 2, segment: 1 });
    const { scenario, world } = setup({ matchRate: 0, breakRate: 0.4, barrier: 2, leaders: { reviewYears: 100 } }, firms,
      { barriers: { between: 0.5 } }, 2);
    world.firms.role[0] = ROLE.leader;
    for (let j = 1; j <= 2000; j++) {
      world.firms.buyer[j] = 0;
      world.firms.role[j] = ROLE.supplier;
    }
    supply(world, scenario, new Stream('t', 'supply'));
    let within = 0;
    let across = 0;
    for (let j = 1; j <= 2000; j++) {
      if (world.firms.buyer[j] >= 0) continue;
      if (j % 2) across++; // odd j = even k: region c, province Q
      else within++;
      expect(world.firms.role[j]).toBe(ROLE.independent);
    }
    const p = (rate: number) => 1 - Math.exp(-rate / 4);
    expect(Math.abs(within / 1000 - p(0.4))).toBeLessThan(0.03); // 0.095
    expect(Math.abs(across / 1000 - p(0.4 * 2))).toBeLessThan(0.03); // 0.181
    expect(across).toBeGreaterThan(within * 1.5);
  });

  it('does nothing when switched off', () => {
    const { scenario, world } = setup({ enabled: false }, [{ segment: 0, employees: 100 }, { segment: 1 }]);
    supply(world, scenario, new Stream('t', 'supply'));
    expect(roles(world)).toEqual([0, 0]);
    expect(buyers(world)).toEqual([-1, -1]);
  });
});

describe('supply: matching rate', () => {
  it('attempts at 1 − exp(−matchRate/T) per tick: a rate per year, so 2 and 8 differ', () => {
    const matched = (matchRate: number) => {
      const firms: FirmSpec[] = [{ segment: 0, employees: 100 }];
      for (let k = 0; k < 2000; k++) firms.push({ segment: 1 });
      const { scenario, world } = setup({ matchRate, capability: 0 }, firms);
      supply(world, scenario, new Stream('t', 'supply'));
      return buyers(world).filter((b) => b === 0).length / 2000;
    };
    expect(Math.abs(matched(2) - (1 - Math.exp(-0.5)))).toBeLessThan(0.03); // 0.39
    expect(Math.abs(matched(8) - (1 - Math.exp(-2)))).toBeLessThan(0.03); // 0.86
  });
});
