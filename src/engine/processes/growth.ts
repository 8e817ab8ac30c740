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
  const employed = regions.employed;
  if (p.enabled) {
    const own = world.context.growth;
    if (own.z.length < n) own.z = new Float64Array(firms.capacity);
    const drift = p.rate / tpy;
    const noise = p.noise / Math.sqrt(tpy);
    const scale = p.profitScale / tpy; // profit is per tick
    const minEmployees = p.minEmployees;
    // The draws first, in one pass of their own: the loop below then inlines all its arithmetic
    // (normal's log does not fit with tanh and exp), and no draw returns a number box.
    const z = own.z;
    if (noise > 0) rng.normals(z, n);
    if (p.labourLimit) {
      // Desired sizes, with each region's hires, releases and employment summed in the same pass.
      if (own.desired.length < n) own.desired = new Float64Array(firms.capacity);
      const { desired } = own;
      const { hires, released, before } = regionSums(own, R);
      for (let i = 0; i < n; i++) {
        const e = employees[i];
        const x = drift * tanh(profit[i] / (e * scale)) + (noise > 0 ? noise * z[i] : 0);
        const d = Math.max(minEmployees, e * exp(x));
        desired[i] = d;
        const r = region[i];
        before[r] += e;
        if (d > e) hires[r] += d - e;
        else released[r] -= d - e;
      }
      limitHiring(world, n);
    } else {
      for (let i = 0; i < n; i++) {
        const e = employees[i];
        const x = drift * tanh(profit[i] / (e * scale)) + (noise > 0 ? noise * z[i] : 0);
        employees[i] = Math.max(minEmployees, e * exp(x));
      }
      countEmployed(world, n);
    }
  } else {
    countEmployed(world, n);
  }
  for (let r = 0; r < R; r++) {
    const tightness = employed[r] / regions.labourPool[r];
    regions.wage[r] = regions.baseWage[r] * (1 + p.wageElasticity * pow(tightness, p.wageCurvature));
  }
}

/** regions.employed = Σ employees per region. */
function countEmployed(world: World, n: number): void {
  const { employees, region } = world.firms;
  const employed = world.regions.employed;
  employed.fill(0);
  for (let i = 0; i < n; i++) employed[region[i]] += employees[i];
}

/** The per-region sums of the growth pass, zeroed (reused arrays of the run's context). */
function regionSums(own: World['context']['growth'], R: number): { hires: Float64Array; released: Float64Array; before: Float64Array } {
  if (own.hires.length < R) {
    own.hires = new Float64Array(R);
    own.released = new Float64Array(R);
    own.before = new Float64Array(R);
    own.admitted = new Float64Array(R);
  }
  own.hires.fill(0);
  own.released.fill(0);
  own.before.fill(0);
  return own;
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

/**
 * Hires in each region are scaled so employment never exceeds the labour pool; the new employment
 * per region is summed in the same pass.
 */
function limitHiring(world: World, n: number): void {
  const { firms, regions } = world;
  const R = regions.count;
  const { employees, region } = firms;
  const { desired, hires, released, before, admitted } = world.context.growth;
  for (let r = 0; r < R; r++) {
    const free = Math.max(0, regions.labourPool[r] - before[r] + released[r]);
    admitted[r] = hires[r] > free ? free / hires[r] : 1;
  }
  const employed = regions.employed;
  employed.fill(0);
  for (let i = 0; i < n; i++) {
    const e = employees[i];
    const d = desired[i] - e;
    const r = region[i];
    const next = d > 0 ? e + d * admitted[r] : desired[i];
    employees[i] = next;
    employed[r] += next;
  }
}
