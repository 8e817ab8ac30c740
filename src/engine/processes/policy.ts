// policy — reads: the levers (world.policy), the stage and metrics recorded at the end of the
// previous tick. Writes: which levers are on in which region (lever_on / lever_off events), the
// intensity table the other processes read, the running costs of levers that have one, and the
// regional state that levers change (friction, openness, promotion organisations, labour pools,
// incentives: policy/regional.ts). Nothing here writes an outcome: each lever acts through the
// process that its catalogue entry names. Draws nothing (its stream is reserved).
//
// Per tick: (1) a new budget year (ticks (y·T, (y+1)·T]) resets each lever's yearly spend;
// (2) a lever whose total budget is spent stops for good; (3) each lever is on in each of its
// regions where its trigger holds; (4) intensity[kind·R + r] = Σ intensity of the levers on;
// (5) running-cost levers pay budget.perYear/T, split equally over the regions where they are on;
// (6) regional effects.
import type { Scenario } from '../../scenarios/schema.ts';
import { LEVER_KINDS, LEVERS } from '../policy/catalogue.ts';
import { applyRegionalLevers } from '../policy/regional.ts';
import { available, book } from '../policy/state.ts';
import { trackStageEntries, triggerHolds } from '../policy/triggers.ts';
import { logLever } from '../log.ts';
import type { Stream } from '../rng.ts';
import type { World } from '../world.ts';

export function policy(world: World, params: Scenario, _rng: Stream): void {
  const P = world.policy;
  if (P.levers.length === 0) return;
  const R = world.regions.count;
  const tpy = world.ticksPerYear;
  const year = Math.floor((world.tick - 1) / tpy);
  P.spend.fill(0);
  trackStageEntries(world, P);
  P.intensity.fill(0);
  for (const l of P.levers) {
    l.spend.fill(0);
    if (l.year !== year) {
      l.year = year;
      l.spentYear = 0;
    }
    if (l.spentTotal >= l.total) l.exhausted = true;
    for (let r = 0; r < R; r++) {
      const on = !l.exhausted && l.target[r] === 1 && triggerHolds(world, P, l.when, r) ? 1 : 0;
      if (on !== l.active[r]) logLever(world.events, world.tick, on === 1, l.index, r, l.intensity);
      l.active[r] = on;
      if (on) P.intensity[l.kind * R + r] += l.intensity;
    }
    if (LEVERS[LEVER_KINDS[l.kind]].runningCost) payRunningCost(world, l, tpy);
  }
  applyRegionalLevers(world, params);
}

/** budget.perYear / T this tick, split equally over the regions where the lever is on. */
function payRunningCost(world: World, l: World['policy']['levers'][number], tpy: number): void {
  let on = 0;
  for (let r = 0; r < l.active.length; r++) on += l.active[r];
  if (on === 0) return;
  const amount = Math.min(l.perYear / tpy, available(l));
  for (let r = 0; r < l.active.length; r++) if (l.active[r]) book(world.policy, l, r, amount / on);
}
