// Targets against runs (pattern-oriented modelling, Grimm et al. 2005): for each target, what the
// seeds simulated and whether it is compatible with what was observed.
//   value target: per seed, the metric at the target's tick (year·T rounded, or the tick) or its
//     mean over the window's ticks, in the target's region; the simulated mean and 90 % interval
//     [q05, q95] over the seeds (type-7 quantiles). Observed interval: `interval`, or value ± 2·sd,
//     or the value itself. Passed when the two intervals overlap: the model can produce what was
//     observed, and the observation does not exclude what the model produces.
//   shape target: per seed, 1 when the region's stage is `stage` at some tick ≤ the target's
//     (year·T, or the last tick); the share of seeds. Passed when share.min ≤ share ≤ share.max.
import type { Target } from '../scenarios/targets.ts';
import { targetName } from '../scenarios/targets.ts';
import { STAGES } from '../engine/series.ts';
import { mean, quantile, sortedCopy } from './stats.ts';

/** One stored run as check reads it: its region names (`all` last), series and stages. */
export interface CheckedRun {
  metrics: readonly string[];
  regions: readonly string[];
  rows: number;
  ticksPerYear: number;
  series: Float64Array; // metric-major: series[m·rows + tick·regions + region]
  stage: Uint8Array;
}

export interface CheckRow {
  target: string;
  kind: 'value' | 'stage';
  metric: string;
  region: string;
  when: string;
  observed: number;
  observed_low: number;
  observed_high: number;
  simulated_mean: number;
  simulated_low: number;
  simulated_high: number;
  seeds: number;
  passed: boolean;
}

/** The ticks a target reads, inclusive: [t, t] for a year or tick, [from·T, to·T] for a window. */
function ticksOf(t: Target, T: number, last: number): [number, number] {
  if (t.window) return [Math.round(t.window.from * T), Math.min(last, Math.round(t.window.to * T))];
  if (t.year !== undefined) return [Math.min(last, Math.round(t.year * T)), Math.min(last, Math.round(t.year * T))];
  if (t.tick !== undefined) return [Math.min(last, t.tick), Math.min(last, t.tick)];
  return [0, last];
}

function whenOf(t: Target): string {
  if (t.window) return `years ${t.window.from}–${t.window.to}`;
  if (t.year !== undefined) return `year ${t.year}`;
  if (t.tick !== undefined) return `tick ${t.tick}`;
  return 'by the end';
}

/**
 * What one run gives for a target: the metric at the target's tick (or its mean over the window)
 * in the target's region (with `of`, as a share of its value in that region, over the ticks where that is not 0), NaN when the run
 * lacks the metric; for a shape target 1 when the region
 * reached the stage by the target's year (or the end), else 0.
 */
export function targetValue(t: Target, run: CheckedRun): number {
  const R = run.regions.length;
  const region = run.regions.indexOf(t.region);
  const last = run.rows / R - 1;
  const [from, to] = ticksOf(t, run.ticksPerYear, last);
  if (t.stage !== undefined) {
    const s = STAGES.indexOf(t.stage);
    for (let tick = 0; tick <= to; tick++) if (run.stage[tick * R + region] === s) return 1;
    return 0;
  }
  const m = run.metrics.indexOf(t.metric!);
  if (m < 0) return NaN;
  const at = (tick: number, r: number) => run.series[m * run.rows + tick * R + r];
  let sum = 0;
  if (t.of === undefined) {
    for (let tick = from; tick <= to; tick++) sum += at(tick, region);
    return sum / (to - from + 1);
  }
  // A share of the metric's value in region `of`, tick by tick, over the ticks where that is not 0.
  const of = run.regions.indexOf(t.of);
  let n = 0;
  for (let tick = from; tick <= to; tick++) {
    const whole = at(tick, of);
    if (whole !== 0) { sum += at(tick, region) / whole; n++; }
  }
  return n > 0 ? sum / n : NaN;
}

export function checkTargetsAgainstRuns(targets: readonly Target[], runs: readonly CheckedRun[]): CheckRow[] {
  return targets.map((t): CheckRow => {
    const perSeed = runs.map((run) => targetValue(t, run));
    const base = { target: targetName(t), region: t.region, when: whenOf(t), seeds: runs.length };
    if (t.stage !== undefined) {
      const share = mean(perSeed);
      const min = t.share?.min ?? 0;
      const max = t.share?.max ?? 1;
      return {
        ...base, kind: 'stage', metric: `stage ${t.stage}`, observed: NaN, observed_low: min, observed_high: max,
        simulated_mean: share, simulated_low: share, simulated_high: share, passed: share >= min && share <= max,
      };
    }
    const values = sortedCopy(perSeed.filter(Number.isFinite));
    const low = quantile(values, 0.05);
    const high = quantile(values, 0.95);
    const observed = t.value ?? NaN;
    const [oLow, oHigh] = t.interval ?? (t.sd !== undefined ? [observed - 2 * t.sd, observed + 2 * t.sd] : [observed, observed]);
    return {
      ...base, kind: 'value', metric: t.metric!, observed, observed_low: oLow, observed_high: oHigh,
      simulated_mean: mean(values), simulated_low: low, simulated_high: high,
      passed: values.length > 0 && low <= oHigh && oLow <= high,
    };
  });
}
