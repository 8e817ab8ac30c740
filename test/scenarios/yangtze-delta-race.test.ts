// yangtze-delta's subsidy race (seed document 004: 补贴竞赛, 逐底竞争) against cost and benefit
// sharing (成本共担、利益共享), paired seeds: under `race` each province's government answers the
// others' offers every year and the offers climb, spend per entrant rises, and the entrants — whose
// number the incentives do not change — are only moved between the provinces (away from Jiangsu,
// whose large share makes a high offer most expensive to it). Under `coordinated` the common offer
// that maximises the joint value is nothing: no spend, and every entrant goes where it would
// without policy. Under `three-provinces`, Shanghai alone bids against a coalition and draws
// entrants from it.
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run.ts';
import { valueOf } from '../../src/engine/series.ts';
import { outcomesOf } from '../../src/analysis/outcomes.ts';
import type { World } from '../../src/engine/world.ts';
import { bundled } from '../support/scenarios.ts';

const SEEDS = [1, 2, 3, 4];
const VARIANTS = ['base', 'race', 'coordinated', 'three-provinces'] as const;
const [SH, JS, , AH] = [0, 1, 2, 3];
const T = 4;

interface Outcome {
  /** Entrants over the run by province. */
  entrants: number[];
  spendPerEntry: number;
  /** Offers (policy.csv's offer) by lever row at the first tick of the first and of the last year. */
  first: number[];
  last: number[];
}

function outcomeOf(world: World): Outcome {
  const s = world.series;
  const entrants = [0, 1, 2, 3].map((r) => {
    let n = 0;
    for (let t = 1; t < s.recorded; t++) n += valueOf(s, 'entries', t, r);
    return n;
  });
  const log = world.policy.log;
  const lastYear = s.recorded - T; // first tick of the last year: (ticks − T) + 1 = recorded − T
  const first: number[] = [];
  const last: number[] = [];
  for (let i = 0; i < log.count; i++) {
    if (log.tick[i] === 1) first.push(log.offer[i]);
    if (log.tick[i] === lastYear) last.push(log.offer[i]);
  }
  return { entrants, spendPerEntry: outcomesOf(world).policy_spend_per_entry, first, last };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const share = (o: Outcome[], r: number) => sum(o.map((x) => x.entrants[r])) / sum(o.map((x) => sum(x.entrants)));

describe('yangtze-delta: the subsidy race against coordination (seed document 004)', () => {
  const out: Record<string, Outcome[]> = {};
  beforeAll(() => {
    for (const v of VARIANTS) {
      const scenario = bundled('yangtze-delta', { variant: v === 'base' ? undefined : v });
      out[v] = SEEDS.map((seed) => outcomeOf(run(scenario, { seed }).world));
    }
  });

  it('the incentives change no entrant count: the same total entrants in every variant (zero-sum)', () => {
    SEEDS.forEach((_, k) => {
      for (const v of VARIANTS) expect(sum(out[v][k].entrants)).toBe(sum(out.base[k].entrants));
    });
  });

  it('race: every province\'s offer climbs from its first-year best response; Jiangsu, the largest, offers least', () => {
    for (const o of out.race) {
      expect(o.first).toHaveLength(4);
      for (let r = 0; r < 4; r++) expect(o.last[r]).toBeGreaterThan(o.first[r] + 0.5);
      for (let r = 0; r < 4; r++) if (r !== JS) expect(o.last[JS]).toBeLessThan(o.last[r]);
    }
  });

  it('race: more than 3 spent per entrant in every seed; coordinated: nothing, and every entrant where it goes without policy', () => {
    for (const o of out.race) expect(o.spendPerEntry).toBeGreaterThan(3);
    out.coordinated.forEach((o, k) => {
      expect(o.last).toEqual([0, 0, 0, 0]);
      expect(o.spendPerEntry).toBe(0);
      expect(o.entrants).toEqual(out.base[k].entrants);
    });
  });

  it('race: the entrants move from Jiangsu to the smaller provinces (pooled shares, ≥ 5 points)', () => {
    expect(share(out.race, JS)).toBeLessThan(share(out.base, JS) - 0.05);
    expect(share(out.race, AH)).toBeGreaterThan(share(out.base, AH) + 0.02);
  });

  it('three-provinces: the coalition\'s common offer is below the race offers of its members, and Shanghai, bidding alone, draws entrants', () => {
    out['three-provinces'].forEach((o, k) => {
      // rows: race-shanghai (Shanghai), then the coalition in Jiangsu, Zhejiang, Anhui
      const common = o.last[1];
      expect(o.last[2]).toBe(common);
      for (let r = 1; r < 4; r++) expect(common).toBeLessThan(out.race[k].last[r]);
      expect(o.spendPerEntry).toBeLessThan(out.race[k].spendPerEntry);
    });
    expect(share(out['three-provinces'], SH)).toBeGreaterThan(1.5 * share(out.base, SH));
  });
});
