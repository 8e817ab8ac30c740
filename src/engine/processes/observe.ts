// observe — reads firms, regions, segments, world.counts and the series recorded so far.
// Writes: world.tick's row of world.series (metrics, stage), series.recorded; resets world.counts.
import type { Scenario } from '../../scenarios/schema.ts';
import { computeMetrics } from '../metrics.ts';
import { leverOffer } from '../policy/incentives.ts';
import { recordPolicy } from '../policy/state.ts';
import type { Stream } from '../rng.ts';
import { rowOf } from '../series.ts';
import { classifyStages, stageParams } from '../stage.ts';
import type { ObserveState } from '../context.ts';
import type { World } from '../world.ts';

export function observe(world: World, params: Scenario, _rng: Stream): void {
  const { series } = world;
  const t = world.tick;
  // Rows are written once each, in order: the stage classifier reads the rows W ticks back.
  if (t >= series.capacity) {
    throw new Error(`observe: tick ${t} is beyond the series capacity (ticks 0..${series.capacity - 1}); the world was created for fewer ticks than are run`);
  }
  if (t !== series.recorded) {
    throw new Error(`observe: tick ${t} observed out of order (${series.recorded} ticks recorded so far)`);
  }
  computeMetrics(world, series.values, rowOf(series, t, 0), params);
  if (world.policy.levers.length > 0) recordPolicy(world.policy.log, world.policy, t, (l, r) => leverOffer(world, l, r));
  const own = ownState(world, params);
  classifyStages(world, own.stage);
  series.recorded = t + 1;
  for (const c of own.counters) c.fill(0);
}

/** The stage parameters of `params` and the list of per-tick counters, made once per world. */
function ownState(world: World, params: Scenario): ObserveState {
  let own = world.context.observe;
  if (!own || own.of !== params || own.countsOf !== world.counts) {
    // Every per-tick counter, including any added to TickCounts later (key order is fixed).
    own = { of: params, stage: stageParams(params, world.ticksPerYear), countsOf: world.counts, counters: Object.values(world.counts) };
    world.context.observe = own;
  }
  return own;
}
