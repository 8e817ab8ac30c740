// Cluster promotion organisations ("network weavers", seeds 000–002): the scenario's own
// (`promotionOrgs`) and one per promotionOrganisation lever, a handful per run, so plain arrays.
// Networking makes firms join and applies their boosts; policy/regional.ts switches the levers' ones.
import type { Scenario } from '../scenarios/schema.ts';
import { LEVERS } from './policy/catalogue.ts';

/**
 * What a lever's organisation takes from a scenario organisation's defaults (promotionOrgSchema
 * in scenarios/networks.ts; a test checks they agree). Written out rather than parsed from the
 * schema so that the engine, and each worker thread that runs it, does not load zod.
 */
export const PROMOTION_ORG_DEFAULTS = {
  largeEmployees: 50,
  tieValue: 0.005,
  sizeElasticity: 0.5,
  spilloverValue: 0.01,
  serviceValue: 0.5,
  leaveRate: 0.5,
  benefitSpread: 0.01,
} as const;

/** Cluster promotion organisations ("network weavers"): a few, so plain arrays. */
export interface PromotionOrgs {
  count: number;
  names: string[];
  /** inRegion[k·R + r] = 1 when firms of region r may join organisation k. */
  inRegion: Uint8Array;
  startTick: Int32Array;
  budgetPerYear: Float64Array;
  costPerMember: Float64Array;
  joinRate: Float64Array;
  formationBoost: Float64Array;
  trustBoost: Float64Array;
  /** Current members (recounted by networking): firms, and research organisations under choice. */
  members: Int32Array;
  /** 1: membership by choice (processes/membership.ts); 0: quota. */
  choice: Uint8Array;
  feeLarge: Float64Array;
  feeSme: Float64Array;
  feeResearch: Float64Array;
  largeEmployees: Float64Array;
  /** core[k·S + s] = 1 when segment s is organisation k's industry (members outside it are `other`). */
  core: Uint8Array;
  /** Ticks from the start during which budgetPerYear flows (Infinity: always). */
  publicTicks: Float64Array;
  matchRate: Float64Array;
  tieValue: Float64Array;
  sizeElasticity: Float64Array;
  spilloverValue: Float64Array;
  serviceValue: Float64Array;
  leaveRate: Float64Array;
  benefitSpread: Float64Array;
  founders: Int32Array;
  /** Budget per year: quota → budgetPerYear once started; choice → fees + public money (set by networking). */
  budget: Float64Array;
  /** researchPromo[o] = the organisation research organisation o is a member of (−1: none). */
  researchPromo: Int32Array;
  /**
   * The promotionOrganisation lever that runs organisation k (index into scenario.levers), or −1
   * for the scenario's own organisations. A lever's organisation has no places, no regions and no
   * boosts until policy/regional.ts switches it on.
   */
  lever: Int32Array;
}

/** The organisations of a run, built once at world creation. */
export function promotionOrgsFrom(
  scenario: Scenario, regions: { count: number; names: string[] }, researchOrgs = 0,
): PromotionOrgs {
  const specs = scenario.promotionOrgs;
  const R = regions.count;
  // One organisation per promotionOrganisation lever, after the scenario's own.
  const levers: number[] = [];
  scenario.levers.forEach((l, index) => { if (l.lever === 'promotionOrganisation') levers.push(index); });
  const K = specs.length + levers.length;
  const inRegion = new Uint8Array(K * R);
  specs.forEach((o, k) => o.regions.forEach((name) => { inRegion[k * R + regions.names.indexOf(name)] = 1; }));
  const f = (get: (o: (typeof specs)[number]) => number, lever: (l: number) => number) =>
    Float64Array.from([...specs.map(get), ...levers.map(lever)]);
  const S = scenario.segments.count;
  const core = new Uint8Array(K * S).fill(1);
  specs.forEach((o, k) => {
    if (!o.segments) return;
    core.fill(0, k * S, (k + 1) * S);
    for (const s of o.segments) core[k * S + s] = 1;
  });
  const param = (l: number, name: string) =>
    scenario.levers[l].params[name] ?? LEVERS.promotionOrganisation.params[name].default;
  // A lever's organisation under rule `choice` takes the choice defaults of a scenario organisation.
  const byChoice = (l: number) => scenario.levers[l].rule === 'choice';
  const d = PROMOTION_ORG_DEFAULTS;
  const dflt = (l: number, value: number) => (byChoice(l) ? value : 0);
  return {
    count: K,
    names: [...specs.map((o) => o.name), ...levers.map((l) => scenario.levers[l].name ?? `promotionOrganisation-${l}`)],
    inRegion,
    startTick: Int32Array.from([...specs.map((o) => Math.round(o.startYear * scenario.ticksPerYear)), ...levers.map(() => 0)]),
    budgetPerYear: f((o) => o.budgetPerYear, () => 0),
    costPerMember: f((o) => o.costPerMember, (l) => param(l, 'costPerMember')),
    joinRate: f((o) => o.joinRate, (l) => param(l, 'joinRate')),
    formationBoost: f((o) => o.formationBoost, () => 0),
    trustBoost: f((o) => o.trustBoost, () => 0),
    members: new Int32Array(K),
    lever: Int32Array.from([...specs.map(() => -1), ...levers]),
    choice: Uint8Array.from([...specs.map((o) => (o.membership === 'choice' ? 1 : 0)), ...levers.map((l) => (byChoice(l) ? 1 : 0))]),
    feeLarge: f((o) => o.feeLarge, (l) => dflt(l, param(l, 'feeLarge'))),
    feeSme: f((o) => o.feeSme, (l) => dflt(l, param(l, 'feeSme'))),
    feeResearch: f((o) => o.feeResearch, (l) => dflt(l, param(l, 'feeSme'))),
    largeEmployees: f((o) => o.largeEmployees, () => d.largeEmployees),
    core,
    publicTicks: f((o) => (o.publicYears === undefined ? Infinity : o.publicYears * scenario.ticksPerYear), () => Infinity),
    matchRate: f((o) => o.matchRate, () => 0),
    tieValue: f((o) => o.tieValue, (l) => dflt(l, d.tieValue)),
    sizeElasticity: f((o) => o.sizeElasticity, (l) => dflt(l, d.sizeElasticity)),
    spilloverValue: f((o) => o.spilloverValue, (l) => dflt(l, d.spilloverValue)),
    serviceValue: f((o) => o.serviceValue, (l) => dflt(l, d.serviceValue)),
    leaveRate: f((o) => o.leaveRate, (l) => dflt(l, d.leaveRate)),
    benefitSpread: f((o) => o.benefitSpread, () => d.benefitSpread),
    founders: Int32Array.from([...specs.map((o) => o.founders), ...levers.map(() => 0)]),
    budget: new Float64Array(K),
    researchPromo: new Int32Array(researchOrgs).fill(-1),
  };
}

