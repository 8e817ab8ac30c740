// The on-disk store of a batch: one pair of files per finished job, written the moment its result
// arrives, so that nothing but the runs in flight is lost when a batch is interrupted and the
// driver never holds more than the results in flight.
//
//   <out>/manifest.json          what the batch is (written before the first job, rewritten at the end)
//   <out>/runs/<index>.bin       series (Float64, metric-major) then stage (Uint8), raw bytes
//   <out>/runs/<index>.json      job identity, outcomes, final stage, metrics, regions, rows, ticksPerYear
//   <out>/runs/<index>.<table>.csv  with --keep: the run's firms, events or ties table (single-run CSV text)
//   <out>/runs/<index>.failed.json  a job that failed all its attempts (retried on --resume)
//
// Every file is written to a temporary name and renamed; the .json is written last, so its
// presence marks a complete job. Byte order of the .bin: little-endian, whatever the machine
// (values are byte-swapped on a big-endian host when written and read), so a store moves between
// machines (merge, resume elsewhere).
import { closeSync, copyFileSync, existsSync, fstatSync, openSync, opendirSync, readFileSync, readSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { removeTemporaryFiles, temporaryName } from '../io/temporary.ts';
import { makeDir, writeFileAtomic } from '../io/write.ts';
import type { Job, JobResult } from '../workers/protocol.ts';
import { BatchError } from './errors.ts';
import { KEEP_TABLES, type KeepTable } from './keep.ts';

export const RUNS_DIR = 'runs';
export const MANIFEST = 'manifest.json';

/** What <index>.json holds. */
export interface RunRecord {
  index: number;
  variant: string | null;
  point: number | null;
  seed: number;
  finalStage: string;
  /** Firm-size histogram at the last tick (log2 bins of employees). */
  sizes: number[];
  /** In OUTCOME_NAMES order. */
  outcomes: Record<string, number>;
  /** The same per region, in `regions` order (without `all`), and each region's final stage. */
  regionOutcomes: Record<string, number>[];
  regionFinalStages: string[];
  metrics: string[];
  regions: string[];
  rows: number;
  ticksPerYear: number;
}

/** What <index>.failed.json holds (and a row of failures.csv). */
export interface FailureRecord {
  index: number;
  variant: string | null;
  point: number | null;
  seed: number;
  attempts: number;
  error: string;
}

export interface RunSeries {
  /** Metric-major: series[m·rows + row]. */
  series: Float64Array;
  stage: Uint8Array;
}

export function runsDir(out: string): string {
  return join(out, RUNS_DIR);
}

const binFile = (out: string, index: number) => join(out, RUNS_DIR, `${index}.bin`);
const jsonFile = (out: string, index: number) => join(out, RUNS_DIR, `${index}.json`);
const keptFile = (out: string, index: number, table: KeepTable) => join(out, RUNS_DIR, `${index}.${table}.csv`);
const failedFile = (out: string, index: number) => join(out, RUNS_DIR, `${index}.failed.json`);

/** Creates <out>/runs and removes temporary files an interrupted writer left behind, in runs/ and beside it (the summaries). */
export function openStore(out: string): void {
  makeDir(runsDir(out));
  removeTemporaryFiles(runsDir(out));
  removeTemporaryFiles(out);
}

/** Stores a finished job: .bin, then .json (which marks it done); clears an earlier failure. */
export function writeRun(out: string, job: Job, result: JobResult): void {
  const { series, stage } = result;
  // The two parts are written as they are: a joined copy per run would be one more 38 kB
  // allocation per run, which the C allocator keeps (docs/RELIABILITY.md).
  const values = new Uint8Array(series.buffer, series.byteOffset, series.byteLength);
  if (!HOST_LITTLE_ENDIAN) swapFloat64(values, series.length); // in place: the result is not used once stored
  writeFileAtomic(binFile(out, job.index), [values, stage]);
  for (const table of KEEP_TABLES) {
    const text = result.kept?.[table];
    if (text !== undefined) writeFileAtomic(keptFile(out, job.index, table), text);
  }
  const record: RunRecord = {
    index: job.index,
    variant: job.variant,
    point: job.point,
    seed: job.seed,
    finalStage: result.finalStage,
    sizes: result.sizes,
    outcomes: result.outcomes,
    regionOutcomes: result.regionOutcomes,
    regionFinalStages: result.regionFinalStages,
    metrics: result.metrics,
    regions: result.regions,
    rows: result.rows,
    ticksPerYear: result.ticksPerYear,
  };
  writeFileAtomic(jsonFile(out, job.index), JSON.stringify(record) + '\n');
  rmSync(failedFile(out, job.index), { force: true });
}

export function writeFailure(out: string, job: Job, error: string, attempts: number): void {
  const record: FailureRecord = { index: job.index, variant: job.variant, point: job.point, seed: job.seed, attempts, error };
  writeFileAtomic(failedFile(out, job.index), JSON.stringify(record) + '\n');
}

/** Indices of the completed jobs in a run directory, ascending. */
export function completedIndices(out: string): number[] {
  return indicesMatching(out, /^(\d+)\.json$/);
}

/** Indices of the jobs recorded as failed (and not completed since), ascending. */
export function failedIndices(out: string): number[] {
  const done = new Set(completedIndices(out));
  return indicesMatching(out, /^(\d+)\.failed\.json$/).filter((i) => !done.has(i));
}

function indicesMatching(out: string, pattern: RegExp): number[] {
  const dir = runsDir(out);
  if (!existsSync(dir)) return [];
  const found: number[] = [];
  // Entry by entry: a long batch's folder holds hundreds of thousands of names.
  const entries = opendirSync(dir, { bufferSize: 1024 });
  try {
    for (let entry = entries.readSync(); entry !== null; entry = entries.readSync()) {
      const m = pattern.exec(entry.name);
      if (m) found.push(Number(m[1]));
    }
  } finally {
    entries.closeSync();
  }
  return found.sort((a, b) => a - b);
}

export function readRun(out: string, index: number): RunRecord {
  return JSON.parse(readFileSync(jsonFile(out, index), 'utf8')) as RunRecord;
}

export function readFailure(out: string, index: number): FailureRecord {
  return JSON.parse(readFileSync(failedFile(out, index), 'utf8')) as FailureRecord;
}

/** The stored series and stage column of a completed job, in fresh (aligned) buffers. */
export function readRunSeries(out: string, index: number, record: RunRecord = readRun(out, index)): RunSeries {
  const values = record.metrics.length * record.rows;
  const buffer = readBin(out, index, record, 0, values * 8 + record.rows);
  return { series: new Float64Array(buffer, 0, values), stage: new Uint8Array(buffer, values * 8, record.rows) };
}

/**
 * The series of metrics [from, to) (positions in record.metrics) of a completed job, rows
 * [rowFrom, rowTo) of each (all by default), metric-major like RunSeries.series: what a summary
 * reads when all runs' full series would not fit in memory. Read into `into` (its first values)
 * when given, so that passes over many runs reuse their buffers rather than leave them to the
 * garbage collector.
 */
export function readRunMetrics(
  out: string, index: number, record: RunRecord, from: number, to: number, into?: Float64Array, rowFrom = 0, rowTo = record.rows,
): Float64Array {
  const width = rowTo - rowFrom;
  const values = (to - from) * width;
  const target = into ? into.subarray(0, values) : new Float64Array(values);
  const bytes = new Uint8Array(target.buffer, target.byteOffset, values * 8);
  if (width === record.rows) {
    readBin(out, index, record, from * record.rows * 8, bytes);
  } else {
    // Part of each metric: one read per metric.
    for (let m = from; m < to; m++) {
      readBin(out, index, record, (m * record.rows + rowFrom) * 8, bytes.subarray((m - from) * width * 8, (m - from + 1) * width * 8));
    }
  }
  return target;
}

/** A job's .bin from `offset` into `bytes` (the file's size checked); values in host byte order. */
function readBin(out: string, index: number, record: RunRecord, offset: number, into: Uint8Array | number): ArrayBuffer {
  const values = record.metrics.length * record.rows;
  const expected = values * 8 + record.rows;
  const fd = openSync(binFile(out, index), 'r');
  try {
    const size = fstatSync(fd).size;
    if (size !== expected) throw new Error(`${binFile(out, index)}: ${size} bytes, expected ${expected}`);
    const bytes = typeof into === 'number' ? new Uint8Array(into) : into;
    const length = bytes.length;
    let at = 0;
    while (at < length) {
      const n = readSync(fd, bytes, at, length - at, offset + at);
      if (n === 0) throw new Error(`${binFile(out, index)}: unexpected end of file`);
      at += n;
    }
    // Only whole float64 values are swapped (offset is a multiple of 8; the stage bytes follow them).
    if (!HOST_LITTLE_ENDIAN) swapFloat64(bytes, Math.max(0, Math.min(length, values * 8 - offset)) >> 3);
    return bytes.buffer as ArrayBuffer;
  } finally {
    closeSync(fd);
  }
}

/** Whether this machine stores numbers little-endian (the .bin's byte order). */
export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverses the bytes of each of the first `count` 8-byte values of `bytes`, in place. */
export function swapFloat64(bytes: Uint8Array, count: number): void {
  for (let i = 0; i < count * 8; i += 8) {
    for (let a = i, b = i + 7; a < b; a++, b--) {
      const t = bytes[a];
      bytes[a] = bytes[b];
      bytes[b] = t;
    }
  }
}

/** A kept table's CSV text of a completed job (`--keep`). */
export function readKept(out: string, index: number, table: KeepTable): string {
  const file = keptFile(out, index, table);
  if (!existsSync(file)) throw new BatchError(`${file}: missing (the batch keeps ${table}; run the batch again with --resume after removing runs/${index}.json)`);
  return readFileSync(file, 'utf8');
}

/** The value of `metric` at (tick, region) of a stored run; region = regions.length − 1 for `all`. */
export function valueAt(record: RunRecord, data: RunSeries, metric: string, tick: number, region: number): number {
  const m = record.metrics.indexOf(metric);
  if (m < 0) throw new Error(`run ${record.index} has no series ${metric} (stored: ${record.metrics.join(', ')})`);
  return data.series[m * record.rows + tick * record.regions.length + region];
}

/** Copies a job's files from one run directory to another (merge). */
export function copyRun(from: string, to: string, index: number): void {
  copyAtomic(binFile(from, index), binFile(to, index));
  for (const table of KEEP_TABLES) if (existsSync(keptFile(from, index, table))) copyAtomic(keptFile(from, index, table), keptFile(to, index, table));
  copyAtomic(jsonFile(from, index), jsonFile(to, index));
  rmSync(failedFile(to, index), { force: true });
}

export function copyFailure(from: string, to: string, index: number): void {
  copyAtomic(failedFile(from, index), failedFile(to, index));
}

function copyAtomic(from: string, to: string): void {
  const tmp = temporaryName(to);
  copyFileSync(from, tmp);
  renameSync(tmp, to);
}

/** Drops whatever is stored for a job (resume retries failed jobs from scratch). */
export function forgetFailure(out: string, index: number): void {
  rmSync(failedFile(out, index), { force: true });
}
