// `npm run bench:memory` (also part of `npm run bench`): the memory of long batches, the
// summaries included (docs/RELIABILITY.md, "Memory over long batches"). Builds dist/ first, then
// runs the built CLI as a fresh process per size:
//   clusterlab batch default --ticks 40 --seeds N --out <tmp> --quiet
// watched from outside (bench/process.ts: VmRSS, the main thread and the worker threads together,
// every 200 ms), split into two phases: while the runs go, and from the moment the summaries start
// (series.parquet's temporary file appears; then runs.csv, ensemble.csv, report.html). Printed
// per size: the peak of each phase and their durations. Flat means neither peak grows with N.
// Usage: tsx bench/memory.ts [--runs 1000,10000,100000] [--command batch|compare|sweep]
//   (default: batch at 1k, 10k and 100k runs; about 8 minutes and 5 GB of temporary disk on 2 cores)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { watchProcess } from './process.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = join(root, 'bin', 'clusterlab.mjs');

function option(name: string, fallback: string): string {
  const k = process.argv.indexOf(name);
  return k >= 0 ? process.argv[k + 1] : fallback;
}
const sizes = option('--runs', '1000,10000,100000').split(',').map(Number);
const command = option('--command', 'batch');
if (sizes.some((n) => !Number.isInteger(n) || n < 2) || !['batch', 'compare', 'sweep'].includes(command)) {
  console.error('bench/memory.ts: --runs expects integers ≥ 2, comma-separated; --command batch, compare or sweep');
  process.exit(2);
}

/** The command line for N runs: batch of N seeds; compare of two variants × N/2; sweep of N/2 points × 2 seeds. */
function argsFor(n: number, out: string): string[] {
  const common = ['default', '--ticks', '40', '--out', out, '--quiet'];
  const half = String(Math.floor(n / 2));
  if (command === 'compare') return [bin, 'compare', ...common, '--variants', 'base,placebo', '--seeds', half];
  if (command === 'sweep') return [bin, 'sweep', ...common, '--param', 'mechanisms.spinoffs.rate=0.01:0.05', '--samples', half, '--method', 'lhs', '--seeds', '2'];
  return [bin, 'batch', ...common, '--seeds', String(n)];
}

async function measure(n: number) {
  const out = mkdtempSync(join(tmpdir(), 'clusterlab-memory-'));
  try {
    // The summaries' first file (finalize.ts starts series.parquet first); the folder holds few entries.
    let summariesFrom = Infinity;
    const r = await watchProcess(argsFor(n, out), 200, (s) => {
      if (summariesFrom === Infinity && readdirSync(out).some((f) => f.startsWith('series.parquet'))) summariesFrom = s.t;
    });
    if (r.code !== 0) throw new Error(`${command} of ${n} runs exited with ${r.code}: ${r.stderr}`);
    const peak = (from: number, to: number) => Math.max(0, ...r.samples.filter((s) => s.t >= from && s.t < to).map((s) => s.rss)) / 2 ** 20;
    const cut = Math.min(summariesFrom, r.seconds);
    return { runs: n, runsPeak: peak(0, cut), summaryPeak: peak(cut, Infinity), runSeconds: cut, summarySeconds: r.seconds - cut };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

execFileSync(process.execPath, [createRequire(import.meta.url).resolve('tsx/cli'), join(root, 'scripts', 'build.ts')], { cwd: root, stdio: 'ignore' });
console.log(`memory of \`clusterlab ${command} default --ticks 40\` (resident set, MB; main and worker threads)`);
console.log('runs      runs phase peak   summaries peak   runs s   summaries s');
for (const n of sizes) {
  const m = await measure(n);
  console.log(
    `${String(m.runs).padEnd(9)} ${m.runsPeak.toFixed(0).padStart(16)} ${m.summaryPeak.toFixed(0).padStart(16)} ${m.runSeconds.toFixed(0).padStart(8)} ${m.summarySeconds.toFixed(1).padStart(13)}`,
  );
}
