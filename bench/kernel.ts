// The reference kernel of core-cluster (../shared/bench/core_kernel.ts, CORE_MODEL.md): the same
// rules hand-written on typed arrays, run as a child process in the same benchmark invocation as
// the engine, so that the engine is always compared with the kernel on this machine, in these
// minutes — never with a rate measured elsewhere.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const KERNEL = fileURLToPath(new URL('../../shared/bench/core_kernel.ts', import.meta.url));

export interface KernelRun {
  /** In-loop firm-ticks per second, as the kernel measures itself. */
  rate: number;
  finalFirms: number;
}

/** Runs the kernel once (N0 firms, T ticks, seed); null when it is not beside the repository. */
export function runKernel(n0: number, ticks: number, seed: number): KernelRun | null {
  if (!existsSync(KERNEL)) return null;
  const r = spawnSync(process.execPath, ['--import', 'tsx', KERNEL, String(n0), String(ticks), String(seed)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`core_kernel.ts exited ${r.status}: ${r.stderr}`);
  const line = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { firmTicksPerSec: number; finalFirms: number };
  return { rate: line.firmTicksPerSec, finalFirms: line.finalFirms };
}
