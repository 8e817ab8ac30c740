// The CLI on fuzzed scenario files (issue 17; the files: test/scenarios/fuzz-files.ts). For every
// file, `validate` and `run` either succeed (exit 0) or exit 1 with a message that names the file
// and has no stack trace; so do batch, compare, sweep, check and calibrate on a sample of them; and
// a sample goes through real processes, to check what the shell sees. Fixed seeds.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenarios/errors.ts';
import { loadScenario } from '../../src/scenarios/load.ts';
import { initialFirms } from '../../src/scenarios/resources.ts';
import { cli } from '../batch/helpers.ts';
import { mutatedFile, yamlFile } from '../scenarios/fuzz-files.ts';
import { hasStackTrace, workspace } from './fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());
const bin = fileURLToPath(new URL('../../bin/clusterlab.mjs', import.meta.url));
const targets = ws.file('targets.yaml', 'targets:\n  - { metric: firms, tick: 2, value: 10, sd: 5 }\npriors:\n  - { path: mechanisms.entry.rate, lo: 0.5, hi: 4 }\n');

/** The fuzzed files, written once: 300 mutated scenarios and 150 stressed YAML files. */
const files = [
  ...fc.sample(mutatedFile, { seed: 41, numRuns: 300 }).map((f, k) => ws.file(`m${k}.${f.ext}`, f.text)),
  ...fc.sample(yamlFile, { seed: 43, numRuns: 150 }).map((text, k) => ws.file(`y${k}.yaml`, text)),
];

/** Whether a file loads, and is small enough to run a few ticks of in a test. */
function runnable(file: string): boolean {
  try {
    const s = loadScenario(file).scenario;
    return initialFirms(s) <= 20_000 && s.regions.length <= 200;
  } catch (error) {
    if (error instanceof ScenarioError) return false;
    throw error;
  }
}

/** The contract: exit 0, or exit 1 with the file named in the first line and no stack trace. */
function expectContract(file: string, command: string, r: { code: number; err: string }): void {
  const what = `${command} ${file}: exit ${r.code}\n${r.err}`;
  expect([0, 1], what).toContain(r.code);
  expect(hasStackTrace(r.err), what).toBe(false);
  expect(r.err, what).not.toMatch(/internal error/);
  if (r.code === 1) expect(r.err.split('\n')[0], what).toContain(file);
}

describe('the CLI on fuzzed scenario files', () => {
  const small = files.filter(runnable);

  it('validate: exit 0, or exit 1 naming the file; the files that pass run', async () => {
    let refused = 0;
    for (const file of files) {
      const r = await cli(['validate', file]);
      expectContract(file, 'validate', r);
      if (r.code === 1) refused++;
    }
    // The generators reach both outcomes.
    expect(refused).toBeGreaterThan(100);
    expect(small.length).toBeGreaterThan(25);
  }, 60_000);

  it('run: exit 0, or exit 1 naming the file', async () => {
    const sample = [...small.slice(0, 80), ...files.filter((f) => !small.includes(f)).slice(0, 80)];
    for (const [k, file] of sample.entries()) {
      const r = await cli(['run', file, '--ticks', '3', '--out', join(ws.dir, `run${k}`)]);
      expectContract(file, 'run', r);
      if (small.includes(file)) expect(r.code, `run ${file}: ${r.err}`).toBe(0);
    }
  }, 60_000);

  it('batch, compare, sweep, check and calibrate: exit 0, or exit 1 naming the file', async () => {
    const commands = (file: string, out: string): string[][] => [
      ['batch', file, '--seeds', '2', '--ticks', '3'],
      ['compare', file, '--variants', 'all', '--seeds', '1', '--ticks', '3'],
      ['sweep', file, '--param', 'mechanisms.entry.rate=1:2', '--samples', '2', '--ticks', '3'],
      ['check', file, '--targets', targets, '--seeds', '2', '--ticks', '3'],
      ['calibrate', file, '--targets', targets, '--particles', '4', '--generations', '1', '--ticks', '3'],
    ].map((argv, k) => [...argv, '--workers', '0', '--quiet', '--no-report', '--out', `${out}-${k}`].filter((w) => !(argv[0] === 'check' && w === '--no-report')));
    const sample = [...small.slice(0, 12), ...files.filter((f) => !small.includes(f)).slice(0, 12)];
    for (const [k, file] of sample.entries()) {
      for (const argv of commands(file, join(ws.dir, `cmd${k}`))) {
        const r = await cli(argv);
        expectContract(file, argv[0], r);
      }
    }
  }, 120_000);

  it('as processes: exit codes 0 or 1, the file named, no stack trace', () => {
    const sample = [...small.slice(0, 5), ...files.filter((f) => !small.includes(f)).slice(0, 10)];
    for (const [k, file] of sample.entries()) {
      const argv = k % 2 ? ['validate', file] : ['run', file, '--ticks', '2', '--out', join(ws.dir, `proc${k}`)];
      const p = spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8', timeout: 30_000 });
      expectContract(file, argv[0], { code: p.status ?? -1, err: p.stderr });
    }
  }, 60_000);
});
