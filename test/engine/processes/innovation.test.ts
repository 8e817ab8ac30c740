import { describe, expect, it } from 'vitest';
import { innovation } from '../../../src/engine/processes/innovation.ts';
import { market } from '../../../src/engine/processes/market.ts';
import { Stream } from '../../../src/engine/rng.ts';
import { addTie } from '../../../src/engine/ties.ts';
import type { ScenarioInput } from '../../../src/scenarios/schema.ts';
import { many, scenarioOf, worldOf, type FirmSpec } from '../../support/worlds.ts';

type InnovationInput = NonNullable<NonNullable<ScenarioInput['mechanisms']>['innovation']>;

/** Innovation with only the given kinds; no rate modifiers unless asked; no imitation unless asked. */
function setup(params: InnovationInput, firms: FirmSpec[], extra: Partial<ScenarioInput> = {}) {
  const scenario = scenarioOf({
    ticksPerYear: 4,
    segments: { count: 12 },
    mechanisms: {
      innovation: { rdWeight: 0, capabilityElasticity: 0, inflowWeight: 0, imitation: { enabled: false }, ...params },
    },
    ...extra,
  });
  return { scenario, world: worldOf(scenario, firms, 8) };
}

describe('innovation', () => {
  it('process innovations arrive with probability 1 − exp(−λ/T) and multiply capability by 1 + jump', () => {
    const n = 8000;
    const { scenario, world } = setup(
      { rate: 0.8, shares: { process: 1, product: 0, recombination: 0 }, processJump: 0.25 },
      many(n, { capability: 2 }),
    );
    innovation(world, scenario, new Stream('t', 'innovation'));
    let jumped = 0;
    for (let i = 0; i < n; i++) {
      const c = world.firms.capability[i];
      if (c !== 2) {
        expect(c).toBeCloseTo(2.5, 12);
        jumped++;
      }
    }
    const p = 1 - Math.exp(-0.8 / 4);
    expect(Math.abs(jumped / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    expect(world.counts.innovations[0]).toBe(jumped);
    expect(world.counts.processInnovations[0]).toBe(jumped); // counted by kind as well
    expect(world.counts.productInnovations[0]).toBe(0);
  });

  it('the rate grows with R&D, relative capability and knowledge inflow', () => {
    const n = 6000;
    const count = (params: InnovationInput, firm: FirmSpec, learned = 0) => {
      const { scenario, world } = setup({ rate: 0.4, shares: { process: 1, product: 0, recombination: 0 }, ...params }, [
        ...many(n, firm),
        ...many(n, { capability: 1 }), // the reference population for c̄
      ]);
      world.firms.learned.fill(learned, 0, n);
      innovation(world, scenario, new Stream('t', 'innovation'));
      let k = 0;
      for (let i = 0; i < n; i++) if (world.firms.capability[i] !== firm.capability) k++;
      return k;
    };
    const base = count({}, { capability: 1 });
    expect(count({ rdWeight: 20 }, { capability: 1, rd: 0.1 })).toBeGreaterThan(base * 2); // λ × 3
    expect(count({ capabilityElasticity: 1 }, { capability: 3 })).toBeGreaterThan(base * 1.3); // c/c̄ = 1.5
    expect(count({ inflowWeight: 10 }, { capability: 1 }, 0.05)).toBeGreaterThan(base * 2.5); // × (1 + 10·0.05·4)
  });

  it('product innovations move to the faster-growing neighbouring segment', () => {
    const { scenario, world } = setup(
      { rate: 1e6, shares: { process: 0, product: 1, recombination: 0 }, productJump: 0.1 },
      [{ segment: 5, capability: 1 }, { segment: 0, capability: 1 }],
      {
        ticksPerYear: 1,
        segments: {
          count: 12,
          demand: { base: 100, peak: 0 },
          perSegment: [{ segment: 6, peak: 1000, midYear: 8, growth: 1 }, { segment: 11, peak: 1000, midYear: 8, growth: 0.5 }],
        },
      },
    );
    market(world, scenario, new Stream('t', 'market')); // demand now and a year ago
    innovation(world, scenario, new Stream('t', 'innovation'));
    expect(world.firms.segment[0]).toBe(6); // up from 5: growing
    expect(world.firms.segment[1]).toBe(11); // down from 0 (ring): growing
    expect(world.firms.capability[0]).toBeCloseTo(1.1, 12);
    expect([world.counts.productInnovations[0], world.counts.processInnovations[0]]).toEqual([2, 0]);
  });

  it('recombination: partners at an allowed ring distance give a position between them and max(c)·(1 + bonus)', () => {
    const { scenario, world } = setup(
      { rate: 1e6, shares: { process: 0, product: 0, recombination: 1 }, recombinationDistance: { min: 2, max: 4 }, recombinationBonus: 0.2 },
      [{ segment: 0, capability: 1 }, { segment: 4, capability: 2 }],
    );
    // Only one draw of partner per firm: with two firms the partner is either itself (no event) or the other.
    const rng = new Stream('t', 'innovation');
    for (let t = 0; t < 20 && world.counts.innovations[0] === 0; t++) innovation(world, scenario, rng);
    expect(world.counts.innovations[0]).toBeGreaterThan(0);
    const f = world.firms;
    // Whoever recombined first moved half-way (2 steps) toward the other and took 2·1.2.
    const moved = [0, 1].filter((i) => f.segment[i] === 2);
    expect(moved.length).toBeGreaterThan(0);
    for (const i of moved) expect(f.capability[i]).toBeCloseTo(2.4, 12);
  });

  it('recombination fails for partners too close or too far on the ring', () => {
    const { scenario, world } = setup(
      { rate: 1e6, shares: { process: 0, product: 0, recombination: 1 }, recombinationDistance: { min: 2, max: 3 } },
      [{ segment: 0, capability: 1 }, { segment: 1, capability: 2 }, { segment: 6, capability: 3 }],
    );
    const rng = new Stream('t', 'innovation');
    for (let t = 0; t < 50; t++) innovation(world, scenario, rng);
    expect(world.counts.innovations[0]).toBe(0);
    expect(Array.from(world.firms.segment.subarray(0, 3))).toEqual([0, 1, 6]);
  });

  it('imitation: firms below the regional mean margin copy the best firm’s segment and close part of the gap', () => {
    const { scenario, world } = setup(
      { enabled: true, rate: 0, imitation: { enabled: true, rate: 1, gain: 0.5 } },
      [
        { segment: 3, capability: 3, employees: 10, profit: 50 }, // the best: margin 5
        { segment: 7, capability: 1, employees: 10, profit: 0 }, // below the mean margin (2)
        { segment: 9, capability: 1, employees: 10, profit: 10 }, // margin 1: below
        { segment: 1, capability: 1, employees: 10, profit: 25 }, // margin 2.5: above the mean, keeps
      ],
    );
    innovation(world, scenario, new Stream('t', 'innovation'));
    const f = world.firms;
    expect(Array.from(f.segment.subarray(0, 4))).toEqual([3, 3, 3, 1]);
    expect(Array.from(f.capability.subarray(0, 4))).toEqual([3, 2, 2, 1]);
    expect(world.counts.imitations[0]).toBe(2);
  });

  it('imitation: firms above imitation.maxEmployees keep their position', () => {
    const { scenario, world } = setup(
      { enabled: true, rate: 0, imitation: { enabled: true, rate: 1, gain: 0.5, maxEmployees: 50 } },
      [
        { segment: 3, capability: 3, employees: 10, profit: 50 }, // the best
        { segment: 7, capability: 1, employees: 10, profit: 0 }, // small, below the mean: imitates
        { segment: 9, capability: 1, employees: 100, profit: 0 }, // large, below the mean: does not
      ],
    );
    innovation(world, scenario, new Stream('t', 'innovation'));
    expect(Array.from(world.firms.segment.subarray(0, 3))).toEqual([3, 3, 9]);
    expect(world.counts.imitations[0]).toBe(1);
  });

  it('does nothing when switched off', () => {
    const { scenario, world } = setup({ enabled: false, rate: 1e6 }, [{ capability: 1 }]);
    innovation(world, scenario, new Stream('t', 'innovation'));
    expect(world.firms.capability[0]).toBe(1);
  });
});

describe('innovation: recombination through ties', () => {
  it('with partnerRecombination 1, a firm with ties recombines with a tie partner, even in another region', () => {
    const { scenario, world } = setup(
      { rate: 1e6, shares: { process: 0, product: 0, recombination: 1 }, recombinationDistance: { min: 2, max: 4 }, recombinationBonus: 0.2, partnerRecombination: 1 },
      [{ segment: 0, capability: 1 }, { segment: 0, capability: 1.5 }, { segment: 4, capability: 2, region: 1 }],
      { regions: [{ name: 'a' }, { name: 'b' }], mechanisms: { networking: { enabled: true }, innovation: { rate: 1e6, shares: { process: 0, product: 0, recombination: 1 }, recombinationDistance: { min: 2, max: 4 }, recombinationBonus: 0.2, partnerRecombination: 1, rdWeight: 0, capabilityElasticity: 0, inflowWeight: 0, imitation: { enabled: false } } } },
    );
    addTie(world.ties, world.firms, 0, 2, 0.5, 0);
    innovation(world, scenario, new Stream('t', 'innovation'));
    // Firm 0's only partner is firm 2 (distance 4): it moves 2 steps toward it and takes 2·1.2.
    expect(world.firms.segment[0]).toBe(2);
    expect(world.firms.capability[0]).toBeCloseTo(2.4, 12);
    expect(world.counts.innovations[0]).toBeGreaterThanOrEqual(1);
    // Firm 1 has no ties: its regional partner (itself or firm 0, now at distance 2) — never firm 2.
    expect(world.firms.capability[1]).not.toBeCloseTo(2.4, 12);
  });

  it('with networking off, ties are ignored and the draws are those of the old model', () => {
    const firms = [{ segment: 0, capability: 1 }, { segment: 3, capability: 2 }, { segment: 6, capability: 3 }];
    const params = { rate: 3, shares: { process: 0.3, product: 0, recombination: 0.7 }, partnerRecombination: 1 };
    const a = setup(params, firms);
    const b = setup(params, firms);
    addTie(b.world.ties, b.world.firms, 0, 2, 0.5, 0);
    const ra = new Stream('t', 'innovation');
    const rb = new Stream('t', 'innovation');
    for (let t = 0; t < 20; t++) {
      innovation(a.world, a.scenario, ra);
      innovation(b.world, b.scenario, rb);
    }
    expect(Array.from(b.world.firms.capability.subarray(0, 3))).toEqual(Array.from(a.world.firms.capability.subarray(0, 3)));
    expect(rb.uniform()).toBe(ra.uniform());
  });
});

describe('innovation: positions inside the segment (differentiation on)', () => {
  const diff = { market: { differentiation: { enabled: true, imitationNoise: 0.01 } } };

  it('an imitator moves to the imitated firm’s position ± imitationNoise, with its segment', () => {
    const { scenario, world } = setup(
      { enabled: true, rate: 0, imitation: { enabled: true, rate: 1, gain: 0.5 } },
      [
        { segment: 3, capability: 3, employees: 10, profit: 50 }, // the best
        { segment: 7, capability: 1, employees: 10, profit: 0 }, // below the mean: imitates
        { segment: 1, capability: 1, employees: 10, profit: 45 }, // above the mean: keeps
      ],
      { mechanisms: { innovation: { rdWeight: 0, capabilityElasticity: 0, inflowWeight: 0, rate: 0, imitation: { enabled: true, rate: 1, gain: 0.5 } }, ...diff } },
    );
    const f = world.firms;
    f.variety[0] = 0.995;
    f.variety[1] = 0.4;
    f.variety[2] = 0.6;
    innovation(world, scenario, new Stream('t', 'innovation'));
    expect(f.segment[1]).toBe(3);
    expect(Math.min(Math.abs(f.variety[1] - 0.995), 1 - Math.abs(f.variety[1] - 0.995))).toBeLessThanOrEqual(0.01 + 1e-12);
    expect(f.variety[2]).toBe(0.6);
  });

  it('a product innovation jumps to a new position; a recombination takes the midpoint', () => {
    const product = setup({ rate: 1e6, shares: { process: 0, product: 1, recombination: 0 } }, many(200, { capability: 1 }), {
      mechanisms: { innovation: { rdWeight: 0, capabilityElasticity: 0, inflowWeight: 0, rate: 1e6, shares: { process: 0, product: 1, recombination: 0 }, imitation: { enabled: false } }, ...diff },
    });
    for (let i = 0; i < 200; i++) product.world.firms.variety[i] = 0.5;
    innovation(product.world, product.scenario, new Stream('t', 'innovation'));
    const v = Array.from(product.world.firms.variety.subarray(0, 200));
    expect(v.filter((x) => x < 0.25).length).toBeGreaterThan(30); // U[0, 1): about 50 of 200
    expect(v.filter((x) => x >= 0.75).length).toBeGreaterThan(30);

    const recomb = setup({}, [{ segment: 0, capability: 1 }, { segment: 2, capability: 2 }], {
      mechanisms: { innovation: { rdWeight: 0, capabilityElasticity: 0, inflowWeight: 0, rate: 1e6, shares: { process: 0, product: 0, recombination: 1 }, recombinationDistance: { min: 2, max: 2 }, imitation: { enabled: false } }, ...diff },
    });
    const f = recomb.world.firms;
    f.variety[0] = 0.9;
    f.variety[1] = 0.3;
    // With two firms the partner drawn is either itself (no event) or the other; the first event
    // moves one firm to the midpoint, through 0: 0.1; then they are 1 segment apart (no more events).
    const rng = new Stream('t', 'innovation');
    for (let t = 0; t < 20 && recomb.world.counts.innovations[0] === 0; t++) innovation(recomb.world, recomb.scenario, rng);
    expect(recomb.world.counts.innovations[0]).toBe(1);
    const moved = [0, 1].filter((i) => f.segment[i] === 1);
    expect(moved.length).toBe(1);
    expect(f.variety[moved[0]]).toBeCloseTo(0.1, 12);
  });
});
