// Browser Web Workers for the pool (runPool runs unchanged in a page): each worker serves
// exposeJobRunner (viz/src/worker.ts) and is driven through comlink. A worker that fails to load
// or throws outside a call fires 'error', which rejects the job in flight (comlink alone would
// leave it pending forever) and retires the worker, as node.ts does for worker_threads.
// Browser-safe: no Node imports; uses only the global Worker type.
import { wrap, type Remote } from 'comlink';
import type { SpawnWorker, WorkerHandle } from './pool.ts';
import { remoteHandle } from './handle.ts';
import type { JobRunner } from './protocol.ts';

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
  const { handle, end } = remoteHandle(remote, () => worker.terminate());
  worker.addEventListener('error', (event: { message?: string; preventDefault?: () => void }) => {
    event.preventDefault?.();
    end(`worker crashed (${event.message ?? 'error event'})`);
  });
  worker.addEventListener('messageerror', () => end('worker message could not be deserialised'));
  return handle;
}
