// changsha-machinery (seed document 001): six designated machine makers (六大主机企业) lead in
// Changsha; main-supplier coordination (主配协同, variant `coordination`) lifts the in-province
// supply ratio of Changsha's leaders above the reported 36 % (paired seeds), from below it, and the
// parts rate (零部件省内配套率) above the reported 50 %.
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run.ts';
import { bundled, tailMean } from '../support/scenarios.ts';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const LAST = 8; // ticks averaged at the end (the last 2 years, up to "2020")
const CHANGSHA = 0;
const REPORTED = 0.36; // 2020: 长沙工程机械省内配套率超过36%
const REPORTED_PARTS = 0.5; // 2020: 零部件省内配套率超过50%

/** Changsha's province supply ratio and parts ratio, means over the last LAST ticks. */
function provinceRatio(variant: string | null, seed: number): [number, number] {
  const { world } = run(bundled('changsha-machinery', { variant: variant ?? undefined }), { seed });
  return [
    tailMean(world.series, 'province_supply_ratio', CHANGSHA, LAST),
    tailMean(world.series, 'parts_province_supply_ratio', CHANGSHA, LAST),
  ];
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('changsha-machinery (bundled, seed document 001)', () => {
  const scenario = bundled('changsha-machinery');
  const base: number[] = [];
  const coordination: number[] = [];
  const baseParts: number[] = [];
  const coordinationParts: number[] = [];

  beforeAll(() => {
    for (const seed of SEEDS) {
      const [b, bp] = provinceRatio(null, seed);
      const [c, cp] = provinceRatio('coordination', seed);
      base.push(b);
      baseParts.push(bp);
      coordination.push(c);
      coordinationParts.push(cp);
    }
  });

  it('has six designated machine makers (chain leaders) in Changsha, Hunan, and coordination only in the variant', () => {
    const leaders = scenario.firms.initial.filter((f) => f.role === 'leader' && f.region === 'changsha');
    expect(leaders.reduce((n, f) => n + f.count, 0)).toBe(6);
    for (const f of leaders) expect(f.segment).toBe(0);
    expect(scenario.regions.filter((r) => r.province === 'hunan').map((r) => r.name)).toContain('changsha');
    expect(scenario.mechanisms.supply.coordination).toBe(0);
    expect(bundled('changsha-machinery', { variant: 'coordination' }).mechanisms.supply.coordination).toBeGreaterThan(0);
  });

  it('coordination lifts the province supply ratio of Changsha’s leaders from below to above 36 % (paired seeds)', () => {
    const lifted = SEEDS.filter((_, k) => coordination[k] > base[k]).length;
    console.log(`changsha-machinery: province supply ratio base ${base.map((x) => x.toFixed(3)).join(' ')} (mean ${mean(base).toFixed(3)}); coordination ${coordination.map((x) => x.toFixed(3)).join(' ')} (mean ${mean(coordination).toFixed(3)}); higher in ${lifted} of ${SEEDS.length}`);
    expect(mean(base)).toBeLessThan(REPORTED);
    expect(mean(coordination)).toBeGreaterThanOrEqual(REPORTED);
    expect(lifted).toBeGreaterThanOrEqual(SEEDS.length - 1);
  });

  it('the parts rate (parts segments only, tied suppliers) is above the whole rate, and above 50 % with coordination', () => {
    expect(scenario.mechanisms.supply.partsSegments).toEqual([1, 2, 4, 5]);
    expect(mean(baseParts)).toBeGreaterThan(mean(base));
    expect(mean(baseParts)).toBeLessThan(REPORTED_PARTS);
    expect(mean(coordinationParts)).toBeGreaterThan(REPORTED_PARTS);
  });
});
