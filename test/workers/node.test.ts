// The pool on real Node worker threads (worker_threads + comlink, the TS loaded through tsx):
// identical results whatever the number of workers and the order of completion, buffers
// transferred, crashes and throws retried on a fresh worker then reported, cancel and shutdown.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runJob } from '../../src/workers/job.ts';
import { defaultWorkers, nodeSpawner } from '../../src/workers/node.ts';
import { runPool, type SpawnWorker, type WorkerHandle } from '../../src/workers/pool.ts';
import type { Job, JobResult } from '../../src/workers/protocol.ts';
import { bundled } from '../support/scenarios.ts';
import { attemptsOf, FAULTY_WORKER, type FaultPlan } from './fixtures/faults.ts';

const scenario = bundled('default');
const jobsOf = (n: number, ticks = 20): Job[] =>
  Array.from({ length: n }, (_, i) => ({ index: i, variant: null, point: null, seed: 1 + i, ticks, scenario, metrics: null }));

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'clusterlab-workers-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Wraps a spawner to track its workers: all of them must be terminated when the pool is done. */
function tracked(spawn: SpawnWorker) {
  const workers: { terminated: boolean }[] = [];
  const wrapped: SpawnWorker = () => {
    const inner = spawn();
    const entry = { terminated: false };
    workers.push(entry);
    const handle: WorkerHandle = {
      run: (job) => inner.run(job),
      terminate: async () => {
        entry.terminated = true;
        await inner.terminate();
      },
    };
    return handle;
  };
  return { spawn: wrapped, workers };
}

/** Runs the jobs; results by index, failures in order of report. */
async function runAll(jobs: Job[], size: number, spawn: SpawnWorker) {
  const results = new Map<number, JobResult>();
  const order: number[] = [];
  const failures: { index: number; error: string; attempts: number }[] = [];
  const done = await runPool(jobs, { size, spawn }, {
    onResult(result, job) {
      expect(result.index).toBe(job.index);
      results.set(result.index, result);
      order.push(result.index);
    },
    onFailure(job, error, attempts) {
      failures.push({ index: job.index, error, attempts });
    },
  }).done;
  return { done, results, order, failures };
}

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('the pool on Node worker threads', () => {
  it('gives identical results per job with 1 and 2 workers, equal to runJob on the main thread', async () => {
    const jobs = jobsOf(8);
    // Uneven run lengths, so that with 2 workers results arrive out of order.
    jobs.forEach((job, i) => (job.ticks = i % 2 === 0 ? 60 : 10));
    const one = tracked(nodeSpawner());
    const two = tracked(nodeSpawner());
    const a = await runAll(jobs, 1, one.spawn);
    const b = await runAll(jobs, 2, two.spawn);
    expect(a.done).toEqual({ completed: 8, failed: 0 });
    expect(b.done).toEqual({ completed: 8, failed: 0 });
    expect(a.order).toEqual([...Array(8).keys()]);
    for (const job of jobs) {
      const x = a.results.get(job.index)!;
      const y = b.results.get(job.index)!;
      const z = runJob(job);
      for (const r of [x, y]) {
        expect(bytes(r.series).equals(bytes(z.series))).toBe(true);
        expect(bytes(r.stage).equals(bytes(z.stage))).toBe(true);
        expect(r.outcomes).toEqual(z.outcomes);
        expect(Object.keys(r.outcomes)).toEqual(Object.keys(z.outcomes));
        expect({ ...r, series: null, stage: null }).toEqual({ ...z, series: null, stage: null });
      }
    }
    expect(one.workers).toHaveLength(1);
    expect(two.workers).toHaveLength(2);
    expect([...one.workers, ...two.workers].every((w) => w.terminated)).toBe(true);
  });

  it('receives the series as transferred typed arrays (the worker keeps no copy)', async () => {
    const dir = tempDir();
    const plan: FaultPlan = { dir, checkTransfer: true };
    const jobs = jobsOf(4);
    jobs[1].metrics = ['firms', 'employment'];
    const { results } = await runAll(jobs, 1, nodeSpawner(FAULTY_WORKER, { workerData: plan }));
    for (const job of jobs) {
      const r = results.get(job.index)!;
      expect(r.series).toBeInstanceOf(Float64Array);
      expect(r.stage).toBeInstanceOf(Uint8Array);
      expect(r.series.buffer.byteLength).toBe(r.series.length * 8);
      expect(r.series.buffer.byteLength).toBeGreaterThan(0);
      expect(r.stage.buffer.byteLength).toBe(r.rows);
    }
    // In the worker, after sending, both buffers are detached: moved, not copied (the last job's
    // are checked by no later job).
    for (const i of [0, 1, 2]) expect(readFileSync(path.join(dir, `sent-${i}`), 'utf8')).toBe('0 0');
    expect(results.get(1)!.metrics).toEqual(['firms', 'employment']);
  });

  it('retries a job whose worker crashed on a fresh worker; a job that always crashes is reported after 2 attempts', async () => {
    const dir = tempDir();
    const plan: FaultPlan = { dir, crashOnce: [2], crashAlways: [4] };
    const jobs = jobsOf(7);
    const pool = tracked(nodeSpawner(FAULTY_WORKER, { workerData: plan }));
    const { done, results, failures } = await runAll(jobs, 2, pool.spawn);
    expect(done).toEqual({ completed: 6, failed: 1 });
    expect(failures).toEqual([{ index: 4, error: 'worker exited with code 1 during job 4', attempts: 2 }]);
    // Job 2 crashed once, then succeeded on another (new) worker, with the right result.
    expect(existsSync(path.join(dir, 'crashed-2'))).toBe(true);
    const tries = attemptsOf(dir, 2).sort((x, y) => x - y);
    expect(tries).toHaveLength(2);
    expect(tries[1]).not.toBe(tries[0]);
    expect(bytes(results.get(2)!.series).equals(bytes(runJob(jobs[2]).series))).toBe(true);
    expect(new Set(attemptsOf(dir, 4)).size).toBe(2);
    for (const i of [0, 1, 3, 5, 6]) expect(results.get(i)!.outcomes).toEqual(runJob(jobs[i]).outcomes);
    // 2 workers + a replacement per failed attempt that still has work to do (2 or 3), every
    // one terminated.
    expect(pool.workers.length).toBeGreaterThanOrEqual(4);
    expect(pool.workers.length).toBeLessThanOrEqual(5);
    expect(pool.workers.every((w) => w.terminated)).toBe(true);
  });

  it('retries a job that throws, then reports it with the error message; the worker that threw is replaced', async () => {
    const dir = tempDir();
    const plan: FaultPlan = { dir, throwAlways: [1] };
    const pool = tracked(nodeSpawner(FAULTY_WORKER, { workerData: plan }));
    const { done, results, failures } = await runAll(jobsOf(4), 1, pool.spawn);
    expect(done).toEqual({ completed: 3, failed: 1 });
    expect(failures).toEqual([{ index: 1, error: 'injected failure in job 1', attempts: 2 }]);
    expect([...results.keys()].sort()).toEqual([0, 2, 3]);
    expect(new Set(attemptsOf(dir, 1)).size).toBe(2);
    expect(pool.workers).toHaveLength(3);
    expect(pool.workers.every((w) => w.terminated)).toBe(true);
  });

  it('a worker handle rejects calls once its worker has gone, naming the job', async () => {
    const worker = nodeSpawner()();
    const job = jobsOf(1)[0];
    expect((await worker.run(job)).index).toBe(0);
    const inFlight = expect(worker.run({ ...job, index: 12, ticks: 5000 })).rejects.toThrow('worker terminated during job 12');
    await worker.terminate();
    await inFlight;
    await expect(worker.run({ ...job, index: 13 })).rejects.toThrow('worker terminated before job 13');
  });

  it('cancel() terminates the workers running long jobs without waiting for them', async () => {
    const jobs = jobsOf(6, 100_000); // minutes of work each
    const pool = tracked(nodeSpawner());
    let callbacks = 0;
    const handle = runPool(jobs, { size: 2, spawn: pool.spawn }, { onResult: () => void callbacks++, onFailure: () => void callbacks++ });
    await new Promise((resolve) => setTimeout(resolve, 800)); // workers started, jobs in flight
    // Each job would take minutes: cancel() returning within the test's timeout shows it does not wait.
    await handle.cancel();
    expect(await handle.done).toEqual({ completed: 0, failed: 0 });
    expect(callbacks).toBe(0);
    expect(pool.workers).toHaveLength(2);
    expect(pool.workers.every((w) => w.terminated)).toBe(true);
  });

  it('lets the process exit on its own once the pool is done or cancelled', () => {
    // tsx's CLI runs the fixture in a child process; a leaked worker would keep it alive until the timeout.
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    const script = new URL('./fixtures/exits.ts', import.meta.url).pathname;
    const out = execFileSync(process.execPath, [tsx, script], { encoding: 'utf8', timeout: 30_000 });
    expect(JSON.parse(out)).toEqual({ finished: { completed: 3, failed: 0 }, cancelled: { completed: 0, failed: 0 } });
  });

  it('defaultWorkers() is the number of available cores', async () => {
    const { availableParallelism } = await import('node:os');
    expect(defaultWorkers()).toBe(availableParallelism());
  });
});
