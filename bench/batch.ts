// `npm run bench:batch` (also part of `npm run bench`): batches as a user runs them, whole
// processes of the built CLI (docs/PERFORMANCE.md, "Batches"). Builds dist/ first.
//   Scaling   `clusterlab batch default --seeds N --workers W` (N = 200) for W = 1 and 2, five
//             pairs, the order alternating (1,2 then 2,1 …); the median wall time of each and
//             their ratio (goal: 2 workers ≥ 1.85 × one). Per process also its CPU time and
//             what other processes took meanwhile (on a 2-core machine they distort the ratio).
//             The summary files of the two must be byte-identical; the bench says so.
// The memory of long batches is bench/memory.ts's (`npm run bench:memory`).
// Usage: tsx bench/batch.ts [--runs N] [--pairs K]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

console.log(`clusterlab bench: batches — Node ${process.version}, ${os.availableParallelism()} cores available (${os.cpus()[0]?.model ?? 'cpu'})`);
console.log('building dist/ (scripts/build.ts) …');
execFileSync(process.execPath, [createRequire(import.meta.url).resolve('tsx/cli'), join(root, 'scripts', 'build.ts')], { stdio: 'inherit' });
const tmp = mkdtempSync(join(os.tmpdir(), 'clusterlab-bench-batch-'));
try {
  if (runs > 0 && pairs > 0) await scaling(tmp);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
