// stage-policy (seed document 003, 集群政策必须动态化): the base has no levers; `uniform` and
// `staged` spend the same total budget; staged levers are on only in their stage of the valley;
// no lever and no variant spends more than its budget; compare runs and reports the spend.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomesOf } from '../../src/analysis/outcomes.ts';
import { LEVER_KINDS } from '../../src/engine/policy/catalogue.ts';
import { run } from '../../src/engine/run.ts';
import { rowOf, STAGES } from '../../src/engine/series.ts';
import type { World } from '../../src/engine/world.ts';
import { loadScenario } from '../../src/scenarios/load.ts';
import { cli, readCsv } from '../batch/helpers.ts';
import { bundled } from '../support/scenarios.ts';

const VALLEY = 0;
const SEEDS = [1, 2, 3, 4];
const totalBudget = (variant: string) =>
  bundled('stage-policy', { variant }).levers.reduce((s, l) => s + (l.budget.total ?? Infinity), 0);

/** The stage each staged lever is for (its `when.stage`). */
const STAGE_OF: Record<string, string> = {
  'formation-seed-money': 'formation', 'growth-specialists': 'growth', 'growth-chain-leaders': 'growth',
  'maturity-trust': 'maturity', 'decline-entrants': 'decline', 'decline-openness': 'decline',
};

describe('stage-policy: the scenario', () => {
  it('loads with the variants uniform and staged; the base has no levers, networking and supply on', () => {
    const loaded = loadScenario('stage-policy');
    expect(loaded.variants).toEqual(['uniform', 'staged']);
    const base = loaded.scenario;
    expect(base.levers).toEqual([]);
    expect(base.mechanisms.networking.enabled).toBe(true);
    expect(base.mechanisms.supply.enabled).toBe(true);
    expect(base.ticks / base.ticksPerYear).toBe(50);
  });

  it('both variants have the same total budget, 600, every lever a finite total', () => {
    expect(totalBudget('uniform')).toBe(600);
    expect(totalBudget('staged')).toBe(600);
    const staged = bundled('stage-policy', { variant: 'staged' }).levers;
    expect(staged.map((l) => l.lever)).toEqual(['startupSupport', 'specialisedSme', 'chainLeader', 'promotionOrganisation', 'entrySubsidy', 'openness']);
    for (const l of staged) expect(l.when.stage).toBe(STAGE_OF[l.name!]);
    for (const l of bundled('stage-policy', { variant: 'uniform' }).levers) expect(l.when).toEqual({ latch: false, of: 'region' });
  });
});

describe('stage-policy: staged levers fire only in their stage; spend within budgets', () => {
  const worlds: World[] = [];
  beforeAll(() => {
    const scenario = bundled('stage-policy', { variant: 'staged' });
    for (const seed of SEEDS) worlds.push(run(scenario, { seed }).world);
  });

  it('every row of policy.csv where a staged lever is on is in its stage of the valley (recorded the tick before)', () => {
    let rows = 0;
    for (const w of worlds) {
      const { log, levers } = w.policy;
      for (let i = 0; i < log.count; i++) {
        if (!log.active[i]) continue;
        expect(log.region[i]).toBe(VALLEY);
        const stage = STAGES[w.series.stage[rowOf(w.series, log.tick[i] - 1, VALLEY)]];
        expect(stage, `${levers[log.lever[i]].name} at tick ${log.tick[i]}`).toBe(STAGE_OF[levers[log.lever[i]].name]);
        rows++;
      }
    }
    expect(rows).toBeGreaterThan(100);
  });

  it('the cluster goes through formation, growth, maturity and decline, and each stage\'s levers switch on', () => {
    for (const w of worlds) {
      const s = w.series;
      const seen = new Set<string>();
      for (let t = 0; t < s.recorded; t++) seen.add(STAGES[s.stage[rowOf(s, t, VALLEY)]]);
      for (const st of ['formation', 'growth', 'maturity', 'decline']) expect(seen.has(st), st).toBe(true);
      const on = new Set<string>();
      for (let i = 0; i < w.policy.log.count; i++) if (w.policy.log.active[i]) on.add(w.policy.levers[w.policy.log.lever[i]].name);
      expect([...on].sort()).toEqual(Object.keys(STAGE_OF).sort());
    }
  });

  it('no lever spends more than its budget; the variant spends at most 600', () => {
    for (const w of worlds) {
      for (const l of w.policy.levers) {
        expect(l.spentTotal).toBeLessThanOrEqual(l.total + 1e-9);
        if (Number.isFinite(l.perYear)) expect(l.spentYear).toBeLessThanOrEqual(l.perYear + 1e-9);
      }
      const spend = outcomesOf(w).total_policy_spend;
      expect(spend).toBeGreaterThan(0);
      expect(spend).toBeLessThanOrEqual(600 + 1e-9);
      expect(spend).toBeCloseTo(w.policy.levers.reduce((s, l) => s + l.spentTotal, 0), 9);
    }
  });

  it('uniform: each lever within 6 a year and 300 in all', () => {
    const { world } = run(bundled('stage-policy', { variant: 'uniform' }), { seed: 1 });
    expect(world.policy.levers.map((l) => LEVER_KINDS[l.kind])).toEqual(['startupSupport', 'rdSubsidy']);
    for (const l of world.policy.levers) expect(l.spentTotal).toBeLessThanOrEqual(300 + 1e-9);
    // Spend per budget year (ticks (y·T, (y+1)·T]) from policy.csv's rows.
    const perYear = new Map<string, number>();
    const { log } = world.policy;
    for (let i = 0; i < log.count; i++) {
      const key = `${log.lever[i]}/${Math.floor((log.tick[i] - 1) / 4)}`;
      perYear.set(key, (perYear.get(key) ?? 0) + log.spend[i]);
    }
    for (const v of perYear.values()) expect(v).toBeLessThanOrEqual(6 + 1e-9);
    expect(outcomesOf(world).total_policy_spend).toBeLessThanOrEqual(600 + 1e-9);
  });
});

describe('stage-policy: compare on 3 seeds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clusterlab-stage-policy-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let rows: Record<string, string>[] = [];
  let runs: Record<string, string>[] = [];
  let allCompare: Record<string, string>[] = [];
  let allRuns: Record<string, string>[] = [];
  beforeAll(async () => {
    const r = await cli(['compare', 'stage-policy', '--seeds', '3', '--workers', '0', '--quiet', '--out', join(dir, 'cmp')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const asRecords = (name: string) => {
      const csv = readCsv(join(dir, 'cmp'), name);
      return csv.rows.map((row) => Object.fromEntries(csv.header.map((h, i) => [h, row[i]])));
    };
    allCompare = asRecords('compare.csv');
    allRuns = asRecords('runs.csv');
    rows = allCompare.filter((r) => r.region === 'all');
    runs = allRuns.filter((r) => r.region === 'all');
  });

  it('compare.csv and runs.csv also hold each region alone (valley, hinterland), after all', () => {
    expect([...new Set(allCompare.map((r) => r.region))]).toEqual(['all', 'valley', 'hinterland']);
    const runRows = allRuns;
    expect(runRows).toHaveLength(3 * 9);
    // The regions' employment adds up to the whole system's, run by run.
    for (let k = 0; k < runRows.length; k += 3) {
      expect(runRows.slice(k, k + 3).map((r) => r.region)).toEqual(['all', 'valley', 'hinterland']);
      // (runs.csv rounds to 6 significant digits)
      const sum = Number(runRows[k + 1].final_employment) + Number(runRows[k + 2].final_employment);
      expect(Math.abs(sum - Number(runRows[k].final_employment))).toBeLessThanOrEqual(1e-5 * Number(runRows[k].final_employment));
    }
  });

  it('compare.csv has both variants against base, with spend = mean extra total_policy_spend', () => {
    expect([...new Set(rows.map((r) => r.variant))]).toEqual(['uniform', 'staged']);
    expect(runs).toHaveLength(9);
    for (const variant of ['uniform', 'staged']) {
      const own = runs.filter((r) => r.variant === variant).map((r) => Number(r.total_policy_spend));
      const base = runs.filter((r) => r.variant === 'base').map((r) => Number(r.total_policy_spend));
      expect(base).toEqual([0, 0, 0]);
      const meanSpend = own.reduce((a, b) => a + b, 0) / own.length;
      expect(meanSpend).toBeGreaterThan(0);
      expect(meanSpend).toBeLessThanOrEqual(600);
      const row = rows.find((r) => r.variant === variant && r.outcome === 'total_innovations')!;
      expect(Number(row.spend)).toBeCloseTo(meanSpend, 3);
      expect(Number(row.effect_per_spend)).toBeCloseTo(Number(row.mean_diff) / Number(row.spend), 3);
      const spendRow = rows.find((r) => r.variant === variant && r.outcome === 'total_policy_spend')!;
      expect(Number(spendRow.mean_diff)).toBeCloseTo(meanSpend, 3);
      expect(rows.find((r) => r.variant === variant && r.outcome === 'years_to_decline')).toBeDefined();
    }
  });
});
