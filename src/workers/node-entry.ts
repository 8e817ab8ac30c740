// The TypeScript body of a Node worker thread (loaded by node-worker.mjs): serve jobs on parentPort,
// and slices of series.parquet to encode from the batch's store (the thread reads the files itself).
import { parentPort } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { runJob } from './job.ts';
import type { Job, JobResult } from './protocol.ts';
import { exposeJobRunner } from './worker.ts';

/** Serves jobs on this worker thread's parentPort; `run` defaults to runJob (fixtures wrap it). */
export function serveNodeWorker(run: (job: Job) => JobResult = runJob): void {
  if (!parentPort) throw new Error('serveNodeWorker() must run in a worker thread');
  // The Parquet code loads on the first slice, not with the engine: runs start sooner.
  exposeJobRunner(nodeEndpoint(parentPort), run, async (slice) => (await import('../batch/tables.ts')).encodeSeriesSlice(slice));
}
