// Workers kept between pools: a calibration hands the pool one round of jobs at a time, and
// starting worker threads for every round (each loads and compiles the engine) would cost more
// than short rounds of runs. `reusable(spawn)` parks a worker the pool lets go of — when its last
// job ended normally and none is in flight — and hands it to the next pool; a worker whose job
// failed, or that is let go mid-job (cancel), is really terminated, as the pool expects.
import type { SpawnWorker, WorkerHandle } from './pool.ts';

export interface ReusableWorkers {
  spawn: SpawnWorker;
  /** Terminates the parked workers (call once, when no pool runs any more). */
  close(): Promise<void>;
}

export function reusable(spawn: SpawnWorker): ReusableWorkers {
  const parked: WorkerHandle[] = [];
  const wrap = (worker: WorkerHandle): WorkerHandle => {
    let busy = false;
    let healthy = true;
    const call = async <R>(f: () => Promise<R>): Promise<R> => {
      busy = true;
      try {
        return await f();
      } catch (error) {
        healthy = false;
        throw error;
      } finally {
        busy = false;
      }
    };
    const encode = worker.encodeSeries?.bind(worker);
    return {
      run: (job) => call(() => worker.run(job)),
      ...(encode ? { encodeSeries: (slice) => call(() => encode(slice)) } : {}),
      async terminate() {
        if (healthy && !busy) parked.push(worker);
        else await worker.terminate();
      },
    };
  };
  return {
    spawn: () => wrap(parked.pop() ?? spawn()),
    async close() {
      await Promise.all(parked.splice(0).map((w) => w.terminate()));
    },
  };
}
