// Calibration targets: what was observed, in one format for a scenario's `expect` block and for a
// targets file (`targets: [...]`, read by `clusterlab check --targets`). A target is either
//   a value — a metric of timeseries.csv in a region (or `all`) at a year, a tick or the mean over
//     a window of years, observed as `value` (± `sd`) or an `interval`; with `of`, as a share of
//     the metric's value in another region (or `all`) — or
//   a shape — the share of seeds in which a region reaches a lifecycle `stage` (by a year, or by
//     the end), observed as `share: { min, max }`.
// The schema checks types and domains; `checkTargets` checks what needs the scenario (metric and
// region names, the horizon, that a target is one kind or the other). A targets file may also
// list `priors` (src/calibrate/priors.ts) for `clusterlab calibrate`: target-files.ts reads files.
import { z } from 'zod';
import { METRICS } from '../engine/metrics.ts';
import { STAGES } from '../engine/series.ts';
import { describeValue, type Finding, type PathKey } from './errors.ts';
import { count, label, nonNegative, positive, probability } from './units.ts';

export const targetSchema = z
  .object({
    name: label.optional().describe('A label for outputs (default: metric@region or stage@region).'),
    metric: z.string().min(1).optional().describe('Value target: a metric of timeseries.csv (`clusterlab list`).'),
    region: z.string().min(1).default('all').describe('A region\'s name, or `all`.'),
    of: z.string().min(1).optional()
      .describe('Value target: the metric in `region` as a share of its value in this region (or `all`), e.g. a province\'s share of the delta\'s profit.'),
    year: nonNegative.optional().describe('When (one of year, tick, window): a year, i.e. tick year·ticksPerYear.'),
    tick: count.optional().describe('When (one of year, tick, window): a tick.'),
    window: z
      .object({ from: nonNegative.describe('First year of the window.'), to: positive.describe('Last year of the window (> from).') })
      .strict()
      .optional()
      .describe('When (one of year, tick, window): the mean over the years [from, to].'),
    value: z.number().optional()
      .describe('The observed value, with its standard deviation (the observation\'s interval is value ± 2 sd).'),
    sd: positive.optional().describe('Standard deviation of the observed value (only with value).'),
    interval: z.tuple([z.number(), z.number()]).optional().describe('Or the observed interval [low, high].'),
    stage: z.enum(STAGES).optional().describe('Shape target: the share of seeds in which the region reaches this stage.'),
    share: z
      .object({
        min: probability.default(0).describe('Lowest observed share of seeds (0..1).'),
        max: probability.default(1).describe('Highest observed share of seeds (0..1).'),
      })
      .strict()
      .optional()
      .describe('Shape target: the observed share of seeds in which the region reaches `stage`.'),
    weight: nonNegative.default(1).describe('Weight in a calibration distance (not used by `check`).'),
  })
  .strict();
export type Target = z.infer<typeof targetSchema>;

const METRIC_NAMES = METRICS.map((m) => m.name);

/** What the scenario offers the targets: region names and the horizon. */
export interface TargetContext {
  regions: readonly string[];
  ticks: number;
  ticksPerYear: number;
}

/** Cross-checks of targets already through the schema; paths start with `prefix`. */
export function checkTargets(targets: readonly Target[], ctx: TargetContext, prefix: PathKey[]): Finding[] {
  const out: Finding[] = [];
  const years = ctx.ticks / ctx.ticksPerYear;
  targets.forEach((t, i) => {
    const at = (...rest: PathKey[]): PathKey[] => [...prefix, i, ...rest];
    const add = (path: PathKey[], expected: string, found: string) => out.push({ path, expected, found });
    const regionNames = `"all" or one of the regions ${ctx.regions.map((r) => JSON.stringify(r)).join(', ')}`;
    if (t.region !== 'all' && !ctx.regions.includes(t.region)) add(at('region'), regionNames, describeValue(t.region));
    if (t.of !== undefined && t.of !== 'all' && !ctx.regions.includes(t.of)) add(at('of'), regionNames, describeValue(t.of));
    if (t.of !== undefined && t.stage !== undefined) add(at('of'), 'of only with a metric (a share of its value elsewhere)', 'of with a stage');
    const isValue = t.metric !== undefined;
    const isShape = t.stage !== undefined;
    if (isValue === isShape) {
      add(at(), 'a value target (metric with value or interval) or a shape target (stage with share), not both', isValue ? 'metric and stage' : 'neither metric nor stage');
      return;
    }
    const whens = [t.year, t.tick, t.window].filter((w) => w !== undefined).length;
    if (whens > 1) add(at(), 'one of year, tick or window', 'more than one');
    if (t.year !== undefined && t.year > years) add(at('year'), `a year within the run (0..${years})`, String(t.year));
    if (t.tick !== undefined && t.tick > ctx.ticks) add(at('tick'), `a tick within the run (0..${ctx.ticks})`, String(t.tick));
    if (t.window && (t.window.to <= t.window.from || t.window.to > years)) {
      add(at('window'), `from < to ≤ ${years} (the run's years)`, `from ${t.window.from}, to ${t.window.to}`);
    }
    if (isValue) {
      if (!METRIC_NAMES.includes(t.metric!)) add(at('metric'), 'a metric of timeseries.csv (clusterlab list)', describeValue(t.metric));
      if (whens === 0) add(at(), 'one of year, tick or window (when the value was observed)', 'none');
      if ((t.value === undefined) === (t.interval === undefined)) add(at('value'), 'an observed value or an interval (one of them)', t.value === undefined ? 'neither' : 'both');
      if (t.sd !== undefined && t.value === undefined) add(at('sd'), 'sd with a value', 'sd without value');
      if (t.interval && t.interval[0] > t.interval[1]) add(at('interval'), 'low ≤ high', `[${t.interval[0]}, ${t.interval[1]}]`);
      if (t.share !== undefined) add(at('share'), 'share only with a stage target', 'share with a metric');
    } else {
      if (t.tick !== undefined || t.window !== undefined) add(at(), 'a stage reached by a year (or by the end)', 'tick or window');
      if (t.value !== undefined || t.interval !== undefined || t.sd !== undefined) add(at('value'), 'no value for a stage target (give share)', 'a value');
      if (t.share && t.share.min > t.share.max) add(at('share'), 'min ≤ max', `min ${t.share.min}, max ${t.share.max}`);
    }
  });
  return out;
}

/** The label of a target in outputs. */
export function targetName(t: Target): string {
  return t.name ?? `${t.metric ?? t.stage}@${t.region}${t.of ? `/${t.of}` : ''}`;
}
