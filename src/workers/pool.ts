// A pool of workers running batch jobs, for any environment (Node worker_threads, browser Web
// Workers, or the main thread): the workers come from a `SpawnWorker` function.
//
// - Jobs are handed out in list order, never more than `size` in flight.
// - Results are delivered through `onResult` as they arrive (any order); the callbacks
//   (onResult and onFailure) run one at a time, and are awaited: a worker starts its next job
//   while its last result is being delivered, but does not deliver another result before that,
//   so at most `size` results wait in memory however slow the callbacks are.
// - A job whose worker dies or throws is retried `retries` times, each time on a fresh worker
//   (the failed one is terminated and replaced), then reported through `onFailure`; the other
//   jobs go on.
// - `cancel()` (SIGINT) stops handing out jobs, terminates the workers (runs in flight are lost),
//   waits for the callbacks already started, and resolves `done`.
// - If a callback (or spawn) throws, the pool stops as on cancel() and `done` rejects with that error.
// - Every worker is terminated by the time `done` settles, so the process can exit.
import type { EncodedColumns } from '../batch/parquet.ts';
import type { SeriesSlice } from '../batch/tables.ts';
import type { Job, JobResult } from './protocol.ts';

export interface WorkerHandle {
  /** Runs one job; rejects if the job throws or the worker dies during it. */
  run(job: Job): Promise<JobResult>;
  /** Workers that can read the batch's store (Node threads): encodes a slice of series.parquet. */
  encodeSeries?(slice: SeriesSlice): Promise<EncodedColumns>;
  terminate(): Promise<void>;
}
export type SpawnWorker = () => WorkerHandle;

export interface PoolOptions {
  /** Workers (and jobs in flight) at most; an integer ≥ 1. */
  size: number;
  spawn: SpawnWorker;
  /** Further attempts of a failed job, each on a fresh worker. Default 1. */
  retries?: number;
}

export interface PoolEvents {
  /** A finished job, as results arrive (any order). */
  onResult(result: JobResult, job: Job): void | Promise<void>;
  /** A job that failed `attempts` times (1 + retries); `error` is the last error's message. */
  onFailure(job: Job, error: string, attempts: number): void | Promise<void>;
}

export interface PoolHandle {
  /** Settles once every worker is terminated and every started callback has finished. */
  done: Promise<{ completed: number; failed: number }>;
  /** Stops the pool (idempotent); resolves when `done` has settled. */
  cancel(): Promise<void>;
}

export function runPool(jobs: readonly Job[], options: PoolOptions, events: PoolEvents): PoolHandle {
  const { size, spawn, retries = 1 } = options;
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be an integer ≥ 1, got ${size}`);
  if (!Number.isInteger(retries) || retries < 0) throw new RangeError(`retries must be an integer ≥ 0, got ${retries}`);

  let next = 0; // the next job to hand out
  let completed = 0;
  let failed = 0;
  let stopped = false;
  let fatal = null as { error: unknown } | null; // (`as`: set in callbacks, TS would narrow to null)
  const live = new Set<WorkerHandle>();
  const terminations: Promise<void>[] = [];
  // The callbacks run one at a time, in the order results arrive.
  let callbacks: Promise<void> = Promise.resolve();

  const startWorker = (): WorkerHandle => {
    const worker = spawn();
    live.add(worker);
    return worker;
  };
  const stopWorker = (worker: WorkerHandle): void => {
    if (!live.delete(worker)) return;
    terminations.push(Promise.resolve().then(() => worker.terminate()).catch(() => {}));
  };
  const stop = (): void => {
    stopped = true;
    for (const worker of [...live]) stopWorker(worker);
  };
  /** Queues a callback; returns when it has run. A throwing callback stops the pool. */
  const deliver = (callback: () => void | Promise<void>): Promise<void> => {
    const delivered = callbacks.then(async () => {
      if (fatal) return;
      try {
        await callback();
      } catch (error) {
        fatal ??= { error };
        stop();
      }
    });
    callbacks = delivered;
    return delivered;
  };

  const lane = async (): Promise<void> => {
    let worker: WorkerHandle | null = null;
    let delivered: Promise<void> = Promise.resolve();
    try {
      while (!stopped && next < jobs.length) {
        const job = jobs[next++];
        for (let attempts = 1; ; attempts++) {
          worker ??= startWorker();
          let outcome: { result: JobResult } | { error: unknown };
          try {
            outcome = { result: await worker.run(job) };
          } catch (error) {
            outcome = { error };
          }
          if (stopped) return;
          if ('result' in outcome) {
            const { result } = outcome;
            await delivered; // at most one result of this lane waits for the callbacks
            if (stopped) return;
            delivered = deliver(async () => {
              await events.onResult(result, job);
              completed++;
            });
            break;
          }
          // A failed worker is never reused: it may be dead, or left in a bad state.
          stopWorker(worker);
          worker = null;
          if (attempts > retries) {
            const message = errorMessage(outcome.error);
            await delivered;
            if (stopped) return;
            delivered = deliver(async () => {
              await events.onFailure(job, message, attempts);
              failed++;
            });
            break;
          }
        }
      }
    } finally {
      if (worker) stopWorker(worker);
      await delivered;
    }
  };

  const done = (async () => {
    const lanes: Promise<void>[] = [];
    for (let k = 0; k < Math.min(size, jobs.length); k++) {
      // A lane only rejects when spawn() throws: stop everything.
      lanes.push(lane().catch((error: unknown) => {
        fatal ??= { error };
        stop();
      }));
    }
    await Promise.all(lanes);
    stop();
    await callbacks;
    // stop() above has queued the termination of every worker still live; wait for them all.
    while (terminations.length) await Promise.all(terminations.splice(0));
    if (fatal) throw fatal.error;
    return { completed, failed };
  })();
  // `done` may reject before anyone awaits it (cancel() awaits it too); never unhandled.
  done.catch(() => {});

  return {
    done,
    async cancel() {
      stop();
      await done.catch(() => {});
    },
  };
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
