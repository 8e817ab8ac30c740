// migration — TODO. (Being written: issue 5.)
import type { Scenario } from '../../scenarios/schema.ts';
import type { Stream } from '../rng.ts';
import type { World } from '../world.ts';

export function migration(world: World, params: Scenario, _rng: Stream): void {
  if (!params.mechanisms.migration.enabled) return;
}
