import { describe, expect, it } from 'vitest';
import { addFirm, KIND, ROLE } from '../../src/engine/firms.ts';
import { computeMetrics, METRIC, METRICS, SUM_METRICS } from '../../src/engine/metrics.ts';
import { Stream } from '../../src/engine/rng.ts';
import { run } from '../../src/engine/run.ts';
import { rowOf } from '../../src/engine/series.ts';
import { createWorld, type World } from '../../src/engine/world.ts';
import { bundledNames } from '../../src/scenarios/bundled.ts';
import { loadScenario, withOverrides } from '../../src/scenarios/load.ts';
import { scenarioSchema } from '../../src/scenarios/schema.ts';

interface FirmSpec {
  region: number;
  segment: number;
  employees: number;
  capability?: number;
  revenue?: number;
  profit?: number;
  birth?: number;
}

/** A world with the given regions and segments and hand-placed firms (no processes run). */
function worldWith(regions: number, segments: number, specs: FirmSpec[], tick = 0): World {
  const scenario = scenarioSchema.parse({
    ticks: 10,
    segments: { count: segments },
    regions: Array.from({ length: regions }, (_, r) => ({ name: `r${r}`, wage: 1 + r, labourPool: 1000 })),
  });
  const world = createWorld(scenario, new Stream('1', 'init'));
  for (const f of specs) {
    const i = addFirm(world.firms, {
      parent: -1, kind: KIND.startup, role: ROLE.independent, champion: false, region: f.region,
      segment: f.segment, birth: f.birth ?? 0, capability: f.capability ?? 1, employees: f.employees,
      cash: 0, rd: 0.05,
    });
    world.firms.revenue[i] = f.revenue ?? 0;
    world.firms.profit[i] = f.profit ?? 0;
    world.regions.employed[f.region] += f.employees;
  }
  world.tick = tick;
  return world;
}

/** The metrics as { name: [region 0, …, region R−1, all] }. */
function metricsOf(world: World): Record<string, number[]> {
  const R = world.regions.count;
  const out = METRICS.map(() => new Float64Array(R + 1));
  computeMetrics(world, out, 0);
  return Object.fromEntries(METRICS.map((m, j) => [m.name, Array.from(out[j])]));
}

const entropy = (xs: number[]): number => {
  const total = xs.reduce((a, b) => a + b, 0);
  return -xs.reduce((h, x) => (x > 0 ? h + (x / total) * Math.log(x / total) : h), 0);
};

describe('METRICS', () => {
  it('has unique snake_case names in the documented order', () => {
    const names = METRICS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(names.slice(0, 4)).toEqual(['firms', 'employment', 'output', 'profit']);
    // policy_spend after the network columns (network-metrics.ts), then the kinds of upgrading, then
    // differentiation (variety-metrics.ts), local returns, then the promotion organisations' members.
    const spend = names.indexOf('policy_spend');
    expect(names[spend - 1]).toBe('skill');
    expect(names.slice(spend + 1)).toEqual([
      'process_innovations', 'product_innovations', 'functional_upgrades', 'intersectoral_upgrades', 'function_mean',
      'position_variety', 'niche_crowding', 'margin', 'local_returns',
      'members', 'members_large', 'members_sme', 'members_research', 'members_other', 'member_sme_share', 'promotion_budget',
      'parts_province_supply_ratio',
    ]);
    expect(METRIC.employment).toBe(1);
  });
});

describe('computeMetrics', () => {
  it('counts firms and sums employment, output and profit per region and for all', () => {
    const w = worldWith(2, 4, [
      { region: 0, segment: 0, employees: 10, revenue: 5, profit: 1 },
      { region: 0, segment: 1, employees: 30, revenue: 7, profit: -2 },
      { region: 1, segment: 2, employees: 5, revenue: 1, profit: 0.5 },
    ]);
    const m = metricsOf(w);
    expect(m.firms).toEqual([2, 1, 3]);
    expect(m.employment).toEqual([40, 5, 45]);
    expect(m.output).toEqual([48, 4, 52]); // per tick × 4 ticks per year
    expect(m.profit).toEqual([-4, 2, -2]);
    expect(m.mean_size).toEqual([20, 5, 15]);
  });

  it('computes capability mean and top, mean age and the supply-weighted price', () => {
    const w = worldWith(2, 2, [
      // revenue per tick = price · capability · employees / ticksPerYear, with price 3 and 1.
      { region: 0, segment: 0, employees: 10, capability: 1, revenue: (3 * 1 * 10) / 4, birth: 0 },
      { region: 0, segment: 1, employees: 10, capability: 3, revenue: (1 * 3 * 10) / 4, birth: 8 },
      { region: 1, segment: 0, employees: 4, capability: 2, revenue: (3 * 2 * 4) / 4, birth: 4 },
    ], 16);
    const m = metricsOf(w);
    expect(m.capability_mean[0]).toBeCloseTo(2);
    expect(m.capability_mean[2]).toBeCloseTo(2);
    expect(m.capability_top).toEqual([3, 2, 3]);
    expect(m.mean_age_years[0]).toBeCloseTo((4 + 2) / 2);
    expect(m.mean_age_years[2]).toBeCloseTo((4 + 2 + 3) / 3);
    expect(m.price_mean[0]).toBeCloseTo((30 + 30) / (10 + 30)); // Σ annual revenue / Σ c·e
    expect(m.price_mean[1]).toBeCloseTo(3);
  });

  it('gives diversity 1 for an even split over S segments and 0 for a single segment', () => {
    const S = 12;
    const even = worldWith(1, S, Array.from({ length: S }, (_, s) => ({ region: 0, segment: s, employees: 7 })));
    expect(metricsOf(even).diversity[0]).toBeCloseTo(1, 12);
    const single = worldWith(1, S, [{ region: 0, segment: 5, employees: 3 }, { region: 0, segment: 5, employees: 9 }]);
    const m = metricsOf(single);
    expect(m.diversity[0]).toBe(0);
    expect(m.related_variety[0]).toBe(0);
    expect(m.unrelated_variety[0]).toBe(0);
  });

  it('splits the entropy into unrelated (between blocks of 3) and related (within) variety', () => {
    const S = 12;
    const even = metricsOf(worldWith(1, S, Array.from({ length: S }, (_, s) => ({ region: 0, segment: s, employees: 1 }))));
    expect(even.unrelated_variety[0]).toBeCloseTo(Math.log(4), 12);
    expect(even.related_variety[0]).toBeCloseTo(Math.log(3), 12);
    // Three segments of one block: all variety is related.
    const oneBlock = metricsOf(worldWith(1, S, [0, 1, 2].map((s) => ({ region: 0, segment: s, employees: 5 }))));
    expect(oneBlock.unrelated_variety[0]).toBe(0);
    expect(oneBlock.related_variety[0]).toBeCloseTo(Math.log(3), 12);
    // One segment in each of three blocks: all variety is unrelated.
    const spread = metricsOf(worldWith(1, S, [0, 3, 6].map((s) => ({ region: 0, segment: s, employees: 5 }))));
    expect(spread.related_variety[0]).toBeCloseTo(0, 12);
    expect(spread.unrelated_variety[0]).toBeCloseTo(Math.log(3), 12);
  });

  it('satisfies H = unrelated + related for an uneven split, with a short last block (S = 7)', () => {
    const S = 7;
    const emp = [3, 0, 11, 2, 5, 1, 8];
    const m = metricsOf(worldWith(1, S, emp.map((e, s) => ({ region: 0, segment: s, employees: e })).filter((f) => f.employees > 0)));
    const h = entropy(emp);
    expect(m.unrelated_variety[0] + m.related_variety[0]).toBeCloseTo(h, 12);
    expect(m.unrelated_variety[0]).toBeCloseTo(entropy([3 + 0 + 11, 2 + 5 + 1, 8]), 12);
    expect(m.diversity[0]).toBeCloseTo(h / Math.log(S), 12);
  });

  it('gives HHI 1/n for n equal firms and 1 for a monopoly', () => {
    const n = 8;
    const m = metricsOf(worldWith(2, 3, [
      ...Array.from({ length: n }, (_, k) => ({ region: 0, segment: k % 3, employees: 6 })),
      { region: 1, segment: 0, employees: 50 },
    ]));
    expect(m.hhi[0]).toBeCloseTo(1 / n, 12);
    expect(m.hhi[1]).toBe(1);
    expect(m.hhi[2]).toBeCloseTo((n * 36 + 2500) / (48 + 50) ** 2, 12);
  });

  it('makes the all row the sum of the region rows for additive metrics, counts included', () => {
    const w = worldWith(3, 5, [
      { region: 0, segment: 0, employees: 3, revenue: 2, profit: 1 },
      { region: 1, segment: 4, employees: 8, revenue: 1, profit: 0.25 },
      { region: 2, segment: 2, employees: 1, revenue: 0.5, profit: -1 },
      { region: 2, segment: 3, employees: 4, revenue: 3, profit: 2 },
    ]);
    const c = w.counts;
    c.entries.set([1, 2, 3]); c.branchEntries.set([0, 1, 1]); c.exits.set([4, 0, 1]);
    c.spinoffs.set([2, 2, 0]); c.academicSpinoffs.set([0, 0, 5]); c.innovations.set([7, 1, 0]);
    c.imitations.set([0, 3, 1]);
    const m = metricsOf(w);
    expect(SUM_METRICS).toContain('entries');
    expect(SUM_METRICS).toContain('labour_pool');
    for (const name of SUM_METRICS) {
      const [a, b, d, all] = m[name];
      expect(all, name).toBeCloseTo(a + b + d, 12);
    }
    expect(m.entries).toEqual([1, 2, 3, 6]);
    expect(m.imitations).toEqual([0, 3, 1, 4]);
  });

  it('counts the four kinds of upgrading per region and averages the value-chain function', () => {
    const w = worldWith(2, 4, [
      { region: 0, segment: 0, employees: 1 },
      { region: 0, segment: 1, employees: 1 },
      { region: 1, segment: 2, employees: 1 },
    ]);
    w.firms.function.set([0, 3, 2]);
    const c = w.counts;
    c.processInnovations.set([2, 1]); c.productInnovations.set([0, 4]);
    c.functionalUpgrades.set([1, 0]); c.intersectoralUpgrades.set([0, 2]);
    const m = metricsOf(w);
    expect(m.process_innovations).toEqual([2, 1, 3]);
    expect(m.product_innovations).toEqual([0, 4, 4]);
    expect(m.functional_upgrades).toEqual([1, 0, 1]);
    expect(m.intersectoral_upgrades).toEqual([0, 2, 2]);
    expect(m.function_mean).toEqual([1.5, 2, 5 / 3]);
  });

  it('computes wage, labour pool, unemployment and the global demand', () => {
    const w = worldWith(2, 2, [{ region: 0, segment: 0, employees: 100 }, { region: 1, segment: 1, employees: 300 }]);
    w.regions.wage.set([1.5, 2.5]);
    w.segments.demand.set([40, 60]);
    const m = metricsOf(w);
    expect(m.wage[0]).toBe(1.5);
    expect(m.wage[2]).toBeCloseTo((1.5 * 100 + 2.5 * 300) / 400, 12);
    expect(m.labour_pool).toEqual([1000, 1000, 2000]);
    expect(m.unemployment[0]).toBeCloseTo(0.9, 12);
    expect(m.unemployment[2]).toBeCloseTo(0.8, 12);
    expect(m.demand).toEqual([100, 100, 100]);
    w.regions.employed[1] = 5000; // more employed than the pool: clipped
    expect(metricsOf(w).unemployment[1]).toBe(0);
  });

  it('is all zeros (no NaN) for an empty world, with the mean base wage for all', () => {
    const m = metricsOf(worldWith(2, 4, []));
    for (const def of METRICS) for (const v of m[def.name]) expect(Number.isFinite(v), def.name).toBe(true);
    expect(m.firms).toEqual([0, 0, 0]);
    expect(m.diversity).toEqual([0, 0, 0]);
    expect(m.hhi).toEqual([0, 0, 0]);
    expect(m.wage).toEqual([1, 2, 1.5]);
    expect(m.unemployment).toEqual([1, 1, 1]);
  });

  it('gives the same values when computed again (scratch is reset, not accumulated)', () => {
    const w = worldWith(2, 4, [{ region: 0, segment: 1, employees: 5, revenue: 1 }, { region: 1, segment: 3, employees: 2 }]);
    expect(metricsOf(w)).toEqual(metricsOf(w));
  });
});

// A run observes with its scenario, so computeMetrics skips the per-firm sums of the mechanisms the
// scenario has off (MetricNeeds). Skipping must change no bit: every row a run records equals the
// row computed with every sum (at every tick of every bundled scenario), and where a mechanism is on its column is the direct sum (non-zero).
describe('computeMetrics with the run’s scenario', () => {
  const TICKS = 40;
  const scenarioNamed = (name: string) =>
    name === 'scale' ? withOverrides(loadScenario(name), { 'firms.generate.count': 2000 }).scenario : loadScenario(name).scenario;

  it.each(bundledNames())('%s: at every tick, the same row as with every sum computed', (name) => {
    const scenario = scenarioNamed(name);
    let compared = 0;
    run(scenario, {
      seed: 1,
      ticks: Math.min(TICKS, scenario.ticks),
      onTick: (world) => {
        const R = world.regions.count;
        const gated = METRICS.map(() => new Float64Array(R + 1));
        const full = METRICS.map(() => new Float64Array(R + 1));
        computeMetrics(world, gated, 0, scenario); // as observe computes it
        computeMetrics(world, full, 0); // no scenario: every sum
        METRICS.forEach((def, j) => {
          for (let k = 0; k <= R; k++) {
            if (!Object.is(gated[j][k], full[j][k])) expect.fail(`${def.name} at tick ${world.tick}, slot ${k}: ${gated[j][k]} with the scenario, ${full[j][k]} with every sum`);
          }
        });
        compared++;
      },
    });
    expect(compared).toBe(Math.min(TICKS, scenario.ticks));
  });

  /** The final world of a run of `name` and its metrics as { name: [region 0, …, all] } (as recorded). */
  function finalRun(name: string, ticks = 60): { world: World; m: Record<string, number[]> } {
    const { world } = run(loadScenario(name).scenario, { seed: 1, ticks });
    const R = world.regions.count;
    const row0 = rowOf(world.series, world.tick, 0);
    const m = Object.fromEntries(METRICS.map((def, j) => [def.name, Array.from(world.series.values[j].subarray(row0, row0 + R + 1))]));
    return { world, m };
  }

  /** Σ over the firms of region r (and all at R), in firm order, of f(i). */
  function byRegion(world: World, f: (i: number) => number): number[] {
    const R = world.regions.count;
    const sums = new Array<number>(R + 1).fill(0);
    for (let i = 0; i < world.firms.count; i++) sums[world.firms.region[i]] += f(i);
    sums[R] = sums.slice(0, R).reduce((a, b) => a + b, 0);
    return sums;
  }

  it('counts supply ties when supply chains are on (shenzhen-battery)', () => {
    const { world, m } = finalRun('shenzhen-battery');
    const direct = byRegion(world, (i) => (world.firms.buyer[i] >= 0 ? 1 : 0));
    expect(direct[world.regions.count]).toBeGreaterThan(0);
    expect(m.supply_ties).toEqual(direct);
  });

  it('counts promotion members when the world has organisations (silicon-saxony)', () => {
    const { world, m } = finalRun('silicon-saxony');
    const direct = byRegion(world, (i) => (world.firms.promo[i] >= 0 ? 1 : 0));
    expect(direct[world.regions.count]).toBeGreaterThan(0);
    expect(m.promotion_members).toEqual(direct);
    const R = world.regions.count;
    for (let k = 0; k <= R; k++) expect(m.members_large[k] + m.members_sme[k] + m.members_other[k]).toBe(direct[k]);
  });

  it('averages value-chain functions when functional upgrading is on (upgrading)', () => {
    const { world, m } = finalRun('upgrading', 200);
    const fn = byRegion(world, (i) => world.firms.function[i]);
    const n = byRegion(world, () => 1);
    expect(fn[world.regions.count]).toBeGreaterThan(0);
    expect(m.function_mean).toEqual(fn.map((f, k) => (n[k] > 0 ? f / n[k] : 0)));
  });

  it('weighs φ by employment when local returns are on (duplicated-building)', () => {
    const { world, m } = finalRun('duplicated-building');
    const local = byRegion(world, (i) => world.firms.employees[i] * world.firms.agglomeration[i]);
    const emp = byRegion(world, (i) => world.firms.employees[i]);
    expect(local[world.regions.count]).toBeGreaterThan(0);
    expect(m.local_returns).toEqual(local.map((x, k) => (emp[k] > 0 ? x / emp[k] : 0)));
  });

  it('measures the variety of positions when differentiation is on (homogeneity-trap)', () => {
    const { world, m } = finalRun('homogeneity-trap');
    expect(world.firms.count).toBeGreaterThan(0);
    expect(m.position_variety[world.regions.count]).toBeGreaterThan(0);
    expect(m.niche_crowding[world.regions.count]).toBeGreaterThan(0);
  });
});
