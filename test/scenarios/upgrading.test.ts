// upgrading (seed 003, the four kinds of upgrading): with functional upgrading on, firms climb the
// value chain and output per employee rises above the same runs without it (paired seeds);
// inter-sectoral moves land only across the borders of the industries, and none without it.
import { describe, expect, it } from 'vitest';
import { EVENT } from '../../src/engine/log.ts';
import { run } from '../../src/engine/run.ts';
import { valueOf, type Series } from '../../src/engine/series.ts';
import { loadScenario } from '../../src/scenarios/load.ts';
import { bundled } from '../support/scenarios.ts';

const SEEDS = [1, 2, 3, 4];
const TICKS = 120; // 30 years: growth, maturity and the start of the first industry's decline
const ALL = 1; // one region: row 1 is `all`

const runOf = (variant: string | undefined, seed: number) =>
  run(bundled('upgrading', { variant }), { seed, ticks: TICKS }).world;

/** Mean over ticks from..to of output per employee (the `all` row). */
function outputPerEmployee(series: Series, from: number, to: number): number {
  let sum = 0;
  for (let t = from; t <= to; t++) sum += valueOf(series, 'output', t, ALL) / valueOf(series, 'employment', t, ALL);
  return sum / (to - from + 1);
}

const total = (series: Series, metric: string) => {
  let sum = 0;
  for (let t = 1; t < series.recorded; t++) sum += valueOf(series, metric, t, ALL);
  return sum;
};

describe('upgrading: the scenario', () => {
  it('loads with three industries, both kinds on, and variants that switch them off', () => {
    const loaded = loadScenario('upgrading');
    expect(loaded.variants).toEqual(['no-functional', 'no-intersectoral', 'no-upgrading']);
    expect(loaded.scenario.segments.industries).toEqual([4, 4, 4]);
    expect(loaded.scenario.mechanisms.upgrading.functional.enabled).toBe(true);
    expect(loaded.scenario.mechanisms.upgrading.intersectoral.enabled).toBe(true);
    const off = bundled('upgrading', { variant: 'no-upgrading' }).mechanisms.upgrading;
    expect([off.functional.enabled, off.intersectoral.enabled]).toEqual([false, false]);
  });
});

describe('upgrading: functional', () => {
  const on = SEEDS.map((seed) => runOf(undefined, seed));
  const off = SEEDS.map((seed) => runOf('no-functional', seed));

  it('the mean function rises as capabilities grow', () => {
    for (const world of on) {
      const fn = (t: number) => valueOf(world.series, 'function_mean', t, ALL);
      expect(fn(0)).toBe(0);
      expect(fn(60)).toBeGreaterThan(0);
      expect(fn(TICKS)).toBeGreaterThan(fn(60));
      expect(total(world.series, 'functional_upgrades')).toBeGreaterThan(20);
    }
    for (const world of off) expect(total(world.series, 'functional_upgrades')).toBe(0);
  });

  it('output per employee is higher than without functional upgrading, seed by seed (years 15–30)', () => {
    // Gains 4.5 %, 5.6 %, 5.2 %, 1.4 % (mean 4.2 %); without the value added of the functions ≈ 0.3 %.
    const gains = SEEDS.map((_, k) => outputPerEmployee(on[k].series, 60, TICKS) / outputPerEmployee(off[k].series, 60, TICKS) - 1);
    for (const g of gains) expect(g).toBeGreaterThan(0);
    expect(gains.reduce((a, b) => a + b) / gains.length).toBeGreaterThan(0.025);
  });

  it('every step is an event; the per-tick counts sum to the events', () => {
    const world = on[0];
    let events = 0;
    for (let i = 0; i < world.events.count; i++) if (world.events.event[i] === EVENT.functional_upgrade) events++;
    expect(events).toBe(total(world.series, 'functional_upgrades'));
  });
});

describe('upgrading: inter-sectoral and the four kinds', () => {
  it('moves land only on the segments just across an industry border, and none without the mechanism', () => {
    const borders = new Set([0, 3, 4, 7, 8, 11]);
    let moves = 0;
    for (const seed of SEEDS.slice(0, 2)) {
      const world = runOf('no-functional', seed);
      const { events } = world;
      for (let i = 0; i < events.count; i++) {
        if (events.event[i] !== EVENT.intersectoral_upgrade) continue;
        expect(borders.has(events.segment[i])).toBe(true);
        moves++;
      }
      expect(total(world.series, 'intersectoral_upgrades')).toBeGreaterThan(0);
      const without = runOf('no-upgrading', seed);
      expect(total(without.series, 'intersectoral_upgrades')).toBe(0);
    }
    expect(moves).toBeGreaterThan(10);
  });

  it('process and product innovations are counted by kind within `innovations`', () => {
    const world = runOf('no-upgrading', 1);
    const process = total(world.series, 'process_innovations');
    const product = total(world.series, 'product_innovations');
    expect(process).toBeGreaterThan(product);
    expect(product).toBeGreaterThan(0);
    // The rest of `innovations` are successful recombinations.
    expect(total(world.series, 'innovations')).toBeGreaterThan(process + product);
  });
});
