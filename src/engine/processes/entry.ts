// entry — reads: segment demand; firm counts by region and segment; regional attractions.
// Writes: new firms (kind startup or branch), regions' employed, entry events and counts.
//
// Entrants ~ Poisson(λ/T), λ = rate·(1 + w·max(0, ΣD/ΣD_{−1y} − 1)); branches of outside
// multinationals ~ Poisson(rate_b/T). Each picks a segment (uniformly or ∝ demand), then a region
// by the logit choice or Arthur's rule (see location.ts). With differentiation on, each then draws
// its position inside the segment, v ~ U[0, 1) (one draw after the others).
//
// Local returns (ODD §7.19; off: nothing drawn): local founders — region r also has
// Poisson(localEntry·F_r/T) startups, F_r = Σ_{i in r} e_i·φ_i (employees exposed to related
// activity); each stays in r, in the segment of a firm of r drawn ∝ e_i·φ_i, drawn after the
// outside entrants. Their founders are local people, so location choice and levers do not apply.
//
// Levers (none on: no offer, cash 0, the same draws). Before each entrant chooses, region
// r offers offer_r = E_r + F_r + I_r, added to its entry incentive in the logit's subsidy term:
// E_r = Σ intensity of r's active entrySubsidy levers that target the entrant's segment (all, unless
// the lever lists `segments`) while their budgets can pay that much together (else 0). While a
// lever that lists segments is on, the entrant's segment is drawn ∝ b_s·mean_r exp(β_sub·E_r(s))
// instead of b_s (b_s its demand, or 1): subsidies that pick industries draw entrants into them
// (segmentTilt, location.ts). F_r =
// startupSupport's seedMoney while its budget can pay it (startups only, not branches); I_r =
// incentiveOffered(world, r) (subsidyRace / coordination, policy/incentives.ts). When the entrant
// picks r, each item r offered is paid: E_r from entrySubsidy, F_r from startupSupport (and given
// to the startup as cash), I_r by payIncentive. The proportional (Arthur) rule has no utility:
// entrySubsidy and the incentives are neither offered nor paid there; startups founded in r still
// get (and the lever pays) the seed money.
import type { Scenario } from '../../scenarios/schema.ts';
import { demandGrowth } from '../demand.ts';
import { addFirm, KIND, ROLE } from '../firms.ts';
import { chooseRegion, countFirms, segmentTilt, type LocationCounts } from '../location.ts';
import { EVENT, logEvent } from '../log.ts';
import type { Stream } from '../rng.ts';
import type { World } from '../world.ts';
import { groupByRegion } from '../groups.ts';
import type { EntryOffers } from '../context.ts';
import { seedMoney, seedOffered } from '../policy/effects.ts';
import { incentiveOffered, payIncentive } from '../policy/incentives.ts';
import { paySegment, segmentOffer } from '../policy/state.ts';

type Entry = Scenario['mechanisms']['entry'];

function chooseSegment(world: World, p: Entry, rng: Stream): number {
  const S = world.segments.count;
  const tilted = world.policy.levers.length > 0 ? segmentTilt(world, p) : null;
  if (tilted) {
    let total = 0;
    for (let s = 0; s < S; s++) total += tilted[s];
    return total > 0 ? rng.categorical(tilted, S, total) : rng.int(0, S - 1);
  }
  if (p.segmentChoice === 'uniform') return rng.int(0, S - 1);
  let total = 0;
  for (let s = 0; s < S; s++) total += world.segments.demand[s];
  return total > 0 ? rng.categorical(world.segments.demand, S, total) : rng.int(0, S - 1);
}

/** What each region offers the next entrant (a startup unless `branch`); logit: the rule has a utility. */
function makeOffers(world: World, segment: number, branch: boolean, logit: boolean): EntryOffers {
  const R = world.regions.count;
  const own = world.context.entry;
  if (!own.offers || own.offers.total.length !== R) {
    own.offers = { total: new Float64Array(R), subsidy: new Float64Array(R), seed: new Float64Array(R), incentive: new Float64Array(R) };
  }
  const { offers } = own;
  const P = world.policy;
  for (let r = 0; r < R; r++) {
    let subsidy = 0;
    let incentive = 0;
    if (logit) {
      subsidy = segmentOffer(P, 'entrySubsidy', r, segment);
      incentive = incentiveOffered(world, r);
    }
    const seed = branch ? 0 : seedOffered(world, r);
    offers.subsidy[r] = subsidy;
    offers.seed[r] = seed;
    offers.incentive[r] = incentive;
    offers.total[r] = subsidy + seed + incentive;
  }
  return offers;
}

function enter(world: World, counts: LocationCounts, p: Entry, branch: boolean, positioned: boolean, rng: Stream): void {
  const S = world.segments.count;
  const segment = chooseSegment(world, p, rng);
  const offer = world.policy.levers.length > 0 ? makeOffers(world, segment, branch, p.choice === 'logit') : null;
  const region = chooseRegion(world, counts, segment, p, rng, offer ? offer.total : null);
  const spec = branch ? p.branches : p;
  const capability = rng.range(spec.capability.min, spec.capability.max) * world.regions.skill[region];
  const employees = rng.int(spec.employees.min, spec.employees.max);
  const rd = rng.range(spec.rd.min, spec.rd.max);
  let cash = 0;
  if (offer) {
    if (offer.subsidy[region] > 0) paySegment(world.policy, 'entrySubsidy', region, segment, offer.subsidy[region]);
    if (offer.seed[region] > 0) cash = seedMoney(world, region);
    if (offer.incentive[region] > 0) payIncentive(world, region);
  }
  const i = addFirm(world.firms, {
    parent: -1, kind: branch ? KIND.branch : KIND.startup, role: ROLE.independent, champion: false,
    region, segment, birth: world.tick, capability, employees, cash, rd,
  });
  if (positioned) world.firms.variety[i] = rng.uniform(); // a new variety anywhere in the segment
  world.regions.employed[region] += employees;
  world.counts.entries[region]++;
  if (branch) world.counts.branchEntries[region]++;
  const event = branch ? EVENT.branch_entry : EVENT.entry;
  logEvent(world.events, world.tick, event, world.firms.id[i], -1, region, segment, capability, employees);
  if (p.choice === 'proportional' && p.proportional.sequential) {
    counts.byRegion[region] += 1;
    counts.byRegionSegment[region * S + segment] += 1;
  }
}

export function entry(world: World, params: Scenario, rng: Stream): void {
  const p = params.mechanisms.entry;
  if (!p.enabled) return;
  const tpy = world.ticksPerYear;
  const lambda = p.rate * (1 + p.demandGrowthWeight * Math.max(0, demandGrowth(world)));
  const entrants = rng.poisson(lambda / tpy);
  const branches = rng.poisson(p.branches.rate / tpy);
  const positioned = params.mechanisms.market.differentiation.enabled;
  if (entrants + branches > 0) {
    const counts = countFirms(world);
    for (let k = 0; k < entrants; k++) enter(world, counts, p, false, positioned, rng);
    for (let k = 0; k < branches; k++) enter(world, counts, p, true, positioned, rng);
  }
  const lr = params.mechanisms.localReturns;
  if (lr.enabled && lr.localEntry > 0) localFounders(world, p, lr.localEntry, positioned, rng);
}

/**
 * Local founders (local returns): region r has Poisson(ℓ·F_r/T) startups, F_r = Σ_{i in r} e_i·φ_i;
 * each stays in r (founders start where they live and work) in the segment of a firm drawn ∝ e_i·φ_i.
 */
function localFounders(world: World, p: Entry, rate: number, positioned: boolean, rng: Stream): void {
  const { firms, regions } = world;
  const n = firms.count; // firms founded now are not sources this tick
  const R = regions.count;
  const own = world.context.entry;
  const groups = (own.groups = groupByRegion(firms.region, n, R, own.groups));
  if (own.exposure.length < n) own.exposure = new Float64Array(firms.capacity);
  const { exposure } = own;
  const { start, members } = groups;
  for (let r = 0; r < R; r++) {
    let total = 0;
    for (let m = start[r]; m < start[r + 1]; m++) {
      const i = members[m];
      total += firms.employees[i] * firms.agglomeration[i];
      exposure[m] = total;
    }
    const births = total > 0 ? rng.poisson((rate * total) / world.ticksPerYear) : 0;
    for (let b = 0; b < births; b++) {
      const source = members[searchAbove(exposure, start[r], start[r + 1], rng.uniform() * total)];
      const segment = world.firms.segment[source];
      const capability = rng.range(p.capability.min, p.capability.max) * regions.skill[r];
      const employees = rng.int(p.employees.min, p.employees.max);
      const rd = rng.range(p.rd.min, p.rd.max);
      const i = addFirm(world.firms, {
        parent: -1, kind: KIND.startup, role: ROLE.independent, champion: false,
        region: r, segment, birth: world.tick, capability, employees, cash: 0, rd,
      });
      if (positioned) world.firms.variety[i] = rng.uniform(); // a new variety anywhere in the segment
      regions.employed[r] += employees;
      world.counts.entries[r]++;
      logEvent(world.events, world.tick, EVENT.entry, world.firms.id[i], -1, r, segment, capability, employees);
    }
  }
}

/** The first index m in [lo, hi) with cumulative[m] > x (hi − 1 if none: rounding). */
function searchAbove(cumulative: Float64Array, lo: number, hi: number, x: number): number {
  let a = lo;
  let b = hi - 1;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (cumulative[mid] > x) b = mid;
    else a = mid + 1;
  }
  return a;
}
