// `clusterlab check`: seeds against targets from a file or the scenario's `expect` block; check.csv
// and the table; bad targets are errors with file, path, line, expected and found.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, readCsv } from '../batch/helpers.ts';
import { hasStackTrace, workspace } from './fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());
const common = ['--seeds', '4', '--workers', '0', '--quiet', '--no-report'];

describe('check', () => {
  it('a targets file: reachable targets pass, an unreachable one is reported as not met', async () => {
    const targets = ws.file('targets.yaml', [
      'targets:',
      '  - { name: starts-at-12, metric: firms, region: valley, tick: 0, value: 12 }',
      '  - { name: never, metric: firms, region: valley, year: 60, value: 100000, sd: 10 }',
      '  - { stage: growth, region: valley, share: { min: 0 } }',
    ].join('\n'));
    const out = join(ws.dir, 'check');
    const r = await cli(['check', 'critical-mass-local', '--targets', targets, ...common, '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/starts-at-12 .* pass/);
    expect(r.out).toMatch(/never .* FAIL/);
    expect(r.out).toMatch(/2 of 3 targets met/);
    const csv = readCsv(out, 'check.csv');
    expect(csv.header).toEqual(['target', 'kind', 'metric', 'region', 'when', 'observed', 'observed_low', 'observed_high', 'simulated_mean', 'simulated_low', 'simulated_high', 'seeds', 'passed']);
    expect(csv.rows.map((x) => `${x[0]} ${x[12]}`)).toEqual(['starts-at-12 true', 'never false', 'growth@valley true']);
    expect(csv.rows[0].slice(8, 12)).toEqual(['12.0', '12.0', '12.0', '4']);
  });

  it("the scenario's expect block, and --json", async () => {
    const file = ws.file('expect.yaml', [
      'extends: critical-mass-local',
      'expect:',
      '  - { metric: firms, region: valley, tick: 0, interval: [10, 14] }',
    ].join('\n'));
    const r = await cli(['check', file, ...common, '--json', '--out', join(ws.dir, 'expect')]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.targets).toHaveLength(1);
    expect(json.targets[0]).toMatchObject({ target: 'firms@valley', passed: true, seeds: 4 });
  });

  it('bad targets: file, path, line, expected and found; exit 1, no stack', async () => {
    const bad = ws.file('bad.yaml', [
      'targets:',
      '  - { metric: firms, region: nowhere, year: 300, value: 1 }',
      '  - { metric: firmz, year: 1, value: 2 }',
      '  - { stage: growth, value: 3 }',
    ].join('\n'));
    const r = await cli(['check', 'critical-mass-local', '--targets', bad, ...common, '--out', join(ws.dir, 'bad')]);
    expect(r.code).toBe(1);
    expect(hasStackTrace(r.err)).toBe(false);
    expect(r.err).toContain('bad.yaml: targets[0].region (line 2): expected "all" or one of the regions "valley", found "nowhere"');
    expect(r.err).toContain('targets[0].year (line 2): expected a year within the run (0..60), found 300');
    expect(r.err).toContain('targets[1].metric (line 3): expected a metric of timeseries.csv (clusterlab list), found "firmz"');
    expect(r.err).toContain('targets[2].value (line 4): expected no value for a stage target (give share), found a value');
    const none = await cli(['check', 'default', ...common, '--out', join(ws.dir, 'none')]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/default\.yaml: expect: expected targets to check \(or give a targets file with --targets FILE\), found none/);
  });

  it('expect in a scenario is validated when the scenario loads', async () => {
    const file = ws.file('bad-expect.yaml', [
      'extends: critical-mass-local',
      'expect:',
      '  - { metric: firms, region: valley, value: 12 }',
      '  - { metric: firms, year: 0.5, value: 0.99, weight: -1 }',
    ].join('\n'));
    const r = await cli(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/expect\[1\]\.weight \(line 4\): expected a number ≥ 0, found -1/);
    const fixed = ws.file('bad-expect2.yaml', [
      'extends: critical-mass-local',
      'expect:',
      '  - { metric: firms, region: valley, value: 12 }',
    ].join('\n'));
    const r2 = await cli(['validate', fixed]);
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/expect\[0\] \(line 3\): expected one of year, tick or window/);
    expect(readFileSync(fixed, 'utf8')).toContain('expect');
  });
});
