// Geographic and cognitive proximity: the weights that gate spillover (and, later, ties and
// relocation). Computed once per run; the learning process mixes region × segment aggregates
// with them, so no firm pair is ever visited.
import type { Scenario } from '../scenarios/schema.ts';
import type { Regions } from './world.ts';
import { exp } from './math.ts';

/** √(dx² + dy²) from correctly rounded operations only (Math.hypot may differ between engines). */
function euclid(dx: number, dy: number): number {
  return Math.sqrt(dx * dx + dy * dy);
}

/** Distance in km between regions a and b: the scenario's matrix, or Euclidean from positions. */
export function regionDistances(scenario: Scenario, regions: Regions): Float64Array {
  const R = regions.count;
  const d = new Float64Array(R * R);
  for (let a = 0; a < R; a++) {
    for (let b = 0; b < R; b++) {
      d[a * R + b] = scenario.distances
        ? scenario.distances[a][b]
        : euclid(regions.x[a] - regions.x[b], regions.y[a] - regions.y[b]);
    }
  }
  return d;
}

/** Administrative friction between regions: 0 within a province, else the pair's or `between`. */
export function regionFriction(scenario: Scenario, regions: Regions): Float64Array {
  const R = regions.count;
  const f = new Float64Array(R * R);
  const { between, pairs } = scenario.barriers;
  for (let a = 0; a < R; a++) {
    for (let b = 0; b < R; b++) {
      const pa = regions.provinces[regions.province[a]];
      const pb = regions.provinces[regions.province[b]];
      if (pa === pb) continue;
      const pair = pairs.find((p) => (p.a === pa && p.b === pb) || (p.a === pb && p.b === pa));
      f[a * R + b] = pair ? pair.friction : between;
    }
  }
  return f;
}

/**
 * Spillover weight of region b in region a: 1 for a itself (local buzz), otherwise
 * exp(−distance/δ)·(1 − friction); 0 when δ = 0 (knowledge does not travel).
 */
export function geoWeights(scenario: Scenario, regions: Regions): Float64Array {
  return geoWeightsFrom(scenario, regionDistances(scenario, regions), regionFriction(scenario, regions), regions.count);
}

/** geoWeights from a distance and a friction matrix (barrierRemoval recomputes it when friction changes). */
export function geoWeightsFrom(scenario: Scenario, dist: Float64Array, friction: Float64Array, R: number, out?: Float64Array): Float64Array {
  const decay = scenario.mechanisms.learning.distanceDecayKm;
  const w = out ?? new Float64Array(R * R);
  for (let a = 0; a < R; a++) {
    for (let b = 0; b < R; b++) {
      const k = a * R + b;
      w[k] = a === b ? 1 : decay > 0 ? exp(-dist[k] / decay) * (1 - friction[k]) : 0;
    }
  }
  return w;
}

type Cognitive = Scenario['mechanisms']['learning']['cognitive'];

/**
 * Learning weight by ring distance d = 0..⌊S/2⌋. Nooteboom's inverted U: novelty grows with
 * distance, understanding falls, w(d) ∝ (ν + d)·exp(−d/θ), peaking at d = θ − ν, scaled so its
 * maximum is 1 and zero beyond `maxDistance`. Explicit `weights` replace it.
 */
export function cognitiveWeights(c: Cognitive, segments: number): Float64Array {
  const n = Math.floor(segments / 2) + 1;
  const w = new Float64Array(n);
  if (c.weights) {
    for (let d = 0; d < n && d < c.weights.length; d++) w[d] = c.weights[d];
    return w;
  }
  let max = 0;
  for (let d = 0; d < n && d <= c.maxDistance; d++) {
    w[d] = (c.novelty + d) * exp(-d / c.reach);
    max = Math.max(max, w[d]);
  }
  if (max > 0) for (let d = 0; d < n; d++) w[d] /= max;
  return w;
}
