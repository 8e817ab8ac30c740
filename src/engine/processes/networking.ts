// networking — collaboration ties and promotion organisations. Reads: firms' region, segment,
// degree, promo, buyer; regions' distance and friction; cognitive weights; research
// organisations' regions. Writes: world.ties (trust, last interaction, new and dissolved ties),
// firms' promo, degree (through ties.ts) and embeddedness; promotion members; counts.tiesFormed /
// tiesDissolved. Off unless `mechanisms.networking.enabled`. O(firms + ties + R² + K) per tick.
//
// 1. Promotion: org k (tick ≥ start) has ⌊budget/costPerMember⌋ places; a non-member firm of one
//    of its regions joins with tickProbability(joinRate, T) while places are free (lowest k first).
//    Organisations with `membership: choice` instead: firms and research organisations join and
//    leave by their net benefit (membership.ts, on this stream).
// 2. Ties: λ = (local ? interactionLocal : interactionPipeline)·(1 + trustBoost_k for co-members);
//    with probability 1 − exp(−λ/T) the tie interacts: last = tick, τ += min(1, g/T)·(1 − τ),
//    g = trustGrowth·(1 + trustBoost_k); otherwise τ ·= exp(−trustDecay/T). Ties idle for more than
//    idleYears·T ticks dissolve.
// 3. Embeddedness E_i = min(1, (Σ_local ties τ + [local buyer]) / maxTies).
// 4. Formation: a firm below the cap attempts with probability 1 − exp(−formationRate·m_i·(1 −
//    rigidity·E_i)/T), m_i = 1 + formationBoost_k for members. Channel: u < closure → a partner's
//    partner; u < closure + researchShare → a research organisation of the region; else with
//    probability pipelineShare·(1 − rigidity·E_i) a firm of another region; else a firm of the own
//    region. A firm accepts with P = w(d)/max w · geo · (1 − friction) · B · C (capped at 1):
//    geo = exp(−distance/δ) across regions, B = 1 + formationBoost_k for co-members, C = 1 +
//    trustWeight·τ of the tie to the intermediary (closure only). Organisations always accept.
// Levers (policy/regional.ts; no effect at intensity 0): openness x_r: pipelineShare → min(1,
// pipelineShare·(1 + x_r)) for firms of r; localiseBranches b_r (paid share applied): branches of r
// attempt with rate × (1 + b_r) and never search pipelines (share 0; closure and research
// organisations stay); promotionOrganisation: a lever's organisation gets places, regions and
// boosts from regional.ts while the lever is on (places may be Infinity: no yearly budget).
import type { Scenario } from '../../scenarios/schema.ts';
import type { Stream } from '../rng.ts';
import { adjacencyOf, ringDistance, type World } from '../world.ts';
import { addTie, orgEndpoint, orgOf, partnerOf, removeTies, tied } from '../ties.ts';
import { belowRateProbability, exp, rateProbability, tickProbability } from '../math.ts';
import { KIND } from '../firms.ts';
import { groupByRegion } from '../groups.ts';
import { regionalEffects } from '../policy/regional.ts';
import { membership } from './membership.ts';

type Networking = Scenario['mechanisms']['networking'];

export function networking(world: World, params: Scenario, rng: Stream): void {
  const p = params.mechanisms.networking;
  if (!p.enabled) return;
  if (world.promotion.count > 0) {
    promotion(world, rng);
    if (world.promotion.choice.includes(1)) membership(world, rng);
  }
  interact(world, p, rng);
  embeddedness(world, p);
  formation(world, p, rng);
}

/** Step 1: members are recounted, then non-members of the organisations' regions join. */
function promotion(world: World, rng: Stream): void {
  const { firms, promotion: org } = world;
  const R = world.regions.count;
  const K = org.count;
  const places = new Float64Array(K); // Infinity: a lever's organisation without a yearly budget
  org.members.fill(0);
  for (let i = 0; i < firms.count; i++) if (firms.promo[i] >= 0) org.members[firms.promo[i]]++;
  let open = false;
  for (let k = 0; k < K; k++) {
    if (org.choice[k]) continue; // members by choice: membership.ts
    const started = world.tick >= org.startTick[k];
    org.budget[k] = started ? org.budgetPerYear[k] : 0;
    places[k] = started ? Math.floor(org.budgetPerYear[k] / org.costPerMember[k]) : 0;
    if (org.members[k] < places[k]) open = true;
  }
  if (!open) return;
  const tpy = world.ticksPerYear;
  for (let i = 0; i < firms.count; i++) {
    if (firms.promo[i] >= 0) continue;
    const r = firms.region[i];
    for (let k = 0; k < K; k++) {
      if (org.members[k] >= places[k] || !org.inRegion[k * R + r]) continue;
      if (rng.uniform() < tickProbability(org.joinRate[k], tpy)) {
        firms.promo[i] = k;
        org.members[k]++;
        break;
      }
    }
  }
}

/** Region of tie endpoint b (a firm index, or a research organisation's code). */
function endpointRegion(world: World, b: number): number {
  return b >= 0 ? world.firms.region[b] : world.researchOrgs.region[orgOf(b)];
}

/** The promotion organisation both endpoints belong to (research organisations only under choice), or −1. */
function sharedOrg(world: World, a: number, b: number): number {
  if (b < 0) {
    const k = world.firms.promo[a];
    return k >= 0 && k === world.promotion.researchPromo[orgOf(b)] ? k : -1;
  }
  const k = world.firms.promo[a];
  return k >= 0 && k === world.firms.promo[b] ? k : -1;
}

/** Step 2: interaction, trust growth and decay; idle ties dissolve. */
function interact(world: World, p: Networking, rng: Stream): void {
  const { ties, firms } = world;
  const tpy = world.ticksPerYear;
  const decay = exp(-p.trustDecay / tpy);
  const idle = p.idleYears * tpy;
  for (let t = 0; t < ties.count; t++) {
    const a = ties.a[t];
    const b = ties.b[t];
    const local = firms.region[a] === endpointRegion(world, b);
    const k = sharedOrg(world, a, b);
    const boost = k >= 0 ? 1 + world.promotion.trustBoost[k] : 1;
    const lambda = (local ? p.interactionLocal : p.interactionPipeline) * boost;
    if (belowRateProbability(rng.uniform(), lambda, tpy)) {
      ties.last[t] = world.tick;
      ties.trust[t] += Math.min(1, (p.trustGrowth * boost) / tpy) * (1 - ties.trust[t]);
    } else {
      ties.trust[t] *= decay;
    }
  }
  const dissolved = world.counts.tiesDissolved;
  removeTies(ties, firms, (t) => {
    if (world.tick - ties.last[t] <= idle) return true;
    dissolved[firms.region[ties.a[t]]]++;
    return false;
  });
}

/** Step 3: E_i from the trust of local ties and a local supply tie. */
function embeddedness(world: World, p: Networking): void {
  const { ties, firms } = world;
  const n = firms.count;
  const { embeddedness: e, region, buyer } = firms;
  e.fill(0, 0, n);
  for (let t = 0; t < ties.count; t++) {
    const a = ties.a[t];
    const b = ties.b[t];
    if (region[a] !== endpointRegion(world, b)) continue;
    e[a] += ties.trust[t];
    if (b >= 0) e[b] += ties.trust[t];
  }
  for (let i = 0; i < n; i++) {
    if (buyer[i] >= 0 && region[buyer[i]] === region[i]) e[i] += 1;
    e[i] = Math.min(1, e[i] / p.maxTies);
  }
}

/** Geographic acceptance factor geo·(1 − friction) per region pair (1 on the diagonal). */
function geoAcceptance(world: World, p: Networking): void {
  const R = world.regions.count;
  const own = world.context.networking;
  if (own.acceptGeo.length < R * R) own.acceptGeo = new Float64Array(R * R);
  const { acceptGeo } = own;
  for (let a = 0; a < R; a++) {
    for (let b = 0; b < R; b++) {
      const k = a * R + b;
      const geo = a === b || p.distanceDecayKm === 0 ? 1 : exp(-world.distance[k] / p.distanceDecayKm);
      acceptGeo[k] = geo * (1 - world.friction[k]);
    }
  }
}

/** Step 4: each firm below the cap may search for one new partner. */
function formation(world: World, p: Networking, rng: Stream): void {
  const { firms, ties, promotion: org } = world;
  const n = firms.count;
  const R = world.regions.count;
  const S = world.segments.count;
  const tpy = world.ticksPerYear;
  const { region, segment, degree, promo, embeddedness: e } = firms;
  const adj = adjacencyOf(world); // the ties before this step; newer pairs are in formedPairs
  const { researchOrgs } = world;
  const own = world.context.networking;
  const byRegion = (own.firmsByRegion = groupByRegion(firms.region, firms.count, R, own.firmsByRegion));
  const orgs = (own.orgsByRegion = groupByRegion(researchOrgs.region, researchOrgs.count, R, own.orgsByRegion));
  geoAcceptance(world, p);
  const { acceptGeo, formedPairs } = own;
  let maxCog = 0;
  for (let d = 0; d < world.cognitive.length; d++) maxCog = Math.max(maxCog, world.cognitive[d]);
  const K = world.researchOrgs.count;
  const code = (j: number) => (j >= 0 ? j : n + orgOf(j));
  const key = (i: number, j: number) => {
    const x = code(i);
    const y = code(j);
    return x < y ? x * (n + K) + y : y * (n + K) + x;
  };
  formedPairs.clear();
  const researchEnd = p.closure + p.researchShare;

  const fx = regionalEffects(world); // levers: openness, localiseBranches (0: no change)
  for (let i = 0; i < n; i++) {
    if (degree[i] >= p.maxTies) continue;
    const lock = 1 - p.rigidity * e[i];
    const member = promo[i];
    const m = member >= 0 ? 1 + org.formationBoost[member] : 1;
    const r = region[i];
    const localise = fx !== null && fx.branch[r] > 0 && firms.kind[i] === KIND.branch ? fx.branch[r] : 0;
    const rate = localise > 0 ? p.formationRate * m * lock * (1 + localise) : p.formationRate * m * lock;
    if (!belowRateProbability(rng.uniform(), rate, tpy)) continue;
    const open = fx !== null ? fx.openness[r] : 0;
    const pipeline = localise > 0 ? 0 : open > 0 ? Math.min(1, p.pipelineShare * (1 + open)) : p.pipelineShare;
    const u = rng.uniform();
    let j = -1;
    let isOrg = false;
    let closureTrust = 0;
    const deg = adj.start[i + 1] - adj.start[i];
    if (u < p.closure && deg > 0) {
      const t = adj.edges[adj.start[i] + rng.int(0, deg - 1)];
      const mid = partnerOf(ties, t, i);
      if (mid < 0) continue; // an organisation's partners are not indexed: no referral
      const degMid = adj.start[mid + 1] - adj.start[mid];
      j = partnerOf(ties, adj.edges[adj.start[mid] + rng.int(0, degMid - 1)], mid);
      isOrg = j < 0;
      closureTrust = ties.trust[t];
    } else if (u < researchEnd && orgs.start[r + 1] > orgs.start[r]) {
      j = orgEndpoint(orgs.members[orgs.start[r] + rng.int(0, orgs.start[r + 1] - orgs.start[r] - 1)]);
      isOrg = true;
    } else if (R > 1 && rng.uniform() < pipeline * lock) {
      j = rng.int(0, n - 1);
      if (region[j] === r) j = rng.int(0, n - 1);
      if (region[j] === r) continue;
    } else {
      const size = byRegion.start[r + 1] - byRegion.start[r];
      j = byRegion.members[byRegion.start[r] + rng.int(0, size - 1)];
    }
    if (j === i || (!isOrg && degree[j] >= p.maxTies)) continue;
    const pair = key(i, j);
    if (formedPairs.has(pair) || tied(ties, adj, i, j)) continue;
    if (!isOrg) {
      const shared = sharedOrg(world, i, j);
      const boost = shared >= 0 ? 1 + org.formationBoost[shared] : 1;
      const cog = maxCog > 0 ? world.cognitive[ringDistance(segment[i], segment[j], S)] / maxCog : 0;
      const accept = cog * acceptGeo[r * R + region[j]] * boost * (1 + p.trustWeight * closureTrust);
      if (!(rng.uniform() < accept)) continue;
    }
    addTie(ties, firms, i, j, p.initialTrust, world.tick);
    formedPairs.add(pair);
    world.counts.tiesFormed[r]++;
  }
}
