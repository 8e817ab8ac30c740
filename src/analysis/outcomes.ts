// Per-run outcomes of the whole system (`all`) and of each region: the numbers a batch keeps for
// every run (runs.csv) and that `compare` and `sweep` analyse. A fixed list in a fixed order.
// A region's outcomes are computed from its own rows of the series exactly as `all`'s.
//
// Beyond the totals, means and peaks:
//   total_policy_spend = Σ_{t≥1} policy_spend_t / T   money spent by all levers over the run
//                        (policy_spend is annualised per tick, so /T gives the tick's spend)
//   years_to_decline   = first tick at which `all` is in the decline stage, / T: the cluster's
//                        lifetime before decline. A run that never declines gets its whole length
//                        (ticks / T): censored at the horizon, so it is a lower bound there.
//   policy_spend_per_entry = total_policy_spend / total_entries (0 without entries): what the
//                        levers spent per firm that entered from outside (the price of an entrant
//                        in a subsidy race; every lever's spend counts)
import { METRIC, METRICS } from '../engine/metrics.ts';
import { rowOf, STAGES } from '../engine/series.ts';
import type { World } from '../engine/world.ts';

/** Metrics that count events per tick: their outcome is the total over the run. */
const COUNTS = ['entries', 'branch_entries', 'exits', 'spinoffs', 'academic_spinoffs', 'innovations', 'imitations'] as const;
/** Metrics that are flows per year: their total integrates value/ticksPerYear over the ticks. */
const FLOWS = ['output', 'profit'] as const;
/** Levels whose mean over the run and peak are kept. */
const LEVELS = ['firms', 'employment'] as const;
/** Flows per year whose total over the run is kept (money). */
const SPEND = 'policy_spend' as const;
/** The four kinds of upgrading (seed 003): totals over the run, after the older outcomes. */
const UPGRADES = ['process_innovations', 'product_innovations', 'functional_upgrades', 'intersectoral_upgrades'] as const;

export const OUTCOME_NAMES: readonly string[] = [
  ...METRICS.map((m) => `final_${m.name}`),
  ...COUNTS.map((m) => `total_${m}`),
  ...FLOWS.map((m) => `total_${m}`),
  ...LEVELS.map((m) => `mean_${m}`),
  ...LEVELS.map((m) => `peak_${m}`),
  ...STAGES.map((s) => `years_${s}`),
  'years_to_decline',
  `total_${SPEND}`,
  `${SPEND}_per_entry`,
  ...UPGRADES.map((m) => `total_${m}`),
];

/** The outcomes of slot k: region k, or `all` (k = R, the default). */
export function outcomesOf(world: World, k = world.series.regions): Record<string, number> {
  const { series } = world;
  const R = k;
  const last = series.recorded - 1;
  const tpy = world.ticksPerYear;
  const at = (metric: keyof typeof METRIC, tick: number) => series.values[METRIC[metric]][rowOf(series, tick, R)];
  const out: Record<string, number> = {};
  for (const m of METRICS) out[`final_${m.name}`] = series.values[METRIC[m.name as keyof typeof METRIC]][rowOf(series, last, R)];
  for (const m of COUNTS) {
    let sum = 0;
    for (let t = 1; t <= last; t++) sum += at(m, t);
    out[`total_${m}`] = sum;
  }
  for (const m of FLOWS) {
    let sum = 0;
    for (let t = 1; t <= last; t++) sum += at(m, t) / tpy;
    out[`total_${m}`] = sum;
  }
  for (const m of LEVELS) {
    let sum = 0;
    for (let t = 0; t <= last; t++) sum += at(m, t);
    out[`mean_${m}`] = sum / (last + 1);
  }
  for (const m of LEVELS) {
    let peak = -Infinity;
    for (let t = 0; t <= last; t++) peak = Math.max(peak, at(m, t));
    out[`peak_${m}`] = peak;
  }
  const ticksIn = new Array<number>(STAGES.length).fill(0);
  for (let t = 0; t <= last; t++) ticksIn[series.stage[rowOf(series, t, R)]]++;
  STAGES.forEach((s, k) => (out[`years_${s}`] = ticksIn[k] / tpy));
  const decline = STAGES.indexOf('decline');
  let firstDecline = last;
  for (let t = 0; t <= last; t++) {
    if (series.stage[rowOf(series, t, R)] === decline) {
      firstDecline = t;
      break;
    }
  }
  out.years_to_decline = firstDecline / tpy;
  let spend = 0;
  for (let t = 1; t <= last; t++) spend += at(SPEND, t) / tpy;
  out[`total_${SPEND}`] = spend;
  out[`${SPEND}_per_entry`] = out.total_entries > 0 ? spend / out.total_entries : 0;
  for (const m of UPGRADES) {
    let sum = 0;
    for (let t = 1; t <= last; t++) sum += at(m, t);
    out[`total_${m}`] = sum;
  }
  return out;
}

/** The stage of slot k (default `all`) at the last recorded tick. */
export function finalStageOf(world: World, k = world.series.regions): string {
  const { series } = world;
  return STAGES[series.stage[rowOf(series, series.recorded - 1, k)]];
}

/** The outcomes and final stage of each region, in scenario order (the `all` slot excluded). */
export function regionOutcomesOf(world: World): { outcomes: Record<string, number>[]; finalStages: string[] } {
  const R = world.series.regions;
  const outcomes: Record<string, number>[] = [];
  const finalStages: string[] = [];
  for (let r = 0; r < R; r++) {
    outcomes.push(outcomesOf(world, r));
    finalStages.push(finalStageOf(world, r));
  }
  return { outcomes, finalStages };
}
