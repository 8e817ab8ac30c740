// `clusterlab batch`: variants × seeds on the worker pool → runs.csv, ensemble.csv, manifest.json
// (and failures.csv). Also the driver the other batch commands (compare, sweep) share: workers,
// signals (SIGINT/SIGTERM cancel the pool and print how to resume, exit 130), progress, exit codes
// (0 all runs ok, 1 invalid input, 2 usage, 4 some runs failed).
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { performance } from 'node:perf_hooks';
import { BatchError } from '../batch/errors.ts';
import { variantNames, type SeedRange, type Shard } from '../batch/jobs.ts';
import { parseKeep, type KeepTable } from '../batch/keep.ts';
import { variantPlan, type Plan } from '../batch/plan.ts';
import { executeBatch, type ExecuteResult, type PoolSetup } from '../batch/run.ts';
import { pathSafe } from '../io/write.ts';
import { estimateSeconds, memoryProblem, timeNote } from '../scenarios/resources.ts';
import { loadScenario } from '../scenarios/load.ts';
import { defaultWorkers, inProcessSpawner, nodeSpawner } from '../workers/node.ts';
import { reusable } from '../workers/reuse.ts';
import type { CliIo } from './io.ts';
import { variantWarning } from './validate.ts';
import { createProgress } from './progress.ts';
import { batchReport } from './report.ts';

export const BATCH_EXIT = { ok: 0, invalidInput: 1, usage: 2, runsFailed: 4, interrupted: 130 } as const;

/** What the batch commands need from outside the command line (tests substitute them). */
export interface BatchDeps {
  /** The pool for `--workers W`; default: W worker threads, or the calling thread for W = 0. */
  pool?: (workers: number) => PoolSetup;
  /** Cancel on SIGINT/SIGTERM (default: when writing to the process's own streams). */
  signals?: boolean;
  /** Redraw the progress line in place (default: stderr is a terminal). */
  tty?: boolean;
  /** The command line as typed (without `clusterlab`), for the resume hint. */
  argv?: readonly string[];
}

/** Options every batch command shares. */
export interface CommonOptions {
  seedStart?: number;
  ticks?: number;
  workers?: number;
  out?: string;
  resume?: boolean;
  shard?: Shard;
  metrics?: string[];
  /** `--keep` as typed: table names, comma-separated (checked by parseKeep). */
  keep?: string;
  quiet?: boolean;
  /** Start even when the runs are estimated not to fit in memory. */
  force?: boolean;
  /** false with `--no-report`: no report.html at the end (written by default for a finished, unsharded batch). */
  report?: boolean;
  json?: boolean;
}

export interface BatchOptions extends CommonOptions {
  seeds: number;
  variants?: string;
}

/** W worker threads (default: the available cores); 0: run the jobs on the calling thread. */
export function defaultPool(workers: number): PoolSetup {
  return workers === 0 ? { size: 1, spawn: inProcessSpawner() } : { size: workers, spawn: nodeSpawner() };
}

/**
 * Runs `body` with the command's worker threads already starting: each loads the engine (~0.1 s)
 * while this thread reads the scenario and plans the jobs, instead of after. The pool `body`
 * gets through its deps hands out those workers first; any it did not take end with `body`.
 */
export async function withEarlyWorkers<T>(options: CommonOptions, deps: BatchDeps, body: (deps: BatchDeps) => Promise<T>): Promise<T> {
  const workers = options.workers ?? defaultWorkers();
  if (!Number.isInteger(workers) || workers < 1) return body(deps);
  const setup = (deps.pool ?? defaultPool)(workers);
  const early = reusable(setup.spawn);
  // Handles let go of are parked (reuse.ts): started, waiting for the pool. All are taken
  // before any is let go of, or the second would be the first one again.
  const handles = Array.from({ length: setup.size }, () => early.spawn());
  for (const handle of handles) void handle.terminate();
  try {
    return await body({ ...deps, pool: () => ({ ...setup, spawn: early.spawn }) });
  } finally {
    await early.close();
  }
}

/** out/<scenario>-<command>[-shard<k>of<N>], relative to the working directory. */
export function defaultBatchDir(name: string, command: string, shard: Shard | undefined): string {
  const suffix = shard ? `-shard${shard.k}of${shard.n}` : '';
  return join('out', `${pathSafe(name)}-${command}${suffix}`);
}

/** A word as a POSIX shell would need it. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

export function resumeHint(argv: readonly string[] | undefined, out: string, command: string): string {
  if (!argv) return `  add --resume (and --out ${shellWord(out)}) to the same ${command} command to finish it`;
  const words = argv.includes('--resume') ? [...argv] : [...argv, '--resume'];
  if (!argv.some((w) => w === '--out' || w.startsWith('--out='))) words.push('--out', out);
  return `  clusterlab ${words.map(shellWord).join(' ')}`;
}

/** The tables `--keep` names (exit 1 with the known tables for an unknown one). */
export function keepOption(options: { keep?: string }): KeepTable[] | undefined {
  return options.keep === undefined ? undefined : parseKeep(options.keep);
}

export function seedRange(options: { seeds: number; seedStart?: number }): SeedRange {
  return { start: options.seedStart ?? 1, count: options.seeds };
}

export interface Executed {
  result: ExecuteResult;
  out: string;
  seconds: number;
  /** The exit code so far: 0, 4 (failures) or 130 (interrupted). */
  code: number;
  /** Path of report.html when one was written. */
  report?: string;
}

/** Runs a plan with the command's options: workers, signals, progress, messages on stderr. */
export async function runPlan(command: string, plan: Plan, out: string, options: CommonOptions, io: CliIo, deps: BatchDeps): Promise<Executed> {
  const workers = options.workers ?? defaultWorkers();
  // Jobs share their unit's scenario object: each unit is estimated once.
  const units = [...new Map(plan.jobs.map((job) => [job.scenario, job.ticks] as const))];
  if (!options.force) {
    // Each worker holds one run: the largest unit's estimate, as many times as runs go at once.
    const atOnce = Math.max(1, Math.min(workers, plan.jobs.length));
    const problems = units.map(([scenario, ticks]) => memoryProblem(scenario, ticks, atOnce)).filter((p) => p !== null);
    if (problems.length) throw new BatchError(`${command}: ${plan.manifest.scenario.file}: ${problems[0]}`);
  }
  if (!options.quiet && !options.json) {
    const broken = variantWarning(plan.manifest.scenario.file);
    if (broken) io.stderr(broken);
  }
  if (!options.quiet && units.length > 0) {
    // The longest unit stands for all.
    // (A sweep may have more units than Math.max takes arguments.)
    const seconds = units.map(([scenario, ticks]) => estimateSeconds(scenario, ticks));
    const [scenario, ticks] = units[seconds.reduce((best, s, k) => (s > seconds[best] ? k : best), 0)];
    const long = timeNote(scenario, ticks, plan.jobs.length, workers || 1);
    if (long) io.stderr(`${command}: ${long}\n`);
  }
  const pool = (deps.pool ?? defaultPool)(workers);
  const progress = createProgress({ label: command, write: io.stderr, tty: deps.tty ?? false, quiet: options.quiet });
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  const signals = deps.signals ?? false;
  if (signals) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  const start = performance.now();
  // The handlers stay until the report is written: the default action would stop the process
  // without a word (and, during the summaries, they let the summaries stop between files).
  try {
    let result: ExecuteResult;
    try {
      result = await executeBatch({ out, plan, resume: options.resume ?? false, pool, signal: abort.signal, progress });
    } finally {
      progress.finish();
    }
    const seconds = (performance.now() - start) / 1000;
    const interrupted = (): Executed => {
      io.stderr(
        `${command}: interrupted; ${result.completed} of ${result.total} runs are saved in ${out}. To finish the batch:\n` +
          `${resumeHint(deps.argv, out, command)}\n`,
      );
      return { result, out, seconds, code: BATCH_EXIT.interrupted };
    };
    if (result.interrupted) return interrupted();
    if (result.failed > 0) {
      const where = result.finalized ? join(out, 'failures.csv') : join(out, 'runs', '<index>.failed.json');
      io.stderr(`${command}: ${result.failed} of ${result.total} runs failed (after a retry); see ${where}. --resume retries them.\n`);
    }
    const executed: Executed = { result, out, seconds, code: result.failed > 0 ? BATCH_EXIT.runsFailed : BATCH_EXIT.ok };
    // The report of a finished, unsharded batch (shards get theirs from `merge`).
    if (result.finalized && result.completed > 0 && options.report !== false) {
      const report = await batchReport(out, io);
      if (report) {
        executed.report = report;
        result.finalized.files.push(report);
      }
    }
    return abort.signal.aborted ? interrupted() : executed;
  } finally {
    if (signals) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
}

/** Basenames of the files written, for the terminal. */
export function fileList(executed: Executed): string {
  const files = executed.result.finalized?.files ?? [join(executed.out, 'manifest.json')];
  return files.map((f) => f.slice(f.lastIndexOf('/') + 1)).join(', ');
}

/** The lines every batch command prints at the end (text mode). */
export function summaryLines(command: string, plan: Plan, executed: Executed, what: string): string[] {
  const { result, out, seconds } = executed;
  const ran = result.completed + result.failed - result.previously;
  const rate = seconds > 0 ? ran / seconds : 0;
  const resumed = result.previously > 0 ? `, ${result.previously} already on disk` : '';
  const shard = plan.manifest.shard;
  const lines = [
    `${plan.manifest.scenario.name}: ${what}, ${plan.manifest.ticks} ticks${shard ? `; shard ${shard.k}/${shard.n}: ${result.total} of ${plan.manifest.jobs} runs` : ''}`,
    `  runs        ${result.completed} done, ${result.failed} failed${resumed}`,
    `  wall time   ${seconds.toFixed(2)} s (${rate.toFixed(1)} runs/s)`,
    `  outputs     ${out} (${fileList(executed)})`,
  ];
  if (executed.report) lines.push(`  report      ${executed.report}`);
  if (shard && !result.interrupted) lines.push(`  next        when every shard is done: clusterlab merge <the ${shard.n} shard folders> --out <folder>`);
  return lines;
}

/** JSON printed by --json (batch, sweep): what ran and where the files are. */
export function summaryJson(plan: Plan, executed: Executed): string {
  const { result, out } = executed;
  return JSON.stringify(
    {
      command: plan.manifest.command,
      scenario: plan.manifest.scenario.name,
      out,
      jobs: plan.manifest.jobs,
      shard: plan.manifest.shard,
      total: result.total,
      completed: result.completed,
      failed: result.failed,
      files: result.finalized?.files ?? [join(out, 'manifest.json')],
    },
    null,
    2,
  ) + '\n';
}

/** Turns the batch layer's user errors into exit code 1. */
export async function withBatchErrors(io: CliIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof BatchError) {
      io.stderr(`error: ${err.message}\n`);
      return BATCH_EXIT.invalidInput;
    }
    // An option value found wrong only once the scenario is known (e.g. a --variants list).
    if (err instanceof InvalidArgumentError) {
      io.stderr(`error: ${err.message}\n`);
      return BATCH_EXIT.usage;
    }
    throw err;
  }
}

export function batchCommand(ref: string, options: BatchOptions, io: CliIo, deps: BatchDeps = {}): Promise<number> {
  return withBatchErrors(io, () => withEarlyWorkers(options, deps, async (deps) => {
    const base = loadScenario(ref);
    const names = variantNames(options.variants, base.variants);
    const plan = variantPlan('batch', {
      ref, seeds: seedRange(options), ticks: options.ticks, metrics: options.metrics ?? null, shard: options.shard ?? null, variants: names,
      keep: keepOption(options),
    });
    const out = options.out ?? defaultBatchDir(base.name, 'batch', options.shard);
    const executed = await runPlan('batch', plan, out, options, io, deps);
    if (executed.code === BATCH_EXIT.interrupted) return executed.code;
    const what = `${plan.manifest.jobs} runs (${names.join(', ')} × ${options.seeds} seeds)`;
    io.stdout(options.json ? summaryJson(plan, executed) : summaryLines('batch', plan, executed, what).join('\n') + '\n');
    return executed.code;
  }));
}
