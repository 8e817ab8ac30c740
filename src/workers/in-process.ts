// A "worker" that runs jobs on the calling thread: for tests, `--workers 0`, and environments
// without threads. Each job starts on a fresh macrotask, so timers, signals and progress output
// get a turn between jobs (not during one: a run cannot be interrupted).
import { runJob } from './job.ts';
import type { SpawnWorker, WorkerHandle } from './pool.ts';
import type { Job, JobResult } from './protocol.ts';

/** Runs `f` on a fresh macrotask: setImmediate in Node (setTimeout(0) would add ≥ 1 ms per job). */
const soon: (f: () => void) => void = typeof setImmediate === 'function' ? (f) => void setImmediate(f) : (f) => void setTimeout(f, 0);

export function inProcessSpawner(run: (job: Job) => JobResult = runJob): SpawnWorker {
  return (): WorkerHandle => {
    let terminated = false;
    return {
      run(job) {
        return new Promise((resolve, reject) => {
          soon(() => {
            if (terminated) return reject(new Error(`worker terminated before job ${job.index}`));
            try {
              resolve(run(job));
            } catch (error) {
              reject(error);
            }
          });
        });
      },
      async terminate() {
        terminated = true;
      },
    };
  };
}
