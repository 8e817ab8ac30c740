// `clusterlab calibrate`: the files, byte-identical for any number of workers, resumable from a log
// cut by kill -9, shardable over one folder, SMM beside ABC, and clear errors for bad priors.
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io.ts';
import { calibrateCommand } from '../../src/cli/calibrate.ts';
import { parsePrior } from '../../src/calibrate/priors.ts';
import { inProcessSpawner } from '../../src/workers/in-process.ts';
import { cli, readCsv } from '../batch/helpers.ts';
import { CALIBRATION_TARGETS, hasStackTrace, TINY, workspace } from './fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());
const scenario = ws.file('tiny.yaml', TINY);
const targets = ws.file('targets.yaml', CALIBRATION_TARGETS);
const small = ['--ticks', '24', '--particles', '20', '--generations', '3', '--quiet', '--no-report'];
const twoLanes = { pool: () => ({ size: 2, spawn: inProcessSpawner() }) };
const RESULT_FILES = ['posterior.csv', 'generations.csv', 'parameters.csv', 'fit.csv', 'calibrated.yaml', 'manifest.json', 'simulations.csv'];
const files = (dir: string) => Object.fromEntries(RESULT_FILES.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('calibrate', () => {
  it('writes the posterior and the fit; the same bytes with one or two workers', async () => {
    const one = join(ws.dir, 'one');
    const r = await cli(['calibrate', scenario, '--targets', targets, ...small, '--workers', '0', '--out', one]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/mechanisms\.entry\.rate +[\d.]+ +\[[\d.]+, [\d.]+\]/);
    expect(r.out).toMatch(/never .* NOT REACHED/);
    expect(r.out).toMatch(/1 of 2 targets reached/);
    const posterior = readCsv(one, 'posterior.csv');
    expect(posterior.header).toEqual(['generation', 'particle', 'weight', 'distance', 'mechanisms.entry.rate']);
    expect(posterior.rows).toHaveLength(60);
    expect(new Set(posterior.rows.map((x) => x[0]))).toEqual(new Set(['0', '1', '2']));
    const fit = readCsv(one, 'fit.csv');
    expect(fit.rows.map((x) => `${x[0]} ${x.at(-1)}`)).toEqual(['firms@all true', 'never false']);
    const yaml = readFileSync(join(one, 'calibrated.yaml'), 'utf8');
    expect(yaml).toMatch(/extends: \.\.\/tiny\.yaml/);
    expect(yaml).toMatch(/rate: [\d.]+/);
    // calibrated.yaml is a scenario that loads.
    expect((await cli(['validate', join(one, 'calibrated.yaml')])).code).toBe(0);

    const two = join(ws.dir, 'two');
    expect((await cli(['calibrate', scenario, '--targets', targets, ...small, '--out', two], twoLanes)).code).toBe(0);
    expect(files(two)).toEqual(files(one));
  });

  it('goes on from a log cut by kill -9, to the same bytes; without --resume it refuses the folder', async () => {
    const whole = join(ws.dir, 'whole');
    await cli(['calibrate', scenario, '--targets', targets, ...small, '--workers', '0', '--out', whole]);
    const cut = join(ws.dir, 'cut');
    await cli(['calibrate', scenario, '--targets', targets, ...small, '--workers', '0', '--out', cut]);
    // What a kill leaves: half the log, its last line cut, no result files, the manifest not completed.
    const log = readFileSync(join(cut, 'simulations.csv'), 'utf8');
    writeFileSync(join(cut, 'simulations.csv'), log.slice(0, Math.floor(log.length / 2)));
    for (const f of ['parameters.csv', 'fit.csv', 'calibrated.yaml']) rmSync(join(cut, f));
    const refused = await cli(['calibrate', scenario, '--targets', targets, ...small, '--workers', '0', '--out', cut]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/already holds runs of this calibration: add --resume/);
    const resumed = await cli(['calibrate', scenario, '--targets', targets, ...small, '--workers', '0', '--out', cut, '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.out).toMatch(/read back from the log/);
    expect(files(cut)).toEqual(files(whole));
    // Other settings cannot resume this folder.
    const other = await cli(['calibrate', scenario, '--targets', targets, ...small, '--particles', '30', '--workers', '0', '--out', cut, '--resume']);
    expect(other.code).toBe(1);
    expect(other.err).toMatch(/differs from this command in: settings\.particles/);
  });

  it('two shards sharing a folder give the result of one process', async () => {
    const whole = join(ws.dir, 'whole');
    const shared = join(ws.dir, 'shards');
    const options = (k: number) => ({
      targets, ticks: 24, particles: 20, generations: 3, quiet: true, report: false, out: shared, shard: { k, n: 2 }, pollMs: 20,
    });
    const deps = { pool: () => ({ size: 1, spawn: inProcessSpawner() }) };
    const io = [bufferIo(), bufferIo()];
    const codes = await Promise.all([calibrateCommand(scenario, options(1), io[0], deps), calibrateCommand(scenario, options(2), io[1], deps)]);
    expect(codes).toEqual([0, 0]);
    expect(io[1].out).toMatch(/shard 2\/2 done/);
    expect(readdirSync(shared).filter((f) => f.startsWith('simulations')).sort()).toEqual(['simulations-1of2.csv', 'simulations-2of2.csv']);
    for (const f of ['posterior.csv', 'generations.csv', 'parameters.csv', 'fit.csv']) {
      expect(readFileSync(join(shared, f), 'utf8')).toBe(readFileSync(join(whole, f), 'utf8'));
    }
  });

  it('the simulated method of moments: an estimate, its spread as draws, calibrated.yaml at the estimate', async () => {
    const out = join(ws.dir, 'smm');
    const r = await cli(['calibrate', scenario, '--targets', targets, '--method', 'smm', '--ticks', '24', '--particles', '10', '--max-evaluations', '40', '--workers', '0', '--quiet', '--no-report', '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/simulated method of moments/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.settings).toEqual({ method: 'smm', particles: 10, seeds: 2, maxEvaluations: 150 > 40 ? 40 : 150 });
    const estimate = manifest.estimate.values[0];
    expect(estimate).toBeGreaterThan(0.5);
    expect(estimate).toBeLessThan(8);
    expect(readFileSync(join(out, 'calibrated.yaml'), 'utf8')).toContain(`rate: ${Number(estimate.toPrecision(6))}`);
    expect(readCsv(out, 'fit.csv').rows[0].at(-1)).toBe('true');
    const usage = await cli(['calibrate', scenario, '--targets', targets, '--method', 'smm', '--generations', '3', '--out', join(ws.dir, 'x')]);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/--generations is for --method abc/);
  });

  it('bad priors: file, path, line, expected and found; exit 1 (2 for a malformed --prior); no stack', async () => {
    const bad = ws.file('bad-priors.yaml', [
      'targets:',
      '  - { metric: firms, year: 6, value: 14 }',
      'priors:',
      '  - { path: mechanisms.entry.rate, lo: 3, hi: 1 }',
      '  - { path: mechanisms.growth.rate, lo: 0, hi: 2, kind: loguniform }',
    ].join('\n'));
    const r = await cli(['calibrate', scenario, '--targets', bad, ...small, '--out', join(ws.dir, 'bad')]);
    expect(r.code).toBe(1);
    expect(hasStackTrace(r.err)).toBe(false);
    expect(r.err).toContain('bad-priors.yaml: priors[0].lo (line 4): expected lo below hi, found lo 3, hi 1');
    expect(r.err).toContain('priors[1].lo (line 5): expected lo > 0 for a log-uniform prior, found 0');

    const domain = ws.file('domain.yaml', [
      'targets:',
      '  - { metric: firms, year: 6, value: 14 }',
      'priors:',
      '  - { path: mechanisms.entry.rate, lo: -1, hi: 2 }',
    ].join('\n'));
    const d = await cli(['calibrate', scenario, '--targets', domain, ...small, '--out', join(ws.dir, 'domain')]);
    expect(d.code).toBe(1);
    expect(hasStackTrace(d.err)).toBe(false);
    expect(d.err).toMatch(/domain\.yaml: priors\[0\] \(line 4\): expected a range of valid values for mechanisms\.entry\.rate, found lo -1 \(the scenario expects a number ≥ 0 at mechanisms\.entry\.rate, found -1\)/);

    const unknown = await cli(['calibrate', scenario, '--targets', ws.file('no-priors.yaml', 'targets:\n  - { metric: firms, year: 6, value: 14 }\n'), '--prior', 'mechanisms.entry.rat=1:2', ...small, '--out', join(ws.dir, 'unknown')]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/--prior mechanisms\.entry\.rat=1:2: expected a range of valid values for mechanisms\.entry\.rat, found lo 1 \(the scenario expects a path that exists/);

    const none = ws.file('none.yaml', ['targets:', '  - { metric: firms, year: 6, value: 14 }'].join('\n'));
    const n = await cli(['calibrate', scenario, '--targets', none, ...small, '--out', join(ws.dir, 'none')]);
    expect(n.code).toBe(1);
    expect(n.err).toMatch(/none\.yaml: priors: expected at least one prior/);
    expect(existsSync(join(ws.dir, 'none'))).toBe(false);

    const malformed = await cli(['calibrate', scenario, '--targets', none, '--prior', 'mechanisms.entry.rate=2', '--out', join(ws.dir, 'm')]);
    expect(malformed.code).toBe(2);
    expect(malformed.err).toMatch(/expected path=lo:hi/);
    expect(() => parsePrior('x=0:1:log')).toThrow(/lo > 0 for a log-uniform prior/);

    const missing = await cli(['calibrate', scenario, '--targets', 'no-such-targets', ...small, '--out', join(ws.dir, 'missing')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no-such-targets: expected a readable targets file \(or the name of a bundled one: .*yangtze-delta.*\), found no such file/);
  });
});
