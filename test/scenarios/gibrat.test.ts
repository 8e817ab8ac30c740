// Gibrat's law: with growth by multiplicative noise independent of size (drift 0, σ per √year),
// log employment performs a random walk, so its variance across firms grows linearly in time:
// Var[ln e](t) = σ²·t/ticksPerYear. 2,000 firms start at 100 employees (variance 0); the floor of
// 1 employee lies ≥ 6 sd below every path, so it does not bend the line.
import { describe, expect, it } from 'vitest';
import { createStreams } from '../../src/engine/rng.ts';
import { run } from '../../src/engine/run.ts';
import { createWorld } from '../../src/engine/world.ts';
import { bundled } from '../support/scenarios.ts';
import { linearFit, variance } from '../support/stats.ts';

describe('gibrat (bundled)', () => {
  it('the variance of log employment starts at 0 and grows linearly with slope σ²/T per tick', () => {
    const scenario = bundled('gibrat');
    const sigma = scenario.mechanisms.growth.noise;
    const tpy = scenario.ticksPerYear;
    const every = 20;
    const ticks: number[] = [];
    const variances: number[] = [];
    const logVariance = (employees: Float64Array, n: number) =>
      variance(Array.from(employees.subarray(0, n), Math.log));

    const start = createWorld(scenario, createStreams(7).init);
    const initial = logVariance(start.firms.employees, start.firms.count);
    const { world } = run(scenario, {
      seed: 7,
      onTick: (w) => {
        if (w.tick % every === 0) {
          ticks.push(w.tick);
          variances.push(logVariance(w.firms.employees, w.firms.count));
        }
      },
    });
    expect(world.firms.count).toBe(2000);
    expect(start.firms.count).toBe(2000);
    expect(initial).toBeLessThan(1e-20); // 0 up to the rounding of the mean

    const fit = linearFit(ticks, variances);
    const expected = (sigma * sigma) / tpy;
    console.log(
      `gibrat: var(ln e) at ticks ${ticks.join(',')} = ${variances.map((v) => v.toFixed(4)).join(', ')}; ` +
        `fit a = ${fit.a.toFixed(4)}, b = ${fit.b.toExponential(4)} per tick (expected σ²/T = ${expected.toExponential(4)}, ` +
        `ratio ${(fit.b / expected).toFixed(3)}), R² = ${fit.r2.toFixed(4)}`,
    );
    expect(fit.r2).toBeGreaterThan(0.98);
    expect(Math.abs(fit.b / expected - 1)).toBeLessThan(0.15);
    expect(Math.abs(fit.a)).toBeLessThan(0.05); // the line goes through the initial 0
  });
});
