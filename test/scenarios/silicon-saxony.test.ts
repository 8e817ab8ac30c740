// silicon-saxony (seed document 002) and its-owl (seed document 001): membership of the promotion
// organisation is an outcome — firms and research organisations join by choice — so the 20 → 350+
// members and the composition come out of the runs, not out of the scenario file.
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run.ts';
import { valueOf, type Series } from '../../src/engine/series.ts';
import { bundled } from '../support/scenarios.ts';

const SEEDS = [1, 2];
const at = (series: Series, metric: string, year: number, r: number) => valueOf(series, metric, year * 4, r);

describe('silicon-saxony (bundled, seed document 002)', () => {
  const scenario = bundled('silicon-saxony');
  const R = scenario.regions.length; // the `all` row
  const base: Series[] = [];
  const free: Series[] = [];
  beforeAll(() => {
    for (const seed of SEEDS) {
      base.push(run(scenario, { seed }).world.series);
      free.push(run(bundled('silicon-saxony', { variant: 'free' }), { seed }).world.series);
    }
  });

  it('sets 20 founders and membership by choice, not a number of members; targets from the document', () => {
    const org = scenario.promotionOrgs[0];
    expect(org.membership).toBe('choice');
    expect(org.founders).toBe(20);
    expect(scenario.expect?.map((t) => t.name)).toEqual(['founders', 'members-2020', 'sme-share']);
  });

  it('grows from its 20 founders (year 2) to hundreds of members by 2020, mostly SMEs; the classes add up', () => {
    for (const s of base) {
      expect(at(s, 'members', 1, R)).toBe(0);
      expect(at(s, 'members', 2, R)).toBeGreaterThanOrEqual(20);
      expect(at(s, 'members', 22, R)).toBeGreaterThan(5 * 20);
      expect(at(s, 'member_sme_share', 22, R)).toBeGreaterThan(0.6);
      const parts = ['members_large', 'members_sme', 'members_research', 'members_other'].map((m) => at(s, m, 22, R));
      expect(parts.reduce((a, b) => a + b, 0)).toBe(at(s, 'members', 22, R));
      expect(at(s, 'promotion_budget', 22, R)).toBeGreaterThan(0); // fees alone, public money has stopped
    }
  });

  it('without fees more firms join (paired seeds)', () => {
    SEEDS.forEach((_, k) => expect(at(free[k], 'members', 22, R)).toBeGreaterThan(at(base[k], 'members', 22, R)));
  });
});

describe('its-owl (bundled, seed document 001)', () => {
  it('runs with members of all four classes coming out of the choices', () => {
    const scenario = bundled('its-owl');
    const R = scenario.regions.length;
    const s = run(scenario, { seed: 1 }).world.series;
    for (const m of ['members_large', 'members_sme', 'members_research', 'members_other']) {
      expect(at(s, m, 10, R)).toBeGreaterThan(0);
    }
    expect(scenario.expect?.map((t) => t.value)).toEqual([196, 53, 81, 31, 31]);
  });
});
