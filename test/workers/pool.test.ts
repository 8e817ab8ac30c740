// The pool's scheduling, retries, cancellation and shutdown, with scripted fake workers (fast and
// exact about timing); the real worker threads are tested in node.test.ts.
import { describe, expect, it } from 'vitest';
import { runJob } from '../../src/workers/job.ts';
import { inProcessSpawner } from '../../src/workers/in-process.ts';
import { runPool, type PoolEvents, type SpawnWorker, type WorkerHandle } from '../../src/workers/pool.ts';
import type { Job, JobResult } from '../../src/workers/protocol.ts';
import { bundled } from '../support/scenarios.ts';

const scenario = bundled('default');
const jobsOf = (n: number, ticks = 5): Job[] =>
  Array.from({ length: n }, (_, i) => ({ index: i, variant: null, point: null, seed: 100 + i, ticks, scenario, metrics: ['firms'] }));

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What a fake worker does with job i on attempt a (1-based): 'ok' after `delay` ms, 'throw', 'die'. */
type Script = (job: Job, attempt: number) => { delay: number; fault?: 'throw' | 'die' };

/** Fake workers that follow a script, recording everything the pool does with them. */
function fakes(script: Script = () => ({ delay: 1 })) {
  const log = {
    spawned: 0,
    terminated: new Set<number>(),
    started: [] as number[], // job indices in the order they were handed out
    attempts: new Map<number, number[]>(), // job index → worker ids of its attempts
    inFlight: 0,
    maxInFlight: 0,
  };
  const spawn: SpawnWorker = () => {
    const id = log.spawned++;
    let dead = false;
    const handle: WorkerHandle = {
      async run(job) {
        if (dead || log.terminated.has(id)) throw new Error(`fake worker ${id} is gone`);
        const ids = log.attempts.get(job.index) ?? [];
        ids.push(id);
        log.attempts.set(job.index, ids);
        log.started.push(job.index);
        log.inFlight++;
        log.maxInFlight = Math.max(log.maxInFlight, log.inFlight);
        try {
          const { delay, fault } = script(job, ids.length);
          await sleep(delay);
          if (log.terminated.has(id)) throw new Error(`fake worker ${id} terminated during job ${job.index}`);
          if (fault === 'die') {
            dead = true;
            throw new Error(`worker exited with code 1 during job ${job.index}`);
          }
          if (fault === 'throw') throw new Error(`boom in job ${job.index}`);
          return fakeResult(job);
        } finally {
          log.inFlight--;
        }
      },
      async terminate() {
        log.terminated.add(id);
      },
    };
    return handle;
  };
  return { spawn, log };
}

function fakeResult(job: Job): JobResult {
  return {
    index: job.index, metrics: ['firms'], regions: ['all'], ticksPerYear: 1, rows: 1,
    series: new Float64Array([job.seed]), stage: new Uint8Array(1), outcomes: {}, finalStage: 'formation', regionOutcomes: [], regionFinalStages: [], sizes: [],
  };
}

/** Events that record results and failures. */
function recorder(extra: Partial<PoolEvents> = {}) {
  const results: number[] = [];
  const failures: { index: number; error: string; attempts: number }[] = [];
  const events: PoolEvents = {
    async onResult(result, job) {
      expect(result.index).toBe(job.index);
      results.push(result.index);
      await extra.onResult?.(result, job);
    },
    async onFailure(job, error, attempts) {
      failures.push({ index: job.index, error, attempts });
      await extra.onFailure?.(job, error, attempts);
    },
  };
  return { events, results, failures };
}

const allTerminated = (log: ReturnType<typeof fakes>['log']) => log.terminated.size === log.spawned;

describe('runPool', () => {
  it('hands jobs out in list order, at most `size` in flight, and delivers results in any order', async () => {
    // Early jobs take longest, so results arrive out of order.
    const { spawn, log } = fakes((job) => ({ delay: 2 + (12 - job.index) * 2 }));
    const { events, results } = recorder();
    const pool = runPool(jobsOf(12), { size: 3, spawn }, events);
    expect(await pool.done).toEqual({ completed: 12, failed: 0 });
    expect(log.started).toEqual([...Array(12).keys()]);
    expect(log.maxInFlight).toBe(3);
    expect(results).not.toEqual([...Array(12).keys()]);
    expect([...results].sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    expect(log.spawned).toBe(3);
    expect(allTerminated(log)).toBe(true);
  });

  it('spawns no more workers than jobs, and none for an empty list', async () => {
    const a = fakes();
    expect(await runPool(jobsOf(2), { size: 8, spawn: a.spawn }, recorder().events).done).toEqual({ completed: 2, failed: 0 });
    expect(a.log.spawned).toBe(2);
    expect(allTerminated(a.log)).toBe(true);
    const b = fakes();
    expect(await runPool([], { size: 4, spawn: b.spawn }, recorder().events).done).toEqual({ completed: 0, failed: 0 });
    expect(b.log.spawned).toBe(0);
  });

  it('runs callbacks one at a time and awaits them; a slow callback does not stall the workers', async () => {
    let active = 0;
    let maxActive = 0;
    let pendingMax = 0;
    const { spawn, log } = fakes(() => ({ delay: 2 }));
    const received = new Set<number>();
    const { events, results } = recorder({
      async onResult(result) {
        active++;
        maxActive = Math.max(maxActive, active);
        await sleep(10);
        active--;
        received.add(result.index);
      },
    });
    const pool = runPool(jobsOf(10), { size: 2, spawn }, events);
    // Results computed but not yet fully delivered stay bounded (≤ 2 per worker: one being
    // delivered, one waiting), however slow the callback.
    const timer = setInterval(() => {
      const computed = log.started.length - log.inFlight;
      pendingMax = Math.max(pendingMax, computed - received.size);
    }, 1);
    expect(await pool.done).toEqual({ completed: 10, failed: 0 });
    clearInterval(timer);
    expect(maxActive).toBe(1);
    expect(received.size).toBe(10); // every callback finished before done
    expect(results).toHaveLength(10);
    expect(pendingMax).toBeLessThanOrEqual(4);
  });

  it('retries a failed job on a fresh worker, terminating the failed one', async () => {
    const { spawn, log } = fakes((job, attempt) => ({ delay: 1, fault: job.index === 2 && attempt === 1 ? 'die' : undefined }));
    const { events, results, failures } = recorder();
    expect(await runPool(jobsOf(5), { size: 2, spawn }, events).done).toEqual({ completed: 5, failed: 0 });
    expect(failures).toEqual([]);
    expect(results.sort()).toEqual([0, 1, 2, 3, 4]);
    const [first, second] = log.attempts.get(2)!;
    expect(second).not.toBe(first);
    expect(second).toBeGreaterThanOrEqual(2); // a newly spawned worker, not the other lane's
    expect(log.spawned).toBe(3);
    expect(allTerminated(log)).toBe(true);
  });

  it('reports a job that keeps failing after `retries` further attempts; the others complete', async () => {
    for (const [retries, attempts] of [[undefined, 2], [0, 1], [2, 3]] as const) {
      const { spawn, log } = fakes((job) => ({ delay: 1, fault: job.index === 3 ? 'throw' : job.index === 5 ? 'die' : undefined }));
      const { events, results, failures } = recorder();
      const done = await runPool(jobsOf(8), { size: 2, spawn, retries }, events).done;
      expect(done).toEqual({ completed: 6, failed: 2 });
      expect(results.sort()).toEqual([0, 1, 2, 4, 6, 7]);
      expect(failures.sort((a, b) => a.index - b.index)).toEqual([
        { index: 3, error: 'boom in job 3', attempts },
        { index: 5, error: 'worker exited with code 1 during job 5', attempts },
      ]);
      // Every attempt on its own worker.
      for (const i of [3, 5]) expect(new Set(log.attempts.get(i)).size).toBe(attempts);
      expect(allTerminated(log)).toBe(true);
    }
  });

  it('cancel() stops handing out jobs, terminates the workers and resolves done', async () => {
    const { spawn, log } = fakes(() => ({ delay: 20 }));
    const { events, results } = recorder();
    const pool = runPool(jobsOf(50), { size: 2, spawn }, events);
    await sleep(50);
    await pool.cancel();
    const done = await pool.done;
    expect(done.failed).toBe(0);
    expect(done.completed).toBe(results.length);
    expect(done.completed).toBeGreaterThan(0);
    expect(done.completed).toBeLessThan(50);
    const started = log.started.length;
    expect(allTerminated(log)).toBe(true);
    await sleep(60);
    expect(log.started.length).toBe(started); // nothing handed out after cancel
    expect(results.length).toBe(done.completed); // no callbacks after cancel
    await pool.cancel(); // idempotent
  });

  it('cancel() waits for a callback in progress and starts no new ones', async () => {
    const { spawn } = fakes(() => ({ delay: 1 }));
    let finished = 0;
    let entered!: () => void;
    const inCallback = new Promise<void>((resolve) => (entered = resolve));
    const { events, results } = recorder({
      async onResult() {
        entered();
        await sleep(30);
        finished++;
      },
    });
    const pool = runPool(jobsOf(20), { size: 2, spawn }, events);
    await inCallback;
    await pool.cancel();
    expect(finished).toBe(results.length);
    expect((await pool.done).completed).toBe(finished);
  });

  it('stops and rejects done when a callback throws (e.g. the disk is full); no worker left', async () => {
    const { spawn, log } = fakes(() => ({ delay: 1 }));
    const { events } = recorder({
      onResult(result) {
        if (result.index === 4) throw new Error('ENOSPC: no space left on device');
      },
    });
    const pool = runPool(jobsOf(30), { size: 2, spawn }, events);
    await expect(pool.done).rejects.toThrow('ENOSPC');
    expect(log.started.length).toBeLessThan(30);
    expect(allTerminated(log)).toBe(true);
    await pool.cancel(); // resolves, does not throw
  });

  it('rejects done when workers cannot be spawned', async () => {
    const pool = runPool(jobsOf(3), { size: 2, spawn: () => { throw new Error('no threads here'); } }, recorder().events);
    await expect(pool.done).rejects.toThrow('no threads here');
  });

  it('validates its options', () => {
    const { spawn } = fakes();
    expect(() => runPool([], { size: 0, spawn }, recorder().events)).toThrow(RangeError);
    expect(() => runPool([], { size: 1.5, spawn }, recorder().events)).toThrow(RangeError);
    expect(() => runPool([], { size: 1, spawn, retries: -1 }, recorder().events)).toThrow(RangeError);
  });

  it('in-process workers give runJob\'s results and report thrown errors like any worker', async () => {
    const jobs = jobsOf(4, 10);
    const got = new Map<number, JobResult>();
    const failures: string[] = [];
    const spawn = inProcessSpawner((job) => {
      if (job.index === 2) throw new Error('bad job');
      return runJob(job);
    });
    const done = await runPool(jobs, { size: 2, spawn }, {
      onResult: (r) => void got.set(r.index, r),
      onFailure: (job, error, attempts) => void failures.push(`${job.index}: ${error} ×${attempts}`),
    }).done;
    expect(done).toEqual({ completed: 3, failed: 1 });
    expect(failures).toEqual(['2: bad job ×2']);
    for (const i of [0, 1, 3]) expect(got.get(i)).toEqual(runJob(jobs[i]));
  });
});
