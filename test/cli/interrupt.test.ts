// Every long command killed midway (kill -9, and SIGINT twice) as a real process, then
// the same command with --resume: every file in the folder byte-identical to an uninterrupted
// run's. And --resume into a folder of other seeds, another engine version or another scenario
// refuses with a clear message. (batch: resume.test.ts.)
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/batch/lock.ts';
import { cli } from '../batch/helpers.ts';
import { CALIBRATION_TARGETS, hasStackTrace, TINY, workspace } from './fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());
const bin = fileURLToPath(new URL('../../bin/clusterlab.mjs', import.meta.url));
const scenario = ws.file('tiny.yaml', TINY);
const targets = ws.file('targets.yaml', CALIBRATION_TARGETS);
const checkTargets = ws.file('check-targets.yaml', 'targets:\n  - { metric: firms, year: 6, value: 14, sd: 2 }\n');

/** Every file under `dir` (runs/ included, the lock left out), path → sha-256 of its bytes (deep equality of megabytes of Buffers is slow). */
function folder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name !== LOCK_FILE) files.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(dir);
  return files;
}

const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0);
const runsOnDisk = (out: string) => (existsSync(join(out, 'runs')) ? readdirSync(join(out, 'runs')).filter((f) => /^\d+\.json$/.test(f)).length : 0);

interface Case {
  command: string;
  /** The command line without --out, --workers and --quiet. */
  argv: string[];
  /** Work on disk that shows the command is midway. */
  started: (out: string) => boolean;
  /** The same command with other seeds. */
  otherSeeds: string[];
}

const cases: Case[] = [
  {
    command: 'compare',
    argv: ['compare', scenario, '--variants', 'base,more_entry', '--seeds', '250'],
    started: (out) => runsOnDisk(out) >= 3,
    otherSeeds: ['--seed-start', '5'],
  },
  {
    command: 'sweep',
    argv: ['sweep', scenario, '--param', 'mechanisms.entry.rate=0.5:4', '--sensitivity', 'morris', '--samples', '60'],
    started: (out) => runsOnDisk(out) >= 3,
    otherSeeds: ['--seeds', '2'],
  },
  {
    command: 'check',
    argv: ['check', scenario, '--targets', checkTargets, '--seeds', '500'],
    started: (out) => runsOnDisk(out) >= 3,
    otherSeeds: ['--seed-start', '9'],
  },
  {
    command: 'calibrate',
    argv: ['calibrate', scenario, '--targets', targets, '--ticks', '24', '--particles', '60', '--generations', '4', '--no-report'],
    started: (out) => lines(join(out, 'simulations.csv')) >= 20,
    otherSeeds: ['--seed-start', '3'],
  },
];

/** Starts the command in a subprocess and sends `signals` (in turn) once it is midway. */
async function interrupt(c: Case, out: string, signals: NodeJS.Signals[]) {
  const child = spawn(process.execPath, [bin, ...c.argv, '--workers', '1', '--out', out], { cwd: ws.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stdout.resume();
  child.stderr.on('data', (d) => (stderr += d));
  let ended = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      ended = true;
      resolve({ code, signal });
    }),
  );
  while (!c.started(out)) {
    if (ended) throw new Error(`${c.command} ended before it could be interrupted: ${stderr}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  for (const signal of signals) child.kill(signal);
  return { ...(await exited), stderr };
}

describe.each(cases)('$command interrupted midway', (c) => {
  const dir = (name: string) => join(ws.dir, `${c.command}-${name}`);
  let reference: Map<string, string>;
  beforeAll(async () => {
    const r = await cli([...c.argv, '--workers', '0', '--quiet', '--out', dir('ref')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    reference = folder(dir('ref'));
  });

  it('kill -9, then --resume: the files of an uninterrupted run', async () => {
    const out = dir('killed');
    const killed = await interrupt(c, out, ['SIGKILL']);
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(join(out, LOCK_FILE))).toBe(true); // left behind, taken over below
    // What a kill in the middle of writing a summary leaves: removed by the resumed command.
    writeFileSync(join(out, 'summary.csv.99999.tmp'), 'half written');
    const resumed = await cli([...c.argv, '--resume', '--quiet', '--out', out]);
    expect(resumed.err).toBe('');
    expect(resumed.code).toBe(0);
    expect(folder(out)).toEqual(reference);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });

  it('SIGINT twice: exit 130 with the resume hint; the hint finishes with the same files', async () => {
    const out = dir('interrupted');
    const stopped = await interrupt(c, out, ['SIGINT', 'SIGINT']);
    expect(stopped.code).toBe(130);
    expect(hasStackTrace(stopped.stderr)).toBe(false);
    const hint = stopped.stderr.trimEnd().split('\n').at(-1)!.trim();
    expect(hint).toBe(`clusterlab ${[...c.argv, '--workers', '1', '--out', out].join(' ')} --resume`);
    const resumed = await cli([...hint.split(' ').slice(1), '--quiet']);
    expect(resumed.err).toBe('');
    expect(resumed.code).toBe(0);
    expect(folder(out)).toEqual(reference);
  });

  it('--resume with other seeds refuses the folder, naming what differs', async () => {
    const out = dir('ref');
    const other = await cli([...c.argv, ...c.otherSeeds, '--resume', '--quiet', '--workers', '0', '--out', out]);
    expect(other.code).toBe(1);
    expect(other.err).toMatch(/seeds/);
    expect(other.err, 'internal names stay inside').not.toMatch(/jobsHash/);
    expect(hasStackTrace(other.err)).toBe(false);
    expect(folder(out)).toEqual(reference);
  });

  it('--resume into a folder of another engine version or scenario refuses it, naming what differs', async () => {
    for (const [what, change] of [
      ['version', (m: Record<string, unknown>) => ({ ...m, version: '0.0.1-older' })],
      ['scenario', (m: Record<string, unknown>) => ({ ...m, scenario: { ...(m.scenario as object), hash: 'another' } })],
    ] as const) {
      const out = dir(`other-${what}`);
      cpSync(dir('ref'), out, { recursive: true });
      const file = join(out, 'manifest.json');
      writeFileSync(file, JSON.stringify(change(JSON.parse(readFileSync(file, 'utf8'))), null, 2) + '\n');
      const before = folder(out);
      const r = await cli([...c.argv, '--resume', '--quiet', '--workers', '0', '--out', out]);
      expect(r.code, what).toBe(1);
      expect(r.err).toMatch(new RegExp(`differs from this command in: .*${what}`));
      if (what === 'version') expect(r.err).toMatch(/written by clusterlab 0\.0\.1-older/);
      expect(hasStackTrace(r.err)).toBe(false);
      expect(folder(out)).toEqual(before);
    }
  });
});

describe('compare killed while it writes its summaries', () => {
  const c = cases[0];
  const dir = (name: string) => join(ws.dir, `summaries-${name}`);
  /** The summaries have begun: series.parquet's temporary file, the first summary written (finalize.ts). */
  const summarising = (out: string) => existsSync(out) && readdirSync(out).some((f) => f.startsWith('series.parquet.'));

  const ref = dir('ref');
  beforeAll(async () => {
    expect((await cli([...c.argv, '--workers', '0', '--quiet', '--out', ref])).code).toBe(0);
  });

  it('kill -9 midway through the summaries, then --resume: the files of an uninterrupted run', async () => {
    const out = dir('killed');
    const killed = await interrupt({ ...c, started: summarising }, out, ['SIGKILL']);
    expect(killed.signal).toBe('SIGKILL');
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).completed, 'the manifest is not yet marked complete').toBeNull();
    const resumed = await cli([...c.argv, '--resume', '--quiet', '--out', out]);
    expect(resumed.err).toBe('');
    expect(resumed.code).toBe(0);
    expect(folder(out)).toEqual(folder(ref));
  });

  it('SIGINT during the summaries: they stop, exit 130 with the resume hint, and the hint finishes with the same files', async () => {
    const out = dir('interrupted');
    const stopped = await interrupt({ ...c, started: summarising }, out, ['SIGINT']);
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/compare: interrupted; 500 of 500 runs are saved/);
    const hint = stopped.stderr.trimEnd().split('\n').at(-1)!.trim();
    const resumed = await cli([...hint.split(' ').slice(1), '--quiet']);
    expect(resumed.err).toBe('');
    expect(resumed.code).toBe(0);
    expect(folder(out)).toEqual(folder(ref));
  });
});
