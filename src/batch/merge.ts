// `clusterlab merge DIR… --out DIR`: the shards of one batch (run with --shard k/N, possibly on
// different machines) joined into the folder one machine would have written: their run files
// copied into <out>/runs, then the summary files written from them (finalize.ts). The shards'
// manifests must describe the same batch; every job must be completed or failed in some shard.
import { resolve } from 'node:path';
import { makeDir } from '../io/write.ts';
import { BatchError } from './errors.ts';
import { finalizeBatch, type FinalizeResult } from './finalize.ts';
import type { BatchManifest } from './plan.ts';
import { identityDiff, readManifest } from './run.ts';
import { completedIndices, copyFailure, copyRun, failedIndices, openStore } from './store.ts';

export interface MergeResult extends FinalizeResult {
  manifest: BatchManifest;
  /** Shards (folders) merged. */
  inputs: number;
}

/** Ranges of consecutive indices, for messages: 3-5, 9. */
function ranges(indices: readonly number[], max = 8): string {
  const parts: string[] = [];
  for (let i = 0; i < indices.length && parts.length < max; ) {
    let j = i;
    while (j + 1 < indices.length && indices[j + 1] === indices[j] + 1) j++;
    parts.push(i === j ? String(indices[i]) : `${indices[i]}-${indices[j]}`);
    i = j + 1;
  }
  return parts.join(', ') + (parts.length === max ? ', …' : '');
}

export async function mergeShards(dirs: readonly string[], out: string): Promise<MergeResult> {
  if (dirs.length === 0) throw new BatchError('merge: name at least one folder');
  const manifests = dirs.map((dir) => {
    const m = readManifest(dir);
    if (m === null) throw new BatchError(`${dir}: no manifest.json (not the output folder of batch, compare or sweep)`);
    return m;
  });
  const first = manifests[0];
  manifests.forEach((m, i) => {
    const diff = identityDiff(first, m, false);
    if (diff.length) throw new BatchError(`merge: ${dirs[i]} holds a different batch than ${dirs[0]} (they differ in: ${diff.join(', ')})`);
  });
  const merged: BatchManifest = { ...first, shard: null, completed: null, failed: null };
  const existing = readManifest(out);
  const outIsInput = dirs.some((d) => resolve(d) === resolve(out));
  if (existing !== null && !outIsInput && identityDiff(existing, merged, false).length) {
    throw new BatchError(`merge: ${out} already holds a different batch; choose another --out`);
  }

  // Where each job's result is: the first folder that completed it; failures only where no
  // folder completed the job.
  const from = new Map<number, string>();
  dirs.forEach((dir) => {
    for (const i of completedIndices(dir)) if (i < merged.jobs && !from.has(i)) from.set(i, dir);
  });
  const failedFrom = new Map<number, string>();
  dirs.forEach((dir) => {
    for (const i of failedIndices(dir)) if (i < merged.jobs && !from.has(i) && !failedFrom.has(i)) failedFrom.set(i, dir);
  });
  const missing: number[] = [];
  for (let i = 0; i < merged.jobs; i++) if (!from.has(i) && !failedFrom.has(i)) missing.push(i);
  if (missing.length) {
    const shards = [...new Set(manifests.map((m) => (m.shard ? `${m.shard.k}/${m.shard.n}` : 'all')))].join(', ');
    throw new BatchError(
      `merge: ${missing.length} of ${merged.jobs} jobs are missing (indices ${ranges(missing)}); ` +
        `the folders given hold shards ${shards}: add the missing shards, or finish them with --resume`,
    );
  }

  makeDir(out);
  openStore(out);
  const target = resolve(out);
  for (const [i, dir] of from) if (resolve(dir) !== target) copyRun(dir, out, i);
  for (const [i, dir] of failedFrom) if (resolve(dir) !== target) copyFailure(dir, out, i);
  const result = await finalizeBatch(out, merged);
  return { ...result, manifest: { ...merged, completed: result.completed, failed: result.failed }, inputs: dirs.length };
}
