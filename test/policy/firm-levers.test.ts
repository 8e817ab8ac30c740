// Levers that act in firm processes (issue 6): entrySubsidy, rdSubsidy, innovationVouchers,
// publicPlatform, startupSupport, specialisedSme, procurement. Two kinds of tests: (1) one process
// on a hand-built world, where the equation and the spend can be checked exactly, with the same
// random stream with and without the lever; (2) whole runs of a small three-region scenario,
// paired by seed, where the lever moves its mechanism in region b. A lever whose trigger never
// fires leaves timeseries.csv, events.csv and firms.csv byte-identical.
import { describe, expect, it } from 'vitest';
import { KIND } from '../../src/engine/firms.ts';
import { effectsOf } from '../../src/engine/policy/effects.ts';
import { entry } from '../../src/engine/processes/entry.ts';
import { innovation } from '../../src/engine/processes/innovation.ts';
import { learning } from '../../src/engine/processes/learning.ts';
import { market } from '../../src/engine/processes/market.ts';
import { policy } from '../../src/engine/processes/policy.ts';
import { spinoffs } from '../../src/engine/processes/spinoffs.ts';
import { Stream } from '../../src/engine/rng.ts';
import { run } from '../../src/engine/run.ts';
import { valueOf } from '../../src/engine/series.ts';
import type { World } from '../../src/engine/world.ts';
import { eventsCsv } from '../../src/io/events.ts';
import { firmsCsv } from '../../src/io/firms.ts';
import { timeseriesCsv } from '../../src/io/timeseries.ts';
import type { Scenario, ScenarioInput } from '../../src/scenarios/schema.ts';
import { many, scenarioOf, worldOf, type FirmSpec } from '../support/worlds.ts';

type Levers = ScenarioInput['levers'];
const REGIONS = [{ name: 'a', province: 'p' }, { name: 'b', province: 'q', x: 50 }, { name: 'c', province: 'q', x: 80 }];

/** A hand-built world at tick 1 with the levers switched on by the policy process. */
function setup(levers: Levers, firms: FirmSpec[], extra: Partial<ScenarioInput> = {}): { scenario: Scenario; world: World } {
  const scenario = scenarioOf({ ticksPerYear: 4, regions: REGIONS, segments: { count: 6, demand: { base: 300, peak: 0 } }, levers, ...extra });
  const world = worldOf(scenario, firms, 1);
  policy(world, scenario, new Stream('t', 'policy'));
  return { scenario, world };
}

const spent = (w: World, r?: number) =>
  w.policy.levers.reduce((s, l) => s + (r === undefined ? l.spentTotal : l.spendRun[r]), 0);

// ---------------------------------------------------------------------------------------------
// (1) One process, exact equations and spend.

describe('rdSubsidy (market pays; learning and innovation use rd·(1 + s·φ))', () => {
  const firms = [...many(5, { region: 1, rd: 0.1, capability: 1, employees: 10 }), ...many(5, { region: 0, rd: 0.1, capability: 1, employees: 10 })];
  const noSpill = { mechanisms: { learning: { spillover: 0, research: 0, frontier: 0 } } };

  it('pays s·Σ rd·revenue of the region\'s firms; the boost is s; own-R&D learning × (1 + s)', () => {
    const s = 0.5;
    const { scenario, world } = setup([{ lever: 'rdSubsidy', regions: ['b'], intensity: s }], firms, noSpill);
    market(world, scenario, new Stream('t', 'market'));
    let desired = 0;
    for (let i = 0; i < 5; i++) desired += 0.1 * world.firms.revenue[i];
    expect(desired).toBeGreaterThan(0);
    expect(spent(world, 1)).toBeCloseTo(s * desired, 12);
    expect(spent(world, 0)).toBe(0);
    expect(Array.from(effectsOf(world).rdBoost)).toEqual([0, s, 0]);
    // The firm's own R&D cost is unchanged: same profit as firms of a (same size, price).
    expect(world.firms.profit[0]).toBeCloseTo(world.firms.profit[5], 12);
    learning(world, scenario, new Stream('t', 'learning'));
    const eta = scenario.mechanisms.learning.rdEfficiency / 4;
    expect(world.firms.capability[0] - 1).toBeCloseTo(eta * 0.1 * (1 + s), 12); // subsidised
    expect(world.firms.capability[5] - 1).toBeCloseTo(eta * 0.1, 12); // not
  });

  it('a short budget pays pro rata: spend = what is left, boost = s·paid/desired', () => {
    const s = 0.5;
    const { scenario, world } = setup([{ lever: 'rdSubsidy', regions: ['b'], intensity: s, budget: { perYear: 0.01 } }], firms);
    market(world, scenario, new Stream('t', 'market'));
    let desired = 0;
    for (let i = 0; i < 5; i++) desired += s * 0.1 * world.firms.revenue[i];
    expect(desired).toBeGreaterThan(0.01);
    expect(spent(world)).toBeCloseTo(0.01, 12);
    expect(effectsOf(world).rdBoost[1]).toBeCloseTo((s * 0.01) / desired, 12);
  });

  it('innovation: with s = 1 the region innovates exactly as if its firms\' rd were doubled', () => {
    const count = (levers: Levers, rd: number) => {
      const { scenario, world } = setup(levers, many(1500, { region: 1, rd }), {
        mechanisms: { innovation: { rate: 0.2, imitation: { enabled: false } } },
      });
      market(world, scenario, new Stream('t', 'market'));
      innovation(world, scenario, new Stream('t', 'innovation'));
      return world.counts.innovations[1];
    };
    const without = count([], 0.1);
    const withLever = count([{ lever: 'rdSubsidy', regions: ['b'], intensity: 1 }], 0.1);
    expect(withLever).toBe(count([], 0.2)); // same stream, same λ_i = rate·(1 + 20·0.2)
    expect(without).toBeGreaterThan(150); // 210 here
    expect(withLever / without).toBeGreaterThan(1.2); // 279 here
  });
});

describe('publicPlatform (R&D cost × (1 − i/2) in market; spillover × (1 + i) in learning)', () => {
  it('profit rises by rd·revenue·i/2; spillover inflow × (1 + i); only in the lever\'s region', () => {
    const i = 0.6;
    const firms = [{ region: 1, rd: 0.2, capability: 1 }, { region: 1, rd: 0.2, capability: 3 }, { region: 0, rd: 0.2, capability: 1 }, { region: 0, rd: 0.2, capability: 3 }];
    const extra = { mechanisms: { learning: { research: 0, frontier: 0, distanceDecayKm: 0, rdEfficiency: 0 } } };
    const on = setup([{ lever: 'publicPlatform', regions: ['b'], intensity: i, budget: { perYear: 4 } }], firms, extra);
    const off = setup([], firms, extra);
    for (const w of [on, off]) market(w.world, w.scenario, new Stream('t', 'market'));
    const rev = on.world.firms.revenue[0];
    expect(on.world.firms.profit[0] - off.world.firms.profit[0]).toBeCloseTo(0.2 * rev * (i / 2), 12);
    expect(on.world.firms.profit[2]).toBe(off.world.firms.profit[2]);
    for (const w of [on, off]) learning(w.world, w.scenario, new Stream('t', 'learning'));
    expect(off.world.firms.learned[0]).toBeGreaterThan(0);
    expect(on.world.firms.learned[0] / off.world.firms.learned[0]).toBeCloseTo(1 + i, 12);
    expect(on.world.firms.learned[2]).toBe(off.world.firms.learned[2]);
    expect(spent(on.world)).toBeCloseTo(1, 12); // running cost: perYear / T, paid by policy
  });
});

describe('innovationVouchers (SMEs\' absorptive capacity × (1 + i) in learning)', () => {
  const extra = { mechanisms: { learning: { research: 0, frontier: 0, distanceDecayKm: 0, rdEfficiency: 0 } } };
  const firms = [
    ...many(3, { region: 1, capability: 1, employees: 10 }), { region: 1, capability: 1, employees: 80 }, { region: 1, capability: 4, employees: 10 },
  ];
  const levers = (budget: { perYear?: number }): Levers => [
    { lever: 'innovationVouchers', regions: ['b'], intensity: 1, params: { smeEmployees: 50, voucherCost: 2 }, budget },
  ];

  it('SMEs learn (1 + i) times as much, large firms the same; spend = voucherCost/T per SME', () => {
    const on = setup(levers({}), firms, extra);
    const off = setup([], firms, extra);
    for (const w of [on, off]) learning(w.world, w.scenario, new Stream('t', 'learning'));
    for (let k = 0; k < 3; k++) expect(on.world.firms.learned[k] / off.world.firms.learned[k]).toBeCloseTo(2, 12);
    expect(on.world.firms.learned[3]).toBe(off.world.firms.learned[3]); // 80 employees: not an SME
    expect(spent(on.world, 1)).toBeCloseTo(4 * (2 / 4), 12); // 4 SMEs (the leader too) × 0.5
  });

  it('a budget for two vouchers boosts the first two SMEs only (index order)', () => {
    const on = setup(levers({ perYear: 1 }), firms, extra);
    const off = setup([], firms, extra);
    for (const w of [on, off]) learning(w.world, w.scenario, new Stream('t', 'learning'));
    const ratio = [0, 1, 2].map((k) => on.world.firms.learned[k] / off.world.firms.learned[k]);
    expect(ratio[0]).toBeCloseTo(2, 12);
    expect(ratio[1]).toBeCloseTo(2, 12);
    expect(ratio[2]).toBe(1);
    expect(spent(on.world)).toBeCloseTo(1, 12);
  });
});

describe('specialisedSme (SMEs\' imitation rate × (1 − i) in innovation)', () => {
  // Imitation only (rate 1/year); profits differ so half the firms are below the regional mean.
  const firms = [
    ...Array.from({ length: 400 }, (_, k) => ({ region: 1, employees: k % 4 === 0 ? 100 : 10, profit: k % 4 === 0 ? 10 : k % 2 === 0 ? 1 : 0 })),
    ...Array.from({ length: 400 }, (_, k) => ({ region: 0, employees: 10, profit: k % 2 === 0 ? 1 : 0 })),
  ];
  const extra = { mechanisms: { innovation: { rate: 0, imitation: { rate: 1 } } } };
  const imitationsOf = (levers: Levers) => {
    const { scenario, world } = setup(levers, firms, extra);
    innovation(world, scenario, new Stream('t', 'innovation'));
    return { world, b: world.counts.imitations[1], a: world.counts.imitations[0] };
  };

  // Rate 1 per year is probability 1 per tick: every firm below the mean margin imitates (b: the
  // 200 with profit 0, all SMEs; the large firms, k % 4 = 0, have the SMEs' best margin 0.1).
  it('i = 1: no SME of b imitates; region a as before; spend per SME, imitating or not', () => {
    const off = imitationsOf([]);
    const on = imitationsOf([{ lever: 'specialisedSme', regions: ['b'], intensity: 1, params: { costPerFirm: 0.4 } }]);
    expect(off.b).toBe(200);
    expect(on.b).toBe(0);
    expect(on.a).toBe(off.a);
    expect(on.a).toBe(200);
    expect(spent(on.world, 1)).toBeCloseTo(300 * (0.4 / 4), 9); // 300 SMEs
  });

  it('i = 0.5 cuts the rate to 0.5 a year; a short budget cuts only the SMEs it pays', () => {
    const half = imitationsOf([{ lever: 'specialisedSme', regions: ['b'], intensity: 0.5 }]);
    // 200·(1 − 0.5^(1/4)) ≈ 32.
    expect(half.b).toBeGreaterThan(15);
    expect(half.b).toBeLessThan(55);
    // perYear 2 pays 2 / (0.5/4) = 16 SMEs (index order: k = 1, 2, 3, 5, …, 21; 11 of them with
    // profit 0): those 11 stop imitating, the other 189 imitate as without the lever.
    const short = imitationsOf([{ lever: 'specialisedSme', regions: ['b'], intensity: 1, budget: { perYear: 2 } }]);
    expect(spent(short.world)).toBeCloseTo(2, 9);
    expect(short.b).toBe(189);
  });
});

describe('startupSupport (spin-off rate × (1 + i); seed money as cash)', () => {
  const firms = many(1000, { region: 1, employees: 20 });
  const extra = { mechanisms: { spinoffs: { rate: 0.2, sizeElasticity: 0, capabilityElasticity: 0, relocate: 0 } } };
  const spin = (levers: Levers) => {
    const { scenario, world } = setup(levers, firms, extra);
    spinoffs(world, scenario, new Stream('t', 'spinoffs'));
    return world;
  };

  it('more spin-offs; each child gets seedMoney as cash; spend = seedMoney × spin-offs', () => {
    const off = spin([]);
    const on = spin([{ lever: 'startupSupport', regions: ['b'], intensity: 1, params: { seedMoney: 3 } }]);
    const n0 = off.counts.spinoffs[1];
    const n1 = on.counts.spinoffs[1];
    // 1000·(1 − (1 − 0.2)^(1/4)) ≈ 54 → 1000·(1 − 0.6^(1/4)) ≈ 120.
    expect(n0).toBeGreaterThan(35);
    expect(n1 / n0).toBeGreaterThan(1.6);
    for (let i = 1000; i < on.firms.count; i++) expect(on.firms.cash[i]).toBe(3);
    for (let i = 1000; i < off.firms.count; i++) expect(off.firms.cash[i]).toBe(0);
    expect(spent(on)).toBeCloseTo(3 * n1, 9);
  });

  it('a budget that cannot pay one seedMoney at the start: no boost, no cash (same draws as off)', () => {
    const off = spin([]);
    const on = spin([{ lever: 'startupSupport', regions: ['b'], intensity: 1, params: { seedMoney: 3 }, budget: { perYear: 2 } }]);
    expect(on.counts.spinoffs[1]).toBe(off.counts.spinoffs[1]);
    expect(spent(on)).toBe(0);
    expect(Array.from(on.firms.cash.subarray(0, on.firms.count))).toEqual(Array.from(off.firms.cash.subarray(0, off.firms.count)));
  });

  it('a budget for five seeds: boost while it can pay, five children funded, spend 5·seedMoney', () => {
    const on = spin([{ lever: 'startupSupport', regions: ['b'], intensity: 1, params: { seedMoney: 3 }, budget: { perYear: 15 } }]);
    let funded = 0;
    for (let i = 1000; i < on.firms.count; i++) if (on.firms.cash[i] === 3) funded++;
    expect(funded).toBe(5);
    expect(spent(on)).toBe(15);
  });
});

describe('entrySubsidy and startupSupport in entry (the logit subsidy term)', () => {
  const firms = [0, 1, 2].flatMap((region) => many(3, { region }));
  const entrants = (levers: Levers, entryParams: object = {}) => {
    const { scenario, world } = setup(levers, firms, {
      mechanisms: { entry: { rate: 4000, segmentChoice: 'uniform', ...entryParams } },
    });
    market(world, scenario, new Stream('t', 'market'));
    entry(world, scenario, new Stream('t', 'entry'));
    return world;
  };

  it('more entrants to the subsidised region; spend = intensity × its entrants', () => {
    const off = entrants([]);
    const on = entrants([{ lever: 'entrySubsidy', regions: ['b'], intensity: 1 }]);
    // β_sub = 1: the odds of b rise by e¹ (≈ 1/3 → ≈ 0.58 of the entrants).
    const share = (w: World) => w.counts.entries[1] / (w.counts.entries[0] + w.counts.entries[1] + w.counts.entries[2]);
    expect(share(off)).toBeGreaterThan(0.28);
    expect(share(off)).toBeLessThan(0.38);
    expect(share(on)).toBeGreaterThan(0.52);
    expect(share(on)).toBeLessThan(0.64);
    expect(spent(on, 1)).toBe(on.counts.entries[1]);
    expect(spent(on)).toBe(on.counts.entries[1]);
  });

  it('targeted to segments: only entrants of those segments are offered the subsidy and paid for', () => {
    const on = entrants([{ lever: 'entrySubsidy', regions: ['b'], intensity: 1, segments: [1, 2] }]);
    const shares = (targeted: boolean) => {
      const by = [0, 0, 0];
      for (let i = 9; i < on.firms.count; i++) {
        const seg = on.firms.segment[i];
        if ((seg === 1 || seg === 2) === targeted) by[on.firms.region[i]]++;
      }
      return by[1] / (by[0] + by[1] + by[2]);
    };
    expect(shares(true)).toBeGreaterThan(0.52); // as with the untargeted subsidy
    expect(shares(false)).toBeLessThan(0.38); // as without any
    let targetedInB = 0;
    for (let i = 9; i < on.firms.count; i++) if (on.firms.region[i] === 1 && (on.firms.segment[i] === 1 || on.firms.segment[i] === 2)) targetedInB++;
    expect(spent(on, 1)).toBe(targetedInB);
    // Picking industries draws entrants into them: segments 1 and 2 weigh mean_r exp(β·x_r) =
    // (e + 2)/3 ≈ 1.57 against 1, so their share of entrants rises from 2/6 to ≈ 0.44.
    let inTargets = 0;
    for (let i = 9; i < on.firms.count; i++) if (on.firms.segment[i] === 1 || on.firms.segment[i] === 2) inTargets++;
    const share = inTargets / (on.firms.count - 9);
    expect(share).toBeGreaterThan(0.40);
    expect(share).toBeLessThan(0.48);
    const off = entrants([]);
    let before = 0;
    for (let i = 9; i < off.firms.count; i++) if (off.firms.segment[i] === 1 || off.firms.segment[i] === 2) before++;
    expect(before / (off.firms.count - 9)).toBeLessThan(0.37);
  });

  it('a budget for 10 entrants: exactly 10 paid, then the offer stops', () => {
    const on = entrants([{ lever: 'entrySubsidy', regions: ['b'], intensity: 2, budget: { total: 20 } }]);
    expect(spent(on)).toBe(20);
    expect(on.counts.entries[1]).toBeGreaterThan(10);
  });

  it('startupSupport: startups founded in b get seedMoney as cash, branches do not; spend = seed × startups in b', () => {
    const on = entrants([{ lever: 'startupSupport', regions: ['b'], params: { seedMoney: 2 } }], { branches: { rate: 400 } });
    let startupsB = 0;
    let others = 0;
    for (let i = 9; i < on.firms.count; i++) {
      const funded = on.firms.region[i] === 1 && on.firms.kind[i] === KIND.startup;
      if (funded) startupsB++;
      expect(on.firms.cash[i]).toBe(funded ? 2 : 0);
      if (!funded) others++;
    }
    expect(startupsB).toBeGreaterThan(100);
    expect(others).toBeGreaterThan(100);
    expect(spent(on)).toBe(2 * startupsB);
  });

  it('the proportional rule ignores entrySubsidy: same entrants, nothing paid', () => {
    const rule = { choice: 'proportional' };
    const off = entrants([], rule);
    const on = entrants([{ lever: 'entrySubsidy', regions: ['b'], intensity: 3 }], rule);
    expect(Array.from(on.counts.entries)).toEqual(Array.from(off.counts.entries));
    expect(spent(on)).toBe(0);
  });
});

describe('procurement (public purchases added to segment demand in market)', () => {
  const firms = [
    ...many(4, { region: 1, segment: 0, capability: 1, employees: 10 }), ...many(2, { region: 1, segment: 2, capability: 1, employees: 10 }),
    ...many(4, { region: 0, segment: 3, capability: 1, employees: 10 }),
  ];
  const tickTwo = (levers: Levers) => {
    const { scenario, world } = setup(levers, firms);
    market(world, scenario, new Stream('t', 'market')); // sets the prices procurement reads next tick
    const before = Float64Array.from(world.segments.price);
    world.tick = 2;
    policy(world, scenario, new Stream('t', 'policy'));
    market(world, scenario, new Stream('t', 'market'));
    return { world, before };
  };

  it('ΔD_s = T·paid·share_s / p_s⁻ over b\'s segments; revenue of b\'s firms rises; spend = intensity/T', () => {
    const G = 40;
    const off = tickTwo([]);
    const on = tickTwo([{ lever: 'procurement', regions: ['b'], intensity: G }]);
    const p = on.before;
    const paidTick2 = on.world.policy.levers[0].spend[1];
    expect(paidTick2).toBeCloseTo(G / 4, 12);
    expect(on.world.segments.demand[0] - off.world.segments.demand[0]).toBeCloseTo((4 * (G / 4) * (4 / 6)) / p[0], 9);
    expect(on.world.segments.demand[2] - off.world.segments.demand[2]).toBeCloseTo((4 * (G / 4) * (2 / 6)) / p[2], 9);
    expect(on.world.segments.demand[3]).toBe(off.world.segments.demand[3]);
    expect(on.world.firms.revenue[0]).toBeGreaterThan(off.world.firms.revenue[0]);
    expect(on.world.firms.revenue[8]).toBe(off.world.firms.revenue[8]); // region a, segment 3
  });

  it('a short budget scales the purchase: ΔD × paid / wanted', () => {
    const off = tickTwo([]);
    const on = tickTwo([{ lever: 'procurement', regions: ['b'], intensity: 40, budget: { perYear: 2 } }]);
    // Tick 1 bought 2 at tick-0 prices (0 here: nothing), so tick 2 can pay the whole 2.
    const paid = on.world.policy.levers[0].spend[1];
    expect(spent(on.world)).toBeLessThanOrEqual(2 + 1e-12);
    expect(on.world.segments.demand[0] - off.world.segments.demand[0]).toBeCloseTo((4 * paid * (4 / 6)) / on.before[0], 9);
  });
});

// ---------------------------------------------------------------------------------------------
// (2) Whole runs of a small three-region scenario, paired by seed: the lever in region b.

const SEEDS = [1, 2, 3];

/** Knowledge learned from others by the firms of region r, summed over the run (onTick). */
let learnedIn = 0;

function runScenario(levers: Levers, seed: number, ticks = 40, learnedRegion = -1): World {
  const scenario = scenarioOf({
    ticks, regions: REGIONS, firms: { generate: { count: 90 } },
    mechanisms: { entry: { rate: 8 }, spinoffs: { rate: 0.1 } }, levers,
  });
  learnedIn = 0;
  const onTick = (w: World) => {
    for (let i = 0; i < w.firms.count; i++) if (w.firms.region[i] === learnedRegion) learnedIn += w.firms.learned[i];
  };
  return run(scenario, { seed, onTick: learnedRegion >= 0 ? onTick : undefined }).world;
}

/** Σ over ticks 1..end of a metric ('learned': knowledge learned from others) in slot r, over SEEDS. */
function total(levers: Levers, metric: string, r: number): { value: number; spend: number } {
  let value = 0;
  let spend = 0;
  for (const seed of SEEDS) {
    const w = runScenario(levers, seed, 40, metric === 'learned' ? r : -1);
    if (metric === 'learned') value += learnedIn;
    else for (let t = 1; t <= w.tick; t++) value += valueOf(w.series, metric, t, r);
    spend += spent(w);
  }
  return { value, spend };
}

describe('whole runs, paired seeds 1–3: each lever moves its mechanism in region b', () => {
  const cases: { name: string; levers: Levers; metric: string; r: number; up: boolean }[] = [
    { name: 'entrySubsidy → entries', levers: [{ lever: 'entrySubsidy', regions: ['b'], intensity: 3 }], metric: 'entries', r: 1, up: true },
    { name: 'rdSubsidy → innovations', levers: [{ lever: 'rdSubsidy', regions: ['b'], intensity: 2 }], metric: 'innovations', r: 1, up: true },
    { name: 'innovationVouchers → knowledge learned', levers: [{ lever: 'innovationVouchers', regions: ['b'], intensity: 2 }], metric: 'learned', r: 1, up: true },
    { name: 'publicPlatform → knowledge learned', levers: [{ lever: 'publicPlatform', regions: ['b'], intensity: 1, budget: { perYear: 4 } }], metric: 'learned', r: 1, up: true },
    { name: 'startupSupport → spin-offs', levers: [{ lever: 'startupSupport', regions: ['b'], intensity: 2 }], metric: 'spinoffs', r: 1, up: true },
    { name: 'specialisedSme → imitations', levers: [{ lever: 'specialisedSme', regions: ['b'], intensity: 1 }], metric: 'imitations', r: 1, up: false },
    { name: 'procurement → output', levers: [{ lever: 'procurement', regions: ['b'], intensity: 400 }], metric: 'output', r: 3, up: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const off = total([], c.metric, c.r);
      const on = total(c.levers, c.metric, c.r);
      expect(off.spend).toBe(0);
      expect(on.spend).toBeGreaterThan(0);
      if (process.env.LEVER_NUMBERS) console.log(c.name, off.value, on.value, on.spend);
      if (c.up) expect(on.value).toBeGreaterThan(off.value * 1.05);
      else expect(on.value).toBeLessThan(off.value * 0.95);
    });
  }

  it('spend never exceeds the budgets (perYear and total), for every lever at once', () => {
    const levers: Levers = [
      { lever: 'entrySubsidy', regions: ['b'], intensity: 3, budget: { perYear: 5, total: 20 } },
      { lever: 'rdSubsidy', regions: 'all', intensity: 2, budget: { perYear: 6 } },
      { lever: 'innovationVouchers', regions: ['b', 'c'], intensity: 2, budget: { perYear: 3, total: 25 } },
      { lever: 'startupSupport', regions: ['b'], intensity: 2, budget: { perYear: 7 } },
      { lever: 'specialisedSme', regions: ['a', 'b'], intensity: 1, budget: { perYear: 2 } },
      { lever: 'procurement', regions: ['b'], intensity: 400, budget: { perYear: 50, total: 120 } },
    ];
    for (const seed of SEEDS) {
      const w = runScenario(levers, seed);
      const log = w.policy.log;
      for (const l of w.policy.levers) {
        const byYear = new Map<number, number>();
        for (let k = 0; k < log.count; k++) {
          if (log.lever[k] !== l.index) continue;
          const y = Math.floor((log.tick[k] - 1) / w.ticksPerYear);
          byYear.set(y, (byYear.get(y) ?? 0) + log.spend[k]);
        }
        for (const s of byYear.values()) expect(s).toBeLessThanOrEqual(l.perYear + 1e-9);
        expect(l.spentTotal).toBeLessThanOrEqual(l.total + 1e-9);
        expect(l.spentTotal).toBeGreaterThan(0);
      }
      // Budgets that bind do bind: rdSubsidy spends its 6 a year for 10 years.
      expect(w.policy.levers[1].spentTotal).toBeCloseTo(60, 6);
    }
  });
});

describe('a lever whose trigger never fires changes nothing', () => {
  it('timeseries.csv, events.csv and firms.csv are byte-identical to the run without it', () => {
    const never = { metric: 'firms', above: 1e9 };
    const levers: Levers = (['entrySubsidy', 'rdSubsidy', 'innovationVouchers', 'publicPlatform', 'startupSupport', 'specialisedSme', 'procurement'] as const)
      .map((lever) => ({ lever, when: never, budget: lever === 'publicPlatform' ? { perYear: 4 } : {} }));
    for (const seed of [1, 2]) {
      const off = runScenario([], seed);
      const on = runScenario(levers, seed);
      expect(spent(on)).toBe(0);
      expect(timeseriesCsv(on)).toBe(timeseriesCsv(off));
      expect(eventsCsv(on)).toBe(eventsCsv(off));
      expect(firmsCsv(on)).toBe(firmsCsv(off));
    }
  });
});
