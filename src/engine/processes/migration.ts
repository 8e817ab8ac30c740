// migration — skilled workers move between regions toward wages, amenity and jobs (core cities
// draw talent, seed 004). Reads: regions' labour pool, employed, wage, amenity, skill; distances
// and friction. Writes: regions' labour pool and skill; counts.migrantsOut/In. Deterministic
// expected flows: the stream `migration` is not drawn from. O(R²) per tick.
//
// free_a = max(0, pool_a − employed_a), τ_a = employed_a / pool_a,
// V_ab = wage·ln(w_b/w_a) + amenity·(m_b − m_a) + jobs·(τ_b − τ_a) − d_ab/δ − barrier·f_ab − cost,
// flow_ab = min(1, rate/T)·free_a·exp(V_ab) / (1 + Σ_{c≠a} exp(V_ac))   (1: staying),
// (talentProgram: m_r + params.amenity while the lever is on in r and can pay: policy/regional.ts),
// all flows computed first, then applied: pool_a −= Σ_b flow_ab, pool_b += Σ_a flow_ab, and
// skill_b ← ((pool_b − out_b)·skill_b + Σ_a flow_ab·skill_a) / (pool_b − out_b + in_b)
// (the stayers keep their skill; migrants bring the skill of their origin).
import type { Scenario } from '../../scenarios/schema.ts';
import type { Stream } from '../rng.ts';
import type { World } from '../world.ts';
import { exp, log } from '../math.ts';
import { regionalEffects } from '../policy/regional.ts';

export function migration(world: World, params: Scenario, _rng: Stream): void {
  const p = params.mechanisms.migration;
  if (!p.enabled) return;
  const { regions, distance, friction, counts } = world;
  const R = regions.count;
  if (R < 2) return;
  const own = world.context.migration;
  if (own.flow.length < R * R) {
    own.flow = new Float64Array(R * R);
    own.inflow = new Float64Array(R);
    own.outflow = new Float64Array(R);
    own.skillIn = new Float64Array(R);
  }
  const { flow, inflow, outflow, skillIn } = own;
  const { labourPool: pool, employed, wage, skill } = regions;
  const talent = regionalEffects(world)?.amenity;
  const amenity = talent && talent.some((x) => x !== 0) ? regions.amenity.map((m, r) => m + talent[r]) : regions.amenity;
  const share = Math.min(1, p.rate / world.ticksPerYear);
  const inverseDecay = 1 / p.distanceDecayKm;
  inflow.fill(0, 0, R);
  outflow.fill(0, 0, R);
  skillIn.fill(0, 0, R);
  for (let a = 0; a < R; a++) {
    const free = Math.max(0, pool[a] - employed[a]);
    const tightA = pool[a] > 0 ? employed[a] / pool[a] : 0;
    let total = 1; // the option of staying
    for (let b = 0; b < R; b++) {
      if (b === a) continue;
      const k = a * R + b;
      const tightB = pool[b] > 0 ? employed[b] / pool[b] : 0;
      const v = p.wage * log(wage[b] / wage[a]) + p.amenity * (amenity[b] - amenity[a]) +
        p.jobs * (tightB - tightA) - distance[k] * inverseDecay - p.barrier * friction[k] - p.cost;
      flow[k] = exp(v);
      total += flow[k];
    }
    const movers = (share * free) / total;
    for (let b = 0; b < R; b++) {
      const k = a * R + b;
      if (b === a) {
        flow[k] = 0;
        continue;
      }
      flow[k] *= movers;
      outflow[a] += flow[k];
      inflow[b] += flow[k];
      skillIn[b] += flow[k] * skill[a];
    }
  }
  for (let r = 0; r < R; r++) {
    const stay = pool[r] - outflow[r];
    const next = stay + inflow[r];
    if (inflow[r] > 0 && next > 0) skill[r] = (stay * skill[r] + skillIn[r]) / next;
    pool[r] = next;
    counts.migrantsOut[r] += outflow[r];
    counts.migrantsIn[r] += inflow[r];
  }
}
