// The simulated method of moments on a linear model with a known estimate and standard errors.
import { describe, expect, it } from 'vitest';
import type { Prior } from '../../src/calibrate/priors.ts';
import { smm } from '../../src/calibrate/smm.ts';
import type { Target } from '../../src/scenarios/targets.ts';

const target = (t: Partial<Target>): Target => ({ region: 'all', weight: 1, ...t }) as Target;

describe('smm', () => {
  it('finds a = 2, b = 1 from the moments a + b = 3 and a − b = 1, with the sandwich standard errors', async () => {
    const priors: Prior[] = [{ path: 'a', lo: -5, hi: 5, kind: 'uniform' }, { path: 'b', lo: -5, hi: 5, kind: 'uniform' }];
    const targets = [target({ metric: 'firms', value: 3, sd: 0.1, year: 1 }), target({ metric: 'firms', value: 1, sd: 0.1, year: 1 })];
    const evaluate = async (points: number[][]) => points.map(([a, b]) => Float64Array.of(a + b, a - b));
    const r = await smm(priors, targets, { starts: 10, maxEvaluations: 400, particles: 2000, seeds: 1, seedKey: 'test' }, evaluate);
    expect(r.values[0]).toBeCloseTo(2, 3);
    expect(r.values[1]).toBeCloseTo(1, 3);
    // Var(â) = (σ₁² + σ₂²)/4 = 0.005, doubled by 1 + 1/S with S = 1: sd 0.1.
    expect(Math.sqrt(r.covariance![0][0])).toBeCloseTo(0.1, 3);
    expect(Math.sqrt(r.covariance![1][1])).toBeCloseTo(0.1, 3);
    expect(r.covariance![0][1]).toBeCloseTo(0, 6);
    const mean = r.draws.reduce((s, d) => s + d[0], 0) / r.draws.length;
    expect(mean).toBeCloseTo(2, 1);
  });

  it('says so when the targets do not identify a parameter', async () => {
    const priors: Prior[] = [{ path: 'a', lo: -5, hi: 5, kind: 'uniform' }, { path: 'b', lo: -5, hi: 5, kind: 'uniform' }];
    const targets = [target({ metric: 'firms', value: 3, sd: 0.1, year: 1 })];
    const evaluate = async (points: number[][]) => points.map(([a]) => Float64Array.of(a));
    const r = await smm(priors, targets, { starts: 5, maxEvaluations: 200, particles: 10, seeds: 2, seedKey: 'test' }, evaluate);
    expect(r.values[0]).toBeCloseTo(3, 2);
    expect(r.covariance).toBeNull();
    expect(r.stopped).toMatch(/do not identify/);
    expect(r.draws).toHaveLength(1);
  });
});
