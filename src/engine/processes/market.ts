// market — reads: segment demand curves, firms' segment, capability, employees, rd; region wage
// and land cost. Writes: segments' demand, supply and price; firms' revenue, profit and cash
// (positive cash pays out the share `payout` per year to owners). With supply chains on, also
// world.supply (leaders' purchases by the leader's region), reading firms' role and buyer.
//
// p_s = p0·(D_s/Q_s)^(1/ε) with Q_s = Σ capability·employees + outside supply; flows per tick.
// Supply chains: leader ℓ buys inputs worth B_ℓ = inputShare·revenue_ℓ; its tied suppliers offer
// cap_j = supplierShare·revenue_j; it buys X_ℓ = min(B_ℓ, Σ_j cap_j) from them, pro rata to cap_j
// (extra revenue, profit and cash of j), and B_ℓ − X_ℓ outside. The leader's own accounts do not
// change: revenue_ℓ = p·c·e is its value added, and its inputs are paid out of its gross output
// (charging B_ℓ as a cost on top would penalise leaders alone, as no other firm pays for inputs).
// O(firms): a few passes.
import type { Scenario } from '../../scenarios/schema.ts';
import { demandAt } from '../demand.ts';
import type { Stream } from '../rng.ts';
import type { World } from '../world.ts';
import { pow } from '../math.ts';
import { ROLE } from '../firms.ts';

let offered = new Float64Array(0); // Σ cap_j of the suppliers of each leader (by leader index)

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
  for (let i = 0; i < n; i++) supply[segment[i]] += capability[i] * employees[i];

  const m = params.mechanisms.market;
  const inverseElasticity = 1 / m.elasticity;
  for (let s = 0; s < S; s++) {
    price[s] = supply[s] > 0 ? m.priceScale * pow(demand[s] / supply[s], inverseElasticity) : 0;
  }
  const flows = world.supply;
  flows.purchases.fill(0);
  flows.suppliers.fill(0);
  flows.local.fill(0);
  flows.province.fill(0);
  if (!m.enabled) return;

  const { region, rd, revenue, profit, cash } = firms;
  const { wage, landCost } = regions;
  const fixedCost = m.fixedCost / tpy;
  const retained = pow(1 - m.payout, 1 / tpy); // a year pays out exactly `payout`
  for (let i = 0; i < n; i++) {
    const r = region[i];
    const rev = (price[segment[i]] * capability[i] * employees[i]) / tpy;
    const cost = ((wage[r] + landCost[r]) * employees[i]) / tpy + fixedCost + rd[i] * rev;
    revenue[i] = rev;
    profit[i] = rev - cost;
  }
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
  const { purchases, suppliers, local, province: inProvince } = world.supply;
  if (offered.length < n) offered = new Float64Array(firms.capacity);
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
    if (province[region[j]] === province[rl]) inProvince[rl] += sold;
  }
}
