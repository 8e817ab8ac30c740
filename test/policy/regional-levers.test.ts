// Regional and network levers: each lever against the same seeds with and
// without it (paired), in a four-region, three-province world with networking, supply chains,
// migration and relocation on; plus each lever's spend against its cost rule and budget.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run.ts';
import { valueOf } from '../../src/engine/series.ts';
import { KIND, ROLE } from '../../src/engine/firms.ts';
import type { World } from '../../src/engine/world.ts';
import { growth } from '../../src/engine/processes/growth.ts';
import { policy } from '../../src/engine/processes/policy.ts';
import { incentiveOffered, payIncentive, raceIncentive } from '../../src/engine/policy/incentives.ts';
import { Stream } from '../../src/engine/rng.ts';
import { scenarioSchema, type Scenario, type ScenarioInput } from '../../src/scenarios/schema.ts';
import { worldOf } from '../support/worlds.ts';

type Levers = NonNullable<ScenarioInput['levers']>;
const T = 4;
const TICKS = 60;
const SEEDS = [1, 2, 3];

/** Four regions in three provinces (as test/scenarios/provinces.ts), networks on, 3 branch leaders in j1. */
function scenario(levers: Levers = [], mechanisms: ScenarioInput['mechanisms'] = {}): Scenario {
  return scenarioSchema.parse({
    ticks: TICKS,
    ticksPerYear: T,
    segments: { count: 12, demand: { base: 3000, peak: 0 } },
    regions: [
      { name: 'core', province: 'SH', x: 0, y: 0, wage: 1.3, landCost: 0.4, amenity: 1, labourPool: 20000, openness: 0.1 },
      { name: 'j1', province: 'JS', x: -150, y: 50, wage: 1, landCost: 0.2, labourPool: 20000, openness: 0.1 },
      { name: 'j2', province: 'JS', x: -300, y: 50, wage: 0.9, landCost: 0.1, labourPool: 20000, openness: 0.1 },
      { name: 'z1', province: 'ZJ', x: -100, y: -150, wage: 1, landCost: 0.2, labourPool: 20000, openness: 0.1 },
    ],
    barriers: { between: 0.6 },
    firms: {
      initial: [0, 4, 8].map((segment) => ({ region: 'j1', segment, kind: 'branch', role: 'leader', employees: 150, capability: 1.5 })),
      generate: { count: 200, employees: { min: 10, max: 120 }, capability: { min: 0.6, max: 1.4 }, cash: 5 },
    },
    mechanisms: {
      market: { elasticity: 1.5 },
      entry: { rate: 2, branches: { rate: 1 } },
      exit: { cashFloor: 2, cashFloorPerEmployee: 0.2, graceYears: 1, hazard: 0.02 },
      networking: { enabled: true },
      supply: { enabled: true },
      migration: { enabled: true },
      relocation: { enabled: true },
      ...mechanisms,
    },
    levers,
  });
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Runs with `each(world)` after every tick; returns the world. */
function runWith(s: Scenario, seed: number, each?: (w: World) => void): World {
  return run(s, { seed, onTick: each }).world;
}

/** Σ over ticks of a series value of region r (or all regions with r = -1). */
function seriesSum(w: World, metric: string, r: number): number {
  let total = 0;
  for (let t = 1; t <= w.tick; t++) {
    if (r >= 0) total += valueOf(w.series, metric, t, r);
    else for (let q = 0; q < w.regions.count; q++) total += valueOf(w.series, metric, t, q);
  }
  return total;
}

/** Every recorded series value and the events, for identity checks. */
const valuesOf = (w: World) => [w.series.values.map((v) => Array.from(v)), Array.from(w.events.tick.subarray(0, w.events.count))];

/** Total spend of the levers (Σ over levers and regions). */
const spendOf = (w: World) => sum(w.policy.levers.map((l) => sum(Array.from(l.spendRun))));

/** Paired comparison over SEEDS: the measure without and with the levers. */
function paired(levers: Levers, measure: (w: World) => number, each?: (w: World, acc: number[]) => void, mech: ScenarioInput['mechanisms'] = {}) {
  const off: number[] = [];
  const on: number[] = [];
  for (const seed of SEEDS) {
    for (const [list, out] of [[[], off], [levers, on]] as const) {
      const acc = [0];
      const w = runWith(scenario(list as Levers, mech), seed, each ? (x) => each(x, acc) : undefined);
      out.push(measure(w) + acc[0]);
    }
  }
  return { off: sum(off), on: sum(on), offs: off, ons: on };
}

describe('barrierRemoval', () => {
  it('lowers friction (kept base, restored when off), raises cross-province ties and migration; spend = perYear per year', () => {
    const levers: Levers = [{ lever: 'barrierRemoval', regions: ['core'], intensity: 0.75, budget: { perYear: 8 } }];
    let crossTies = 0;
    const counter = (w: World, acc: number[]) => {
      const { ties, firms, regions } = w;
      for (let t = 0; t < ties.count; t++) {
        const b = ties.b[t];
        if (b >= 0 && regions.province[firms.region[ties.a[t]]] !== regions.province[firms.region[b]]) acc[0]++;
      }
    };
    const ties = paired(levers, () => 0, counter);
    const migrants = paired(levers, (w) => seriesSum(w, 'migrants_in', -1));
    crossTies = ties.on - ties.off;
    expect(crossTies).toBeGreaterThan(0);
    expect(migrants.on).toBeGreaterThan(migrants.off);
    // Friction: core–j1 base 0.6 → 0.6·(1 − 0.75) while on; j1–z1 (neither end has it) unchanged.
    const s = scenario([{ ...levers[0], when: { to: 5 } }]);
    const seen: number[][] = [];
    const w = runWith(s, 1, (x) => { if (x.tick === 19 || x.tick === 21) seen.push([x.friction[0 * 4 + 1], x.friction[1 * 4 + 3], x.friction[1 * 4 + 0]]); });
    expect(seen[0][0]).toBeCloseTo(0.15, 12);
    expect(seen[0][1]).toBe(0.6);
    expect(seen[0][2]).toBeCloseTo(0.15, 12); // symmetric
    expect(seen[1]).toEqual([0.6, 0.6, 0.6]); // restored exactly after year 5
    expect(Array.from(w.friction)).toEqual(Array.from(runWith(scenario(), 1).friction));
    // Running cost: 8/T per tick over 20 ticks.
    expect(spendOf(w)).toBeCloseTo(8 * 5, 9);
    console.log(`barrierRemoval: cross-province tie-ticks ${ties.off} → ${ties.on}, migrants ${migrants.off.toFixed(0)} → ${migrants.on.toFixed(0)}`);
  });
});

describe('openness', () => {
  it('sets openness to min(1, base + x) while on (base after), raises capability and non-local ties of the region', () => {
    const levers: Levers = [{ lever: 'openness', regions: ['z1'], intensity: 0.6, budget: { perYear: 4 } }];
    const z1 = 3;
    const nonLocal = (w: World, acc: number[]) => {
      const { ties, firms } = w;
      for (let t = 0; t < ties.count; t++) {
        const a = ties.a[t];
        const b = ties.b[t];
        if (firms.region[a] === z1 && b >= 0 && firms.region[b] !== z1) acc[0]++;
      }
    };
    const learn: ScenarioInput['mechanisms'] = { learning: { frontier: 0.3, frontierLevel: 2 } };
    const ties = paired(levers, () => 0, nonLocal, learn);
    const capability = paired(levers, (w) => seriesSum(w, 'capability_mean', z1), undefined, learn);
    expect(ties.on).toBeGreaterThan(ties.off);
    expect(capability.on).toBeGreaterThan(capability.off);
    const seen: number[] = [];
    const w = runWith(scenario([{ ...levers[0], when: { to: 2 } }]), 1, (x) => { if (x.tick === 8 || x.tick === 9) seen.push(x.regions.openness[z1], x.regions.openness[0]); });
    expect(seen).toEqual([0.7, 0.1, 0.1, 0.1]);
    expect(spendOf(w)).toBeCloseTo(8, 9);
    console.log(`openness: z1 non-local tie-ticks ${ties.off} → ${ties.on}; Σ capability_mean ${capability.off.toFixed(2)} → ${capability.on.toFixed(2)}`);
  });
});

describe('promotionOrganisation', () => {
  it('raises ties formed and trust; members within ⌊perYear/cost⌋ places; spend = members·cost/T', () => {
    const levers: Levers = [{ lever: 'promotionOrganisation', regions: ['j2'], intensity: 2, params: { joinRate: 1, costPerMember: 0.5 }, budget: { perYear: 15 } }];
    const j2 = 2;
    const formed = paired(levers, (w) => seriesSum(w, 'ties_formed', j2));
    const trust = paired(levers, (w) => seriesSum(w, 'mean_trust', j2));
    expect(formed.on).toBeGreaterThan(formed.off);
    expect(trust.on).toBeGreaterThan(trust.off);
    // Spend per tick = members at the start of the tick × 0.5 / T; members ≤ 30 places, only from j2.
    let members = 0;
    let expected = 0;
    const w = runWith(scenario(levers), 1, (x) => {
      expected += (members * 0.5) / T;
      const k = x.promotion.count - 1;
      members = 0;
      for (let i = 0; i < x.firms.count; i++) if (x.firms.promo[i] === k) members++;
      expect(members).toBeLessThanOrEqual(30);
    });
    // Members recounted at the start of a tick miss the firms that exited at the end of the previous one.
    const paid = spendOf(w);
    expect(paid).toBeGreaterThan(0.9 * expected);
    expect(paid).toBeLessThanOrEqual(expected + 1e-9);
    expect(paid).toBeLessThanOrEqual(15 * (TICKS / T));
    const k = w.promotion.count - 1;
    for (let i = 0; i < w.firms.count; i++) if (w.firms.promo[i] === k && w.firms.kind[i] !== KIND.relocated) expect(w.firms.region[i]).toBe(j2);
    console.log(`promotionOrganisation: j2 ties formed ${formed.off} → ${formed.on}; Σ mean_trust ${trust.off.toFixed(2)} → ${trust.on.toFixed(2)}; spend ${paid.toFixed(2)} (members·cost/T ${expected.toFixed(2)})`);
  });

  it('rule choice: members join by their benefit (no places); spend = perYear a year; only from the lever’s regions', () => {
    const levers: Levers = [{ lever: 'promotionOrganisation', regions: ['j2'], rule: 'choice', params: { joinRate: 1 }, budget: { perYear: 2 } }];
    const w = runWith(scenario(levers), 1);
    const k = w.promotion.count - 1;
    expect(w.promotion.choice[k]).toBe(1);
    let members = 0;
    for (let i = 0; i < w.firms.count; i++) {
      if (w.firms.promo[i] !== k) continue;
      members++;
      if (w.firms.kind[i] !== KIND.relocated) expect(w.firms.region[i]).toBe(2);
    }
    expect(members).toBeGreaterThan(0);
    expect(spendOf(w)).toBeCloseTo(2 * (TICKS / T), 6);
  });

  it('off: the organisation takes nobody and boosts nothing; a never-firing lever leaves the run identical', () => {
    const never: Levers = [{ lever: 'promotionOrganisation', regions: ['j2'], when: { from: 100 }, params: { joinRate: 1 } }];
    const a = runWith(scenario(never), 2);
    const b = runWith(scenario(), 2);
    expect(valuesOf(a)).toEqual(valuesOf(b));
    expect(Array.from(a.firms.promo.subarray(0, a.firms.count)).every((k) => k === -1)).toBe(true);
  });
});

describe('chainLeader', () => {
  it('raises the province supply ratio of suppliers in the region; spend = ties of its leaders·costPerTie/T', () => {
    const levers: Levers = [{ lever: 'chainLeader', regions: ['j1', 'j2'], intensity: 2 }];
    // Supply ties of suppliers in JS (tie-ticks): to leaders outside the province, and all.
    const weak: ScenarioInput['mechanisms'] = { supply: { enabled: true, barrier: 0.5 } };
    const out = (w: World, acc: number[]) => {
      const { firms, regions } = w;
      for (let j = 0; j < firms.count; j++) {
        const l = firms.buyer[j];
        if (l >= 0 && regions.province[firms.region[j]] === 1 && regions.province[firms.region[l]] !== 1) acc[0]++;
      }
    };
    const all = (w: World, acc: number[]) => {
      const { firms, regions } = w;
      for (let j = 0; j < firms.count; j++) if (firms.buyer[j] >= 0 && regions.province[firms.region[j]] === 1) acc[0]++;
    };
    const outside = paired(levers, () => 0, out, weak);
    const total = paired(levers, () => 0, all, weak);
    const shareOff = 1 - outside.off / total.off;
    const shareOn = 1 - outside.on / total.on;
    expect(shareOn).toBeGreaterThan(shareOff);
    const ratio = paired(levers, (w) => seriesSum(w, 'province_supply_ratio', 1) + seriesSum(w, 'province_supply_ratio', 2), undefined, weak);
    // Spend: at the start of tick t, (supply ties of leaders in j1, j2 at the end of t − 1)·0.1/T.
    let expected = 0;
    let tiesNow = 0;
    const w = runWith(scenario(levers), 1, (x) => {
      expected += (tiesNow * 0.1) / T;
      tiesNow = 0;
      for (let j = 0; j < x.firms.count; j++) {
        const l = x.firms.buyer[j];
        if (l >= 0 && (x.firms.region[l] === 1 || x.firms.region[l] === 2)) tiesNow++;
      }
    });
    expect(spendOf(w)).toBeCloseTo(expected, 9);
    console.log(`chainLeader: JS suppliers' in-province share ${shareOff.toFixed(4)} → ${shareOn.toFixed(4)} (out-of-province tie-ticks ${outside.off} → ${outside.on}); Σ province_supply_ratio j1+j2 ${ratio.off.toFixed(2)} → ${ratio.on.toFixed(2)}; spend ${expected.toFixed(2)}`);
  });

  it('a budget that cannot pay scales the bonus with the paid share (none: no effect)', () => {
    const broke: Levers = [{ lever: 'chainLeader', regions: ['j1', 'j2'], intensity: 2, budget: { total: 0 } }];
    expect(valuesOf(runWith(scenario(broke), 3))).toEqual(valuesOf(runWith(scenario(), 3)));
  });
});

describe('talentProgram', () => {
  it('growth: pool grows by an extra x/T, paid at costPerWorker per worker, clipped by the budget', () => {
    const s = scenarioSchema.parse({
      ticksPerYear: T,
      regions: [{ name: 'a', labourPool: 1000, labourGrowth: 0 }, { name: 'b', labourPool: 1000, labourGrowth: 0 }],
      levers: [{ lever: 'talentProgram', regions: ['a'], intensity: 0.4, params: { costPerWorker: 0.5 }, budget: { perYear: 12 } }],
    });
    const w = worldOf(s, [], 0);
    w.tick = 1;
    policy(w, s, new Stream('t', 'policy'));
    growth(w, s, new Stream('t', 'growth'));
    const added = 1000 * (Math.exp(0.1) - 1); // 105.17 workers
    expect(w.regions.labourPool[0]).toBeCloseTo(1000 + 12 / 0.5, 9); // the budget (12) pays 24 workers only
    expect(w.regions.labourPool[1]).toBe(1000);
    expect(sum(Array.from(w.policy.levers[0].spendRun))).toBe(12);
    expect(added * 0.5).toBeGreaterThan(12);
    w.policy.levers[0].perYear = Infinity;
    w.tick = 2;
    policy(w, s, new Stream('t', 'policy'));
    const before = w.regions.labourPool[0];
    growth(w, s, new Stream('t', 'growth'));
    expect(w.regions.labourPool[0]).toBeCloseTo(before * Math.exp(0.1), 9);
    expect(w.policy.levers[0].spend[0]).toBeCloseTo(before * (Math.exp(0.1) - 1) * 0.5, 9);
  });

  it('raises the pool and in-migration of the region (amenity in migration)', () => {
    const levers: Levers = [{ lever: 'talentProgram', regions: ['j2'], intensity: 0.05, params: { amenity: 1 } }];
    const j2 = 2;
    const pool = paired(levers, (w) => w.regions.labourPool[j2]);
    const inflow = paired(levers, (w) => seriesSum(w, 'migrants_in', j2));
    expect(pool.on).toBeGreaterThan(pool.off);
    expect(inflow.on).toBeGreaterThan(inflow.off);
    console.log(`talentProgram: j2 pool ${pool.off.toFixed(0)} → ${pool.on.toFixed(0)}; in-migrants ${inflow.off.toFixed(0)} → ${inflow.on.toFixed(0)}`);
  });
});

describe('localiseBranches', () => {
  it('raises branches\' local ties and local supply; spend = branches·costPerBranch/T', () => {
    const levers: Levers = [{ lever: 'localiseBranches', regions: ['j1'], intensity: 2 }];
    const j1 = 1;
    const branchLocal = (w: World, acc: number[]) => {
      const { ties, firms } = w;
      for (let t = 0; t < ties.count; t++) {
        const a = ties.a[t];
        const b = ties.b[t];
        if (b < 0 || firms.region[a] !== j1 || firms.region[b] !== j1) continue;
        if (firms.kind[a] === KIND.branch || firms.kind[b] === KIND.branch) acc[0]++;
      }
    };
    const localSupply = (w: World, acc: number[]) => {
      const { firms } = w;
      for (let j = 0; j < firms.count; j++) {
        const l = firms.buyer[j];
        if (l >= 0 && firms.kind[l] === KIND.branch && firms.region[l] === j1 && firms.region[j] === j1 && firms.role[l] === ROLE.leader) acc[0]++;
      }
    };
    const ties = paired(levers, () => 0, branchLocal);
    const supply = paired(levers, () => 0, localSupply);
    expect(ties.on).toBeGreaterThan(ties.off);
    expect(supply.on).toBeGreaterThan(supply.off);
    let expected = 0;
    let branches = 3; // the initial branch leaders
    const w = runWith(scenario(levers), 1, (x) => {
      expected += (branches * 1) / T;
      branches = 0;
      for (let i = 0; i < x.firms.count; i++) if (x.firms.kind[i] === KIND.branch && x.firms.region[i] === j1) branches++;
    });
    expect(spendOf(w)).toBeCloseTo(expected, 9);
    console.log(`localiseBranches: j1 branches' local tie-ticks ${ties.off} → ${ties.on}; local supply tie-ticks ${supply.off} → ${supply.on}; spend ${expected.toFixed(2)}`);
  });
});

describe('subsidyRace and coordination', () => {
  const regions = [{ name: 'a' }, { name: 'b', x: 100 }, { name: 'c', x: 200 }];

  it('race: incentives escalate toward the cap; offers stop when the budget cannot pay; paid per entrant', () => {
    const s = scenarioSchema.parse({
      ticksPerYear: T, regions,
      levers: [{ lever: 'subsidyRace', rule: 'escalate', regions: ['a', 'b'], intensity: 1, params: { margin: 0.1, speed: 2, cap: 3 }, budget: { total: 20 } }],
    });
    const w = worldOf(s, [], 0);
    const I: number[][] = [];
    for (let t = 1; t <= 80; t++) {
      w.tick = t;
      policy(w, s, new Stream('t', 'policy'));
      I.push([raceIncentive(w, 0), raceIncentive(w, 1), raceIncentive(w, 2)]);
    }
    expect(I[0]).toEqual([1, 1, 0]);
    expect(I[1][0]).toBeCloseTo(1 + 0.5 * (1.1 - 1), 12); // 1.05
    expect(I[40][0]).toBeGreaterThan(2);
    expect(I[79][0]).toBeCloseTo(3, 6); // capped
    expect(I[79][2]).toBe(0);
    expect(incentiveOffered(w, 0)).toBeCloseTo(I[79][0], 12);
    expect(incentiveOffered(w, 2)).toBe(0);
    for (let k = 0; k < 6; k++) payIncentive(w, 0); // 6 × 3 = 18 of 20
    expect(w.policy.levers[0].spentTotal).toBeCloseTo(6 * I[79][0], 9);
    expect(incentiveOffered(w, 0)).toBe(0); // 2 left < 3: no offer
    payIncentive(w, 0);
    expect(w.policy.levers[0].spentTotal).toBeCloseTo(6 * I[79][0], 9);
  });

  it('a lone racer stays at its intensity', () => {
    const s = scenarioSchema.parse({ ticksPerYear: T, regions, levers: [{ lever: 'subsidyRace', rule: 'escalate', regions: ['a'], intensity: 1.5 }] });
    const w = worldOf(s, [], 0);
    for (let t = 1; t <= 20; t++) {
      w.tick = t;
      policy(w, s, new Stream('t', 'policy'));
    }
    expect(raceIncentive(w, 0)).toBe(1.5);
  });

  it('coordination: the same offer everywhere, each payment shared equally by the lever\'s regions', () => {
    const s = scenarioSchema.parse({ ticksPerYear: T, regions, levers: [{ lever: 'coordination', rule: 'fixed', regions: 'all', intensity: 1.2 }] });
    const w = worldOf(s, [], 0);
    w.tick = 1;
    policy(w, s, new Stream('t', 'policy'));
    expect([0, 1, 2].map((r) => incentiveOffered(w, r))).toEqual([1.2, 1.2, 1.2]);
    payIncentive(w, 0);
    payIncentive(w, 0);
    const spend = Array.from(w.policy.levers[0].spendRun);
    for (const x of spend) expect(x).toBeCloseTo(0.8, 12);
  });

  /** Σ over SEEDS of entrants by region and total spend, for the given levers. */
  function entrants(levers: Levers) {
    const mech: ScenarioInput['mechanisms'] = { entry: { rate: 8, branches: { rate: 0 } } };
    const byRegion = [0, 0, 0, 0];
    let spend = 0;
    const series: number[][][] = [];
    let incentive: number[] = [];
    for (const seed of SEEDS) {
      const w = runWith(scenario(levers, mech), seed);
      for (let r = 0; r < 4; r++) byRegion[r] += seriesSum(w, 'entries', r);
      spend += spendOf(w);
      series.push(w.series.values.filter((_, m) => w.series.metrics[m] === 'entries').map((v) => Array.from(v)));
      incentive = [0, 1, 2, 3].map((r) => raceIncentive(w, r));
    }
    return { byRegion, total: sum(byRegion), spend, series, incentive };
  }
  const race = (regions: 'all' | string[]): Levers => [{ lever: 'subsidyRace', rule: 'escalate', regions, intensity: 1, params: { speed: 1, margin: 0.1, cap: 10 } }];
  const coordination = (regions: 'all' | string[]): Levers => [{ lever: 'coordination', rule: 'fixed', regions, intensity: 1 }];

  it('race vs coordination, all regions: the same entrants as no policy (zero-sum), the race pays more per entrant', () => {
    const none = entrants([]);
    const r = entrants(race('all'));
    const c = entrants(coordination('all'));
    // Every region offers the same amount: the logit's differences, hence every choice, are unchanged.
    expect(r.series).toEqual(none.series);
    expect(c.series).toEqual(none.series);
    expect(r.incentive.every((x) => x > 4)).toBe(true); // 1 → 1.025^59 ≈ 4.3 after 15 years
    expect(c.spend).toBeCloseTo(c.total * 1, 9); // coordination pays its intensity per entrant
    expect(r.spend / r.total).toBeGreaterThan(2 * (c.spend / c.total));
    console.log(`all regions: entrants ${none.byRegion} (none = race = coordination); spend race ${r.spend.toFixed(1)} (${(r.spend / r.total).toFixed(2)}/entrant), coordination ${c.spend.toFixed(1)} (${(c.spend / c.total).toFixed(2)}/entrant)`);
  });

  it('race vs coordination, two of four regions (j2, z1): report what moves and what it costs', () => {
    const lever = ['j2', 'z1'];
    const none = entrants([]);
    const r = entrants(race(lever));
    const c = entrants(coordination(lever));
    const inLever = (x: { byRegion: number[] }) => x.byRegion[2] + x.byRegion[3];
    const gainR = inLever(r) - inLever(none);
    const gainC = inLever(c) - inLever(none);
    expect(gainR).toBeGreaterThan(gainC);
    expect(gainC).toBeGreaterThan(0);
    expect(r.spend / inLever(r)).toBeGreaterThan(c.spend / inLever(c));
    // Entrants per run barely change in total (the rate does not read incentives): the gain is taken from core and j1.
    expect(Math.abs(r.total - none.total)).toBeLessThanOrEqual(0.02 * none.total);
    console.log(`j2+z1: entrants by region none ${none.byRegion}, race ${r.byRegion}, coordination ${c.byRegion}; ` +
      `gain in j2+z1 race ${gainR}, coordination ${gainC}; spend race ${r.spend.toFixed(1)} (${(r.spend / gainR).toFixed(2)} per gained entrant), ` +
      `coordination ${c.spend.toFixed(1)} (${(c.spend / gainC).toFixed(2)} per gained entrant); end incentives ${r.incentive.map((x) => x.toFixed(2))}`);
  });
});

describe('budgets', () => {
  it('tight budgets: no lever spends more than perYear in a budget year or its total; lever spend = policy_spend', () => {
    const budget = { perYear: 3, total: 10 };
    const levers: Levers = [
      { lever: 'barrierRemoval', regions: ['core', 'j1'], budget },
      { lever: 'openness', regions: 'all', budget },
      { lever: 'promotionOrganisation', regions: ['j2'], params: { joinRate: 1, costPerMember: 0.2 }, budget },
      { lever: 'chainLeader', regions: ['j1', 'j2'], budget },
      { lever: 'talentProgram', regions: ['z1'], budget },
      { lever: 'localiseBranches', regions: ['j1'], budget },
      { lever: 'subsidyRace', regions: ['core', 'z1'], budget },
      { lever: 'coordination', regions: ['j1', 'j2'], budget },
    ];
    const w = runWith(scenario(levers, { entry: { rate: 8 } }), 1);
    const { log } = w.policy;
    const years = new Map<string, number>();
    for (let i = 0; i < log.count; i++) {
      const key = `${log.lever[i]}:${Math.floor((log.tick[i] - 1) / T)}`;
      years.set(key, (years.get(key) ?? 0) + log.spend[i]);
    }
    for (const v of years.values()) expect(v).toBeLessThanOrEqual(3 + 1e-9);
    for (const l of w.policy.levers) {
      expect(l.spentTotal).toBeLessThanOrEqual(10 + 1e-9);
      expect(l.spentTotal).toBeGreaterThan(0);
    }
    const spent = sum(w.policy.levers.map((l) => l.spentTotal));
    expect(spent).toBeCloseTo(seriesSum(w, 'policy_spend', -1) / T, 6);
    expect(spent).toBeCloseTo(spendOf(w), 9);
  });
});
