// entry — reads: segment demand; firm counts by region and segment; regional attractions.
// Writes: new firms (kind startup or branch), regions' employed, entry events and counts.
//
// Entrants ~ Poisson(λ/T), λ = rate·(1 + w·max(0, ΣD/ΣD_{−1y} − 1)); branches of outside
// multinationals ~ Poisson(rate_b/T). Each picks a segment (uniformly or ∝ demand), then a region
// by the logit choice or Arthur's rule (see location.ts). With differentiation on, each then draws
// its position inside the segment, v ~ U[0, 1) (one draw after the others).
//
// Levers (none on: no offer, cash 0, the same draws). Before each entrant chooses, region
// r offers offer_r = E_r + F_r + I_r, added to its entry incentive in the logit's subsidy term:
// E_r = intensity_r of entrySubsidy while its budget can pay that much (else 0); F_r =
// startupSupport's seedMoney while its budget can pay it (startups only, not branches); I_r =
// incentiveOffered(world, r) (subsidyRace / coordination, policy/incentives.ts). When the entrant
// picks r, each item r offered is paid: E_r from entrySubsidy, F_r from startupSupport (and given
// to the startup as cash), I_r by payIncentive. The proportional (Arthur) rule has no utility:
// entrySubsidy and the incentives are neither offered nor paid there; startups founded in r still
// get (and the lever pays) the seed money.
import type { Scenario } from '../../scenarios/schema.ts';
import { addFirm, KIND, ROLE } from '../firms.ts';
import { chooseRegion, countFirms, type LocationCounts } from '../location.ts';
import { EVENT, logEvent } from '../log.ts';
import type { Stream } from '../rng.ts';
import type { World } from '../world.ts';
import { seedMoney, seedOffered } from '../policy/effects.ts';
import { incentiveOffered, payIncentive } from '../policy/incentives.ts';
import { canPay, intensityOf, pay } from '../policy/state.ts';

type Entry = Scenario['mechanisms']['entry'];

function chooseSegment(world: World, p: Entry, rng: Stream): number {
  const S = world.segments.count;
  if (p.segmentChoice === 'uniform') return rng.int(0, S - 1);
  let total = 0;
  for (let s = 0; s < S; s++) total += world.segments.demand[s];
  return total > 0 ? rng.categorical(world.segments.demand, S, total) : rng.int(0, S - 1);
}

function demandGrowth(world: World): number {
  let now = 0;
  let before = 0;
  for (let s = 0; s < world.segments.count; s++) {
    now += world.segments.demand[s];
    before += world.segments.demandYearAgo[s];
  }
  return before > 0 ? now / before - 1 : 0;
}

/** What each region offers one entrant now, by item (scratch, length R each). */
interface Offers {
  total: Float64Array;
  subsidy: Float64Array; // entrySubsidy
  seed: Float64Array; // startupSupport
  incentive: Float64Array; // subsidyRace / coordination
}

let offers: Offers | null = null;

/** What each region offers the next entrant (a startup unless `branch`); logit: the rule has a utility. */
function makeOffers(world: World, branch: boolean, logit: boolean): Offers {
  const R = world.regions.count;
  if (!offers || offers.total.length !== R) {
    offers = { total: new Float64Array(R), subsidy: new Float64Array(R), seed: new Float64Array(R), incentive: new Float64Array(R) };
  }
  const P = world.policy;
  for (let r = 0; r < R; r++) {
    let subsidy = 0;
    let incentive = 0;
    if (logit) {
      const s = intensityOf(P, 'entrySubsidy', r, R);
      subsidy = s > 0 && canPay(P, 'entrySubsidy', r) >= s ? s : 0;
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
  const offer = world.policy.levers.length > 0 ? makeOffers(world, branch, p.choice === 'logit') : null;
  const region = chooseRegion(world, counts, segment, p, rng, offer ? offer.total : null);
  const spec = branch ? p.branches : p;
  const capability = rng.range(spec.capability.min, spec.capability.max) * world.regions.skill[region];
  const employees = rng.int(spec.employees.min, spec.employees.max);
  const rd = rng.range(spec.rd.min, spec.rd.max);
  let cash = 0;
  if (offer) {
    if (offer.subsidy[region] > 0) pay(world.policy, 'entrySubsidy', region, offer.subsidy[region]);
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
  if (entrants + branches === 0) return;
  const counts = countFirms(world);
  const positioned = params.mechanisms.market.differentiation.enabled;
  for (let k = 0; k < entrants; k++) enter(world, counts, p, false, positioned, rng);
  for (let k = 0; k < branches; k++) enter(world, counts, p, true, positioned, rng);
}
