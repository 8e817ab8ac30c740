// The differentiation columns of timeseries.csv on hand-built worlds: evenness of positions,
// supply-weighted crowding and the mean margin, per region and for `all`.
import { describe, expect, it } from 'vitest';
import { computeMetrics, METRICS } from '../../src/engine/metrics.ts';
import { computeCrowding } from '../../src/engine/variety.ts';
import type { World } from '../../src/engine/world.ts';
import { scenarioOf, worldOf } from '../support/worlds.ts';

function metricsOf(world: World): Record<string, number[]> {
  const out = METRICS.map(() => new Float64Array(world.regions.count + 1));
  computeMetrics(world, out, 0);
  return Object.fromEntries(METRICS.map((m, j) => [m.name, Array.from(out[j])]));
}

describe('variety metrics', () => {
  const scenario = scenarioOf({
    regions: [{ name: 'a' }, { name: 'b' }], segments: { count: 2 },
    mechanisms: { market: { differentiation: { enabled: true, width: 0.1, bins: 50 } } },
  });

  it('position_variety: 1 for firms spread over the bins, 0 for firms at one position; segments of one firm skipped', () => {
    const w = worldOf(scenario, [
      ...[0, 1, 2, 3].map(() => ({ region: 0, segment: 0 })),
      ...[0, 1, 2].map(() => ({ region: 1, segment: 0 })),
      { region: 1, segment: 1 },
    ]);
    [0.05, 0.25, 0.55, 0.85].forEach((v, i) => (w.firms.variety[i] = v)); // a: 4 firms in 4 bins
    [4, 5, 6].forEach((i) => (w.firms.variety[i] = 0.42)); // b: 3 firms in one bin
    w.firms.variety[7] = 0.9; // b's lone firm of segment 1: skipped
    const m = metricsOf(w);
    expect(m.position_variety[0]).toBeCloseTo(1, 12);
    expect(m.position_variety[1]).toBe(0);
    // all: segment 0 has 7 firms in 5 bins: counts 1,1,1,1,3 over ln 7.
    const h = -(4 * (1 / 7) * Math.log(1 / 7) + (3 / 7) * Math.log(3 / 7));
    expect(m.position_variety[2]).toBeCloseTo(h / Math.log(7), 12);
  });

  it('niche_crowding is the supply-weighted mean of ρ; margin the mean of profit/revenue over firms', () => {
    const w = worldOf(scenario, [
      { region: 0, segment: 0, capability: 1, employees: 10 },
      { region: 0, segment: 0, capability: 1, employees: 30 },
      { region: 1, segment: 1, capability: 2, employees: 5 },
    ]);
    w.firms.variety[0] = 0.1;
    w.firms.variety[1] = 0.6;
    computeCrowding(w, scenario.mechanisms.market.differentiation);
    const rho = Array.from(w.firms.crowding.subarray(0, 3));
    expect(rho).toEqual([2.5, 7.5, 10].map((x) => expect.closeTo(x, 12))); // q/(k̄·Q), k̄ = 0.1
    w.firms.revenue.set([10, 20, 0]);
    w.firms.profit.set([2, -4, -1]);
    const m = metricsOf(w);
    expect(m.niche_crowding[0]).toBeCloseTo((10 * 2.5 + 30 * 7.5) / 40, 12);
    expect(m.niche_crowding[2]).toBeCloseTo((10 * 2.5 + 30 * 7.5 + 10 * 10) / 50, 12);
    expect(m.margin[0]).toBeCloseTo((0.2 - 0.2) / 2, 12);
    expect(m.margin[1]).toBe(-1); // no revenue: counts −1
    expect(m.margin[2]).toBeCloseTo((0.2 - 0.2 - 1) / 3, 12);
  });
});
