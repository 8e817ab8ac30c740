// The reference kernel of core-cluster (../shared/bench/core_kernel.ts, CORE_MODEL.md): the same
// rules hand-written on typed arrays, run as a child process in the same benchmark invocation as
// the engine, so that the engine is always compared with the kernel on this machine, in these
// minutes — never with a rate measured elsewhere.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const KERNEL = fileURLToPath(new URL('../../shared/bench/core_kernel.ts', import.meta.url));

export interface KernelRun {
  /** In-loop firm-ticks per second, as the kernel measures itself. */
  rate: number;
  finalFirms: number;
}

/** Runs the kernel once (N0 firms, T ticks, seed); null when it is not beside the repository. */
export function runKernel(n0: number, ticks: number, seed: number): KernelRun | null {
  if (!existsSync(KERNEL)) return null;
  return spawnKernel(KERNEL, n0, ticks, seed);
}

function spawnKernel(file: string, n0: number, ticks: number, seed: number): KernelRun {
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, String(n0), String(ticks), String(seed)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${file} exited ${r.status}: ${r.stderr}`);
  const line = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { firmTicksPerSec: number; finalFirms: number };
  return { rate: line.firmTicksPerSec, finalFirms: line.finalFirms };
}

/**
 * What the kernel's own arithmetic would cost with the engine's: the kernel's source with
 * `Math.exp`, `Math.tanh`, `Math.log` replaced by the engine's deterministic functions (math.ts),
 * and, with `streams`, its sfc32 draws replaced by the engine's xor4096 stream (rng.ts). The same
 * single fused pass, so the ratio to the kernel bounds what any engine keeping the engine's
 * bit-identical arithmetic can reach on these rules. Null when the kernel is not beside the
 * repository; throws when its text no longer has the expected calls.
 */
export function runKernelWithEngineMath(n0: number, ticks: number, seed: number, streams: boolean): KernelRun | null {
  if (!existsSync(KERNEL)) return null;
  const math = pathToFileURL(fileURLToPath(new URL('../src/engine/math.ts', import.meta.url))).href;
  const rng = pathToFileURL(fileURLToPath(new URL('../src/engine/rng.ts', import.meta.url))).href;
  const swaps: [RegExp, string][] = [
    [/Math\.exp\(/g, 'engineExp('],
    [/Math\.tanh\(/g, 'engineTanh('],
    [/Math\.log\(/g, 'engineLog('],
  ];
  if (streams) {
    swaps.push([
      /function unif\(\): number \{[^\n]*\}/g,
      'const engineStream = new EngineStream(String(SEED), "kernel");\nfunction unif(): number { return engineStream.uniform(); }',
    ]);
  }
  let source = readFileSync(KERNEL, 'utf8');
  for (const [pattern, replacement] of swaps) {
    if (!pattern.test(source)) throw new Error(`core_kernel.ts no longer matches ${pattern}: update bench/kernel.ts`);
    source = source.replace(pattern, replacement);
  }
  source =
    `import { exp as engineExp, log as engineLog, tanh as engineTanh } from ${JSON.stringify(math)};\n` +
    (streams ? `import { Stream as EngineStream } from ${JSON.stringify(rng)};\n` : '') +
    source;
  // Inside the repository: tsx compiles it under the project's tsconfig, as it does the engine (from
  // a folder without one, the same file ran ~20 % slower).
  const dir = mkdtempSync(fileURLToPath(new URL('./.kernel-', import.meta.url)));
  try {
    const file = join(dir, 'core_kernel_engine_math.ts');
    writeFileSync(file, source);
    return spawnKernel(file, n0, ticks, seed);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
