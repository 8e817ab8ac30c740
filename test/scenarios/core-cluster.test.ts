// core-cluster: the engine configured to the rules of the reference model of the engine
// benchmarks (shared/bench/CORE_MODEL.md). Over 100 seeds at N0 = 1,000, T = 200, each statistic's
// mean must lie within one reference sd of the reference mean, and its sd within a factor 2 of the
// reference sd, for each of the three reference implementations. (Random streams differ between
// implementations, so only agreement in distribution is expected; the standard error of a mean of
// 100 seeds, sd/10, would test bit-level conventions rather than the rules.)
import { beforeAll, describe, expect, it } from 'vitest';
import { KIND } from '../../src/engine/firms.ts';
import { run } from '../../src/engine/run.ts';
import { valueOf } from '../../src/engine/series.ts';
import { bundled } from '../support/scenarios.ts';
import { mean, sd } from '../support/stats.ts';

const SEEDS = 100;

/** CORE_MODEL.md, "Reference statistics": mean ± sd over 100 seeds, per implementation. */
const REFERENCE = {
  firmsEnd: { label: 'firms after tick 200', kernel: [1284, 70], objects: [1281, 73], mesa: [1279, 74] },
  firmsMean: { label: 'mean live firms over the run', kernel: [1061, 33], objects: [1061, 35], mesa: [1061, 35] },
  employmentEnd: { label: 'employment after tick 200', kernel: [7334, 109], objects: [7354, 102], mesa: [7364, 105] },
  capabilityEnd: { label: 'mean capability at the end', kernel: [1.436, 0.009], objects: [1.437, 0.009], mesa: [1.437, 0.008] },
  spinoffShare: { label: 'share of firms that are spin-offs', kernel: [0.577, 0.015], objects: [0.578, 0.015], mesa: [0.577, 0.013] },
} as const;
type Stat = keyof typeof REFERENCE;
const IMPLEMENTATIONS = ['kernel', 'objects', 'mesa'] as const;

describe('core-cluster (bundled) against the reference statistics of CORE_MODEL.md', () => {
  const scenario = bundled('core-cluster');
  const values: Record<Stat, number[]> = { firmsEnd: [], firmsMean: [], employmentEnd: [], capabilityEnd: [], spinoffShare: [] };
  const dip: number[] = [];

  beforeAll(() => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { world } = run(scenario, { seed });
      const { series, firms } = world;
      const all = series.regions;
      const T = world.tick;
      let sumFirms = 0;
      for (let t = 1; t <= T; t++) sumFirms += valueOf(series, 'firms', t, all);
      let minEarly = Infinity;
      for (let t = 10; t <= 25; t++) minEarly = Math.min(minEarly, valueOf(series, 'firms', t, all));
      let spin = 0;
      for (let i = 0; i < firms.count; i++) if (firms.kind[i] === KIND.spinoff) spin++;
      values.firmsEnd.push(valueOf(series, 'firms', T, all));
      values.firmsMean.push(sumFirms / T); // recorded after exit, ticks 1..T, as the reference does
      values.employmentEnd.push(valueOf(series, 'employment', T, all));
      values.capabilityEnd.push(valueOf(series, 'capability_mean', T, all));
      // Of the firms alive at the end: that is what the reference means (≈ 0.577); of all firms that
      // ever lived the share is ≈ 0.38.
      values.spinoffShare.push(spin / firms.count);
      dip.push(minEarly);
    }
  });

  it('matches the scenario to the reference rules (N0, T, one tick a year, demand 5·N0/S)', () => {
    expect(scenario.firms.generate?.count).toBe(1000);
    expect(scenario.ticks).toBe(200);
    expect(scenario.ticksPerYear).toBe(1);
    expect(scenario.segments.demand.base).toBeCloseTo((5 * 1000) / 12, 10);
    expect(scenario.regions).toHaveLength(4);
  });

  for (const stat of Object.keys(REFERENCE) as Stat[]) {
    const ref = REFERENCE[stat];
    it(`${ref.label}: mean within one reference sd, sd within a factor 2`, () => {
      const m = mean(values[stat]);
      const s = sd(values[stat]);
      const refs = IMPLEMENTATIONS.map((k) => `${k} ${ref[k][0]} ± ${ref[k][1]}`).join(', ');
      console.log(`core-cluster: ${ref.label}: clusterlab ${m.toPrecision(5)} ± ${s.toPrecision(3)} (${refs})`);
      for (const k of IMPLEMENTATIONS) {
        const [refMean, refSd] = ref[k];
        expect(Math.abs(m - refMean), `${stat} mean vs ${k}`).toBeLessThan(refSd);
        expect(s, `${stat} sd vs ${k}`).toBeGreaterThan(refSd / 2);
        expect(s, `${stat} sd vs ${k}`).toBeLessThan(refSd * 2);
      }
    });
  }

  it('dips to about 860 firms by ticks 10–25 (weak initial firms exit)', () => {
    const m = mean(dip);
    console.log(`core-cluster: minimum firm count over ticks 10–25: ${m.toFixed(1)} ± ${sd(dip).toFixed(1)} (reference ≈ 860)`);
    expect(Math.abs(m - 860)).toBeLessThan(40);
  });
});
