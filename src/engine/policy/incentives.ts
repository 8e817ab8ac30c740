// Entry incentives of subsidyRace and coordination (being written: issue 6, helper B).
import type { World } from '../world.ts';

/** Incentive per entrant that region r offers through subsidyRace / coordination (0: none). */
export function incentiveOffered(_world: World, _r: number): number {
  return 0;
}

/** Pays the incentive for an entrant that located in region r. */
export function payIncentive(_world: World, _r: number): void {}
