// Running a planned batch into an output folder: lock it (one writer), check it (fresh, or --resume
// of the same batch), write the manifest, hand the missing jobs of this shard to the pool, store each result
// the moment it arrives, then write the summary files (unsharded; series.parquet encoded on the
// pool's workers, parked for it) or the shard's final manifest.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPool, type SpawnWorker, type WorkerHandle } from '../workers/pool.ts';
import { reusable, type ReusableWorkers } from '../workers/reuse.ts';
import { encodeSeriesSlice, type SeriesSlice } from './tables.ts';
import { canonicalJson } from '../scenarios/hash.ts';
import { BatchError } from './errors.ts';
import { lockFolder } from './lock.ts';
import { makeDir } from '../io/write.ts';
import { finalizeBatch, jobStatus, SummariesInterrupted, writeManifest, type FinalizeResult } from './finalize.ts';
import { selectShard } from './jobs.ts';
import { identityOf, type BatchManifest, type Plan } from './plan.ts';
import { completedIndices, failedIndices, MANIFEST, openStore, writeFailure, writeRun } from './store.ts';

export interface PoolSetup {
  /** Workers, i.e. jobs in flight at most. */
  size: number;
  spawn: SpawnWorker;
  /** Further attempts of a failing job (default 1). */
  retries?: number;
}

export interface ProgressSink {
  /** Runs finished (including those found on disk), failed, and the total of this folder's slice. */
  update(done: number, failed: number, total: number): void;
}

export interface ExecuteOptions {
  out: string;
  plan: Plan;
  resume: boolean;
  pool: PoolSetup;
  /** Aborting cancels the pool (SIGINT): what is on disk stays, the batch can be resumed. */
  signal?: AbortSignal;
  progress?: ProgressSink;
}

export interface ExecuteResult {
  /** Jobs of this folder (its shard's, or all). */
  total: number;
  /** Completed before this invocation (resume). */
  previously: number;
  /** Jobs handed to the pool by this invocation. */
  attempted: number;
  /** At the end, over the folder's jobs. */
  completed: number;
  failed: number;
  interrupted: boolean;
  /** The summary files (unsharded batches that ran to the end); null for a shard or when interrupted. */
  finalized: FinalizeResult | null;
}

export function readManifest(dir: string): BatchManifest | null {
  const file = join(dir, MANIFEST);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as BatchManifest;
  } catch (err) {
    throw new BatchError(`${file}: not a batch manifest (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** The top-level keys in which two manifests' identities differ. */
export function identityDiff(a: BatchManifest, b: BatchManifest, withShard: boolean): string[] {
  const x: Record<string, unknown> = { ...identityOf(a), ...(withShard ? { shard: a.shard } : {}) };
  const y: Record<string, unknown> = { ...identityOf(b), ...(withShard ? { shard: b.shard } : {}) };
  const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])];
  return keys.filter((k) => canonicalJson(x[k]) !== canonicalJson(y[k]));
}

/** Checks that `out` may take this batch; throws a BatchError otherwise. */
function prepareFolder(out: string, manifest: BatchManifest, resume: boolean): void {
  const existing = readManifest(out);
  const hasRuns = completedIndices(out).length > 0 || failedIndices(out).length > 0;
  if (existing === null) {
    if (hasRuns) throw new BatchError(`${out}: holds run files but no manifest.json; choose another --out`);
    return;
  }
  if (!resume) {
    if (hasRuns) {
      throw new BatchError(`${out} already holds runs of a batch: add --resume to finish it, or choose another --out (or delete the folder)`);
    }
    return;
  }
  const diff = identityDiff(existing, manifest, true);
  if (diff.length) {
    // jobsHash is what every job runs (each unit's scenario): name it for people, and only when nothing more telling differs.
    const named = diff.length > 1 ? diff.filter((k) => k !== 'jobsHash') : diff.map((k) => (k === 'jobsHash' ? 'the runs\' scenarios' : k));
    throw new BatchError(
      `${out}: cannot resume, the batch there differs from this command in: ${named.join(', ')}.\n` +
        (diff.includes('version') ? `  It was written by clusterlab ${existing.version}, this is ${manifest.version}: its runs would not match this engine's.\n` : '') +
        `  Resume with the same scenario, seeds, ticks, variants or parameters, or choose another --out.`,
    );
  }
}

export async function executeBatch(options: ExecuteOptions): Promise<ExecuteResult> {
  // One writer per folder (lock.ts): taken before anything in it is read or cleaned up.
  makeDir(options.out);
  const release = lockFolder(options.out);
  try {
    return await executeLocked(options);
  } finally {
    release();
  }
}

async function executeLocked(options: ExecuteOptions): Promise<ExecuteResult> {
  const { out, plan, resume } = options;
  const manifest = plan.manifest;
  prepareFolder(out, manifest, resume);
  openStore(out);
  writeManifest(out, { ...manifest, completed: null, failed: null });

  const own = selectShard(plan.jobs, manifest.shard);
  const done = new Set(completedIndices(out));
  const todo = own.filter((j) => !done.has(j.index));
  const total = own.length;
  const previously = total - todo.length;
  let completed = previously;
  let failed = 0;
  options.progress?.update(completed, failed, total);

  // Workers the pool lets go of are parked: they encode series.parquet at the end.
  const workers = reusable(options.pool.spawn);
  const pool = runPool(
    todo,
    { size: options.pool.size, spawn: workers.spawn, retries: options.pool.retries },
    {
      onResult(result, job) {
        writeRun(out, job, result);
        completed++;
        options.progress?.update(completed, failed, total);
      },
      onFailure(job, error, attempts) {
        writeFailure(out, job, error, attempts);
        failed++;
        options.progress?.update(completed, failed, total);
      },
    },
  );
  let interrupted = false;
  const onAbort = () => {
    interrupted = true;
    void pool.cancel();
  };
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await pool.done;
  } catch (error) {
    await workers.close();
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }

  try {
    const status = jobStatus(out, manifest);
    const result: ExecuteResult = {
      total, previously, attempted: todo.length, completed: status.completed.length, failed: status.failed.length, interrupted, finalized: null,
    };
    if (interrupted) return result;
    if (manifest.shard === null) {
      try {
        result.finalized = await finalizeOnWorkers(out, manifest, workers, options.pool.size, options.signal);
      } catch (error) {
        if (!(error instanceof SummariesInterrupted)) throw error;
        result.interrupted = true;
      }
    } else {
      writeManifest(out, { ...manifest, completed: status.completed.length, failed: status.failed.length });
    }
    return result;
  } finally {
    await workers.close();
  }
}

/**
 * The summary files, with series.parquet's slices encoded on `size` workers (those the pool
 * parked, or fresh ones) while this thread writes the CSV files. A slice whose worker fails is
 * encoded here instead: the workers only share the work.
 */
async function finalizeOnWorkers(out: string, manifest: BatchManifest, workers: ReusableWorkers, size: number, signal?: AbortSignal): Promise<FinalizeResult> {
  const handles: WorkerHandle[] = [];
  try {
    for (let k = 0; k < size; k++) handles.push(workers.spawn());
    const encoders = handles.flatMap((h) => {
      const encode = h.encodeSeries;
      return encode ? [(slice: SeriesSlice) => encode(slice).catch(() => encodeSeriesSlice(slice))] : [];
    });
    return await finalizeBatch(out, manifest, { encoders, signal });
  } finally {
    await Promise.all(handles.map((h) => h.terminate()));
  }
}
