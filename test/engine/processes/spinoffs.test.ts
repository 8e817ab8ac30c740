import { describe, expect, it } from 'vitest';
import { KIND } from '../../../src/engine/firms.ts';
import { EVENT } from '../../../src/engine/log.ts';
import { spinoffs } from '../../../src/engine/processes/spinoffs.ts';
import { addTie, orgEndpoint } from '../../../src/engine/ties.ts';
import { Stream } from '../../../src/engine/rng.ts';
import type { ScenarioInput } from '../../../src/scenarios/schema.ts';
import { many, scenarioOf, worldOf, type FirmSpec } from '../../support/worlds.ts';
import { correlation } from '../../support/stats.ts';

type SpinoffInput = NonNullable<NonNullable<ScenarioInput['mechanisms']>['spinoffs']>;

/** Every firm spawns each tick (annual probability 1, one tick a year) unless told otherwise. */
function setup(params: SpinoffInput, firms: FirmSpec[], extra: Partial<ScenarioInput> = {}) {
  const scenario = scenarioOf({
    ticksPerYear: 1,
    segments: { count: 12 },
    mechanisms: { spinoffs: { rate: 1, sizeElasticity: 0, capabilityElasticity: 0, ...params } },
    ...extra,
  });
  return { scenario, world: worldOf(scenario, firms, 5) };
}

describe('spinoffs', () => {
  it('the founders leave the parent: employment is conserved, and the child records its genealogy', () => {
    const { scenario, world } = setup({ founders: { min: 2, max: 2 }, segmentShift: 0 }, [
      { employees: 10, capability: 1.4, segment: 3, rd: 0.07 },
      { employees: 7, capability: 0.9, segment: 8 },
    ]);
    const employed = world.regions.employed[0];
    spinoffs(world, scenario, new Stream('t', 'spinoffs'));
    const f = world.firms;
    expect(f.count).toBe(4);
    expect(Array.from(f.employees.subarray(0, 4))).toEqual([8, 5, 2, 2]);
    expect(world.regions.employed[0]).toBe(employed); // founders stay in the region
    for (const [child, parent] of [[2, 0], [3, 1]]) {
      expect(f.parent[child]).toBe(f.id[parent]);
      expect(f.kind[child]).toBe(KIND.spinoff);
      expect(f.birth[child]).toBe(5);
      expect(f.region[child]).toBe(f.region[parent]);
      expect(f.segment[child]).toBe(f.segment[parent]);
      expect(f.rd[child]).toBe(f.rd[parent]);
      expect(f.cash[child]).toBe(0);
    }
    const e = world.events;
    expect(e.count).toBe(2);
    expect(Array.from(e.event.subarray(0, 2))).toEqual([EVENT.spinoff, EVENT.spinoff]);
    expect(Array.from(e.parent.subarray(0, 2))).toEqual([f.id[0], f.id[1]]);
    expect(Array.from(e.firm.subarray(0, 2))).toEqual([f.id[2], f.id[3]]);
    expect(Array.from(world.counts.spinoffs)).toEqual([2]);
  });

  it('a firm too small to give up its founders (e < k + 1) does not spawn', () => {
    const { scenario, world } = setup({ founders: { min: 3, max: 3 } }, [{ employees: 3 }, { employees: 3.5 }, { employees: 4 }]);
    spinoffs(world, scenario, new Stream('t', 'spinoffs'));
    expect(world.firms.count).toBe(4);
    expect(world.firms.parent[3]).toBe(world.firms.id[2]);
    expect(Array.from(world.firms.employees.subarray(0, 4))).toEqual([3, 3.5, 1, 3]);
  });

  it('children born this tick do not spawn in the same tick (but may in the next)', () => {
    const n = 200;
    const { scenario, world } = setup({ founders: { min: 1, max: 3 } }, many(n, { employees: 100 }));
    spinoffs(world, scenario, new Stream('t', 'spinoffs'));
    const f = world.firms;
    expect(f.count).toBe(2 * n); // no grandchildren, although children of 3 could give up 1 or 2
    let able = 0; // children that could spawn by size with some k in 1..3
    for (let i = n; i < 2 * n; i++) if (f.employees[i] >= 2) able++;
    expect(able).toBeGreaterThan(n / 2);
    spinoffs(world, scenario, new Stream('t2', 'spinoffs'));
    let grandchildren = 0;
    for (let i = 2 * n; i < f.count; i++) if (f.parent[i] >= n) grandchildren++;
    expect(grandchildren).toBeGreaterThan(0);
  });

  it('heredity: the child has c·(heredity ± noise), strongly correlated with its parent', () => {
    const n = 2000;
    const parents = Array.from({ length: n }, (_, k) => ({ employees: 10, capability: 0.5 + (1.5 * k) / n }));
    const { scenario, world } = setup({ heredity: 0.95, noise: 0.1, founders: { min: 1, max: 3 } }, parents);
    spinoffs(world, scenario, new Stream('t', 'spinoffs'));
    const f = world.firms;
    expect(f.count).toBe(2 * n);
    const parentCap: number[] = [];
    const childCap: number[] = [];
    for (let i = n; i < 2 * n; i++) {
      const p = f.parent[i]; // ids equal indices here: no firm has left
      const ratio = f.capability[i] / f.capability[p];
      expect(ratio).toBeGreaterThanOrEqual(0.85);
      expect(ratio).toBeLessThan(1.05);
      parentCap.push(f.capability[p]);
      childCap.push(f.capability[i]);
      expect(f.employees[p] + f.employees[i]).toBe(10);
    }
    const meanRatio = childCap.reduce((s, c, k) => s + c / parentCap[k], 0) / n;
    expect(Math.abs(meanRatio - 0.95)).toBeLessThan(0.005); // sd of the mean ≈ 0.058/√2000 ≈ 0.0013
    expect(correlation(parentCap, childCap)).toBeGreaterThan(0.95);
  });

  it('children start next to the parent on the ring with probability segmentShift, either side', () => {
    const n = 4000;
    const { scenario, world } = setup({ segmentShift: 0.3, founders: { min: 1, max: 1 } }, many(n, { employees: 5, segment: 0 }));
    spinoffs(world, scenario, new Stream('t', 'spinoffs'));
    const seg = Array.from(world.firms.segment.subarray(n, 2 * n));
    const up = seg.filter((s) => s === 1).length / n;
    const down = seg.filter((s) => s === 11).length / n;
    expect(seg.every((s) => s === 0 || s === 1 || s === 11)).toBe(true);
    expect(Math.abs(up - 0.15)).toBeLessThan(0.025); // sd ≈ 0.0056
    expect(Math.abs(down - 0.15)).toBeLessThan(0.025);
  });

  it('bigger and more capable firms spawn more often: p ∝ (e/e_ref)^a·(c/c̄)^b, per tick 1 − (1 − p)^(1/T)', () => {
    const n = 3000;
    const { scenario, world } = setup(
      { rate: 0.2, sizeElasticity: 1, capabilityElasticity: 1, sizeRef: 10, founders: { min: 1, max: 1 } },
      [...many(n, { employees: 10, capability: 0.5 }), ...many(n, { employees: 40, capability: 1.5 })],
      { ticksPerYear: 4 },
    );
    spinoffs(world, scenario, new Stream('t', 'spinoffs'));
    let small = 0;
    let big = 0;
    for (let i = 2 * n; i < world.firms.count; i++) {
      if (world.firms.parent[i] < n) small++;
      else big++;
    }
    // c̄ = 1: small firms p = 0.2·1·0.5 = 0.1/yr, big p = min(1, 0.2·4·1.5) = 1/yr.
    const pSmall = 1 - Math.pow(1 - 0.1, 1 / 4);
    expect(Math.abs(small / n - pSmall)).toBeLessThan(4 * Math.sqrt((pSmall * (1 - pSmall)) / n));
    expect(big).toBe(n); // certain
  });

  it('a relocating child locates by the entry rule and takes its founders’ jobs along', () => {
    const { scenario, world } = setup(
      { relocate: 1, founders: { min: 2, max: 2 } },
      [{ region: 0, employees: 10 }],
      {
        regions: [{ name: 'home' }, { name: 'away' }],
        mechanisms: {
          spinoffs: { rate: 1, sizeElasticity: 0, capabilityElasticity: 0, relocate: 1, founders: { min: 2, max: 2 } },
          entry: { choice: 'proportional', proportional: { a: [0, 1], b: 0 } }, // always `away`
        },
      },
    );
    spinoffs(world, scenario, new Stream('t', 'spinoffs'));
    expect(world.firms.region[1]).toBe(1);
    expect(Array.from(world.regions.employed)).toEqual([8, 2]);
    expect(Array.from(world.counts.spinoffs)).toEqual([0, 1]);
  });

  it('research organisations found academic spin-offs at rate·capacity per year', () => {
    const { scenario, world } = setup(
      { rate: 0, academic: { rate: 2, noise: 0.2, employees: { min: 1, max: 3 } } },
      [],
      { ticksPerYear: 4, researchOrgs: [{ region: 'r0', capacity: 5, knowledge: 2, segments: [4, 5] }] },
    );
    const rng = new Stream('t', 'spinoffs');
    for (let t = 0; t < 400; t++) spinoffs(world, scenario, rng);
    const f = world.firms;
    // 400 ticks × 2·5/4 = 1000 expected (Poisson sd ≈ 32).
    expect(Math.abs(f.count - 1000)).toBeLessThan(130);
    for (let i = 0; i < f.count; i++) {
      expect(f.kind[i]).toBe(KIND.academicSpinoff);
      expect(f.parent[i]).toBe(-1);
      expect([4, 5]).toContain(f.segment[i]);
      expect(f.capability[i]).toBeGreaterThanOrEqual(1.6);
      expect(f.capability[i]).toBeLessThan(2.4);
    }
    expect(world.regions.employed[0]).toBe(f.employees.subarray(0, f.count).reduce((a, b) => a + b, 0));
  });

  it('switched off, firms spawn nothing; academic spin-offs are governed by their own rate', () => {
    const { scenario, world } = setup(
      { enabled: false, academic: { rate: 4 } },
      many(50, { employees: 100 }),
      { researchOrgs: [{ region: 'r0', capacity: 1 }] },
    );
    spinoffs(world, scenario, new Stream('t', 'spinoffs'));
    const f = world.firms;
    expect(world.counts.spinoffs[0]).toBe(0);
    expect(f.count).toBeGreaterThan(50); // Poisson(4) academic spin-offs: P(0) ≈ 2 %, not at this seed
    for (let i = 50; i < f.count; i++) expect(f.kind[i]).toBe(KIND.academicSpinoff);
  });

  it('with networking on, a spin-off starts tied to its parent (trust ≥ 0.5) unless the parent is at its cap', () => {
    const { scenario, world } = setup({ founders: { min: 1, max: 1 }, segmentShift: 0 }, [{ employees: 10 }, { employees: 10 }], {
      mechanisms: {
        spinoffs: { rate: 1, sizeElasticity: 0, capabilityElasticity: 0, founders: { min: 1, max: 1 }, segmentShift: 0 },
        networking: { enabled: true, maxTies: 1, initialTrust: 0.2 },
      },
    });
    addTie(world.ties, world.firms, 1, orgEndpoint(0), 0.5, 0); // firm 1 is at its cap
    spinoffs(world, scenario, new Stream('t', 'spinoffs'));
    expect(world.firms.count).toBe(4);
    expect(world.ties.count).toBe(2);
    expect([world.ties.a[1], world.ties.b[1], world.ties.trust[1], world.ties.birth[1]]).toEqual([2, 0, 0.5, 5]);
    expect(Array.from(world.firms.degree.subarray(0, 4))).toEqual([1, 1, 1, 0]);
    expect(world.counts.tiesFormed[0]).toBe(1);
  });

  it('no parent tie when networking is off or parentTie is false', () => {
    for (const networking of [{ enabled: false }, { enabled: true, parentTie: false }]) {
      const { scenario, world } = setup({}, [{ employees: 10 }], {
        mechanisms: { spinoffs: { rate: 1, sizeElasticity: 0, capabilityElasticity: 0 }, networking },
      });
      spinoffs(world, scenario, new Stream('t', 'spinoffs'));
      expect(world.firms.count).toBe(2);
      expect(world.ties.count).toBe(0);
    }
  });

  it('with migration on, relocating founders move from the origin’s labour pool to the destination’s, with their skill', () => {
    for (const migration of [false, true]) {
      const { scenario, world } = setup({}, [{ region: 0, employees: 10 }], {
        regions: [{ name: 'home', labourPool: 100, skill: 2 }, { name: 'away', labourPool: 50, skill: 1 }],
        mechanisms: {
          spinoffs: { rate: 1, sizeElasticity: 0, capabilityElasticity: 0, relocate: 1, founders: { min: 2, max: 2 } },
          entry: { choice: 'proportional', proportional: { a: [0, 1], b: 0 } }, // always `away`
          migration: { enabled: migration },
        },
      });
      spinoffs(world, scenario, new Stream('t', 'spinoffs'));
      expect(world.firms.region[1]).toBe(1);
      const r = world.regions;
      if (migration) {
        expect(Array.from(r.labourPool)).toEqual([98, 52]);
        expect(r.skill[1]).toBeCloseTo((50 * 1 + 2 * 2) / 52, 14);
        expect(r.skill[0]).toBe(2);
      } else {
        expect(Array.from(r.labourPool)).toEqual([100, 50]);
        expect(Array.from(r.skill)).toEqual([2, 1]);
      }
    }
  });
});

describe('spinoffs: positions inside the segment (differentiation on)', () => {
  it('a child starts at its parent’s position ± spinoffNoise; off, positions stay 0', () => {
    const parents = many(300, { employees: 50 });
    const { scenario, world } = setup({ segmentShift: 0 }, parents, {
      mechanisms: { spinoffs: { rate: 1, sizeElasticity: 0, capabilityElasticity: 0, segmentShift: 0 }, market: { differentiation: { enabled: true, spinoffNoise: 0.05 } } },
    });
    for (let i = 0; i < 300; i++) world.firms.variety[i] = (i * 0.37) % 1;
    spinoffs(world, scenario, new Stream('t', 'spinoffs'));
    const f = world.firms;
    expect(f.count).toBe(600);
    let moved = 0;
    for (let c = 300; c < 600; c++) {
      const p = f.parent[c]; // parent id = index here (ids from 0)
      const d = Math.min(Math.abs(f.variety[c] - f.variety[p]), 1 - Math.abs(f.variety[c] - f.variety[p]));
      expect(d).toBeLessThanOrEqual(0.05 + 1e-12);
      if (d > 0.01) moved++;
    }
    expect(moved).toBeGreaterThan(150); // noise U(−0.05, 0.05): |d| > 0.01 with probability 0.8

    const off = setup({ segmentShift: 0 }, many(10, { employees: 50 }));
    spinoffs(off.world, off.scenario, new Stream('t', 'spinoffs'));
    expect(Array.from(off.world.firms.variety.subarray(0, off.world.firms.count)).every((v) => v === 0)).toBe(true);
  });
});
