// The messages between the batch driver and its workers: one job in, one result out. Everything
// here must survive structured cloning (Node worker_threads and browser Web Workers alike); the
// series travel as transferred buffers, not copies.
import type { KeepTable } from '../batch/keep.ts';
import type { EncodedColumns } from '../batch/parquet.ts';
import type { SeriesSlice } from '../batch/tables.ts';
import type { Scenario } from '../scenarios/schema.ts';

/** One run to do: a fully resolved scenario (variant or sweep point applied) and a seed. */
export interface Job {
  /** Position in the full, unsharded job list: the key for storage, resume, shards and merge. */
  index: number;
  /** Variant name (batch, compare); null for the base scenario or a sweep. */
  variant: string | null;
  /** Sweep point index; null outside sweeps. */
  point: number | null;
  seed: number;
  ticks: number;
  scenario: Scenario;
  /** Metrics kept in the returned series (null: all), in this order. */
  metrics: string[] | null;
  /** Agent-level tables to return as CSV text (`--keep`); absent or empty: none. */
  keep?: KeepTable[];
}

/** What a finished run sends back. */
export interface JobResult {
  index: number;
  /** Names of the series columns, in order. */
  metrics: string[];
  /** Region names in order, then `all`. */
  regions: string[];
  ticksPerYear: number;
  /** Rows per metric: (ticks + 1)·(regions + 1), row = tick·(R + 1) + region (R = `all`). */
  rows: number;
  /** Metric-major values: series[m·rows + row]. Transferred, not copied. */
  series: Float64Array;
  /** Stage index (into STAGES) per row. Transferred, not copied. */
  stage: Uint8Array;
  /** Per-run outcomes of the whole system (`all`), in a fixed key order: see src/analysis/outcomes.ts. */
  outcomes: Record<string, number>;
  /** Stage of `all` at the last tick. */
  finalStage: string;
  /** The same outcomes and final stage for each region, in `regions` order (without `all`). */
  regionOutcomes: Record<string, number>[];
  regionFinalStages: string[];
  /** Firm sizes at the last tick: sizes[k] = firms with employees in [2^k, 2^(k+1)) (see analysis/sizes.ts). */
  sizes: number[];
  /** The tables Job.keep asked for, as the single-run CSV text (src/io/firms.ts, events.ts, ties.ts). */
  kept?: Partial<Record<KeepTable, string>>;
}

/** The surface a worker exposes (through comlink). */
export interface JobRunner {
  runJob(job: Job): JobResult;
  /** Node workers: encodes a slice of series.parquet from the batch's store (src/batch/tables.ts). */
  encodeSeries?(slice: SeriesSlice): EncodedColumns | Promise<EncodedColumns>;
}
