import { describe, expect, it } from 'vitest';
import { demandAt } from '../../../src/engine/demand.ts';
import { market } from '../../../src/engine/processes/market.ts';
import { ROLE } from '../../../src/engine/firms.ts';
import { Stream } from '../../../src/engine/rng.ts';
import type { ScenarioInput } from '../../../src/scenarios/schema.ts';
import { scenarioOf, worldOf } from '../../support/worlds.ts';

const rng = new Stream('test', 'market');

function setup(marketParams: Record<string, unknown> = {}, extra: Partial<ScenarioInput> = {}) {
  const scenario = scenarioOf({
    ticksPerYear: 4,
    segments: { count: 3, demand: { base: 300, peak: 0 }, outsideSupply: 10 },
    regions: [{ name: 'a', wage: 1, landCost: 0.2 }, { name: 'b', wage: 2, landCost: 0 }],
    mechanisms: { market: { priceScale: 1.5, elasticity: 2, fixedCost: 0.4, payout: 0.3, ...marketParams } },
    ...extra,
  });
  const world = worldOf(scenario, [
    { region: 0, segment: 0, capability: 1.2, employees: 10, rd: 0.05, cash: 5 },
    { region: 1, segment: 0, capability: 0.3, employees: 20, rd: 0, cash: -3 },
    { region: 0, segment: 1, capability: 2, employees: 50, rd: 0.1, cash: 0 },
  ], 8);
  return { scenario, world };
}

describe('market', () => {
  it('sets p_s = p0·(D_s/Q_s)^(1/ε), Q_s = Σ capability·employees + outside supply; 0 without supply', () => {
    const { scenario, world } = setup();
    market(world, scenario, rng);
    const { price, supply, demand } = world.segments;
    expect(Array.from(demand)).toEqual([300, 300, 300]);
    expect(supply[0]).toBeCloseTo(1.2 * 10 + 0.3 * 20 + 10, 12);
    expect(supply[1]).toBeCloseTo(2 * 50 + 10, 12);
    expect(supply[2]).toBe(10); // outside supply only
    for (let s = 0; s < 3; s++) expect(price[s]).toBeCloseTo(1.5 * Math.sqrt(300 / supply[s]), 12);
    const { world: empty, scenario: sc } = setup({}, { segments: { count: 2, demand: { base: 100, peak: 0 }, outsideSupply: 0 } });
    empty.firms.count = 0;
    market(empty, sc, rng);
    expect(Array.from(empty.segments.price)).toEqual([0, 0]);
  });

  it('a higher elasticity dampens the price response to D/Q', () => {
    const low = setup({ elasticity: 1 });
    const high = setup({ elasticity: 4 });
    market(low.world, low.scenario, rng);
    market(high.world, high.scenario, rng);
    // Segment 1 is undersupplied (D/Q = 300/110): the price rises above p0 less with the higher elasticity.
    const lowP = low.world.segments.price[1];
    const highP = high.world.segments.price[1];
    expect(lowP).toBeCloseTo(1.5 * (300 / 110), 12);
    expect(highP).toBeCloseTo(1.5 * (300 / 110) ** 0.25, 12);
    expect(highP).toBeGreaterThan(1.5);
    expect(highP).toBeLessThan(lowP);
  });

  it('books revenue, costs (wage, land, R&D, fixed), profit per tick and cash with the payout', () => {
    const { scenario, world } = setup();
    market(world, scenario, rng);
    const { firms, segments } = world;
    const tpy = 4;
    const wageLand = [1.2, 2];
    const cash0 = [5, -3, 0];
    for (let i = 0; i < 3; i++) {
      const rev = (segments.price[firms.segment[i]] * firms.capability[i] * firms.employees[i]) / tpy;
      const cost = (wageLand[firms.region[i]] * firms.employees[i]) / tpy + 0.4 / tpy + firms.rd[i] * rev;
      expect(firms.revenue[i]).toBeCloseTo(rev, 12);
      expect(firms.profit[i]).toBeCloseTo(rev - cost, 12);
      const c = cash0[i] + rev - cost;
      // Positive cash keeps (1 − payout)^(1/T) per tick (a year pays out `payout`); debt is not touched.
      expect(firms.cash[i]).toBeCloseTo(c > 0 ? c * Math.pow(1 - 0.3, 1 / tpy) : c, 12);
    }
    // The cases covered: a profitable firm with positive cash and a loss-making one in debt.
    expect(firms.profit[2]).toBeGreaterThan(0);
    expect(firms.cash[1]).toBeLessThan(-3);
  });

  it('without payout, cash accumulates profit exactly', () => {
    const { scenario, world } = setup({ payout: 0 });
    market(world, scenario, rng);
    expect(world.firms.cash[0]).toBeCloseTo(5 + world.firms.profit[0], 12);
    expect(world.firms.cash[2]).toBeCloseTo(world.firms.profit[2], 12);
  });

  it('moves demand along its life cycle (also when switched off) but then books nothing', () => {
    const curve = { base: 10, peak: 1000, midYear: 5, growth: 0.5, declineYear: 8, declineRate: 0.2 };
    const { scenario, world } = setup({ enabled: false }, { segments: { count: 3, demand: curve } });
    world.tick = 40; // year 10
    market(world, scenario, rng);
    expect(world.segments.demand[0]).toBeCloseTo(demandAt(curve, 10), 12);
    expect(world.segments.demandYearAgo[0]).toBeCloseTo(demandAt(curve, 9), 12);
    expect(Array.from(world.firms.cash.subarray(0, 3))).toEqual([5, -3, 0]);
    expect(Array.from(world.firms.profit.subarray(0, 3))).toEqual([0, 0, 0]);
  });
});

describe('market: leaders buy inputs from their suppliers (supply chains on)', () => {
  /** Leader 0 (region a, province P) and suppliers in a (P), b (P) and c (Q); firm 4 is unmatched. */
  function chain(supplyParams: Record<string, unknown> = {}, leaderEmployees = 100) {
    const scenario = scenarioOf({
      ticksPerYear: 4,
      segments: { count: 3, demand: { base: 300, peak: 0 }, outsideSupply: 10 },
      regions: [{ name: 'a', province: 'P' }, { name: 'b', province: 'P' }, { name: 'c', province: 'Q' }],
      mechanisms: {
        market: { priceScale: 1, elasticity: 2, payout: 0 },
        supply: { enabled: true, inputShare: 0.3, supplierShare: 0.5, ...supplyParams },
      },
    });
    const world = worldOf(scenario, [
      { region: 0, segment: 0, employees: leaderEmployees, cash: 10 },
      { region: 0, segment: 1, employees: 10 },
      { region: 1, segment: 1, employees: 20 },
      { region: 2, segment: 2, employees: 30 },
      { region: 0, segment: 1, employees: 10 },
    ], 8);
    const { firms } = world;
    firms.role[0] = ROLE.leader;
    for (const j of [1, 2, 3]) {
      firms.buyer[j] = 0;
      firms.role[j] = ROLE.supplier;
    }
    return { scenario, world };
  }
  const own = (world: ReturnType<typeof chain>['world'], i: number) =>
    (world.segments.price[world.firms.segment[i]] * world.firms.capability[i] * world.firms.employees[i]) / 4;

  it('budgets inputShare·revenue, buys min(budget, Σ offers) pro rata, books purchases, local and province', () => {
    // Leader with 100 employees: budget 0.3·rev_0 exceeds the offers (0.5·rev_j): offers bind.
    const { scenario, world } = chain();
    market(world, scenario, rng);
    const { firms, supply } = world;
    const rev0 = own(world, 0);
    const offers = [1, 2, 3].map((j) => 0.5 * own(world, j));
    const total = offers.reduce((x, y) => x + y);
    const budget = 0.3 * rev0;
    const bought = Math.min(budget, total);
    expect(firms.revenue[0]).toBeCloseTo(rev0, 12);
    [1, 2, 3].forEach((j, k) => expect(firms.revenue[j]).toBeCloseTo(own(world, j) + (bought * offers[k]) / total, 12));
    expect(firms.revenue[4]).toBeCloseTo(own(world, 4), 12); // unmatched: market revenue only
    expect(supply.purchases[0]).toBeCloseTo(budget, 12);
    expect(supply.local[0]).toBeCloseTo((bought * offers[0]) / total, 12);
    expect(supply.province[0]).toBeCloseTo((bought * (offers[0] + offers[1])) / total, 12);
    expect(Array.from(supply.purchases.subarray(1))).toEqual([0, 0]);
    // The leader's accounts are those of its value added (inputs are paid from its gross output);
    // suppliers' sales are their profit and cash.
    const cost0 = 100 / 4; // wage 1, no land, no R&D, no fixed cost
    expect(firms.profit[0]).toBeCloseTo(rev0 - cost0, 12);
    expect(firms.cash[0]).toBeCloseTo(10 + firms.profit[0], 12);
    expect(firms.profit[1] - firms.profit[4]).toBeCloseTo((bought * offers[0]) / total, 12);
  });

  it('a growing leader pulls its suppliers: their revenue rises with the leader’s until their offers bind', () => {
    const sales = [5, 20, 80, 320].map((e) => {
      const { scenario, world } = chain({}, e);
      market(world, scenario, rng);
      return world.firms.revenue[1] - own(world, 1);
    });
    expect(sales[1]).toBeGreaterThan(sales[0] * 2);
    expect(sales[2]).toBeGreaterThan(sales[1]);
    // At 320 employees the budget exceeds Σ offers: each supplier sells its whole offer.
    const { scenario, world } = chain({}, 320);
    market(world, scenario, rng);
    expect(sales[3]).toBeCloseTo(0.5 * own(world, 1), 12);
  });

  it('books nothing and keeps every firm’s accounts as before when supply chains are off', () => {
    const on = chain();
    const off = chain({ enabled: false });
    market(off.world, off.scenario, rng);
    market(on.world, on.scenario, rng);
    expect(Array.from(off.world.supply.purchases)).toEqual([0, 0, 0]);
    for (let i = 0; i < 5; i++) {
      expect(off.world.firms.revenue[i]).toBe(own(off.world, i));
      const cost = off.world.firms.employees[i] / 4;
      expect(off.world.firms.profit[i]).toBe(own(off.world, i) - cost);
    }
    expect(on.world.firms.revenue[1]).toBeGreaterThan(off.world.firms.revenue[1]);
  });
});

describe('market: differentiated competition', () => {
  /** One segment, firms of equal supply at the given positions; returns each firm's p_i/p_s. */
  function relativePrices(positions: number[], differentiation: Record<string, unknown> = { enabled: true }) {
    const scenario = scenarioOf({
      ticksPerYear: 4,
      segments: { count: 1, demand: { base: 300, peak: 0 } },
      mechanisms: { market: { differentiation: { premium: 1, width: 0.1, bins: 50, ...differentiation } } },
    });
    const world = worldOf(scenario, positions.map(() => ({ segment: 0, capability: 1, employees: 10 })));
    positions.forEach((v, i) => (world.firms.variety[i] = v));
    market(world, scenario, rng);
    const p = world.segments.price[0];
    return positions.map((_, i) => (world.firms.revenue[i] * 4) / (p * 10));
  }

  it('off: every firm sells at p_s exactly, wherever its position', () => {
    expect(relativePrices([0.2, 0.2, 0.7], { enabled: false })).toEqual([1, 1, 1]);
  });

  it('an even spread sells at p_s; p_i = (1 + μ)/(1 + μ·ρ_i)·p_s', () => {
    for (const r of relativePrices([0.01, 0.21, 0.41, 0.61, 0.81].flatMap((v) => [v, v + 0.1]))) expect(r).toBeCloseTo(1, 12);
    // Two firms at one position: ρ = 1/k̄ = 10, p = 2/11 of p_s (Bertrand-like price war).
    for (const r of relativePrices([0.3, 0.3])) expect(r).toBeCloseTo(2 / 11, 12);
  });

  it('two firms far apart earn more than at one position; a third close to one lowers only that one’s price', () => {
    const [a, b] = relativePrices([0.2, 0.7]);
    expect(a).toBeCloseTo(2 / 6, 12); // ρ = 5: each alone in its niche, half of the segment's supply
    expect(b).toBeCloseTo(a, 12);
    expect(a).toBeGreaterThan(2 / 11);
    const [a3, b3, c3] = relativePrices([0.2, 0.7, 0.22]);
    expect(a3).toBeLessThan(a); // the newcomer crowds a's niche
    expect(c3).toBeLessThan(a);
    expect(b3).toBeGreaterThan(b); // b's niche is as empty as before, in a larger segment
  });
});
