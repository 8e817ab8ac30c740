// Shared by the tests of examples/: the real executable in subprocesses, a small batch, and
// byte-for-byte comparison of output files.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const binPath = join(repoRoot, 'bin', 'clusterlab.mjs');

/** The batch every example test runs: 6 seeds of `default`, 40 ticks (a few seconds in all). */
export const SMALL = { scenario: 'default', seeds: 6, args: ['--ticks', '40'] } as const;

/** Files of a finished batch that must be identical whether it ran sharded or not. */
export const SAME_FILES = ['runs.csv', 'ensemble.csv', 'series.parquet'] as const;

export interface Result {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** Runs a program without a shell; resolves (never rejects) with its exit status and output. */
export function exec(file: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      file,
      [...args],
      { env: options.env ?? process.env, cwd: options.cwd ?? repoRoot, timeout: options.timeoutMs ?? 120_000, maxBuffer: 64 * 2 ** 20, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const e = error as (NodeJS.ErrnoException & { code?: number | string; signal?: string | null }) | null;
        const code = e === null ? 0 : typeof e.code === 'number' ? e.code : null;
        resolve({ code, signal: e?.signal ?? null, stdout, stderr: e !== null && typeof e.code === 'string' ? `${stderr}${e.message}\n` : stderr });
      },
    );
  });
}

/** A description of a finished subprocess for assertion messages. */
export function describeResult(what: string, r: Result): string {
  return `${what}: exit ${r.code}${r.signal ? ` (signal ${r.signal})` : ''}\n--- stdout\n${r.stdout.slice(-4000)}\n--- stderr\n${r.stderr.slice(-4000)}`;
}

/** A scratch directory, removed by `remove()`. */
export function scratch(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `clusterlab-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Writes an executable `clusterlab` shell wrapper into `dir` that runs `bin` with this node, and
 * returns its path: the examples take the command as one word-split string, and neither the
 * node binary's path nor the repository's may contain spaces then; the scratch path has none.
 */
export function clusterlabWrapper(dir: string, bin: string = binPath): string {
  const file = join(dir, 'clusterlab');
  const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  writeFileSync(file, `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(bin)} "$@"\n`);
  chmodSync(file, 0o755);
  return file;
}

/** The unsharded reference: `clusterlab batch` of SMALL, straight into `out`. */
export async function directBatch(out: string): Promise<void> {
  const r = await exec(process.execPath, [binPath, 'batch', SMALL.scenario, '--seeds', String(SMALL.seeds), ...SMALL.args, '--out', out, '--quiet']);
  expect(r.code, describeResult('clusterlab batch (unsharded)', r)).toBe(0);
}

/** Asserts that each of `names` exists in both directories with identical bytes. */
export function expectSameFiles(actualDir: string, expectedDir: string, names: readonly string[] = SAME_FILES): void {
  for (const name of names) {
    const a = join(actualDir, name);
    const b = join(expectedDir, name);
    expect(existsSync(a), `${a} exists`).toBe(true);
    expect(existsSync(b), `${b} exists`).toBe(true);
    if (name.endsWith('.parquet')) {
      expect(readFileSync(a).equals(readFileSync(b)), `${name} differs from the unsharded batch's`).toBe(true);
      continue;
    }
    const x = readFileSync(a, 'utf8');
    const y = readFileSync(b, 'utf8');
    if (x !== y) {
      const xs = x.split('\n');
      const ys = y.split('\n');
      const line = xs.findIndex((l, k) => l !== ys[k]);
      expect.fail(`${name} differs from the unsharded batch's (${xs.length} vs ${ys.length} lines); first difference at line ${line + 1}:\n  merged:    ${xs[line]}\n  unsharded: ${ys[line]}`);
    }
  }
  // Not vacuous: one row per seed for the whole system (`all`), and one per seed and region.
  const lines = readFileSync(join(actualDir, 'runs.csv'), 'utf8').trimEnd().split('\n');
  expect(lines.filter((l) => l.split(',')[2] === 'all')).toHaveLength(SMALL.seeds);
}
