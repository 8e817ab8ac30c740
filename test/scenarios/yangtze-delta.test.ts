// yangtze-delta (seed document 004): the initial firms follow Table 1 (industry mix) and Table 2
// (3 : 10 : 4 : 1 national clusters); Jiangsu stays the largest; Shanghai, the core, draws workers
// (siphon effect) while barriers stand; removing the barriers (variant `integrated`) raises
// migration, non-local ties and cross-province supply (paired seeds).
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run.ts';
import { valueOf, type Series } from '../../src/engine/series.ts';
import { bundled, tailMean } from '../support/scenarios.ts';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const LAST = 16; // ticks averaged at the end (4 years)
const PROVINCES = ['shanghai', 'jiangsu', 'zhejiang', 'anhui'];

/** Table 1 (2021 profits, 亿元) by segment in ring order, columns Shanghai, Jiangsu, Zhejiang, Anhui. */
const TABLE1 = [
  [181.14, 1147.58, 680.24, 247.16], // electronics
  [462.25, 1442.14, 830.05, 186.59], // equipment
  [594.34, 460.39, 520.06, 95.46], // automobiles
  [138.9, 767.39, 252.6, 208.16], // metals
  [60.37, 340.38, 383.53, 488], // non-metallic minerals
  [609.26, 1816.98, 1622.88, 403.97], // petrochemicals
  [190.4, 522.31, 433.48, 133.96], // pharmaceuticals
  [93.98, 69.95, 53.08, 32.02], // food
  [23.02, 265.17, 318.75, 51.72], // textiles
];
const TABLE2 = [3, 10, 4, 1]; // national advanced-manufacturing clusters, 2022

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function total(series: Series, metric: string, r: number): number {
  let s = 0;
  for (let t = 1; t < series.recorded; t++) s += valueOf(series, metric, t, r);
  return s;
}

interface Outcome {
  employment: number[];
  netShanghai: number;
  migrants: number;
  nonlocal: number;
  province: number;
}

function outcome(variant: string | null, seed: number): Outcome {
  const { world } = run(bundled('yangtze-delta', { variant: variant ?? undefined }), { seed });
  const s = world.series;
  const R = s.regions;
  return {
    employment: PROVINCES.map((_, r) => valueOf(s, 'employment', s.recorded - 1, r)),
    netShanghai: total(s, 'migrants_in', 0) - total(s, 'migrants_out', 0),
    migrants: total(s, 'migrants_in', R),
    nonlocal: tailMean(s, 'nonlocal_tie_share', R, LAST),
    province: tailMean(s, 'province_supply_ratio', R, LAST),
  };
}

describe('yangtze-delta (bundled, seed document 004)', () => {
  const scenario = bundled('yangtze-delta');
  const base: Outcome[] = [];
  const integrated: Outcome[] = [];

  beforeAll(() => {
    for (const seed of SEEDS) {
      base.push(outcome(null, seed));
      integrated.push(outcome('integrated', seed));
    }
  });

  it('places the initial firms by Table 2 (3 : 10 : 4 : 1, 30 per cluster) and Table 1 (industry mix, rounded)', () => {
    expect(scenario.regions.map((r) => r.name)).toEqual(PROVINCES);
    expect(scenario.segments.count).toBe(TABLE1.length);
    PROVINCES.forEach((name, p) => {
      const firms = scenario.firms.initial.filter((f) => f.region === name);
      const n = TABLE2[p] * 30;
      expect(Math.abs(sum(firms.map((f) => f.count)) - n), name).toBeLessThanOrEqual(1);
      const column = TABLE1.map((row) => row[p]);
      for (let s = 0; s < TABLE1.length; s++) {
        const count = sum(firms.filter((f) => f.segment === s).map((f) => f.count));
        expect(Math.abs(count - (n * column[s]) / sum(column)), `${name} segment ${s}`).toBeLessThanOrEqual(0.5);
      }
    });
  });

  it('makes Shanghai the core (highest wage, amenity, skill, research) with barriers between provinces', () => {
    const sh = scenario.regions[0];
    for (const other of scenario.regions.slice(1)) {
      expect(sh.wage).toBeGreaterThan(other.wage);
      expect(sh.amenity).toBeGreaterThan(other.amenity);
      expect(sh.skill).toBeGreaterThan(other.skill);
    }
    const research = PROVINCES.map((p) => sum(scenario.researchOrgs.filter((o) => o.region === p).map((o) => o.capacity)));
    expect(Math.max(...research)).toBe(research[0]);
    expect(new Set(scenario.regions.map((r) => r.province)).size).toBe(4);
    expect(scenario.barriers.between).toBeGreaterThan(0);
    expect(bundled('yangtze-delta', { variant: 'integrated' }).barriers.between).toBe(0);
  });

  it('keeps Jiangsu the largest cluster by employment', () => {
    for (const o of base) expect(o.employment.indexOf(Math.max(...o.employment))).toBe(1);
  });

  it('draws workers to Shanghai while the barriers stand (net in-migration over the run)', () => {
    console.log(`yangtze-delta: Shanghai's net in-migration ${base.map((o) => o.netShanghai.toFixed(0)).join(' ')}; integrated ${integrated.map((o) => o.netShanghai.toFixed(0)).join(' ')}`);
    for (const o of base) expect(o.netShanghai).toBeGreaterThan(0);
  });

  it('removing the barriers raises migration and non-local ties and lowers the province supply ratio (paired seeds)', () => {
    const k = SEEDS.map((_, i) => i);
    console.log(`yangtze-delta: migrants ${base.map((o) => o.migrants.toFixed(0)).join(' ')} → integrated ${integrated.map((o) => o.migrants.toFixed(0)).join(' ')}`);
    console.log(`yangtze-delta: non-local tie share ${base.map((o) => o.nonlocal.toFixed(3)).join(' ')} → ${integrated.map((o) => o.nonlocal.toFixed(3)).join(' ')}`);
    console.log(`yangtze-delta: province supply ratio ${base.map((o) => o.province.toFixed(3)).join(' ')} → ${integrated.map((o) => o.province.toFixed(3)).join(' ')}`);
    for (const i of k) expect(integrated[i].migrants).toBeGreaterThan(base[i].migrants);
    expect(k.filter((i) => integrated[i].nonlocal > base[i].nonlocal).length).toBeGreaterThanOrEqual(SEEDS.length - 1);
    expect(k.filter((i) => integrated[i].province < base[i].province).length).toBeGreaterThanOrEqual(SEEDS.length - 2);
  });
});
