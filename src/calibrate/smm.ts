// The simulated method of moments (McFadden 1989; Pakes & Pollard 1989; for agent-based models
// Franke 2009, Grazzini & Richiardi 2015): θ̂ = argmin Σ_j w_j z_j(θ)², the weighted squared
// standardised distance (distance.ts), with common random numbers — every candidate runs on the
// same seeds, so differences between candidates are not seed noise.
//   start      the best of `starts` prior draws (which also fix the prior-based scales)
//   search     Nelder–Mead (Lagarias et al. 1998 coefficients 1, 2, ½, ½) in the unit cube of
//              the latent box (coordinates clamped to it); the reflection, expansion and both
//              contractions of an iteration are simulated together, so the pool has work
//   stops      after `maxEvaluations` points, or when the simplex's values agree to 1e-8 and
//              its vertices to 1e-4 of the box
//   spread     the sandwich V = (1 + 1/S)·(DᵀWD)⁻¹ DᵀW²D (DᵀWD)⁻¹ in latent coordinates, with D
//              the central-difference Jacobian of z at θ̂ (steps of 2.5 % of the box), W the
//              normalised target weights and the observation read as unit variance in z (so Ω =
//              I), the 1 + 1/S for the simulation noise of S seeds. `particles` draws of N(θ̂, V)
//              inside the box stand for the estimate's uncertainty in posterior.csv — an
//              asymptotic normal approximation, not a Bayesian posterior. Interval targets
//              are flat inside (distance.ts): give point observations (value ± sd) to smm.
import { Stream } from '../engine/rng.ts';
import type { Evaluate } from './abc.ts';
import { deviations, distance, targetScales, type TargetScale } from './distance.ts';
import { cholesky, inverseSpd, lowerTimes, multiply, transpose, type Matrix } from './linalg.ts';
import { inBox, latentBounds, valueOf, type Prior } from './priors.ts';
import type { Target } from '../scenarios/targets.ts';

export interface SmmSettings {
  /** Prior draws the search starts from (the best one). */
  starts: number;
  maxEvaluations: number;
  /** Draws of the approximate sampling distribution written as particles. */
  particles: number;
  seeds: number;
  seedKey: string;
}

export interface SmmTraceRow {
  iteration: number;
  evaluations: number;
  distance: number;
}

export interface SmmResult {
  latent: number[];
  values: number[];
  stats: Float64Array;
  distance: number;
  scales: TargetScale[];
  /** Latent covariance of θ̂; null when the targets do not identify the parameters at θ̂. */
  covariance: Matrix | null;
  /** Latent draws of N(θ̂, V) inside the box (just θ̂ when covariance is null). */
  draws: number[][];
  trace: SmmTraceRow[];
  evaluations: number;
  stopped: string;
}

export async function smm(priors: readonly Prior[], targets: readonly Target[], settings: SmmSettings, evaluate: Evaluate): Promise<SmmResult> {
  const k = priors.length;
  const box = priors.map(latentBounds);
  const toLatent = (u: readonly number[]) => u.map((x, j) => box[j][0] + Math.min(1, Math.max(0, x)) * (box[j][1] - box[j][0]));
  const toValues = (latent: readonly number[]) => priors.map((p, j) => valueOf(p, latent[j]));
  let evaluations = 0;

  const rng = new Stream(settings.seedKey, 'smm/starts');
  const starts = Array.from({ length: settings.starts }, () => priors.map(() => rng.uniform()));
  const startStats = await evaluate(starts.map((u) => toValues(toLatent(u))));
  evaluations += starts.length;
  const scales = targetScales(targets, startStats);
  const objective = (stats: Float64Array) => distance(stats, scales, targets) ** 2;
  const f = async (us: number[][]): Promise<{ value: number; stats: Float64Array }[]> => {
    const stats = await evaluate(us.map((u) => toValues(toLatent(u))));
    evaluations += us.length;
    return stats.map((s) => ({ value: objective(s), stats: s }));
  };

  // The simplex: the best start and k vertices a tenth of the box away along each axis.
  let best = 0;
  startStats.forEach((s, i) => { if (objective(s) < objective(startStats[best])) best = i; });
  const x0 = starts[best];
  const vertices = [x0, ...priors.map((_, j) => x0.map((x, a) => (a === j ? (x > 0.5 ? x - 0.1 : x + 0.1) : x)))];
  const first = await f(vertices.slice(1));
  let simplex = vertices.map((x, i) => ({ x, ...(i === 0 ? { value: objective(startStats[best]), stats: startStats[best] } : first[i - 1]) }));
  const trace: SmmTraceRow[] = [];
  let stopped = `${settings.maxEvaluations} evaluations`;
  for (let iteration = 0; evaluations < settings.maxEvaluations; iteration++) {
    simplex.sort((a, b) => a.value - b.value);
    trace.push({ iteration, evaluations, distance: Math.sqrt(simplex[0].value) });
    const spread = simplex[k].value - simplex[0].value;
    const size = Math.max(...simplex.slice(1).map((v) => Math.max(...v.x.map((x, j) => Math.abs(x - simplex[0].x[j])))));
    if (spread <= 1e-8 && size <= 1e-4) { stopped = `converged after ${iteration} iterations`; break; }
    const centroid = x0.map((_, j) => simplex.slice(0, k).reduce((s, v) => s + v.x[j], 0) / k);
    const worst = simplex[k];
    const along = (t: number) => centroid.map((c, j) => c + t * (c - worst.x[j]));
    const [r, e, oc, ic] = await f([along(1), along(2), along(0.5), along(-0.5)]);
    const points = { r: along(1), e: along(2), oc: along(0.5), ic: along(-0.5) };
    if (r.value < simplex[0].value) {
      simplex[k] = e.value < r.value ? { x: points.e, ...e } : { x: points.r, ...r };
    } else if (r.value < simplex[k - 1].value) {
      simplex[k] = { x: points.r, ...r };
    } else if (r.value < worst.value && oc.value <= r.value) {
      simplex[k] = { x: points.oc, ...oc };
    } else if (r.value >= worst.value && ic.value < worst.value) {
      simplex[k] = { x: points.ic, ...ic };
    } else {
      const shrunk = simplex.slice(1).map((v) => v.x.map((x, j) => simplex[0].x[j] + 0.5 * (x - simplex[0].x[j])));
      const values = await f(shrunk);
      simplex = [simplex[0], ...shrunk.map((x, i) => ({ x, ...values[i] }))];
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  const opt = simplex[0];
  const latent = toLatent(opt.x);

  // Jacobian of z at θ̂ by central differences (common random numbers make this usable).
  const h = 0.025;
  const shifted = priors.flatMap((_, j) => [+1, -1].map((sign) => opt.x.map((x, a) => (a === j ? Math.min(1, Math.max(0, x + sign * h)) : x))));
  const around = await f(shifted);
  const D: Matrix = targets.map(() => new Array<number>(k).fill(0));
  priors.forEach((_, j) => {
    const up = deviations(around[2 * j].stats, scales);
    const down = deviations(around[2 * j + 1].stats, scales);
    const dLatent = toLatent(shifted[2 * j])[j] - toLatent(shifted[2 * j + 1])[j];
    targets.forEach((_, t) => (D[t][j] = dLatent > 0 ? (up[t] - down[t]) / dLatent : 0));
  });
  const used = targets.map((t, j) => t.weight > 0 && D[j].every(Number.isFinite));
  const wSum = targets.reduce((s, t, j) => s + (used[j] ? t.weight : 0), 0);
  const Du = D.filter((_, j) => used[j]);
  const w = targets.filter((_, j) => used[j]).map((t) => t.weight / wSum);
  let covariance: Matrix | null = null;
  if (Du.length > 0) {
    const Dt = transpose(Du);
    const DtW = Dt.map((row) => row.map((x, j) => x * w[j]));
    const DtW2 = Dt.map((row) => row.map((x, j) => x * w[j] * w[j]));
    const bread = inverseSpd(multiply(DtW, Du));
    if (bread) {
      const V = multiply(multiply(bread, multiply(DtW2, Du)), bread);
      covariance = V.map((row) => row.map((x) => x * (1 + 1 / settings.seeds)));
    }
  }
  const draws: number[][] = [];
  const L = covariance ? cholesky(covariance) : null;
  if (L) {
    const rd = new Stream(settings.seedKey, 'smm/draws');
    for (let tries = 0; draws.length < settings.particles && tries < 1000 * settings.particles; tries++) {
      const step = lowerTimes(L, priors.map(() => rd.normal()));
      const x = latent.map((v, j) => v + step[j]);
      if (inBox(priors, x)) draws.push(x);
    }
  }
  if (draws.length === 0) {
    draws.push(latent);
    if (!covariance) stopped += '; the targets do not identify the parameters at the estimate (DᵀWD is singular): no spread';
  }
  return {
    latent, values: toValues(latent), stats: opt.stats, distance: Math.sqrt(opt.value), scales, covariance, draws, trace, evaluations, stopped,
  };
}
