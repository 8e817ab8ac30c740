// One tick: the processes of MODEL.md §3, in order. Nothing else lives here.
// Networking and migration are two processes each: collaboration ties then supply ties;
// workers' migration then firms' relocation.
import type { Scenario } from '../scenarios/schema.ts';
import type { Streams } from './rng.ts';
import type { World } from './world.ts';
import { policy } from './processes/policy.ts';
import { agglomeration } from './processes/agglomeration.ts';
import { market } from './processes/market.ts';
import { learning } from './processes/learning.ts';
import { innovation } from './processes/innovation.ts';
import { upgrading } from './processes/upgrading.ts';
import { growth } from './processes/growth.ts';
import { spinoffs } from './processes/spinoffs.ts';
import { entry } from './processes/entry.ts';
import { exit } from './processes/exit.ts';
import { networking } from './processes/networking.ts';
import { supply } from './processes/supply.ts';
import { migration } from './processes/migration.ts';
import { relocation } from './processes/relocation.ts';
import { observe } from './processes/observe.ts';

export function tick(world: World, params: Scenario, rng: Streams): void {
  world.tick += 1;
  policy(world, params, rng.policy);
  agglomeration(world, params, rng.agglomeration);
  market(world, params, rng.market);
  learning(world, params, rng.learning);
  innovation(world, params, rng.innovation);
  upgrading(world, params, rng.upgrading);
  growth(world, params, rng.growth);
  spinoffs(world, params, rng.spinoffs);
  entry(world, params, rng.entry);
  exit(world, params, rng.exit);
  networking(world, params, rng.networking);
  supply(world, params, rng.supply);
  migration(world, params, rng.migration);
  relocation(world, params, rng.relocation);
  observe(world, params, rng.observe);
}
