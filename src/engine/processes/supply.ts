// supply — chain leaders (链主) and their suppliers. Reads: firms' anchor, role, segment, region,
// employees, capability, buyer; regions' province; distances and friction. Writes: firms' role,
// buyer and supplySince. (The purchases along these ties are booked by market.)
//
// Leaders: firms with anchor = 1 always; every reviewYears·T ticks (and at tick 1) the top
// `perSegment` non-anchor firms of each segment by employees (ties: lower index), with
// employees ≥ minEmployees, become leaders; auto leaders that drop out become independent and
// their suppliers are unmatched. A firm that becomes a leader gives up its own supply tie.
// Breaks: each supply tie ends with probability 1 − exp(−breakRate·(1 + barrier·f)/T).
// Matching: a non-leader without a buyer, in a segment at ring distance 1..reach from some
// leader's, tries with probability 1 − exp(−matchRate/T); it picks the eligible leader with the
// largest
//   U = (local + coordination)·[same region] + (province + coordination)·[same province]
//       + leaderSize·ln(e_ℓ/ē) − d/δ − barrier·f + Gumbel,
// (ē: geometric mean size of the leaders — larger leaders buy more and draw more suppliers),
// and that leader accepts with probability min(1, (c_j/c̄)^capability).
// Levers (policy/regional.ts; no effect at intensity 0): chainLeader c_r (paid share applied) adds
// c_r to the local and province weights of suppliers in r; localiseBranches b_r adds b_r to the
// local weight when the leader is a branch in the supplier's region r. barrierRemoval lowers f.
// Cost O(firms + S·perSegment + attempts·leaders); leaders are few (≤ S·perSegment + anchors).
// Both rates are events per year (Poisson), not probabilities: tickProbability caps at 1 per
// year, which would make the default matchRate of 2 the same as any other rate ≥ 1.
import type { Scenario } from '../../scenarios/schema.ts';
import { KIND, meanCapability, ROLE } from '../firms.ts';
import { regionalEffects } from '../policy/regional.ts';
import type { Stream } from '../rng.ts';
import { ringDistance, type World } from '../world.ts';
import { belowRateProbability, log, pow, rateProbability } from '../math.ts';

export function supply(world: World, params: Scenario, rng: Stream): void {
  const p = params.mechanisms.supply;
  if (!p.enabled) return;
  const tpy = world.ticksPerYear;
  const period = Math.max(1, Math.round(p.leaders.reviewYears * tpy));
  if (world.tick === 1 || world.tick % period === 0) reviewLeaders(world, p);
  breakTies(world, p, rng);
  matchSuppliers(world, p, rng);
}

type SupplyParams = Scenario['mechanisms']['supply'];

/** Re-ranks the automatic leaders; anchors stay leaders. O(firms·perSegment). */
function reviewLeaders(world: World, p: SupplyParams): void {
  const { firms } = world;
  const S = world.segments.count;
  const k = p.leaders.perSegment;
  const n = firms.count;
  const { anchor, role, buyer, segment, employees } = firms;
  const own = world.context.supply;
  if (own.top.length < S * k) own.top = new Int32Array(S * k);
  const { top } = own;
  top.fill(-1, 0, S * k);
  if (k > 0) {
    for (let i = 0; i < n; i++) {
      if (anchor[i] || employees[i] < p.leaders.minEmployees) continue;
      const base = segment[i] * k;
      const e = employees[i];
      // Insertion into the segment's sorted list of k (strictly larger first: earlier index wins ties).
      let m = k - 1;
      if (top[base + m] >= 0 && employees[top[base + m]] >= e) continue;
      while (m > 0 && (top[base + m - 1] < 0 || employees[top[base + m - 1]] < e)) {
        top[base + m] = top[base + m - 1];
        m--;
      }
      top[base + m] = i;
    }
  }
  for (let i = 0; i < n; i++) {
    if (anchor[i]) role[i] = ROLE.leader;
    else if (role[i] === ROLE.leader) role[i] = ROLE.independent;
  }
  for (let m = 0; m < S * k; m++) {
    const i = top[m];
    if (i >= 0) role[i] = ROLE.leader;
  }
  // Leaders do not supply; suppliers of a firm that is no longer a leader are unmatched.
  for (let i = 0; i < n; i++) {
    const b = buyer[i];
    if (b < 0) continue;
    if (role[i] === ROLE.leader || role[b] !== ROLE.leader) {
      buyer[i] = -1;
      if (role[i] === ROLE.supplier) role[i] = ROLE.independent;
    }
  }
}

function breakTies(world: World, p: SupplyParams, rng: Stream): void {
  const { firms, regions, friction } = world;
  const R = regions.count;
  const { buyer, region, role } = firms;
  const tpy = world.ticksPerYear;
  const base = rateProbability(p.breakRate, tpy);
  for (let i = 0; i < firms.count; i++) {
    const b = buyer[i];
    if (b < 0) continue;
    const f = friction[region[i] * R + region[b]];
    const u = rng.uniform();
    if (f > 0 ? belowRateProbability(u, p.breakRate * (1 + p.barrier * f), tpy) : u < base) {
      buyer[i] = -1;
      if (role[i] === ROLE.supplier) role[i] = ROLE.independent;
    }
  }
}

function matchSuppliers(world: World, p: SupplyParams, rng: Stream): void {
  const { firms, regions, distance, friction } = world;
  const R = regions.count;
  const S = world.segments.count;
  const n = firms.count;
  const { role, buyer, segment, region, capability } = firms;
  const own = world.context.supply;
  if (own.leaders.length < n) own.leaders = new Int32Array(firms.capacity);
  const { leaders } = own;
  let L = 0;
  for (let i = 0; i < n; i++) if (role[i] === ROLE.leader) leaders[L++] = i;
  if (L === 0) return;
  if (own.leaderPull.length < L) own.leaderPull = new Float64Array(leaders.length);
  const { leaderPull } = own;
  let meanLog = 0;
  for (let m = 0; m < L; m++) {
    leaderPull[m] = p.leaderSize > 0 ? log(firms.employees[leaders[m]]) : 0;
    meanLog += leaderPull[m] / L;
  }
  for (let m = 0; m < L; m++) leaderPull[m] = p.leaderSize * (leaderPull[m] - meanLog);
  if (own.reachable.length < S) own.reachable = new Uint8Array(S);
  const { reachable } = own;
  reachable.fill(0, 0, S);
  for (let m = 0; m < L; m++) {
    const s = segment[leaders[m]];
    for (let d = 1; d <= p.reach && d <= S; d++) {
      reachable[(s + d) % S] = 1;
      reachable[(((s - d) % S) + S) % S] = 1;
    }
  }
  const attempt = rateProbability(p.matchRate, world.ticksPerYear);
  const inverseDecay = 1 / p.distanceDecayKm;
  const localWeight = p.local + p.coordination;
  const provinceWeight = p.province + p.coordination;
  const province = regions.province;
  const meanC = p.capability !== 0 ? meanCapability(firms) : 1;
  const fx = regionalEffects(world); // levers: chainLeader, localiseBranches (0: no change)
  const kind = firms.kind;
  for (let j = 0; j < n; j++) {
    if (role[j] === ROLE.leader || buyer[j] >= 0 || !reachable[segment[j]]) continue;
    if (rng.uniform() >= attempt) continue;
    const rj = region[j];
    const chain = fx !== null ? fx.chain[rj] : 0;
    const lw = chain > 0 ? localWeight + chain : localWeight;
    const pw = chain > 0 ? provinceWeight + chain : provinceWeight;
    let best = -1;
    let bestU = -Infinity;
    for (let m = 0; m < L; m++) {
      const l = leaders[m];
      const d = ringDistance(segment[j], segment[l], S);
      if (d < 1 || d > p.reach) continue;
      const rl = region[l];
      const k = rj * R + rl;
      const localise = fx !== null && rl === rj && fx.branch[rl] > 0 && kind[l] === KIND.branch ? fx.branch[rl] : 0;
      const u = (rl === rj ? (localise > 0 ? lw + localise : lw) : 0) + (province[rl] === province[rj] ? pw : 0) + leaderPull[m] -
        distance[k] * inverseDecay - p.barrier * friction[k] + rng.gumbel();
      if (u > bestU) {
        bestU = u;
        best = l;
      }
    }
    if (best < 0) continue;
    const accept = p.capability !== 0 ? Math.min(1, pow(capability[j] / meanC, p.capability)) : 1;
    if (accept < 1 && rng.uniform() >= accept) continue;
    buyer[j] = best;
    firms.supplySince[j] = world.tick;
    role[j] = ROLE.supplier;
  }
}
