// innovation — reads: firms' rd, capability, learned inflow, segment, region, profit, employees
// (and variety); segment demand. Writes: firms' capability, segment (and variety); innovation and
// imitation counts (process and product innovations also by kind: two of seed 003's four kinds of
// upgrading).
//
// Each firm innovates with probability 1 − exp(−λ_i/T) per tick,
// λ_i = rate·(1 + w_rd·rd_i)·(c_i/c̄)^β·(1 + w_in·inflow_i) with inflow the relative knowledge
// gained from others in this tick's learning, per year. Kinds: process (capability jump), product (move to a faster-growing
// neighbouring segment), recombination (with a firm of the region at a moderate ring distance).
// Then imitation: a firm below its region's mean margin may copy the position of the region's best.
// With networking on, a firm with firm partners recombines, with probability partnerRecombination,
// with one of them (uniform, at any distance: pipelines carry recombination) instead.
// Differentiation on (off: no position is read, written or drawn): a product innovation jumps to
// a new position v ~ U[0, 1) (one draw); a recombination puts the firm at the midpoint of its and
// its partner's positions; an imitator moves to the imitated firm's position + imitationNoise·U(−1, 1).
//
// Levers (none on: every factor below is exactly 1 and no draw is added): rdSubsidy —
// λ_i uses rd_i·(1 + rdBoost_r) in the w_rd term (rdBoost set by market this tick).
// specialisedSme — each SME of r (employees ≤ smeEmployees) is supported when the budget pays
// costPerFirm/T for it this tick (firm by firm in index order, all or nothing, whether or not it
// would imitate); a supported SME imitates with annual rate × max(0, 1 − intensity_r).
import type { Scenario } from '../../scenarios/schema.ts';
import { meanCapability, type Firms } from '../firms.ts';
import type { Stream } from '../rng.ts';
import { adjacencyOf, ringDistance, type World } from '../world.ts';
import { partnerOf } from '../ties.ts';
import { groupByRegion, type RegionGroups } from '../groups.ts';
import { belowRateProbability, pow, tickProbability } from '../math.ts';
import { effectsOf, regionIntensities } from '../policy/effects.ts';
import { canPay, paramOf, pay } from '../policy/state.ts';
import { midpoint, near, type Differentiation } from '../variety.ts';

type Innovation = Scenario['mechanisms']['innovation'];


/** Demand growth over the last year of segment s (ratio; 1 when there was no demand). */
function demandGrowth(world: World, s: number): number {
  const before = world.segments.demandYearAgo[s];
  return before > 0 ? world.segments.demand[s] / before : 1;
}

export function innovation(world: World, params: Scenario, rng: Stream): void {
  const p = params.mechanisms.innovation;
  if (!p.enabled) return;
  const { firms } = world;
  const tpy = world.ticksPerYear;
  const S = world.segments.count;
  const n = firms.count;
  const { rd, capability, learned, segment, region } = firms;
  const meanC = p.capabilityElasticity !== 0 ? meanCapability(firms) : 1;
  const shares = p.shares;
  const shareTotal = shares.process + shares.product + shares.recombination;
  let index: RegionGroups | null = null; // firms by region, built when a recombination needs it
  const tiesOn = params.mechanisms.networking.enabled;
  const rdBoost = world.policy.levers.length > 0 && effectsOf(world).rdBoosted ? effectsOf(world).rdBoost : null;
  const diff = params.mechanisms.market.differentiation;

  for (let i = 0; i < n; i++) {
    const c = capability[i];
    let lambda = p.rate * (1 + p.rdWeight * (rdBoost ? rd[i] * (1 + rdBoost[region[i]]) : rd[i]));
    if (p.capabilityElasticity !== 0) lambda *= pow(c / meanC, p.capabilityElasticity);
    if (p.inflowWeight > 0) lambda *= 1 + (p.inflowWeight * learned[i] * tpy) / c;
    if (!belowRateProbability(rng.uniform(), lambda, tpy) || shareTotal <= 0) continue;

    const kind = rng.uniform() * shareTotal;
    let success = true;
    if (kind < shares.process) {
      capability[i] = c * (1 + p.processJump);
      world.counts.processInnovations[region[i]]++;
    } else if (kind < shares.process + shares.product) {
      // A new product: the firm moves toward the neighbouring segment whose demand grows fastest.
      const s = segment[i];
      const up = (s + 1) % S;
      const down = (s - 1 + S) % S;
      const gUp = demandGrowth(world, up);
      const gDown = demandGrowth(world, down);
      const gOwn = demandGrowth(world, s);
      if (gUp > gOwn && gUp >= gDown) segment[i] = up;
      else if (gDown > gOwn) segment[i] = down;
      capability[i] = c * (1 + p.productJump);
      world.counts.productInnovations[region[i]]++;
      if (diff.enabled) firms.variety[i] = rng.uniform(); // a new product: a new niche
    } else {
      const partner = tiesOn && firms.degree[i] > 0 && rng.uniform() < p.partnerRecombination ? tiePartner(world, i, rng) : -1;
      if (partner >= 0) {
        success = recombineWith(world, i, partner, p, diff.enabled);
      } else {
        index ??= groupByRegion(firms.region, firms.count, world.regions.count);
        success = recombine(world, index, i, p, diff.enabled, rng);
      }
    }
    if (success) world.counts.innovations[region[i]]++;
  }
  if (p.imitation.enabled) imitate(world, p.imitation, diff, rng);
}

/**
 * Recombination with a random firm of the same region: partners at ring distance within the
 * allowed range produce a position between them and the better capability plus a novelty bonus.
 */
function recombine(world: World, index: RegionGroups, i: number, p: Innovation, positioned: boolean, rng: Stream): boolean {
  const r = world.firms.region[i];
  const size = index.start[r + 1] - index.start[r];
  if (size < 2) return false;
  const j = index.members[index.start[r] + rng.int(0, size - 1)];
  return recombineWith(world, i, j, p, positioned);
}

/** A uniformly chosen firm partner of firm i (research organisations excluded), or −1. */
function tiePartner(world: World, i: number, rng: Stream): number {
  const { ties } = world;
  const adj = adjacencyOf(world);
  let firmPartners = 0;
  for (let e = adj.start[i]; e < adj.start[i + 1]; e++) if (partnerOf(ties, adj.edges[e], i) >= 0) firmPartners++;
  if (firmPartners === 0) return -1;
  let pick = rng.int(0, firmPartners - 1);
  for (let e = adj.start[i]; e < adj.start[i + 1]; e++) {
    const j = partnerOf(ties, adj.edges[e], i);
    if (j >= 0 && pick-- === 0) return j;
  }
  return -1;
}

/** Recombination of firm i with firm j, when their ring distance is in the allowed range. */
function recombineWith(world: World, i: number, j: number, p: Innovation, positioned: boolean): boolean {
  const { firms } = world;
  const S = world.segments.count;
  if (j === i) return false;
  const si = firms.segment[i];
  const sj = firms.segment[j];
  const d = ringDistance(si, sj, S);
  if (d < p.recombinationDistance.min || d > p.recombinationDistance.max) return false;
  // Step half-way along the shorter arc from si toward sj.
  const forward = (sj - si + S) % S === d;
  const step = Math.ceil(d / 2);
  firms.segment[i] = forward ? (si + step) % S : (si - step + S) % S;
  firms.capability[i] = Math.max(firms.capability[i], firms.capability[j]) * (1 + p.recombinationBonus);
  if (positioned) firms.variety[i] = midpoint(firms.variety[i], firms.variety[j]);
  return true;
}

/**
 * Imitation of the regional best (highest profit per employee) by firms below the regional mean:
 * its segment, part of its capability gap and (differentiation on) its position.
 */
function imitate(world: World, p: Innovation['imitation'], diff: Differentiation, rng: Stream): void {
  const { firms } = world;
  const R = world.regions.count;
  const n = firms.count;
  const { profit, employees, region, segment, capability } = firms;
  const sum = new Float64Array(R);
  const cnt = new Float64Array(R);
  const best = new Int32Array(R).fill(-1);
  const bestMargin = new Float64Array(R); // profit per employee of best[r]
  for (let i = 0; i < n; i++) {
    const r = region[i];
    const margin = profit[i] / employees[i];
    sum[r] += margin;
    cnt[r] += 1;
    if (best[r] < 0 || margin > bestMargin[r]) {
      best[r] = i;
      bestMargin[r] = margin;
    }
  }
  const mean = new Float64Array(R);
  for (let r = 0; r < R; r++) mean[r] = sum[r] / cnt[r];
  const prob = tickProbability(p.rate, world.ticksPerYear);
  const cut = world.policy.levers.length > 0 && supportSmes(world);
  const { specialised, supported } = world.context.innovation;
  const maxEmployees = p.maxEmployees;
  for (let i = 0; i < n; i++) {
    const r = region[i];
    const b = best[r];
    if (b === i || profit[i] / employees[i] >= mean[r]) continue;
    if (maxEmployees !== null && employees[i] > maxEmployees) continue;
    const q = cut && supported[i] ? tickProbability(p.rate * Math.max(0, 1 - specialised[r]), world.ticksPerYear) : prob;
    if (!(rng.uniform() < q)) continue;
    segment[i] = segment[b];
    capability[i] += p.gain * Math.max(0, capability[b] - capability[i]);
    if (diff.enabled) firms.variety[i] = near(firms.variety[b], diff.imitationNoise, rng); // the same niche
    world.counts.imitations[r]++;
  }
}

/**
 * specialisedSme: pays costPerFirm/T for each SME of the regions where the lever is on (index
 * order, all or nothing) and marks the paid ones in `supported`; false when the lever is off.
 */
function supportSmes(world: World): boolean {
  const R = world.regions.count;
  const own = world.context.innovation;
  if (own.specialised.length < R) own.specialised = new Float64Array(R);
  const { specialised } = own;
  if (!regionIntensities(world, 'specialisedSme', specialised)) return false;
  const { firms } = world;
  const n = firms.count;
  if (own.supported.length < n) own.supported = new Uint8Array(firms.capacity);
  const { supported } = own;
  supported.fill(0, 0, n);
  const size = new Float64Array(R);
  const cost = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    if (!(specialised[r] > 0)) continue;
    size[r] = paramOf(world.policy, 'specialisedSme', r, 'smeEmployees');
    cost[r] = paramOf(world.policy, 'specialisedSme', r, 'costPerFirm') / world.ticksPerYear;
  }
  for (let i = 0; i < n; i++) {
    const r = firms.region[i];
    if (!(specialised[r] > 0) || firms.employees[i] > size[r]) continue;
    if (cost[r] > 0) {
      if (canPay(world.policy, 'specialisedSme', r) < cost[r]) continue;
      pay(world.policy, 'specialisedSme', r, cost[r]);
    }
    supported[i] = 1;
  }
  return true;
}
