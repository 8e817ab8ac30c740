// A multi-province world for the barrier and supply-chain tests, and a run that sums, tick by
// tick, what the barrier and supply tests measure: the recorded series (migrants, relocations)
// and the state after each tick (leaders' purchases of this tick, supply ties).
import { run } from '../../src/engine/run.ts';
import { valueOf } from '../../src/engine/series.ts';
import type { World } from '../../src/engine/world.ts';
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

/** Adds this tick's flows and ties to `m` (world.supply holds the purchases of this tick's market). */
function measure(world: World, m: Measures): void {
  const { firms, regions, series } = world;
  const R = regions.count;
  for (let r = 0; r < R; r++) {
    m.migrantsIn[r] += valueOf(series, 'migrants_in', world.tick, r);
    m.relocations += valueOf(series, 'relocations', world.tick, r);
    m.purchases += world.supply.purchases[r];
    m.fromSuppliers += world.supply.suppliers[r];
    m.local += world.supply.local[r];
    m.inProvince += world.supply.province[r];
  }
  m.otherProvinces = m.fromSuppliers - m.inProvince;
  const { buyer, region, role } = firms;
  const province = regions.province;
  for (let j = 0; j < firms.count; j++) {
    const l = buyer[j];
    if (l < 0 || role[l] !== ROLE.leader) continue;
    m.supplyTies++;
    if (province[region[j]] !== province[region[l]]) m.supplyTiesAcross++;
  }
}

/** Runs `scenario` with `seed`, measuring after every tick; returns the world and the measures. */
export function measuredRun(scenario: Scenario, seed: number, ticks = scenario.ticks, each?: (world: World) => void) {
  const m: Measures = {
    migrantsIn: new Float64Array(scenario.regions.length), purchases: 0, fromSuppliers: 0, inProvince: 0, local: 0,
    otherProvinces: 0, supplyTies: 0, supplyTiesAcross: 0, relocations: 0,
  };
  const { world } = run(scenario, {
    seed, ticks,
    onTick: (w) => {
      measure(w, m);
      each?.(w);
    },
  });
  return { world, m };
}
