// upgrading — reads: firms' capability, rd, cash, employees, segment, region, function; segment
// prices (this tick's, set by market) and industries. Writes: firms' function, segment, capability
// and cash; counts of functional and inter-sectoral upgrades; functional_upgrade and
// intersectoral_upgrade events. The other two kinds of seed 003, process and product, are
// innovations (innovation.ts counts them by kind).
//
// c̄_s: the mean capability of the firms of segment s (all regions, before any move of this tick).
//
// Functional (Humphrey & Schmitz 2002; the smile curve, Shih 1996): a firm at function f < 3 is
// eligible for f + 1 when c_i/ref_i ≥ θ_{f+1}, rd_i ≥ rdMin_{f+1} and cash_i ≥ k_{f+1}·e_i; it
// steps up with probability 1 − (1 − rate)^(1/T) per tick (rate: per year) and pays k_{f+1}·e_i.
// ref_i is the world frontier W by default: design, brand and services are the functions the
// lead firms of the value chain hold, and a supplier takes them over as it closes the gap to
// them, not by ranking high among equally backward neighbours; `reference: segment` uses c̄_s.
// Market then earns the value added v_f per unit of output and charges overhead_f per employee.
//
// Inter-sectoral (related variety, Frenken, Van Oort & Verburg 2007): the target of segment s is
// the nearest segment s′ of another industry within ring distance maxDistance (at equal distance
// the better-paid one, then the one above). A firm moves there when c_i/c̄_s ≥ θ (it is among the
// more capable of its segment), p_s′ > p_s (the related industry pays more per unit) and
// cash_i ≥ k·e_i, with probability 1 − exp(−λ_i/T), λ_i = rate·(c_i/c̄_s)·(1 + w·L_{r,s′}),
// L_{r,s′}: the share of its region's employment in s′ and its neighbours of the same industry
// (knowledge of the new industry at hand). It pays k·e_i, keeps the share `retained` of its
// capability and its function. O(firms + regions·segments).
import type { Scenario } from '../../scenarios/schema.ts';
import { EVENT, logEvent } from '../log.ts';
import { belowRateProbability, tickProbability } from '../math.ts';
import type { Stream } from '../rng.ts';
import type { World } from '../world.ts';

type Upgrading = Scenario['mechanisms']['upgrading'];

const TOP_FUNCTION = 3;

export function upgrading(world: World, params: Scenario, rng: Stream): void {
  const p = params.mechanisms.upgrading;
  if (!p.functional.enabled && !p.intersectoral.enabled) return;
  const segmentWise = p.intersectoral.enabled || p.functional.reference === 'segment';
  const meanBySegment = segmentWise ? segmentMeans(world) : new Float64Array(0);
  if (p.functional.enabled) functional(world, p.functional, meanBySegment, rng);
  if (p.intersectoral.enabled) intersectoral(world, p.intersectoral, meanBySegment, rng);
}

/** Mean capability of the firms of each segment (0 where there are none). */
function segmentMeans(world: World): Float64Array {
  const { firms } = world;
  const S = world.segments.count;
  // Columns and count read once: the firms object is slow to read in a hot loop.
  const { segment, capability, count: n } = firms;
  const sum = new Float64Array(S);
  const cnt = new Float64Array(S);
  for (let i = 0; i < n; i++) {
    sum[segment[i]] += capability[i];
    cnt[segment[i]] += 1;
  }
  for (let s = 0; s < S; s++) sum[s] = cnt[s] > 0 ? sum[s] / cnt[s] : 0;
  return sum;
}

function functional(world: World, p: Upgrading['functional'], mean: Float64Array, rng: Stream): void {
  const { firms } = world;
  const { capability, rd, cash, employees, segment, region, function: fn } = firms;
  const n = firms.count;
  const prob = tickProbability(p.rate, world.ticksPerYear);
  const frontier = p.reference === 'frontier' ? world.frontier : 0;
  // Step f → f + 1 is entry f of the per-step lists (copied: typed arrays read faster in the loop).
  const threshold = Float64Array.from(p.threshold);
  const minRd = Float64Array.from(p.minRd);
  const stepCost = Float64Array.from(p.cost);
  for (let i = 0; i < n; i++) {
    const f = fn[i];
    if (f >= TOP_FUNCTION) continue;
    const c = capability[i];
    const cost = stepCost[f] * employees[i];
    const ref = frontier > 0 ? frontier : mean[segment[i]];
    if (c < threshold[f] * ref || rd[i] < minRd[f] || cash[i] < cost) continue;
    if (!(rng.uniform() < prob)) continue;
    fn[i] = f + 1;
    cash[i] -= cost;
    world.counts.functionalUpgrades[region[i]]++;
    logEvent(world.events, world.tick, EVENT.functional_upgrade, firms.id[i], -1, region[i], segment[i], c, employees[i]);
  }
}

/** The segment of another industry nearest to each segment within `reach`, or −1. */
function targets(world: World, reach: number): Int32Array {
  const { industry, price, count: S } = world.segments;
  const out = new Int32Array(S).fill(-1);
  for (let s = 0; s < S; s++) {
    for (let d = 1; d <= reach && d <= S >> 1; d++) {
      const up = (s + d) % S;
      const down = (s - d + S) % S;
      const okUp = industry[up] !== industry[s];
      const okDown = industry[down] !== industry[s];
      if (okUp && okDown) out[s] = price[down] > price[up] ? down : up;
      else if (okUp) out[s] = up;
      else if (okDown) out[s] = down;
      if (out[s] >= 0) break;
    }
  }
  return out;
}

function intersectoral(world: World, p: Upgrading['intersectoral'], mean: Float64Array, rng: Stream): void {
  const { firms, segments } = world;
  const S = segments.count;
  const R = world.regions.count;
  const target = targets(world, p.maxDistance);
  if (!target.some((t) => t >= 0)) return; // one industry: nowhere to go
  const { capability, cash, employees, segment, region } = firms;
  const { industry, price } = segments;
  const n = firms.count;

  // Employment by region × segment and by region, before any move of this tick.
  const empSeg = new Float64Array(R * S);
  const emp = new Float64Array(R);
  for (let i = 0; i < n; i++) {
    empSeg[region[i] * S + segment[i]] += employees[i];
    emp[region[i]] += employees[i];
  }
  const tpy = world.ticksPerYear;
  const { rate, threshold, relatedWeight, retained } = p;
  const unitCost = p.cost;
  for (let i = 0; i < n; i++) {
    const s = segment[i];
    const t = target[s];
    if (t < 0 || !(price[t] > price[s])) continue;
    const rel = capability[i] / mean[s];
    const cost = unitCost * employees[i];
    if (rel < threshold || cash[i] < cost) continue;
    const r = region[i];
    let near = 0; // employment of r in t and its ring neighbours of t's industry
    for (let d = S > 2 ? -1 : 0; d <= (S > 1 ? 1 : 0); d++) {
      const u = (t + d + S) % S; // with S = 2 the one neighbour is visited once
      if (industry[u] === industry[t]) near += empSeg[r * S + u];
    }
    const lambda = rate * rel * (1 + (relatedWeight * near) / emp[r]);
    if (!belowRateProbability(rng.uniform(), lambda, tpy)) continue;
    segment[i] = t;
    capability[i] *= retained;
    cash[i] -= cost;
    world.counts.intersectoralUpgrades[r]++;
    logEvent(world.events, world.tick, EVENT.intersectoral_upgrade, firms.id[i], -1, r, t, capability[i], employees[i]);
  }
}
