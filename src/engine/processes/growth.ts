// growth — reads: firms' profit, employees; regions' labour pool and base wage. Writes: firms'
// employees; regions' labour pool (grows), employed and wage (rises with tightness).
//
// Desired e' = max(e_min, e·exp(g·tanh(π/(e·π̄))/T + σ·z/√T)), z ~ N(0,1): Gibrat noise independent
// of size. Hiring is scaled down per region to the free labour pool; w_r = w̄_r·(1 + κ·τ_r^η).
// talentProgram (x_r > 0): pool_r += paid/costPerWorker, at most pool_r·(exp(x_r/T) − 1) per tick.
import type { Scenario } from '../../scenarios/schema.ts';
import type { Stream } from '../rng.ts';
import type { World } from '../world.ts';
import { exp, pow, tanh } from '../math.ts';
import { intensityOf, paramOf, pay } from '../policy/state.ts';

export function growth(world: World, params: Scenario, rng: Stream): void {
  const p = params.mechanisms.growth;
  const { firms, regions } = world;
  const tpy = world.ticksPerYear;
  const R = regions.count;
  for (let r = 0; r < R; r++) regions.labourPool[r] *= exp(regions.labourGrowth[r] / tpy);
  if (world.policy.levers.length > 0) talentProgram(world);

  const n = firms.count;
  const { employees, profit, region } = firms;
  if (p.enabled) {
    // Without a labour limit the desired size is the new size: written straight to employees.
    const own = world.context.growth;
    if (p.labourLimit && own.desired.length < n) own.desired = new Float64Array(firms.capacity);
    const desired = p.labourLimit ? own.desired : employees;
    const drift = p.rate / tpy;
    const noise = p.noise / Math.sqrt(tpy);
    const scale = p.profitScale / tpy; // profit is per tick
    const minEmployees = p.minEmployees;
    for (let i = 0; i < n; i++) {
      const e = employees[i];
      const x = drift * tanh(profit[i] / (e * scale)) + (noise > 0 ? noise * rng.normal() : 0);
      desired[i] = Math.max(minEmployees, e * exp(x));
    }
    if (p.labourLimit) limitHiring(world, n);
  }

  const employed = regions.employed;
  employed.fill(0);
  for (let i = 0; i < n; i++) employed[region[i]] += employees[i];
  for (let r = 0; r < R; r++) {
    const tightness = regions.employed[r] / regions.labourPool[r];
    regions.wage[r] = regions.baseWage[r] * (1 + p.wageElasticity * pow(tightness, p.wageCurvature));
  }
}

/**
 * talentProgram: the pool of r grows by an extra x_r per year, added_r = pool_r·(exp(x_r/T) − 1),
 * paid at costPerWorker per worker (`pay`); only the paid workers are added.
 */
function talentProgram(world: World): void {
  const { regions, policy } = world;
  const R = regions.count;
  for (let r = 0; r < R; r++) {
    const x = intensityOf(policy, 'talentProgram', r, R);
    if (!(x > 0)) continue;
    const added = regions.labourPool[r] * (exp(x / world.ticksPerYear) - 1);
    const cost = paramOf(policy, 'talentProgram', r, 'costPerWorker');
    regions.labourPool[r] += cost > 0 ? pay(policy, 'talentProgram', r, added * cost) / cost : added;
  }
}

/** Hires in each region are scaled so employment never exceeds the labour pool. */
function limitHiring(world: World, n: number): void {
  const { firms, regions } = world;
  const R = regions.count;
  const { employees, region } = firms;
  const { desired } = world.context.growth;
  const hires = new Float64Array(R);
  const released = new Float64Array(R);
  const employed = new Float64Array(R);
  for (let i = 0; i < n; i++) {
    const r = region[i];
    const d = desired[i] - employees[i];
    employed[r] += employees[i];
    if (d > 0) hires[r] += d;
    else released[r] -= d;
  }
  const scale = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    const free = Math.max(0, regions.labourPool[r] - employed[r] + released[r]);
    scale[r] = hires[r] > free ? free / hires[r] : 1;
  }
  for (let i = 0; i < n; i++) {
    const e = employees[i];
    const d = desired[i] - e;
    employees[i] = d > 0 ? e + d * scale[region[i]] : desired[i];
  }
}
