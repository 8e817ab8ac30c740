// Levers that change regional state or the network and labour processes while they are on.
// Called by the policy process every tick, after the levers were switched on or off and
// the intensity table was filled, so every effect below is in place before market runs. Each lever
// acts only through the mechanism its catalogue entry names; the processes read the effects here
// through `regionalEffects(world)` (null when the scenario has no levers: the old code paths).
//
// x_r^k = intensityOf(k, r): Σ intensity of the active levers of kind k in region r.
// - barrierRemoval: f_ab = f⁰_ab·(1 − max(min(1, x_a), min(1, x_b))) for a ≠ b (f⁰: the scenario's
//   friction); world.friction and world.geo are recomputed only when the x vector changes (and
//   restored exactly when it returns to 0). Running cost (policy process).
// - openness: openness_r = min(1, o⁰_r + x_r) while x_r > 0, else o⁰_r (learning reads it);
//   networking reads x_r (pipeline share × (1 + x_r), capped at 1). Running cost.
// - promotionOrganisation: organisation k of lever l (world.promotion.lever[k] = l) is on while l
//   is on in some region: places ⌊perYear/costPerMember⌋, joining only from regions where l is on,
//   formationBoost = trustBoost = intensity·φ, φ = paid/desired, desired = members·costPerMember/T
//   booked equally over l's active regions. While off: no places, no joining, no boost (members
//   stay members). Rule `choice`: no places; members join by choice (processes/membership.ts),
//   the lever pays perYear/T per tick (as far as the budget goes) as the organisation's public
//   money, booked equally over its active regions; formationBoost = trustBoost = intensity.
// - chainLeader: desired_r = (supply ties whose leader is in r)·costPerTie/T, paid through `pay`;
//   chain_r = x_r·φ_r, φ_r = paid/desired (1 when there is nothing to pay and the budget is not
//   empty, 0 when it is): supply adds chain_r to the local and province weights of suppliers in r.
// - localiseBranches: desired_r = (branches in r)·costPerBranch/T; branch_r = x_r·φ_r (networking:
//   branches' attempts × (1 + branch_r), no pipeline search; supply: local weight + branch_r for
//   suppliers of branch leaders in r).
// - talentProgram: amenity_r = params.amenity while the lever is on and can still pay (migration);
//   the extra pool growth and its payment are in growth.
// - subsidyRace / coordination: incentives.ts (updated here each tick, paid by entry).
import type { Scenario } from '../../scenarios/schema.ts';
import { KIND } from '../firms.ts';
import { geoWeightsFrom } from '../proximity.ts';
import type { World } from '../world.ts';
import type { RegionalState } from '../context.ts';
import { updateIncentives } from './incentives.ts';
import { LEVER } from './catalogue.ts';
import { available, book, canPay, intensityOf, pay, paramOf } from './state.ts';

export interface RegionalEffects {
  /** openness intensity per region (networking: pipeline share × (1 + x)). */
  openness: Float64Array;
  /** chainLeader utility per supplier region (paid share applied). */
  chain: Float64Array;
  /** localiseBranches strength per region (paid share applied). */
  branch: Float64Array;
  /** talentProgram amenity added in migration choices. */
  amenity: Float64Array;
}

/** The effects the processes read this tick; null when the run has no levers. */
export function regionalEffects(world: World): RegionalEffects | null {
  return world.context.regional?.effects ?? null;
}

/** The run's regional lever state (world.context.regional), created on the first tick with levers. */
function stateOf(world: World): RegionalState {
  let s = world.context.regional;
  if (!s) {
    const R = world.regions.count;
    s = {
      baseFriction: world.friction.slice(),
      baseOpenness: world.regions.openness.slice(),
      barrier: new Float64Array(R),
      effects: { openness: new Float64Array(R), chain: new Float64Array(R), branch: new Float64Array(R), amenity: new Float64Array(R) },
    };
    world.context.regional = s;
  }
  return s;
}

export function applyRegionalLevers(world: World, params: Scenario): void {
  if (world.policy.levers.length === 0) return;
  const s = stateOf(world);
  barriers(world, params, s);
  openness(world, s);
  promotion(world);
  perUnit(world, s);
  talent(world, s);
  updateIncentives(world, params);
}

function barriers(world: World, params: Scenario, s: RegionalState): void {
  const R = world.regions.count;
  let changed = false;
  for (let r = 0; r < R; r++) {
    const x = Math.min(1, intensityOf(world.policy, 'barrierRemoval', r, R));
    if (x !== s.barrier[r]) changed = true;
    s.barrier[r] = x;
  }
  if (!changed) return;
  const f = world.friction;
  for (let a = 0; a < R; a++) {
    for (let b = 0; b < R; b++) {
      const k = a * R + b;
      const x = Math.max(s.barrier[a], s.barrier[b]);
      f[k] = a !== b && x > 0 ? s.baseFriction[k] * (1 - x) : s.baseFriction[k];
    }
  }
  geoWeightsFrom(params, world.distance, f, R, world.geo);
}

function openness(world: World, s: RegionalState): void {
  const R = world.regions.count;
  const o = world.regions.openness;
  for (let r = 0; r < R; r++) {
    const x = intensityOf(world.policy, 'openness', r, R);
    s.effects.openness[r] = x;
    o[r] = x > 0 ? Math.min(1, s.baseOpenness[r] + x) : s.baseOpenness[r];
  }
}

/** The promotion organisations run by promotionOrganisation levers. */
function promotion(world: World): void {
  const org = world.promotion;
  if (!org.lever.some((l) => l >= 0)) return;
  const R = world.regions.count;
  const { firms } = world;
  const members = new Int32Array(org.count);
  for (let i = 0; i < firms.count; i++) if (firms.promo[i] >= 0) members[firms.promo[i]]++;
  const tpy = world.ticksPerYear;
  for (let k = 0; k < org.count; k++) {
    if (org.lever[k] < 0) continue;
    const l = world.policy.levers[org.lever[k]];
    let on = 0;
    for (let r = 0; r < R; r++) {
      org.inRegion[k * R + r] = l.active[r];
      on += l.active[r];
    }
    if (on === 0) {
      org.budgetPerYear[k] = 0;
      org.formationBoost[k] = 0;
      org.trustBoost[k] = 0;
      continue;
    }
    if (org.choice[k]) {
      // Membership by choice: the lever pays its yearly budget as public money beside the fees.
      const paid = Math.min(l.perYear / tpy, available(l));
      for (let r = 0; r < R; r++) if (l.active[r]) book(world.policy, l, r, paid / on);
      org.budgetPerYear[k] = paid * tpy;
      org.formationBoost[k] = l.intensity;
      org.trustBoost[k] = l.intensity;
      continue;
    }
    const desired = (members[k] * org.costPerMember[k]) / tpy;
    const paid = Math.min(desired, available(l));
    for (let r = 0; r < R; r++) if (l.active[r]) book(world.policy, l, r, paid / on);
    const share = desired > 0 ? paid / desired : available(l) > 0 ? 1 : 0;
    org.budgetPerYear[k] = l.perYear;
    org.formationBoost[k] = l.intensity * share;
    org.trustBoost[k] = l.intensity * share;
  }
}

/** chainLeader (per supply tie of a leader in r) and localiseBranches (per branch in r). */
function perUnit(world: World, s: RegionalState): void {
  const R = world.regions.count;
  const P = world.policy;
  const { chain, branch } = s.effects;
  let anyChain = false;
  let anyBranch = false;
  for (let r = 0; r < R; r++) {
    chain[r] = intensityOf(P, 'chainLeader', r, R);
    branch[r] = intensityOf(P, 'localiseBranches', r, R);
    if (chain[r] > 0) anyChain = true;
    if (branch[r] > 0) anyBranch = true;
  }
  if (!anyChain && !anyBranch) return;
  const { firms } = world;
  const ties = new Float64Array(R);
  const branches = new Float64Array(R);
  for (let i = 0; i < firms.count; i++) {
    const b = firms.buyer[i];
    if (b >= 0) ties[firms.region[b]]++;
    if (firms.kind[i] === KIND.branch) branches[firms.region[i]]++;
  }
  const tpy = world.ticksPerYear;
  const scale = (x: Float64Array, kind: 'chainLeader' | 'localiseBranches', units: Float64Array, param: string) => {
    for (let r = 0; r < R; r++) {
      if (!(x[r] > 0)) continue;
      const desired = (units[r] * paramOf(P, kind, r, param)) / tpy;
      if (desired > 0) x[r] *= pay(P, kind, r, desired) / desired;
      else if (!(canPay(P, kind, r) > 0)) x[r] = 0;
    }
  };
  if (anyChain) scale(chain, 'chainLeader', ties, 'costPerTie');
  if (anyBranch) scale(branch, 'localiseBranches', branches, 'costPerBranch');
}

function talent(world: World, s: RegionalState): void {
  const R = world.regions.count;
  const P = world.policy;
  const k = LEVER.talentProgram;
  let any = false;
  for (const l of P.levers) if (l.kind === k) any = true;
  if (!any) return;
  for (let r = 0; r < R; r++) {
    s.effects.amenity[r] = canPay(P, 'talentProgram', r) > 0 ? paramOf(P, 'talentProgram', r, 'amenity') : 0;
  }
}
