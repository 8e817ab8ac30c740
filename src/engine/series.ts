// Recorded time series: one preallocated Float64Array column per metric, rows (tick, region),
// with region index R standing for the whole system (`all`). Tick 0 is the initial state.
import { METRICS } from './metrics.ts';

export const STAGES = ['formation', 'growth', 'maturity', 'decline', 'renewal'] as const;
export type Stage = (typeof STAGES)[number];

export interface Series {
  metrics: readonly string[];
  /** Number of regions R; each tick has R + 1 rows, the last one for `all`. */
  regions: number;
  /** Ticks that can be recorded: 0..capacity-1. */
  capacity: number;
  /** Ticks recorded so far. */
  recorded: number;
  /** values[m][tick·(R+1) + region] */
  values: Float64Array[];
  /** Stage index (into STAGES) per row. */
  stage: Uint8Array;
}

export function createSeries(regions: number, ticks: number): Series {
  const rows = (ticks + 1) * (regions + 1);
  return {
    metrics: METRICS.map((m) => m.name),
    regions,
    capacity: ticks + 1,
    recorded: 0,
    values: METRICS.map(() => new Float64Array(rows)),
    stage: new Uint8Array(rows),
  };
}

/** Row index of (tick, region); region = R for `all`. */
export function rowOf(series: Series, tick: number, region: number): number {
  return tick * (series.regions + 1) + region;
}

/** The value of a metric (by name) at (tick, region); region = R for `all`. */
export function valueOf(series: Series, metric: string, tick: number, region: number): number {
  const m = series.metrics.indexOf(metric);
  if (m < 0) throw new Error(`unknown metric ${metric}`);
  return series.values[m][rowOf(series, tick, region)];
}
