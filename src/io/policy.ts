// policy.csv: what the levers did, per tick — one row per (tick, lever, region) where the lever
// was on or spent money (recorded by observe from world.policy.log, after every process paid).
// Columns: tick, lever (its name), kind (its catalogue entry), region, active (1 while on there;
// 0 on a row where the lever booked spend in a region where it was off), spend (money this tick,
// not annualised: Σ spend over all rows = total_policy_spend), offer (the incentive per entrant
// that a subsidyRace or coordination lever's government chose there this tick; NaN for other
// levers). Written only when the scenario has levers.
import { LEVER_KINDS } from '../engine/policy/catalogue.ts';
import type { World } from '../engine/world.ts';
import { csvField, csvText, formatNumber } from './format.ts';

export const POLICY_HEADER = ['tick', 'lever', 'kind', 'region', 'active', 'spend', 'offer'] as const;

export function policyCsv(world: World): string {
  const { log, levers } = world.policy;
  const regions = world.regions.names.map(csvField);
  const names = levers.map((l) => csvField(l.name));
  const kinds = levers.map((l) => LEVER_KINDS[l.kind]);
  const rows: string[] = [];
  for (let i = 0; i < log.count; i++) {
    const l = log.lever[i];
    rows.push(`${log.tick[i]},${names[l]},${kinds[l]},${regions[log.region[i]]},${log.active[i]},${formatNumber(log.spend[i])},${formatNumber(log.offer[i])}`);
  }
  return csvText(POLICY_HEADER, rows);
}

/** Total spend per lever over the run (money), in scenario order: from the levers' own counters. */
export function leverTotals(world: World): { lever: string; kind: string; spend: number }[] {
  return world.policy.levers.map((l) => ({
    lever: l.name,
    kind: LEVER_KINDS[l.kind],
    spend: l.spendRun.reduce((s, x) => s + x, 0),
  }));
}
