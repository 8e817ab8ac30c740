// The job list of a batch: which (variant or sweep point, seed) runs make it up, each with a stable
// index in the full, unsharded list. The index is the key for storage, resume, shards and merge, so
// the list must come out the same on every machine that is given the same command:
//   batch, compare: index = unitIdx·N + seedIdx  (units = variants in the order given; N seeds)
//   sweep:          index = pointIdx·K + seedIdx (K seeds per point)
// `--shard k/N` keeps the jobs whose index % N === k − 1.
import { InvalidArgumentError } from 'commander';
import { METRICS } from '../engine/metrics.ts';
import { parseDecimal } from '../io/format.ts';
import { scenarioHash } from '../scenarios/hash.ts';
import { ScenarioError } from '../scenarios/errors.ts';
import { loadScenario, withValues, type LoadedScenario } from '../scenarios/load.ts';
import { BatchError } from './errors.ts';
import type { Job } from '../workers/protocol.ts';

/** The unmodified scenario's name among the variants. */
export const BASE = 'base';

/** One scenario the seeds are run on: a variant (or the base), or a sweep point. */
export interface Unit {
  /** `base`, a variant name, or `point <i>` for sweeps: the label in tables. */
  label: string;
  /** Job.variant: the variant name; null for the base and for sweep points. */
  variant: string | null;
  /** Job.point: the sweep point index; null outside sweeps. */
  point: number | null;
  loaded: LoadedScenario;
}

export interface SeedRange {
  start: number;
  count: number;
}

export interface Shard {
  /** 1-based. */
  k: number;
  n: number;
}

/** Resolves `--variants` names (in the order given; `base` = the unmodified scenario). */
export function variantUnits(ref: string, names: readonly string[]): Unit[] {
  const base = loadScenario(ref);
  return names.map((name) =>
    name === BASE
      ? { label: BASE, variant: null, point: null, loaded: base }
      : { label: name, variant: name, point: null, loaded: loadScenario(ref, { variant: name }) },
  );
}

/**
 * The names `--variants` stands for: `all` = base + every variant in file order; a list is kept
 * in its order. Duplicates are a usage error.
 */
export function variantNames(spec: string | undefined, available: readonly string[]): string[] {
  if (spec === undefined) return [BASE];
  if (spec.trim() === 'all') return [BASE, ...available.filter((v) => v !== BASE)];
  const names = spec.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) throw new InvalidArgumentError('expected variant names separated by commas, or "all".');
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new InvalidArgumentError(`variant "${name}" is named twice.`);
    seen.add(name);
  }
  return names;
}

/** One swept parameter: `--param path=lo:hi[:int]`. */
export interface SweepParam {
  path: string;
  lo: number;
  hi: number;
  integer: boolean;
}

/** Parses `path=lo:hi` or `path=lo:hi:int`; a usage error (exit 2) when malformed. */
export function parseParam(text: string): SweepParam {
  const m = /^([A-Za-z_][\w-]*(?:\.[\w-]+)*)=([^:]+):([^:]+)(?::(int))?$/.exec(text.trim());
  if (!m) throw new InvalidArgumentError(`expected path=lo:hi or path=lo:hi:int (e.g. mechanisms.spinoffs.rate=0.01:0.1), got "${text}".`);
  const lo = parseDecimal(m[2].trim());
  const hi = parseDecimal(m[3].trim());
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new InvalidArgumentError(`"${text}": lo and hi must be numbers.`);
  if (!(lo < hi)) throw new InvalidArgumentError(`"${text}": lo must be below hi.`);
  const integer = m[4] === 'int';
  if (integer && (!Number.isInteger(lo) || !Number.isInteger(hi))) throw new InvalidArgumentError(`"${text}": an :int parameter needs integer bounds.`);
  return { path: m[1], lo, hi, integer };
}

/** Sweep points as units: each point's values set on the base scenario (ScenarioError names a bad path or value). */
export function sweepUnits(base: LoadedScenario, params: readonly SweepParam[], points: readonly (readonly number[])[]): Unit[] {
  const paths = params.map((p) => p.path);
  return points.map((values, i) => ({ label: `point ${i}`, variant: null, point: i, loaded: withValues(base, paths, values) }));
}

/**
 * withValues for a point read from a file (a design row, a posterior particle): a value the
 * scenario rejects is a BatchError naming the file, the point (`where`) and each column.
 */
export function scenarioAtPoint(base: LoadedScenario, paths: readonly string[], values: readonly number[], file: string, where: string): LoadedScenario {
  try {
    return withValues(base, paths, values);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    const problems = err.problems.map((p) => `column "${p.path}": expected ${p.expected}, found ${p.found}`).join('; ');
    throw new BatchError(`${file}: ${where} does not fit ${base.name}: ${problems}`);
  }
}

/** `--metrics m1,m2` → the series kept per run (usage error on an unknown name); absent: all. */
export function parseMetrics(text: string): string[] {
  const known = METRICS.map((m) => m.name);
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) throw new InvalidArgumentError('expected metric names separated by commas.');
  for (const name of names) {
    if (!known.includes(name)) throw new InvalidArgumentError(`unknown metric "${name}"; known: ${known.join(', ')}.`);
  }
  return [...new Set(names)];
}

/** The full, unsharded job list: units × seeds, index = unitIdx·N + seedIdx. */
export function buildJobs(units: readonly Unit[], seeds: SeedRange, ticks: number, metrics: string[] | null): Job[] {
  const jobs: Job[] = [];
  units.forEach((unit, u) => {
    for (let s = 0; s < seeds.count; s++) {
      jobs.push({
        index: u * seeds.count + s,
        variant: unit.variant,
        point: unit.point,
        seed: seeds.start + s,
        ticks,
        scenario: unit.loaded.scenario,
        metrics,
      });
    }
  });
  return jobs;
}

/** sha256 over what defines the job list (each unit's resolved scenario, seeds, ticks, metrics). */
export function jobsHash(units: readonly Unit[], seeds: SeedRange, ticks: number, metrics: string[] | null): string {
  return scenarioHash({
    units: units.map((u) => ({ label: u.label, variant: u.variant, point: u.point, scenario: scenarioHash(u.loaded.scenario) })),
    seeds,
    ticks,
    metrics,
  });
}

/** `k/N` with 1 ≤ k ≤ N; a usage error otherwise. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new InvalidArgumentError('expected k/N, e.g. 1/4.');
  const k = Number(m[1]);
  const n = Number(m[2]);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('N must be at least 1.');
  if (!Number.isSafeInteger(k) || k < 1 || k > n) throw new InvalidArgumentError(`k must be between 1 and ${n}.`);
  return { k, n };
}

export function inShard(index: number, shard: Shard | null): boolean {
  return shard === null || index % shard.n === shard.k - 1;
}

export function selectShard<T extends { index: number }>(jobs: readonly T[], shard: Shard | null): T[] {
  return jobs.filter((j) => inShard(j.index, shard));
}
