// `tsx bench/batch-pool.ts`: the pool inside one process (bench/batch.ts times whole processes)
// (docs/PERFORMANCE.md, "Batches", explains the method).
//   A batch of `default` (base only, full ticks, seeds 1…N, every metric), run three ways into
//   temporary folders, through the code path of `clusterlab batch` (plan → pool → store → summary):
//     in-process  the jobs one after another on this thread (runJob + the same store writes), no pool
//     1 worker    executeBatch with a pool of 1 worker thread
//     2 workers   the same with 2 worker threads
//   Reported: runs/s, the speedup of 2 workers over 1 (target ≥ 1.7 on 2 cores), the pool's
//   overhead = (1-worker time − in-process time) / in-process time (target < 5 %), the time of
//   the summary files (runs.csv, ensemble.csv), and process memory (rss, heapUsed) every 100 runs.
//   The summary files of the three must be byte-identical; the bench says so.
//   Each phase also reports the CPU time other processes took meanwhile (from os.cpus()): on a
//   2-core machine anything else running distorts the speedup and the overhead, so trust only
//   figures taken with "others 0 %".
// Usage: tsx bench/batch-pool.ts [--runs N]   (default 1000, about a minute on 2 cores)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { finalizeBatch, writeManifest } from '../src/batch/finalize.ts';
import { variantPlan, type Plan } from '../src/batch/plan.ts';
import { executeBatch } from '../src/batch/run.ts';
import { openStore, writeRun } from '../src/batch/store.ts';
import { runJob } from '../src/workers/job.ts';
import { nodeSpawner } from '../src/workers/node.ts';
import { cpuNow, othersSince } from './cpu.ts';
import { gc } from './measure.ts';

const DEFAULT_RUNS = 1000;
const SAMPLE_EVERY = 100;
const SPEEDUP_TARGET = 1.7;
const OVERHEAD_TARGET = 0.05;

function runsOption(argv: string[]): number {
  const k = argv.indexOf('--runs');
  if (k < 0) return DEFAULT_RUNS;
  const n = Number(argv[k + 1]);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`bench/batch-pool.ts: --runs expects a positive integer, got ${argv[k + 1]}`);
    process.exit(2);
  }
  return n;
}

interface Sample {
  runs: number;
  rss: number;
  heapUsed: number;
}

interface Measure {
  label: string;
  /** Share of the machine's CPU time (all cores) used by other processes during the phase. */
  others: number;
  /** Seconds from the start to the last stored run (jobs + store writes; pool start-up included). */
  runSeconds: number;
  /** Seconds writing runs.csv, ensemble.csv, failures.csv, manifest.json. */
  finalizeSeconds: number;
  /** Seconds to the first stored run (worker start-up and its first run). */
  firstSeconds: number;
  /** In-process only: seconds of the store writes within runSeconds. */
  writeSeconds?: number;
  samples: Sample[];
  out: string;
}

const MB = (x: number) => `${(x / 2 ** 20).toFixed(0)} MB`;

function sampler(samples: Sample[]): (done: number) => void {
  let next = 0;
  return (done) => {
    if (done < next) return;
    const m = process.memoryUsage();
    samples.push({ runs: done, rss: m.rss, heapUsed: m.heapUsed });
    next = (Math.floor(done / SAMPLE_EVERY) + 1) * SAMPLE_EVERY;
  };
}

function freshDir(label: string): string {
  return mkdtempSync(join(os.tmpdir(), `clusterlab-bench-${label}-`));
}

/** The jobs one after another on this thread, stored as the batch stores them; then the summary. */
async function inProcess(plan: Plan): Promise<Measure> {
  const out = freshDir('inproc');
  const samples: Sample[] = [];
  const sample = sampler(samples);
  gc();
  const cpu = cpuNow();
  const t0 = performance.now();
  openStore(out);
  writeManifest(out, plan.manifest);
  sample(0);
  let first = 0;
  let writing = 0;
  plan.jobs.forEach((job, k) => {
    const result = runJob(job);
    const w = performance.now();
    writeRun(out, job, result);
    writing += performance.now() - w;
    if (k === 0) first = performance.now();
    sample(k + 1);
  });
  const t1 = performance.now();
  await finalizeBatch(out, plan.manifest);
  const t2 = performance.now();
  return { label: 'in-process (no pool)', others: othersSince(cpu), runSeconds: (t1 - t0) / 1000, finalizeSeconds: (t2 - t1) / 1000, firstSeconds: (first - t0) / 1000, writeSeconds: writing / 1000, samples, out };
}

/** executeBatch, as `clusterlab batch --workers W` runs it. */
async function pooled(plan: Plan, workers: number): Promise<Measure> {
  const out = freshDir(`w${workers}`);
  const samples: Sample[] = [];
  const sample = sampler(samples);
  let lastRun = 0;
  let firstRun = 0;
  gc();
  const cpu = cpuNow();
  const t0 = performance.now();
  const result = await executeBatch({
    out,
    plan,
    resume: false,
    pool: { size: workers, spawn: nodeSpawner() },
    progress: {
      update(done) {
        lastRun = performance.now();
        if (done >= 1 && firstRun === 0) firstRun = lastRun;
        sample(done);
      },
    },
  });
  const t2 = performance.now();
  if (result.completed !== plan.jobs.length || result.failed !== 0) throw new Error(`${workers} workers: ${result.completed} completed, ${result.failed} failed`);
  return { label: `${workers} worker${workers > 1 ? 's' : ''}`, others: othersSince(cpu), runSeconds: (lastRun - t0) / 1000, finalizeSeconds: (t2 - lastRun) / 1000, firstSeconds: (firstRun - t0) / 1000, samples, out };
}

function memoryLine(m: Measure): string {
  const s = m.samples;
  const rss = s.map((x) => x.rss);
  const heap = s.map((x) => x.heapUsed);
  // Flat: compare the second half of the batch with the first (after start-up).
  const later = s.filter((x) => x.runs >= SAMPLE_EVERY);
  const half = Math.floor(later.length / 2);
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const growth = later.length >= 2 ? avg(later.slice(half).map((x) => x.rss)) - avg(later.slice(0, half).map((x) => x.rss)) : NaN;
  return `  ${m.label.padEnd(22)} rss ${MB(Math.min(...rss))}–${MB(Math.max(...rss))}, heapUsed ${MB(Math.min(...heap))}–${MB(Math.max(...heap))}; ` +
    `rss 2nd half − 1st half ${Number.isNaN(growth) ? 'n/a' : `${growth >= 0 ? '+' : ''}${(growth / 2 ** 20).toFixed(1)} MB`}\n` +
    `    every ${SAMPLE_EVERY} runs (rss/heapUsed MB): ${s.map((x) => `${x.runs}: ${(x.rss / 2 ** 20).toFixed(0)}/${(x.heapUsed / 2 ** 20).toFixed(0)}`).join(', ')}`;
}

const runs = runsOption(process.argv.slice(2));
console.log(`clusterlab bench: batches — Node ${process.version}, ${os.availableParallelism()} cores available (${os.cpus()[0]?.model ?? 'cpu'})`);
const plan = variantPlan('batch', { ref: 'default', seeds: { start: 1, count: runs }, metrics: null, shard: null, variants: ['base'] });
console.log(`A batch of \`default\`: ${runs} runs (seeds 1–${runs}) × ${plan.manifest.ticks} ticks, ${plan.manifest.metrics.length} metrics stored per run` +
  `${runs === DEFAULT_RUNS ? '' : ` (the documented setting is --runs ${DEFAULT_RUNS})`}.\n`);

const measures: Measure[] = [];
try {
  measures.push(await inProcess(plan));
  measures.push(await pooled(plan, 1));
  measures.push(await pooled(plan, 2));

  for (const m of measures) {
    console.log(`  ${m.label.padEnd(22)} ${(runs / m.runSeconds).toFixed(1).padStart(6)} runs/s  (${m.runSeconds.toFixed(1)} s for the runs, ` +
      `${(1000 * m.runSeconds / runs).toFixed(1)} ms per run; first run stored after ${m.firstSeconds.toFixed(2)} s; ` +
      `summary files ${m.finalizeSeconds.toFixed(2)} s; others ${(100 * m.others).toFixed(0)} %)`);
  }
  const [inproc, one, two] = measures;
  const busiest = Math.max(...measures.map((m) => m.others));
  if (busiest > 0.03) console.log(`  WARNING: other processes used up to ${(100 * busiest).toFixed(0)} % of the CPU during the bench; the ratios below are distorted.`);
  const speedup = one.runSeconds / two.runSeconds;
  const overhead = (one.runSeconds - inproc.runSeconds) / inproc.runSeconds;
  // After the first result: without the workers' start-up (loading the engine through tsx).
  const steady = (m: Measure) => (runs - 1) / (m.runSeconds - m.firstSeconds);
  console.log(`  → speedup 2 workers / 1 worker: ${speedup.toFixed(2)} × (target ≥ ${SPEEDUP_TARGET}: ${speedup >= SPEEDUP_TARGET ? 'met' : 'NOT met'}); ` +
    `after the first result: ${(steady(two) / steady(one)).toFixed(2)} ×`);
  // In-process the store writes follow each run; with a worker they overlap the next run. So
  // also against the in-process compute alone (writes subtracted): an upper bound of the cost.
  const compute = inproc.runSeconds - (inproc.writeSeconds ?? 0);
  console.log(`  → pool overhead (1 worker vs in-process): ${(100 * overhead).toFixed(1)} % (target < ${100 * OVERHEAD_TARGET} %: ${overhead < OVERHEAD_TARGET ? 'met' : 'NOT met'}); ` +
    `vs the in-process runs without their store writes (${(1000 * (inproc.writeSeconds ?? 0) / runs).toFixed(2)} ms per run): ${(100 * (one.runSeconds - compute) / compute).toFixed(1)} %`);

  const same = ['runs.csv', 'ensemble.csv', 'manifest.json'].every((name) => {
    const ref = readFileSync(join(inproc.out, name));
    return measures.every((m) => readFileSync(join(m.out, name)).equals(ref));
  });
  console.log(`  → runs.csv, ensemble.csv, manifest.json byte-identical across the three: ${same ? 'yes' : 'NO'}\n`);

  console.log(`Memory of this process (worker threads included in rss), sampled every ${SAMPLE_EVERY} runs:`);
  for (const m of measures) console.log(memoryLine(m));
} finally {
  for (const m of measures) rmSync(m.out, { recursive: true, force: true });
}
