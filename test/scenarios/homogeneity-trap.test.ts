// homogeneity-trap (seed document 003: 模仿 → 同质化 → 低层次价格竞争 → 衰退): with differentiated
// competition, imitation ×5 makes positions converge, lowers margins, raises exits and brings the
// decline earlier and deeper; with differentiation off the same imitation does not hurt. Paired
// over seeds (common random numbers), fixed seeds, tolerances stated per assertion.
import { beforeAll, describe, expect, it } from 'vitest';
import { outcomesOf } from '../../src/analysis/outcomes.ts';
import { run } from '../../src/engine/run.ts';
import { valueOf } from '../../src/engine/series.ts';
import { loadScenario } from '../../src/scenarios/load.ts';
import { bundled } from '../support/scenarios.ts';

const SEEDS = [1, 2, 3, 4, 5, 6];
const VARIANTS = ['base', 'imitation-high', 'undifferentiated', 'imitation-high-undifferentiated'] as const;

interface Result {
  meanEmployment: number;
  exits: number;
  yearsToDecline: number;
  /** Means over the run of the `all` row. */
  margin: number;
  variety: number;
}

const results: Record<string, Result[]> = {};

function summarise(variant: string, seed: number): Result {
  const { world } = run(bundled('homogeneity-trap', { variant: variant === 'base' ? undefined : variant }), { seed });
  const o = outcomesOf(world);
  const s = world.series;
  let margin = 0;
  let variety = 0;
  for (let t = 0; t < s.recorded; t++) {
    margin += valueOf(s, 'margin', t, s.regions);
    variety += valueOf(s, 'position_variety', t, s.regions);
  }
  return {
    meanEmployment: o.mean_employment, exits: o.total_exits, yearsToDecline: o.years_to_decline,
    margin: margin / s.recorded, variety: variety / s.recorded,
  };
}

/** Paired differences variant − baseline of one measure, seed by seed. */
const diffs = (variant: string, baseline: string, key: keyof Result) =>
  SEEDS.map((_, k) => results[variant][k][key] - results[baseline][k][key]);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

beforeAll(() => {
  for (const v of VARIANTS) results[v] = SEEDS.map((seed) => summarise(v, seed));
});

describe('homogeneity-trap: the scenario', () => {
  it('loads with its variants; only the imitation rate and the differentiation switch differ', () => {
    expect(loadScenario('homogeneity-trap').variants).toEqual(['imitation-high', 'imitation-high-undifferentiated', 'undifferentiated']);
    const base = bundled('homogeneity-trap');
    const high = bundled('homogeneity-trap', { variant: 'imitation-high' });
    expect(base.mechanisms.market.differentiation.enabled).toBe(true);
    expect(base.mechanisms.innovation.imitation.rate).toBe(0.1);
    expect(high.mechanisms.innovation.imitation.rate).toBe(0.5);
    expect({ ...high, mechanisms: { ...high.mechanisms, innovation: base.mechanisms.innovation } }).toEqual(base);
    const control = bundled('homogeneity-trap', { variant: 'imitation-high-undifferentiated' });
    expect(control.mechanisms.market.differentiation.enabled).toBe(false);
    expect(control.mechanisms.innovation.imitation.rate).toBe(0.5);
  });
});

describe('homogeneity-trap: imitation ×5 with differentiated competition (paired over 6 seeds)', () => {
  it('positions converge: the mean position variety over the run is lower in every seed, by > 0.1', () => {
    for (const d of diffs('imitation-high', 'base', 'variety')) expect(d).toBeLessThan(-0.1); // measured −0.16 to −0.20
  });

  it('margins fall: the mean firm margin over the run is lower in every seed', () => {
    for (const d of diffs('imitation-high', 'base', 'margin')) expect(d).toBeLessThan(0); // measured −0.015 to −0.06
  });

  it('more exits (mean paired difference > +3) and a smaller cluster (mean employment −30 % or more, every seed lower)', () => {
    expect(mean(diffs('imitation-high', 'base', 'exits'))).toBeGreaterThan(3); // measured +12 over 8 seeds
    const emp = diffs('imitation-high', 'base', 'meanEmployment');
    for (const d of emp) expect(d).toBeLessThan(0);
    expect(mean(emp)).toBeLessThan(-0.3 * mean(results.base.map((r) => r.meanEmployment))); // measured ≈ −60 %
  });

  it('an earlier decline: years_to_decline lower by more than 3 years on average', () => {
    expect(mean(diffs('imitation-high', 'base', 'yearsToDecline'))).toBeLessThan(-3); // measured ≈ −11
  });
});

describe('homogeneity-trap: the same imitation without differentiation does not hurt', () => {
  it('mean employment does not fall, exits do not rise, margins do not fall (paired means)', () => {
    expect(mean(diffs('imitation-high-undifferentiated', 'undifferentiated', 'meanEmployment'))).toBeGreaterThan(0);
    expect(mean(diffs('imitation-high-undifferentiated', 'undifferentiated', 'exits'))).toBeLessThan(0);
    expect(mean(diffs('imitation-high-undifferentiated', 'undifferentiated', 'margin'))).toBeGreaterThan(0);
  });
});
