// Levers that change regional state while they are on (being written: issue 6, helper B).
import type { Scenario } from '../../scenarios/schema.ts';
import type { World } from '../world.ts';

export function applyRegionalLevers(_world: World, _params: Scenario): void {}
