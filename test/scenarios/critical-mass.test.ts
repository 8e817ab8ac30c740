// Critical mass (Porter): below a threshold number of related firms a young cluster fades, above it
// it reinforces itself. Bundled `critical-mass`: an established `hub` (120 firms) and a young
// `newtown` seeded with N0 firms; entrants choose by the logit with agglomeration 2·ln(1 + n), firms
// exit by hazard and cash, spin-offs stay home, labour-pool congestion raises wages. We sweep N0 over
// seeds 1..SEEDS and read newtown's number of firms after 60 years. "Took off": ≥ TAKE_OFF firms
// (about half the size newtown settles at when it grows, 50–80 firms; a faded newtown has 0–9).
//
// With 100 seeds a take-off share has a standard error ≤ 0.05; the bounds below leave about two of
// them to the values observed (printed). Runs are deterministic per seed: the test is reproducible.
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run.ts';
import { valueOf } from '../../src/engine/series.ts';
import type { Scenario } from '../../src/scenarios/schema.ts';
import { bundled } from '../support/scenarios.ts';
import { mean } from '../support/stats.ts';

const SEEDS = 100;
const N0S = [4, 8, 12, 16, 20, 24, 32, 40, 60, 80];
const TAKE_OFF = 30;
const HUB = 0;
const NEWTOWN = 1;

/** The scenario (variant) with newtown seeded with n0 firms. */
function seeded(n0: number, variant = 'threshold'): Scenario {
  const base = bundled('critical-mass', { variant });
  const initial = base.firms.initial.map((f) => (f.region === 'newtown' ? { ...f, count: n0 } : { ...f }));
  return bundled('critical-mass', { variant, set: { 'firms.initial': initial } });
}

interface Fates {
  newtown: number[]; // final firms in newtown, one per seed
  hub: number[];
}

function fates(n0: number, seeds: number, variant?: string): Fates {
  const scenario = seeded(n0, variant);
  const out: Fates = { newtown: [], hub: [] };
  for (let seed = 1; seed <= seeds; seed++) {
    const { world } = run(scenario, { seed });
    out.newtown.push(valueOf(world.series, 'firms', world.tick, NEWTOWN));
    out.hub.push(valueOf(world.series, 'firms', world.tick, HUB));
  }
  return out;
}

const tookOff = (xs: number[]) => xs.filter((x) => x >= TAKE_OFF).length / xs.length;

describe('critical-mass (bundled)', () => {
  const sweep = new Map<number, Fates>();
  beforeAll(() => {
    for (const n0 of N0S) sweep.set(n0, fates(n0, SEEDS));
    const rows = N0S.map((n0) => {
      const f = sweep.get(n0)!;
      return `N0 ${String(n0).padStart(2)}: P(take-off) ${tookOff(f.newtown).toFixed(2)}, newtown mean ${mean(f.newtown).toFixed(1)}, hub mean ${mean(f.hub).toFixed(1)}`;
    });
    console.log(`critical-mass, ${SEEDS} seeds per N0, newtown firms ≥ ${TAKE_OFF} after 60 years:\n${rows.join('\n')}`);
  });

  it('the scenario is what the header says', () => {
    const s = bundled('critical-mass');
    expect(s.regions.map((r) => r.name)).toEqual(['hub', 'newtown']);
    expect(s.mechanisms.entry.choice).toBe('logit');
    expect(s.mechanisms.entry.logit.agglomeration).toBe(2);
    expect(s.mechanisms.spinoffs.relocate).toBe(0);
    expect(s.mechanisms.exit.hazard).toBeGreaterThan(s.mechanisms.spinoffs.rate); // a lone firm base decays
  });

  it('take-off probability vs N0 is S-shaped: ≈ 0 for small N0, ≈ 1 for large, a steep step between', () => {
    const p = N0S.map((n0) => tookOff(sweep.get(n0)!.newtown));
    const at = (n0: number) => p[N0S.indexOf(n0)];
    // Low N0: a young cluster almost always fades. High N0: it almost always takes off.
    expect(Math.max(at(4), at(8))).toBeLessThanOrEqual(0.1);
    expect(Math.min(at(32), at(40), at(60), at(80))).toBeGreaterThanOrEqual(0.9);
    // Monotone up to sampling noise (one standard error of a share is ≤ 0.05).
    for (let k = 1; k < p.length; k++) expect(p[k]).toBeGreaterThanOrEqual(p[k - 1] - 0.1);
    // A threshold, not a drift: P goes from ≤ 0.2 to ≥ 0.75 between N0 = 12 and 24, and crosses 1/2
    // between N0 = 12 and 24 (linear interpolation).
    expect(at(12)).toBeLessThanOrEqual(0.2);
    expect(at(24)).toBeGreaterThanOrEqual(0.75);
    const k = p.findIndex((x) => x >= 0.5);
    const threshold = N0S[k - 1] + ((0.5 - p[k - 1]) / (p[k] - p[k - 1])) * (N0S[k] - N0S[k - 1]);
    console.log(`critical-mass: P(take-off) = ${p.map((x) => x.toFixed(2)).join(', ')} for N0 = ${N0S.join(', ')}; P = 1/2 at N0 ≈ ${threshold.toFixed(1)}`);
    expect(threshold).toBeGreaterThan(12);
    expect(threshold).toBeLessThan(24);
  });

  it('near the threshold the fate is bimodal: newtown fades to ≈ 0 or grows to its congested size, rarely stays near N0', () => {
    const finals = [...sweep.get(16)!.newtown, ...sweep.get(20)!.newtown]; // P ≈ 0.35 and 0.7
    // Histogram in bins of 10 firms: 0–9, 10–19, …, ≥ 80.
    const bins = new Array(9).fill(0) as number[];
    for (const x of finals) bins[Math.min(bins.length - 1, Math.floor(x / 10))]++;
    const low = bins[0]; // faded
    const trough = Math.max(...bins.slice(1, 4)); // 10–39: around the starting size (the highest bin)
    const high = Math.max(...bins.slice(4)); // the upper mode, ≥ 40
    const highBin = bins.indexOf(high, 4);
    console.log(`critical-mass: N0 = 16 and 20 (${finals.length} runs), final newtown firms in bins of 10: ${bins.join(' ')}; modes ${low} (0–9) and ${high} (${10 * highBin}–${10 * highBin + 9}), highest bin between ${trough}`);
    // Two modes, each at least twice every bin between them, far apart (0–9 and ≥ 40).
    expect(low).toBeGreaterThanOrEqual(2 * trough);
    expect(high).toBeGreaterThanOrEqual(2 * trough);
    expect(low).toBeGreaterThanOrEqual(0.2 * finals.length);
    expect((bins[4] + bins[5] + bins[6] + bins[7] + bins[8]) / finals.length).toBeGreaterThanOrEqual(0.3);
    // Few runs end near where they started (10–29 firms).
    expect((bins[1] + bins[2]) / finals.length).toBeLessThan(0.15);
  });

  it('the established hub survives either fate of newtown (coexistence, not winner-take-all)', () => {
    for (const n0 of N0S) {
      const { hub } = sweep.get(n0)!;
      expect(Math.min(...hub)).toBeGreaterThanOrEqual(50);
      expect(mean(hub)).toBeGreaterThanOrEqual(90);
    }
  });

  it('controls: with agglomeration 1 or 0 there is no threshold — newtown takes off from any N0 to the same size', () => {
    const CONTROL_SEEDS = 40;
    for (const variant of ['linear', 'none']) {
      const small = fates(4, CONTROL_SEEDS, variant).newtown;
      const large = fates(80, CONTROL_SEEDS, variant).newtown;
      console.log(`critical-mass ${variant}: N0 = 4 → P(take-off) ${tookOff(small).toFixed(2)}, mean ${mean(small).toFixed(1)}; N0 = 80 → ${tookOff(large).toFixed(2)}, mean ${mean(large).toFixed(1)}`);
      expect(tookOff(small)).toBeGreaterThanOrEqual(0.9);
      expect(tookOff(large)).toBeGreaterThanOrEqual(0.9);
      expect(Math.abs(mean(small) - mean(large))).toBeLessThan(0.1 * mean(large));
    }
  });
});
