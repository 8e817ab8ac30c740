// Flows in the time series: counts per tick (entries, exits, spin-offs, innovations…) and
// policy_spend (money per year, annualised each tick) are noisy at a tick shorter than a year —
// a median of small integers, or one tick spending a year's budget. With T > 1 ticks a year the
// charts show them per past year: counts summed over the last T ticks, spend averaged over them
// (so a budget of 12/yr reads 12, not a spike of 48).
import type { MetricInfo } from '../../../src/report/model.ts';

export type FlowKind = 'sum' | 'mean';

/** How a metric is shown per year, or null when it is a level (firms, employment, wage…). */
export function flowKind(metric: MetricInfo | undefined): FlowKind | null {
  if (!metric) return null;
  if (metric.unit.endsWith('/tick')) return 'sum';
  if (metric.name === 'policy_spend') return 'mean';
  return null;
}

/** The unit of a flow shown per year (firms/tick → firms/year). */
export function yearlyUnit(metric: MetricInfo, kind: FlowKind): string {
  return kind === 'sum' ? metric.unit.replace(/\/tick$/, '/year') : metric.unit;
}

/**
 * The trailing one-year sum (or mean) of per-tick values: at tick i, over ticks i − T + 1 … i;
 * NaN before the first full year or where a value in the window is missing.
 */
export function perYear(values: readonly number[], ticksPerYear: number, kind: FlowKind): number[] {
  const T = ticksPerYear;
  return values.map((_, i) => {
    if (i < T) return NaN; // tick 0 is the initial state: the first full year ends at tick T
    let sum = 0;
    for (let k = i - T + 1; k <= i; k++) {
      if (!Number.isFinite(values[k])) return NaN;
      sum += values[k];
    }
    return kind === 'sum' ? sum : sum / T;
  });
}
