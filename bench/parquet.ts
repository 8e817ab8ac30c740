// `npm run bench:parquet` (also part of `npm run bench`): the Parquet tables of a large batch
// (docs/PERFORMANCE.md, "Parquet").
//   A store of N runs of `default` (base, full ticks, every metric): R distinct runs are simulated
//   (runJob, in process) and stored cyclically under the indices 0 … N−1 with seeds 1 … N, so a
//   10,000-run store is built in a minute. A row group holds ~160 runs, fewer than R, so every
//   row group compresses distinct runs, as a real batch's would.
//   Reported: bytes per run of runs/<i>.bin and of series.parquet; wall time of writing
//   series.parquet (writeSeriesParquet, what finalize does, here with the encoding on this thread);
//   process rss while writing (sampled before each row group, peak per quarter: it must stay flat); DuckDB reading one metric of every run (the final value
//   of `employment` per run, and the mean path over all runs).
// Usage: tsx bench/parquet.ts [--runs N] [--distinct R]   (defaults 10000 and 200)
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { variantPlan } from '../src/batch/plan.ts';
import { openStore, readRun, writeRun } from '../src/batch/store.ts';
import { encodeSeriesSlice, writeSeriesParquet, type SeriesSlice } from '../src/batch/tables.ts';
import type { JobResult } from '../src/workers/protocol.ts';
import { runJob } from '../src/workers/job.ts';
import { gc } from './measure.ts';

function option(argv: string[], name: string, fallback: number): number {
  const k = argv.indexOf(name);
  if (k < 0) return fallback;
  const n = Number(argv[k + 1]);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`bench/parquet.ts: ${name} expects a positive integer, got ${argv[k + 1]}`);
    process.exit(2);
  }
  return n;
}

const MB = (x: number) => `${(x / 2 ** 20).toFixed(1)} MB`;

async function main(): Promise<void> {
  const N = option(process.argv, '--runs', 10_000);
  const R = Math.min(N, option(process.argv, '--distinct', 200));
  const out = mkdtempSync(join(os.tmpdir(), 'clusterlab-bench-parquet-'));
  try {
    const plan = variantPlan('batch', { ref: 'default', seeds: { start: 1, count: N }, metrics: null, shard: null, variants: ['base'] });
    console.log(`bench/parquet: default, ${N} runs (${R} distinct, stored cyclically), ${plan.manifest.ticks} ticks, ${plan.manifest.metrics.length} metrics`);
    openStore(out);
    const t0 = performance.now();
    const results: JobResult[] = [];
    for (let k = 0; k < R; k++) results.push(runJob(plan.jobs[k]));
    const simulated = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    for (let i = 0; i < N; i++) {
      const r = results[i % R];
      // writeRun reads the series from the result; hand it a copy's view so transfers do not matter.
      writeRun(out, plan.jobs[i], { ...r, index: i });
    }
    const stored = (performance.now() - t1) / 1000;
    let binBytes = 0;
    for (const name of readdirSync(join(out, 'runs'))) if (name.endsWith('.bin')) binBytes += statSync(join(out, 'runs', name)).size;
    console.log(`  simulate ${R} runs ${simulated.toFixed(1)} s; store ${N} runs (.bin + .json) ${stored.toFixed(1)} s`);

    gc();
    const samples: number[] = [];
    const heaps: number[] = [];
    const before = process.memoryUsage().rss;
    const completed = Array.from({ length: N }, (_, i) => i);
    const t2 = performance.now();
    // One encoder on this thread (as finalize with one worker, without the thread): memory is
    // sampled before each row group is encoded.
    const sampled = async (slice: SeriesSlice) => {
      const m = process.memoryUsage();
      samples.push(m.rss);
      heaps.push(m.heapUsed);
      return encodeSeriesSlice(slice);
    };
    const file = await writeSeriesParquet(out, plan.manifest, completed, (i) => readRun(out, i), [sampled]);
    const written = (performance.now() - t2) / 1000;
    const parquetBytes = statSync(file).size;
    console.log(`  runs/<i>.bin      ${MB(binBytes)} in ${N} files (${(binBytes / N / 1000).toFixed(1)} kB a run; .json sidecars not counted)`);
    console.log(`  series.parquet    ${MB(parquetBytes)} in 1 file (${(parquetBytes / N / 1000).toFixed(1)} kB a run, ${(binBytes / parquetBytes).toFixed(1)}× smaller)`);
    console.log(`  writing           ${written.toFixed(1)} s (${(N / written).toFixed(0)} runs/s)`);
    // Peak rss per quarter of the runs: flat memory shows as four similar peaks.
    const q = Math.max(1, Math.ceil(samples.length / 4));
    const peaks = [0, 1, 2, 3].map((k) => samples.slice(k * q, (k + 1) * q)).filter((x) => x.length).map((x) => MB(Math.max(...x)));
    console.log(`  rss while writing ${MB(before)} before; peak per quarter of the runs: ${peaks.join(', ')}`);
    const every = Math.max(1, Math.round(heaps.length / 10));
    console.log(`  heapUsed before every ${every === 1 ? "" : `${every}th `}row group: ${heaps.filter((_, k) => k % every === 0).map(MB).join(', ')} (one row group, ~160 runs, is built at a time)`);

    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const T = plan.manifest.ticks;
    const t3 = performance.now();
    const finals = await db.runAndReadAll(`SELECT seed, employment FROM read_parquet('${file}') WHERE tick = ${T} AND region = 'all'`);
    const q1 = (performance.now() - t3) / 1000;
    const t4 = performance.now();
    const path = await db.runAndReadAll(`SELECT tick, avg(employment) AS mean FROM read_parquet('${file}') WHERE region = 'all' GROUP BY tick ORDER BY tick`);
    const q2 = (performance.now() - t4) / 1000;
    console.log(`  DuckDB            final employment of every run: ${finals.currentRowCount} rows in ${(q1 * 1000).toFixed(0)} ms; mean path over all runs: ${path.currentRowCount} ticks in ${(q2 * 1000).toFixed(0)} ms`);
    db.closeSync();
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

await main();
