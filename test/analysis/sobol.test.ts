// Sobol' indices through the code path of `sweep --sensitivity sobol` (sobolDesign → parameter
// values → outcomes per point → sobolIndices), on the Ishigami function, whose indices are known
// analytically (a = 7, b = 0.1; Saltelli et al. 2008): S1 = 0.314, 0.442, 0; ST = 0.558, 0.442,
// 0.244. With N = 8,192 base rows (40,960 evaluations, seed key fixed) the estimates must lie
// within 0.03 of them and inside their own 95 % bootstrap intervals widened by that tolerance.
import { describe, expect, it } from 'vitest';
import { sobolDesign, type Param } from '../../src/analysis/design.ts';
import { sobolIndices } from '../../src/analysis/sobol.ts';

const PI = Math.PI;
const params: Param[] = ['x1', 'x2', 'x3'].map((path) => ({ path, lo: -PI, hi: PI, integer: false }));
const ishigami = ([x1, x2, x3]: number[]) => Math.sin(x1) + 7 * Math.sin(x2) ** 2 + 0.1 * x3 ** 4 * Math.sin(x1);

describe('Sobol indices (Saltelli design, Saltelli 2010 / Jansen estimators)', () => {
  it('the design: N(k + 2) points; AB_i is A with column i from B', () => {
    const d = sobolDesign(params, 5, 'test');
    expect(d.points).toHaveLength(5 * 5);
    for (let j = 0; j < 5; j++) {
      const [a, b] = [d.unit[j * 5], d.unit[j * 5 + 1]];
      for (let i = 0; i < 3; i++) {
        const ab = d.unit[j * 5 + 2 + i];
        for (let q = 0; q < 3; q++) expect(ab[q]).toBe(q === i ? b[q] : a[q]);
      }
    }
    expect(sobolDesign(params, 5, 'test').points).toEqual(d.points); // same key, same design
  });

  it('recovers the Ishigami indices', () => {
    const d = sobolDesign(params, 8192, 'ishigami');
    const outcomes = d.points.map((x) => [ishigami(x)]);
    const rows = sobolIndices(d, outcomes, ['y'], 'ishigami', 200);
    const S1 = [0.3139, 0.4424, 0];
    const ST = [0.5576, 0.4424, 0.2437];
    rows.forEach((r, i) => {
      expect(r.parameter).toBe(`x${i + 1}`);
      expect(r.samples).toBe(8192);
      expect(Math.abs(r.S1 - S1[i])).toBeLessThan(0.03);
      expect(Math.abs(r.ST - ST[i])).toBeLessThan(0.03);
      expect(r.S1_low).toBeLessThan(S1[i] + 0.03);
      expect(r.S1_high).toBeGreaterThan(S1[i] - 0.03);
      expect(r.ST_low).toBeLessThan(ST[i] + 0.03);
      expect(r.ST_high).toBeGreaterThan(ST[i] - 0.03);
      expect(r.S1_low).toBeLessThanOrEqual(r.S1);
      expect(r.S1_high).toBeGreaterThanOrEqual(r.S1);
    });
  });

  it('an unusable row (NaN outcome) is skipped; an outcome without variance gives NaN', () => {
    const d = sobolDesign(params, 50, 'nan');
    const outcomes = d.points.map((x, p) => [p === 7 ? NaN : ishigami(x), 1]);
    const rows = sobolIndices(d, outcomes, ['y', 'flat'], 'nan', 20);
    expect(rows.filter((r) => r.outcome === 'y').every((r) => r.samples === 49)).toBe(true);
    expect(rows.filter((r) => r.outcome === 'flat').every((r) => Number.isNaN(r.S1) && Number.isNaN(r.ST))).toBe(true);
  });
});
