// Parameter recovery (Talts et al. 2018's idea, in its simplest form): simulate with known
// parameters, calibrate to those outputs, and ask whether the 90 % credible intervals hold the
// true values — on the engine itself, through the code path `clusterlab calibrate` uses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { targetValue } from '../../src/analysis/check.ts';
import { abcSmc } from '../../src/calibrate/abc.ts';
import { distance, targetScales } from '../../src/calibrate/distance.ts';
import type { Prior } from '../../src/calibrate/priors.ts';
import { createSimulator, scenarioAt, SimulationLog } from '../../src/calibrate/simulate.ts';
import { weightedQuantile } from '../../src/calibrate/weighted.ts';
import { Stream } from '../../src/engine/rng.ts';
import { loadScenario } from '../../src/scenarios/load.ts';
import type { Target } from '../../src/scenarios/targets.ts';
import { inProcessSpawner } from '../../src/workers/in-process.ts';
import { runJob } from '../../src/workers/job.ts';
import { TINY, workspace } from '../cli/fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());

const TICKS = 24; // six years of the tiny scenario: a run takes a few milliseconds
const SEEDS = 2;
const priors: Prior[] = [
  { path: 'mechanisms.entry.rate', lo: 0.5, hi: 8, kind: 'loguniform' },
  { path: 'mechanisms.growth.rate', lo: 0.05, hi: 1, kind: 'uniform' },
];
// Firms and employment in year 6: entry sets the first, growth (given the firms) the second.
const observables = [
  { metric: 'firms', region: 'all', year: 6, weight: 1 },
  { metric: 'employment', region: 'all', year: 6, weight: 1 },
] as Target[];

describe('calibrate recovers known parameters', () => {
  it('holds the true values in the 90 % credible interval in at least 8 of 10 cases, and narrows the prior', async () => {
    const base = loadScenario(ws.file('tiny.yaml', TINY));
    const truthRng = new Stream('recovery', 'truth');
    const inside = [0, 0];
    const width = [0, 0];
    for (let c = 0; c < 10; c++) {
      const truth = priors.map((p) => (p.kind === 'loguniform' ? Math.exp(truthRng.range(Math.log(p.lo), Math.log(p.hi))) : truthRng.range(p.lo, p.hi)));
      // The observation: the mean of as many runs as each particle gets, on seeds the calibration never uses.
      const scenario = scenarioAt(base, priors, truth).scenario;
      const targets = observables.map((t) => {
        let sum = 0;
        for (let k = 0; k < SEEDS; k++) sum += targetValue(t, runJob({ index: 0, variant: null, point: null, seed: 1000 + 10 * c + k, ticks: TICKS, scenario, metrics: null }));
        return { ...t, value: sum / SEEDS };
      });
      const dir = mkdtempSync(join(tmpdir(), 'clusterlab-recovery-'));
      const simulator = createSimulator({
        base, priors, targets, targetNames: ['firms', 'employment'], seeds: { start: 1, count: SEEDS }, ticks: TICKS,
        pool: { size: 1, spawn: inProcessSpawner() }, log: new SimulationLog(dir, targets.length, null), shard: null,
      });
      const result = await abcSmc(priors, { particles: 30, generations: 4, alpha: 0.5, minAcceptance: 0.02, budget: 20, seedKey: `recovery-${c}` },
        (points) => simulator.statistics(points),
        (prior) => { const scales = targetScales(targets, prior); return (stats) => distance(stats, scales, targets); });
      rmSync(dir, { recursive: true, force: true });
      const last = result.generations.at(-1)!;
      const weights = last.particles.map((p) => p.weight);
      priors.forEach((p, j) => {
        const xs = last.particles.map((q) => q.values[j]);
        const lo = weightedQuantile(xs, weights, 0.05);
        const hi = weightedQuantile(xs, weights, 0.95);
        if (truth[j] >= lo && truth[j] <= hi) inside[j]++;
        const f = p.kind === 'loguniform' ? Math.log : (x: number) => x;
        width[j] += (f(hi) - f(lo)) / (f(p.hi) - f(p.lo)) / 10;
      });
    }
    expect(inside[0]).toBeGreaterThanOrEqual(8);
    expect(inside[1]).toBeGreaterThanOrEqual(8);
    // The prior's 90 % interval spans 0.9 of the range; the posterior's, on average, well under that.
    expect(width[0]).toBeLessThan(0.5);
    expect(width[1]).toBeLessThan(0.7);
  }, 120_000);
});
