// `npm run bench:startup` (also the last part of `npm run bench`): what starting clusterlab costs
// (docs/PERFORMANCE.md, "Start-up"). Builds dist/ first (scripts/build.ts), then times, as the
// median of N wall times of fresh processes (spawnSync, this machine's node):
//   node -e 0                                   bare Node, the floor
//   clusterlab --version | list | run default --ticks 1
//                                               built (bin/clusterlab.mjs → dist/) and from the
//                                               sources (CLUSTERLAB_FROM_SOURCE=1: tsx, as before)
//   worker ready                                a worker thread spawned through nodeSpawner (the
//                                               pool's code path) until its first job (default,
//                                               1 tick) has come back: dist/node-worker.mjs
//                                               against src/workers/node-worker.mjs (tsx)
// Goals: --version within 0.15 s of bare node; a built worker ready within 100 ms. Each process
// also reports its CPU time (in parentheses), which other load on the machine hardly changes.
// Usage: tsx bench/startup.ts [--repeat N]   (default 9; about a minute)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../src/scenarios/load.ts';
import { nodeSpawner } from '../src/workers/node.ts';
import type { Job } from '../src/workers/protocol.ts';
import { cpuNow, othersSince } from './cpu.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = join(root, 'bin', 'clusterlab.mjs');
const VERSION_GOAL_S = 0.15;
const WORKER_GOAL_MS = 100;

const k = process.argv.indexOf('--repeat');
const repeat = k >= 0 ? Number(process.argv[k + 1]) : 9;
if (!Number.isInteger(repeat) || repeat < 1) {
  console.error(`bench/startup.ts: --repeat expects a positive integer, got ${process.argv[k + 1]}`);
  process.exit(2);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

// Preloaded into each timed process: at exit, its CPU time (user + system, all threads, µs) on
// stderr. CPU time hardly changes when other processes compete for the cores; wall time does.
const CPU_PROBE = `--import=data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\ncpu-us '+(u.user+u.system))})`;

/** Medians of wall and CPU time (s) of `node args…` in a fresh process. */
function timeProcess(args: string[], env: NodeJS.ProcessEnv, cwd: string): { wall: number; cpu: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [CPU_PROBE, ...args], { env, cwd, encoding: 'utf8' });
    wall.push((performance.now() - t0) / 1000);
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
    cpu.push(Number(/cpu-us (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1e6);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const fmt = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(3)} (${t.cpu.toFixed(3)})`;

/** Median ms from spawning a worker on `script` to the result of its first (1-tick) job. */
async function workerReady(script: URL, job: Job): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    const handle = nodeSpawner(script)();
    await handle.run(job);
    times.push(performance.now() - t0);
    await handle.terminate();
  }
  return median(times);
}

console.log('building dist/ (scripts/build.ts) …');
execFileSync(process.execPath, [createRequire(import.meta.url).resolve('tsx/cli'), join(root, 'scripts', 'build.ts')], { stdio: 'inherit' });

const work = mkdtempSync(join(tmpdir(), 'clusterlab-startup-'));
const start = cpuNow();
try {
  const built = { ...process.env, CLUSTERLAB_FROM_SOURCE: '' };
  const source = { ...process.env, CLUSTERLAB_FROM_SOURCE: '1' };
  const bare = timeProcess(['-e', '0'], process.env, work);
  console.log(`\nmedian of ${repeat} fresh processes: wall s (CPU s)   built            sources (tsx)`);
  console.log(`node -e 0                                    ${fmt(bare)}`);
  const rows: [string, string[]][] = [
    ['clusterlab --version', ['--version']],
    ['clusterlab list', ['list']],
    ['clusterlab run default --ticks 1', ['run', 'default', '--ticks', '1', '--out', join(work, 'run')]],
  ];
  let versionBuilt = bare;
  for (const [label, argv] of rows) {
    const b = timeProcess([bin, ...argv], built, work);
    const s = timeProcess([bin, ...argv], source, work);
    if (argv[0] === '--version') versionBuilt = b;
    console.log(`${label.padEnd(45)}${fmt(b)}    ${fmt(s)}`);
  }

  const job: Job = { index: 0, variant: null, point: null, seed: 1, ticks: 1, scenario: loadScenario('default').scenario, metrics: null };
  const builtWorker = await workerReady(new URL('dist/node-worker.mjs', `file://${root}`), job);
  const sourceWorker = await workerReady(new URL('src/workers/node-worker.mjs', `file://${root}`), job);
  console.log(`worker ready (spawn → first job back), wall ms  ${builtWorker.toFixed(0).padStart(5)}            ${sourceWorker.toFixed(0).padStart(5)}`);

  const over = versionBuilt.wall - bare.wall;
  console.log(`\n--version over bare node: ${over.toFixed(3)} s wall, ${(versionBuilt.cpu - bare.cpu).toFixed(3)} s CPU (goal ≤ ${VERSION_GOAL_S} s): ${over <= VERSION_GOAL_S ? 'met' : 'NOT met'}`);
  console.log(`built worker ready: ${builtWorker.toFixed(0)} ms (goal ≤ ${WORKER_GOAL_MS} ms): ${builtWorker <= WORKER_GOAL_MS ? 'met' : 'NOT met'}`);
  console.log(`others took ${(othersSince(start) * 100).toFixed(0)} % of the machine's CPU meanwhile (trust figures taken near 0 %)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
