// `npm run bench:calibrate` (also part of `npm run bench`): calibrations on the worker pool
// (docs/PERFORMANCE.md, "Calibration").
//   1. Throughput: `clusterlab calibrate` (ABC-SMC) of `default` on a 40-tick horizon against a
//      plain batch of as many runs of the same scenario, both on 2 worker threads: runs/s of
//      each, and the calibration's overhead (the sampler, per-point scenario validation, the
//      simulation log, rounds that wait for their slowest run).
//   2. The bundled calibrations at the settings docs/CALIBRATION.md documents, wall time each
//      (the target: the Silicon Saxony calibration under 10 minutes on a 2-core laptop).
//   Each line says how much CPU other processes took meanwhile ("others"): trust figures taken
//   at 0 %.
// Usage: tsx bench/calibrate.ts [--quick]   (--quick: part 1 only)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { variantPlan } from '../src/batch/plan.ts';
import { executeBatch } from '../src/batch/run.ts';
import { calibrateCommand, type CalibrateOptions } from '../src/cli/calibrate.ts';
import { bufferIo } from '../src/cli/io.ts';
import { parsePrior } from '../src/calibrate/priors.ts';
import { findBundled } from '../src/scenarios/bundled.ts';
import { nodeSpawner } from '../src/workers/node.ts';
import { cpuNow, othersSince } from './cpu.ts';

const WORKERS = 2;

/** The bundled calibrations as docs/CALIBRATION.md runs them. */
export const BUNDLED_CALIBRATIONS: { scenario: string; targets: string; options: Partial<CalibrateOptions> }[] = [
  { scenario: 'silicon-saxony', targets: 'silicon-saxony', options: { particles: 100, seeds: 2, generations: 5 } },
  { scenario: 'its-owl', targets: 'its-owl', options: { particles: 80, seeds: 2, generations: 4 } },
  { scenario: 'changsha-machinery', targets: 'changsha', options: { particles: 60, seeds: 2, generations: 4 } },
  { scenario: 'yangtze-delta', targets: 'yangtze-delta', options: { ticks: 12, particles: 60, seeds: 2, generations: 4 } },
];

async function calibrate(scenario: string, targets: string, options: Partial<CalibrateOptions>): Promise<{ seconds: number; runs: number; others: number; out: string }> {
  const out = mkdtempSync(join(os.tmpdir(), 'clusterlab-bench-calibrate-'));
  const io = bufferIo();
  const cpu = cpuNow();
  const t0 = performance.now();
  const code = await calibrateCommand(scenario, { targets, workers: WORKERS, quiet: true, report: false, out, ...options } as CalibrateOptions, io);
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`calibrate ${scenario} exited ${code}: ${io.err}`);
  const runs = Number(/(\d+) simulated/.exec(io.out)?.[1] ?? NaN);
  return { seconds, runs, others: othersSince(cpu), out };
}

async function batch(scenario: string, runs: number, ticks: number): Promise<{ seconds: number; others: number }> {
  const out = mkdtempSync(join(os.tmpdir(), 'clusterlab-bench-batch-'));
  const plan = variantPlan('batch', { ref: scenario, seeds: { start: 1, count: runs }, ticks, metrics: null, shard: null, variants: ['base'] });
  const cpu = cpuNow();
  const t0 = performance.now();
  await executeBatch({ out, plan, resume: false, pool: { size: WORKERS, spawn: nodeSpawner() } });
  const seconds = (performance.now() - t0) / 1000;
  rmSync(out, { recursive: true, force: true });
  return { seconds, others: othersSince(cpu) };
}

const pct = (x: number) => `${(100 * x).toFixed(0)} %`;
console.log(`clusterlab bench: calibration — Node ${process.version}, ${os.availableParallelism()} cores available (${os.cpus()[0]?.model ?? 'cpu'}), ${WORKERS} workers`);

const TARGETS = join(mkdtempSync(join(os.tmpdir(), 'clusterlab-bench-targets-')), 'targets.yaml');
writeFileSync(TARGETS, 'targets:\n  - { metric: firms, year: 10, value: 60, sd: 6 }\n  - { metric: employment, year: 10, value: 1500, sd: 150 }\n');
const cal = await calibrate('default', TARGETS, {
  ticks: 40, particles: 40, seeds: 2, generations: 3,
  prior: [parsePrior('mechanisms.entry.rate=0.5:8:log'), parsePrior('mechanisms.growth.rate=0.1:1')],
});
rmSync(cal.out, { recursive: true, force: true });
const plain = await batch('default', cal.runs, 40);
const calRate = cal.runs / cal.seconds;
const batchRate = cal.runs / plain.seconds;
console.log(`  calibrate default (40 ticks, 40 particles × 2 seeds, 3 generations): ${cal.runs} runs in ${cal.seconds.toFixed(1)} s = ${calRate.toFixed(1)} runs/s (others ${pct(cal.others)})`);
console.log(`  batch of as many runs (40 ticks):                                    ${plain.seconds.toFixed(1)} s = ${batchRate.toFixed(1)} runs/s (others ${pct(plain.others)})`);
console.log(`  calibration overhead: ${pct(batchRate / calRate - 1)} (the batch stores full series; calibrate keeps only the targets' values)`);

if (!process.argv.includes('--quick')) {
  for (const c of BUNDLED_CALIBRATIONS) {
    if (!findBundled(c.scenario)) continue;
    const r = await calibrate(c.scenario, c.targets, c.options);
    rmSync(r.out, { recursive: true, force: true });
    const settings = Object.entries(c.options).map(([k, v]) => `--${k.replace(/[A-Z]/g, (x) => `-${x.toLowerCase()}`)} ${v}`).join(' ');
    console.log(`  bundled: calibrate ${c.scenario} --targets ${c.targets} ${settings}: ${r.runs} runs, ${(r.seconds / 60).toFixed(1)} min (others ${pct(r.others)})`);
  }
}
