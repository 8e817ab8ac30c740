import { describe, expect, it } from 'vitest';
import { membership } from '../../../src/engine/processes/membership.ts';
import { networking } from '../../../src/engine/processes/networking.ts';
import { Stream } from '../../../src/engine/rng.ts';
import { computeMetrics, METRIC, METRICS } from '../../../src/engine/metrics.ts';
import type { World } from '../../../src/engine/world.ts';
import type { ScenarioInput } from '../../../src/scenarios/schema.ts';
import { many, scenarioOf, worldOf, type FirmSpec } from '../../support/worlds.ts';

type OrgInput = NonNullable<ScenarioInput['promotionOrgs']>[number];

/** One region, 12 segments, four ticks a year; a choice organisation starting at tick 0. */
function setup(org: Partial<OrgInput>, firms: FirmSpec[], research = 0) {
  const scenario = scenarioOf({
    ticksPerYear: 4,
    segments: { count: 12 },
    regions: [{ name: 'a' }, { name: 'b' }],
    researchOrgs: Array.from({ length: research }, () => ({ region: 'a' })),
    mechanisms: { networking: { enabled: true, formationRate: 0 } },
    promotionOrgs: [{ name: 'club', regions: ['a'], membership: 'choice', ...org }],
  });
  return { scenario, world: worldOf(scenario, firms, 0) };
}

/** Runs the membership step for `years` years from the world's tick; returns members per year. */
function runYears(world: World, years: number, seed = 't'): number[] {
  const rng = new Stream(seed, 'networking');
  const out: number[] = [];
  for (let t = 0; t < years * world.ticksPerYear; t++) {
    membership(world, rng);
    if ((t + 1) % world.ticksPerYear === 0) out.push(membersOf(world));
    world.tick++;
  }
  return out;
}

/** Members of organisation 0 counted from the firms and research organisations themselves. */
function membersOf(world: World): number {
  let m = 0;
  for (let i = 0; i < world.firms.count; i++) if (world.firms.promo[i] === 0) m++;
  for (const k of world.promotion.researchPromo) if (k === 0) m++;
  return m;
}

const smes = (n: number) => many(n, { region: 0, employees: 5, cash: 100 });

describe('membership by choice', () => {
  it('founders: the largest firms of its regions join at the start, none before; no draws before the start', () => {
    const firms = [...smes(5), { region: 0, employees: 80, cash: 100 }, { region: 0, employees: 60, cash: 100 }, { region: 1, employees: 500 }];
    const { world } = setup({ founders: 2, startYear: 1, joinRate: 0 }, firms);
    const rng = new Stream('t', 'networking');
    world.tick = 3;
    membership(world, rng);
    expect(Array.from(world.firms.promo.subarray(0, 8))).toEqual(Array(8).fill(-1));
    expect(rng.uniform()).toBe(new Stream('t', 'networking').uniform());
    world.tick = 4;
    membership(world, rng);
    expect(Array.from(world.firms.promo.subarray(0, 8))).toEqual([-1, -1, -1, -1, -1, 0, 0, -1]); // not the one of region b
    expect(world.promotion.members[0]).toBe(2);
  });

  it('grows from its founders (the club good grows with the members), and more with no fee than with a high fee', () => {
    const firms = [...many(10, { region: 0, employees: 60, cash: 100 }), ...smes(190)];
    const members = (fee: number) => {
      const { world } = setup({ founders: 20, feeSme: fee, feeLarge: 5 * fee, budgetPerYear: 0, joinRate: 0.5 }, firms);
      return runYears(world, 10);
    };
    const free = members(0);
    const dear = members(0.05);
    expect(free[0]).toBeGreaterThan(20);
    expect(free[9]).toBeGreaterThan(100); // 20 → most of the 200 firms
    expect(free[9]).toBeGreaterThan(free[1]);
    expect(dear[9]).toBeLessThan(free[9] / 2);
  });

  it('a richer organisation (public money → services) gets more members', () => {
    const members = (budgetPerYear: number) => {
      const { world } = setup({ founders: 5, budgetPerYear, joinRate: 0.5, feeSme: 0.03 }, smes(150));
      return runYears(world, 6)[5];
    };
    const poor = members(0);
    const rich = members(3);
    expect(rich).toBeGreaterThan(poor + 20);
  });

  it('with the same net benefit for all, the SME share of members is the SME share of the firms', () => {
    const firms = [...many(40, { region: 0, employees: 80, cash: 100 }), ...smes(160)];
    const { world } = setup({ feeSme: 0, feeLarge: 0, tieValue: 0, spilloverValue: 0, budgetPerYear: 1, joinRate: 0.5, leaveRate: 0.5 }, firms);
    runYears(world, 10);
    let sme = 0;
    let all = 0;
    for (let i = 0; i < world.firms.count; i++) {
      if (world.firms.promo[i] !== 0) continue;
      all++;
      if (world.firms.employees[i] < 50) sme++;
    }
    expect(all).toBeGreaterThan(100);
    expect(sme / all).toBeGreaterThan(0.8 - 0.06);
    expect(sme / all).toBeLessThan(0.8 + 0.06);
  });

  it('an organisation with no services and a high fee loses its members', () => {
    const { world } = setup({ feeSme: 0.2, serviceValue: 0, tieValue: 0, spilloverValue: 0, joinRate: 0.5 }, smes(100));
    world.firms.promo.fill(0, 0, 100);
    const members = runYears(world, 8);
    expect(members[0]).toBeLessThan(100);
    expect(members[7]).toBeLessThan(10);
  });

  it('members pay the fee from cash; the budget is fees plus public money while it flows', () => {
    const { world } = setup(
      { feeSme: 0.4, feeLarge: 2, budgetPerYear: 10, publicYears: 1, joinRate: 0, leaveRate: 0, largeEmployees: 50 },
      [...smes(3), { region: 0, employees: 50, cash: 100 }],
    );
    world.firms.promo.fill(0, 0, 4);
    runYears(world, 1);
    expect(world.promotion.budget[0]).toBeCloseTo(3 * 0.4 + 2 + 10, 12); // last tick of year 0: public money
    expect(world.firms.cash[0]).toBeCloseTo(100 - 0.4, 12);
    expect(world.firms.cash[3]).toBeCloseTo(100 - 2, 12);
    runYears(world, 1);
    expect(world.promotion.budget[0]).toBeCloseTo(3 * 0.4 + 2, 12);
  });

  it('research organisations join too (members of type research)', () => {
    const { world } = setup({ founders: 30, joinRate: 1, budgetPerYear: 5 }, smes(30), 4);
    runYears(world, 5);
    expect(Array.from(world.promotion.researchPromo)).toEqual([0, 0, 0, 0]);
    expect(membersOf(world)).toBeGreaterThanOrEqual(34);
  });

  it('composition metrics add up to members; the SME share follows from the sizes of the members', () => {
    const firms = [...many(6, { region: 0, employees: 80 }), ...smes(14), ...many(5, { region: 0, segment: 11, employees: 5 })];
    const { world } = setup({ segments: [0, 1, 2], largeEmployees: 50 }, firms, 2);
    world.firms.promo.fill(0, 0, 25);
    world.promotion.researchPromo[1] = 0;
    world.promotion.budget[0] = 7;
    const out = METRICS.map(() => new Float64Array(3));
    computeMetrics(world, out, 0);
    const all = (name: keyof typeof METRIC) => out[METRIC[name]][2];
    expect([all('members_large'), all('members_sme'), all('members_research'), all('members_other')]).toEqual([6, 14, 1, 5]);
    expect(all('members')).toBe(26);
    expect(all('member_sme_share')).toBeCloseTo(14 / 20, 12);
    expect(all('promotion_budget')).toBe(7);
    expect(out[METRIC.members][0]).toBe(26); // region a
    expect(out[METRIC.members][1]).toBe(0);
  });

  it('under quota the choice keys change nothing (same members, same draws)', () => {
    const run = (org: Partial<OrgInput>) => {
      const { scenario, world } = setup({ membership: 'quota', budgetPerYear: 5, ...org }, smes(20));
      const rng = new Stream('q', 'networking');
      for (let t = 0; t < 8; t++, world.tick++) networking(world, scenario, rng);
      return { promo: Array.from(world.firms.promo.subarray(0, 20)), next: rng.uniform() };
    };
    expect(run({ feeSme: 5, founders: 3, tieValue: 9 })).toEqual(run({}));
  });
});
