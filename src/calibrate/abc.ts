// ABC-SMC: approximate Bayesian computation by sequential Monte Carlo with adaptive tolerances
// (Toni et al. 2009; Beaumont et al. 2009; tolerance as a quantile of the last population's
// distances, Del Moral et al. 2012 / pyabc's median schedule).
//   generation 0   N particles from the prior, all kept (ε₀ = ∞), weights 1/N
//   generation t   ε_t = the weighted α-quantile of generation t − 1's distances;
//                  candidates θ* = a parent drawn by weight, moved by N(0, 2·Σ_{t−1}) in latent
//                  space (Σ the weighted covariance of generation t − 1: Beaumont's kernel),
//                  redrawn until inside the prior box; simulated; kept when d(θ*) ≤ ε_t, until N
//                  are kept; weights w_i ∝ π(θ_i) / Σ_j w_j K(θ_i | θ_j) (π constant in the box)
// Candidates are proposed in rounds of N and kept in proposal order, so the population depends
// on nothing but the seed key and the simulations — never on which worker finished first.
// Stops after `generations`, when a generation's acceptance rate falls below `minAcceptance`,
// when ε reaches 0, or when a generation exhausts its candidate budget (then the last complete
// generation is the posterior, and `stopped` says so).
import { Stream } from '../engine/rng.ts';
import { exp, log } from '../engine/math.ts';
import { cholesky, gaussianLogDensity, lowerTimes, weightedMoments, type Matrix } from './linalg.ts';
import { inBox, latentBounds, valueOf, type Prior } from './priors.ts';
import { effectiveSampleSize, normalise, weightedQuantile } from './weighted.ts';

export interface AbcSettings {
  particles: number;
  /** Generations at most, including generation 0 (the prior sample). */
  generations: number;
  /** ε_t = this quantile of the last generation's distances (0.5: the median). */
  alpha: number;
  minAcceptance: number;
  /** Candidates one generation may simulate at most, as a multiple of `particles`. */
  budget: number;
  seedKey: string;
}

export interface Particle {
  latent: number[];
  /** The parameter values applied to the scenario (integers rounded, log-uniform exponentiated). */
  values: number[];
  stats: Float64Array;
  distance: number;
  weight: number;
}

export interface Generation {
  index: number;
  epsilon: number;
  candidates: number;
  acceptance: number;
  ess: number;
  particles: Particle[];
}

/** Simulates points (parameter values) and returns each point's target statistics. */
export type Evaluate = (values: number[][]) => Promise<Float64Array[]>;
/** Built from the prior sample's statistics: the distance of a point's statistics. */
export type DistanceOf = (prior: readonly Float64Array[]) => (stats: Float64Array) => number;

export interface AbcResult {
  generations: Generation[];
  stopped: string;
}

function priorSample(priors: readonly Prior[], n: number, rng: Stream): number[][] {
  return Array.from({ length: n }, () => priors.map((p) => {
    const [lo, hi] = latentBounds(p);
    return rng.range(lo, hi);
  }));
}

function proposals(priors: readonly Prior[], parents: Generation, L: Matrix, n: number, rng: Stream): number[][] {
  const weights = parents.particles.map((p) => p.weight);
  const out: number[][] = [];
  while (out.length < n) {
    const parent = parents.particles[rng.categorical(weights)].latent;
    for (let tries = 0; ; tries++) {
      const step = lowerTimes(L, priors.map(() => rng.normal()));
      const latent = parent.map((x, j) => x + step[j]);
      if (inBox(priors, latent)) { out.push(latent); break; }
      if (tries > 10_000) throw new Error('abc: the perturbation kernel leaves the prior box every time');
    }
  }
  return out;
}

/** The perturbation kernel's Cholesky factor: 2·Σ, with a ridge for a degenerate population. */
function kernelOf(priors: readonly Prior[], g: Generation): Matrix {
  const { cov } = weightedMoments(g.particles.map((p) => p.latent), g.particles.map((p) => p.weight));
  const k = priors.length;
  for (let ridge = 1e-8; ; ridge *= 10) {
    const A = cov.map((row, a) => row.map((v, b) => 2 * v + (a === b ? ridge * (latentBounds(priors[a])[1] - latentBounds(priors[a])[0]) ** 2 : 0)));
    const L = cholesky(A);
    if (L) return L;
    if (ridge > 1) throw new Error(`abc: no usable kernel in ${k} dimensions`);
  }
}

export async function abcSmc(priors: readonly Prior[], settings: AbcSettings, evaluate: Evaluate, distanceOf: DistanceOf, onGeneration?: (g: Generation) => void | Promise<void>): Promise<AbcResult> {
  const N = settings.particles;
  const generations: Generation[] = [];
  const toValues = (latent: number[]) => priors.map((p, j) => valueOf(p, latent[j]));

  const latent0 = priorSample(priors, N, new Stream(settings.seedKey, 'abc/generation-0'));
  const values0 = latent0.map(toValues);
  const stats0 = await evaluate(values0);
  const dist = distanceOf(stats0);
  const g0: Generation = {
    index: 0, epsilon: Infinity, candidates: N, acceptance: 1, ess: N,
    particles: latent0.map((latent, i) => ({ latent, values: values0[i], stats: stats0[i], distance: dist(stats0[i]), weight: 1 / N })),
  };
  generations.push(g0);
  await onGeneration?.(g0);

  for (let t = 1; t < settings.generations; t++) {
    const last = generations[t - 1];
    const epsilon = weightedQuantile(last.particles.map((p) => p.distance), last.particles.map((p) => p.weight), settings.alpha);
    if (!Number.isFinite(epsilon)) return { generations, stopped: `generation ${t - 1}: no particle at a finite distance (the targets' metrics are never produced)` };
    const L = kernelOf(priors, last);
    const kept: Particle[] = [];
    let candidates = 0;
    for (let round = 0; kept.length < N; round++) {
      if (candidates >= settings.budget * N) {
        return { generations, stopped: `generation ${t}: ${kept.length} of ${N} particles within ε = ${epsilon.toPrecision(4)} after ${candidates} candidates (the budget); the posterior is generation ${t - 1}` };
      }
      const latent = proposals(priors, last, L, N, new Stream(settings.seedKey, `abc/generation-${t}/round-${round}`));
      const values = latent.map(toValues);
      const stats = await evaluate(values);
      candidates += N;
      for (let i = 0; i < N && kept.length < N; i++) {
        const d = dist(stats[i]);
        if (d <= epsilon) kept.push({ latent: latent[i], values: values[i], stats: stats[i], distance: d, weight: 0 });
      }
    }
    // Importance weights against the mixture of kernels around the last generation (log-sum-exp).
    const raw = kept.map((p) => {
      const logs = last.particles.map((q) => log(q.weight) + gaussianLogDensity(p.latent, q.latent, L));
      const top = Math.max(...logs);
      let s = 0;
      for (const l of logs) s += exp(l - top);
      return -(top + log(s));
    });
    const top = Math.max(...raw);
    const weights = normalise(raw.map((r) => exp(r - top)));
    kept.forEach((p, i) => (p.weight = weights[i]));
    const g: Generation = { index: t, epsilon, candidates, acceptance: N / candidates, ess: effectiveSampleSize(weights), particles: kept };
    generations.push(g);
    await onGeneration?.(g);
    if (g.acceptance < settings.minAcceptance) return { generations, stopped: `generation ${t}: acceptance ${g.acceptance.toPrecision(3)} below ${settings.minAcceptance}` };
    if (epsilon === 0) return { generations, stopped: `generation ${t}: ε = 0 (every kept particle meets the targets exactly)` };
  }
  return { generations, stopped: `${settings.generations} generations` };
}
