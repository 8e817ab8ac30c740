import { describe, expect, it } from 'vitest';
import { morrisDesign, type Param } from '../../src/analysis/design.ts';
import { morrisIndices } from '../../src/analysis/sensitivity.ts';

const P = (path: string, lo: number, hi: number, integer = false): Param => ({ path, lo, hi, integer });

describe('Morris indices', () => {
  const params = [P('x1', 0, 1), P('x2', 0, 1), P('x3', 0, 1)];
  const design = morrisDesign(params, 20, 'sens', 4);
  const f = ([x1, x2, x3]: number[]) => 10 * x1 + x2 * x2 + 0 * x3;

  it('ranks x1 > x2 > x3; x3 exactly 0; σ > 0 only for the nonlinear x2', () => {
    const y = design.points.map((x) => [f(x), -f(x)]);
    const rows = morrisIndices(design, y, ['y', 'minus_y']);
    expect(rows.map((r) => [r.parameter, r.outcome])).toEqual([
      ['x1', 'y'], ['x1', 'minus_y'], ['x2', 'y'], ['x2', 'minus_y'], ['x3', 'y'], ['x3', 'minus_y'],
    ]);
    const get = (p: string, o = 'y') => rows.find((r) => r.parameter === p && r.outcome === o)!;
    const [x1, x2, x3] = ['x1', 'x2', 'x3'].map((p) => get(p));
    expect(x1.mu_star).toBeGreaterThan(x2.mu_star);
    expect(x2.mu_star).toBeGreaterThan(x3.mu_star);
    // linear: every elementary effect is the slope
    expect(x1.mu).toBeCloseTo(10, 10);
    expect(x1.mu_star).toBeCloseTo(10, 10);
    expect(x1.sigma).toBeLessThan(1e-9);
    // x2²: EE = (2x + Δ)·sign — varies with the start
    expect(x2.sigma).toBeGreaterThan(0.1);
    expect(x2.mu_star).toBeGreaterThan(0.5);
    expect(x2.mu_star).toBeLessThan(2);
    expect(x3).toMatchObject({ mu: 0, mu_star: 0, sigma: 0, trajectories: 20 });
    for (const r of rows) expect(r.trajectories).toBe(20);
    // sign flips μ, not μ* or σ
    expect(get('x1', 'minus_y').mu).toBeCloseTo(-10, 10);
    expect(get('x2', 'minus_y').mu_star).toBe(x2.mu_star);
    expect(get('x2', 'minus_y').sigma).toBe(x2.sigma);
  });

  it('effects are per full range: scaling a parameter range does not change μ* of a per-range effect', () => {
    const wide = morrisDesign([P('a', 0, 100), P('b', 5, 7)], 10, 'scale');
    // y = 3·(a/100) + b: a moves y by 3 over its range, b by 2 over its range
    const y = wide.points.map(([a, b]) => [3 * (a / 100) + b]);
    const rows = morrisIndices(wide, y, ['y']);
    expect(rows[0].mu_star).toBeCloseTo(3, 10);
    expect(rows[1].mu_star).toBeCloseTo(2, 10);
  });

  it('non-monotone effects: μ cancels, μ* does not', () => {
    const d = morrisDesign([P('x', 0, 1)], 200, 'vee');
    const y = d.points.map(([x]) => [Math.abs(x - 0.5)]);
    const [row] = morrisIndices(d, y, ['y']);
    expect(Math.abs(row.mu)).toBeLessThan(0.2);
    expect(row.mu_star).toBeGreaterThan(0.2);
  });

  it('skips NaN outcomes and zero integer steps, counting what is kept', () => {
    const y = design.points.map((x, i) => [i === 0 ? NaN : f(x)]);
    const rows = morrisIndices(design, y, ['y']);
    const moved = design.trajectories[0].order[0];
    expect(rows[moved].trajectories).toBe(19);
    const d = morrisDesign([P('n', 0, 1, true)], 30, 'int'); // steps from 1/3 → 1 round to 0 → 1
    const r2 = morrisIndices(d, d.points.map(([n]) => [n]), ['y']);
    expect(r2[0].mu_star).toBe(1);
    const nanAll = morrisIndices(design, design.points.map(() => [NaN]), ['y']);
    expect(nanAll[0].trajectories).toBe(0);
    expect(nanAll[0].mu).toBeNaN();
    expect(nanAll[0].sigma).toBeNaN();
  });

  it('checks the shapes', () => {
    expect(() => morrisIndices(design, [[1]], ['y'])).toThrow(/design points/);
    expect(() => morrisIndices(design, design.points.map(() => [1, 2]), ['y'])).toThrow(/expected 1/);
  });
});
