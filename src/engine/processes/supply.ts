// supply — TODO. (Being written: issue 5.)
import type { Scenario } from '../../scenarios/schema.ts';
import type { Stream } from '../rng.ts';
import type { World } from '../world.ts';

export function supply(world: World, params: Scenario, _rng: Stream): void {
  if (!params.mechanisms.supply.enabled) return;
}
