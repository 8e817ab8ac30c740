// `npm run bench:memory` (also part of `npm run bench`): the memory of a long batch, the
// summaries included (docs/RELIABILITY.md, "Memory over long batches"). Runs the built CLI
// (bin/clusterlab.mjs → dist/, built first) as a fresh process per size:
//   clusterlab batch default --ticks 40 --seeds N --out <tmp> --quiet
// and samples the process's resident memory (VmRSS of /proc/<pid>/status: the main thread and the
// worker threads together) every 200 ms, split into two phases: while the runs go, and from the
// moment the summaries start (series.parquet's temporary file appears; then runs.csv,
// ensemble.csv, report.html). Flat means the peak of either phase does not grow with N.
// Usage: tsx bench/memory.ts [--runs 1000,10000,100000] [--command batch|compare|sweep]
//   (default: batch at 1k, 10k and 100k runs; about 8 minutes and 5 GB of temporary disk on 2 cores)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  if (command === 'compare') return ['compare', ...common, '--variants', 'base,placebo', '--seeds', String(n / 2)];
  if (command === 'sweep') return ['sweep', ...common, '--param', 'mechanisms.spinoffs.rate=0.01:0.05', '--samples', String(n / 2), '--method', 'lhs', '--seeds', '2'];
  return ['batch', ...common, '--seeds', String(n)];
}

function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

interface Measure {
  runs: number;
  runsPeak: number;
  summaryPeak: number;
  runSeconds: number;
  summarySeconds: number;
}

async function measure(n: number): Promise<Measure> {
  const out = mkdtempSync(join(tmpdir(), 'clusterlab-memory-'));
  try {
    const child = spawn(process.execPath, [bin, ...argsFor(n, out)], { stdio: ['ignore', 'ignore', 'inherit'] });
    const start = performance.now();
    let runsDone: number | null = null;
    let runsPeak = 0;
    let summaryPeak = 0;
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let done = false;
    void exited.then(() => (done = true));
    while (!done) {
      const rss = rssMb(child.pid!);
      if (rss !== null) {
        if (runsDone === null) runsPeak = Math.max(runsPeak, rss);
        else summaryPeak = Math.max(summaryPeak, rss);
      }
      // The summaries' first file (finalize.ts starts series.parquet first); the folder holds few entries.
      if (runsDone === null && readdirSync(out).some((f) => f.startsWith('series.parquet'))) runsDone = performance.now();
      await new Promise((r) => setTimeout(r, 200));
    }
    const code = await exited;
    if (code !== 0) throw new Error(`${command} of ${n} runs exited with ${code}`);
    const end = performance.now();
    runsDone ??= end;
    return { runs: n, runsPeak, summaryPeak, runSeconds: (runsDone - start) / 1000, summarySeconds: (end - runsDone) / 1000 };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build.ts')], { cwd: root, stdio: 'ignore' });
console.log(`memory of \`clusterlab ${command} default --ticks 40\` (resident set, MB; main and worker threads)`);
console.log('runs      runs phase peak   summaries peak   runs s   summaries s');
for (const n of sizes) {
  const m = await measure(n);
  console.log(
    `${String(m.runs).padEnd(9)} ${m.runsPeak.toFixed(0).padStart(16)} ${m.summaryPeak.toFixed(0).padStart(16)} ${m.runSeconds.toFixed(0).padStart(8)} ${m.summarySeconds.toFixed(1).padStart(13)}`,
  );
}
