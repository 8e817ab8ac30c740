// One writer per output folder (src/batch/lock.ts): a second batch into the same --out refuses at
// once, naming the folder and the process; a lock left by a process that is gone is taken over;
// calibrate holds one too (one per shard).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BatchError } from '../../src/batch/errors.ts';
import { LOCK_FILE, lockFolder } from '../../src/batch/lock.ts';
import { cli } from './helpers.ts';
import { CALIBRATION_TARGETS, TINY } from '../cli/fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'clusterlab-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the output folder lock', () => {
  it('is taken, refused to a second writer while held, and released', () => {
    const release = lockFolder(dir);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(`${process.pid} ${hostname()}\n`);
    expect(() => lockFolder(dir)).toThrow(BatchError);
    expect(() => lockFolder(dir)).toThrow(new RegExp(`being written by another clusterlab \\(process ${process.pid}\\)`));
    release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    lockFolder(dir)();
  });

  it('takes over a lock whose process is gone (kill -9, a crash)', () => {
    writeFileSync(join(dir, LOCK_FILE), `2147483646 ${hostname()}\n`); // no such process
    const release = lockFolder(dir);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(`${process.pid} ${hostname()}\n`);
    release();
  });

  it('refuses a lock held on another machine (a shared file system)', () => {
    writeFileSync(join(dir, LOCK_FILE), '123 some-other-host\n');
    expect(() => lockFolder(dir)).toThrow(/process 123 on some-other-host/);
    rmSync(join(dir, LOCK_FILE));
  });

  it('two batches into one --out at once: one runs, the other exits 1 and leaves it alone', async () => {
    const out = join(dir, 'twice');
    const args = ['batch', 'default', '--seeds', '3', '--ticks', '20', '--workers', '0', '--quiet', '--no-report', '--out', out];
    const [a, b] = await Promise.all([cli(args), cli(args)]);
    const codes = [a.code, b.code].sort();
    expect(codes).toEqual([0, 1]);
    const refused = a.code === 1 ? a : b;
    expect(refused.err).toMatch(/is being written by another clusterlab/);
    expect(existsSync(join(out, LOCK_FILE)), 'released at the end').toBe(false);
    expect((await cli([...args, '--resume'])).code, 'the batch is complete and resumable').toBe(0);
  });

  it('calibrate holds the folder too; the shards of one calibration each hold their own lock', async () => {
    const scenario = join(dir, 'tiny.yaml');
    writeFileSync(scenario, TINY);
    const targets = join(dir, 'targets.yaml');
    writeFileSync(targets, CALIBRATION_TARGETS);
    const out = join(dir, 'calibrate');
    const args = ['calibrate', scenario, '--targets', targets, '--ticks', '24', '--particles', '8', '--generations', '1', '--workers', '0', '--quiet', '--no-report', '--out', out];
    mkdirSync(out);
    const release = lockFolder(out); // held by a live process: this one
    const refused = await cli(args);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/is being written by another clusterlab/);
    expect(existsSync(join(out, 'manifest.json')), 'nothing written').toBe(false);
    release();
    // A shard's lock is its own: another shard of the same folder may run beside it.
    const shardLock = lockFolder(out, '.clusterlab-shard-2of2.lock');
    expect(() => lockFolder(out, '.clusterlab-shard-2of2.lock')).toThrow(/being written by another clusterlab/);
    shardLock();
    const done = await cli(args);
    expect(done.code).toBe(0);
    expect(existsSync(join(out, LOCK_FILE)), 'released at the end').toBe(false);
  });
});
