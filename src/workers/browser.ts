// Browser Web Workers for the pool (runPool runs unchanged in a page): each worker serves
// exposeJobRunner (viz/src/worker.ts) and is driven through comlink. A worker that fails to load
// or throws outside a call fires 'error', which rejects the job in flight (comlink alone would
// leave it pending forever) and retires the worker, as node.ts does for worker_threads.
// Browser-safe: no Node imports; uses only the global Worker type.
import { wrap, type Remote } from 'comlink';
import type { SpawnWorker, WorkerHandle } from './pool.ts';
import type { Job, JobResult, JobRunner } from './protocol.ts';

/** The minimal Worker surface used here (the DOM Worker satisfies it). */
export interface BrowserWorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: string, listener: (event: any) => void): void;
  removeEventListener(type: string, listener: (event: any) => void): void;
  terminate(): void;
}

/** `create` makes one worker, e.g. `() => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })`. */
export function browserSpawner(create: () => BrowserWorkerLike): SpawnWorker {
  return () => spawnBrowserWorker(create());
}

function spawnBrowserWorker(worker: BrowserWorkerLike): WorkerHandle {
  const remote: Remote<JobRunner> = wrap<JobRunner>(worker as unknown as Worker);
  let gone: string | null = null;
  let current: { index: number; reject: (error: Error) => void } | null = null;

  const end = (why: string): void => {
    if (gone !== null) return;
    gone = why;
    current?.reject(new Error(`${why} during job ${current.index}`));
    current = null;
  };
  worker.addEventListener('error', (event: { message?: string; preventDefault?: () => void }) => {
    event.preventDefault?.();
    end(`worker crashed (${event.message ?? 'error event'})`);
  });
  worker.addEventListener('messageerror', () => end('worker message could not be deserialised'));

  return {
    run(job: Job): Promise<JobResult> {
      if (gone !== null) return Promise.reject(new Error(`${gone} before job ${job.index}`));
      if (current !== null) return Promise.reject(new Error(`worker busy with job ${current.index}, cannot start job ${job.index}`));
      return new Promise<JobResult>((resolve, reject) => {
        const call = { index: job.index, reject };
        current = call;
        const settle = (): boolean => {
          if (current !== call) return false;
          current = null;
          return true;
        };
        (remote.runJob(job) as Promise<JobResult>).then(
          (result) => {
            if (settle()) resolve(result);
          },
          (error: unknown) => {
            if (settle()) reject(error);
          },
        );
      });
    },
    async terminate(): Promise<void> {
      end('worker terminated');
      worker.terminate();
    },
  };
}
