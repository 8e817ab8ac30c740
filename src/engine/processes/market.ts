// market — reads: segment demand curves, firms' segment, capability, employees, rd (and variety);
// region wage and land cost. Writes: segments' demand, supply and price; firms' revenue, profit,
// cash (and crowding; positive cash pays out the share `payout` per year to owners). With supply
// chains on, also world.supply (leaders' purchases by the leader's region), reading firms' role
// and buyer.
//
// p_s = p0·(D_s/Q_s)^(1/ε) with Q_s = Σ capability·employees + outside supply; flows per tick.
// Supply chains: leader ℓ buys inputs worth B_ℓ = inputShare·revenue_ℓ; its tied suppliers offer
// cap_j = supplierShare·revenue_j; it buys X_ℓ = min(B_ℓ, Σ_j cap_j) from them, pro rata to cap_j
// (extra revenue, profit and cash of j), and B_ℓ − X_ℓ outside. The leader's own accounts do not
// change: revenue_ℓ = p·c·e is its value added, and its inputs are paid out of its gross output
// (charging B_ℓ as a cost on top would penalise leaders alone, as no other firm pays for inputs).
// O(firms): a few passes.
// Functional upgrading on: revenue_i = p·c·e·v_f/T (v_f: value added of the firm's value-chain
// function f, the smile curve) and the cost adds overhead_f·e/T; off: v = 1, no overhead.
//
// Differentiation (off: every firm sells at p_s): firm i sells at p_i = p_s·(1 + μ)/(1 + μ·ρ_i),
// ρ_i the supply c·e near its position relative to an even spread of its segment (variety.ts):
// an even spread sells at p_s; a firm alone in an empty niche at up to (1 + μ)·p_s; a crowd at one
// position far below p_s (low-level price competition). Revenue_i = p_i·c_i·e_i/T.
//
// Levers (none on: every term below is exactly 1 or 0 and nothing else changes):
// procurement — region r buys G_r = intensity_r/T per tick (paid from its budget: P_r =
// pay(G_r)), spread over segments by r's firms' supply shares c·e (segments whose last price is 0
// are skipped, the rest renormalised): the demand rate rises by ΔD_s = T·P_r·share_rs/p_s⁻ (p_s⁻:
// the previous tick's price), before this tick's prices. publicPlatform — the R&D cost of a firm
// of r is rd·revenue·max(0, 1 − intensity_r/2). rdSubsidy — desired D_r = s_r·Σ_{i in r} rd_i·revenue_i,
// paid P_r = pay(D_r), φ_r = P_r/D_r; effects.rdBoost[r] = s_r·φ_r (read by learning and
// innovation this tick); the firm's own R&D cost is unchanged.
//
// Local returns (ODD §7.19; off: exactly the terms above): labour pooling — a firm's output, in
// supply and in revenue, is c·e·(1 + labourPooling·φ_i); shared suppliers — its land and fixed
// costs are × (1 − sharedSuppliers·φ_i). φ_i is set by agglomeration this tick.
import type { Scenario } from '../../scenarios/schema.ts';
import { demandAt } from '../demand.ts';
import type { Stream } from '../rng.ts';
import type { World } from '../world.ts';
import { pow } from '../math.ts';
import { computeCrowding } from '../variety.ts';
import { ROLE } from '../firms.ts';
import { effectsOf, regionIntensities } from '../policy/effects.ts';
import { pay } from '../policy/state.ts';

export function market(world: World, params: Scenario, _rng: Stream): void {
  const { firms, segments, regions } = world;
  const tpy = world.ticksPerYear;
  const year = world.tick / tpy;
  const S = segments.count;
  const { demand, demandYearAgo, supply, price } = segments;

  // Demand moves along its life cycle even with the market switched off (entry reads it).
  for (let s = 0; s < S; s++) {
    demand[s] = demandAt(segments.curves[s], year);
    demandYearAgo[s] = demandAt(segments.curves[s], year - 1);
    supply[s] = segments.outsideSupply;
  }
  const n = firms.count;
  const { segment, capability, employees } = firms;
  const lr = params.mechanisms.localReturns;
  const phi = firms.agglomeration;
  const pooling = lr.enabled ? lr.labourPooling : 0; // labour pooling: output per employee × (1 + a·φ)
  const shared = lr.enabled ? lr.sharedSuppliers : 0; // shared suppliers: land and fixed cost × (1 − b·φ)
  if (pooling > 0) for (let i = 0; i < n; i++) supply[segment[i]] += capability[i] * employees[i] * (1 + pooling * phi[i]);
  else for (let i = 0; i < n; i++) supply[segment[i]] += capability[i] * employees[i];

  const m = params.mechanisms.market;
  const levers = world.policy.levers.length > 0;
  const own = world.context.market;
  if (levers) {
    const e = effectsOf(world);
    e.rdBoost.fill(0);
    e.rdBoosted = false;
    if (own.leverAt.length < regions.count) {
      own.leverAt = new Float64Array(regions.count);
      own.platform = new Float64Array(regions.count);
    }
    if (m.enabled) procure(world);
  }
  const inverseElasticity = 1 / m.elasticity;
  for (let s = 0; s < S; s++) {
    price[s] = supply[s] > 0 ? m.priceScale * pow(demand[s] / supply[s], inverseElasticity) : 0;
  }
  const flows = world.supply;
  flows.purchases.fill(0);
  flows.suppliers.fill(0);
  flows.local.fill(0);
  flows.province.fill(0);
  flows.parts.fill(0);
  flows.partsProvince.fill(0);
  if (!m.enabled) return;

  const { region, rd, revenue, profit, cash } = firms;
  const { wage, landCost } = regions;
  const fixedCost = m.fixedCost / tpy;
  const retained = pow(1 - m.payout, 1 / tpy); // a year pays out exactly `payout`
  const diff = m.differentiation;
  if (diff.enabled) computeCrowding(world, diff);
  const { crowding } = firms;
  const { platform } = own;
  const platformOn = levers && regionIntensities(world, 'publicPlatform', platform);
  const functional = params.mechanisms.upgrading.functional;
  const fn = functional.enabled ? firms.function : null; // value added and overhead by function
  const valueAdded = functional.valueAdded;
  const overheadOf = functional.overhead;
  for (let i = 0; i < n; i++) {
    const r = region[i];
    let rev = (price[segment[i]] * capability[i] * employees[i]) / tpy;
    if (pooling > 0) rev *= 1 + pooling * phi[i];
    if (diff.enabled) rev *= (1 + diff.premium) / (1 + diff.premium * crowding[i]);
    let overhead = 0;
    if (fn) {
      rev *= valueAdded[fn[i]];
      overhead = (overheadOf[fn[i]] * employees[i]) / tpy;
    }
    const rdCost = platformOn ? rd[i] * rev * Math.max(0, 1 - platform[r] / 2) : rd[i] * rev;
    const cost = (shared > 0
      ? ((wage[r] + landCost[r] * (1 - shared * phi[i])) * employees[i]) / tpy + fixedCost * (1 - shared * phi[i]) + rdCost
      : ((wage[r] + landCost[r]) * employees[i]) / tpy + fixedCost + rdCost) + overhead;
    revenue[i] = rev;
    profit[i] = rev - cost;
  }
  if (levers) subsidiseRd(world);
  if (params.mechanisms.supply.enabled) buyInputs(world, params);
  for (let i = 0; i < n; i++) {
    const c = cash[i] + profit[i];
    cash[i] = c > 0 ? c * retained : c;
  }
}

/** Leaders' purchases from their suppliers and outside; books world.supply. */
function buyInputs(world: World, params: Scenario): void {
  const { firms, regions } = world;
  const { inputShare, supplierShare } = params.mechanisms.supply;
  const n = firms.count;
  const { role, buyer, region, revenue, profit } = firms;
  const province = regions.province;
  const { purchases, suppliers, local, province: inProvince, parts, partsProvince, isParts } = world.supply;
  const own = world.context.market;
  if (own.offered.length < n) own.offered = new Float64Array(firms.capacity);
  const { offered } = own;
  offered.fill(0, 0, n);
  for (let j = 0; j < n; j++) {
    const l = buyer[j];
    if (l >= 0 && role[l] === ROLE.leader) offered[l] += supplierShare * Math.max(0, revenue[j]);
  }
  // offered[ℓ] becomes the share of each unit offered that ℓ buys: X_ℓ / Σ cap_j.
  for (let l = 0; l < n; l++) {
    if (role[l] !== ROLE.leader) continue;
    const budget = inputShare * Math.max(0, revenue[l]);
    purchases[region[l]] += budget;
    const total = offered[l];
    offered[l] = total > 0 ? Math.min(budget, total) / total : 0;
  }
  for (let j = 0; j < n; j++) {
    const l = buyer[j];
    if (l < 0 || role[l] !== ROLE.leader) continue;
    const sold = offered[l] * supplierShare * Math.max(0, revenue[j]);
    revenue[j] += sold;
    profit[j] += sold;
    const rl = region[l];
    suppliers[rl] += sold;
    if (region[j] === rl) local[rl] += sold;
    const home = province[region[j]] === province[rl];
    if (home) inProvince[rl] += sold;
    if (isParts[firms.segment[j]]) {
      parts[rl] += sold;
      if (home) partsProvince[rl] += sold;
    }
  }
}

/**
 * procurement: each region r with the lever on buys intensity_r/T this tick (what its budget
 * pays), spread over segments in proportion to r's firms' supply c·e, at the previous tick's
 * price; adds the quantity (as a rate per year) to segment demand before prices are set.
 */
function procure(world: World): void {
  const { leverAt } = world.context.market;
  if (!regionIntensities(world, 'procurement', leverAt)) return;
  const { firms, segments } = world;
  const R = world.regions.count;
  const S = segments.count;
  const tpy = world.ticksPerYear;
  const { price, demand } = segments; // price: still the previous tick's
  const bySegment = new Float64Array(R * S);
  for (let i = 0; i < firms.count; i++) {
    const r = firms.region[i];
    if (leverAt[r] > 0) bySegment[r * S + firms.segment[i]] += firms.capability[i] * firms.employees[i];
  }
  for (let r = 0; r < R; r++) {
    if (!(leverAt[r] > 0)) continue;
    let total = 0;
    for (let s = 0; s < S; s++) if (price[s] > 0) total += bySegment[r * S + s];
    if (!(total > 0)) continue; // nothing to buy: nothing paid
    const paid = pay(world.policy, 'procurement', r, leverAt[r] / tpy);
    if (!(paid > 0)) continue;
    for (let s = 0; s < S; s++) {
      const supplied = bySegment[r * S + s];
      if (price[s] > 0 && supplied > 0) demand[s] += (tpy * paid * (supplied / total)) / price[s];
    }
  }
}

/**
 * rdSubsidy: region r's levers pay s_r·rd_i·revenue_i for its firms (pro rata when the budget is
 * short); effects.rdBoost[r] = s_r·paid/desired.
 */
function subsidiseRd(world: World): void {
  const { leverAt } = world.context.market;
  if (!regionIntensities(world, 'rdSubsidy', leverAt)) return;
  const { firms } = world;
  const R = world.regions.count;
  const desired = new Float64Array(R);
  for (let i = 0; i < firms.count; i++) {
    const r = firms.region[i];
    if (leverAt[r] > 0) desired[r] += firms.rd[i] * Math.max(0, firms.revenue[i]);
  }
  const e = effectsOf(world);
  for (let r = 0; r < R; r++) {
    const want = leverAt[r] * desired[r];
    if (!(want > 0)) continue;
    const paid = pay(world.policy, 'rdSubsidy', r, want);
    e.rdBoost[r] = leverAt[r] * (paid / want);
    if (e.rdBoost[r] > 0) e.rdBoosted = true;
  }
}
