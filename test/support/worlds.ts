// Tiny hand-built worlds for the unit tests of single processes: a scenario from a partial input
// (validated, defaults filled in) and firms placed one by one, with no process run.
import { addFirm, KIND, ROLE } from '../../src/engine/firms.ts';
import { Stream } from '../../src/engine/rng.ts';
import { createWorld, type World } from '../../src/engine/world.ts';
import { scenarioSchema, type Scenario, type ScenarioInput } from '../../src/scenarios/schema.ts';

export interface FirmSpec {
  region?: number;
  segment?: number;
  capability?: number;
  employees?: number;
  cash?: number;
  rd?: number;
  birth?: number;
  parent?: number;
  kind?: number;
  profit?: number;
}

export function scenarioOf(input: Partial<ScenarioInput>): Scenario {
  return scenarioSchema.parse({ regions: [{ name: 'r0' }], ...input });
}

/** A world of `scenario` at tick `tick` with the given firms (regions' employed kept consistent). */
export function worldOf(scenario: Scenario, firms: FirmSpec[] = [], tick = 0): World {
  const world = createWorld(scenario, new Stream('test', 'init'));
  world.tick = tick;
  for (const f of firms) addTestFirm(world, f);
  return world;
}

export function addTestFirm(world: World, f: FirmSpec): number {
  const i = addFirm(world.firms, {
    parent: f.parent ?? -1, kind: f.kind ?? KIND.startup, role: ROLE.independent, champion: false,
    region: f.region ?? 0, segment: f.segment ?? 0, birth: f.birth ?? 0, capability: f.capability ?? 1,
    employees: f.employees ?? 5, cash: f.cash ?? 0, rd: f.rd ?? 0,
  });
  world.firms.profit[i] = f.profit ?? 0;
  world.regions.employed[f.region ?? 0] += f.employees ?? 5;
  return i;
}

/** n copies of a firm spec. */
export function many(n: number, f: FirmSpec): FirmSpec[] {
  return Array.from({ length: n }, () => ({ ...f }));
}
