import { describe, expect, it } from 'vitest';
import { gridDesign, isMorris, lhsDesign, makeDesign, morrisDesign, toValue, type Param } from '../../src/analysis/design.ts';

const P = (path: string, lo: number, hi: number, integer = false): Param => ({ path, lo, hi, integer });

describe('grid design', () => {
  it('N^k points, first parameter slowest, corners included', () => {
    const params = [P('a', 0, 1), P('b', 10, 20), P('c', -1, 1)];
    const d = gridDesign(params, 3);
    expect(d.method).toBe('grid');
    expect(d.points).toHaveLength(27);
    expect(d.points[0]).toEqual([0, 10, -1]);
    expect(d.points[1]).toEqual([0, 10, 0]);
    expect(d.points[3]).toEqual([0, 15, -1]);
    expect(d.points[26]).toEqual([1, 20, 1]);
    const keys = new Set(d.points.map((p) => p.join(',')));
    expect(keys.size).toBe(27);
    for (const a of [0, 1]) for (const b of [10, 20]) for (const c of [-1, 1]) expect(keys.has(`${a},${b},${c}`)).toBe(true);
    expect(d.unit[13]).toEqual([0.5, 0.5, 0.5]);
  });

  it('upper bounds are hit exactly (no rounding drift)', () => {
    const d = gridDesign([P('x', 0.1, 0.7)], 7);
    expect(d.points[0][0]).toBe(0.1);
    expect(d.points[6][0]).toBe(0.7);
    for (const [x] of d.points) expect(x >= 0.1 && x <= 0.7).toBe(true);
  });

  it('one sample per parameter is the midpoint', () => {
    expect(gridDesign([P('a', 2, 4), P('b', 0, 1)], 1).points).toEqual([[3, 0.5]]);
  });

  it('integer parameters are rounded; duplicates are kept', () => {
    const d = gridDesign([P('n', 1, 3, true)], 5); // 1, 1.5, 2, 2.5, 3
    expect(d.points.map((p) => p[0])).toEqual([1, 2, 2, 3, 3]);
    expect(d.unit.map((u) => u[0])).toEqual([0, 0.25, 0.5, 0.75, 1]);
    for (const [n] of gridDesign([P('n', -5, 5, true)], 4).points) expect(Number.isInteger(n) && !Object.is(n, -0)).toBe(true);
  });

  it('rejects bad input', () => {
    expect(() => gridDesign([], 3)).toThrow(/no parameters/);
    expect(() => gridDesign([P('a', 2, 1)], 3)).toThrow(/above/);
    expect(() => gridDesign([P('a', 0, 1)], 0)).toThrow(/positive integer/);
    expect(() => gridDesign([P('a', 0.5, 3, true)], 2)).toThrow(/integer bounds/);
    expect(() => gridDesign([P('a', 0, 1), P('a', 0, 2)], 2)).toThrow(/twice/);
    expect(() => gridDesign([P('a', 0, NaN)], 2)).toThrow(/finite/);
  });
});

describe('Latin hypercube', () => {
  const params = [P('a', 0, 1), P('b', 100, 200), P('c', -3, -1)];

  it('exactly one point per stratum per parameter, inside the ranges', () => {
    for (const n of [1, 7, 50]) {
      const d = lhsDesign(params, n, `lhs-${n}`);
      expect(d.points).toHaveLength(n);
      params.forEach((p, j) => {
        const strata = d.unit.map((u) => Math.floor(u[j] * n)).sort((x, y) => x - y);
        expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
        const fromValues = d.points.map((x) => Math.min(n - 1, Math.floor(((x[j] - p.lo) / (p.hi - p.lo)) * n))).sort((x, y) => x - y);
        expect(fromValues).toEqual(strata);
        for (const x of d.points) expect(x[j] >= p.lo && x[j] <= p.hi).toBe(true);
      });
    }
  });

  it('is reproducible by seedKey and differs across keys', () => {
    expect(lhsDesign(params, 20, 'k')).toEqual(lhsDesign(params, 20, 'k'));
    expect(lhsDesign(params, 20, 'k').points).not.toEqual(lhsDesign(params, 20, 'k2').points);
  });

  it('strata are paired at random (not the diagonal)', () => {
    const d = lhsDesign(params, 30, 'diag');
    const diag = d.unit.every((u) => Math.floor(u[0] * 30) === Math.floor(u[1] * 30));
    expect(diag).toBe(false);
  });

  it('integer parameters are rounded', () => {
    const d = lhsDesign([P('n', 1, 10, true)], 10, 'int');
    for (const [n] of d.points) expect(Number.isInteger(n) && n >= 1 && n <= 10).toBe(true);
  });
});

describe('Morris design', () => {
  const params = [P('a', 0, 1), P('b', 10, 30), P('c', -1, 1), P('d', 5, 6)];

  it('trajectories of k + 1 grid points, one factor at a time by ±Δ, all in the unit cube', () => {
    const levels = 4;
    const d = morrisDesign(params, 25, 'morris', levels);
    const k = params.length;
    expect(isMorris(d)).toBe(true);
    expect(d.delta).toBeCloseTo(2 / 3, 15);
    expect(d.points).toHaveLength(25 * (k + 1));
    expect(d.trajectories).toHaveLength(25);
    const onGrid = (u: number) => Math.abs(u * (levels - 1) - Math.round(u * (levels - 1))) < 1e-12;
    d.trajectories.forEach((t, ti) => {
      expect(t.start).toBe(ti * (k + 1));
      expect([...t.order].sort()).toEqual([0, 1, 2, 3]);
      expect(t.steps).toHaveLength(k);
      for (let j = 0; j < k; j++) {
        const a = d.unit[t.start + j];
        const b = d.unit[t.start + j + 1];
        for (const u of b) expect(u >= 0 && u <= 1 && onGrid(u)).toBe(true);
        for (let i = 0; i < k; i++) {
          if (i === t.order[j]) expect(b[i] - a[i]).toBeCloseTo(t.steps[j], 12);
          else expect(b[i]).toBe(a[i]);
        }
        expect(Math.abs(t.steps[j])).toBe(d.delta);
      }
      for (const u of d.unit[t.start]) expect(onGrid(u)).toBe(true);
    });
    // values are the unit points mapped to the ranges
    d.points.forEach((x, i) => x.forEach((v, j) => expect(v).toBe(toValue(params[j], d.unit[i][j]))));
  });

  it('uses both directions and every level', () => {
    const d = morrisDesign(params, 200, 'spread', 4);
    const steps = d.trajectories.flatMap((t) => t.steps);
    expect(steps.some((s) => s > 0) && steps.some((s) => s < 0)).toBe(true);
    const levelsSeen = new Set(d.unit.flatMap((u) => u.map((x) => Math.round(x * 3))));
    expect([...levelsSeen].sort()).toEqual([0, 1, 2, 3]);
    const firstMoved = new Set(d.trajectories.map((t) => t.order[0]));
    expect(firstMoved.size).toBe(params.length);
  });

  it('is reproducible by seedKey; levels must be even', () => {
    expect(morrisDesign(params, 5, 'k')).toEqual(morrisDesign(params, 5, 'k'));
    expect(morrisDesign(params, 5, 'k').unit).not.toEqual(morrisDesign(params, 5, 'other').unit);
    expect(() => morrisDesign(params, 5, 'k', 3)).toThrow(/even/);
    expect(morrisDesign(params, 3, 'k', 2).delta).toBe(1);
  });

  it('integer parameters: steps are the realised change after rounding', () => {
    const d = morrisDesign([P('n', 0, 3, true), P('x', 0, 1)], 20, 'int', 4);
    for (const t of d.trajectories) {
      t.order.forEach((i, j) => {
        const before = d.points[t.start + j][i];
        const after = d.points[t.start + j + 1][i];
        if (i === 0) expect(t.steps[j]).toBe((after - before) / 3);
        else expect(Math.abs(t.steps[j])).toBe(d.delta);
      });
    }
  });

  it('makeDesign dispatches', () => {
    expect(makeDesign({ method: 'grid', params, samples: 2, seedKey: 'k' }).points).toHaveLength(16);
    expect(makeDesign({ method: 'lhs', params, samples: 9, seedKey: 'k' })).toEqual(lhsDesign(params, 9, 'k'));
    expect(makeDesign({ method: 'morris', params, samples: 3, seedKey: 'k', levels: 6 })).toEqual(morrisDesign(params, 3, 'k', 6));
  });
});
