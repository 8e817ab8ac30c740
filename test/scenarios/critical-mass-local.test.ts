// Critical mass in one place (seed 000, Porter): bundled `critical-mass-local`, a lone young cluster of
// N0 related firms with no entrants from outside. With Marshall's local returns on, the probability
// that it takes off (≥ TAKE_OFF firms after 60 years) is a steep S in N0; with them off (variant
// `no-local-returns`) it is flat: the cluster fades from any start. SEEDS seeds per N0; with 40 seeds a
// share has a standard error ≤ 0.08, and the bounds leave about two of them to the values seen.
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run.ts';
import { valueOf } from '../../src/engine/series.ts';
import { bundled } from '../support/scenarios.ts';

const SEEDS = 40;
const N0S = [4, 8, 12, 16, 20, 30, 40];
const TAKE_OFF = 30;

function finals(n0: number, variant?: string, set: Record<string, unknown> = {}): number[] {
  const scenario = bundled('critical-mass-local', { variant, set: { 'firms.initial.0.count': n0, ...set } });
  const out: number[] = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    const { world } = run(scenario, { seed });
    out.push(valueOf(world.series, 'firms', world.tick, 0));
  }
  return out;
}

const tookOff = (xs: number[]) => xs.filter((x) => x >= TAKE_OFF).length / xs.length;

/** N0 at which P(take-off) crosses ½, interpolated linearly on the sweep (Infinity if never). */
function threshold(p: (n0: number) => number): number {
  for (let k = 1; k < N0S.length; k++) {
    const [a, b] = [N0S[k - 1], N0S[k]];
    if (p(a) < 0.5 && p(b) >= 0.5) return a + ((0.5 - p(a)) / (p(b) - p(a))) * (b - a);
  }
  return p(N0S[0]) >= 0.5 ? N0S[0] : Infinity;
}

describe('critical-mass-local (bundled)', () => {
  const on = new Map<number, number[]>();
  const off = new Map<number, number[]>();
  beforeAll(() => {
    for (const n0 of N0S) {
      on.set(n0, finals(n0));
      off.set(n0, finals(n0, 'no-local-returns'));
    }
  });

  it('with local returns, survival is a steep S in N0: small clusters fade, large ones take off', () => {
    const p = N0S.map((n) => tookOff(on.get(n)!));
    expect(p[0]).toBe(0); // N0 = 4
    expect(p[1]).toBeLessThanOrEqual(0.1); // N0 = 8
    expect(p[5]).toBeGreaterThanOrEqual(0.9); // N0 = 30
    expect(p[6]).toBeGreaterThanOrEqual(0.9); // N0 = 40
    // Steep: from ≤ 0.1 to ≥ 0.8 within N0 = 8 … 20, i.e. a factor of 2.5 in the start.
    expect(tookOff(on.get(20)!)).toBeGreaterThanOrEqual(0.8);
    // Non-decreasing up to sampling noise.
    for (let k = 1; k < p.length; k++) expect(p[k]).toBeGreaterThanOrEqual(p[k - 1] - 0.15);
  });

  it('near the threshold the fates are bimodal: a cluster fades out or takes off, rarely in between', () => {
    const near = [...on.get(12)!, ...on.get(16)!];
    const faded = near.filter((x) => x <= 5).length;
    const grown = near.filter((x) => x >= TAKE_OFF).length;
    expect(faded).toBeGreaterThanOrEqual(15);
    expect(grown).toBeGreaterThanOrEqual(15);
    expect(faded + grown).toBeGreaterThanOrEqual(0.8 * near.length);
  });

  it('without local returns the fate does not depend on the start: flat', () => {
    const p = N0S.map((n) => tookOff(off.get(n)!));
    expect(Math.max(...p) - Math.min(...p)).toBeLessThanOrEqual(0.1);
    // The largest start fades too: more firms in one place add nothing without the mechanism.
    expect(Math.max(...off.get(40)!)).toBeLessThan(TAKE_OFF);
  });

  it('the threshold is emergent: it moves with the strength of the returns, not set anywhere', () => {
    const sweep = (set: Record<string, unknown>) => {
      const p = new Map(N0S.map((n) => [n, tookOff(finals(n, undefined, set))]));
      return threshold((n) => p.get(n)!);
    };
    const base = threshold((n) => tookOff(on.get(n)!));
    // E½ = 70 or 140 instead of 100: the same advantage needs fewer or more related employees.
    const stronger = sweep({ 'mechanisms.localReturns.halfEmployment': 70 });
    const weaker = sweep({ 'mechanisms.localReturns.halfEmployment': 140 });
    expect(base).toBeGreaterThan(8);
    expect(base).toBeLessThan(20);
    expect(stronger).toBeLessThan(base - 1);
    expect(weaker).toBeGreaterThan(base + 2);
  });
});
