// spinoffs — reads: firms' size, capability, segment, region, rd; regions' culture; research
// organisations. Writes: new firms (kind spinoff / academicSpinoff), parents' employees, events.
//
// A firm spawns with annual probability min(1, rate·(e/e_ref)^a·(c/c̄)^b·culture_r), per tick
// 1 − (1 − p)^(1/T). The founder takes k ~ U{kmin..kmax} employees (only if e ≥ k + 1); the child
// inherits c·(heredity + noise·U(−1,1)), the parent's R&D and a position at or next to the
// parent's (Klepper's heredity), in the parent's region unless it relocates. Research
// organisations found academic spin-offs at Poisson rate `academic.rate`·capacity per year.
// With differentiation on, a child's position inside its segment is the parent's
// + spinoffNoise·U(−1, 1) on the circle; an academic spin-off's is U[0, 1) (one draw each, last).
// With networking on and `parentTie`, a child starts tied to its parent (trust max(initialTrust,
// 0.5)) when both are below the cap. With migration on, founders who relocate take their place in
// the labour pool and their skill with them (pool_b·skill_b + k·skill_a)/(pool_b + k).
//
// Local returns (ODD §7.19; off: the factor is exactly 1): the annual probability is also
// × (1 + founding·φ_i) — founders who see many related firms around them (seed 003's "friends and
// relatives"; Klepper's local spawning), φ_i set by agglomeration this tick.
//
// Lever startupSupport (off: the factor is exactly 1, cash 0, no draw added): in a region
// r where it is on and its budget can pay seedMoney at the start of the process, firms spawn with
// annual probability min(1, rate·…·(1 + intensity_r)); each firm spin-off founded in a region where
// it is on gets seedMoney as cash when the budget pays it then (all or nothing; pay). Academic
// spin-offs are not covered.
import type { Scenario } from '../../scenarios/schema.ts';
import { addFirm, KIND, meanCapability, ROLE } from '../firms.ts';
import { chooseRegion, countFirms } from '../location.ts';
import { EVENT, logEvent } from '../log.ts';
import type { Stream } from '../rng.ts';
import type { World } from '../world.ts';
import { addTie } from '../ties.ts';
import { near } from '../variety.ts';
import { belowTickProbability, pow } from '../math.ts';
import { regionIntensities, seedMoney, seedPayable } from '../policy/effects.ts';

export function spinoffs(world: World, params: Scenario, rng: Stream): void {
  if (params.mechanisms.spinoffs.enabled) firmSpinoffs(world, params, rng);
  academicSpinoffs(world, params, rng); // switched off by academic.rate = 0, not by `enabled`
}

function firmSpinoffs(world: World, params: Scenario, rng: Stream): void {
  const p = params.mechanisms.spinoffs;
  const { firms, regions } = world;
  const tpy = world.ticksPerYear;
  const S = world.segments.count;
  const n = firms.count; // children born now do not spawn in their first tick
  const meanC = p.capabilityElasticity !== 0 ? meanCapability(firms) : 1;
  const counts = p.relocate > 0 ? countFirms(world) : null;
  const net = params.mechanisms.networking;
  const parentTie = net.enabled && net.parentTie;
  const foundersMove = params.mechanisms.migration.enabled;
  const positioned = params.mechanisms.market.differentiation.enabled;
  const noise = params.mechanisms.market.differentiation.spinoffNoise;
  const R = regions.count;
  const lr = params.mechanisms.localReturns;
  const founding = lr.enabled ? lr.founding : 0;
  const own = world.context.spinoffs;
  if (own.support.length < R) own.support = new Float64Array(R);
  const { support } = own;
  const supportOn = world.policy.levers.length > 0 && regionIntensities(world, 'startupSupport', support);
  if (supportOn) for (let r = 0; r < R; r++) if (support[r] > 0 && !seedPayable(world, r)) support[r] = 0;

  for (let i = 0; i < n; i++) {
    let annual = p.rate * regions.culture[firms.region[i]];
    if (supportOn) annual *= 1 + support[firms.region[i]];
    if (founding > 0) annual *= 1 + founding * firms.agglomeration[i];
    if (p.sizeElasticity !== 0) annual *= pow(firms.employees[i] / p.sizeRef, p.sizeElasticity);
    if (p.capabilityElasticity !== 0) annual *= pow(firms.capability[i] / meanC, p.capabilityElasticity);
    if (!belowTickProbability(rng.uniform(), annual, tpy)) continue;
    const k = rng.int(p.founders.min, p.founders.max);
    if (firms.employees[i] < k + 1) continue;
    firms.employees[i] -= k;

    let segment = firms.segment[i];
    if (rng.uniform() < p.segmentShift) segment = (segment + (rng.uniform() < 0.5 ? S - 1 : 1)) % S;
    const capability = Math.max(1e-6, firms.capability[i] * (p.heredity + p.noise * (2 * rng.uniform() - 1)));
    let region = firms.region[i];
    if (counts && rng.uniform() < p.relocate) {
      const chosen = chooseRegion(world, counts, segment, params.mechanisms.entry, rng);
      if (chosen !== region) {
        regions.employed[region] -= k;
        regions.employed[chosen] += k;
        if (foundersMove) moveFounders(world, region, chosen, k);
        region = chosen;
      }
    }
    const child = addFirm(firms, {
      parent: firms.id[i], kind: KIND.spinoff, role: ROLE.independent, champion: false, region, segment,
      birth: world.tick, capability, employees: k, cash: supportOn ? seedMoney(world, region) : 0, rd: firms.rd[i],
    });
    if (positioned) firms.variety[child] = near(firms.variety[i], noise, rng); // heredity of the niche
    world.counts.spinoffs[region]++;
    logEvent(world.events, world.tick, EVENT.spinoff, firms.id[child], firms.id[i], region, segment, capability, k);
    if (parentTie && firms.degree[i] < net.maxTies) {
      addTie(world.ties, firms, child, i, Math.max(net.initialTrust, 0.5), world.tick);
      world.counts.tiesFormed[region]++;
    }
  }
}

/** k founders leave region a's labour pool for region b's, carrying a's skill. */
function moveFounders(world: World, a: number, b: number, k: number): void {
  const { labourPool: pool, skill } = world.regions;
  const moved = Math.min(k, pool[a]);
  if (moved <= 0) return;
  skill[b] = (pool[b] * skill[b] + moved * skill[a]) / (pool[b] + moved);
  pool[a] -= moved;
  pool[b] += moved;
}

function academicSpinoffs(world: World, params: Scenario, rng: Stream): void {
  const a = params.mechanisms.spinoffs.academic;
  const orgs = world.researchOrgs;
  if (a.rate <= 0 || orgs.count === 0) return;
  const { firms, regions } = world;
  const S = world.segments.count;
  const rdRange = params.mechanisms.entry.rd;
  for (let k = 0; k < orgs.count; k++) {
    const births = rng.poisson((a.rate * orgs.capacity[k]) / world.ticksPerYear);
    const region = orgs.region[k];
    const focus = orgs.segments[k];
    for (let b = 0; b < births; b++) {
      const segment = focus.length > 0 ? focus[rng.int(0, focus.length - 1)] : rng.int(0, S - 1);
      const capability = orgs.knowledge[k] * rng.range(1 - a.noise, 1 + a.noise);
      const employees = rng.int(a.employees.min, a.employees.max);
      const rd = rng.range(rdRange.min, rdRange.max);
      const i = addFirm(firms, {
        parent: -1, kind: KIND.academicSpinoff, role: ROLE.independent, champion: false, region,
        segment, birth: world.tick, capability, employees, cash: 0, rd,
      });
      if (params.mechanisms.market.differentiation.enabled) firms.variety[i] = rng.uniform();
      regions.employed[region] += employees;
      world.counts.academicSpinoffs[region]++;
      logEvent(world.events, world.tick, EVENT.academic_spinoff, firms.id[i], -1, region, segment, capability, employees);
    }
  }
}
