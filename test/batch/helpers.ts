// Shared by the batch tests: the CLI in-process, output folders, and pools with injected faults.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BatchDeps } from '../../src/cli/batch.ts';
import { bufferIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { nodeSpawner } from '../../src/workers/node.ts';
import { FAULTY_WORKER, type FaultPlan } from '../workers/fixtures/faults.ts';

export async function cli(argv: string[], deps: BatchDeps = {}) {
  const io = bufferIo();
  const code = await main(argv, io, deps);
  return { code, out: io.out, err: io.err };
}

/** The summary files of a finished folder, by name (absent files are left out). */
export const SUMMARY_FILES = [
  'runs.csv', 'ensemble.csv', 'compare.csv', 'sweep.csv', 'sensitivity.csv', 'series.parquet', 'firms.parquet', 'events.parquet', 'ties.parquet',
  'failures.csv', 'manifest.json',
];

/** The summary files by name: text as text, Parquet as base64 (so byte-identity is what is compared). */
export function summaryFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of SUMMARY_FILES) {
    if (existsSync(join(dir, name))) out[name] = readFileSync(join(dir, name), name.endsWith('.parquet') ? 'base64' : 'utf8');
  }
  return out;
}

/** Every file of a folder's runs/ (name → bytes as hex is too big; compare as Buffers). */
export function runFiles(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(join(dir, 'runs')).sort()) files.set(name, readFileSync(join(dir, 'runs', name)));
  return files;
}

export function readCsv(dir: string, name: string): { header: string[]; rows: string[][] } {
  const [head, ...lines] = readFileSync(join(dir, name), 'utf8').trimEnd().split('\n');
  return { header: head.split(','), rows: lines.map((l) => l.split(',')) };
}

/** A pool of `size` worker threads that inject the faults of `plan` (test/workers/fixtures). */
export function faultyPool(plan: FaultPlan, size = 1): BatchDeps['pool'] {
  return () => ({ size, spawn: nodeSpawner(FAULTY_WORKER, { workerData: plan }) });
}
