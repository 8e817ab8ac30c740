import { describe, expect, it } from 'vitest';
import { KIND } from '../../../src/engine/firms.ts';
import { EVENT } from '../../../src/engine/log.ts';
import { entry } from '../../../src/engine/processes/entry.ts';
import { market } from '../../../src/engine/processes/market.ts';
import { Stream } from '../../../src/engine/rng.ts';
import type { ScenarioInput } from '../../../src/scenarios/schema.ts';
import { chiSquareTest } from '../../support/stats.ts';
import { many, scenarioOf, worldOf, type FirmSpec } from '../../support/worlds.ts';

type EntryInput = NonNullable<NonNullable<ScenarioInput['mechanisms']>['entry']>;

function setup(params: EntryInput, firms: FirmSpec[], extra: Partial<ScenarioInput> = {}) {
  const scenario = scenarioOf({
    ticksPerYear: 1,
    segments: { count: 6, demand: { base: 100, peak: 0 } },
    regions: [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }],
    mechanisms: { entry: { segmentChoice: 'uniform', ...params } },
    ...extra,
  });
  const world = worldOf(scenario, firms, 1);
  market(world, scenario, new Stream('t', 'market')); // sets this tick's demand, which entry reads
  return { scenario, world };
}

/** Entrants of the last call per region (from the tick counts). */
const byRegion = (world: ReturnType<typeof setup>['world']) => Array.from(world.counts.entries);

const firmsPerRegion = (counts: number[]) => counts.flatMap((n, region) => many(n, { region }));

describe('entry: Arthur’s proportional rule', () => {
  for (const gamma of [1, 2]) {
    it(`chooses region r with probability ∝ a + b·n_r^γ (γ = ${gamma}; chi-square, α = 0.001)`, () => {
      const n = [1, 2, 3, 4];
      const { scenario, world } = setup(
        { rate: 20000, choice: 'proportional', proportional: { a: 1, b: 1, gamma, sequential: false } },
        firmsPerRegion(n),
      );
      entry(world, scenario, new Stream('t', 'entry'));
      const observed = byRegion(world);
      const w = n.map((k) => 1 + k ** gamma);
      const total = w.reduce((x, y) => x + y);
      const test = chiSquareTest(observed, w.map((x) => x / total));
      expect(observed.reduce((x, y) => x + y)).toBeGreaterThan(19000);
      expect(test.p).toBeGreaterThan(0.001);
      // … and it rejects the wrong rule (uniform), so it can fail.
      expect(chiSquareTest(observed, [0.25, 0.25, 0.25, 0.25]).p).toBeLessThan(1e-6);
    });
  }

  it('sequential: each entrant counts for the next (a Pólya urn within the tick)', () => {
    // a = 0, one firm in a: every entrant must go to a, with or without the update.
    const { scenario, world } = setup(
      { rate: 50, choice: 'proportional', proportional: { a: 0, b: 1, sequential: true } },
      [{ region: 0 }],
    );
    entry(world, scenario, new Stream('t', 'entry'));
    expect(byRegion(world)[0]).toBe(world.firms.count - 1);
    // Two regions of one firm each: with the update the split is Uniform, not Binomial(½).
    const spread: number[] = [];
    for (let seed = 0; seed < 300; seed++) {
      const s = setup(
        { rate: 100, choice: 'proportional', proportional: { a: 0, b: 1, sequential: true } },
        [{ region: 0 }, { region: 1 }],
      );
      entry(s.world, s.scenario, new Stream(String(seed), 'entry'));
      const [x, y] = byRegion(s.world);
      spread.push(x / (x + y));
    }
    const extreme = spread.filter((v) => v < 0.2 || v > 0.8).length / spread.length;
    expect(extreme).toBeGreaterThan(0.25); // uniform: 0.4; Binomial(100, ½): ~1e-9
  });
});

describe('entry: logit choice', () => {
  it('prefers a region with a large entry incentive: P = e^{β·s}/(e^{β·s} + 2) for otherwise equal regions', () => {
    const { scenario, world } = setup(
      { rate: 10000, choice: 'logit', logit: { subsidy: 1 } },
      [],
      { regions: [{ name: 'a' }, { name: 'b', entryIncentive: 3 }, { name: 'c' }] },
    );
    entry(world, scenario, new Stream('t', 'entry'));
    const observed = byRegion(world);
    const total = observed.reduce((x, y) => x + y);
    const p = Math.exp(3) / (Math.exp(3) + 2);
    expect(Math.abs(observed[1] / total - p)).toBeLessThan(0.015); // sd ≈ 0.003
    expect(chiSquareTest(observed, [(1 - p) / 2, p, (1 - p) / 2]).p).toBeGreaterThan(0.001);
  });

  it('prefers regions with related firms (agglomeration) and avoids costly ones', () => {
    const { scenario, world } = setup(
      { rate: 5000, choice: 'logit', segmentChoice: 'uniform', logit: { agglomeration: 1, cost: 2, knowledge: 0, labour: 0, amenity: 0 } },
      many(50, { region: 0, segment: 0 }).concat(many(50, { region: 0, segment: 3 })),
      { regions: [{ name: 'hub' }, { name: 'cheap' }, { name: 'dear', wage: 3 }], segments: { count: 6, demand: { base: 100, peak: 0 } } },
    );
    entry(world, scenario, new Stream('t', 'entry'));
    const [hub, cheap, dear] = byRegion(world);
    expect(hub).toBeGreaterThan(cheap);
    expect(cheap).toBeGreaterThan(dear);
  });
});

describe('entry: numbers and attributes of entrants', () => {
  it('entrants per tick ~ Poisson(rate/T), more when demand grows', () => {
    const flat = setup({ rate: 8 }, [], { ticksPerYear: 4 });
    const rng = new Stream('t', 'entry');
    let total = 0;
    for (let t = 0; t < 2000; t++) {
      entry(flat.world, flat.scenario, rng);
      total += byRegion(flat.world).reduce((x, y) => x + y);
      flat.world.counts.entries.fill(0);
    }
    expect(Math.abs(total / 2000 - 2)).toBeLessThan(4 * Math.sqrt(2 / 2000));
    expect(flat.world.firms.count).toBe(total);

    // Demand up 50 % over the last year with weight 2: λ doubles.
    const growing = setup({ rate: 8, demandGrowthWeight: 2 }, [], { ticksPerYear: 4 });
    growing.world.segments.demand.fill(150);
    growing.world.segments.demandYearAgo.fill(100);
    const rng2 = new Stream('t', 'entry');
    for (let t = 0; t < 2000; t++) entry(growing.world, growing.scenario, rng2);
    expect(Math.abs(growing.world.firms.count / 2000 - 4)).toBeLessThan(4 * Math.sqrt(4 / 2000));
  });

  it('entrants are startups born now with cash 0, attributes from their ranges, logged and counted', () => {
    const { scenario, world } = setup(
      { rate: 300, capability: { min: 0.8, max: 1.2 }, employees: { min: 2, max: 4 }, rd: { min: 0.01, max: 0.02 } },
      [],
    );
    entry(world, scenario, new Stream('t', 'entry'));
    const f = world.firms;
    expect(f.count).toBeGreaterThan(200);
    const employed = new Float64Array(4);
    for (let i = 0; i < f.count; i++) {
      expect(f.kind[i]).toBe(KIND.startup);
      expect(f.parent[i]).toBe(-1);
      expect(f.birth[i]).toBe(1);
      expect(f.cash[i]).toBe(0);
      expect(f.capability[i]).toBeGreaterThanOrEqual(0.8);
      expect(f.capability[i]).toBeLessThan(1.2);
      expect([2, 3, 4]).toContain(f.employees[i]);
      expect(f.rd[i]).toBeGreaterThanOrEqual(0.01);
      employed[f.region[i]] += f.employees[i];
    }
    expect(Array.from(world.regions.employed)).toEqual(Array.from(employed));
    const e = world.events;
    expect(e.count).toBe(f.count);
    for (let k = 0; k < e.count; k++) {
      expect(e.event[k]).toBe(EVENT.entry);
      expect(e.firm[k]).toBe(f.id[k]);
      expect(e.capability[k]).toBe(f.capability[k]);
    }
  });

  it('branches of multinationals arrive at their own rate with high capability', () => {
    const { scenario, world } = setup({ rate: 0, branches: { rate: 200 } }, []);
    entry(world, scenario, new Stream('t', 'entry'));
    const f = world.firms;
    expect(f.count).toBeGreaterThan(150);
    for (let i = 0; i < f.count; i++) {
      expect(f.kind[i]).toBe(KIND.branch);
      expect(f.capability[i]).toBeGreaterThanOrEqual(1.5);
      expect(f.employees[i]).toBeGreaterThanOrEqual(20);
    }
    expect(Array.from(world.counts.branchEntries)).toEqual(Array.from(world.counts.entries));
  });

  it('chooses segments in proportion to demand with segmentChoice = demand', () => {
    const { scenario, world } = setup(
      { rate: 12000, segmentChoice: 'demand' },
      [],
      { segments: { count: 3, demand: { base: 100, peak: 0 }, perSegment: [{ segment: 2, base: 400 }] } },
    );
    entry(world, scenario, new Stream('t', 'entry'));
    const counts = [0, 0, 0];
    for (let i = 0; i < world.firms.count; i++) counts[world.firms.segment[i]]++;
    expect(chiSquareTest(counts, [1 / 6, 1 / 6, 4 / 6]).p).toBeGreaterThan(0.001);
  });

  it('does nothing when switched off', () => {
    const { scenario, world } = setup({ enabled: false, rate: 1000 }, []);
    entry(world, scenario, new Stream('t', 'entry'));
    expect(world.firms.count).toBe(0);
  });
});

describe('entry: positions inside the segment (differentiation on)', () => {
  it('entrants draw a position U[0, 1); initial firms too; off, every position is 0', () => {
    const { scenario, world } = setup({ rate: 2000 }, [], { mechanisms: { entry: { segmentChoice: 'uniform', rate: 2000 }, market: { differentiation: { enabled: true } } } });
    entry(world, scenario, new Stream('t', 'entry'));
    const f = world.firms;
    expect(f.count).toBeGreaterThan(1800);
    const quarters = [0, 0, 0, 0];
    for (let i = 0; i < f.count; i++) quarters[Math.floor(f.variety[i] * 4)]++;
    expect(chiSquareTest(quarters, [0.25, 0.25, 0.25, 0.25]).p).toBeGreaterThan(0.001);
    const initial = worldOf(scenarioOf({ firms: { generate: { count: 50 } }, mechanisms: { market: { differentiation: { enabled: true } } } }));
    expect(new Set(Array.from(initial.firms.variety.subarray(0, 50))).size).toBe(50);

    const off = setup({ rate: 50 }, []);
    entry(off.world, off.scenario, new Stream('t', 'entry'));
    expect(off.world.firms.count).toBeGreaterThan(0);
    expect(Array.from(off.world.firms.variety.subarray(0, off.world.firms.count)).every((v) => v === 0)).toBe(true);
  });
});
