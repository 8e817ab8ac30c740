// Positions on the circle inside a segment and the crowding ρ that the market prices: helpers,
// and the histogram convolution against the pairwise sum it replaces.
import { describe, expect, it } from 'vitest';
import { Stream } from '../../src/engine/rng.ts';
import { circleDistance, computeCrowding, midpoint, near, wrap } from '../../src/engine/variety.ts';
import { scenarioOf, worldOf } from '../support/worlds.ts';

const on = (p: Record<string, unknown> = {}) =>
  scenarioOf({ segments: { count: 3 }, mechanisms: { market: { differentiation: { enabled: true, ...p } } } });

describe('positions on the circle', () => {
  it('wrap, distance and midpoint go the short way round', () => {
    expect(wrap(1.25)).toBeCloseTo(0.25, 15);
    expect(wrap(-0.25)).toBeCloseTo(0.75, 15);
    expect(wrap(-1e-18)).toBe(0); // would round to 1
    expect(circleDistance(0.05, 0.95)).toBeCloseTo(0.1, 15);
    expect(circleDistance(0.2, 0.6)).toBeCloseTo(0.4, 15);
    expect(midpoint(0.9, 0.1)).toBeCloseTo(0, 12);
    expect(midpoint(0.2, 0.4)).toBeCloseTo(0.3, 15);
    expect(midpoint(0.1, 0.8)).toBeCloseTo(0.95, 15);
  });

  it('near(v, noise) stays within noise of v on the circle', () => {
    const rng = new Stream('t', 'variety');
    for (let k = 0; k < 1000; k++) {
      const v = near(0.98, 0.05, rng);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
      expect(circleDistance(v, 0.98)).toBeLessThanOrEqual(0.05 + 1e-12);
    }
  });
});

describe('computeCrowding', () => {
  it('an even spread has ρ = 1; a crowd at one position has ρ = 1/k̄', () => {
    const scenario = on({ width: 0.1, bins: 50 });
    const even = worldOf(scenario, Array.from({ length: 10 }, () => ({ segment: 1, capability: 1, employees: 4 })));
    for (let i = 0; i < 10; i++) even.firms.variety[i] = i / 10 + 0.001;
    computeCrowding(even, scenario.mechanisms.market.differentiation);
    for (let i = 0; i < 10; i++) expect(even.firms.crowding[i]).toBeCloseTo(1, 12);

    const crowd = worldOf(scenario, Array.from({ length: 10 }, () => ({ segment: 1, capability: 1, employees: 4 })));
    for (let i = 0; i < 10; i++) crowd.firms.variety[i] = 0.5;
    computeCrowding(crowd, scenario.mechanisms.market.differentiation);
    // k̄ = (1 + 2·(0.8 + 0.6 + 0.4 + 0.2))/50 = 0.1 for w = 0.1, 50 bins.
    for (let i = 0; i < 10; i++) expect(crowd.firms.crowding[i]).toBeCloseTo(10, 12);
  });

  it('equals the pairwise sum at bin-centre distances, segment by segment (random firms)', () => {
    const scenario = on({ width: 0.13, bins: 40 });
    const rng = new Stream('t', 'positions');
    const world = worldOf(scenario, Array.from({ length: 200 }, () => ({
      segment: rng.int(0, 2), capability: rng.range(0.5, 2), employees: rng.int(1, 30),
    })));
    const f = world.firms;
    for (let i = 0; i < f.count; i++) f.variety[i] = rng.uniform();
    computeCrowding(world, scenario.mechanisms.market.differentiation);
    const B = 40;
    const w = 0.13;
    const K = (d: number) => Math.max(0, 1 - d / w);
    let kbar = 0;
    for (let b = 0; b < B; b++) kbar += K(circleDistance(0, b / B));
    kbar /= B;
    for (let i = 0; i < f.count; i++) {
      let near = 0;
      let total = 0;
      for (let j = 0; j < f.count; j++) {
        if (f.segment[j] !== f.segment[i]) continue;
        const q = f.capability[j] * f.employees[j];
        total += q;
        near += K(circleDistance(Math.floor(f.variety[i] * B) / B, Math.floor(f.variety[j] * B) / B)) * q;
      }
      expect(f.crowding[i]).toBeCloseTo(near / (kbar * total), 9);
    }
  });
});
