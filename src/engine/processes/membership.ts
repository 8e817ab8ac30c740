// membership — promotion organisations whose members choose to join (`membership: choice`), a step
// of networking run on its stream before the ties interact. Reads: firms' region, segment,
// employees, capability, promo, cash; ties; research organisations' regions; the organisations'
// fees, values, public money. Writes: firms' promo and cash (the fee), research organisations'
// membership (promotion.researchPromo), promotion.members and promotion.budget. O(firms + ties +
// research organisations) per tick, per organisation aggregates only (never pairwise).
//
// The organisation is a club good (Buchanan 1965): what a member gets grows with the members, and a
// network weaver's services grow with its budget (Ketels & Memedovic 2008; Lundequist & Power 2002;
// seeds 000–002: Silicon Saxony from 20 members in 2000 to 350+, mostly financed by its SMEs).
// For organisation k (tick ≥ start) with M_k members (firms and research organisations):
//   budget_k  = F_k·(1 + matchRate) + budgetPerYear·[tick − start < publicYears·T],
//               F_k = Σ_members fee (fee = feeLarge if employees ≥ largeEmployees, else feeSme;
//               feeResearch for research organisations)
//   B_ik      = tieValue·(e_i/largeEmployees)^sizeElasticity·ln(1 + U_ik)
//               + spilloverValue·max(0, c̄_k − c_i)/c̄_k + serviceValue·budget_k/max(1, M_k)
//               U_ik = members of k other than i that i has no tie to (a large firm can use more
//               partners, hence the size factor); c̄_k the members' mean capability (research
//               organisations: e = largeEmployees, no spillover term)
//   N_ik      = B_ik − fee_i
// Firms value membership differently (private valuations, logit with scale s = benefitSpread, as in
// discrete choice): a non-member of one of k's regions joins with
// tickProbability(joinRate·σ(N_ik/s), T) (organisations in order, the first it joins), a member
// leaves with tickProbability(leaveRate·σ(−N_ik/s), T), σ(x) = 1/(1 + e^−x): leaving is likely only
// once the net benefit has turned negative, and takes time (inertia). Members pay fee/T from cash
// each tick. At the start tick the `founders` largest firms of its regions (employees, then
// index) join. Draws: one uniform per decision (non-member × eligible organisation, member).
import type { Stream } from '../rng.ts';
import type { World } from '../world.ts';
import { belowTickProbability, exp, log, pow } from '../math.ts';
import { orgOf } from '../ties.ts';

/** The annual fee of firm i for organisation k. */
function feeOf(world: World, k: number, i: number): number {
  const org = world.promotion;
  return world.firms.employees[i] >= org.largeEmployees[k] ? org.feeLarge[k] : org.feeSme[k];
}

export function membership(world: World, rng: Stream): void {
  const { firms, promotion: org, researchOrgs, ties } = world;
  const K = org.count;
  const R = world.regions.count;
  const n = firms.count;
  const O = researchOrgs.count;
  const tpy = world.ticksPerYear;
  const { promo, capability } = firms;
  const rp = org.researchPromo;

  // Aggregates per organisation: members, capability sum, fees.
  const capSum = new Float64Array(K);
  const firmMembers = new Float64Array(K);
  const fees = new Float64Array(K);
  org.members.fill(0);
  for (let i = 0; i < n; i++) {
    const k = promo[i];
    if (k < 0) continue;
    org.members[k]++;
    firmMembers[k]++;
    capSum[k] += capability[i];
    if (org.choice[k]) fees[k] += feeOf(world, k, i);
  }
  for (let o = 0; o < O; o++) {
    const k = rp[o];
    if (k < 0) continue;
    org.members[k]++;
    fees[k] += org.feeResearch[k];
  }

  let active = false;
  for (let k = 0; k < K; k++) {
    if (!org.choice[k] || world.tick < org.startTick[k]) continue;
    active = true;
    if (world.tick === org.startTick[k] && org.founders[k] > 0) found(world, k, capSum, firmMembers, fees);
    const publicMoney = world.tick - org.startTick[k] < org.publicTicks[k] ? org.budgetPerYear[k] : 0;
    org.budget[k] = fees[k] * (1 + org.matchRate[k]) + publicMoney;
  }
  if (!active) return;

  // Ties to members, per (firm or research organisation, organisation): one pass over the ties.
  const own = world.context.membership;
  if (own.tiedFirm.length < n * K) own.tiedFirm = new Int32Array(firms.capacity * K);
  if (own.tiedResearch.length < O * K) own.tiedResearch = new Int32Array(O * K);
  const { tiedFirm, tiedResearch } = own;
  tiedFirm.fill(0, 0, n * K);
  tiedResearch.fill(0, 0, O * K);
  for (let t = 0; t < ties.count; t++) {
    const a = ties.a[t];
    const b = ties.b[t];
    const ka = promo[a];
    if (b >= 0) {
      if (promo[b] >= 0) tiedFirm[a * K + promo[b]]++;
      if (ka >= 0) tiedFirm[b * K + ka]++;
    } else {
      const o = orgOf(b);
      if (rp[o] >= 0) tiedFirm[a * K + rp[o]]++;
      if (ka >= 0) tiedResearch[o * K + ka]++;
    }
  }

  // Net benefit of membership in k for an entity with `tied` ties to k's members, capability c
  // (NaN: a research organisation), employees e and fee; `self` is 1 when it is a member of k.
  const services = new Float64Array(K);
  const meanCap = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    services[k] = org.serviceValue[k] * org.budget[k] / Math.max(1, org.members[k]);
    meanCap[k] = firmMembers[k] > 0 ? capSum[k] / firmMembers[k] : 0;
  }
  const net = (k: number, tied: number, self: number, c: number, e: number, fee: number): number => {
    const untied = Math.max(0, org.members[k] - self - tied);
    const size = e === org.largeEmployees[k] ? 1 : pow(e / org.largeEmployees[k], org.sizeElasticity[k]);
    let b = org.tieValue[k] * size * log(1 + untied) + services[k];
    if (!Number.isNaN(c) && meanCap[k] > c) b += (org.spilloverValue[k] * (meanCap[k] - c)) / meanCap[k];
    return b - fee;
  };
  const sigma = (x: number) => 1 / (1 + exp(-x));
  const joins = (k: number, N: number) => belowTickProbability(rng.uniform(), org.joinRate[k] * sigma(N / org.benefitSpread[k]), tpy);
  const leaves = (k: number, N: number) => belowTickProbability(rng.uniform(), org.leaveRate[k] * sigma(-N / org.benefitSpread[k]), tpy);
  const eligible = (k: number, r: number) => org.choice[k] === 1 && world.tick >= org.startTick[k] && org.inRegion[k * R + r] === 1;

  for (let i = 0; i < n; i++) {
    const r = firms.region[i];
    const k0 = promo[i];
    if (k0 >= 0) {
      if (!org.choice[k0]) continue;
      const fee = feeOf(world, k0, i);
      if (leaves(k0, net(k0, tiedFirm[i * K + k0], 1, capability[i], firms.employees[i], fee))) {
        promo[i] = -1;
        org.members[k0]--;
        continue;
      }
      firms.cash[i] -= fee / tpy;
      continue;
    }
    for (let k = 0; k < K; k++) {
      if (!eligible(k, r)) continue;
      const fee = feeOf(world, k, i);
      if (joins(k, net(k, tiedFirm[i * K + k], 0, capability[i], firms.employees[i], fee))) {
        promo[i] = k;
        org.members[k]++;
        firms.cash[i] -= fee / tpy;
        break;
      }
    }
  }
  for (let o = 0; o < O; o++) {
    const k0 = rp[o];
    if (k0 >= 0) {
      if (!org.choice[k0]) continue;
      if (leaves(k0, net(k0, tiedResearch[o * K + k0], 1, NaN, org.largeEmployees[k0], org.feeResearch[k0]))) {
        rp[o] = -1;
        org.members[k0]--;
      }
      continue;
    }
    const r = researchOrgs.region[o];
    for (let k = 0; k < K; k++) {
      if (!eligible(k, r)) continue;
      if (joins(k, net(k, tiedResearch[o * K + k], 0, NaN, org.largeEmployees[k], org.feeResearch[k]))) {
        rp[o] = k;
        org.members[k]++;
        break;
      }
    }
  }
}

/** The founders of organisation k: its regions' largest non-member firms (employees, then index). */
function found(world: World, k: number, capSum: Float64Array, firmMembers: Float64Array, fees: Float64Array): void {
  const { firms, promotion: org } = world;
  const R = world.regions.count;
  const candidates: number[] = [];
  for (let i = 0; i < firms.count; i++) {
    if (firms.promo[i] < 0 && org.inRegion[k * R + firms.region[i]]) candidates.push(i);
  }
  candidates.sort((a, b) => firms.employees[b] - firms.employees[a] || a - b);
  for (const i of candidates.slice(0, org.founders[k])) {
    firms.promo[i] = k;
    org.members[k]++;
    firmMembers[k]++;
    capSum[k] += firms.capability[i];
    fees[k] += feeOf(world, k, i);
  }
}
