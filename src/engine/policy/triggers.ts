// Evaluating a lever's trigger for one region at the start of a tick. Conditions read the state
// recorded at the end of the previous tick (its stage and metrics), so a lever switched on in
// tick t acts on tick t's processes because of what was observed at t − 1. All conditions of a
// trigger must hold; `all`, `any` and `not` combine sub-triggers.
import type { Trigger } from '../../scenarios/levers.ts';
import { rowOf, STAGES } from '../series.ts';
import type { World } from '../world.ts';
import type { PolicyState } from './state.ts';

const stageIndex = (s: string): number => STAGES.indexOf(s as (typeof STAGES)[number]);
const asList = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

/** True when trigger t holds for target region r at the start of world.tick. */
export function triggerHolds(world: World, policy: PolicyState, t: Trigger, r: number): boolean {
  const tick = world.tick;
  const tpy = world.ticksPerYear;
  const { series } = world;
  const R = series.regions;
  const slot = t.of === 'all' ? R : r;
  const row = rowOf(series, tick - 1, slot); // the last recorded state
  // Window: year y of tick t is (t − 1)/T, so `from: 5, to: 10` covers ticks 5T+1 .. 10T.
  const year = (tick - 1) / tpy;
  if (t.from !== undefined && year < t.from) return false;
  if (t.to !== undefined && year >= t.to) return false;
  if (t.fromTick !== undefined && tick < t.fromTick) return false;
  if (t.toTick !== undefined && tick > t.toTick) return false;
  if (t.stage !== undefined && !asList(t.stage).map(stageIndex).includes(series.stage[row])) return false;
  if (t.entered !== undefined && t.forYears !== undefined) {
    const window = Math.round(t.forYears * tpy);
    const recent = asList(t.entered).some((s) => {
      const at = policy.entered[stageIndex(s) * (R + 1) + slot];
      return at >= 0 && tick - 1 - at < window;
    });
    if (!recent) return false;
  }
  if (t.metric !== undefined && !metricHolds(world, policy, t, slot, row)) return false;
  if (t.all && !t.all.every((c) => triggerHolds(world, policy, c, r))) return false;
  if (t.any && !t.any.some((c) => triggerHolds(world, policy, c, r))) return false;
  if (t.not && triggerHolds(world, policy, t.not, r)) return false;
  return true;
}

function metricHolds(world: World, policy: PolicyState, t: Trigger, slot: number, row: number): boolean {
  const { series } = world;
  let latch = t.latch ? policy.latched.get(t) : undefined;
  if (t.latch && !latch) {
    latch = new Uint8Array(series.regions + 1);
    policy.latched.set(t, latch);
  }
  if (latch && latch[slot]) return true;
  const value = series.values[series.metrics.indexOf(t.metric as string)][row];
  const holds = (t.above === undefined || value > t.above) && (t.below === undefined || value < t.below);
  if (holds && latch) latch[slot] = 1;
  return holds;
}

/** Records stage entries seen in the row of tick − 1 (call once per tick, before the triggers). */
export function trackStageEntries(world: World, policy: PolicyState): void {
  const { series } = world;
  const R = series.regions;
  const t = world.tick - 1;
  for (let slot = 0; slot <= R; slot++) {
    const now = series.stage[rowOf(series, t, slot)];
    const before = t > 0 ? series.stage[rowOf(series, t - 1, slot)] : -1;
    if (now !== before) policy.entered[now * (R + 1) + slot] = t;
  }
}
