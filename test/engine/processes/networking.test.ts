import { describe, expect, it } from 'vitest';
import { networking } from '../../../src/engine/processes/networking.ts';
import { Stream } from '../../../src/engine/rng.ts';
import { addTie, orgEndpoint } from '../../../src/engine/ties.ts';
import type { World } from '../../../src/engine/world.ts';
import type { ScenarioInput } from '../../../src/scenarios/schema.ts';
import { exp } from '../../../src/engine/math.ts';
import { many, scenarioOf, worldOf, type FirmSpec } from '../../support/worlds.ts';

type NetworkingInput = NonNullable<NonNullable<ScenarioInput['mechanisms']>['networking']>;

/** Two regions 100 km apart, 12 segments, four ticks a year; no formation unless asked. */
function setup(params: NetworkingInput, firms: FirmSpec[], extra: Partial<ScenarioInput> = {}, tick = 10) {
  const scenario = scenarioOf({
    ticksPerYear: 4,
    segments: { count: 12 },
    regions: [{ name: 'a' }, { name: 'b', x: 100 }],
    mechanisms: { networking: { enabled: true, formationRate: 0, ...params } },
    ...extra,
  });
  return { scenario, world: worldOf(scenario, firms, tick) };
}

const tiesOf = (world: World) =>
  Array.from({ length: world.ties.count }, (_, t) => [world.ties.a[t], world.ties.b[t]].sort((x, y) => x - y));

describe('networking', () => {
  it('does nothing when switched off: no ties, no members, no draws', () => {
    const { scenario, world } = setup({ enabled: false, formationRate: 100 }, many(10, {}), {
      promotionOrgs: [{ name: 'p', regions: ['a'], joinRate: 100 }],
    });
    const rng = new Stream('t', 'networking');
    networking(world, scenario, rng);
    expect(world.ties.count).toBe(0);
    expect(Array.from(world.firms.promo.subarray(0, 10))).toEqual(Array(10).fill(-1));
    expect(rng.uniform()).toBe(new Stream('t', 'networking').uniform());
  });

  it('promotion: members join up to ⌊budget/cost⌋ places, only from the organisation’s regions and after its start', () => {
    const firms = [...many(10, { region: 0 }), ...many(10, { region: 1 })];
    const { scenario, world } = setup({}, firms, {
      promotionOrgs: [
        { name: 'early', regions: ['a'], budgetPerYear: 9, costPerMember: 2, joinRate: 1 },
        { name: 'late', regions: ['b'], startYear: 5, joinRate: 1 },
      ],
    });
    const rng = new Stream('t', 'networking');
    for (let t = 11; t <= 19; t++) {
      world.tick = t;
      networking(world, scenario, rng);
    }
    const promo = Array.from(world.firms.promo.subarray(0, 20));
    expect(promo.filter((k) => k === 0).length).toBe(4); // ⌊9/2⌋ places, filled (joinRate 1: p = 1 per tick)
    expect(promo.slice(10).every((k) => k === -1)).toBe(true); // 'late' starts at tick 20
    world.tick = 20;
    networking(world, scenario, rng);
    expect(Array.from(world.firms.promo.subarray(10, 20))).toEqual(Array(10).fill(1));
    expect(Array.from(world.promotion.members)).toEqual([4, 10]); // recounted, then the new members
  });

  it('ties that interact gain trust g·(1 − τ)/T, co-members of an organisation faster; idle ones decay', () => {
    const { scenario, world } = setup(
      { interactionLocal: 1e9, interactionPipeline: 0, trustGrowth: 0.4, trustDecay: 0.2 },
      [{ region: 0 }, { region: 0 }, { region: 0 }, { region: 0 }, { region: 1 }],
      { promotionOrgs: [{ name: 'p', regions: ['a'], joinRate: 0, trustBoost: 1.5 }] },
    );
    world.firms.promo[2] = 0;
    world.firms.promo[3] = 0;
    addTie(world.ties, world.firms, 0, 1, 0.5, 10); // local
    addTie(world.ties, world.firms, 2, 3, 0.5, 10); // local, co-members
    addTie(world.ties, world.firms, 0, 4, 0.5, 10); // pipeline, never interacts
    world.tick = 11;
    networking(world, scenario, new Stream('t', 'networking'));
    expect(world.ties.trust[0]).toBeCloseTo(0.5 + (0.4 / 4) * 0.5, 14);
    expect(world.ties.trust[1]).toBeCloseTo(0.5 + ((0.4 * 2.5) / 4) * 0.5, 14);
    expect(world.ties.trust[2]).toBeCloseTo(0.5 * exp(-0.2 / 4), 14);
    expect(world.ties.last[0]).toBe(11);
    expect(world.ties.last[2]).toBe(10);
  });

  it('a tie idle for more than idleYears·T ticks dissolves, counted for the region of its first firm', () => {
    const { scenario, world } = setup({ interactionLocal: 0, interactionPipeline: 0, idleYears: 2 }, [{ region: 1 }, { region: 1 }, { region: 0 }]);
    addTie(world.ties, world.firms, 0, 1, 0.9, 10);
    addTie(world.ties, world.firms, 2, 1, 0.9, 12);
    const rng = new Stream('t', 'networking');
    for (let t = 11; t <= 18; t++) {
      world.tick = t;
      networking(world, scenario, rng);
    }
    expect(world.ties.count).toBe(2); // the first idle 8 ticks = 2 years: still there
    world.tick = 19;
    networking(world, scenario, rng);
    expect(world.ties.count).toBe(1);
    expect(world.ties.a[0]).toBe(2); // the later tie is the survivor
    expect(Array.from(world.counts.tiesDissolved)).toEqual([0, 1]);
    expect(Array.from(world.firms.degree.subarray(0, 3))).toEqual([0, 1, 1]);
  });

  it('embeddedness = min(1, (Σ trust of local ties + [local buyer]) / maxTies)', () => {
    const { scenario, world } = setup({ maxTies: 4, interactionLocal: 0, interactionPipeline: 0, trustDecay: 0 }, [
      { region: 0 }, { region: 0 }, { region: 0 }, { region: 1 }, { region: 0 },
    ], { researchOrgs: [{ region: 'a' }] });
    addTie(world.ties, world.firms, 0, 1, 0.5, 10);
    addTie(world.ties, world.firms, 0, 2, 0.3, 10);
    addTie(world.ties, world.firms, 0, 3, 0.9, 10); // non-local: not counted
    addTie(world.ties, world.firms, 0, orgEndpoint(0), 0.2, 10); // the org is in region a: local
    world.firms.buyer[0] = 4; // a local leader
    world.firms.buyer[3] = 4; // a leader in another region
    networking(world, scenario, new Stream('t', 'networking'));
    const e = world.firms.embeddedness;
    expect(e[0]).toBeCloseTo((0.5 + 0.3 + 0.2 + 1) / 4, 14);
    expect(e[1]).toBeCloseTo(0.5 / 4, 14);
    expect(e[3]).toBe(0);
  });

  it('pipelineShare 1 forms only non-local ties, 0 only local ones; a firm never ties to itself or twice', () => {
    for (const pipelineShare of [0, 1]) {
      const firms = [...many(20, { region: 0 }), ...many(20, { region: 1 })];
      const { scenario, world } = setup({ formationRate: 4, pipelineShare, closure: 0, researchShare: 0, distanceDecayKm: 0 }, firms);
      const rng = new Stream('t', 'networking');
      for (let t = 11; t < 31; t++) {
        world.tick = t;
        networking(world, scenario, rng);
      }
      const ties = tiesOf(world);
      expect(ties.length).toBeGreaterThan(50);
      const nonLocal = ties.filter(([a, b]) => world.firms.region[a] !== world.firms.region[b]).length;
      expect(nonLocal).toBe(pipelineShare === 1 ? ties.length : 0);
      expect(new Set(ties.map(([a, b]) => `${a}-${b}`)).size).toBe(ties.length);
      expect(ties.every(([a, b]) => a !== b)).toBe(true);
      expect(Math.max(...world.firms.degree.subarray(0, 40))).toBeLessThanOrEqual(8);
    }
  });

  it('candidates beyond the cognitive maxDistance never accept; nearer ones do', () => {
    const firms = [...many(10, { segment: 0 }), ...many(10, { segment: 6 })];
    const { scenario, world } = setup({ formationRate: 4, pipelineShare: 0, closure: 0, researchShare: 0 }, firms);
    const rng = new Stream('t', 'networking');
    for (let t = 11; t < 31; t++) {
      world.tick = t;
      networking(world, scenario, rng);
    }
    const ties = tiesOf(world);
    expect(ties.length).toBeGreaterThan(10);
    expect(ties.every(([a, b]) => world.firms.segment[a] === world.firms.segment[b])).toBe(true);
  });

  it('closure ties a firm to a partner’s partner; the research channel to an organisation of its region', () => {
    const { scenario, world } = setup({ formationRate: 1e9, closure: 1, researchShare: 0, interactionLocal: 1e9 }, many(3, {}));
    addTie(world.ties, world.firms, 0, 1, 0.5, 10);
    addTie(world.ties, world.firms, 1, 2, 0.5, 10);
    world.tick = 11;
    networking(world, scenario, new Stream('t', 'networking'));
    // Firm 0 finds 2 through 1 (or picks 0 itself and gives up); 2 finds 0 through 1. With w(0) =
    // 0.65 and C = 1 + τ ≥ 1.5, acceptance is 1 (same segment, same region).
    expect(tiesOf(world)).toContainEqual([0, 2]);
    expect(world.counts.tiesFormed[0]).toBe(1);

    const r = setup({ formationRate: 1e9, closure: 0, researchShare: 1 }, many(3, { region: 1 }), {
      researchOrgs: [{ region: 'a' }, { region: 'b' }, { region: 'b' }],
    });
    networking(r.world, r.scenario, new Stream('t', 'networking'));
    const b = Array.from(r.world.ties.b.subarray(0, r.world.ties.count));
    expect(b.length).toBe(3);
    expect(b.every((e) => e === orgEndpoint(1) || e === orgEndpoint(2))).toBe(true);
  });

  it('rigidity: a fully embedded firm (E = 1) makes no attempts when rigidity = 1', () => {
    const attempts = (rigidity: number) => {
      const { scenario, world } = setup(
        { formationRate: 1e9, rigidity, maxTies: 2, pipelineShare: 0, closure: 0, researchShare: 0, interactionLocal: 1e9, trustGrowth: 1e9 },
        [{}, {}, {}, {}],
      );
      addTie(world.ties, world.firms, 0, 1, 1, 10);
      world.firms.buyer[0] = 3; // a local leader: E_0 = (1 + 1)/2 = 1
      networking(world, scenario, new Stream('t', 'networking'));
      return world.firms.degree[0];
    };
    expect(attempts(1)).toBe(1); // no new tie
    expect(attempts(0)).toBe(2);
  });
});
