// Sweep designs: where in parameter space `sweep` runs the model. Every design is built in the
// unit cube [0, 1]^k and mapped to the parameters' ranges, value = lo + u·(hi − lo) (exactly lo
// at u = 0 and hi at u = 1), integer parameters rounded with Math.round. Random designs draw from
// a Stream seeded by a string key, so the same key gives the same design.
//
// A point's values follow the order of `params`.
import { Stream } from '../engine/rng.ts';
import { pow } from '../engine/math.ts';

/** A swept parameter: a scenario path and its closed range. */
export interface Param {
  path: string;
  lo: number;
  hi: number;
  /** Values rounded to integers (lo and hi must then be integers). */
  integer: boolean;
}

export type DesignMethod = 'grid' | 'lhs' | 'morris' | 'sobol';

export interface Design {
  method: DesignMethod;
  params: Param[];
  /** Parameter values per point (after integer rounding), in params order. */
  points: number[][];
  /** The same points in the unit cube, before rounding. */
  unit: number[][];
}

/** One Morris trajectory: k + 1 consecutive points, each step moving one factor by ±Δ. */
export interface MorrisTrajectory {
  /** Index in `points` of the trajectory's first point; its points are start..start + k. */
  start: number;
  /** order[j] = the parameter changed between points start + j and start + j + 1. */
  order: number[];
  /**
   * steps[j] = the change of parameter order[j] at step j, in unit space (value change /
   * (hi − lo)): ±Δ for continuous parameters; for integer ones the change after rounding (which
   * may differ from ±Δ, or be 0 when both ends round to the same integer).
   */
  steps: number[];
}

export interface MorrisDesign extends Design {
  method: 'morris';
  levels: number;
  /** The step in unit space, levels / (2·(levels − 1)). */
  delta: number;
  trajectories: MorrisTrajectory[];
}

/** Throws a RangeError for an unusable parameter list. */
export function checkParams(params: readonly Param[]): void {
  if (params.length === 0) throw new RangeError('design: no parameters');
  const seen = new Set<string>();
  for (const p of params) {
    if (seen.has(p.path)) throw new RangeError(`design: parameter ${p.path} given twice`);
    seen.add(p.path);
    if (!Number.isFinite(p.lo) || !Number.isFinite(p.hi)) throw new RangeError(`design: ${p.path}: bounds must be finite numbers`);
    if (p.lo > p.hi) throw new RangeError(`design: ${p.path}: lo (${p.lo}) is above hi (${p.hi})`);
    if (p.integer && (!Number.isInteger(p.lo) || !Number.isInteger(p.hi))) {
      throw new RangeError(`design: ${p.path}: an integer parameter needs integer bounds, got ${p.lo}:${p.hi}`);
    }
  }
}

function checkCount(what: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`design: ${what} must be a positive integer, got ${n}`);
}

/** The value of parameter p at unit coordinate u ∈ [0, 1]. */
export function toValue(p: Param, u: number): number {
  let x = u <= 0 ? p.lo : u >= 1 ? p.hi : p.lo + u * (p.hi - p.lo);
  if (x > p.hi) x = p.hi; // rounding of lo + u·(hi − lo)
  if (p.integer) x = Math.round(x);
  return x + 0; // no -0
}

function mapPoint(params: readonly Param[], unit: readonly number[]): number[] {
  return unit.map((u, j) => toValue(params[j], u));
}

/**
 * Full factorial grid: each axis takes `samplesPerParam` evenly spaced values from lo to hi
 * inclusive (one sample: the midpoint), giving samplesPerParam^k points, corners included. Point
 * order: the first parameter varies slowest, the last fastest. Integer parameters are rounded;
 * points that round to the same values are kept (every point is run).
 */
export function gridDesign(params: Param[], samplesPerParam: number): Design {
  checkParams(params);
  checkCount('samples per parameter', samplesPerParam);
  const N = samplesPerParam;
  const k = params.length;
  const total = Math.round(pow(N, k));
  if (total > 1e7) throw new RangeError(`design: a grid of ${N}^${k} points is too large`);
  const axis = Array.from({ length: N }, (_, i) => (N === 1 ? 0.5 : i / (N - 1)));
  const unit: number[][] = [];
  const idx = new Array<number>(k).fill(0);
  for (let c = 0; c < total; c++) {
    unit.push(idx.map((i) => axis[i]));
    for (let j = k - 1; j >= 0; j--) {
      if (++idx[j] < N) break;
      idx[j] = 0;
    }
  }
  return { method: 'grid', params, unit, points: unit.map((u) => mapPoint(params, u)) };
}

/** Fisher–Yates permutation of 0..n−1 from the stream. */
function permutation(n: number, rng: Stream): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/**
 * Latin hypercube of `samples` points: each parameter's range is cut into `samples` equal
 * strata and every stratum holds exactly one point (in unit space; rounding of integer
 * parameters may merge values). Strata are matched across parameters by an independent random
 * permutation per parameter, and each point is uniform within its stratum. Draws come from
 * `new Stream(seedKey, 'lhs')`, parameter by parameter: the permutation, then the offsets.
 */
export function lhsDesign(params: Param[], samples: number, seedKey: string): Design {
  checkParams(params);
  checkCount('samples', samples);
  const rng = new Stream(seedKey, 'lhs');
  const unit: number[][] = Array.from({ length: samples }, () => new Array<number>(params.length));
  for (let j = 0; j < params.length; j++) {
    const perm = permutation(samples, rng);
    for (let i = 0; i < samples; i++) {
      // (stratum + offset) / n stays inside the stratum: uniform() < 1.
      unit[i][j] = (perm[i] + rng.uniform()) / samples;
    }
  }
  return { method: 'lhs', params, unit, points: unit.map((u) => mapPoint(params, u)) };
}

/**
 * Morris (1991) elementary-effects design: `trajectories` trajectories of k + 1 points on the
 * grid {0, 1/(levels−1), …, 1}^k, each moving one factor at a time by Δ = levels/(2(levels−1))
 * in a random order and a random direction (the sign of each step). The start point of each
 * factor is drawn uniformly among the levels from which the step stays in [0, 1], so every level
 * is equally likely overall. `levels` must be even (Δ is then a whole number of grid steps).
 * Points are laid out trajectory by trajectory: trajectory t holds points t(k+1)..t(k+1)+k.
 * Draws come from `new Stream(seedKey, 'morris')`. (Campolongo et al. 2007's μ* is computed
 * from this design in sensitivity.ts; the optional selection of spread-out trajectories from a
 * larger pool is not done.)
 */
export function morrisDesign(params: Param[], trajectories: number, seedKey: string, levels = 4): MorrisDesign {
  checkParams(params);
  checkCount('trajectories', trajectories);
  if (!Number.isInteger(levels) || levels < 2 || levels % 2 !== 0) {
    throw new RangeError(`design: Morris levels must be an even integer ≥ 2, got ${levels}`);
  }
  const k = params.length;
  const half = levels / 2; // Δ in grid steps
  const delta = levels / (2 * (levels - 1));
  const rng = new Stream(seedKey, 'morris');
  const unit: number[][] = [];
  const points: number[][] = [];
  const out: MorrisTrajectory[] = [];
  const at = (level: number) => level / (levels - 1);
  for (let t = 0; t < trajectories; t++) {
    // Per factor: direction (+1 / −1), then a start level from which the step stays in range.
    const dir = new Array<number>(k);
    const level = new Array<number>(k);
    for (let j = 0; j < k; j++) {
      dir[j] = rng.bernoulli(0.5) ? 1 : -1;
      level[j] = dir[j] > 0 ? rng.int(0, half - 1) : rng.int(half, levels - 1);
    }
    const order = permutation(k, rng);
    const start = unit.length;
    let u = level.map(at);
    unit.push(u);
    points.push(mapPoint(params, u));
    const steps: number[] = [];
    for (const j of order) {
      level[j] += dir[j] * half;
      u = u.slice();
      u[j] = at(level[j]);
      const before = points[points.length - 1];
      const after = mapPoint(params, u);
      unit.push(u);
      points.push(after);
      const p = params[j];
      steps.push(!p.integer ? dir[j] * delta : p.hi > p.lo ? (after[j] - before[j]) / (p.hi - p.lo) : 0);
    }
    out.push({ start, order, steps });
  }
  return { method: 'morris', params, unit, points, levels, delta, trajectories: out };
}

/**
 * Saltelli's (2002, 2010) design for Sobol' indices: two independent uniform N × k matrices A and
 * B, and for each factor i the matrix AB_i = A with column i taken from B. Laid out base row by
 * base row: point j(k + 2) is A_j, j(k + 2) + 1 is B_j, j(k + 2) + 2 + i is AB_i,j — N(k + 2)
 * points, and a run that stops early leaves whole rows to use. Draws come from
 * `new Stream(seedKey, 'sobol')`: row j's A, then its B (plain Monte Carlo, not a quasi-random
 * sequence: the intervals of sensitivity.csv say how far N is from enough).
 */
export interface SobolDesign extends Design {
  method: 'sobol';
  /** N, the number of base rows. */
  base: number;
}

export function sobolDesign(params: Param[], base: number, seedKey: string): SobolDesign {
  checkParams(params);
  checkCount('base samples', base);
  const k = params.length;
  const rng = new Stream(seedKey, 'sobol');
  const unit: number[][] = [];
  for (let j = 0; j < base; j++) {
    const a = Array.from({ length: k }, () => rng.uniform());
    const b = Array.from({ length: k }, () => rng.uniform());
    unit.push(a, b);
    for (let i = 0; i < k; i++) {
      const ab = a.slice();
      ab[i] = b[i];
      unit.push(ab);
    }
  }
  return { method: 'sobol', params, base, unit, points: unit.map((u) => mapPoint(params, u)) };
}

export interface DesignOptions {
  method: DesignMethod;
  params: Param[];
  /** grid: samples per parameter; lhs: points; morris: trajectories; sobol: base rows N. */
  samples: number;
  /** For lhs, morris and sobol. */
  seedKey: string;
  /** For morris (default 4). */
  levels?: number;
}

/** One entry point for the four designs. */
export function makeDesign(opts: DesignOptions): Design {
  switch (opts.method) {
    case 'grid':
      return gridDesign(opts.params, opts.samples);
    case 'lhs':
      return lhsDesign(opts.params, opts.samples, opts.seedKey);
    case 'morris':
      return morrisDesign(opts.params, opts.samples, opts.seedKey, opts.levels);
    case 'sobol':
      return sobolDesign(opts.params, opts.samples, opts.seedKey);
    default:
      throw new RangeError(`design: unknown method ${String(opts.method)}`);
  }
}

export function isMorris(design: Design): design is MorrisDesign {
  return design.method === 'morris' && 'trajectories' in design;
}

export function isSobol(design: Design): design is SobolDesign {
  return design.method === 'sobol' && 'base' in design;
}
