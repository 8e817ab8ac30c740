// `clusterlab sweep`: the scenario over a design of parameter values (grid, Latin hypercube,
// Morris trajectories or Saltelli's design) × seeds → sweep.csv (one row per point and seed, the
// swept values as columns), with `--sensitivity morris` also sensitivity.csv (μ, μ*, σ per
// parameter and outcome), with `--sensitivity sobol` Sobol' S1 and ST with bootstrap intervals;
// `--design FILE` runs a design made elsewhere (src/batch/design-file.ts).
import type { DesignMethod } from '../analysis/design.ts';
import type { SweepParam } from '../batch/jobs.ts';
import { designPlan, sweepPlan } from '../batch/plan.ts';
import { loadScenario } from '../scenarios/load.ts';
import { BATCH_EXIT, defaultBatchDir, keepOption, runPlan, seedRange, summaryJson, summaryLines, withBatchErrors, type BatchDeps, type CommonOptions } from './batch.ts';
import type { CliIo } from './io.ts';

export interface SweepOptions extends CommonOptions {
  /** Absent when no --param was given. */
  param?: SweepParam[];
  /** Required unless --design. */
  samples?: number;
  /** A design made elsewhere: a CSV of scenario paths × points (instead of --param/--samples/--method). */
  design?: string;
  /** Default grid; morris or sobol with --sensitivity morris / sobol. */
  method?: DesignMethod;
  seeds?: number;
  sensitivity?: 'morris' | 'sobol';
}

/** The design the options ask for; a usage message when they contradict each other. */
export function sweepMethod(options: Pick<SweepOptions, 'method' | 'sensitivity'>): DesignMethod | { usage: string } {
  if (options.sensitivity === 'morris') {
    if (options.method !== undefined && options.method !== 'morris') {
      return { usage: `--sensitivity morris runs the Morris design (--samples trajectories); drop --method ${options.method}` };
    }
    return 'morris';
  }
  if (options.sensitivity === 'sobol') {
    if (options.method !== undefined && options.method !== 'sobol') {
      return { usage: `--sensitivity sobol runs Saltelli's design (--samples base rows N, N·(k + 2) points); drop --method ${options.method}` };
    }
    return 'sobol';
  }
  return options.method ?? 'grid';
}

export function sweepCommand(ref: string, options: SweepOptions, io: CliIo, deps: BatchDeps = {}): Promise<number> {
  return withBatchErrors(io, async () => {
    const usage = (text: string) => { io.stderr(`error: ${text}\n`); return BATCH_EXIT.usage; };
    if (options.design !== undefined) {
      const clash = (['param', 'samples', 'method', 'sensitivity'] as const).find((k) => options[k] !== undefined);
      if (clash) return usage(`--design gives the points itself: drop --${clash}`);
      return designSweep(ref, options, io, deps);
    }
    if (options.samples === undefined) return usage('give --samples N (or --design FILE)');
    const method = sweepMethod(options);
    if (typeof method !== 'string') return usage(method.usage);
    const params = options.param ?? [];
    if (params.length === 0) {
      io.stderr('error: name at least one parameter: --param path=lo:hi[:int]\n');
      return BATCH_EXIT.usage;
    }
    const base = loadScenario(ref);
    const seeds = options.seeds ?? 1;
    const plan = sweepPlan({
      ref, seeds: seedRange({ seeds, seedStart: options.seedStart }), ticks: options.ticks, metrics: options.metrics ?? null,
      shard: options.shard ?? null, params, method, samples: options.samples!, keep: keepOption(options),
    });
    const out = options.out ?? defaultBatchDir(base.name, 'sweep', options.shard);
    const executed = await runPlan('sweep', plan, out, options, io, deps);
    if (executed.code === BATCH_EXIT.interrupted) return executed.code;
    const points = plan.manifest.sweep!.points.length;
    const what = `${method} design of ${points} points over ${params.map((p) => p.path).join(', ')} × ${seeds} seed${seeds === 1 ? '' : 's'} = ${plan.manifest.jobs} runs`;
    io.stdout(options.json ? summaryJson(plan, executed) : summaryLines('sweep', plan, executed, what).join('\n') + '\n');
    return executed.code;
  });
}

/** sweep --design FILE: the file's points × seeds. */
async function designSweep(ref: string, options: SweepOptions, io: CliIo, deps: BatchDeps): Promise<number> {
  const base = loadScenario(ref);
  const seeds = options.seeds ?? 1;
  const plan = designPlan({
    ref, seeds: seedRange({ seeds, seedStart: options.seedStart }), ticks: options.ticks, metrics: options.metrics ?? null,
    shard: options.shard ?? null, design: options.design!, keep: keepOption(options),
  });
  const out = options.out ?? defaultBatchDir(base.name, 'sweep', options.shard);
  const executed = await runPlan('sweep', plan, out, options, io, deps);
  if (executed.code === BATCH_EXIT.interrupted) return executed.code;
  const sweep = plan.manifest.sweep!;
  const what = `the ${sweep.points.length} points of ${options.design} over ${sweep.params.map((p) => p.path).join(', ')} × ${seeds} seed${seeds === 1 ? '' : 's'} = ${plan.manifest.jobs} runs`;
  io.stdout(options.json ? summaryJson(plan, executed) : summaryLines('sweep', plan, executed, what).join('\n') + '\n');
  return executed.code;
}
