// ABC-SMC on a model whose posterior is known: one noisy observation of θ.
import { describe, expect, it } from 'vitest';
import { abcSmc, type AbcSettings } from '../../src/calibrate/abc.ts';
import { distance, targetScales } from '../../src/calibrate/distance.ts';
import type { Prior } from '../../src/calibrate/priors.ts';
import { weightedQuantile } from '../../src/calibrate/weighted.ts';
import { Stream } from '../../src/engine/rng.ts';
import type { Target } from '../../src/scenarios/targets.ts';

const target = (t: Partial<Target>): Target => ({ region: 'all', weight: 1, ...t }) as Target;

/** s = θ + N(0, 1), the noise drawn from a stream keyed by θ (so a point always gives the same s). */
const noisy = async (points: number[][]) => points.map((p) => Float64Array.of(p[0] + new Stream(String(p[0]), 'noise').normal()));

const settings: AbcSettings = { particles: 400, generations: 7, alpha: 0.5, minAcceptance: 0.01, budget: 50, seedKey: 'test' };

describe('abcSmc', () => {
  it('recovers the posterior N(y, 1) of θ from one observation y = 2 with a flat prior', async () => {
    const targets = [target({ metric: 'firms', value: 2, sd: 1, year: 1 })];
    const priors: Prior[] = [{ path: 'theta', lo: -10, hi: 10, kind: 'uniform' }];
    const result = await abcSmc(priors, settings, noisy, (prior) => {
      const scales = targetScales(targets, prior);
      return (stats) => distance(stats, scales, targets);
    });
    const last = result.generations.at(-1)!;
    const xs = last.particles.map((p) => p.values[0]);
    const ws = last.particles.map((p) => p.weight);
    const mean = xs.reduce((s, x, i) => s + x * ws[i], 0);
    const sd = Math.sqrt(xs.reduce((s, x, i) => s + ws[i] * (x - mean) ** 2, 0));
    expect(result.generations.length).toBe(7);
    // Tolerances fall and the posterior narrows from the prior's sd of 5.8 to about 1.
    expect(last.epsilon).toBeLessThan(result.generations[1].epsilon / 4);
    expect(Math.abs(mean - 2)).toBeLessThan(0.25);
    expect(sd).toBeGreaterThan(0.8);
    expect(sd).toBeLessThan(1.3);
    // The 90 % credible interval is about 2 ± 1.64.
    expect(weightedQuantile(xs, ws, 0.05)).toBeCloseTo(2 - 1.64, 0);
    expect(weightedQuantile(xs, ws, 0.95)).toBeCloseTo(2 + 1.64, 0);
  });

  it('gives the same population for the same seed key, whatever order points are evaluated in', async () => {
    const targets = [target({ metric: 'firms', value: 2, sd: 1, year: 1 })];
    const priors: Prior[] = [{ path: 'theta', lo: -10, hi: 10, kind: 'uniform' }];
    const small = { ...settings, particles: 50, generations: 3 };
    const dist = (prior: readonly Float64Array[]) => { const sc = targetScales(targets, prior); return (s: Float64Array) => distance(s, sc, targets); };
    const a = await abcSmc(priors, small, noisy, dist);
    const reversed = async (points: number[][]) => (await noisy([...points].reverse())).reverse();
    const b = await abcSmc(priors, small, reversed, dist);
    expect(b.generations.map((g) => g.particles.map((p) => [p.values[0], p.weight]))).toEqual(a.generations.map((g) => g.particles.map((p) => [p.values[0], p.weight])));
  });

  it('keeps integer and log-uniform parameters on their grids and inside their ranges', async () => {
    const priors: Prior[] = [
      { path: 'n', lo: 1, hi: 20, kind: 'integer' },
      { path: 'rate', lo: 0.001, hi: 1, kind: 'loguniform' },
    ];
    const targets = [target({ metric: 'firms', value: 7, sd: 1, year: 1 }), target({ metric: 'firms', value: 0.05, sd: 0.01, year: 1 })];
    const evaluate = async (points: number[][]) => points.map((p) => Float64Array.of(p[0], p[1]));
    const result = await abcSmc(priors, { ...settings, particles: 100, generations: 5 }, evaluate, (prior) => {
      const sc = targetScales(targets, prior);
      return (s) => distance(s, sc, targets);
    });
    for (const g of result.generations) {
      for (const p of g.particles) {
        expect(Number.isInteger(p.values[0])).toBe(true);
        expect(p.values[0]).toBeGreaterThanOrEqual(1);
        expect(p.values[0]).toBeLessThanOrEqual(20);
        expect(p.values[1]).toBeGreaterThanOrEqual(0.001);
        expect(p.values[1]).toBeLessThanOrEqual(1);
      }
    }
    const last = result.generations.at(-1)!;
    const ws = last.particles.map((p) => p.weight);
    expect(weightedQuantile(last.particles.map((p) => p.values[0]), ws, 0.5)).toBe(7);
    expect(weightedQuantile(last.particles.map((p) => p.values[1]), ws, 0.5)).toBeCloseTo(0.05, 1);
  });

  it('reports an unreachable target by the distance of its closest particles, never as fitted', async () => {
    const targets = [target({ metric: 'firms', value: 100, sd: 1, year: 1 })];
    const priors: Prior[] = [{ path: 'theta', lo: 0, hi: 1, kind: 'uniform' }];
    const result = await abcSmc(priors, { ...settings, particles: 20, generations: 3 }, async (points) => points.map((p) => Float64Array.of(p[0])), (prior) => {
      const sc = targetScales(targets, prior);
      return (s) => distance(s, sc, targets);
    });
    // The best the prior allows is θ = 1, 99 standard deviations away.
    expect(Math.min(...result.generations.at(-1)!.particles.map((p) => p.distance))).toBeGreaterThan(98);
  });

  it('stops with the last complete generation when a generation exhausts its candidate budget', async () => {
    const targets = [target({ metric: 'firms', value: 0, sd: 1, year: 1 })];
    const priors: Prior[] = [{ path: 'theta', lo: 0, hi: 1, kind: 'uniform' }];
    // s ignores θ: pure noise, a new draw on every call. With ε at the 1 % quantile, about 1 % of
    // candidates pass, fewer than the 20 needed in a budget of 3 × 20.
    const rng = new Stream('noise', 'calls');
    const result = await abcSmc(priors, { ...settings, particles: 20, alpha: 0.01, budget: 3 }, async (points) => points.map(() => Float64Array.of(rng.normal())), (prior) => {
      const sc = targetScales(targets, prior);
      return (s) => distance(s, sc, targets);
    });
    expect(result.generations).toHaveLength(1);
    expect(result.stopped).toMatch(/budget/);
  });
});
