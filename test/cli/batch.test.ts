// `clusterlab batch`: byte-identical outputs whatever the number of workers, failing jobs,
// the files' layout, usage and input errors.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTCOME_NAMES } from '../../src/analysis/outcomes.ts';
import { METRICS } from '../../src/engine/metrics.ts';
import { attemptsOf } from '../workers/fixtures/faults.ts';
import { cli, faultyPool, readCsv, runFiles, summaryFiles } from '../batch/helpers.ts';
import { hasStackTrace, workspace } from './fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());
const dir = (name: string) => join(ws.dir, name);

const BATCH = ['batch', 'default', '--seeds', '8', '--ticks', '40', '--variants', 'base,spinoffs', '--quiet'];

describe('batch with 1 and 2 worker threads', () => {
  let reference: Record<string, string>;
  beforeAll(async () => {
    const r = await cli([...BATCH, '--workers', '0', '--out', dir('w0')]);
    expect(r.code).toBe(0);
    reference = summaryFiles(dir('w0'));
  });

  it('writes byte-identical runs.csv, ensemble.csv, failures.csv, manifest.json and run files', async () => {
    for (const w of ['1', '2']) {
      const r = await cli([...BATCH, '--workers', w, '--out', dir(`w${w}`)]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(summaryFiles(dir(`w${w}`))).toEqual(reference);
      expect(runFiles(dir(`w${w}`))).toEqual(runFiles(dir('w0')));
    }
    expect(Object.keys(reference).sort()).toEqual(['ensemble.csv', 'failures.csv', 'manifest.json', 'runs.csv', 'series.parquet']);
  });

  const variedIn = (text: string) => JSON.parse(text).varied;
  it('lays out runs.csv and ensemble.csv as documented', () => {
    const runs = readCsv(dir('w0'), 'runs.csv');
    // What the variants vary comes last: spinoffs sets the spin-off rate, base keeps the scenario's.
    expect(runs.header).toEqual(['variant', 'seed', 'region', 'final_stage', ...OUTCOME_NAMES, 'mechanisms.spinoffs.rate']);
    expect(runs.rows.map((r) => r.at(-1))).toEqual([...Array(16).fill('0.03'), ...Array(16).fill('0.09')]);
    // Per run: the whole system, then each region (default has one, valley).
    expect(runs.rows.map((r) => `${r[0]}/${r[1]}/${r[2]}`)).toEqual(
      ['base', 'spinoffs'].flatMap((v) => [1, 2, 3, 4, 5, 6, 7, 8].flatMap((s) => [`${v}/${s}/all`, `${v}/${s}/valley`])),
    );
    // One region: its outcomes are those of the whole system.
    expect(runs.rows[0].slice(3)).toEqual(runs.rows[1].slice(3));
    expect(variedIn(reference['manifest.json'])).toEqual({ paths: ['mechanisms.spinoffs.rate'], values: [[0.03], [0.09]] });
    const ens = readCsv(dir('w0'), 'ensemble.csv');
    expect(ens.header).toEqual(['variant', 'tick', 'year', 'region', 'metric', 'mean', 'sd', 'p05', 'p50', 'p95']);
    // 2 variants × 41 ticks × (valley, all) × every metric.
    expect(ens.rows).toHaveLength(2 * 41 * 2 * METRICS.length);
    expect(ens.rows[0].slice(0, 5)).toEqual(['base', '0', '0.0', 'valley', 'firms']);
    expect(ens.rows[METRICS.length].slice(0, 5)).toEqual(['base', '0', '0.0', 'all', 'firms']);
    // The tick-0 state is the same in every run: sd 0, all quantiles equal.
    expect(ens.rows[0].slice(5)).toEqual(['7.0', '0.0', '7.0', '7.0', '7.0']);
    const manifest = JSON.parse(reference['manifest.json']);
    expect(manifest).toMatchObject({
      command: 'batch', scenario: { name: 'default', file: 'default' }, ticks: 40, ticksPerYear: 4,
      seeds: { start: 1, count: 8 }, shard: null, jobs: 16, completed: 16, failed: 0,
    });
    expect(manifest.variants.map((v: { name: string }) => v.name)).toEqual(['base', 'spinoffs']);
    expect(manifest.variants[1].patches).toEqual([{ op: 'replace', path: ['mechanisms', 'spinoffs', 'rate'], value: 0.09 }]);
    expect(reference['manifest.json']).not.toMatch(/time|date|workers/i);
  });
});

describe('a failing job', () => {
  it('is retried on a fresh worker, then recorded in failures.csv with exit code 4; the other runs are intact', async () => {
    const faults = dir('faults');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(faults);
    const argv = ['batch', 'default', '--seeds', '6', '--ticks', '40', '--quiet'];
    const r = await cli([...argv, '--out', dir('failing')], { pool: faultyPool({ dir: faults, throwAlways: [2], crashAlways: [4] }, 2) });
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/2 of 6 runs failed/);
    expect(hasStackTrace(r.err)).toBe(false);
    // Each failing job was attempted twice, each time on a different worker thread.
    for (const i of [2, 4]) {
      const threads = attemptsOf(faults, i);
      expect(threads).toHaveLength(2);
      expect(new Set(threads).size).toBe(2);
    }
    const failures = readCsv(dir('failing'), 'failures.csv');
    expect(failures.header).toEqual(['index', 'variant', 'point', 'seed', 'attempts', 'error']);
    expect(failures.rows.map((f) => f.slice(0, 5))).toEqual([['2', 'base', '', '3', '2'], ['4', 'base', '', '5', '2']]);
    expect(failures.rows[0][5]).toMatch(/injected failure in job 2/);
    expect(failures.rows[1][5]).toMatch(/exited with code 1/);

    const good = await cli([...argv, '--workers', '0', '--out', dir('good')]);
    expect(good.code).toBe(0);
    const all = readFileSync(join(dir('good'), 'runs.csv'), 'utf8').split('\n');
    const some = readFileSync(join(dir('failing'), 'runs.csv'), 'utf8').split('\n');
    // Header is line 0, then two lines per job (all, valley): jobs 2 and 4 are lines 5–6 and 9–10.
    expect(some).toEqual(all.filter((_, i) => ![5, 6, 9, 10].includes(i)));
    expect(JSON.parse(readFileSync(join(dir('failing'), 'manifest.json'), 'utf8'))).toMatchObject({ completed: 4, failed: 2 });
  });
});

describe('options, progress and errors', () => {
  it('keeps only the --metrics series and prints progress per 10 % when stderr is not a terminal', async () => {
    const r = await cli(['batch', 'arthur', '--seeds', '20', '--ticks', '10', '--metrics', 'firms,entries', '--workers', '0', '--out', dir('metrics')]);
    expect(r.code).toBe(0);
    const lines = r.err.trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^batch: 10 % \(2\/20 runs, [\d.]+ runs\/s\)$/);
    expect(lines[9]).toMatch(/^batch: 100 % \(20\/20 runs/);
    const ens = readCsv(dir('metrics'), 'ensemble.csv');
    expect(new Set(ens.rows.map((r) => r[4]))).toEqual(new Set(['firms', 'entries']));
    expect(ens.rows).toHaveLength(11 * 3 * 2);
    expect(r.out).toMatch(/20 done, 0 failed/);
  });

  it('prints JSON with --json', async () => {
    const r = await cli(['batch', 'arthur', '--seeds', '3', '--ticks', '5', '--workers', '0', '--quiet', '--json', '--no-report', '--out', dir('json')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ command: 'batch', scenario: 'arthur', jobs: 3, completed: 3, failed: 0 });
  });

  it('--variants all runs base and every variant in file order', async () => {
    const r = await cli(['batch', 'arthur', '--seeds', '2', '--ticks', '5', '--variants', 'all', '--workers', '0', '--quiet', '--out', dir('all')]);
    expect(r.code).toBe(0);
    const runs = readCsv(dir('all'), 'runs.csv');
    expect([...new Set(runs.rows.map((row) => row[0]))]).toEqual(['base', 'linear', 'superlinear', 'headstart']);
  });

  it.each([
    [['--seeds', '0']],
    [['--seeds', '2', '--shard', '3/2']],
    [['--seeds', '2', '--shard', '0/2']],
    [['--seeds', '2', '--workers', '-1']],
    [['--seeds', '2', '--metrics', 'firms,nope']],
    [['--seeds', '2', '--variants', 'base,base']],
    [[]],
  ])('usage error %j → exit 2', async (extra) => {
    const r = await cli(['batch', 'default', ...extra, '--out', dir('usage')]);
    expect(r.code).toBe(2);
    expect(r.err).not.toBe('');
    expect(hasStackTrace(r.err)).toBe(false);
  });

  it('an unknown variant or scenario → exit 1', async () => {
    for (const argv of [['batch', 'default', '--seeds', '2', '--variants', 'base,nope'], ['batch', 'nope.yaml', '--seeds', '2']]) {
      const r = await cli([...argv, '--out', dir('bad')]);
      expect(r.code).toBe(1);
      expect(hasStackTrace(r.err)).toBe(false);
    }
  });

  it('refuses a folder that holds a batch unless --resume, and --resume of a different batch', async () => {
    const argv = ['batch', 'arthur', '--seeds', '3', '--ticks', '5', '--workers', '0', '--quiet', '--out', dir('taken')];
    expect((await cli(argv)).code).toBe(0);
    const again = await cli(argv);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/--resume/);
    const other = await cli([...argv.slice(0, 3), '4', ...argv.slice(4), '--resume']);
    expect(other.code).toBe(1);
    expect(other.err).toMatch(/differs .* seeds/);
    const same = await cli([...argv, '--resume']);
    expect(same.code).toBe(0);
    expect(readdirSync(join(dir('taken'), 'runs'))).toHaveLength(6);
  });
});
