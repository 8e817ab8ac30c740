import { describe, expect, it } from 'vitest';
import { learning } from '../../../src/engine/processes/learning.ts';
import { cognitiveWeights } from '../../../src/engine/proximity.ts';
import { Stream } from '../../../src/engine/rng.ts';
import { addTie, orgEndpoint } from '../../../src/engine/ties.ts';
import type { ScenarioInput } from '../../../src/scenarios/schema.ts';
import { many, scenarioOf, worldOf, type FirmSpec } from '../../support/worlds.ts';

const rng = new Stream('test', 'learning');
type LearningInput = NonNullable<NonNullable<ScenarioInput['mechanisms']>['learning']>;

/** Spillover only (no own R&D, research organisations or frontier), one tick a year. */
function setup(learningParams: LearningInput, firms: FirmSpec[], extra: Partial<ScenarioInput> = {}) {
  const scenario = scenarioOf({
    ticksPerYear: 1,
    segments: { count: 12 },
    regions: [{ name: 'a' }, { name: 'b', x: 100 }],
    mechanisms: { learning: { rdEfficiency: 0, research: 0, frontier: 0, ...learningParams } },
    ...extra,
  });
  return { scenario, world: worldOf(scenario, firms) };
}

const caps = (world: ReturnType<typeof setup>['world']) => Array.from(world.firms.capability.subarray(0, world.firms.count));

describe('learning: spillover toward the knowledge pool', () => {
  it('moves firms below the pool toward it by spillover·(pool − c) and leaves those above alone', () => {
    const start = [0.5, 1, 1.5, 2];
    const { scenario, world } = setup({ spillover: 0.2 }, start.map((capability) => ({ capability })));
    learning(world, scenario, rng);
    const pool = 1.25; // one segment, one region: the plain mean, own firm included
    const expected = start.map((c) => (c < pool ? c + 0.2 * (pool - c) : c));
    caps(world).forEach((c, i) => expect(c).toBeCloseTo(expected[i], 12));
    Array.from(world.firms.learned.subarray(0, 4)).forEach((l, i) => expect(l).toBeCloseTo(expected[i] - start[i], 12));
  });

  it('never lifts a firm above the best capability by spillover alone, even when it closes the whole gap', () => {
    const start = [0.5, 0.7, 1, 1.3, 2, 2.2];
    for (const spillover of [0.05, 0.5, 50]) {
      const firms = start.map((capability, k) => ({ capability, segment: k % 3 }));
      const { scenario, world } = setup({ spillover }, firms);
      for (let t = 1; t <= 300; t++) {
        world.tick = t;
        const before = caps(world);
        learning(world, scenario, rng);
        const after = caps(world);
        after.forEach((c, i) => {
          expect(c).toBeGreaterThanOrEqual(before[i]); // learning never loses knowledge
          expect(c).toBeLessThanOrEqual(Math.max(...before) + 1e-12);
        });
      }
      // The laggards converge toward the leaders but no one overtakes the initial best.
      expect(Math.max(...caps(world))).toBeLessThanOrEqual(2.2 + 1e-12);
      expect(Math.min(...caps(world))).toBeGreaterThan(1.2);
    }
  });

  it('own R&D raises capability by c·rdEfficiency·rd per year', () => {
    const { scenario, world } = setup({ spillover: 0, rdEfficiency: 0.5 }, [{ capability: 2, rd: 0.1 }], { ticksPerYear: 4 });
    learning(world, scenario, rng);
    expect(world.firms.capability[0]).toBeCloseTo(2 * (1 + (0.5 * 0.1) / 4), 12);
    expect(world.firms.learned[0]).toBe(0);
  });

  it('research organisations and the world frontier pull firms up at their rates', () => {
    const { scenario, world } = setup(
      { spillover: 0, research: 0.1, frontier: 0.2, frontierLevel: 3, frontierGrowth: 0.05 },
      [{ region: 0, capability: 1 }, { region: 1, capability: 1 }],
      {
        regions: [{ name: 'a', openness: 0.5 }, { name: 'b', x: 100, openness: 0 }],
        researchOrgs: [{ region: 'a', capacity: 2, knowledge: 2, knowledgeGrowth: 0.1 }],
      },
    );
    learning(world, scenario, rng);
    // a: research 0.1·capacity 2·(2 − 1) + frontier 0.2·openness 0.5·(3 − 1); b: nothing.
    expect(world.firms.capability[0]).toBeCloseTo(1 + 0.2 + 0.2, 12);
    expect(world.firms.capability[1]).toBe(1);
    expect(world.researchOrgs.knowledge[0]).toBeCloseTo(2 * Math.exp(0.1), 12);
    expect(world.frontier).toBeCloseTo(3 * Math.exp(0.05), 12);
  });

  it('switched off, firms learn nothing (inflow reset), while research knowledge and the frontier still advance', () => {
    const { scenario, world } = setup(
      { enabled: false, spillover: 1, research: 1, frontier: 1, frontierLevel: 2, frontierGrowth: 0.1 },
      [{ capability: 1 }, { capability: 3 }],
      { researchOrgs: [{ region: 'a', knowledge: 5, knowledgeGrowth: 0.2 }] },
    );
    world.firms.learned[0] = 0.7;
    learning(world, scenario, rng);
    expect(caps(world)).toEqual([1, 3]);
    expect(world.firms.learned[0]).toBe(0);
    expect(world.frontier).toBeCloseTo(2 * Math.exp(0.1), 12);
    expect(world.researchOrgs.knowledge[0]).toBeCloseTo(5 * Math.exp(0.2), 12);
  });
});

describe('learning: geographic proximity', () => {
  /** Inflow of one firm (c = 1) alone in region a from ten firms (c = 2) in region b, 100 km away. */
  function inflow(distanceDecayKm: number, friction = 0): number {
    const { scenario, world } = setup(
      { spillover: 0.4, distanceDecayKm },
      [{ region: 0, capability: 1 }, ...many(10, { region: 1, capability: 2 })],
      {
        regions: [{ name: 'a', province: 'P' }, { name: 'b', x: 100, province: 'Q' }],
        barriers: { between: friction },
      },
    );
    learning(world, scenario, rng);
    return world.firms.learned[0];
  }

  it('spillover across regions decays with distance: w = exp(−d/δ)', () => {
    const none = inflow(0);
    const short = inflow(50);
    const long = inflow(200);
    expect(none).toBe(0); // δ = 0: knowledge does not travel
    expect(short).toBeGreaterThan(0);
    expect(long).toBeGreaterThan(short);
    const w = Math.exp(-100 / 200);
    const pool = (1 + w * 10 * 2) / (1 + w * 10);
    expect(long).toBeCloseTo(0.4 * (pool - 1), 12);
  });

  it('an administrative barrier reduces it by (1 − friction), a closed one stops it', () => {
    const open = inflow(200);
    const half = inflow(200, 0.5);
    const closed = inflow(200, 1);
    expect(half).toBeGreaterThan(0);
    expect(half).toBeLessThan(open);
    expect(closed).toBe(0);
    const w = Math.exp(-100 / 200) * 0.5;
    expect(half).toBeCloseTo(0.4 * ((1 + w * 20) / (1 + w * 10) - 1), 12);
  });
});

describe('learning: cognitive proximity (Nooteboom)', () => {
  it('cognitiveWeights is an inverted U in ring distance, peaking at θ − ν with maximum 1', () => {
    const w = Array.from(cognitiveWeights({ novelty: 0.5, reach: 1.5, maxDistance: 3 }, 12));
    expect(w).toHaveLength(7);
    expect(w[1]).toBe(1);
    expect(w[0]).toBeLessThan(w[1]);
    expect(w[2]).toBeLessThan(w[1]);
    expect(w[3]).toBeLessThan(w[2]);
    expect(w.slice(4)).toEqual([0, 0, 0]);
    const wide = Array.from(cognitiveWeights({ novelty: 0.5, reach: 3.5, maxDistance: 6 }, 12));
    const peak = wide.indexOf(Math.max(...wide));
    expect(peak).toBe(3);
    for (let d = 1; d <= 6; d++) expect(wide[d] > wide[d - 1]).toBe(d <= peak);
    // Explicit weights replace the curve.
    expect(Array.from(cognitiveWeights({ novelty: 0.5, reach: 1.5, maxDistance: 3, weights: [1, 0.5] }, 6))).toEqual([1, 0.5, 0, 0]);
  });

  /** Inflow of a firm (c = 1, segment 0, region a) from one source firm (c = 2) in region b at ring distance d. */
  function inflowAt(d: number, cognitive: LearningInput['cognitive']): number {
    const { scenario, world } = setup(
      { spillover: 0.5, distanceDecayKm: 50, cognitive },
      [{ region: 0, segment: 0, capability: 1 }, { region: 1, segment: d, capability: 2 }],
      { regions: [{ name: 'a' }, { name: 'b' }] }, // same place: geographic weight 1
    );
    learning(world, scenario, rng);
    return world.firms.learned[0];
  }

  for (const [cognitive, peak] of [
    [{}, 1],
    [{ novelty: 0.5, reach: 3.5, maxDistance: 6 }, 3],
  ] as const) {
    it(`learning from a single source region peaks at an intermediate ring distance (${JSON.stringify(cognitive)} → d = ${peak})`, () => {
      const gains = Array.from({ length: 7 }, (_, d) => inflowAt(d, cognitive));
      const best = gains.indexOf(Math.max(...gains));
      expect(best).toBe(peak);
      expect(gains[0]).toBeGreaterThan(0);
      expect(gains[0]).toBeLessThan(gains[best]);
      expect(gains[6]).toBeLessThan(gains[best]);
    });
  }
});

describe('learning: Nooteboom — learning from one source peaks at an intermediate cognitive distance', () => {
  // A learner (capability 1) alone in segment 0 and one better source (capability 2) at ring
  // distance d. The learner's pool mixes itself (weight w(0)) and the source (weight w(d)), so it
  // gains spillover·w(d)/(w(0) + w(d))·(2 − 1): too close teaches little new, too far is not absorbed.
  const gainAt = (d: number) => {
    const { scenario, world } = setup({ spillover: 0.2 }, [
      { segment: 0, capability: 1 },
      { segment: d, capability: 2 },
    ]);
    learning(world, scenario, rng);
    return world.firms.capability[0] - 1;
  };
  const gains = [0, 1, 2, 3, 4, 5, 6].map(gainAt);

  it('rises from distance 0 to a peak at 1 (= θ − ν with the defaults), then falls to 0 beyond maxDistance', () => {
    const peak = gains.indexOf(Math.max(...gains));
    expect(peak).toBe(1);
    expect(gains[1]).toBeGreaterThan(gains[0]);
    expect(gains[2]).toBeLessThan(gains[1]);
    expect(gains[3]).toBeLessThan(gains[2]);
    expect(gains[3]).toBeLessThan(gains[0]);
    expect(gains.slice(4)).toEqual([0, 0, 0]);
  });

  it('matches spillover·w(d)/(w(0) + w(d)) exactly', () => {
    const w = cognitiveWeights({ novelty: 0.5, reach: 1.5, maxDistance: 3 }, 12);
    for (let d = 0; d <= 3; d++) {
      const expected = d === 0 ? 0.2 * 0.5 : (0.2 * w[d]) / (w[0] + w[d]);
      expect(gains[d]).toBeCloseTo(expected, 12);
    }
  });
});

describe('learning: through collaboration ties', () => {
  /** No spillover: only ties teach. Firm 0 (c = 1) is the learner. */
  const tieSetup = (firms: FirmSpec[], extra: Partial<ScenarioInput> = {}, partners = 0.5, enabled = true) =>
    setup({ spillover: 0, partners }, firms, {
      mechanisms: { learning: { rdEfficiency: 0, research: 0, frontier: 0, spillover: 0, partners }, networking: { enabled } },
      ...extra,
    });

  it('adds min(1, partners·A/T)·Σ w(d)·τ·(c_k − c)⁺ / degree, a research organisation counting its knowledge with w = 1', () => {
    const { scenario, world } = tieSetup(
      [{ segment: 0, capability: 1 }, { segment: 1, capability: 2, region: 1 }, { segment: 2, capability: 0.5 }],
      { researchOrgs: [{ region: 'a', knowledge: 3, knowledgeGrowth: 0 }] },
    );
    addTie(world.ties, world.firms, 0, 1, 0.4, 0); // a pipeline: distance does not matter for a tie
    addTie(world.ties, world.firms, 0, 2, 0.9, 0); // a weaker partner teaches nothing
    addTie(world.ties, world.firms, 0, orgEndpoint(0), 0.5, 0);
    learning(world, scenario, rng);
    const w = world.cognitive;
    const expected = 1 + (0.5 * (w[1] * 0.4 * (2 - 1) + 0.5 * (3 - 1))) / 3;
    expect(world.firms.capability[0]).toBeCloseTo(expected, 12);
    expect(world.firms.capability[1]).toBe(2); // the better partner learns nothing from worse ones
    expect(world.firms.capability[2]).toBeCloseTo(0.5 + 0.5 * w[2] * 0.9 * 0.5, 12); // reads c_0 before it learned
  });

  it('ties teach nothing when networking is off (the old model) or partners = 0', () => {
    for (const [partners, enabled] of [[0.5, false], [0, true]] as const) {
      const { scenario, world } = tieSetup([{ capability: 1 }, { capability: 2, segment: 1 }], {}, partners, enabled);
      addTie(world.ties, world.firms, 0, 1, 1, 0);
      learning(world, scenario, rng);
      expect(world.firms.capability[0]).toBe(1);
    }
  });

  it('rigidity scales frontier learning by (1 − rigidity·embeddedness)', () => {
    for (const rigidity of [0, 0.5]) {
      const { scenario, world } = setup({ spillover: 0, frontier: 0.4 }, [{ capability: 1 }], {
        regions: [{ name: 'a', openness: 1 }],
        mechanisms: { learning: { rdEfficiency: 0, research: 0, spillover: 0, frontier: 0.4, frontierLevel: 2 }, networking: { enabled: true, rigidity } },
      });
      world.firms.embeddedness[0] = 0.8;
      learning(world, scenario, rng);
      expect(world.firms.capability[0]).toBeCloseTo(1 + 0.4 * (2 - 1) * (1 - rigidity * 0.8), 12);
    }
  });
});

describe('learning: absorptive capacity (Cohen & Levinthal)', () => {
  // Two laggards (c = 1, R&D 0.02 and 0.1) and a leader (c = 3) in one segment: the pool is their mean.
  const firms = [{ capability: 1, rd: 0.02 }, { capability: 1, rd: 0.1 }, { capability: 3, rd: 0 }];

  it('A = base·(1 + rdWeight·rd) scales what a firm takes from the same pool: own R&D decides it', () => {
    const { scenario, world } = setup({ spillover: 0.1, absorptive: { base: 1, rdWeight: 10 } }, firms);
    learning(world, scenario, rng);
    const [low, high] = world.firms.learned;
    expect(low).toBeCloseTo(0.1 * 1.2 * (5 / 3 - 1), 12);
    expect(high / low).toBeCloseTo(2 / 1.2, 12);
  });

  it('without rdWeight, R&D changes nothing of what is learned (the absorptive face of R&D is off)', () => {
    const { scenario, world } = setup({ spillover: 0.1, absorptive: { base: 1, rdWeight: 0 } }, firms);
    learning(world, scenario, rng);
    expect(world.firms.learned[1]).toBe(world.firms.learned[0]);
  });

  it('the capability term (c/c̄)^β favours the more capable of two laggards, for every outside source', () => {
    const two = [{ capability: 0.5 }, { capability: 1 }, { capability: 4 }];
    const { scenario, world } = setup({ spillover: 0, frontier: 0.1, absorptive: { capabilityElasticity: 1 } }, two, {
      regions: [{ name: 'a', openness: 1 }],
      mechanisms: { learning: { rdEfficiency: 0, research: 0, spillover: 0, frontier: 0.1, frontierLevel: 5, absorptive: { capabilityElasticity: 1 } } },
    });
    learning(world, scenario, rng);
    const meanC = (0.5 + 1 + 4) / 3;
    expect(world.firms.learned[0]).toBeCloseTo(0.1 * (0.5 / meanC) * (5 - 0.5), 12);
    expect(world.firms.learned[1]).toBeCloseTo(0.1 * (1 / meanC) * (5 - 1), 12);
  });
});
