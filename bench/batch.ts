// `npm run bench:batch` (also part of `npm run bench`): batches as a user runs them, whole
// processes of the built CLI (docs/PERFORMANCE.md, "Batches"). Builds dist/ first.
//   Scaling   `clusterlab batch default --seeds N --workers W` (N = 200) for W = 1 and 2, five
//             pairs, the order alternating (1,2 then 2,1 …); the median wall time of each and
//             their ratio (goal: 2 workers ≥ 1.85 × one). Per process also its CPU time and
//             what other processes took meanwhile (on a 2-core machine they distort the ratio).
//             The summary files of the two must be byte-identical; the bench says so.
//   Memory    a long batch (`--seeds M`, M = 10,000, 2 workers): the process's resident memory
//             (VmRSS: main thread and worker threads) every second, with the runs done so far;
//             printed: start, peak during the runs, peak while writing the summary files, end,
//             and the slope over the second half of the runs (MB per 1,000 runs; flat ≈ 0).
// Usage: tsx bench/batch.ts [--runs N] [--pairs K] [--memory-runs M]   (--memory-runs 0: skip)
// The memory part takes minutes (10,000 runs of ~15–25 ms on 2 workers, then the summaries).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { watchProcess, type ProcessRun } from './process.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = join(root, 'bin', 'clusterlab.mjs');
const GOAL = 1.85;
/** Others' share of the machine under which a measurement counts as undisturbed. */
const QUIET = 0.05;

function option(name: string, fallback: number): number {
  const k = process.argv.indexOf(name);
  if (k < 0) return fallback;
  const n = Number(process.argv[k + 1]);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`bench/batch.ts: ${name} expects a whole number, got ${process.argv[k + 1]}`);
    process.exit(2);
  }
  return n;
}

const runs = option('--runs', 200);
const pairs = option('--pairs', 5);
const memoryRuns = option('--memory-runs', 10_000);
const MB = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const batchArgs = (seeds: number, workers: number, out: string) =>
  [bin, 'batch', 'default', '--seeds', String(seeds), '--workers', String(workers), '--out', out, '--quiet'];

function others(r: ProcessRun): number {
  return Math.max(0, (r.machineSeconds - r.cpuSeconds) / (r.seconds * os.cpus().length));
}

function summaries(dir: string): Buffer {
  return Buffer.concat(['runs.csv', 'ensemble.csv', 'series.parquet', 'failures.csv', 'manifest.json'].map((f) => readFileSync(join(dir, f))));
}

async function scaling(tmp: string): Promise<void> {
  console.log(`Scaling: \`clusterlab batch default --seeds ${runs} --workers W\`, whole process, ${pairs} pairs (load average before: ${os.loadavg()[0].toFixed(2)})`);
  const times: Record<number, ProcessRun[]> = { 1: [], 2: [] };
  let same = true;
  for (let p = 0; p < pairs; p++) {
    for (const w of p % 2 === 0 ? [1, 2] : [2, 1]) {
      const out = join(tmp, `w${w}`);
      rmSync(out, { recursive: true, force: true });
      const r = await watchProcess(batchArgs(runs, w, out), 50);
      if (r.code !== 0) throw new Error(`batch --workers ${w} exited with ${r.code}: ${r.stderr}`);
      times[w].push(r);
      console.log(`  pair ${p + 1}, ${w} worker${w > 1 ? 's' : ' '}: ${r.seconds.toFixed(2)} s wall, ${r.cpuSeconds.toFixed(2)} s CPU, others ${(100 * others(r)).toFixed(0)} %`);
    }
    same &&= summaries(join(tmp, 'w1')).equals(summaries(join(tmp, 'w2')));
  }
  const t1 = median(times[1].map((r) => r.seconds));
  const t2 = median(times[2].map((r) => r.seconds));
  const ratio = t1 / t2;
  const pairRatios = times[1].map((r, k) => (r.seconds / times[2][k].seconds).toFixed(2));
  console.log(`  → median 1 worker ${t1.toFixed(2)} s, 2 workers ${t2.toFixed(2)} s: ${ratio.toFixed(2)} × (pairs ${pairRatios.join(', ')}; goal ≥ ${GOAL}: ${ratio >= GOAL ? 'met' : 'NOT met'})`);
  const busiest = Math.max(...[...times[1], ...times[2]].map(others));
  if (busiest > QUIET) {
    console.log(`  WARNING: other processes took up to ${(100 * busiest).toFixed(0)} % of the machine meanwhile; the ratio is distorted.`);
    // The pairs in which neither process shared the machine (others ≤ QUIET) say more.
    const quiet = times[1].map((r, k) => [r, times[2][k]]).filter(([a, b]) => others(a) <= QUIET && others(b) <= QUIET);
    if (quiet.length) {
      const q1 = median(quiet.map(([a]) => a.seconds));
      const q2 = median(quiet.map(([, b]) => b.seconds));
      console.log(`  → the ${quiet.length} pair${quiet.length > 1 ? 's' : ''} with others ≤ ${100 * QUIET} % in both: 1 worker ${q1.toFixed(2)} s, 2 workers ${q2.toFixed(2)} s: ${(q1 / q2).toFixed(2)} ×`);
    }
  }
  console.log(`  → summary files (runs.csv, ensemble.csv, series.parquet, failures.csv, manifest.json) byte-identical for 1 and 2 workers: ${same ? 'yes' : 'NO'}\n`);
}

/** Least-squares slope of y over x. */
function slope(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (x[i] - mx) * (y[i] - my);
    den += (x[i] - mx) ** 2;
  }
  return num / den;
}

/** After the last run, what is being written until each file appears. */
const PHASE_FILES = ['ensemble.csv', 'series.parquet', 'report.html'];
const PHASES = ['runs', 'runs.csv and ensemble.csv (series.parquet encoded on the workers meanwhile)', 'series.parquet (the rest)', 'report.html', 'exit'];

async function memory(tmp: string): Promise<void> {
  const out = join(tmp, 'memory');
  console.log(`Memory: \`clusterlab batch default --seeds ${memoryRuns} --workers 2\`, VmRSS of the process every second (load average before: ${os.loadavg()[0].toFixed(2)})`);
  const points: { t: number; rss: number; done: number; phase: number }[] = [];
  const runsDir = join(out, 'runs');
  const r = await watchProcess(batchArgs(memoryRuns, 2, out), 1000, (s) => {
    // Runs done so far: their .json files (written last for each run).
    const done = existsSync(runsDir) ? readdirSync(runsDir).filter((n) => n.endsWith('.json')).length : 0;
    // The phase: files appear (renamed from temporary names) once complete.
    const phase = done < memoryRuns ? 0 : 1 + PHASE_FILES.findIndex((f) => !existsSync(join(out, f)));
    points.push({ ...s, done, phase: phase === 0 && done >= memoryRuns ? PHASES.length - 1 : phase });
  });
  if (r.code !== 0) throw new Error(`batch exited with ${r.code}: ${r.stderr}`);
  const running = points.filter((p) => p.done < memoryRuns);
  const finishing = points.filter((p) => p.done >= memoryRuns);
  const secondHalf = running.filter((p) => p.done >= memoryRuns / 2);
  const perThousand = secondHalf.length >= 2 ? slope(secondHalf.map((p) => p.done / 1000), secondHalf.map((p) => p.rss / 2 ** 20)) : NaN;
  const peak = (ps: typeof points) => (ps.length ? MB(Math.max(...ps.map((p) => p.rss))) : 'n/a');
  console.log(`  ${r.seconds.toFixed(0)} s wall, ${r.cpuSeconds.toFixed(0)} s CPU, others ${(100 * others(r)).toFixed(0)} %`);
  console.log(`  rss MB: start ${MB(points[0]?.rss ?? NaN)}, peak during the runs ${peak(running)}, peak while writing the summaries ${peak(finishing)}, ` +
    `end ${MB(points.at(-1)?.rss ?? NaN)}; slope over the second half of the runs ${perThousand >= 0 ? '+' : ''}${perThousand.toFixed(2)} MB per 1,000 runs`);
  const marks: string[] = [];
  let next = 0;
  for (const p of points) {
    if (p.done >= next) {
      marks.push(`${p.done}: ${MB(p.rss)}`);
      next = Math.floor(p.done / (memoryRuns / 10) + 1) * (memoryRuns / 10);
    }
  }
  console.log(`  rss MB by runs done: ${marks.join(', ')}`);
  PHASES.forEach((name, k) => {
    const ps = points.filter((p) => p.phase === k);
    if (k > 0 && ps.length) console.log(`  ${name}: ~${ps.length} s, rss MB ${ps.map((p) => MB(p.rss)).join(', ')}`);
  });
  console.log();
}

console.log(`clusterlab bench: batches — Node ${process.version}, ${os.availableParallelism()} cores available (${os.cpus()[0]?.model ?? 'cpu'})`);
console.log('building dist/ (scripts/build.ts) …');
execFileSync(process.execPath, [createRequire(import.meta.url).resolve('tsx/cli'), join(root, 'scripts', 'build.ts')], { stdio: 'inherit' });
const tmp = mkdtempSync(join(os.tmpdir(), 'clusterlab-bench-batch-'));
try {
  if (runs > 0 && pairs > 0) await scaling(tmp);
  if (memoryRuns > 0) await memory(tmp);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
