// Node's workers for the pool: worker_threads running node-worker.mjs, driven through comlink.
// A worker that exits or crashes while a job is in flight rejects that job's call (comlink alone
// would leave it pending forever), with a message naming the job.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { SpawnWorker, WorkerHandle } from './pool.ts';
import type { Job, JobResult, JobRunner } from './protocol.ts';

export { inProcessSpawner } from './in-process.ts';

/** The worker thread entry shipped with the engine. */
export const NODE_WORKER_SCRIPT = new URL('./node-worker.mjs', import.meta.url);

export interface NodeSpawnOptions {
  /** Passed to every worker as `workerData` (tests use it to configure fault injection). */
  workerData?: unknown;
}

/** Workers on `script` (default: node-worker.mjs); tests substitute a wrapper that injects faults. */
export function nodeSpawner(script: URL = NODE_WORKER_SCRIPT, options: NodeSpawnOptions = {}): SpawnWorker {
  return () => spawnNodeWorker(script, options);
}

/** The default number of workers: the cores available to this process. */
export function defaultWorkers(): number {
  return availableParallelism();
}

function spawnNodeWorker(script: URL, options: NodeSpawnOptions): WorkerHandle {
  // execArgv: [] — do not inherit the parent's flags: under `tsx`, the parent's --import/--require
  // of tsx's loader would load it a second time in every worker (node-worker.mjs brings its own).
  const worker = new Worker(script, { workerData: options.workerData, execArgv: [] });
  const remote = wrap<JobRunner>(nodeEndpoint(worker));
  /** Why this worker can run no more jobs; null while it can. */
  let gone: string | null = null;
  let current: { index: number; reject: (error: Error) => void } | null = null;

  const end = (why: string): void => {
    if (gone !== null) return;
    gone = why;
    current?.reject(new Error(`${why} during job ${current.index}`));
    current = null;
  };
  worker.on('error', (error) => end(`worker crashed (${error.message})`));
  worker.on('exit', (code) => end(`worker exited with code ${code}`));

  return {
    run(job: Job): Promise<JobResult> {
      if (gone !== null) return Promise.reject(new Error(`${gone} before job ${job.index}`));
      if (current !== null) return Promise.reject(new Error(`worker busy with job ${current.index}, cannot start job ${job.index}`));
      return new Promise<JobResult>((resolve, reject) => {
        const call = { index: job.index, reject };
        current = call;
        const settle = () => {
          if (current === call) current = null;
        };
        remote.runJob(job).then(
          (result) => {
            settle();
            resolve(result);
          },
          (error: unknown) => {
            settle();
            reject(error);
          },
        );
      });
    },
    async terminate(): Promise<void> {
      end('worker terminated');
      await worker.terminate();
    },
  };
}
