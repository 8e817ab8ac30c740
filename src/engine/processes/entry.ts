// entry — reads: segment demand; firm counts by region and segment; regional attractions.
// Writes: new firms (kind startup or branch), regions' employed, entry events and counts.
//
// Entrants ~ Poisson(λ/T), λ = rate·(1 + w·max(0, ΣD/ΣD_{−1y} − 1)); branches of outside
// multinationals ~ Poisson(rate_b/T). Each picks a segment (uniformly or ∝ demand), then a region
// by the logit choice or Arthur's rule (see location.ts).
import type { Scenario } from '../../scenarios/schema.ts';
import { addFirm, KIND, ROLE } from '../firms.ts';
import { chooseRegion, countFirms, type LocationCounts } from '../location.ts';
import { EVENT, logEvent } from '../log.ts';
import type { Stream } from '../rng.ts';
import type { World } from '../world.ts';

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

function enter(world: World, counts: LocationCounts, p: Entry, branch: boolean, rng: Stream): void {
  const S = world.segments.count;
  const segment = chooseSegment(world, p, rng);
  const region = chooseRegion(world, counts, segment, p, rng);
  const spec = branch ? p.branches : p;
  const capability = rng.range(spec.capability.min, spec.capability.max) * world.regions.skill[region];
  const employees = rng.int(spec.employees.min, spec.employees.max);
  const rd = rng.range(spec.rd.min, spec.rd.max);
  const i = addFirm(world.firms, {
    parent: -1, kind: branch ? KIND.branch : KIND.startup, role: ROLE.independent, champion: false,
    region, segment, birth: world.tick, capability, employees, cash: 0, rd,
  });
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
  for (let k = 0; k < entrants; k++) enter(world, counts, p, false, rng);
  for (let k = 0; k < branches; k++) enter(world, counts, p, true, rng);
}
