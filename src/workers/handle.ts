// The job-tracking part of a worker handle, shared by the Node and browser spawners: comlink alone
// would leave a call pending forever when its worker dies, so the spawner reports the worker's
// death through `end(why)`, which rejects the job in flight and every later one. Browser-safe.
import type { Remote } from 'comlink';
import type { WorkerHandle } from './pool.ts';
import type { Job, JobResult, JobRunner } from './protocol.ts';

export interface TrackedHandle {
  handle: WorkerHandle;
  /** The worker can run no more jobs (crashed, exited, terminated): rejects the job in flight. */
  end(why: string): void;
}

export function remoteHandle(remote: Remote<JobRunner>, terminate: () => void | Promise<unknown>): TrackedHandle {
  /** Why this worker can run no more jobs; null while it can. */
  let gone: string | null = null;
  let current: { index: number; reject: (error: Error) => void } | null = null;

  const end = (why: string): void => {
    if (gone !== null) return;
    gone = why;
    current?.reject(new Error(`${why} during job ${current.index}`));
    current = null;
  };

  const handle: WorkerHandle = {
    run(job: Job): Promise<JobResult> {
      if (gone !== null) return Promise.reject(new Error(`${gone} before job ${job.index}`));
      if (current !== null) return Promise.reject(new Error(`worker busy with job ${current.index}, cannot start job ${job.index}`));
      return new Promise<JobResult>((resolve, reject) => {
        const call = { index: job.index, reject };
        current = call;
        // A result or error that arrives after end() rejected the call is dropped.
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
      await terminate();
    },
  };
  return { handle, end };
}
