// A batch plan: the units (variants or sweep points), the full job list and the manifest that
// describes them. The manifest holds no timing, dates or worker counts, so the same command gives
// the same manifest.json bytes on any machine, with any number of workers, sharded or not.
import { makeDesign, type Design, type DesignMethod, type Param } from '../analysis/design.ts';
import { METRICS } from '../engine/metrics.ts';
import type { LoadedScenario } from '../scenarios/load.ts';
import { loadScenario } from '../scenarios/load.ts';
import type { Job } from '../workers/protocol.ts';
import { packageVersion } from '../cli/version.ts';
import { BatchError } from './errors.ts';
import type { KeepTable } from './keep.ts';
import type { PosteriorSpec } from './posterior.ts';
import { designUnits, readDesignFile } from './design-file.ts';
import { variedOf, type Varied } from './varied.ts';
import { BASE, buildJobs, jobsHash, sweepUnits, variantUnits, type SeedRange, type Shard, type Unit } from './jobs.ts';

export type BatchKind = 'batch' | 'compare' | 'sweep';

export interface VariantEntry {
  name: string;
  description: string;
  /** immer patches from the base scenario (empty for `base`). */
  patches: unknown[];
}

export interface SweepSpec {
  /** `file`: the points of `sweep --design FILE` (see design-file.ts). */
  method: DesignMethod | 'file';
  /** `file`: the design file as given and its sha256. */
  design?: { file: string; hash: string };
  /** grid: samples per parameter; lhs: points; morris: trajectories; sobol: base rows. */
  samples: number;
  /** Seeds the random designs (lhs, morris, sobol). */
  seedKey: string;
  params: Param[];
  /** Parameter values per point, in params order (integer parameters rounded). */
  points: number[][];
}

export interface BatchManifest {
  command: BatchKind;
  engine: 'clusterlab';
  version: string;
  scenario: { name: string; file: string; hash: string };
  ticks: number;
  ticksPerYear: number;
  seeds: SeedRange;
  /** The variants run (batch, compare), in job order; empty for sweeps. */
  variants: VariantEntry[];
  /** compare: the variant the others are compared with; null otherwise. */
  baseline: string | null;
  /** The series stored per run, in order. */
  metrics: string[];
  sweep: SweepSpec | null;
  /** compare --posterior: the posterior file's hash and the draws; absent otherwise. */
  posterior?: PosteriorSpec;
  /** `--keep`: the agent-level tables kept from every run (firms.parquet, …); absent when none. */
  keep?: KeepTable[];
  /** batch, compare: the scenario paths the units change and each unit's value there (runs.csv's last columns). */
  varied?: Varied;
  /** This directory's slice of the jobs; null for the whole list (and after merge). */
  shard: Shard | null;
  /** Jobs in the full, unsharded list. */
  jobs: number;
  /** sha256 of the job list's definition (units' resolved scenarios, seeds, ticks, metrics). */
  jobsHash: string;
  /** Set when the batch ends (null while it runs or after an interruption). */
  completed: number | null;
  failed: number | null;
}

export interface Plan {
  manifest: BatchManifest;
  units: Unit[];
  /** The full, unsharded job list. */
  jobs: Job[];
  /** Sweeps: the design the points come from. */
  design: Design | null;
}

export interface CommonSpec {
  ref: string;
  seeds: SeedRange;
  ticks?: number;
  metrics: string[] | null;
  shard: Shard | null;
  /** `--keep`: agent-level tables kept from every run (none when absent). */
  keep?: KeepTable[];
}

function ticksOf(loaded: LoadedScenario, ticks: number | undefined): number {
  return ticks ?? loaded.scenario.ticks;
}

export function manifestOf(command: BatchKind, base: LoadedScenario, spec: CommonSpec, units: Unit[], ticks: number, extra: Pick<BatchManifest, 'variants' | 'baseline' | 'sweep'>): BatchManifest {
  const metrics = spec.metrics ?? METRICS.map((m) => m.name);
  return {
    command,
    engine: 'clusterlab',
    version: packageVersion(),
    scenario: { name: base.name, file: spec.ref, hash: base.hash },
    ticks,
    ticksPerYear: base.scenario.ticksPerYear,
    seeds: spec.seeds,
    variants: extra.variants,
    baseline: extra.baseline,
    metrics,
    sweep: extra.sweep,
    ...(spec.keep?.length ? { keep: spec.keep } : {}),
    shard: spec.shard,
    jobs: units.length * spec.seeds.count,
    jobsHash: jobsHash(units, spec.seeds, ticks, metrics),
    completed: null,
    failed: null,
  };
}

/** batch and compare: the named variants (`base` = the unmodified scenario) × seeds. */
export function variantPlan(command: 'batch' | 'compare', spec: CommonSpec & { variants: string[]; baseline?: string }): Plan {
  const units = variantUnits(spec.ref, spec.variants);
  const base = loadScenario(spec.ref);
  const ticks = ticksOf(base, spec.ticks);
  const metrics = spec.metrics ?? METRICS.map((m) => m.name);
  const variants = units.map((u) => ({
    name: u.label,
    description: u.variant === null ? '' : base.scenario.variants[u.variant]?.description ?? '',
    patches: u.loaded.patches as unknown[],
  }));
  const manifest = { ...manifestOf(command, base, spec, units, ticks, { variants, baseline: command === 'compare' ? spec.baseline ?? BASE : null, sweep: null }), varied: variedOf(units) };
  return { manifest, units, jobs: keepIn(buildJobs(units, spec.seeds, ticks, metrics), spec.keep), design: null };
}

/** sweep: design points × seeds. */
export function sweepPlan(spec: CommonSpec & { params: Param[]; method: DesignMethod; samples: number; seedKey?: string }): Plan {
  const base = loadScenario(spec.ref);
  const ticks = ticksOf(base, spec.ticks);
  const metrics = spec.metrics ?? METRICS.map((m) => m.name);
  const seedKey = spec.seedKey ?? `sweep/${base.name}`;
  let design: Design;
  try {
    design = makeDesign({ method: spec.method, params: spec.params, samples: spec.samples, seedKey });
  } catch (err) {
    if (err instanceof RangeError) throw new BatchError(`sweep: ${err.message.replace(/^design: /, '')}`);
    throw err;
  }
  const units = sweepUnits(base, spec.params, design.points);
  const sweep: SweepSpec = { method: spec.method, samples: spec.samples, seedKey, params: spec.params, points: design.points };
  const manifest = manifestOf('sweep', base, spec, units, ticks, { variants: [], baseline: null, sweep });
  return { manifest, units, jobs: keepIn(buildJobs(units, spec.seeds, ticks, metrics), spec.keep), design };
}

/** Jobs that return the kept tables (unchanged when none are kept). */
export function keepIn(jobs: Job[], keep: KeepTable[] | undefined): Job[] {
  if (!keep?.length) return jobs;
  for (const job of jobs) job.keep = keep;
  return jobs;
}

/** compare: the index of the baseline among manifest.variants (a BatchError when it was not run). */
export function baselineIndex(manifest: BatchManifest): number {
  const b = manifest.variants.findIndex((v) => v.name === manifest.baseline);
  if (b < 0) throw new BatchError(`compare: the baseline ${manifest.baseline} is not among the variants run`);
  return b;
}

/** The parts of two manifests that must agree for their runs to belong to one batch. */
export function identityOf(m: BatchManifest): Omit<BatchManifest, 'completed' | 'failed' | 'shard' | 'scenario' | 'posterior'> & {
  scenario: { name: string; hash: string };
  posterior?: Omit<PosteriorSpec, 'file'>;
} {
  const { completed: _c, failed: _f, shard: _s, scenario, posterior, ...rest } = m;
  // Where the files were is not what the batch is: their hashes are.
  const identity = { ...rest, scenario: { name: scenario.name, hash: scenario.hash } };
  if (posterior === undefined) return identity;
  const { file: _file, ...drawn } = posterior;
  return { ...identity, posterior: drawn };
}

/** sweep --design FILE: the file's points × seeds. */
export function designPlan(spec: CommonSpec & { design: string }): Plan {
  const base = loadScenario(spec.ref);
  const ticks = ticksOf(base, spec.ticks);
  const metrics = spec.metrics ?? METRICS.map((m) => m.name);
  const design = readDesignFile(spec.design);
  const units = designUnits(base, design);
  const sweep: SweepSpec = {
    method: 'file', design: { file: spec.design, hash: design.hash }, samples: design.points.length, seedKey: '', params: design.params, points: design.points,
  };
  const manifest = manifestOf('sweep', base, spec, units, ticks, { variants: [], baseline: null, sweep });
  return { manifest, units, jobs: keepIn(buildJobs(units, spec.seeds, ticks, metrics), spec.keep), design: null };
}
