// A multi-province world for the barrier and supply-chain tests, and a tick loop that measures
// what the per-tick counts hold before observe resets them. The loop mirrors src/engine/tick.ts
// (barriers.test.ts checks that it ends in the same state as `run`).
import { createStreams, type Streams } from '../../src/engine/rng.ts';
import { createWorld, type World } from '../../src/engine/world.ts';
import { market } from '../../src/engine/processes/market.ts';
import { learning } from '../../src/engine/processes/learning.ts';
import { innovation } from '../../src/engine/processes/innovation.ts';
import { growth } from '../../src/engine/processes/growth.ts';
import { spinoffs } from '../../src/engine/processes/spinoffs.ts';
import { entry } from '../../src/engine/processes/entry.ts';
import { exit } from '../../src/engine/processes/exit.ts';
import { networking } from '../../src/engine/processes/networking.ts';
import { supply } from '../../src/engine/processes/supply.ts';
import { migration } from '../../src/engine/processes/migration.ts';
import { relocation } from '../../src/engine/processes/relocation.ts';
import { observe } from '../../src/engine/processes/observe.ts';
import { ROLE } from '../../src/engine/firms.ts';
import { scenarioSchema, type Scenario, type ScenarioInput } from '../../src/scenarios/schema.ts';

/**
 * Four regions in three provinces: a core city (its own province, higher wage and amenity), two
 * regions of province JS and one of ZJ, 150–300 km apart; 12 segments; 360 firms spread evenly.
 */
export function provincesScenario(between: number, mechanisms: ScenarioInput['mechanisms'] = {}): Scenario {
  return scenarioSchema.parse({
    ticks: 80,
    ticksPerYear: 4,
    segments: { count: 12, demand: { base: 3000, peak: 0 } },
    regions: [
      { name: 'core', province: 'SH', x: 0, y: 0, wage: 1.3, landCost: 0.4, amenity: 1, labourPool: 30000 },
      { name: 'j1', province: 'JS', x: -150, y: 50, wage: 1, landCost: 0.2, labourPool: 30000 },
      { name: 'j2', province: 'JS', x: -300, y: 50, wage: 0.9, landCost: 0.1, labourPool: 30000 },
      { name: 'z1', province: 'ZJ', x: -100, y: -150, wage: 1, landCost: 0.2, labourPool: 30000 },
    ],
    barriers: { between },
    firms: { generate: { count: 360, employees: { min: 10, max: 120 }, capability: { min: 0.6, max: 1.4 }, cash: 5 } },
    mechanisms: {
      market: { elasticity: 1.5 },
      entry: { rate: 2 },
      exit: { cashFloor: 2, cashFloorPerEmployee: 0.2, graceYears: 1, hazard: 0.02 },
      ...mechanisms,
    },
  });
}

export interface Measures {
  /** Workers who migrated, by destination region, summed over the run. */
  migrantsIn: Float64Array;
  /** Leaders' purchases (all), from tied suppliers, from suppliers in the leader's province, and from other provinces. */
  purchases: number;
  fromSuppliers: number;
  inProvince: number;
  local: number;
  otherProvinces: number;
  /** Supplier–leader tie-ticks, and those across a province border. */
  supplyTies: number;
  supplyTiesAcross: number;
  relocations: number;
}

function measure(world: World, m: Measures): void {
  const { firms, regions, counts } = world;
  const R = regions.count;
  for (let r = 0; r < R; r++) {
    m.migrantsIn[r] += counts.migrantsIn[r];
    m.relocations += counts.relocationsOut[r];
    m.purchases += world.supply.purchases[r];
    m.local += world.supply.local[r];
    m.inProvince += world.supply.province[r];
  }
  const { buyer, region, role } = firms;
  const province = regions.province;
  for (let j = 0; j < firms.count; j++) {
    const l = buyer[j];
    if (l < 0 || role[l] !== ROLE.leader) continue;
    m.supplyTies++;
    if (province[region[j]] !== province[region[l]]) m.supplyTiesAcross++;
  }
}

/** Sales of each supplier to its leader this tick: revenue beyond its own market revenue. */
function supplierSales(world: World, m: Measures): void {
  const { firms, segments } = world;
  const { buyer, region, role, revenue, segment, capability, employees } = firms;
  const province = world.regions.province;
  const tpy = world.ticksPerYear;
  for (let j = 0; j < firms.count; j++) {
    const l = buyer[j];
    if (l < 0 || role[l] !== ROLE.leader) continue;
    const sold = revenue[j] - (segments.price[segment[j]] * capability[j] * employees[j]) / tpy;
    m.fromSuppliers += sold;
    if (province[region[j]] !== province[region[l]]) m.otherProvinces += sold;
  }
}

/** Runs `scenario` with `seed`, measuring every tick; returns the world and the measures. */
export function measuredRun(scenario: Scenario, seed: number, ticks = scenario.ticks, each?: (world: World) => void) {
  const streams: Streams = createStreams(seed);
  const world = createWorld(scenario, streams.init, ticks);
  observe(world, scenario, streams.observe);
  const m: Measures = {
    migrantsIn: new Float64Array(world.regions.count), purchases: 0, fromSuppliers: 0, inProvince: 0, local: 0,
    otherProvinces: 0, supplyTies: 0, supplyTiesAcross: 0, relocations: 0,
  };
  for (let t = 0; t < ticks; t++) {
    world.tick += 1;
    market(world, scenario, streams.market);
    supplierSales(world, m); // revenue is final after market (growth etc. do not touch it)
    learning(world, scenario, streams.learning);
    innovation(world, scenario, streams.innovation);
    growth(world, scenario, streams.growth);
    spinoffs(world, scenario, streams.spinoffs);
    entry(world, scenario, streams.entry);
    exit(world, scenario, streams.exit);
    networking(world, scenario, streams.networking);
    supply(world, scenario, streams.supply);
    migration(world, scenario, streams.migration);
    relocation(world, scenario, streams.relocation);
    measure(world, m);
    each?.(world);
    observe(world, scenario, streams.observe);
  }
  return { world, m };
}
