// Arthur (1990): entrants choose a region with probability ∝ a_r + b·n_r^γ (a Pólya urn when
// a_r = 0, γ = 1). With one firm in each of two regions the long-run share of a region is
// Uniform(0, 1) across runs; with starting counts (α, β) it is Beta(α, β); with γ = 2 one region
// takes (nearly) everything. ~500 entrants per run, so the finite-urn share differs from its limit
// by less than 1/500, far below the KS critical values used here (≥ 0.09).
import { describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run.ts';
import { valueOf } from '../../src/engine/series.ts';
import type { Scenario } from '../../src/scenarios/schema.ts';
import { bundled } from '../support/scenarios.ts';
import { ksCritical01, ksTest } from '../support/stats.ts';

const SEEDS = 300;

/** Final share of region 0 (`east`) in the firm count, one value per seed 1..SEEDS. */
function finalShares(scenario: Scenario): number[] {
  const shares: number[] = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    const { world } = run(scenario, { seed });
    const t = world.tick;
    const east = valueOf(world.series, 'firms', t, 0);
    const west = valueOf(world.series, 'firms', t, 1);
    shares.push(east / (east + west));
  }
  return shares;
}

describe('arthur (bundled)', () => {
  it('γ = 1, one firm each: the final share of a region is Uniform(0, 1) (KS, α = 0.01)', () => {
    const shares = finalShares(bundled('arthur', { variant: 'linear' }));
    const ks = ksTest(shares, (x) => Math.min(1, Math.max(0, x)));
    console.log(`arthur linear: n = ${ks.n}, KS D = ${ks.d.toFixed(4)} (critical ${ksCritical01(ks.n).toFixed(4)}), p = ${ks.p.toFixed(3)}`);
    expect(ks.d).toBeLessThan(ksCritical01(ks.n));
    // Every run has grown (the urn was drawn from), and shares are spread, not stuck at 1/2.
    expect(shares.filter((s) => s < 0.25).length).toBeGreaterThan(SEEDS * 0.15);
    expect(shares.filter((s) => s > 0.75).length).toBeGreaterThan(SEEDS * 0.15);
  });

  it('γ = 1, starting counts 3 : 1: the share is Beta(3, 1), CDF x³, and not uniform', () => {
    const scenario = bundled('arthur', {
      variant: 'linear',
      set: { 'firms.initial': [{ region: 'east', segment: 0, count: 3 }, { region: 'west', segment: 0, count: 1 }] },
    });
    const shares = finalShares(scenario);
    const beta = ksTest(shares, (x) => Math.min(1, Math.max(0, x)) ** 3);
    const uniform = ksTest(shares, (x) => Math.min(1, Math.max(0, x)));
    console.log(`arthur 3:1: KS vs Beta(3,1) D = ${beta.d.toFixed(4)}, p = ${beta.p.toFixed(3)}; vs Uniform D = ${uniform.d.toFixed(4)}, p = ${uniform.p.toExponential(1)}`);
    expect(beta.d).toBeLessThan(ksCritical01(beta.n));
    // The test has power: the same sample is clearly not uniform.
    expect(uniform.d).toBeGreaterThan(ksCritical01(uniform.n));
  });

  it('γ = 2 (variant superlinear): in ≥ 90 % of runs one region holds ≥ 90 % of the firms', () => {
    const shares = finalShares(bundled('arthur', { variant: 'superlinear' }));
    const lockedIn = shares.filter((s) => s >= 0.9 || s <= 0.1).length / shares.length;
    const eastWins = shares.filter((s) => s > 0.5).length / shares.length;
    console.log(`arthur superlinear: one region ≥ 90 % in ${(100 * lockedIn).toFixed(1)} % of ${SEEDS} runs; east wins ${(100 * eastWins).toFixed(1)} %`);
    expect(lockedIn).toBeGreaterThanOrEqual(0.9);
    // Which region wins is an accident of history: either, about equally often (5 sd band).
    expect(Math.abs(eastWins - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / SEEDS));
  });
});
