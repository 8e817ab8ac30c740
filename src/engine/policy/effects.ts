// Per-tick effects of firm-process levers that one process computes and later processes read.
// Kept outside PolicyState, in world.context.effects (created on first use), so worlds and their
// outputs are unchanged when no lever exists.
//
// rdBoost[r]: the rise of the effective R&D intensity of the firms of region r this tick,
// s_r·φ_r with s_r the Σ intensity of the rdSubsidy levers on in r and φ_r the share of the
// desired subsidy that the budgets paid (set by market, read by learning and innovation).
//
// startupSupport's seed money (read by spinoffs and entry): offered in region r while the lever is
// on there and its budget can pay one seedMoney; paid in full or not at all.
import type { LeverKind } from './catalogue.ts';
import { canPay, intensityOf, paramOf, pay } from './state.ts';
import type { World } from '../world.ts';

export interface PolicyEffects {
  rdBoost: Float64Array;
  /** True when some rdBoost[r] > 0 this tick (readers skip the lookup otherwise). */
  rdBoosted: boolean;
}

/** The world's effects (created, all zero, on first use). */
export function effectsOf(world: World): PolicyEffects {
  let e = world.context.effects;
  if (!e) {
    e = { rdBoost: new Float64Array(world.regions.count), rdBoosted: false };
    world.context.effects = e;
  }
  return e;
}

/**
 * intensityOf(kind) for every region into `into` (length R); returns true when any is > 0.
 * Cheap (R reads): processes call it once per tick.
 */
export function regionIntensities(world: World, kind: LeverKind, into: Float64Array): boolean {
  const R = world.regions.count;
  let any = false;
  for (let r = 0; r < R; r++) {
    const x = intensityOf(world.policy, kind, r, R);
    into[r] = x;
    if (x > 0) any = true;
  }
  return any;
}

/** True when startupSupport is on in region r and its budget can pay one seedMoney now. */
export function seedPayable(world: World, r: number): boolean {
  const P = world.policy;
  if (P.levers.length === 0 || !(intensityOf(P, 'startupSupport', r, world.regions.count) > 0)) return false;
  return canPay(P, 'startupSupport', r) >= paramOf(P, 'startupSupport', r, 'seedMoney');
}

/** The seed money region r offers a new firm now (0: lever off or budget short). */
export function seedOffered(world: World, r: number): number {
  return seedPayable(world, r) ? paramOf(world.policy, 'startupSupport', r, 'seedMoney') : 0;
}

/** Pays startupSupport's seed money for a new firm founded in region r: in full, or 0. */
export function seedMoney(world: World, r: number): number {
  const seed = seedOffered(world, r);
  return seed > 0 ? pay(world.policy, 'startupSupport', r, seed) : 0;
}
