// agglomeration — reads: firms' region, segment, employees. Writes: world.local (related firms,
// employment and diversity per region × segment) and firms' `agglomeration` φ_i, which market,
// learning, spinoffs and entry read this tick. Nothing when localReturns is off.
//
// φ_i = x_i / (x_i + E½), x_i = E_{r(i),s(i)} − e_i: the employment of the *other* related firms
// of the firm's region (within ring distance ρ). External economies grow with them and saturate;
// a firm is not its own agglomeration.
import type { Scenario } from '../../scenarios/schema.ts';
import type { Stream } from '../rng.ts';
import type { World } from '../world.ts';
import { measureLocalField } from '../local-returns.ts';

export function agglomeration(world: World, params: Scenario, _rng: Stream): void {
  const p = params.mechanisms.localReturns;
  if (!p.enabled) return;
  measureLocalField(world, p.relatedDistance);
  const { firms } = world;
  const S = world.segments.count;
  const E = world.local.employment;
  const half = p.halfEmployment;
  const { region, segment, employees, agglomeration: phi } = firms;
  const n = firms.count;
  for (let i = 0; i < n; i++) {
    const others = Math.max(0, E[region[i] * S + segment[i]] - employees[i]);
    phi[i] = others / (others + half);
  }
}
