// A job's parameter draw in a posterior compare, apart from posterior.ts so that the worker
// threads, which write series.parquet's draw column, do not load what planning a posterior needs.
import type { BatchManifest } from './plan.ts';

/** The record's draw in a posterior compare (its unit's draw), for runs.csv and series.parquet. */
export function drawOf(manifest: BatchManifest, index: number): number {
  return Math.floor(Math.floor(index / manifest.seeds.count) / manifest.variants.length);
}
