// Interrupted batches: a worker that dies on a job, run files lost, and real processes killed
// with SIGKILL and SIGINT midway; `--resume` finishes each with the files of an uninterrupted batch.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptsOf } from '../workers/fixtures/faults.ts';
import { cli, faultyPool, runFiles, summaryFiles } from '../batch/helpers.ts';
import { workspace } from './fixtures.ts';

const ws = workspace();
afterAll(() => ws.remove());
const dir = (name: string) => join(ws.dir, name);
const bin = fileURLToPath(new URL('../../bin/clusterlab.mjs', import.meta.url));

function faultDir(name: string): string {
  const d = dir(name);
  mkdirSync(d);
  return d;
}

describe('resume after failures inside the pool', () => {
  const argv = ['batch', 'default', '--seeds', '4', '--ticks', '40', '--variants', 'base,placebo', '--keep', 'firms,events', '--quiet'];
  let reference: Record<string, string>;
  beforeAll(async () => {
    expect((await cli([...argv, '--workers', '0', '--out', dir('ref')])).code).toBe(0);
    reference = summaryFiles(dir('ref'));
  });

  it('a worker that dies once on a job: the retry on a fresh worker gives the same files', async () => {
    const faults = faultDir('crash-once');
    const r = await cli([...argv, '--out', dir('crash-once-out')], { pool: faultyPool({ dir: faults, crashOnce: [5] }) });
    expect(r.code).toBe(0);
    expect(attemptsOf(faults, 5)).toHaveLength(2);
    expect(summaryFiles(dir('crash-once-out'))).toEqual(reference);
  });

  it('a worker that always dies on a job: exit 4, then --resume gives the same files', async () => {
    const faults = faultDir('crash-always');
    const out = dir('crash-always-out');
    const r = await cli([...argv, '--out', out], { pool: faultyPool({ dir: faults, crashAlways: [6] }) });
    expect(r.code).toBe(4);
    expect(readFileSync(join(out, 'failures.csv'), 'utf8')).toMatch(/^6,placebo,,3,2,/m);
    const resumed = await cli([...argv, '--workers', '0', '--resume', '--out', out]);
    expect(resumed.code).toBe(0);
    expect(resumed.out).toMatch(/8 done, 0 failed, 7 already on disk/);
    expect(summaryFiles(out)).toEqual(reference);
    expect(runFiles(out)).toEqual(runFiles(dir('ref')));
  });

  it('lost run files (an interrupted batch): --resume runs exactly the missing jobs', async () => {
    const out = dir('lost');
    expect((await cli([...argv, '--workers', '0', '--out', out])).code).toBe(0);
    // As a kill leaves it: the manifest of a running batch, some jobs without results, a temp file.
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ ...manifest, completed: null, failed: null }, null, 2) + '\n');
    rmSync(join(out, 'runs', '1.json'));
    rmSync(join(out, 'runs', '6.json'));
    rmSync(join(out, 'runs', '6.bin'));
    writeFileSync(join(out, 'runs', '7.bin.999.tmp'), 'partial');
    for (const name of ['runs.csv', 'ensemble.csv', 'failures.csv']) rmSync(join(out, name));

    const faults = faultDir('lost-attempts');
    const resumed = await cli([...argv, '--resume', '--out', out], { pool: faultyPool({ dir: faults }) });
    expect(resumed.code).toBe(0);
    expect(readdirSync(faults).sort()).toEqual([`attempt-1-${attemptsOf(faults, 1)[0]}`, `attempt-6-${attemptsOf(faults, 6)[0]}`].sort());
    expect(summaryFiles(out)).toEqual(reference);
    expect(runFiles(out)).toEqual(runFiles(dir('ref')));
  });
});

describe('a real batch interrupted midway', () => {
  // Enough runs that the batch is still going when the first files appear (~2 ms a run).
  const argv = ['batch', 'default', '--seeds', '600', '--ticks', '40', '--workers', '1'];
  let reference: Record<string, string>;
  beforeAll(async () => {
    expect((await cli([...argv.slice(0, -2), '--workers', '0', '--quiet', '--out', dir('real-ref')])).code).toBe(0);
    reference = summaryFiles(dir('real-ref'));
  });

  const jsonCount = (out: string) => (existsSync(join(out, 'runs')) ? readdirSync(join(out, 'runs')).filter((f) => /^\d+\.json$/.test(f)).length : 0);

  /** Starts the batch in a subprocess and sends `signal` once a few runs are on disk. */
  async function interrupt(out: string, signal: NodeJS.Signals) {
    const child = spawn(process.execPath, [bin, ...argv, '--out', out], { cwd: ws.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let ended = false;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, sig) => {
        ended = true;
        resolve({ code, signal: sig });
      }),
    );
    while (jsonCount(out) < 3) {
      if (ended) throw new Error(`the batch ended before it could be interrupted: ${stderr}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill(signal);
    const exit = await exited;
    // Make sure the batch really was cut short.
    expect(jsonCount(out)).toBeLessThan(600);
    return { ...exit, stdout, stderr };
  }

  it('SIGKILL: --resume finishes with the same files', async () => {
    const out = dir('killed');
    const killed = await interrupt(out, 'SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).completed).toBeNull();
    expect(existsSync(join(out, 'runs.csv'))).toBe(false);
    const resumed = await cli([...argv, '--resume', '--quiet', '--out', out]);
    expect(resumed.code).toBe(0);
    expect(summaryFiles(out)).toEqual(reference);
  });

  it('SIGINT: exit 130 with a resume hint; running the hint finishes with the same files', async () => {
    const out = dir('interrupted');
    const stopped = await interrupt(out, 'SIGINT');
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/interrupted; \d+ of 600 runs are saved/);
    const hint = stopped.stderr.trimEnd().split('\n').at(-1)!.trim();
    expect(hint).toBe(`clusterlab ${argv.join(' ')} --out ${out} --resume`);
    const words = hint.split(' ').slice(1);
    const resumed = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [bin, ...words, '--quiet'], { cwd: ws.dir, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('exit', (code) => resolve({ code, stderr }));
    });
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(summaryFiles(out)).toEqual(reference);
  });
});
