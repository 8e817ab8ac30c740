// Where a new firm locates: the discrete choice over regions of MODEL.md §5 (entry, and the rare
// spin-off that relocates). Two rules: a logit over regional attractions, and W. B. Arthur's
// increasing-returns rule P(r) ∝ a_r + b·n_r^γ.
import type { Scenario } from '../scenarios/schema.ts';
import type { Stream } from './rng.ts';
import { ringDistance, type World } from './world.ts';
import { exp, log, pow } from './math.ts';
import { LEVER } from './policy/catalogue.ts';
import { segmentOffer } from './policy/state.ts';

type Entry = Scenario['mechanisms']['entry'];

/** Firms per region and per (region, segment): the counts both rules read. */
export interface LocationCounts {
  byRegion: Float64Array;
  byRegionSegment: Float64Array; // [r·S + s]
}

export function countFirms(world: World, into?: LocationCounts): LocationCounts {
  const R = world.regions.count;
  const S = world.segments.count;
  const out = into ?? { byRegion: new Float64Array(R), byRegionSegment: new Float64Array(R * S) };
  out.byRegion.fill(0);
  out.byRegionSegment.fill(0);
  const { region, segment } = world.firms;
  const { byRegion, byRegionSegment } = out;
  const n = world.firms.count;
  for (let i = 0; i < n; i++) {
    const r = region[i];
    byRegion[r] += 1;
    byRegionSegment[r * S + segment[i]] += 1;
  }
  return out;
}

/** Arthur's rule: a region with probability ∝ a_r + b·n_r^γ (uniform if all weights are zero). */
export function chooseRegionProportional(counts: LocationCounts, p: Entry['proportional'], rng: Stream): number {
  const R = counts.byRegion.length;
  const w = new Float64Array(R);
  let total = 0;
  for (let r = 0; r < R; r++) {
    const a = Array.isArray(p.a) ? p.a[r] : p.a;
    w[r] = a + p.b * pow(counts.byRegion[r], p.gamma);
    total += w[r];
  }
  return total > 0 ? rng.categorical(w, R, total) : rng.int(0, R - 1);
}

/** The mean of wage + land cost over regions (the logit's cost term is relative to it). */
export function meanRegionCost(world: World): number {
  const { regions } = world;
  let meanCost = 0;
  for (let r = 0; r < regions.count; r++) meanCost += regions.wage[r] + regions.landCost[r];
  return meanCost / regions.count;
}

/**
 * The deterministic part of the logit utility of region r for an entrant in `segment`:
 * U_r = β_agg·ln(1 + related firms) + β_know·ln(1 + research capacity) + β_lab·(free share of the
 * labour pool) − β_cost·(relative wage and land cost) + β_sub·subsidy + β_amen·amenity, with
 * subsidy = the region's entry incentive plus what its levers offer. Also read by the
 * governments' forecasts of where entrants go (policy/government.ts).
 */
export function logitUtility(
  world: World, counts: LocationCounts, segment: number, p: Entry['logit'], r: number, meanCost: number, subsidy: number,
): number {
  const { regions } = world;
  const S = world.segments.count;
  let related = 0;
  for (let s = 0; s < S; s++) {
    if (ringDistance(s, segment, S) <= p.relatedDistance) related += counts.byRegionSegment[r * S + s];
  }
  const free = Math.max(0, 1 - regions.employed[r] / regions.labourPool[r]);
  const cost = (regions.wage[r] + regions.landCost[r]) / meanCost;
  return (
    p.agglomeration * log(1 + related) +
    p.knowledge * log(1 + regions.research[r]) +
    p.labour * free -
    p.cost * cost +
    p.subsidy * subsidy +
    p.amenity * regions.amenity[r]
  );
}

/**
 * Logit choice: argmax_r U_r + Gumbel noise (U_r: logitUtility). offer_r: what the region's
 * levers offer this entrant (entrySubsidy, startupSupport's seed money, subsidyRace /
 * coordination; see entry.ts), added to its entry incentive; null: none.
 */
export function chooseRegionLogit(
  world: World, counts: LocationCounts, segment: number, p: Entry['logit'], rng: Stream, offer: Float64Array | null = null,
): number {
  const { regions } = world;
  const R = regions.count;
  const meanCost = meanRegionCost(world);
  let best = 0;
  let bestU = -Infinity;
  for (let r = 0; r < R; r++) {
    const subsidy = offer ? regions.entryIncentive[r] + offer[r] : regions.entryIncentive[r];
    const u = logitUtility(world, counts, segment, p, r, meanCost, subsidy) + rng.gumbel();
    if (u > bestU) {
      bestU = u;
      best = r;
    }
  }
  return best;
}

/**
 * The region for a new firm in `segment`, by the scenario's entry rule. The proportional rule
 * has no utility, so it ignores lever offers.
 */
export function chooseRegion(
  world: World, counts: LocationCounts, segment: number, p: Entry, rng: Stream, offer: Float64Array | null = null,
): number {
  return p.choice === 'proportional'
    ? chooseRegionProportional(counts, p.proportional, rng)
    : chooseRegionLogit(world, counts, segment, p.logit, rng, offer);
}

/**
 * Segment weights when an active entrySubsidy lever targets segments (null otherwise, or under
 * the proportional rule): w_s = b_s·(1/R)·Σ_r exp(β_sub·x_r(s)), b_s the segment's demand (1 for
 * uniform choice or no demand), x_r(s) what region r offers an entrant of s. Subsidies that pick
 * industries draw entrants into those industries, as a nested logit would with equal regions.
 */
export function segmentTilt(world: World, p: Entry): Float64Array | null {
  const P = world.policy;
  if (p.choice !== 'logit') return null;
  const k = LEVER.entrySubsidy;
  if (!P.levers.some((l) => l.kind === k && l.segments !== null && l.active.includes(1))) return null;
  const S = world.segments.count;
  const R = world.regions.count;
  const own = world.context.location;
  if (own.tilt.length !== S) own.tilt = new Float64Array(S);
  const { tilt } = own;
  const { demand } = world.segments;
  let totalDemand = 0;
  for (let s = 0; s < S; s++) totalDemand += demand[s];
  const byDemand = p.segmentChoice === 'demand' && totalDemand > 0;
  for (let s = 0; s < S; s++) {
    let pull = 0;
    for (let r = 0; r < R; r++) pull += exp(p.logit.subsidy * segmentOffer(P, 'entrySubsidy', r, s));
    tilt[s] = (byDemand ? demand[s] : 1) * (pull / R);
  }
  return tilt;
}
