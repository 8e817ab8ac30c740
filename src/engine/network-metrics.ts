// The network, supply-chain and labour-mobility columns of timeseries.csv (MODEL.md §5 "observe"),
// appended after the classic metrics by `computeMetrics`. One pass over the ties and, when there
// are firm–firm ties, a triangle count over the ties oriented by firm index (≤ firms·maxTies²);
// firms, supply ties and promotion members per region come from the passes of metrics.ts;
// the rest are per-region reads.
//
// A tie belongs to every region that holds one of its firm endpoints (a tie between two regions
// counts in both; a research-organisation endpoint belongs to no region's count, only its firm
// does). On the `all` row every tie counts once.
//   ties                    the region's ties; all: every tie
//   network_density         firm–firm ties inside the region / (n(n−1)/2); all: firm–firm ties / (N(N−1)/2)
//   clustering_coefficient  3·triangles / connected triples of the firm–firm graph restricted to
//                           the region (all: the whole firm–firm graph) — global transitivity
//   nonlocal_tie_share      share of the region's ties whose other endpoint (firm or research
//                           organisation) is in another region
//   mean_trust              mean trust of the region's ties
//   local_supply_ratio      leaders' purchases from tied suppliers in their own region / all their
//                           purchases (world.supply, booked by market); all: Σ local / Σ purchases
//   province_supply_ratio   the same for suppliers in the leader's province
//   skill                   skill of the labour pool; all: pool-weighted mean
// Ratios are 0 when their denominator is 0.
import type { World } from './world.ts';
import type { NetworkMetricsScratch } from './context.ts';

const def = <N extends string>(name: N, unit: string, additive: boolean, description: string) => ({
  name, unit, additive, description,
});

/** The network columns, in order (appended to METRICS). */
export const NETWORK_DEFS = [
  def('ties', 'ties', false, 'Collaboration ties with at least one firm endpoint in the region (a tie between two regions counts in both); all: every tie.'),
  def('ties_formed', 'ties/tick', true, 'Collaboration ties formed this tick, by the region of the initiating firm.'),
  def('ties_dissolved', 'ties/tick', true, 'Collaboration ties dissolved for lack of interaction this tick, by the region of firm endpoint a.'),
  def('network_density', '0..1', false, 'Firm–firm ties inside the region / (n(n−1)/2); all: firm–firm ties / (N(N−1)/2) (0 if n < 2).'),
  def('clustering_coefficient', '0..1', false, 'Global transitivity of the firm–firm graph restricted to the region: 3·triangles / connected triples (0 if none); all: the whole graph.'),
  def('nonlocal_tie_share', '0..1', false, 'Share of the region’s ties whose other endpoint is in another region (0 if no ties).'),
  def('mean_trust', '0..1', false, 'Mean trust of the region’s ties (0 if no ties).'),
  def('supply_ties', 'firms', true, 'Suppliers tied to a chain leader, by the supplier’s region.'),
  def('local_supply_ratio', '0..1', false, 'Leaders’ purchases from tied suppliers in their own region / all their purchases, by the leader’s region (0 if none); all: Σ/Σ.'),
  def('province_supply_ratio', '0..1', false, 'Leaders’ purchases from tied suppliers in their own province / all their purchases (0 if none); all: Σ/Σ.'),
  def('promotion_members', 'firms', true, 'Firms that are members of a cluster promotion organisation.'),
  def('migrants_in', 'workers/tick', true, 'Workers who migrated into the region this tick (expected flows, fractional).'),
  def('migrants_out', 'workers/tick', true, 'Workers who migrated out of the region this tick.'),
  def('relocations', 'firms/tick', true, 'Firms that relocated out of the region this tick.'),
  def('relocations_in', 'firms/tick', true, 'Firms that relocated into the region this tick.'),
  def('skill', 'skill', false, 'Skill of the labour pool; all: mean weighted by labour pool.'),
] as const;

// Offsets of the columns within NETWORK_DEFS.
const N = Object.freeze(Object.fromEntries(NETWORK_DEFS.map((d, i) => [d.name, i]))) as Readonly<
  Record<(typeof NETWORK_DEFS)[number]['name'], number>
>;

/** Per-region tallies from the passes over the firms (metrics.ts), slot R the sum. */
export interface FirmTallies {
  firms: Float64Array;
  /** Firms with a leader (buyer ≥ 0). */
  supplyTies: Float64Array;
  /** Firms that are members of a promotion organisation (promo ≥ 0). */
  members: Float64Array;
}

/** The world's accumulators (world.context.networkMetrics). */
function scratchFor(world: World): NetworkMetricsScratch {
  const R = world.regions.count;
  let s = world.context.networkMetrics;
  if (!s || s.regions !== R) {
    // Views of one buffer, cleared with one fill per observation.
    const n = R + 1;
    const buffer = new Float64Array(6 * n);
    let at = 0;
    const f = () => buffer.subarray(at, (at += n));
    s = {
      regions: R, buffer, ties: f(), nonlocal: f(), trust: f(), inside: f(), closed: f(), triples: f(),
      fstart: new Int32Array(0), fnbr: new Int32Array(0), mark: new Int32Array(0), deg: new Int32Array(0), degLocal: new Int32Array(0),
    };
    world.context.networkMetrics = s;
  }
  return s;
}

/**
 * Writes the NETWORK_DEFS columns into out[col0 + k] for rows row0 + r (region r) and row0 + R
 * (`all`), from the world and the per-region tallies of metrics.ts's passes.
 */
export function computeNetworkMetrics(
  world: World, tally: FirmTallies, out: readonly Float64Array[], row0: number, col0: number,
): void {
  const { regions, counts, ties, supply } = world;
  const R = regions.count;
  const s = scratchFor(world);
  s.buffer.fill(0);

  if (ties.count > 0) {
    tiePass(world, s);
    if (s.inside[R] > 0) clusteringPass(world, s);
  }

  let purchases = 0;
  let local = 0;
  let province = 0;
  let pool = 0;
  let skillPool = 0;
  let skillSum = 0;
  for (let r = 0; r < R; r++) {
    purchases += supply.purchases[r];
    local += supply.local[r];
    province += supply.province[r];
    pool += regions.labourPool[r];
    skillPool += regions.labourPool[r] * regions.skill[r];
    skillSum += regions.skill[r];
  }

  const cTies = out[col0 + N.ties], cFormed = out[col0 + N.ties_formed], cDissolved = out[col0 + N.ties_dissolved];
  const cDensity = out[col0 + N.network_density], cClustering = out[col0 + N.clustering_coefficient];
  const cNonlocal = out[col0 + N.nonlocal_tie_share], cTrust = out[col0 + N.mean_trust], cSupplyTies = out[col0 + N.supply_ties];
  const cLocal = out[col0 + N.local_supply_ratio], cProvince = out[col0 + N.province_supply_ratio];
  const cMembers = out[col0 + N.promotion_members], cIn = out[col0 + N.migrants_in], cOut = out[col0 + N.migrants_out];
  const cReloc = out[col0 + N.relocations], cRelocIn = out[col0 + N.relocations_in], cSkill = out[col0 + N.skill];
  for (let k = 0; k <= R; k++) {
    const row = row0 + k;
    const t = s.ties[k];
    const n = tally.firms[k];
    cTies[row] = t;
    cFormed[row] = sumOr(counts.tiesFormed, k, R);
    cDissolved[row] = sumOr(counts.tiesDissolved, k, R);
    cDensity[row] = n >= 2 ? s.inside[k] / ((n * (n - 1)) / 2) : 0;
    cClustering[row] = s.triples[k] > 0 ? s.closed[k] / s.triples[k] : 0;
    cNonlocal[row] = t > 0 ? s.nonlocal[k] / t : 0;
    cTrust[row] = t > 0 ? s.trust[k] / t : 0;
    cSupplyTies[row] = tally.supplyTies[k];
    const bought = k < R ? supply.purchases[k] : purchases;
    cLocal[row] = bought > 0 ? (k < R ? supply.local[k] : local) / bought : 0;
    cProvince[row] = bought > 0 ? (k < R ? supply.province[k] : province) / bought : 0;
    cMembers[row] = tally.members[k];
    cIn[row] = sumOr(counts.migrantsIn, k, R);
    cOut[row] = sumOr(counts.migrantsOut, k, R);
    cReloc[row] = sumOr(counts.relocationsOut, k, R);
    cRelocIn[row] = sumOr(counts.relocationsIn, k, R);
    cSkill[row] = k < R ? regions.skill[k] : pool > 0 ? skillPool / pool : R > 0 ? skillSum / R : 0;
  }
}

function sumOr(byRegion: Int32Array | Float64Array, k: number, R: number): number {
  if (k < R) return byRegion[k];
  let sum = 0;
  for (let r = 0; r < R; r++) sum += byRegion[r];
  return sum;
}

/** Per-region tie counts, non-local counts, trust sums and inside (firm–firm, same region) counts. */
function tiePass(world: World, s: NetworkMetricsScratch): void {
  const { ties, firms } = world;
  const R = world.regions.count;
  const orgRegion = world.researchOrgs.region;
  const { region } = firms;
  for (let t = 0; t < ties.count; t++) {
    const ra = region[ties.a[t]];
    const b = ties.b[t];
    const rb = b >= 0 ? region[b] : orgRegion[-1 - b];
    const tr = ties.trust[t];
    s.ties[ra] += 1;
    s.trust[ra] += tr;
    s.ties[R] += 1;
    s.trust[R] += tr;
    if (b >= 0) s.inside[R] += 1;
    if (rb === ra) {
      if (b >= 0) s.inside[ra] += 1;
      continue;
    }
    s.nonlocal[ra] += 1;
    s.nonlocal[R] += 1;
    if (b >= 0) {
      s.ties[rb] += 1;
      s.trust[rb] += tr;
      s.nonlocal[rb] += 1;
    }
  }
}

/**
 * Triangles, each found once: firm–firm ties oriented from the lower to the higher firm index
 * (a forward CSR built here from the edge list, O(firms + ties)); for each firm v its forward
 * neighbours are marked, and for each forward neighbour u every marked forward neighbour w of u
 * closes the triangle v < u < w. Work Σ_v Σ_{u∈N⁺(v)} |N⁺(u)| ≤ firms·maxTies². Triples are
 * Σ_v C(d_v, 2) with d_v the firm–firm degree (for a region: counting neighbours in v's region
 * only); transitivity = 3·triangles / triples.
 */
function clusteringPass(world: World, s: NetworkMetricsScratch): void {
  const { ties, firms } = world;
  const R = world.regions.count;
  const n = firms.count;
  const { region } = firms;
  if (s.fstart.length < n + 1) {
    s.fstart = new Int32Array(firms.capacity + 1);
    s.mark = new Int32Array(firms.capacity);
    s.deg = new Int32Array(firms.capacity);
    s.degLocal = new Int32Array(firms.capacity);
  }
  if (s.fnbr.length < ties.count) s.fnbr = new Int32Array(ties.capacity);
  const { fstart, fnbr, mark, deg, degLocal } = s;
  fstart.fill(0, 0, n + 1);
  deg.fill(0, 0, n);
  degLocal.fill(0, 0, n);
  const A = ties.a;
  const B = ties.b;
  for (let t = 0; t < ties.count; t++) {
    const a = A[t];
    const b = B[t];
    if (b < 0) continue;
    deg[a]++;
    deg[b]++;
    if (region[a] === region[b]) {
      degLocal[a]++;
      degLocal[b]++;
    }
    fstart[(a < b ? a : b) + 1]++;
  }
  for (let i = 0; i < n; i++) fstart[i + 1] += fstart[i];
  // Fill with mark as the write cursor (it is reset to −1 below before it serves as a mark).
  for (let i = 0; i < n; i++) mark[i] = fstart[i];
  for (let t = 0; t < ties.count; t++) {
    const a = A[t];
    const b = B[t];
    if (b < 0) continue;
    if (a < b) fnbr[mark[a]++] = b;
    else fnbr[mark[b]++] = a;
  }
  mark.fill(-1, 0, n);
  for (let v = 0; v < n; v++) {
    const d = deg[v];
    if (d < 2) continue;
    const rv = region[v];
    s.triples[R] += (d * (d - 1)) / 2;
    const dl = degLocal[v];
    s.triples[rv] += (dl * (dl - 1)) / 2;
  }
  for (let v = 0; v < n; v++) {
    const v0 = fstart[v];
    const v1 = fstart[v + 1];
    if (v1 - v0 < 2) continue; // a triangle v < u < w needs two forward neighbours of v
    for (let k = v0; k < v1; k++) mark[fnbr[k]] = v;
    const rv = region[v];
    for (let k = v0; k < v1; k++) {
      const u = fnbr[k];
      const local = region[u] === rv;
      for (let m = fstart[u]; m < fstart[u + 1]; m++) {
        const w = fnbr[m];
        if (mark[w] !== v) continue;
        s.closed[R] += 3;
        if (local && region[w] === rv) s.closed[rv] += 3;
      }
    }
  }
}
