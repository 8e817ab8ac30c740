// Per-run state that belongs to no model entity: the working arrays each process and observer
// reuses from tick to tick, and the private state of the policy levers and the metrics. It lives
// in the world (world.context), created with it, so that two runs can be stepped alternately in
// one thread (tests, the browser app's side-by-side worlds) without sharing anything through a
// module. One field per owner; the owner is the only reader and writer of its field.
//
// Sizes: arrays start empty and their owner grows them when they are too small (to the firms'
// capacity for per-firm arrays, to R, S or R·S otherwise), so a small run stays small. Fields
// that are null are created by their owner on first use (only runs that need them pay for them).
import type { Scenario } from '../scenarios/schema.ts';
import type { RegionGroups } from './groups.ts';
import type { MetricNeeds } from './metrics.ts';
import type { StageParams } from './stage.ts';
import type { TickCounts } from './world.ts';
import type { PolicyEffects } from './policy/effects.ts';
import type { RegionalEffects } from './policy/regional.ts';

export interface RunContext {
  /** processes/growth.ts: desired employees per firm this tick, with a labour limit (per firm slot). */
  growth: {
    desired: Float64Array;
    /** Standard normal draws per firm slot, this tick. */
    z: Float64Array;
    /** Per region, this tick: hires and releases wanted, employment before growth, share of hires admitted. */
    hires: Float64Array;
    released: Float64Array;
    before: Float64Array;
    admitted: Float64Array;
  };
  innovation: {
    /** specialisedSme intensity per region. */
    specialised: Float64Array;
    /** Per firm slot: 1 when the firm's imitation is cut this tick (specialisedSme paid). */
    supported: Uint8Array;
  };
  exit: {
    /** Where each firm goes when the leavers are compacted out (per firm slot; see survivorIndex). */
    remap: Int32Array;
    /** The hazard's age factor exp(−(age/T)/ageScale) by age in ticks (NaN: not yet computed), for ageScale. */
    ageFactor: Float64Array;
    ageScale: number;
  };
  learning: {
    /** Capability sum and firm count per (region, segment), then convolved over segments. */
    capSum: Float64Array;
    cntSum: Float64Array;
    capConv: Float64Array;
    cntConv: Float64Array;
    /** pool[r·S + s]: the weighted mean capability firms in (r, s) learn from. */
    pool: Float64Array;
    /** Per firm slot: capabilities at the start of the tick, read through ties. */
    before: Float64Array;
    /** Research organisations' knowledge at the start of the tick. */
    orgBefore: Float64Array;
    /** Per region: publicPlatform and innovationVouchers intensities, vouchers' SME size and cost per tick. */
    platform: Float64Array;
    vouchers: Float64Array;
    smeSize: Float64Array;
    voucherCost: Float64Array;
  };
  market: {
    /** Σ cap_j of the suppliers of each leader (per firm slot). */
    offered: Float64Array;
    /** Per region: intensity of the lever being read (procurement, rdSubsidy), and publicPlatform's. */
    leverAt: Float64Array;
    platform: Float64Array;
  };
  spinoffs: {
    /** startupSupport intensity per region (0: off or cannot pay). */
    support: Float64Array;
  };
  entry: {
    /** What each region offers the next entrant, by item (length R each). */
    offers: EntryOffers | null;
    /** Firms grouped by region for local founders, and the running Σ e·φ in group order. */
    groups: RegionGroups | undefined;
    exposure: Float64Array;
  };
  /** location.ts: segment weights tilted by segment-targeted entry subsidies (length S). */
  location: { tilt: Float64Array };
  /** variety.ts (crowding): Σ q by (segment, bin), Σ K·q by (segment, bin), Σ q by segment. */
  variety: { histogram: Float64Array; convolved: Float64Array; total: Float64Array };
  networking: {
    /** Firms and research organisations grouped by region, for partner search. */
    firmsByRegion: RegionGroups | undefined;
    orgsByRegion: RegionGroups | undefined;
    /** geo·(1 − friction) per region pair. */
    acceptGeo: Float64Array;
    /** Pairs tied in this tick's formation step (not yet in the adjacency). */
    formedPairs: Set<number>;
  };
  membership: {
    /** Ties of each firm slot / research organisation to each promotion organisation's members. */
    tiedFirm: Int32Array;
    tiedResearch: Int32Array;
  };
  supply: {
    /** top[s·k + m]: the m-th largest candidate leader of segment s (−1: none). */
    top: Int32Array;
    /** The leaders (firm indices, per firm slot) and leaderSize·ln(e_ℓ/ē) of each. */
    leaders: Int32Array;
    leaderPull: Float64Array;
    /** reachable[s] = 1 when a leader is at ring distance 1..reach of segment s. */
    reachable: Uint8Array;
  };
  migration: {
    /** flow[a·R + b]: workers moving this tick; in-, outflows and skill brought in per region. */
    flow: Float64Array;
    inflow: Float64Array;
    outflow: Float64Array;
    skillIn: Float64Array;
  };
  /** policy/effects.ts: effects one process computes and later ones read (null: no lever yet). */
  effects: PolicyEffects | null;
  /** policy/regional.ts: the scenario's friction and openness and the levers' regional effects. */
  regional: RegionalState | null;
  /** policy/incentives.ts: the regions' incentive race (subsidyRace, coordination). */
  race: IncentiveRace | null;
  /** processes/observe.ts: the stage parameters and the per-tick counters it resets (null: not yet observed). */
  observe: ObserveState | null;
  /** metrics.ts, network-metrics.ts, variety-metrics.ts, membership-metrics.ts: accumulators of the observation. */
  metrics: MetricsScratch | null;
  networkMetrics: NetworkMetricsScratch | null;
  varietyMetrics: VarietyMetricsScratch | null;
  membershipMetrics: MembershipMetricsScratch | null;
}

/** What each region offers one entrant now, by item (length R each). */
export interface EntryOffers {
  total: Float64Array;
  subsidy: Float64Array; // entrySubsidy
  seed: Float64Array; // startupSupport
  incentive: Float64Array; // subsidyRace / coordination
}

export interface RegionalState {
  baseFriction: Float64Array;
  baseOpenness: Float64Array;
  /** barrierRemoval intensity (capped at 1) that world.friction currently reflects. */
  barrier: Float64Array;
  effects: RegionalEffects;
}

export interface IncentiveRace {
  incentive: Float64Array;
  on: Uint8Array;
  previous: Float64Array;
  /** Common offer of each coordination lever (by lever index), and whether it was on last tick. */
  common: Float64Array;
  commonOn: Uint8Array;
}

export interface ObserveState {
  /** The scenario the stage parameters were read from. */
  of: Scenario;
  stage: StageParams;
  /** world.counts and its arrays, in key order. */
  countsOf: TickCounts;
  counters: (Int32Array | Float64Array)[];
}

/** metrics.ts: accumulators, one slot per region plus one (index R) for `all`. */
export interface MetricsScratch {
  regions: number;
  segments: number;
  /** The one array every accumulator below is a view of (cleared in one fill). */
  buffer: Float64Array;
  firms: Float64Array;
  employment: Float64Array;
  revenue: Float64Array;
  profit: Float64Array;
  capSum: Float64Array;
  capTop: Float64Array;
  empSq: Float64Array; // Σ employees² (HHI numerator)
  supply: Float64Array; // Σ capability·employees (price denominator)
  ageTicks: Float64Array; // Σ (tick − birth)
  supplyTies: Float64Array; // firms with a leader (for network-metrics.ts)
  members: Float64Array; // members of a promotion organisation (for network-metrics.ts)
  functionSum: Float64Array; // Σ value-chain function
  /** Employment by (region, segment): empSeg[r·S + s], r = R for `all`. */
  empSeg: Float64Array;
  margin: Float64Array; // Σ of the firms' margins (for variety-metrics.ts)
  local: Float64Array; // Σ e·φ (local returns)
  large: Float64Array; // member classes (for membership-metrics.ts)
  sme: Float64Array;
  other: Float64Array;
  /** The per-region sums whose `all` slot is Σ regions, in that order (the arrays above). */
  summed: Float64Array[];
  /** Which optional sums the run needs, and the scenario they were read from (metrics.ts). */
  needs: Readonly<MetricNeeds>;
  needsOf: Scenario | null;
}

/** network-metrics.ts: per slot (R + 1) sums, and the clustering pass's arrays. */
export interface NetworkMetricsScratch {
  regions: number;
  /** The one array the six per-slot sums below are views of. */
  buffer: Float64Array;
  ties: Float64Array; // per slot (R + 1)
  nonlocal: Float64Array;
  trust: Float64Array;
  inside: Float64Array; // firm–firm ties with both endpoints in the region; slot R: all firm–firm ties
  closed: Float64Array; // 3 × triangles
  triples: Float64Array; // Σ_v C(d_v, 2)
  // Clustering pass, per firm slot / per tie: forward CSR (lower → higher index), marks, degrees.
  fstart: Int32Array;
  fnbr: Int32Array;
  mark: Int32Array;
  deg: Int32Array;
  degLocal: Int32Array;
}

/** membership-metrics.ts: research organisations that are members, and budgets, per slot (R + 1). */
export interface MembershipMetricsScratch {
  research: Float64Array;
  budget: Float64Array;
}

/** variety-metrics.ts: firms by (slot, segment, bin), Σ q·ρ and Σ q by slot (slot R = all). */
export interface VarietyMetricsScratch {
  regions: number;
  segments: number;
  counts: Float64Array;
  crowding: Float64Array;
  supply: Float64Array;
}

export function createContext(): RunContext {
  const f64 = () => new Float64Array(0);
  return {
    growth: { desired: f64(), z: f64(), hires: f64(), released: f64(), before: f64(), admitted: f64() },
    innovation: { specialised: f64(), supported: new Uint8Array(0) },
    exit: { remap: new Int32Array(0), ageFactor: f64(), ageScale: NaN },
    learning: {
      capSum: f64(), cntSum: f64(), capConv: f64(), cntConv: f64(), pool: f64(), before: f64(), orgBefore: f64(),
      platform: f64(), vouchers: f64(), smeSize: f64(), voucherCost: f64(),
    },
    market: { offered: f64(), leverAt: f64(), platform: f64() },
    spinoffs: { support: f64() },
    entry: { offers: null, groups: undefined, exposure: f64() },
    location: { tilt: f64() },
    variety: { histogram: f64(), convolved: f64(), total: f64() },
    networking: { firmsByRegion: undefined, orgsByRegion: undefined, acceptGeo: f64(), formedPairs: new Set() },
    membership: { tiedFirm: new Int32Array(0), tiedResearch: new Int32Array(0) },
    supply: { top: new Int32Array(0), leaders: new Int32Array(0), leaderPull: f64(), reachable: new Uint8Array(0) },
    migration: { flow: f64(), inflow: f64(), outflow: f64(), skillIn: f64() },
    effects: null,
    regional: null,
    race: null,
    observe: null,
    metrics: null,
    networkMetrics: null,
    varietyMetrics: null,
    membershipMetrics: null,
  };
}
