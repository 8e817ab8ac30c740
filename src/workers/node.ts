// Node's workers for the pool: worker_threads running node-worker.mjs, driven through comlink.
// A worker that exits or crashes while a job is in flight rejects that job's call (comlink alone
// would leave it pending forever), with a message naming the job.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { SpawnWorker, WorkerHandle } from './pool.ts';
import { remoteHandle } from './handle.ts';
import type { JobRunner } from './protocol.ts';

export { inProcessSpawner } from './in-process.ts';

/**
 * The worker thread entry: src/workers/node-worker.mjs from the sources (it loads the TypeScript
 * through tsx); in the build, where this code sits in a chunk in dist/, dist/node-worker.mjs (the
 * bundle of node-thread.ts, plain JavaScript).
 */
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
  const { handle, end } = remoteHandle(remote, () => worker.terminate(), true);
  worker.on('error', (error) => end(`worker crashed (${error.message})`));
  worker.on('exit', (code) => end(`worker exited with code ${code}`));
  return handle;
}
