// Local increasing returns (Marshall): the related-activity field, φ per firm, and each channel
// acting where it should — market (labour pooling, shared suppliers), learning (knowledge from many
// and varied sources), spinoffs (founding) and entry (local founders). Each test compares the same
// world with the channel on and off, so it fails when the channel is removed.
import { describe, expect, it } from 'vitest';
import { agglomeration } from '../../../src/engine/processes/agglomeration.ts';
import { market } from '../../../src/engine/processes/market.ts';
import { learning } from '../../../src/engine/processes/learning.ts';
import { spinoffs } from '../../../src/engine/processes/spinoffs.ts';
import { entry } from '../../../src/engine/processes/entry.ts';
import { Stream } from '../../../src/engine/rng.ts';
import { computeMetrics, METRIC, METRICS } from '../../../src/engine/metrics.ts';
import type { ScenarioInput } from '../../../src/scenarios/schema.ts';
import { many, scenarioOf, worldOf, type FirmSpec } from '../../support/worlds.ts';

const rng = () => new Stream('test', 'local');

function setup(local: Record<string, unknown>, firms: FirmSpec[], extra: Partial<ScenarioInput> = {}) {
  const scenario = scenarioOf({
    ticksPerYear: 1,
    segments: { count: 8, demand: { base: 1000, peak: 0 }, outsideSupply: 100 },
    regions: [{ name: 'a', wage: 1, landCost: 0.4 }, { name: 'b', wage: 1, landCost: 0.4 }],
    mechanisms: { market: { fixedCost: 1 }, localReturns: { enabled: true, halfEmployment: 50, ...local } },
    ...extra,
  });
  const world = worldOf(scenario, firms, 1);
  return { scenario, world };
}

describe('agglomeration: the field of related local activity', () => {
  it('counts firms and employment within ring distance ρ in the own region, and their diversity', () => {
    const { scenario, world } = setup({ relatedDistance: 1 }, [
      { region: 0, segment: 0, employees: 10 },
      { region: 0, segment: 1, employees: 20 },
      { region: 0, segment: 7, employees: 5 }, // ring neighbour of 0
      { region: 0, segment: 3, employees: 40 }, // too far from 0 and 1
      { region: 1, segment: 0, employees: 100 }, // another region
    ]);
    agglomeration(world, scenario, rng());
    const S = 8;
    expect(world.local.employment[0 * S + 0]).toBe(35);
    expect(world.local.firms[0 * S + 0]).toBe(3);
    expect(world.local.employment[0 * S + 1]).toBe(30);
    expect(world.local.employment[1 * S + 0]).toBe(100);
    // Three firms over the three segments of the window: entropy ln 3 / ln 3 = 1.
    expect(world.local.diversity[0 * S + 0]).toBeCloseTo(1, 12);
    expect(world.local.diversity[0 * S + 1]).toBeCloseTo(Math.log(2) / Math.log(3), 12);
    expect(world.local.diversity[1 * S + 0]).toBe(0);
    // φ_i = x/(x + E½), x = the others' related employment (a firm is not its own agglomeration).
    const phi = world.firms.agglomeration;
    expect(phi[0]).toBeCloseTo(25 / 75, 12);
    expect(phi[3]).toBe(0);
    expect(phi[4]).toBe(0); // alone in its region
  });

  it('local_returns: the employment-weighted mean of φ per region and for all', () => {
    const { scenario, world } = setup({}, [
      { region: 0, segment: 0, employees: 10 },
      { region: 0, segment: 0, employees: 30 },
      { region: 1, segment: 4, employees: 20 },
    ]);
    agglomeration(world, scenario, rng());
    const out = METRICS.map(() => new Float64Array(3));
    computeMetrics(world, out, 0);
    const local = out[METRIC.local_returns];
    const phi = [30 / 80, 10 / 60, 0];
    expect(local[0]).toBeCloseTo((10 * phi[0] + 30 * phi[1]) / 40, 12);
    expect(local[1]).toBe(0);
    expect(local[2]).toBeCloseTo((10 * phi[0] + 30 * phi[1]) / 60, 12);
  });

  it('does nothing when off', () => {
    const { scenario, world } = setup({ enabled: false }, many(3, { employees: 10 }));
    agglomeration(world, scenario, rng());
    expect(Array.from(world.firms.agglomeration.subarray(0, 3))).toEqual([0, 0, 0]);
  });
});

/** Profit per tick of firm 0 after agglomeration and market. */
function profitOf(local: Record<string, unknown>, firms: FirmSpec[]): { profit: number; revenue: number } {
  const { scenario, world } = setup(local, firms);
  agglomeration(world, scenario, rng());
  market(world, scenario, rng());
  return { profit: world.firms.profit[0], revenue: world.firms.revenue[0] };
}

describe('market: labour pooling and shared suppliers', () => {
  const crowd = many(6, { segment: 2, employees: 10 }); // firm 0 sees 50 related employees: φ = ½

  it('labour pooling raises output per employee by (1 + a·φ), in supply and revenue', () => {
    const off = profitOf({ labourPooling: 0 }, crowd);
    const on = profitOf({ labourPooling: 0.4 }, crowd);
    // Supply rises by the same factor for all six firms, so the price falls: revenue × 1.2·(p_on/p_off).
    const pRatio = Math.sqrt((6 * 10 + 100) / (6 * 10 * 1.2 + 100));
    expect(on.revenue / off.revenue).toBeCloseTo(1.2 * pRatio, 10);
    expect(on.profit).toBeGreaterThan(off.profit);
  });

  it('shared suppliers lower land and fixed costs by (1 − b·φ); a lone firm gains nothing', () => {
    const off = profitOf({ sharedSuppliers: 0 }, crowd);
    const on = profitOf({ sharedSuppliers: 0.5 }, crowd);
    expect(on.profit - off.profit).toBeCloseTo(0.25 * (0.4 * 10 + 1), 10);
    const alone = [{ segment: 2, employees: 10 }, { segment: 6, employees: 50 }]; // not related
    expect(profitOf({ sharedSuppliers: 0.5 }, alone).profit).toBe(profitOf({ sharedSuppliers: 0 }, alone).profit);
  });
});

describe('learning: knowledge from many and varied local sources', () => {
  function gain(local: Record<string, unknown>, firms: FirmSpec[], absorptive: Record<string, unknown> = {}) {
    const { scenario, world } = setup({ knowledge: 0.1, halfSources: 5, ...local }, firms, {
      mechanisms: {
        localReturns: { enabled: true, halfEmployment: 50, knowledge: 0.1, halfSources: 5, ...local },
        learning: { spillover: 0, absorptive },
      },
    });
    agglomeration(world, scenario, rng());
    learning(world, scenario, rng());
    return world.firms.learned[0];
  }
  const same = (n: number) => many(n, { segment: 2, capability: 1 });

  it('grows with the number of sources, ψ = n/(n + n½), even when all are equally capable', () => {
    expect(gain({}, same(1))).toBe(0); // no other source
    expect(gain({}, same(6))).toBeCloseTo(0.1 * (5 / 10), 12);
    expect(gain({}, same(16))).toBeCloseTo(0.1 * (15 / 20), 12);
    expect(gain({ knowledge: 0 }, same(16))).toBe(0);
  });

  it('grows with the diversity of the sources (Jacobs)', () => {
    const uniform = [1, 2, 3, 1, 2, 3].map((segment) => ({ segment, capability: 1 }));
    uniform.unshift({ segment: 2, capability: 1 });
    const plain = gain({ diversityWeight: 1 }, same(7));
    const varied = gain({ diversityWeight: 1 }, uniform);
    expect(plain).toBeCloseTo(0.1 * (6 / 11), 12);
    expect(varied).toBeGreaterThan(1.9 * plain); // H ≈ 0.99 over the window 1..3
  });

  it('scales with absorptive capacity: own R&D raises what a firm learns from the same sources', () => {
    const firms = (rd: number) => [{ segment: 2, capability: 1, rd }, ...many(9, { segment: 2, capability: 1 })];
    const low = gain({}, firms(0.02), { rdWeight: 10 });
    const high = gain({}, firms(0.1), { rdWeight: 10 });
    expect(high / low).toBeCloseTo(2 / 1.2, 10);
  });
});

describe('founding: spin-offs and local founders rise with related activity', () => {
  it('spin-off probability × (1 + founding·φ)', () => {
    const firms = many(40, { segment: 2, employees: 10, capability: 1 });
    const count = (founding: number) => {
      let born = 0;
      for (let k = 0; k < 20; k++) {
        const { scenario, world } = setup({ founding }, firms, { mechanisms: {
          localReturns: { enabled: true, halfEmployment: 50, founding },
          spinoffs: { rate: 0.1, sizeElasticity: 0, capabilityElasticity: 0 },
        } });
        agglomeration(world, scenario, rng());
        const r = new Stream(`s${k}`, 'spinoffs');
        spinoffs(world, scenario, r);
        born += world.firms.count - 40;
      }
      return born;
    };
    // φ = 390/440 ≈ 0.886: the expected rate rises from 0.1 to 0.1·(1 + 2·0.886) ≈ 0.277.
    const off = count(0);
    const on = count(2);
    expect(off).toBeGreaterThan(50);
    expect(on / off).toBeGreaterThan(2.2);
    expect(on / off).toBeLessThan(3.4);
  });

  it('local founders: Poisson(ℓ·Σ e·φ) startups per year, in the region and segments of related activity', () => {
    const firms = [...many(10, { region: 0, segment: 5, employees: 20 }), { region: 1, segment: 1, employees: 200 }];
    let born = 0;
    let inA = 0;
    for (let k = 0; k < 40; k++) {
      const { scenario, world } = setup({ localEntry: 0.01 }, firms, { mechanisms: {
        localReturns: { enabled: true, halfEmployment: 50, localEntry: 0.01 },
        entry: { rate: 0 },
      } });
      agglomeration(world, scenario, rng());
      entry(world, scenario, new Stream(`e${k}`, 'entry'));
      for (let i = 11; i < world.firms.count; i++) {
        born++;
        expect(world.firms.region[i]).toBe(0); // region b has one firm: no related activity
        expect(world.firms.segment[i]).toBe(5);
        inA++;
      }
    }
    // Σ e·φ = 10·20·(180/230) ≈ 156.5 → 1.565 startups a year; 40 draws: mean ≈ 62.6, sd ≈ 7.9.
    expect(born).toBe(inA);
    expect(born).toBeGreaterThan(62.6 - 3 * 7.9);
    expect(born).toBeLessThan(62.6 + 3 * 7.9);
  });
});
