// Governments that choose their entry incentive (seed 004: 补贴竞赛, the subsidy race; 成本共担、
// 利益共享, coordination with cost and benefit sharing). Read by incentives.ts once per budget year.
//
// Forecast. Entrants choose a region by the logit (location.ts), so with the Gumbel noise
// integrated out the expected share of region r for an entrant of segment s is a softmax of the
// deterministic utilities: P_s(r | I) = exp(u_sr + β_sub·I_r) / Σ_q exp(u_sq + β_sub·I_q), u_sr the
// logit utility of r without the incentives (location.ts logitUtility, at the current firm counts).
// Expected entrants of r over the coming year:
//   E_r(I) = λ·Σ_s w_s·P_s(r | I),  λ = entry rate·(1 + w_d·max(0, demand growth)) + branch rate,
//   w_s the segment choice probabilities (uniform or ∝ demand, tilted by segment-targeted entry
//   subsidies, as entry draws them); u_sr includes the other levers' entry subsidies for s.
//
// Best response (subsidyRace, rule bestResponse): given its rivals' current offers I_−r,
//   I_r = argmax_{I ∈ [lo, cap], I·E_r(I) ≤ B_r} (V_r − I)·E_r(I, I_−r),
// V_r the value of an entrant to the region (jobs, taxes), B_r what its race levers can still pay
// this year, lo its lowest offer (the lever's intensity). (V − I)·E is the value of the entrants it
// wins net of what they cost it. With two symmetric regions and no outside option the fixed point
// solves V − I = 1/(β_sub·(1 − P)) with P = 1/2: I* = V − 2/β_sub.
// Joint offer (coordination, rule joint): the coordinating regions C offer one common I,
//   I_C = argmax_{I ∈ [lo, cap], I·Σ_C E_r(I) ≤ B} Σ_{r∈C} (V − I)·E_r(I),
// the joint value net of the joint cost; they no longer bid against each other (when C is every
// region the common offer cannot move anybody, so the joint optimum is the lowest offer).
//
// Maximisation: a grid of GRID + 1 offers on [lo, cap], then a golden-section search between the
// neighbours of the best feasible grid point. Cost per choice O((GRID + 30)·S·R); per year
// O(R²·(GRID + 30)·S), plus one O(firms) count of firms for the forecast.
import type { Scenario } from '../../scenarios/schema.ts';
import { demandGrowth } from '../demand.ts';
import { countFirms, logitUtility, meanRegionCost, segmentTilt } from '../location.ts';
import { segmentOffer } from './state.ts';
import { exp } from '../math.ts';
import type { World } from '../world.ts';

/** What a government knows when it chooses: the utilities without incentives and the entry rate. */
export interface Forecast {
  regions: number;
  segments: number;
  /** exp(u_sr − max_q u_sq): the logit weight of r for segment s without the incentives, [s·R + r]. */
  base: Float64Array;
  /** Probability that an entrant is of segment s. */
  weight: Float64Array;
  /** β_sub of the logit. */
  beta: number;
  /** Expected entrants (startups and branches) per year. */
  perYear: number;
  /** Scratch: exp(β_sub·(I_r − max I)) per region. */
  lift: Float64Array;
}

const GRID = 60;
const GOLDEN_STEPS = 30;

/** The forecast at the current state; null when entrants do not choose by the logit. */
export function forecastOf(world: World, params: Scenario): Forecast | null {
  const p = params.mechanisms.entry;
  if (!p.enabled || p.choice !== 'logit') return null;
  const R = world.regions.count;
  const S = world.segments.count;
  const counts = countFirms(world);
  const levers = world.policy.levers.length > 0;
  const meanCost = meanRegionCost(world);
  const base = new Float64Array(S * R);
  for (let s = 0; s < S; s++) {
    let max = -Infinity;
    for (let r = 0; r < R; r++) {
      // Other levers' entry subsidies for this segment are part of what the government answers.
      const subsidy = levers ? segmentOffer(world.policy, 'entrySubsidy', r, s) : 0;
      base[s * R + r] = logitUtility(world, counts, s, p.logit, r, meanCost, world.regions.entryIncentive[r] + subsidy);
      max = Math.max(max, base[s * R + r]);
    }
    for (let r = 0; r < R; r++) base[s * R + r] = exp(base[s * R + r] - max);
  }
  const weight = new Float64Array(S);
  const tilted = levers ? segmentTilt(world, p) : null; // industries picked by entry subsidies draw entrants
  const choice = tilted ?? world.segments.demand;
  let total = 0;
  for (let s = 0; s < S; s++) total += choice[s];
  for (let s = 0; s < S; s++) weight[s] = (p.segmentChoice === 'uniform' && !tilted) || !(total > 0) ? 1 / S : choice[s] / total;
  const perYear = p.rate * (1 + p.demandGrowthWeight * Math.max(0, demandGrowth(world))) + p.branches.rate;
  return { regions: R, segments: S, base, weight, beta: p.logit.subsidy, perYear, lift: new Float64Array(R) };
}

/**
 * Expected entrants per year of every region given the offers (into `out`, length R). The
 * softmax factorises: exp(u_sr + β·I_r) ∝ base_sr·exp(β·(I_r − max I)), so one evaluation takes
 * R exponentials and O(S·R) products.
 */
export function expectedEntrants(f: Forecast, offers: Float64Array, out: Float64Array): Float64Array {
  const { regions: R, segments: S, base, weight, beta, lift } = f;
  let top = -Infinity;
  for (let r = 0; r < R; r++) top = Math.max(top, beta * offers[r]);
  for (let r = 0; r < R; r++) lift[r] = exp(beta * offers[r] - top);
  out.fill(0);
  for (let s = 0; s < S; s++) {
    let sum = 0;
    for (let r = 0; r < R; r++) sum += base[s * R + r] * lift[r];
    const k = (f.perYear * weight[s]) / sum;
    for (let r = 0; r < R; r++) out[r] += k * base[s * R + r] * lift[r];
  }
  return out;
}

/** Maximises `value(I)` over [lo, hi] subject to `feasible(I)`; lo is always allowed. */
function maximise(lo: number, hi: number, value: (x: number) => number, feasible: (x: number) => boolean): number {
  if (!(hi > lo)) return lo;
  const step = (hi - lo) / GRID;
  let best = 0;
  let bestV = value(lo);
  for (let k = 1; k <= GRID; k++) {
    const x = lo + k * step;
    if (!feasible(x)) continue;
    const v = value(x);
    if (v > bestV) {
      bestV = v;
      best = k;
    }
  }
  // Golden-section refinement between the neighbours of the best grid point.
  let a = lo + Math.max(0, best - 1) * step;
  let b = lo + Math.min(GRID, best + 1) * step;
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let vc = value(c);
  let vd = value(d);
  for (let k = 0; k < GOLDEN_STEPS; k++) {
    if (vc > vd) {
      b = d; d = c; vd = vc; c = b - g * (b - a); vc = value(c);
    } else {
      a = c; c = d; vc = vd; d = a + g * (b - a); vd = value(d);
    }
  }
  const x = (a + b) / 2;
  return feasible(x) && value(x) > bestV ? x : lo + best * step;
}

/**
 * Region r's best response to the offers of the others (`offers`, r's own entry ignored): the
 * offer on [lo, cap] maximising (value − I)·E_r with I·E_r ≤ budget (per year) — the joint offer
 * of a coalition of one.
 */
export function bestResponse(
  f: Forecast, offers: Float64Array, r: number, value: number, lo: number, cap: number, budget: number,
): number {
  const alone = new Uint8Array(f.regions);
  alone[r] = 1;
  return jointOffer(f, offers, alone, value, lo, cap, budget);
}

/**
 * The common offer of the coordinating regions (`members[r] = 1`): on [lo, cap], maximising
 * Σ_{r∈C} (value − I)·E_r with I·Σ_{r∈C} E_r ≤ budget; the other regions keep their `offers`.
 */
export function jointOffer(
  f: Forecast, offers: Float64Array, members: Uint8Array, value: number, lo: number, cap: number, budget: number,
): number {
  const trial = offers.slice();
  const E = new Float64Array(f.regions);
  const entrants = (x: number) => {
    for (let r = 0; r < f.regions; r++) if (members[r]) trial[r] = x;
    expectedEntrants(f, trial, E);
    let sum = 0;
    for (let r = 0; r < f.regions; r++) if (members[r]) sum += E[r];
    return sum;
  };
  return maximise(lo, Math.max(lo, cap), (x) => (value - x) * entrants(x), (x) => x * entrants(x) <= budget);
}
