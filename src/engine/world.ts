// The world: everything a run changes, built once from a validated scenario. Regions, segments
// and research organisations are small (struct of arrays too); firms live in `firms.ts`.
import type { Scenario } from '../scenarios/schema.ts';
import { addFirm, createFirms, KIND, ROLE, type Firms, type MechanismColumn } from './firms.ts';
import { placeVarieties } from './variety.ts';
import { createEventLog, createFirmLedger, type EventLog, type FirmLedger } from './log.ts';
import type { Stream } from './rng.ts';
import { demandAt, demandCurves, type DemandCurve } from './demand.ts';
import { createSeries, type Series } from './series.ts';
import { createStageState, type StageState } from './stage.ts';
import { cognitiveWeights, geoWeights, regionDistances, regionFriction } from './proximity.ts';
import { adjacency, createTies, type Adjacency, type Ties } from './ties.ts';
import { createPolicy, type PolicyState } from './policy/state.ts';
import { promotionOrgsFrom, type PromotionOrgs } from './promotion.ts';
import { createLocalField, type LocalField } from './local-returns.ts';
import { createContext, type RunContext } from './context.ts';

export interface Regions {
  count: number;
  names: string[];
  provinces: string[];
  province: Int32Array; // index into `provinces`
  x: Float64Array;
  y: Float64Array;
  baseWage: Float64Array;
  wage: Float64Array; // current, after labour-market tightness
  landCost: Float64Array;
  labourPool: Float64Array;
  labourGrowth: Float64Array;
  employed: Float64Array; // updated by growth, spin-offs, entry and exit
  amenity: Float64Array;
  openness: Float64Array;
  culture: Float64Array;
  entryIncentive: Float64Array;
  skill: Float64Array; // skill of the labour pool; multiplies entrants' capability, migrants carry it
  research: Float64Array; // sum of the capacity of the region's research organisations
}

export interface Segments {
  count: number;
  curves: DemandCurve[];
  demand: Float64Array; // per year, this tick
  demandYearAgo: Float64Array; // per year, one year earlier (for demand growth)
  supply: Float64Array; // Σ capability·employees of firms in the segment, this tick
  price: Float64Array;
  outsideSupply: number;
  /** Industry of each segment (blocks of `segments.industries`; all 0 when the ring is one industry). */
  industry: Int32Array;
}

export interface ResearchOrgs {
  count: number;
  region: Int32Array;
  capacity: Float64Array;
  knowledge: Float64Array;
  knowledgeGrowth: Float64Array;
  segments: number[][]; // focus segments; empty: all
}

/** Leaders' purchases this tick by the leader's region (set by market, read by observe). */
export interface SupplyFlows {
  /** All inputs bought, from tied suppliers and from outside (money per tick). */
  purchases: Float64Array;
  /** Bought from tied suppliers, wherever they are. */
  suppliers: Float64Array;
  /** Bought from tied suppliers in the leader's own region. */
  local: Float64Array;
  /** Bought from tied suppliers in the leader's province (own region included). */
  province: Float64Array;
  /** Bought from tied suppliers of the parts segments, and of those in the leader's province. */
  parts: Float64Array;
  partsProvince: Float64Array;
  /** isParts[s] = 1 when segment s makes parts (mechanisms.supply.partsSegments; all when absent). */
  isParts: Uint8Array;
}

/** Per-tick counts by region, reset by `observe` after recording. */
export interface TickCounts {
  entries: Int32Array;
  branchEntries: Int32Array;
  spinoffs: Int32Array;
  academicSpinoffs: Int32Array;
  exits: Int32Array;
  innovations: Int32Array;
  imitations: Int32Array;
  /** The four kinds of upgrading (seed 003): process and product innovations (part of
   *  `innovations`), functional steps up the value chain, moves into another industry. */
  processInnovations: Int32Array;
  productInnovations: Int32Array;
  functionalUpgrades: Int32Array;
  intersectoralUpgrades: Int32Array;
  /** Collaboration ties formed / dissolved this tick, by the region of the initiating firm (a). */
  tiesFormed: Int32Array;
  tiesDissolved: Int32Array;
  /** Firms that moved out of / into the region. */
  relocationsOut: Int32Array;
  relocationsIn: Int32Array;
  /** Workers who migrated out of / into the region (fractional: flows are expected values). */
  migrantsOut: Float64Array;
  migrantsIn: Float64Array;
}

export interface World {
  /** The tick being simulated (0 before the first one). */
  tick: number;
  ticksPerYear: number;
  firms: Firms;
  regions: Regions;
  segments: Segments;
  researchOrgs: ResearchOrgs;
  /** Spillover weight of region b's knowledge in region a: geo[a·R + b] (1 on the diagonal). */
  geo: Float64Array;
  /** Friction between regions a and b from administrative barriers (0 within a province). */
  friction: Float64Array;
  /** Distance between regions a and b in km: distance[a·R + b]. */
  distance: Float64Array;
  /** Learning weight by ring distance 0..⌊S/2⌋ (Nooteboom's inverted U by default). */
  cognitive: Float64Array;
  /** Level of the world technology frontier. */
  frontier: number;
  counts: TickCounts;
  /** Related local activity per (region, segment), for local increasing returns (local-returns.ts). */
  local: LocalField;
  ties: Ties;
  /** Cached CSR adjacency of `ties`; read it through `adjacencyOf(world)`. */
  adjacency: Adjacency | null;
  promotion: PromotionOrgs;
  supply: SupplyFlows;
  /** The scenario's policy levers: triggers, activity, budgets and spend (policy/state.ts). */
  policy: PolicyState;
  events: EventLog;
  ledger: FirmLedger;
  series: Series;
  stage: StageState;
  /** What each process and observer keeps for this run between calls: its reused arrays, the
   *  levers' and metrics' private state (context.ts, one field per owner). */
  context: RunContext;
}

export function ringDistance(a: number, b: number, segments: number): number {
  const d = Math.abs(a - b) % segments;
  return Math.min(d, segments - d);
}

function regionsFrom(scenario: Scenario): Regions {
  const specs = scenario.regions;
  const n = specs.length;
  const f = (get: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => get(i));
  const provinceNames = specs.map((r) => r.province ?? r.name);
  const provinces = [...new Set(provinceNames)];
  return {
    count: n,
    names: specs.map((r) => r.name),
    provinces,
    province: Int32Array.from(provinceNames, (p) => provinces.indexOf(p)),
    x: f((i) => specs[i].x),
    y: f((i) => specs[i].y),
    baseWage: f((i) => specs[i].wage),
    wage: f((i) => specs[i].wage),
    landCost: f((i) => specs[i].landCost),
    labourPool: f((i) => specs[i].labourPool),
    labourGrowth: f((i) => specs[i].labourGrowth),
    employed: new Float64Array(n),
    amenity: f((i) => specs[i].amenity),
    openness: f((i) => specs[i].openness),
    culture: f((i) => specs[i].culture),
    entryIncentive: f((i) => specs[i].entryIncentive),
    skill: f((i) => specs[i].skill),
    research: new Float64Array(n),
  };
}

function researchOrgsFrom(scenario: Scenario, regions: Regions): ResearchOrgs {
  const specs = scenario.researchOrgs;
  const region = Int32Array.from(specs, (o) => regions.names.indexOf(o.region));
  const capacity = Float64Array.from(specs, (o) => o.capacity);
  for (let k = 0; k < specs.length; k++) regions.research[region[k]] += capacity[k];
  return {
    count: specs.length,
    region,
    capacity,
    knowledge: Float64Array.from(specs, (o) => o.knowledge),
    knowledgeGrowth: Float64Array.from(specs, (o) => o.knowledgeGrowth),
    segments: specs.map((o) => [...o.segments]),
  };
}

/** Industry index of each segment: consecutive blocks of the given sizes from segment 0. */
function industriesOf(spec: Scenario['segments']): Int32Array {
  const industry = new Int32Array(spec.count);
  if (!spec.industries) return industry;
  let s = 0;
  spec.industries.forEach((size, k) => {
    for (let j = 0; j < size; j++) industry[s++] = k;
  });
  return industry;
}

/** The adjacency of the collaboration ties, rebuilt when ties or firm indices changed. */
export function adjacencyOf(world: World): Adjacency {
  world.adjacency = adjacency(world.ties, world.firms, world.adjacency);
  return world.adjacency;
}

/** Places the scenario's initial firms, explicit ones first, then generated ones (stream `init`). */
function placeInitialFirms(world: World, scenario: Scenario, rng: Stream): void {
  const { firms, regions } = world;
  for (const spec of scenario.firms.initial) {
    const region = regions.names.indexOf(spec.region);
    for (let k = 0; k < spec.count; k++) {
      const i = addFirm(firms, {
        parent: -1, kind: KIND[spec.kind], role: ROLE[spec.role], champion: spec.champion,
        region, segment: spec.segment, birth: 0, capability: spec.capability,
        employees: spec.employees, cash: spec.cash, rd: spec.rd,
      });
      if (spec.role === 'leader') firms.anchor[i] = 1;
    }
  }
  const gen = scenario.firms.generate;
  if (!gen) return;
  const R = regions.count;
  const weights = new Float64Array(R).fill(1);
  if (gen.regionWeights) {
    weights.fill(0);
    for (const [name, w] of Object.entries(gen.regionWeights)) weights[regions.names.indexOf(name)] = w;
  }
  const uniform = !gen.regionWeights;
  const S = world.segments.count;
  for (let k = 0; k < gen.count; k++) {
    const region = uniform ? rng.int(0, R - 1) : rng.categorical(weights);
    const segment = rng.int(0, S - 1);
    const capability = rng.range(gen.capability.min, gen.capability.max);
    const employees = rng.int(gen.employees.min, gen.employees.max);
    const rd = rng.range(gen.rd.min, gen.rd.max);
    addFirm(firms, {
      parent: -1, kind: KIND.startup, role: ROLE.independent, champion: false,
      region, segment, birth: 0, capability, employees, cash: gen.cash, rd,
    });
  }
}

/** The mechanism columns this scenario never writes (see MECHANISM_COLUMNS): they share one zero array. */
export function idleColumns(scenario: Scenario): MechanismColumn[] {
  const m = scenario.mechanisms;
  const idle: MechanismColumn[] = [];
  if (!m.market.differentiation.enabled) idle.push('variety', 'crowding');
  if (!m.localReturns.enabled) idle.push('agglomeration');
  if (!m.networking.enabled) idle.push('embeddedness');
  return idle;
}

/** Builds the world at tick 0. `ticks` sizes the recorded series (the scenario's by default). */
export function createWorld(scenario: Scenario, init: Stream, ticks = scenario.ticks): World {
  const regions = regionsFrom(scenario);
  const S = scenario.segments.count;
  const R = regions.count;
  const world: World = {
    tick: 0,
    ticksPerYear: scenario.ticksPerYear,
    firms: createFirms(1024, idleColumns(scenario)),
    regions,
    segments: {
      count: S,
      curves: demandCurves(scenario.segments),
      demand: new Float64Array(S),
      demandYearAgo: new Float64Array(S),
      supply: new Float64Array(S),
      price: new Float64Array(S),
      outsideSupply: scenario.segments.outsideSupply,
      industry: industriesOf(scenario.segments),
    },
    researchOrgs: researchOrgsFrom(scenario, regions),
    geo: geoWeights(scenario, regions),
    friction: regionFriction(scenario, regions),
    distance: regionDistances(scenario, regions),
    cognitive: cognitiveWeights(scenario.mechanisms.learning.cognitive, S),
    frontier: scenario.mechanisms.learning.frontierLevel,
    counts: {
      entries: new Int32Array(R), branchEntries: new Int32Array(R), spinoffs: new Int32Array(R),
      academicSpinoffs: new Int32Array(R), exits: new Int32Array(R), innovations: new Int32Array(R),
      imitations: new Int32Array(R), processInnovations: new Int32Array(R),
      productInnovations: new Int32Array(R), functionalUpgrades: new Int32Array(R),
      intersectoralUpgrades: new Int32Array(R), tiesFormed: new Int32Array(R), tiesDissolved: new Int32Array(R),
      relocationsOut: new Int32Array(R), relocationsIn: new Int32Array(R),
      migrantsOut: new Float64Array(R), migrantsIn: new Float64Array(R),
    },
    local: createLocalField(R, S),
    ties: createTies(),
    adjacency: null,
    promotion: promotionOrgsFrom(scenario, regions, scenario.researchOrgs.length),
    policy: createPolicy(scenario, regions.names),
    supply: {
      purchases: new Float64Array(R), suppliers: new Float64Array(R), local: new Float64Array(R), province: new Float64Array(R),
      parts: new Float64Array(R), partsProvince: new Float64Array(R), isParts: partsSegments(scenario, S),
    },
    events: createEventLog(scenario.output.events),
    ledger: createFirmLedger(scenario.output.firms),
    series: createSeries(regions.count, ticks),
    stage: createStageState(regions.count),
    context: createContext(),
  };
  const { curves, demand, demandYearAgo } = world.segments;
  for (let s = 0; s < S; s++) {
    demand[s] = demandAt(curves[s], 0);
    demandYearAgo[s] = demandAt(curves[s], -1);
  }
  // New firms start at the scenario's value-chain function only when functional upgrading is on.
  const functional = scenario.mechanisms.upgrading.functional;
  if (functional.enabled) world.firms.entryFunction = functional.initial;
  placeInitialFirms(world, scenario, init);
  placeVarieties(world, scenario, init);
  const { firms } = world;
  for (let i = 0; i < firms.count; i++) regions.employed[firms.region[i]] += firms.employees[i];
  return world;
}

/** The parts segments of supply chains: the scenario's partsSegments, or every segment. */
function partsSegments(scenario: Scenario, S: number): Uint8Array {
  const list = scenario.mechanisms.supply.partsSegments;
  if (!list) return new Uint8Array(S).fill(1);
  const is = new Uint8Array(S);
  for (const s of list) is[s] = 1;
  return is;
}
