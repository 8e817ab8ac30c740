// The CLI in-process: main(argv, io) returns the exit code and writes into a buffer.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io.ts';
import { internalErrorText, main } from '../../src/cli/main.ts';
import { defaultOutDir } from '../../src/cli/run.ts';
import { defaultBatchDir } from '../../src/cli/batch.ts';
import { EVENTS_HEADER } from '../../src/io/events.ts';
import { FIRMS_HEADER } from '../../src/io/firms.ts';
import { BAD_VARIANT, BROKEN, hasStackTrace, TINY, workspace } from './fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());
const tiny = ws.file('tiny.yaml', TINY);
const broken = ws.file('broken.yaml', BROKEN);
const badVariant = ws.file('bad-variant.yaml', BAD_VARIANT);

async function cli(...argv: string[]) {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');

describe('usage errors exit with code 2 and a short message', () => {
  it.each([
    [[]],
    [['frobnicate']],
    [['run']],
    [['run', 'tiny.yaml', '--seed', 'abc']],
    [['run', 'tiny.yaml', '--seed', '1.5']],
    [['run', 'tiny.yaml', '--ticks', '0']],
    [['run', 'tiny.yaml', '--no-such-option']],
    [['list', 'extra']],
  ])('%j', async (argv) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).not.toBe('');
    expect(hasStackTrace(r.err)).toBe(false);
  });

  it('names the option and the value', async () => {
    const r = await cli('run', tiny, '--seed', 'abc');
    expect(r.err).toContain('--seed');
    expect(r.err).toContain('abc');
  });

  it('--help and --version exit with 0', async () => {
    expect((await cli('--help')).code).toBe(0);
    expect((await cli('run', '--help')).out).toContain('--variant');
    expect((await cli('--version')).out).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('validate', () => {
  it('prints ok for a valid file, with its variants', async () => {
    const r = await cli('validate', tiny);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`ok ${tiny} (variants: more_entry)\n`);
  });

  it('exits 1 for a broken file, naming the file and the path, without a stack', async () => {
    const r = await cli('validate', tiny, broken);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`ok ${tiny}`);
    expect(r.err).toContain('broken.yaml');
    expect(r.err).toMatch(/regions.*wage/);
    expect(hasStackTrace(r.err)).toBe(false);
  });

  it('checks every variant', async () => {
    const r = await cli('validate', badVariant);
    expect(r.code).toBe(1);
    expect(r.err).toContain('negative');
  });

  it('reports a missing file as invalid input', async () => {
    const r = await cli('validate', join(ws.dir, 'missing.yaml'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('missing.yaml');
  });

  it('--json gives one report per file', async () => {
    const r = await cli('validate', '--json', tiny, broken);
    expect(r.code).toBe(1);
    const reports = JSON.parse(r.out);
    expect(reports.map((x: { ok: boolean }) => x.ok)).toEqual([true, false]);
    expect(reports[0].variants).toEqual(['more_entry']);
    expect(reports[1].problems.length).toBeGreaterThan(0);
  });

  it('accepts the bundled scenarios', async () => {
    const r = await cli('validate', 'default');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('list', () => {
  it('--json lists scenarios, metrics, kinds, roles and stages', async () => {
    const r = await cli('list', '--json');
    expect(r.code).toBe(0);
    const l = JSON.parse(r.out);
    expect(l.scenarios.map((s: { name: string }) => s.name)).toContain('default');
    expect(l.metrics.map((m: { name: string }) => m.name)).toEqual(expect.arrayContaining(['firms', 'employment']));
    for (const m of l.metrics) expect(Object.keys(m)).toEqual(['name', 'unit', 'description']);
    expect(l.firmKinds).toContain('spinoff');
    expect(l.firmRoles).toContain('leader');
    expect(l.stages).toEqual(['formation', 'growth', 'maturity', 'decline', 'renewal']);
  });

  it('prints a readable listing', async () => {
    const r = await cli('list');
    expect(r.code).toBe(0);
    expect(r.out).toContain('default');
    expect(r.out).toContain('employment');
  });
});

describe('run', () => {
  it('runs the base of a scenario whose variant does not validate, and warns with the variant\'s problem', async () => {
    const r = await cli('run', badVariant, '--ticks', '3', '--out', join(ws.dir, 'run-bad-variant'));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^warning: some variants do not validate \(each would be refused if chosen\):\n.*bad-variant\.yaml: variants\.negative.*mechanisms\.entry\.rate/s);
    const batch = await cli('batch', badVariant, '--seeds', '1', '--ticks', '3', '--workers', '0', '--no-report', '--out', join(ws.dir, 'batch-bad-variant'));
    expect(batch.code).toBe(0);
    expect(batch.err).toMatch(/^warning: some variants do not validate/);
    // --quiet means quiet.
    const quiet = await cli('batch', badVariant, '--seeds', '1', '--ticks', '3', '--workers', '0', '--no-report', '--quiet', '--out', join(ws.dir, 'batch-bad-variant-q'));
    expect(quiet.err).toBe('');
  });

  it('writes the four files with the documented columns', async () => {
    const out = join(ws.dir, 'run-a');
    const r = await cli('run', tiny, '--out', out);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain(out);
    expect(r.out).toContain(`clusterlab report ${out}`); // where the charts are
    const ts = read(out, 'timeseries.csv').split('\n');
    expect(ts[0]).toMatch(/^seed,tick,year,region,stage,firms,employment,/);
    expect(ts.slice(1, -1).every((line) => line.startsWith('7,'))).toBe(true); // the seed on every row
    expect(ts.length - 2).toBe(41 * 2); // header, 41 ticks × (north, all), final newline
    expect(read(out, 'events.csv').split('\n')[0]).toBe(['seed', ...EVENTS_HEADER].join(','));
    expect(read(out, 'firms.csv').split('\n')[0]).toBe(['seed', ...FIRMS_HEADER].join(','));
    const summary = JSON.parse(read(out, 'summary.json'));
    expect(summary.manifest).toMatchObject({ engine: 'clusterlab', scenario: 'tiny', file: tiny, seed: 7, ticks: 40, ticksPerYear: 4, variant: null });
    expect(summary.stages.all[0].tick).toBe(0);
    expect(Object.keys(summary.finalByRegion)).toEqual(['north']);
    expect(existsSync(join(out, 'summary.json.tmp'))).toBe(false);
  });

  it('is byte-identical for the same scenario and seed (summary: but for timing)', async () => {
    const a = join(ws.dir, 'same-a');
    const b = join(ws.dir, 'same-b');
    expect((await cli('run', tiny, '--seed', '11', '--out', a)).code).toBe(0);
    expect((await cli('run', tiny, '--seed', '11', '--out', b)).code).toBe(0);
    for (const name of ['timeseries.csv', 'events.csv', 'firms.csv']) expect(read(b, name)).toBe(read(a, name));
    const sa = JSON.parse(read(a, 'summary.json'));
    const sb = JSON.parse(read(b, 'summary.json'));
    delete sa.timing;
    delete sb.timing;
    expect(JSON.stringify(sb)).toBe(JSON.stringify(sa));
  });

  it('differs between seeds', async () => {
    const a = join(ws.dir, 'seed-1');
    const b = join(ws.dir, 'seed-2');
    await cli('run', tiny, '--seed', '1', '--out', a);
    await cli('run', tiny, '--seed', '2', '--out', b);
    expect(read(b, 'timeseries.csv')).not.toBe(read(a, 'timeseries.csv'));
  });

  it('applies --ticks and --variant and records them in the manifest', async () => {
    const out = join(ws.dir, 'variant');
    const r = await cli('run', tiny, '--variant', 'more_entry', '--ticks', '8', '--out', out, '--json');
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.out);
    expect(printed.manifest).toMatchObject({ variant: 'more_entry', ticks: 8 });
    expect(printed.manifest.patches.length).toBeGreaterThan(0);
    expect(printed).toEqual(JSON.parse(read(out, 'summary.json')));
  });

  it('exits 1 for a broken scenario, naming the file and the path, without a stack', async () => {
    const r = await cli('run', broken, '--out', join(ws.dir, 'never'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('broken.yaml');
    expect(r.err).toMatch(/regions.*wage/);
    expect(hasStackTrace(r.err)).toBe(false);
    expect(existsSync(join(ws.dir, 'never'))).toBe(false);
  });

  it('exits 1 for an unknown variant', async () => {
    const r = await cli('run', tiny, '--variant', 'nope', '--out', join(ws.dir, 'never'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('nope');
  });

  it('names its default output directory after the scenario, variant and seed', () => {
    expect(defaultOutDir('tiny', null, 7)).toBe(join('out', 'tiny-seed7'));
    expect(defaultOutDir('tiny', 'more_entry', 3)).toBe(join('out', 'tiny-more_entry-seed3'));
    expect(defaultOutDir('my scenario/x', null, 1)).toBe(join('out', 'my-scenario-x-seed1'));
  });

  it('keeps default output folders inside out/, whatever the scenario and variant names', () => {
    const names = ['..', '../../etc', '/tmp/x', 'a\\..\\..\\b', '.', '~', '<script>', 'x'.repeat(5000), '\0', ''];
    for (const name of names) {
      for (const dir of [defaultOutDir(name, null, 1), defaultOutDir('s', name, 1), defaultBatchDir(name, 'batch', undefined), defaultBatchDir(name, 'compare', { k: 1, n: 2 })]) {
        expect(dirname(dir), `${name} → ${dir}`).toBe('out');
        expect(basename(dir).length).toBeLessThanOrEqual(120);
        expect(['.', '..']).not.toContain(basename(dir));
        expect(basename(dir).startsWith('-'), dir).toBe(false);
      }
    }
  });
});

describe('an internal error', () => {
  const bug = new TypeError("Cannot read properties of null (reading '0') (scenario default, seed 2, tick 7)");
  it('is one line, with what failed and how to report it', () => {
    const text = internalErrorText(bug, false);
    expect(text).toBe("clusterlab: internal error: Cannot read properties of null (reading '0') (scenario default, seed 2, tick 7). This is a bug: please report it with the command line (--debug prints the stack).\n");
  });
  it('has its stack with --debug', () => {
    const text = internalErrorText(bug, true);
    expect(text.split('\n')[1]).toBe(`TypeError: ${bug.message}`);
    expect(text).toContain('\n    at ');
  });
});
