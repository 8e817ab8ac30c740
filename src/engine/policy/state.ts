// The levers of a run: built once from the scenario, switched on and off by the policy process,
// read by the processes they act through, and paid from their budgets. Levers are few (a scenario
// lists them), so each is a small object; everything per region is a typed array.
//
// Budgets: a lever's budget is shared by its regions. In a tick it can pay at most
// min(total − spent so far, perYear − spent this budget year); `pay` never pays more, so a cap is
// never exceeded. When the total is spent, the lever stops for good (policy logs lever_off).
import type { Scenario } from '../../scenarios/schema.ts';
import type { Trigger } from '../../scenarios/levers.ts';
import { LEVER, LEVER_KINDS, LEVERS, type LeverKind } from './catalogue.ts';
import { growColumns } from '../columns.ts';

export interface PolicyLever {
  index: number;
  kind: number; // index into LEVER_KINDS
  name: string;
  intensity: number;
  /** How it decides (catalogue `rules`; '' for levers without a choice). */
  rule: string;
  /** The lever's parameters, defaults filled in. */
  params: Record<string, number>;
  when: Trigger;
  /** target[r] = 1 when region r is one of the lever's regions. */
  target: Uint8Array;
  /** segments[s] = 1 when the lever targets segment s; null: every segment. */
  segments: Uint8Array | null;
  perYear: number; // Infinity: no limit
  total: number; // Infinity: no limit
  spentTotal: number;
  spentYear: number;
  /** Budget year the lever's yearly spend belongs to (ticks (y·T, (y+1)·T]). */
  year: number;
  /** Total budget spent: off for good. */
  exhausted: boolean;
  /** On this tick, per region. */
  active: Uint8Array;
  /** Spend this tick and over the run, per region. */
  spend: Float64Array;
  spendRun: Float64Array;
}

export interface PolicyState {
  levers: PolicyLever[];
  /** Σ intensity of the active levers of each kind in each region: intensity[kind·R + r]. */
  intensity: Float64Array;
  /** Spend of all levers this tick, per region. */
  spend: Float64Array;
  /** Tick at which each slot (regions, then `all`) last entered each stage: entered[stage·(R+1) + slot]; −1: never. */
  entered: Int32Array;
  /** Latched metric triggers: once true, true for good (per trigger and region slot). */
  latched: Map<Trigger, Uint8Array>;
  /** Per tick, lever and region: on / spend (policy.csv). */
  log: PolicyLog;
}

export function createPolicy(scenario: Scenario, regionNames: string[]): PolicyState {
  const R = regionNames.length;
  const levers = scenario.levers.map((spec, index): PolicyLever => {
    const def = LEVERS[spec.lever];
    const target = new Uint8Array(R);
    if (spec.regions === 'all') target.fill(1);
    else for (const name of spec.regions) target[regionNames.indexOf(name)] = 1;
    let segments: Uint8Array | null = null;
    if (spec.segments) {
      segments = new Uint8Array(scenario.segments.count);
      for (const seg of spec.segments) segments[seg] = 1;
    }
    const params: Record<string, number> = {};
    for (const [name, p] of Object.entries(def.params)) params[name] = spec.params[name] ?? p.default;
    return {
      index, kind: LEVER[spec.lever], name: spec.name ?? `${spec.lever}-${index}`,
      intensity: spec.intensity ?? def.intensity.default, rule: spec.rule ?? def.rules?.default ?? '', params, when: spec.when, target, segments,
      perYear: spec.budget.perYear ?? Infinity, total: spec.budget.total ?? Infinity,
      spentTotal: 0, spentYear: 0, year: 0, exhausted: false,
      active: new Uint8Array(R), spend: new Float64Array(R), spendRun: new Float64Array(R),
    };
  });
  return {
    levers,
    intensity: new Float64Array(LEVER_KINDS.length * R),
    spend: new Float64Array(R),
    entered: new Int32Array(5 * (R + 1)).fill(-1),
    latched: new Map(),
    log: createPolicyLog(),
  };
}

/** What lever l can still pay in this tick. */
export function available(l: PolicyLever): number {
  return Math.max(0, Math.min(l.total - l.spentTotal, l.perYear - l.spentYear));
}

/** Books `amount` (≤ available) as lever l's spend in region r. */
export function book(policy: PolicyState, l: PolicyLever, r: number, amount: number): void {
  if (!(amount > 0)) return;
  l.spend[r] += amount;
  l.spendRun[r] += amount;
  l.spentYear += amount;
  l.spentTotal += amount;
  policy.spend[r] += amount;
}

/** Σ intensity of the active levers of `kind` in region r (0 when none is on). */
export function intensityOf(policy: PolicyState, kind: LeverKind, r: number, R: number): number {
  return policy.intensity[LEVER[kind] * R + r];
}

/** The active levers of `kind` in region r, in scenario order. */
export function activeLevers(policy: PolicyState, kind: LeverKind, r: number): PolicyLever[] {
  const k = LEVER[kind];
  return policy.levers.filter((l) => l.kind === k && l.active[r] === 1);
}

/**
 * Σ intensity of the active levers of `kind` in region r that target `segment`, when together they
 * can pay it this tick (else 0). Without any segment-targeted lever it is `intensityOf` under the
 * same budget condition.
 */
export function segmentOffer(policy: PolicyState, kind: LeverKind, r: number, segment: number): number {
  const k = LEVER[kind];
  let offer = 0;
  let payable = 0;
  for (const l of policy.levers) {
    if (l.kind !== k || !l.active[r] || (l.segments && !l.segments[segment])) continue;
    offer += l.intensity;
    payable += available(l);
  }
  return offer > 0 && payable >= offer ? offer : 0;
}

/** Pays `amount` for region r from the active levers of `kind` that target `segment` (scenario order). */
export function paySegment(policy: PolicyState, kind: LeverKind, r: number, segment: number, amount: number): number {
  let left = amount;
  const k = LEVER[kind];
  for (const l of policy.levers) {
    if (left <= 0) break;
    if (l.kind !== k || !l.active[r] || (l.segments && !l.segments[segment])) continue;
    const paid = Math.min(left, available(l));
    book(policy, l, r, paid);
    left -= paid;
  }
  return amount - left;
}

/** What the active levers of `kind` in region r can pay together this tick. */
export function canPay(policy: PolicyState, kind: LeverKind, r: number): number {
  let sum = 0;
  const k = LEVER[kind];
  for (const l of policy.levers) if (l.kind === k && l.active[r]) sum += available(l);
  return sum;
}

/**
 * Pays up to `amount` for region r from the active levers of `kind` (in scenario order) and
 * returns what was paid. Never more than the budgets allow.
 */
export function pay(policy: PolicyState, kind: LeverKind, r: number, amount: number): number {
  let left = amount;
  const k = LEVER[kind];
  for (const l of policy.levers) {
    if (left <= 0) break;
    if (l.kind !== k || !l.active[r]) continue;
    const paid = Math.min(left, available(l));
    book(policy, l, r, paid);
    left -= paid;
  }
  return amount - left;
}

/** A parameter of the first active lever of `kind` in region r (its default when none is on). */
export function paramOf(policy: PolicyState, kind: LeverKind, r: number, name: string): number {
  const k = LEVER[kind];
  for (const l of policy.levers) if (l.kind === k && l.active[r]) return l.params[name];
  return LEVERS[kind].params[name].default;
}

/** The rule of the first active lever of `kind` in region r (the catalogue default when none is on). */
export function ruleOf(policy: PolicyState, kind: LeverKind, r: number): string {
  const k = LEVER[kind];
  for (const l of policy.levers) if (l.kind === k && l.active[r]) return l.rule;
  return LEVERS[kind].rules?.default ?? '';
}

/** policy.csv's rows: per tick, each lever and region where it was on or spent (columnar). */
export interface PolicyLog {
  count: number;
  tick: Int32Array;
  lever: Int32Array;
  region: Int32Array;
  active: Uint8Array;
  spend: Float64Array; // money this tick
  /** Incentive per entrant the lever's government chose in the region (subsidyRace, coordination); NaN: none. */
  offer: Float64Array;
}

export function createPolicyLog(capacity = 256): PolicyLog {
  return {
    count: 0, tick: new Int32Array(capacity), lever: new Int32Array(capacity), region: new Int32Array(capacity),
    active: new Uint8Array(capacity), spend: new Float64Array(capacity), offer: new Float64Array(capacity),
  };
}

/**
 * Appends this tick's rows (called by observe, after every process has paid). `offerOf(l, r)`:
 * the incentive lever l offers in region r (NaN for levers that offer none).
 */
export function recordPolicy(
  log: PolicyLog, policy: PolicyState, tick: number, offerOf: (l: PolicyLever, r: number) => number = () => NaN,
): void {
  for (const l of policy.levers) {
    for (let r = 0; r < l.active.length; r++) {
      if (!l.active[r] && !(l.spend[r] > 0)) continue;
      if (log.count === log.tick.length) growColumns(log, log.count + 1);
      const i = log.count++;
      log.tick[i] = tick; log.lever[i] = l.index; log.region[i] = r; log.active[i] = l.active[r]; log.spend[i] = l.spend[r];
      log.offer[i] = offerOf(l, r);
    }
  }
}
