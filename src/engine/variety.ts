// Positions inside a segment (differentiated competition): each firm's `variety` is a point on a
// circle [0, 1) — Salop's (1979) circular product space, chosen over a line so that no position is
// privileged by an edge. How positions are inherited (spin-offs, imitation, recombination, product
// innovation: see the processes) and how crowded each firm's niche is (read by market).
//
// Crowding (niche overlap; Hannan & Freeman 1977, Baum & Singh 1994): the supply near a firm's
// position relative to what an even spread of its segment's supply would put there. With
// q_j = c_j·e_j and K(d) = max(0, 1 − d/w), d the distance on the circle,
//   ρ_i = Σ_{j: s_j=s_i} K(d(v_i, v_j))·q_j / (k̄·Q_s),   Q_s = Σ_{j: s_j=s_i} q_j,
// k̄ = ∫K over the circle (≈ w), so ρ = 1 for an even spread, 0 < ρ ≤ 1/k̄. The firm's own supply
// counts (K(0) = 1): a niche holds a limited demand, and a firm that fills its niche alone lowers
// its own price there as the segment's supply lowers p_s. Computed from a histogram of q over
// `bins` bins per segment convolved with K at bin-centre distances (firms in one bin are at
// distance 0; resolution 1/bins): O(firms + S·bins·w·bins), never pairwise.
import type { Scenario } from '../scenarios/schema.ts';
import type { Stream } from './rng.ts';
import type { World } from './world.ts';

export type Differentiation = Scenario['mechanisms']['market']['differentiation'];

/** x wrapped onto the circle [0, 1). */
export function wrap(x: number): number {
  const y = x - Math.floor(x);
  return y < 1 ? y : 0; // x − floor(x) can round up to 1 for tiny negative x
}

/** A position near v: v + noise·U(−1, 1), wrapped (one draw). */
export function near(v: number, noise: number, rng: Stream): number {
  return wrap(v + noise * (2 * rng.uniform() - 1));
}

/** The midpoint of a and b along the shorter arc of the circle. */
export function midpoint(a: number, b: number): number {
  let d = b - a;
  if (d > 0.5) d -= 1;
  else if (d < -0.5) d += 1;
  return wrap(a + d / 2);
}

/** Distance of a and b on the circle, in [0, 0.5]. */
export function circleDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 1;
  return d > 0.5 ? 1 - d : d;
}

/** Writes firms.crowding (ρ_i above) for every firm. */
export function computeCrowding(world: World, p: Differentiation): void {
  const { firms } = world;
  const S = world.segments.count;
  const B = p.bins;
  const n = firms.count;
  const { segment, variety, capability, employees, crowding } = firms;
  const own = world.context.variety;
  if (own.histogram.length < S * B) {
    own.histogram = new Float64Array(S * B);
    own.convolved = new Float64Array(S * B);
  }
  if (own.total.length < S) own.total = new Float64Array(S);
  const { histogram, convolved, total } = own;
  histogram.fill(0, 0, S * B);
  total.fill(0, 0, S);
  for (let i = 0; i < n; i++) {
    const q = capability[i] * employees[i];
    histogram[segment[i] * B + binOf(variety[i], B)] += q;
    total[segment[i]] += q;
  }
  // Kernel offsets k with K(|k|/B) > 0, at most half way round (each bin counted once).
  const reach = Math.min(Math.ceil(p.width * B) - 1, Math.floor((B - 1) / 2));
  for (let s = 0; s < S; s++) {
    const base = s * B;
    for (let b = 0; b < B; b++) {
      if (total[s] === 0) {
        convolved[base + b] = 0;
        continue;
      }
      let sum = histogram[base + b];
      for (let k = 1; k <= reach; k++) {
        const w = 1 - k / B / p.width;
        sum += w * (histogram[base + ((b + k) % B)] + histogram[base + ((b - k + B) % B)]);
      }
      convolved[base + b] = sum;
    }
  }
  // k̄: the kernel's mass per unit of the circle, so that an even spread has density 1.
  let kbar = 1;
  for (let k = 1; k <= reach; k++) kbar += 2 * (1 - k / B / p.width);
  kbar /= B;
  for (let i = 0; i < n; i++) {
    const s = segment[i];
    crowding[i] = total[s] > 0 ? convolved[s * B + binOf(variety[i], B)] / (kbar * total[s]) : 0;
  }
}

function binOf(v: number, B: number): number {
  const b = Math.floor(v * B);
  return b < B ? b : B - 1;
}

/** Initial positions of the firms placed at tick 0 (uniform; one draw each), when on. */
export function placeVarieties(world: World, scenario: Scenario, rng: Stream): void {
  if (!scenario.mechanisms.market.differentiation.enabled) return;
  const { firms } = world;
  for (let i = 0; i < firms.count; i++) firms.variety[i] = rng.uniform();
}
