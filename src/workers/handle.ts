// The job-tracking part of a worker handle, shared by the Node and browser spawners: comlink alone
// would leave a call pending forever when its worker dies, so the spawner reports the worker's
// death through `end(why)`, which rejects the job in flight and every later one. Browser-safe.
import type { Remote } from 'comlink';
import type { WorkerHandle } from './pool.ts';
import type { EncodedColumns } from '../batch/parquet.ts';
import type { SeriesSlice } from '../batch/tables.ts';
import type { Job, JobResult, JobRunner } from './protocol.ts';

export interface TrackedHandle {
  handle: WorkerHandle;
  /** The worker can run no more jobs (crashed, exited, terminated): rejects the job in flight. */
  end(why: string): void;
}

/** The worker side's encodeSeries as comlink presents it. */
interface SeriesEncoding {
  encodeSeries(slice: SeriesSlice): Promise<EncodedColumns>;
}

/** `encodes`: the worker serves encodeSeries too (Node threads, node-entry.ts). */
export function remoteHandle(remote: Remote<JobRunner>, terminate: () => void | Promise<unknown>, encodes = false): TrackedHandle {
  /** Why this worker can run no more jobs; null while it can. */
  let gone: string | null = null;
  let current: { what: string; reject: (error: Error) => void } | null = null;

  const end = (why: string): void => {
    if (gone !== null) return;
    gone = why;
    current?.reject(new Error(`${why} during ${current.what}`));
    current = null;
  };

  /** One call at a time: `what` names it in errors (`job 12`, `series slice`). */
  const call = <R>(what: string, send: () => Promise<R>): Promise<R> => {
    if (gone !== null) return Promise.reject(new Error(`${gone} before ${what}`));
    if (current !== null) return Promise.reject(new Error(`worker busy with ${current.what}, cannot start ${what}`));
    return new Promise<R>((resolve, reject) => {
      const entry = { what, reject };
      current = entry;
      // A result or error that arrives after end() rejected the call is dropped.
      const settle = (): boolean => {
        if (current !== entry) return false;
        current = null;
        return true;
      };
      send().then(
        (result) => {
          if (settle()) resolve(result);
        },
        (error: unknown) => {
          if (settle()) reject(error);
        },
      );
    });
  };

  const handle: WorkerHandle = {
    run: (job: Job) => call(`job ${job.index}`, () => remote.runJob(job) as Promise<JobResult>),
    ...(encodes ? {
      encodeSeries: (slice: SeriesSlice) => call('series slice', () => (remote as unknown as SeriesEncoding).encodeSeries(slice)),
    } : {}),
    async terminate(): Promise<void> {
      end('worker terminated');
      await terminate();
    },
  };
  return { handle, end };
}
