// Cluster promotion organisations ("network weavers", seeds 000–002): the scenario's own
// (`promotionOrgs`) and one per promotionOrganisation lever, a handful per run, so plain arrays.
// Networking makes firms join and applies their boosts; policy/regional.ts switches the levers' ones.
import type { Scenario } from '../scenarios/schema.ts';
import { LEVERS } from './policy/catalogue.ts';

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
  /** Current members (recounted by networking). */
  members: Int32Array;
  /**
   * The promotionOrganisation lever that runs organisation k (index into scenario.levers), or −1
   * for the scenario's own organisations. A lever's organisation has no places, no regions and no
   * boosts until policy/regional.ts switches it on.
   */
  lever: Int32Array;
}

/** The organisations of a run, built once at world creation. */
export function promotionOrgsFrom(scenario: Scenario, regions: { count: number; names: string[] }): PromotionOrgs {
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
  const param = (l: number, name: string) =>
    scenario.levers[l].params[name] ?? LEVERS.promotionOrganisation.params[name].default;
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
  };
}

