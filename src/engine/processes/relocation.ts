// relocation — firms move to a region where costs are much lower, held back by sunk costs, their
// local ties (lock-in) and barriers. Reads: firms' region, employees, embeddedness; regions'
// wage and land cost; friction. Writes: firms' region and kind (relocated); regions' labour
// pool, employed and skill (the employees move with the firm and bring their skill);
// counts.relocationsOut/In; `relocation` events (region = the destination). O(firms) per tick.
//
// Each firm reviews with probability tickProbability(rate, T) (when R > 1); the destination b is
// uniform among the other regions; cost_r = w_r + l_r, saving = (cost_a − cost_b)/cost_a; it
// moves when saving > threshold + sunkCost + lockIn·E_i + barrier·f_ab. Its ties stay (and
// become non-local); so does its supply tie. (barrierRemoval lowers f: policy/regional.ts.)
import type { Scenario } from '../../scenarios/schema.ts';
import { KIND } from '../firms.ts';
import { EVENT, logEvent } from '../log.ts';
import type { Stream } from '../rng.ts';
import type { World } from '../world.ts';
import { tickProbability } from '../math.ts';

export function relocation(world: World, params: Scenario, rng: Stream): void {
  const p = params.mechanisms.relocation;
  if (!p.enabled) return;
  const { firms, regions, friction, counts } = world;
  const R = regions.count;
  if (R < 2) return;
  const review = tickProbability(p.rate, world.ticksPerYear);
  const hurdle = p.threshold + p.sunkCost;
  const { region, employees, embeddedness } = firms;
  const { wage, landCost, labourPool, employed, skill } = regions;
  for (let i = 0; i < firms.count; i++) {
    if (rng.uniform() >= review) continue;
    const a = region[i];
    let b = rng.int(0, R - 2);
    if (b >= a) b++;
    const costA = wage[a] + landCost[a];
    const saving = (costA - (wage[b] + landCost[b])) / costA;
    if (saving <= hurdle + p.lockIn * embeddedness[i] + p.barrier * friction[a * R + b]) continue;
    const e = employees[i];
    const poolB = labourPool[b] + e;
    skill[b] = (labourPool[b] * skill[b] + e * skill[a]) / poolB;
    labourPool[a] -= e;
    labourPool[b] = poolB;
    employed[a] -= e;
    employed[b] += e;
    region[i] = b;
    firms.kind[i] = KIND.relocated;
    counts.relocationsOut[a]++;
    counts.relocationsIn[b]++;
    logEvent(world.events, world.tick, EVENT.relocation, firms.id[i], firms.parent[i], b,
      firms.segment[i], firms.capability[i], e);
  }
}
