// The metrics of timeseries.csv (MODEL.md §5 "observe"): a declarative list that fixes the column
// order, and one pass over the firms plus one over regions × segments that fills a row per region
// and the `all` row. A second pass over the firms sums what only optional mechanisms make non-zero
// (supply ties, promotion members, value-chain functions, φ), and only when the run has one of them
// (MetricNeeds). Scratch accumulators are allocated once per world, never per firm or tick.
// The columns of ties, supply chains and mobility come next, from network-metrics.ts, then policy
// spend, then those of differentiated competition (variety-metrics.ts).
import type { Scenario } from '../scenarios/schema.ts';
import type { World } from './world.ts';
import type { MetricsScratch } from './context.ts';
import { log } from './math.ts';
import { computeNetworkMetrics, NETWORK_DEFS } from './network-metrics.ts';
import { computeVarietyMetrics, VARIETY_DEFS } from './variety-metrics.ts';
import { LOCAL_DEFS } from './local-returns.ts';
import { classifyMember, computeMembershipMetrics, MEMBERSHIP_DEFS } from './membership-metrics.ts';

export interface MetricDef {
  /** Column name in timeseries.csv, snake_case. */
  name: string;
  unit: string;
  description: string;
  /** True when the `all` row is the sum of the region rows. */
  additive: boolean;
}

// Generic in the name so that METRIC below is keyed by the literal names (typos do not compile).
const def = <N extends string>(name: N, unit: string, additive: boolean, description: string) => ({
  name, unit, additive, description,
});

const DEFS = [
  def('firms', 'firms', true, 'Firms alive at the end of the tick.'),
  def('employment', 'employees', true, 'Σ employees of the firms.'),
  def('output', 'money/year', true, 'Σ revenue, annualised (revenue per tick × ticksPerYear).'),
  def('profit', 'money/year', true, 'Σ profit, annualised.'),
  def('entries', 'firms/tick', true, 'Firms that entered from outside this tick, branches included.'),
  def('branch_entries', 'firms/tick', true, 'Branches of outside multinationals that entered this tick.'),
  def('exits', 'firms/tick', true, 'Firms that exited this tick.'),
  def('spinoffs', 'firms/tick', true, 'Spin-offs of firms founded this tick.'),
  def('academic_spinoffs', 'firms/tick', true, 'Spin-offs of research organisations founded this tick.'),
  def('innovations', 'innovations/tick', true, 'Innovations this tick (the "patents" count).'),
  def('imitations', 'imitations/tick', true, 'Imitations this tick.'),
  def('capability_mean', 'capability', false, 'Mean capability over firms (0 if none).'),
  def('capability_top', 'capability', false, 'Highest capability (0 if none).'),
  def('diversity', '0..1', false, 'Shannon entropy of employment over segments / ln S.'),
  def('related_variety', 'nats', false, 'Σ_b P_b·H_b: entropy within blocks of 3 adjacent segments, weighted by block share.'),
  def('unrelated_variety', 'nats', false, 'Entropy of employment over blocks of 3 adjacent segments.'),
  def('hhi', '0..1', false, 'Herfindahl index of employment shares across firms (0 if none).'),
  def('price_mean', 'money/(capability·employee·year)', false, 'Σ annual revenue / Σ capability·employees (0 if none).'),
  def('wage', 'money/(employee·year)', false, 'Current wage; all: employment-weighted mean (mean base wage if no employment).'),
  def('labour_pool', 'workers', true, 'Skilled-labour pool.'),
  def('unemployment', '0..1', false, '1 − employed / labour pool, clipped to [0, 1].'),
  def('demand', 'capability·employees/year', false, 'Σ world demand over segments (global: the same on every row).'),
  def('mean_size', 'employees/firm', false, 'Employment / firms (0 if none).'),
  def('mean_age_years', 'years', false, 'Mean of (tick − birth) / ticksPerYear over firms (0 if none).'),
  // Ties, supply chains, migration and relocation (network-metrics.ts), appended after the classic ones.
  ...NETWORK_DEFS,
  def('policy_spend', 'money/year', true, 'Spend of the policy levers in the region, annualised (spend this tick × ticksPerYear).'),
  // The four kinds of upgrading of seed 003 (process and product innovations are also in `innovations`).
  def('process_innovations', 'innovations/tick', true, 'Process innovations this tick (capability jumps).'),
  def('product_innovations', 'innovations/tick', true, 'Product innovations this tick (moves toward a growing neighbouring segment).'),
  def('functional_upgrades', 'firms/tick', true, 'Firms that moved one step up the value chain this tick.'),
  def('intersectoral_upgrades', 'firms/tick', true, 'Firms that moved into a related segment of another industry this tick.'),
  def('function_mean', '0..3', false, 'Mean value-chain function of the firms (0 assembly, 1 design, 2 brand, 3 services; 0 if none).'),
  // Differentiated competition: variety of positions inside segments, niche overlap, margin.
  ...VARIETY_DEFS,
  // Local increasing returns (local-returns.ts).
  ...LOCAL_DEFS,
  // Promotion organisations: members by class and budget (membership-metrics.ts).
  ...MEMBERSHIP_DEFS,
  def('parts_province_supply_ratio', '0..1', false, 'Leaders’ purchases of parts (from tied suppliers of mechanisms.supply.partsSegments) in their own province / all their purchases of parts from tied suppliers (0 if none); all: Σ/Σ.'),
] as const;

export type MetricName = (typeof DEFS)[number]['name'];

/** The metrics, in column order. Counts of events are per tick; money flows are per year. */
export const METRICS: readonly MetricDef[] = DEFS;

/** Column index of each metric by name, e.g. `METRIC.employment`. */
export const METRIC: Readonly<Record<MetricName, number>> = Object.freeze(
  Object.fromEntries(METRICS.map((m, i) => [m.name, i])) as Record<MetricName, number>,
);

/** The names of the additive metrics (`all` = Σ regions). */
export const SUM_METRICS: readonly string[] = METRICS.filter((m) => m.additive).map((m) => m.name);

// Column indices used by the compute pass (looked up once, not per row).
const C = {
  firms: METRIC.firms, employment: METRIC.employment, output: METRIC.output, profit: METRIC.profit,
  entries: METRIC.entries, branchEntries: METRIC.branch_entries, exits: METRIC.exits,
  spinoffs: METRIC.spinoffs, academicSpinoffs: METRIC.academic_spinoffs,
  innovations: METRIC.innovations, imitations: METRIC.imitations,
  capMean: METRIC.capability_mean, capTop: METRIC.capability_top, diversity: METRIC.diversity,
  related: METRIC.related_variety, unrelated: METRIC.unrelated_variety, hhi: METRIC.hhi,
  price: METRIC.price_mean, wage: METRIC.wage, pool: METRIC.labour_pool,
  unemployment: METRIC.unemployment, demand: METRIC.demand, meanSize: METRIC.mean_size,
  meanAge: METRIC.mean_age_years,
  processInnovations: METRIC.process_innovations, productInnovations: METRIC.product_innovations,
  functionalUpgrades: METRIC.functional_upgrades, intersectoralUpgrades: METRIC.intersectoral_upgrades,
  functionMean: METRIC.function_mean,
} as const;

/** Column of the first network metric (they follow in NETWORK_DEFS order). */
const NETWORK_COL0 = METRIC[NETWORK_DEFS[0].name];
const SPEND_COL = METRIC.policy_spend;
const VARIETY_COL0 = METRIC[VARIETY_DEFS[0].name];
/** `local_returns`: Σ e·φ / employment of the slot (0 with local returns off: φ is 0). */
const LOCAL_COL = METRIC[LOCAL_DEFS[0].name];
const MEMBERSHIP_COL0 = METRIC[MEMBERSHIP_DEFS[0].name];
const PARTS_COL = METRIC.parts_province_supply_ratio;

/**
 * The per-slot sums of the scratch, in the order they lie in its buffer: sum j's slot k (region k,
 * `all` at k = R) is buffer[j·(R + 1) + k]; empSeg follows them. The first ten are the main pass's,
 * which indexes the buffer with these positions; everything else reads the named views.
 */
const SUMS = [
  'firms', 'employment', 'revenue', 'profit', 'capSum', 'capTop', 'empSq', 'supply', 'ageTicks', 'margin',
  'supplyTies', 'members', 'functionSum', 'local', 'large', 'sme', 'other',
] as const;

/** The world's accumulators (world.context.metrics), one slot per region plus one for `all`. */
function scratchFor(world: World): MetricsScratch {
  const R = world.regions.count;
  const S = world.segments.count;
  const got = world.context.metrics;
  if (got && got.regions === R && got.segments === S) return got;
  // Every accumulator is a view of one buffer, so that a tick clears them all with one fill.
  const n = R + 1;
  const buffer = new Float64Array(SUMS.length * n + n * S);
  const s = { regions: R, segments: S, buffer, empSeg: buffer.subarray(SUMS.length * n), needs: EVERY_PASS, needsOf: null } as unknown as MetricsScratch;
  SUMS.forEach((name, j) => { s[name] = buffer.subarray(j * n, (j + 1) * n); });
  // The per-region sums whose `all` slot is the sum over regions (capTop and empSeg are done apart).
  s.summed = [s.firms, s.employment, s.revenue, s.profit, s.capSum, s.empSq, s.supply, s.ageTicks, s.supplyTies, s.members, s.functionSum, s.margin, s.local, s.large, s.sme, s.other];
  world.context.metrics = s;
  return s;
}

/**
 * Which per-firm sums of optional mechanisms can be non-zero in a run, so that a run pays only for
 * the mechanisms it has. A flag is off only when its sum is 0 for every firm at every tick, so the
 * columns are the same bits whether or not the sum is computed:
 *   supplyTies  firms.buyer is set only by the supply process (−1 otherwise)
 *   members     firms.promo is an organisation of world.promotion (−1 when there is none; the
 *               organisations are fixed when the world is created)
 *   functions   firms.function starts at firms.entryFunction and moves only by functional upgrading
 *   local       φ (firms.agglomeration) is 0 while its column is idle (firms.ts MECHANISM_COLUMNS)
 *   positions   variety and crowding are 0 while their columns are idle
 */
export interface MetricNeeds {
  supplyTies: boolean;
  members: boolean;
  functions: boolean;
  local: boolean;
  positions: boolean;
}

/** Every sum computed: what computeMetrics does without a scenario. */
export const EVERY_PASS: Readonly<MetricNeeds> = Object.freeze({ supplyTies: true, members: true, functions: true, local: true, positions: true });

/** The sums a world created from `scenario` needs (see MetricNeeds). */
export function metricNeeds(world: World, scenario: Scenario): MetricNeeds {
  const m = scenario.mechanisms;
  return {
    supplyTies: m.supply.enabled,
    members: world.promotion.count > 0,
    functions: m.upgrading.functional.enabled || world.firms.entryFunction !== 0,
    // One account of which mechanism writes which column: the world's idle columns (world.ts).
    local: !world.firms.idle.includes('agglomeration'),
    positions: !world.firms.idle.includes('variety'),
  };
}

/** The needs of `scenario`, computed once per world and scenario. */
function needsFor(world: World, a: MetricsScratch, scenario: Scenario | undefined): Readonly<MetricNeeds> {
  if (!scenario) return EVERY_PASS;
  if (a.needsOf !== scenario) {
    a.needs = metricNeeds(world, scenario);
    a.needsOf = scenario;
  }
  return a.needs;
}

const xlogx = (p: number): number => (p > 0 ? p * log(p) : 0);

/**
 * Employment by (region, segment) of the last computeMetrics call on this world: [k·S + s], k = R
 * for `all` (read by the stage classifier in the same observation). Undefined before the first.
 */
export function employmentBySegment(world: World): Float64Array | undefined {
  return world.context.metrics?.empSeg;
}

/**
 * Writes every metric for the world's current state into `out` (one Float64Array per metric, in
 * METRICS order), rows `row0 + r` for region r and `row0 + R` for `all`. With `scenario` (the one
 * the world runs), the per-firm sums of mechanisms it has off are skipped (see MetricNeeds): the
 * same numbers, for less work; without it every sum is computed.
 */
export function computeMetrics(world: World, out: readonly Float64Array[], row0: number, scenario?: Scenario): void {
  const { firms, regions, segments, counts } = world;
  const R = regions.count;
  const S = segments.count;
  const tpy = world.ticksPerYear;
  const a = scratchFor(world);
  const needs = needsFor(world, a, scenario);
  a.buffer.fill(0);

  // The sums every run needs, in one pass over the firms (per region and per (region, segment)).
  const { region, segment, employees, capability, revenue, profit, birth } = firms;
  const n = firms.count;
  // One array for the ten sums (slot r of SUMS[j] at acc[r + j·m]) rather than ten views: the loop
  // then holds one base in a register instead of spilling ten (measured: a quarter faster).
  const acc = a.buffer;
  const m = R + 1;
  const seg0 = SUMS.length * m;
  const tick = world.tick;
  for (let i = 0; i < n; i++) {
    const r = region[i];
    const e = employees[i];
    const c = capability[i];
    const rev = revenue[i];
    const pro = profit[i];
    acc[r] += 1;
    acc[r + m] += e;
    acc[r + 2 * m] += rev;
    acc[r + 3 * m] += pro;
    acc[r + 4 * m] += c;
    if (c > acc[r + 5 * m]) acc[r + 5 * m] = c;
    acc[r + 6 * m] += e * e;
    acc[r + 7 * m] += c * e;
    acc[r + 8 * m] += tick - birth[i];
    acc[r + 9 * m] += rev > 0 ? Math.max(-1, pro / rev) : -1;
    acc[seg0 + r * S + segment[i]] += e;
  }
  // The sums of optional mechanisms, in a second pass only when one can be non-zero (each sum
  // still runs over the firms in index order, so it is the same number as in one pass).
  const { supplyTies: ties, members, functions, local } = needs;
  if (ties || members || functions || local) optionalSums(world, a, ties, members, functions, local);
  // Without differentiation every position and crowding is 0: variety-metrics.ts then needs no pass.
  const positioned = needs.positions && anyPositioned(firms.variety, firms.crowding, n);

  // The `all` slot: sums (and the max) over regions, in region order.
  for (const col of a.summed) {
    let sum = 0;
    for (let r = 0; r < R; r++) sum += col[r];
    col[R] = sum;
  }
  let top = 0;
  for (let r = 0; r < R; r++) if (a.capTop[r] > top) top = a.capTop[r];
  a.capTop[R] = top;
  for (let s = 0; s < S; s++) {
    let sum = 0;
    for (let r = 0; r < R; r++) sum += a.empSeg[r * S + s];
    a.empSeg[R * S + s] = sum;
  }

  let demand = 0;
  for (let s = 0; s < S; s++) demand += segments.demand[s];

  // Rows. Slot k = region k, or `all` for k = R.
  let poolAll = 0;
  let employedAll = 0;
  let wageWeighted = 0;
  let baseWageSum = 0;
  for (let r = 0; r < R; r++) {
    poolAll += regions.labourPool[r];
    employedAll += regions.employed[r];
    wageWeighted += regions.wage[r] * a.employment[r];
    baseWageSum += regions.baseWage[r];
  }
  for (let k = 0; k <= R; k++) {
    const row = row0 + k;
    const n = a.firms[k];
    const emp = a.employment[k];
    out[C.firms][row] = n;
    out[C.employment][row] = emp;
    out[C.output][row] = a.revenue[k] * tpy;
    out[C.profit][row] = a.profit[k] * tpy;
    out[C.entries][row] = eventCount(counts.entries, k, R);
    out[C.branchEntries][row] = eventCount(counts.branchEntries, k, R);
    out[C.exits][row] = eventCount(counts.exits, k, R);
    out[C.spinoffs][row] = eventCount(counts.spinoffs, k, R);
    out[C.academicSpinoffs][row] = eventCount(counts.academicSpinoffs, k, R);
    out[C.innovations][row] = eventCount(counts.innovations, k, R);
    out[C.imitations][row] = eventCount(counts.imitations, k, R);
    out[C.capMean][row] = n > 0 ? a.capSum[k] / n : 0;
    out[C.capTop][row] = a.capTop[k];
    // One region: `all` has the region's employment by segment, so the same variety (no logs twice).
    if (k === R && R === 1) copyVariety(out, row0, row);
    else writeVariety(a.empSeg, k * S, S, emp, out, row);
    out[C.hhi][row] = emp > 0 ? a.empSq[k] / (emp * emp) : 0;
    out[C.price][row] = a.supply[k] > 0 ? (a.revenue[k] * tpy) / a.supply[k] : 0;
    const pool = k < R ? regions.labourPool[k] : poolAll;
    const employed = k < R ? regions.employed[k] : employedAll;
    out[C.wage][row] = k < R ? regions.wage[k] : emp > 0 ? wageWeighted / emp : R > 0 ? baseWageSum / R : 0;
    out[C.pool][row] = pool;
    out[C.unemployment][row] = pool > 0 ? Math.min(1, Math.max(0, 1 - employed / pool)) : 0;
    out[C.demand][row] = demand;
    out[C.meanSize][row] = n > 0 ? emp / n : 0;
    out[C.meanAge][row] = n > 0 ? a.ageTicks[k] / n / tpy : 0;
    out[C.processInnovations][row] = eventCount(counts.processInnovations, k, R);
    out[C.productInnovations][row] = eventCount(counts.productInnovations, k, R);
    out[C.functionalUpgrades][row] = eventCount(counts.functionalUpgrades, k, R);
    out[C.intersectoralUpgrades][row] = eventCount(counts.intersectoralUpgrades, k, R);
    out[C.functionMean][row] = n > 0 ? a.functionSum[k] / n : 0;
    out[LOCAL_COL][row] = emp > 0 ? a.local[k] / emp : 0;
  }
  computeNetworkMetrics(world, a, out, row0, NETWORK_COL0);
  // Policy spend, annualised like the other money flows.
  const spend = world.policy.spend;
  let spendAll = 0;
  for (let r = 0; r < R; r++) {
    out[SPEND_COL][row0 + r] = spend[r] * tpy;
    spendAll += spend[r];
  }
  out[SPEND_COL][row0 + R] = spendAll * tpy;
  computeVarietyMetrics(world, positioned, a.margin, a.firms, out, row0, VARIETY_COL0);
  computeMembershipMetrics(world, a, out, row0, MEMBERSHIP_COL0);
  // Parts bought in the leader's province / parts bought from tied suppliers (the parts supply rate).
  const { parts, partsProvince } = world.supply;
  let partsAll = 0;
  let partsHome = 0;
  for (let r = 0; r < R; r++) {
    out[PARTS_COL][row0 + r] = parts[r] > 0 ? partsProvince[r] / parts[r] : 0;
    partsAll += parts[r];
    partsHome += partsProvince[r];
  }
  out[PARTS_COL][row0 + R] = partsAll > 0 ? partsHome / partsAll : 0;
}

/** Supply ties, promotion members by class, Σ value-chain function and Σ e·φ, those asked for. */
function optionalSums(world: World, a: MetricsScratch, ties: boolean, members: boolean, functions: boolean, local: boolean): void {
  const { region, employees, buyer, promo, function: fn, agglomeration: phi } = world.firms;
  const { supplyTies, members: memberCount, functionSum, local: localSum } = a;
  const n = world.firms.count;
  for (let i = 0; i < n; i++) {
    const r = region[i];
    if (ties && buyer[i] >= 0) supplyTies[r] += 1;
    if (members && promo[i] >= 0) {
      memberCount[r] += 1;
      classifyMember(world, a, i, promo[i], r);
    }
    if (functions) functionSum[r] += fn[i];
    if (local) localSum[r] += employees[i] * phi[i];
  }
}

/** Some firm has a position or a crowding (differentiation is on and has placed firms). */
function anyPositioned(variety: Float64Array, crowding: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (variety[i] !== 0 || crowding[i] !== 0) return true;
  return false;
}

function eventCount(byRegion: Int32Array, k: number, R: number): number {
  if (k < R) return byRegion[k];
  let sum = 0;
  for (let r = 0; r < R; r++) sum += byRegion[r];
  return sum;
}

function copyVariety(out: readonly Float64Array[], from: number, to: number): void {
  out[C.diversity][to] = out[C.diversity][from];
  out[C.unrelated][to] = out[C.unrelated][from];
  out[C.related][to] = out[C.related][from];
}

/**
 * Diversity and the Frenken–Van Oort–Verburg (2007) decomposition of the employment entropy
 * H = −Σ p_s ln p_s over segments into blocks b of 3 adjacent segments (b = ⌊s/3⌋, the last
 * block may be smaller): unrelated variety UV = −Σ_b P_b ln P_b, related variety
 * RV = Σ_b P_b·H_b with H_b = −Σ_{s∈b} (p_s/P_b) ln(p_s/P_b); H = UV + RV (nats).
 * Diversity = H / ln S (0 when S = 1 or there is no employment).
 */
function writeVariety(
  empSeg: Float64Array, base: number, S: number, emp: number, out: readonly Float64Array[], row: number,
): void {
  let h = 0;
  let unrelated = 0;
  let related = 0;
  if (emp > 0) {
    for (let b0 = 0; b0 < S; b0 += 3) {
      const b1 = Math.min(S, b0 + 3);
      let pb = 0;
      let sumPlogP = 0;
      for (let s = b0; s < b1; s++) {
        const p = empSeg[base + s] / emp;
        pb += p;
        sumPlogP += xlogx(p);
      }
      h -= sumPlogP;
      unrelated -= xlogx(pb);
      // H_b = −Σ (p/P_b) ln(p/P_b) = (ln P_b·P_b − Σ p ln p) / P_b, so P_b·H_b = xlogx(P_b) − Σ p ln p.
      related += xlogx(pb) - sumPlogP;
    }
  }
  out[C.diversity][row] = S > 1 ? Math.min(1, Math.max(0, h / log(S))) : 0;
  out[C.unrelated][row] = Math.max(0, unrelated);
  out[C.related][row] = Math.max(0, related);
}
