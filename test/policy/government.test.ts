// Governments that choose their entry incentive: the best response to rivals' offers
// (subsidyRace, rule bestResponse) and the joint common offer of coordinating regions
// (coordination, rule joint), against their analytic fixed points in symmetric logit worlds.
import { describe, expect, it } from 'vitest';
import { policy } from '../../src/engine/processes/policy.ts';
import { run } from '../../src/engine/run.ts';
import { valueOf } from '../../src/engine/series.ts';
import { outcomesOf } from '../../src/analysis/outcomes.ts';
import { policyCsv } from '../../src/io/policy.ts';
import { commonIncentive, raceIncentive } from '../../src/engine/policy/incentives.ts';
import { expectedEntrants, forecastOf } from '../../src/engine/policy/government.ts';
import { Stream } from '../../src/engine/rng.ts';
import type { World } from '../../src/engine/world.ts';
import { scenarioSchema, type Scenario, type ScenarioInput } from '../../src/scenarios/schema.ts';
import { worldOf } from '../support/worlds.ts';

type Levers = NonNullable<ScenarioInput['levers']>;
const T = 4;
const V = 5;

/** `n` identical regions, no firms, entry by the logit with β_sub = 1, 10 entrants a year. */
function scenario(n: number, levers: Levers): Scenario {
  return scenarioSchema.parse({
    ticksPerYear: T, ticks: 200,
    regions: Array.from({ length: n }, (_, r) => ({ name: `r${r}` })),
    mechanisms: { entry: { rate: 10, branches: { rate: 0 } } },
    levers,
  });
}

/** Runs only the policy process for `years`; returns the world and each year's offers (first tick). */
function choose(s: Scenario, years: number, offer: (w: World) => number[]): { w: World; path: number[][] } {
  const w = worldOf(s, [], 0);
  const path: number[][] = [];
  for (let t = 1; t <= years * T; t++) {
    w.tick = t;
    policy(w, s, new Stream('t', 'policy'));
    if ((t - 1) % T === 0) path.push(offer(w));
  }
  return { w, path };
}

const race = (regions: string[], extra: Partial<Levers[number]> = {}): Levers =>
  [{ lever: 'subsidyRace', regions, intensity: 0, params: { value: V, cap: 10 }, ...extra }];
const raceOffers = (R: number) => (w: World) => Array.from({ length: R }, (_, r) => raceIncentive(w, r));

describe('expected entrants', () => {
  it('are the softmax shares of the entry rate: equal offers split it equally, a higher offer draws more', () => {
    const s = scenario(3, []);
    const f = forecastOf(worldOf(s), s)!;
    const E = expectedEntrants(f, new Float64Array([1, 1, 1]), new Float64Array(3));
    for (const e of E) expect(e).toBeCloseTo(10 / 3, 12);
    const F = expectedEntrants(f, new Float64Array([2, 1, 1]), new Float64Array(3));
    expect(F[0]).toBeCloseTo((10 * Math.E) / (Math.E + 2), 12); // β_sub = 1
    expect(F[0] + F[1] + F[2]).toBeCloseTo(10, 12);
  });
});

describe('subsidyRace, rule bestResponse', () => {
  it('two symmetric regions escalate to the fixed point V − I = 1/(β(1 − ½)): I* = V − 2', () => {
    const { path } = choose(scenario(2, race(['r0', 'r1'])), 25, raceOffers(2));
    // Year 1 answers a rival offering nothing: V − I = 1 + e^I (I + e^I = 4, I ≈ 1.0737).
    expect(path[0][0] + Math.exp(path[0][0])).toBeCloseTo(4, 5);
    for (const y of path) expect(y[0]).toBeCloseTo(y[1], 12); // symmetric
    for (let k = 1; k < path.length; k++) expect(path[k][0]).toBeGreaterThanOrEqual(path[k - 1][0] - 1e-9); // offers only rise
    expect(path[24][0]).toBeCloseTo(V - 2, 4);
  });

  it('keeps its choice through the year; a lone racer against two idle regions offers its monopoly best response', () => {
    const s = scenario(3, race(['r0']));
    const w = worldOf(s, [], 0);
    const within: number[] = [];
    for (let t = 1; t <= T; t++) {
      w.tick = t;
      policy(w, s, new Stream('t', 'policy'));
      within.push(raceIncentive(w, 0));
    }
    expect(new Set(within).size).toBe(1);
    // share P = e^I/(e^I + 2); V − I = 1/(1 − P) = 1 + e^I/2.
    const I = within[0];
    expect(V - I).toBeCloseTo(1 + Math.exp(I) / 2, 5);
  });

  it('stays within the budget: I·E(I) ≤ perYear', () => {
    const { w, path } = choose(scenario(2, race(['r0', 'r1'], { budget: { perYear: 10 } })), 10, raceOffers(2));
    const f = forecastOf(w, scenario(2, []))!;
    const last = path[9];
    const E = expectedEntrants(f, new Float64Array(last), new Float64Array(2));
    expect(last[0] * E[0]).toBeLessThanOrEqual(10 + 1e-9);
    expect(last[0]).toBeGreaterThan(1.8); // binding: 2 per entrant × 5 entrants = 10, on the grid of cap/60
    expect(last[0]).toBeLessThan(V - 2);
  });
});

describe('coordination, rule joint', () => {
  const coord = (regions: string[]): Levers => [{ lever: 'coordination', regions, intensity: 0, params: { value: V, cap: 10 } }];
  const commonOf = (w: World) => [commonIncentive(w, w.policy.levers[0])];

  it('all regions coordinating offer the lowest incentive (a common offer moves nobody)', () => {
    const { path } = choose(scenario(2, coord(['r0', 'r1'])), 3, commonOf);
    for (const y of path) expect(y[0]).toBeCloseTo(0, 6);
  });

  it('two of three regions: the joint optimum V − c = 1 + 2e^c, below the race between the same two', () => {
    const joint = choose(scenario(3, coord(['r0', 'r1'])), 3, commonOf).path[2][0];
    expect(V - joint).toBeCloseTo(1 + 2 * Math.exp(joint), 4);
    const racing = choose(scenario(3, race(['r0', 'r1'])), 25, raceOffers(3)).path[24];
    // symmetric race fixed point: V − I = 1/(1 − P), P = e^I/(2e^I + 1)
    expect(V - racing[0]).toBeCloseTo((2 * Math.exp(racing[0]) + 1) / (Math.exp(racing[0]) + 1), 4);
    expect(racing[0]).toBeGreaterThan(joint + 2);
  });
});

describe('a race between two similar regions, in a run', () => {
  /** Two identical regions with the same firms; entry by the logit, 10 entrants a year, 20 years. */
  const twins = (levers: Levers): Scenario => scenarioSchema.parse({
    ticksPerYear: T, ticks: 80,
    segments: { count: 4, demand: { base: 2000, peak: 0 } },
    regions: [{ name: 'east' }, { name: 'west', x: 100 }],
    firms: { initial: [0, 1, 2, 3].flatMap((segment) => ['east', 'west'].map((region) => ({ region, segment, count: 5, employees: 20 }))) },
    mechanisms: { entry: { rate: 10, branches: { rate: 0 } } },
    levers,
  });
  const entrantsOf = (w: World) => [0, 1].map((r) => {
    let n = 0;
    for (let t = 1; t < w.series.recorded; t++) n += valueOf(w.series, 'entries', t, r);
    return n;
  });

  it('offers near V − 2/β_sub, about 3 spent per entrant, and the entrants\' split barely moves (race to the bottom)', () => {
    const racing: Levers = ['east', 'west'].map((r) => ({ lever: 'subsidyRace', regions: [r], intensity: 0, params: { value: V, cap: 10 } }));
    const none = [0, 0];
    const race = [0, 0];
    for (const seed of [1, 2, 3]) {
      const a = entrantsOf(run(twins([]), { seed }).world);
      const w = run(twins(racing), { seed }).world;
      const b = entrantsOf(w);
      for (let r = 0; r < 2; r++) {
        none[r] += a[r];
        race[r] += b[r];
      }
      expect(b[0] + b[1]).toBe(a[0] + a[1]); // the incentives bring no entrant
      const o = outcomesOf(w);
      expect(o.policy_spend_per_entry).toBeGreaterThan(2.5);
      expect(o.policy_spend_per_entry).toBeLessThan(3.5);
    }
    // policy.csv reports each government's offer (its last row: the west's lever at the last tick).
    const w = run(twins(racing), { seed: 1 }).world;
    const last = policyCsv(w).trimEnd().split('\n').at(-1)!.split(',');
    expect(last.slice(0, 5)).toEqual(['80', 'subsidyRace-1', 'subsidyRace', 'west', '1']);
    expect(Number(last[6])).toBeCloseTo(raceIncentive(w, 1), 4);
    expect(Number(last[6])).toBeGreaterThan(2.5);
    const share = (x: number[]) => x[0] / (x[0] + x[1]);
    expect(Math.abs(share(race) - share(none))).toBeLessThan(0.03);
  });
});

describe('the forecast sees the other levers', () => {
  it("a rival's entry subsidy and industries picked by subsidies enter the expected entrants", () => {
    const forecastWith = (extra: Levers) => {
      const s = scenario(2, [...race(['r0']), ...extra]);
      const w = worldOf(s, [], 0);
      w.tick = 1;
      policy(w, s, new Stream('t', 'policy'));
      const f = forecastOf(w, s)!;
      return { f, entrants: expectedEntrants(f, new Float64Array([0, 0]), new Float64Array(2)) };
    };
    const plain = forecastWith([]);
    expect(plain.entrants[0]).toBeCloseTo(5, 10); // symmetric: half of 10 a year each
    // r1 offers 1 to every entrant: r0 expects 10/(1 + e) a year.
    const rival = forecastWith([{ lever: 'entrySubsidy', regions: ['r1'], intensity: 1 }]);
    expect(rival.entrants[0]).toBeCloseTo(10 / (1 + Math.E), 10);
    // r1 offers 1 only in segment 0: segment 0's weight rises to (1 + e)/2 against 1 for the 11
    // others, and only there does r1 draw more than half.
    const picked = forecastWith([{ lever: 'entrySubsidy', regions: ['r1'], intensity: 1, segments: [0] }]);
    const w0 = (1 + Math.E) / 2 / ((1 + Math.E) / 2 + 11);
    expect(picked.f.weight[0]).toBeCloseTo(w0, 10);
    expect(picked.entrants[0]).toBeCloseTo(10 * (w0 / (1 + Math.E) + (1 - w0) / 2), 10);
  });
});
