// `--shard k/N` + `clusterlab merge`: the shards joined give the same files as one machine.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, runFiles, summaryFiles } from '../batch/helpers.ts';
import { hasStackTrace, workspace } from './fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());
const dir = (name: string) => join(ws.dir, name);

async function shardedVsWhole(name: string, argv: string[], shards: number) {
  const whole = await cli([...argv, '--out', dir(`${name}-whole`)]);
  expect(whole.code).toBe(0);
  const parts: string[] = [];
  for (let k = 1; k <= shards; k++) {
    const part = dir(`${name}-shard${k}`);
    const r = await cli([...argv, '--shard', `${k}/${shards}`, '--out', part]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/clusterlab merge/);
    // A shard keeps its runs and a manifest; the summaries come from merge.
    expect(Object.keys(summaryFiles(part))).toEqual(['manifest.json']);
    expect(JSON.parse(readFileSync(join(part, 'manifest.json'), 'utf8')).shard).toEqual({ k, n: shards });
    parts.push(part);
  }
  const merged = await cli(['merge', ...parts.reverse(), '--out', dir(`${name}-merged`)]);
  expect(merged.err).toBe('');
  expect(merged.code).toBe(0);
  expect(summaryFiles(dir(`${name}-merged`))).toEqual(summaryFiles(dir(`${name}-whole`)));
  expect(runFiles(dir(`${name}-merged`))).toEqual(runFiles(dir(`${name}-whole`)));
  return parts.reverse();
}

describe('shards + merge = one machine', () => {
  it('batch, 2 shards', async () => {
    await shardedVsWhole('batch', ['batch', 'default', '--seeds', '5', '--ticks', '40', '--variants', 'all', '--keep', 'firms,events,ties', '--workers', '0', '--quiet'], 2);
    expect(Object.keys(summaryFiles(dir('batch-merged')))).toContain('events.parquet');
  });

  it('compare, 3 shards (compare.csv included)', async () => {
    const parts = await shardedVsWhole('compare', ['compare', 'default', '--seeds', '4', '--ticks', '40', '--workers', '0', '--quiet'], 3);
    expect(Object.keys(summaryFiles(dir('compare-merged')))).toContain('compare.csv');

    // A missing shard: exit 1, saying how many jobs are missing.
    const missing = await cli(['merge', parts[0], parts[2], '--out', dir('compare-missing')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/7 of 20 jobs are missing \(indices 1, 4, 7, 10, 13, 16, 19\)/);
    expect(hasStackTrace(missing.err)).toBe(false);
  });

  it('sweep with Morris, 2 shards', async () => {
    await shardedVsWhole('sweep', ['sweep', 'default', '--param', 'mechanisms.spinoffs.rate=0.01:0.1', '--param', 'mechanisms.entry.rate=1:6:int', '--samples', '2', '--sensitivity', 'morris', '--seeds', '2', '--ticks', '30', '--workers', '0', '--quiet'], 2);
    expect(Object.keys(summaryFiles(dir('sweep-merged')))).toContain('sensitivity.csv');
  });

  it('refuses folders of different batches, and folders without a manifest', async () => {
    const a = await cli(['batch', 'arthur', '--seeds', '4', '--ticks', '5', '--shard', '1/2', '--workers', '0', '--quiet', '--out', dir('a1')]);
    const b = await cli(['batch', 'arthur', '--seeds', '4', '--ticks', '6', '--shard', '2/2', '--workers', '0', '--quiet', '--out', dir('a2')]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const r = await cli(['merge', dir('a1'), dir('a2'), '--out', dir('a-merged')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/different batch.*ticks/);
    const none = await cli(['merge', ws.dir, '--out', dir('x')]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/no manifest\.json/);
    expect((await cli(['merge', dir('a1')])).code).toBe(2); // --out is required
  });

  it('merging into one of the shard folders works too', async () => {
    const argv = ['batch', 'arthur', '--seeds', '3', '--ticks', '5', '--workers', '0', '--quiet'];
    expect((await cli([...argv, '--out', dir('into-whole')])).code).toBe(0);
    expect((await cli([...argv, '--shard', '1/2', '--out', dir('into1')])).code).toBe(0);
    expect((await cli([...argv, '--shard', '2/2', '--out', dir('into2')])).code).toBe(0);
    expect((await cli(['merge', dir('into1'), dir('into2'), '--out', dir('into1')])).code).toBe(0);
    expect(summaryFiles(dir('into1'))).toEqual(summaryFiles(dir('into-whole')));
    rmSync(dir('into2'), { recursive: true });
  });
});
