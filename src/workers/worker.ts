// The worker side of the pool, for any environment: exposes a job runner on a message endpoint
// with comlink and sends each result back with its two buffers transferred (moved, not copied).
// Node workers also encode slices of series.parquet at the end of a batch (`encode`).
// Node wires it to `parentPort` (node-entry.ts); a browser Web Worker passes `self`.
import { expose, transfer, type Endpoint } from 'comlink';
import { runJob } from './job.ts';
import type { Job, JobResult, JobRunner } from './protocol.ts';

/**
 * Serves `runJob` calls arriving on `endpoint`. `run` replaces the job function (tests wrap it
 * to inject faults); errors it throws travel back to the caller as rejected calls.
 */
export function exposeJobRunner(endpoint: Endpoint, run: (job: Job) => JobResult = runJob, encode?: JobRunner['encodeSeries']): void {
  const runner: JobRunner = {
    runJob(job) {
      const result = run(job);
      return transfer(result, [result.series.buffer, result.stage.buffer]);
    },
    ...(encode ? {
      async encodeSeries(slice) {
        const encoded = await encode(slice);
        return transfer(encoded, [encoded.bytes.buffer]);
      },
    } : {}),
  };
  expose(runner, endpoint);
}
