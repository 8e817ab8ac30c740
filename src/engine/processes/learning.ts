// learning — reads: firms' region, segment, capability, rd; geographic and cognitive weights;
// research organisations; world frontier. Writes: firms' capability and `learned` (inflow);
// research organisations' knowledge; the frontier.
//
// Δc_i = c_i·η·rd_i/T + A_i·[σ·(M_rs − c_i)⁺ + ρ·K_r·(k_r − c_i)⁺ + φ·o_r·(W − c_i)⁺]/T, where M_rs is
// the proximity-weighted mean capability of the firms a firm in (r, s) can learn from, computed
// from region × segment sums (ring convolution, then regional mixing): O(firms + R²·S) per tick.
// The firm itself is part of its pool, so a lone source at ring distance d moves it by the share
// w(d)/(w(0) + w(d)) of the gap: learning peaks where the cognitive weight does (Nooteboom).
// Each bracketed rate·A/T is capped at 1 (a tick closes at most the whole gap). Research
// knowledge and the frontier advance even when learning is off (they are not the firms').
// With networking on, collaboration ties add min(1, partners·A_i/T)·Σ_t w(d_t)·τ_t·(c_t − c_i)⁺ /
// max(1, degree_i) (c_t: the partner's capability, or a tied research organisation's knowledge
// with w = 1, both at the start of the tick), and the frontier term is × (1 − rigidity·E_i): O(ties).
//
// Local returns (ODD §7.19; off: no term): knowledge from many and varied related local sources
// adds c_i·min(1, κ·A_i/T)·ψ_i·(1 + ζ·H_rs) to the inflow, ψ_i = n/(n + n½), n the other related
// firms of the region (world.local, set by agglomeration), H_rs their diversity over segments.
// Unlike the spillover toward a mean, it grows with the number of sources: new combinations.
//
// Levers (none on: every factor below is exactly 1): rdSubsidy — the own-R&D term uses
// rd_i·(1 + rdBoost_r) (rdBoost set by market this tick). publicPlatform — σ × (1 + intensity_r)
// in the spillover term. innovationVouchers — an SME of r (employees ≤ smeEmployees) whose
// voucher the budget pays (voucherCost/T per tick, paid firm by firm in index order, all or
// nothing) learns from outside with A_i × (1 + intensity_r) in every bracketed term and the ties.
import type { Scenario } from '../../scenarios/schema.ts';
import { meanCapability } from '../firms.ts';
import type { Stream } from '../rng.ts';
import { adjacencyOf, ringDistance, type World } from '../world.ts';
import { orgOf, partnerOf, type Adjacency } from '../ties.ts';
import { exp, pow } from '../math.ts';
import { effectsOf, regionIntensities } from '../policy/effects.ts';
import { canPay, paramOf, pay } from '../policy/state.ts';
import type { RunContext } from '../context.ts';

function scratch(own: RunContext['learning'], size: number): void {
  if (own.capSum.length >= size) return;
  own.capSum = new Float64Array(size);
  own.cntSum = new Float64Array(size);
  own.capConv = new Float64Array(size);
  own.cntConv = new Float64Array(size);
  own.pool = new Float64Array(size);
}

/** pool[r·S+s]: the weighted mean capability firms in (r, s) learn from (NaN: no source). */
function knowledgePool(world: World, localOnly: boolean): void {
  const { firms, regions, cognitive, geo } = world;
  const S = world.segments.count;
  const R = regions.count;
  const size = R * S;
  const { capSum, cntSum, capConv, cntConv, pool } = world.context.learning;
  capSum.fill(0, 0, size);
  cntSum.fill(0, 0, size);
  const { region, segment, capability } = firms;
  for (let i = 0; i < firms.count; i++) {
    const k = region[i] * S + segment[i];
    capSum[k] += capability[i];
    cntSum[k] += 1;
  }
  // Ring convolution with the cognitive weights: distance d counts the segments s ± d once each.
  const D = cognitive.length;
  for (let r = 0; r < R; r++) {
    const base = r * S;
    for (let s = 0; s < S; s++) {
      let c = 0;
      let n = 0;
      for (let d = 0; d < D; d++) {
        const w = cognitive[d];
        if (w === 0) continue;
        const up = base + ((s + d) % S);
        c += w * capSum[up];
        n += w * cntSum[up];
        if (d > 0 && 2 * d !== S) {
          const down = base + ((s - d + S) % S);
          c += w * capSum[down];
          n += w * cntSum[down];
        }
      }
      capConv[base + s] = c;
      cntConv[base + s] = n;
    }
  }
  for (let r = 0; r < R; r++) {
    for (let s = 0; s < S; s++) {
      let c = capConv[r * S + s];
      let n = cntConv[r * S + s];
      if (!localOnly) {
        c = 0;
        n = 0;
        for (let q = 0; q < R; q++) {
          const w = geo[r * R + q];
          if (w === 0) continue;
          c += w * capConv[q * S + s];
          n += w * cntConv[q * S + s];
        }
      }
      pool[r * S + s] = n > 0 ? c / n : NaN;
    }
  }
}

/** rate·Σ_t w(d)·τ·(c_t − c)⁺ / max(1, degree) over firm i's ties. */
function throughTies(world: World, adj: Adjacency, i: number, c: number, rate: number): number {
  const { ties, firms, cognitive } = world;
  const S = world.segments.count;
  const { before, orgBefore } = world.context.learning;
  let sum = 0;
  for (let e = adj.start[i]; e < adj.start[i + 1]; e++) {
    const t = adj.edges[e];
    const j = partnerOf(ties, t, i);
    const source = j >= 0 ? before[j] : orgBefore[orgOf(j)];
    if (source <= c) continue;
    const w = j >= 0 ? cognitive[ringDistance(firms.segment[i], firms.segment[j], S)] : 1;
    sum += w * ties.trust[t] * (source - c);
  }
  return (rate * sum) / Math.max(1, firms.degree[i]);
}

export function learning(world: World, params: Scenario, _rng: Stream): void {
  const p = params.mechanisms.learning;
  const { firms, regions, researchOrgs } = world;
  const n = firms.count;
  const tpy = world.ticksPerYear;
  const S = world.segments.count;
  const R = regions.count;
  const frontier = world.frontier;
  const own = world.context.learning;
  // Research organisations: capacity-weighted knowledge per region, then they advance.
  if (params.mechanisms.networking.enabled) {
    if (own.orgBefore.length < researchOrgs.count) own.orgBefore = new Float64Array(researchOrgs.count);
    own.orgBefore.set(researchOrgs.knowledge.subarray(0, researchOrgs.count));
  }
  const researchLevel = new Float64Array(R);
  for (let k = 0; k < researchOrgs.count; k++) {
    researchLevel[researchOrgs.region[k]] += researchOrgs.capacity[k] * researchOrgs.knowledge[k];
    researchOrgs.knowledge[k] *= exp(researchOrgs.knowledgeGrowth[k] / tpy);
  }
  for (let r = 0; r < R; r++) if (regions.research[r] > 0) researchLevel[r] /= regions.research[r];
  world.frontier *= exp(p.frontierGrowth / tpy);
  if (!p.enabled) {
    firms.learned.fill(0, 0, n);
    return;
  }
  scratch(own, R * S);
  knowledgePool(world, p.distanceDecayKm === 0 || R === 1);

  const { region, segment, capability, rd, learned } = firms;
  const absorptive = p.absorptive;
  const meanC = absorptive.capabilityElasticity !== 0 ? meanCapability(firms) : 1;
  const ownRate = p.rdEfficiency / tpy;
  const net = params.mechanisms.networking;
  const tieLearning = net.enabled && p.partners > 0 && world.ties.count > 0;
  const rigid = net.enabled && net.rigidity > 0;
  const adj = tieLearning ? adjacencyOf(world) : null;
  if (tieLearning) {
    if (own.before.length < n) own.before = new Float64Array(firms.capacity);
    own.before.set(capability.subarray(0, n));
  }
  const lr = params.mechanisms.localReturns;
  const localKnowledge = lr.enabled ? lr.knowledge : 0;
  // Levers: read once per tick (all off when the scenario has none).
  const levers = world.policy.levers.length > 0;
  if (levers && own.platform.length < R) {
    own.platform = new Float64Array(R);
    own.vouchers = new Float64Array(R);
    own.smeSize = new Float64Array(R);
    own.voucherCost = new Float64Array(R);
  }
  const { platform, vouchers, smeSize, voucherCost, pool } = own;
  const rdBoost = levers && effectsOf(world).rdBoosted ? effectsOf(world).rdBoost : null;
  const platformOn = levers && regionIntensities(world, 'publicPlatform', platform);
  const vouchersOn = levers && regionIntensities(world, 'innovationVouchers', vouchers);
  if (vouchersOn) {
    for (let r = 0; r < R; r++) {
      if (!(vouchers[r] > 0)) continue;
      smeSize[r] = paramOf(world.policy, 'innovationVouchers', r, 'smeEmployees');
      voucherCost[r] = paramOf(world.policy, 'innovationVouchers', r, 'voucherCost') / tpy;
    }
  }
  for (let i = 0; i < n; i++) {
    const r = region[i];
    const c = capability[i];
    let a = absorptive.base * (1 + absorptive.rdWeight * rd[i]);
    if (absorptive.capabilityElasticity !== 0) a *= pow(c / meanC, absorptive.capabilityElasticity);
    if (vouchersOn && vouchers[r] > 0 && firms.employees[i] <= smeSize[r] && voucher(world, r, voucherCost[r])) {
      a *= 1 + vouchers[r];
    }
    const spillover = platformOn ? p.spillover * (1 + platform[r]) : p.spillover;
    const m = pool[r * S + segment[i]];
    let inflow = 0;
    if (m > c) inflow += Math.min(1, (spillover * a) / tpy) * (m - c);
    if (p.research > 0 && researchLevel[r] > c) {
      inflow += Math.min(1, (p.research * regions.research[r] * a) / tpy) * (researchLevel[r] - c);
    }
    if (p.frontier > 0 && frontier > c) {
      const lock = rigid ? 1 - net.rigidity * firms.embeddedness[i] : 1;
      inflow += Math.min(1, (p.frontier * regions.openness[r] * a) / tpy) * (frontier - c) * lock;
    }
    if (adj && firms.degree[i] > 0) inflow += throughTies(world, adj, i, c, Math.min(1, (p.partners * a) / tpy));
    if (localKnowledge > 0) {
      const k = r * S + segment[i];
      const sources = world.local.firms[k] - 1; // the other related firms of the region
      if (sources > 0) {
        const psi = sources / (sources + lr.halfSources);
        inflow += c * Math.min(1, (localKnowledge * a) / tpy) * psi * (1 + lr.diversityWeight * world.local.diversity[k]);
      }
    }
    learned[i] = inflow;
    const ownRd = rdBoost ? rd[i] * (1 + rdBoost[r]) : rd[i];
    capability[i] = c + c * ownRate * ownRd + inflow;
  }
}

/** Pays one SME's voucher in region r (all or nothing); true when paid. */
function voucher(world: World, r: number, cost: number): boolean {
  if (cost <= 0) return true;
  if (canPay(world.policy, 'innovationVouchers', r) < cost) return false;
  pay(world.policy, 'innovationVouchers', r, cost);
  return true;
}
