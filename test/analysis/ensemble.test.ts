import { describe, expect, it } from 'vitest';
import { ENSEMBLE_STATS, ensembleRows, ensembleTable, type EnsembleRun } from '../../src/analysis/ensemble.ts';
import { summarise } from '../../src/analysis/stats.ts';
import { Stream } from '../../src/engine/rng.ts';

/** A run with value f(m, tick, region) at every cell (metric-major). */
function fakeRun(metrics: number, ticks: number, regionsPlusOne: number, f: (m: number, t: number, r: number) => number): EnsembleRun {
  const rows = (ticks + 1) * regionsPlusOne;
  const series = new Float64Array(metrics * rows);
  for (let m = 0; m < metrics; m++) {
    for (let t = 0; t <= ticks; t++) for (let r = 0; r < regionsPlusOne; r++) series[m * rows + t * regionsPlusOne + r] = f(m, t, r);
  }
  return { series, rows };
}

describe('ensemble', () => {
  const metrics = ['firms', 'employment'];
  const regions = ['north', 'south', 'all'];
  const runs = [1, 2, 3, 4].map((seed) => fakeRun(2, 2, 3, (m, t, r) => seed * (m + 1) * 100 + t * 10 + r));

  it('one record per (tick, region, metric), in that order, with the five statistics', () => {
    const recs = [...ensembleRows({ runs, metrics, regions, ticksPerYear: 4 })];
    expect(recs).toHaveLength(3 * 3 * 2);
    expect(recs.slice(0, 3).map((r) => [r.tick, r.region, r.metric])).toEqual([
      [0, 'north', 'firms'], [0, 'north', 'employment'], [0, 'south', 'firms'],
    ]);
    const last = recs[recs.length - 1];
    expect([last.tick, last.year, last.region, last.metric]).toEqual([2, 0.5, 'all', 'employment']);
    // tick 1, south, employment: values 200s + 10 + 1 for seeds 1..4 → 211, 411, 611, 811
    const rec = recs.find((r) => r.tick === 1 && r.region === 'south' && r.metric === 'employment')!;
    expect(rec.year).toBe(0.25);
    expect(rec.mean).toBe(511);
    expect(rec.sd).toBeCloseTo(Math.sqrt((300 ** 2 + 100 ** 2) * 2 / 3), 10);
    expect(rec.p50).toBe(511);
    expect(rec.p05).toBeCloseTo(211 + 0.15 * 200, 10);
    expect(rec.p95).toBeCloseTo(611 + 0.85 * 200, 10);
  });

  it('does not depend on the order of the runs', () => {
    const rng = new Stream('ensemble-order', 'test');
    const noisy = Array.from({ length: 50 }, () => fakeRun(3, 5, 2, () => rng.normal() * 1e3 + rng.uniform()));
    const a = [...ensembleRows({ runs: noisy, metrics: ['a', 'b', 'c'], regions: ['x', 'all'], ticksPerYear: 1 })];
    const shuffled = [...noisy].reverse();
    [shuffled[3], shuffled[40]] = [shuffled[40], shuffled[3]];
    const b = [...ensembleRows({ runs: shuffled, metrics: ['a', 'b', 'c'], regions: ['x', 'all'], ticksPerYear: 1 })];
    expect(b).toEqual(a);
    for (let i = 0; i < a.length; i++) for (const k of ENSEMBLE_STATS) expect(Object.is(a[i][k], b[i][k])).toBe(true);
  });

  it('ensembleTable holds the same numbers in record order', () => {
    const input = { runs, metrics, regions, ticksPerYear: 4 };
    const table = ensembleTable(input);
    const recs = [...ensembleRows(input)];
    expect(table.length).toBe(recs.length * 5);
    recs.forEach((r, c) => ENSEMBLE_STATS.forEach((k, s) => expect(table[c * 5 + s]).toBe(r[k])));
  });

  it('one run: sd 0 and every quantile the value; NaN cells stay NaN', () => {
    const one = fakeRun(1, 1, 2, (m, t, r) => (t === 1 && r === 0 ? NaN : t + r));
    const recs = [...ensembleRows({ runs: [one], metrics: ['m'], regions: ['x', 'all'], ticksPerYear: 1 })];
    expect(recs[1]).toEqual({ tick: 0, year: 0, region: 'all', metric: 'm', mean: 1, sd: 0, p05: 1, p50: 1, p95: 1 });
    expect(recs[2].mean).toBeNaN();
    expect(recs[2].p50).toBeNaN();
  });

  it('rejects inconsistent runs', () => {
    const bad = fakeRun(2, 3, 3, () => 0);
    expect(() => [...ensembleRows({ runs: [runs[0], bad], metrics, regions, ticksPerYear: 4 })]).toThrow(/rows/);
    expect(() => [...ensembleRows({ runs: [], metrics, regions, ticksPerYear: 4 })]).toThrow(/no runs/);
    expect(() => [...ensembleRows({ runs, metrics: ['firms'], regions, ticksPerYear: 4 })]).toThrow(/values/);
    expect(() => ensembleTable({ runs, metrics, regions: ['a', 'b', 'c', 'all'], ticksPerYear: 4 })).toThrow(/whole number/);
  });

  it('handles 1000 runs × 24 metrics × 402 rows (its speed is measured by the bench, not here)', () => {
    const rng = new Stream('ensemble-bench', 'test');
    const M = 24;
    const rows = 402; // (200 ticks + 1) × (1 region + all)
    const big: EnsembleRun[] = Array.from({ length: 1000 }, () => {
      const series = new Float64Array(M * rows);
      for (let i = 0; i < series.length; i++) series[i] = i % 7 === 0 ? 0 : rng.normal() * 100;
      return { series, rows };
    });
    const names = Array.from({ length: M }, (_, m) => `m${m}`);
    let count = 0;
    let check = 0;
    for (const rec of ensembleRows({ runs: big, metrics: names, regions: ['r', 'all'], ticksPerYear: 4 })) {
      count++;
      check += rec.p50;
    }
    expect(count).toBe(M * rows);
    expect(Number.isFinite(check)).toBe(true);
    // Spot check one cell against summarise().
    const cell = big.map((r) => r.series[5 * rows + 17]);
    const rec = [...ensembleRows({ runs: big, metrics: names, regions: ['r', 'all'], ticksPerYear: 4 })][17 * M + 5];
    expect(rec).toMatchObject(summarise(cell));
  });
});
