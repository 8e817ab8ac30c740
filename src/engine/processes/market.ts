// market — reads: segment demand curves, firms' segment, capability, employees, rd; region wage
// and land cost. Writes: segments' demand, supply and price; firms' revenue, profit and cash
// (positive cash pays out the share `payout` per year to owners).
//
// p_s = p0·(D_s/Q_s)^(1/ε) with Q_s = Σ capability·employees + outside supply; flows per tick.
import type { Scenario } from '../../scenarios/schema.ts';
import { demandAt } from '../demand.ts';
import type { Stream } from '../rng.ts';
import type { World } from '../world.ts';
import { pow } from '../math.ts';

export function market(world: World, params: Scenario, _rng: Stream): void {
  const { firms, segments, regions } = world;
  const tpy = world.ticksPerYear;
  const year = world.tick / tpy;
  const S = segments.count;
  const { demand, demandYearAgo, supply, price } = segments;

  // Demand moves along its life cycle even with the market switched off (entry reads it).
  for (let s = 0; s < S; s++) {
    demand[s] = demandAt(segments.curves[s], year);
    demandYearAgo[s] = demandAt(segments.curves[s], year - 1);
    supply[s] = segments.outsideSupply;
  }
  const n = firms.count;
  const { segment, capability, employees } = firms;
  for (let i = 0; i < n; i++) supply[segment[i]] += capability[i] * employees[i];

  const m = params.mechanisms.market;
  const inverseElasticity = 1 / m.elasticity;
  for (let s = 0; s < S; s++) {
    price[s] = supply[s] > 0 ? m.priceScale * pow(demand[s] / supply[s], inverseElasticity) : 0;
  }
  if (!m.enabled) return;

  const { region, rd, revenue, profit, cash } = firms;
  const { wage, landCost } = regions;
  const fixedCost = m.fixedCost / tpy;
  const retained = pow(1 - m.payout, 1 / tpy); // a year pays out exactly `payout`
  for (let i = 0; i < n; i++) {
    const r = region[i];
    const rev = (price[segment[i]] * capability[i] * employees[i]) / tpy;
    const cost = ((wage[r] + landCost[r]) * employees[i]) / tpy + fixedCost + rd[i] * rev;
    revenue[i] = rev;
    profit[i] = rev - cost;
    const c = cash[i] + rev - cost;
    cash[i] = c > 0 ? c * retained : c;
  }
}
