// Job lists: stable indices, shards, option parsing.
import { describe, expect, it } from 'vitest';
import { BASE, buildJobs, inShard, jobsHash, parseMetrics, parseParam, parseShard, selectShard, variantNames, variantUnits } from '../../src/batch/jobs.ts';
import { sweepPlan, variantPlan } from '../../src/batch/plan.ts';
import { ScenarioError } from '../../src/scenarios/load.ts';

describe('job lists', () => {
  it('batch: index = variantIdx·N + seedIdx, seeds from seedStart, base has variant null', () => {
    const units = variantUnits('default', ['spinoffs', BASE]);
    const jobs = buildJobs(units, { start: 5, count: 3 }, 40, null);
    expect(jobs.map((j) => [j.index, j.variant, j.seed])).toEqual([
      [0, 'spinoffs', 5], [1, 'spinoffs', 6], [2, 'spinoffs', 7],
      [3, null, 5], [4, null, 6], [5, null, 7],
    ]);
    expect(jobs.every((j) => j.point === null && j.ticks === 40 && j.metrics === null)).toBe(true);
    expect(jobs[0].scenario.mechanisms.spinoffs.rate).toBe(0.09);
    expect(jobs[3].scenario.mechanisms.spinoffs.rate).toBe(0.03);
  });

  it('sweep: index = pointIdx·K + seedIdx, each point applied to the scenario', () => {
    const plan = sweepPlan({
      ref: 'default', seeds: { start: 1, count: 2 }, metrics: null, shard: null,
      params: [parseParam('mechanisms.spinoffs.rate=0.01:0.05')], method: 'grid', samples: 3,
    });
    expect(plan.jobs.map((j) => [j.index, j.point, j.seed])).toEqual([[0, 0, 1], [1, 0, 2], [2, 1, 1], [3, 1, 2], [4, 2, 1], [5, 2, 2]]);
    expect(plan.jobs.map((j) => j.scenario.mechanisms.spinoffs.rate)).toEqual([0.01, 0.01, 0.03, 0.03, 0.05, 0.05]);
    expect(plan.manifest.sweep?.points).toEqual([[0.01], [0.03], [0.05]]);
  });

  it('an unknown sweep path is a ScenarioError naming it', () => {
    expect(() => sweepPlan({
      ref: 'default', seeds: { start: 1, count: 1 }, metrics: null, shard: null,
      params: [parseParam('mechanisms.spinoffs.nope=0:1')], method: 'grid', samples: 2,
    })).toThrow(/mechanisms\.spinoffs\.nope/);
    expect(() => variantUnits('default', ['nope'])).toThrow(ScenarioError);
  });

  it('shards partition the job list by index % N', () => {
    const jobs = Array.from({ length: 11 }, (_, index) => ({ index }));
    const parts = [1, 2, 3].map((k) => selectShard(jobs, { k, n: 3 }).map((j) => j.index));
    expect(parts).toEqual([[0, 3, 6, 9], [1, 4, 7, 10], [2, 5, 8]]);
    expect(selectShard(jobs, null)).toHaveLength(11);
    expect(inShard(7, { k: 2, n: 3 })).toBe(true);
  });

  it('parses and validates --shard k/N', () => {
    expect(parseShard('2/5')).toEqual({ k: 2, n: 5 });
    for (const bad of ['0/2', '3/2', '1/0', 'a/b', '1', '1/2/3', '-1/2']) expect(() => parseShard(bad)).toThrow();
  });

  it('parses --param path=lo:hi[:int]', () => {
    expect(parseParam('regions.0.landCost=0.1:0.5')).toEqual({ path: 'regions.0.landCost', lo: 0.1, hi: 0.5, integer: false });
    expect(parseParam('mechanisms.entry.rate=1:6:int')).toEqual({ path: 'mechanisms.entry.rate', lo: 1, hi: 6, integer: true });
    expect(parseParam('x.y=-1e-2:2.5')).toEqual({ path: 'x.y', lo: -0.01, hi: 2.5, integer: false });
    for (const bad of ['a.b=1', 'a.b=1:x', 'a.b=2:1', '=1:2', 'a.b:1:2', 'a.b=1:2:float', 'a.b=0.5:2:int', 'a.b=1:2:int:3']) {
      expect(() => parseParam(bad), bad).toThrow();
    }
  });

  it('variant names: default base, all = base + every variant, duplicates refused', () => {
    const available = ['spinoffs', 'placebo'];
    expect(variantNames(undefined, available)).toEqual(['base']);
    expect(variantNames('all', available)).toEqual(['base', 'spinoffs', 'placebo']);
    expect(variantNames('placebo, base', available)).toEqual(['placebo', 'base']);
    expect(() => variantNames('base,base', available)).toThrow(/twice/);
    expect(() => parseMetrics('firms,nope')).toThrow(/nope/);
    expect(parseMetrics('employment,firms')).toEqual(['employment', 'firms']);
  });

  it('the jobs hash and the manifest do not depend on the shard', () => {
    const spec = { ref: 'default', seeds: { start: 1, count: 4 }, metrics: null, variants: ['base', 'placebo'] };
    const whole = variantPlan('batch', { ...spec, shard: null });
    const part = variantPlan('batch', { ...spec, shard: { k: 2, n: 3 } });
    expect(part.manifest.jobsHash).toBe(whole.manifest.jobsHash);
    expect({ ...part.manifest, shard: null }).toEqual(whole.manifest);
    const other = jobsHash(variantUnits('default', ['base', 'spinoffs']), spec.seeds, 200, null);
    expect(other).not.toBe(whole.manifest.jobsHash);
  });
});
