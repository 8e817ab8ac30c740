// Cross-field checks of `levers`: target regions exist, parameters belong to the lever, running-
// cost levers have a yearly budget, a rule is one the lever has, the mechanism a lever acts through is on, and no trigger is
// impossible (a window that is empty or after the horizon, an unknown metric, thresholds that
// exclude each other, `forYears` without `entered`).
import { describeValue, type PathKey } from './errors.ts';
import { LEVERS } from '../engine/policy/catalogue.ts';
import { METRICS } from '../engine/metrics.ts';
import type { Trigger } from './levers.ts';
import type { Scenario } from './schema.ts';

type Body = Omit<Scenario, 'variants' | 'extends' | 'expect'>;
type Add = (path: PathKey[], expected: string, found: string) => void;

const METRIC_NAMES = new Set(METRICS.map((m) => m.name));

export function checkLevers(s: Body, regionNames: string[], add: Add): void {
  const years = s.ticks / s.ticksPerYear;
  s.levers.forEach((lever, i) => {
    const at = (...rest: PathKey[]): PathKey[] => ['levers', i, ...rest];
    const def = LEVERS[lever.lever];
    if (lever.regions !== 'all') {
      lever.regions.forEach((name, j) => {
        if (!regionNames.includes(name)) add(at('regions', j), `"all" or one of the regions ${regionNames.map((n) => JSON.stringify(n)).join(', ')}`, describeValue(name));
      });
    }
    if (lever.segments !== undefined) {
      if (lever.lever !== 'entrySubsidy') {
        add(at('segments'), 'no segments (only entrySubsidy targets segments)', `segments on ${lever.lever}`);
      } else {
        lever.segments.forEach((seg, j) => {
          if (seg >= s.segments.count) add(at('segments', j), `a segment from 0 to ${s.segments.count - 1}`, String(seg));
        });
      }
    }
    const known = Object.keys(def.params);
    for (const [name, value] of Object.entries(lever.params)) {
      if (!known.includes(name)) {
        add(at('params', name), known.length ? `one of ${known.join(', ')} (parameters of ${lever.lever})` : `no parameters (${lever.lever} has none)`, `unknown parameter ${describeValue(name)}`);
      } else if (value < 0) {
        add(at('params', name), 'a number ≥ 0', String(value));
      }
    }
    if (lever.rule !== undefined) {
      const rules = def.rules ? Object.keys(def.rules.options) : [];
      if (!rules.includes(lever.rule)) {
        add(at('rule'), rules.length ? `one of ${rules.join(', ')} (rules of ${lever.lever})` : `no rule (${lever.lever} has none)`, describeValue(lever.rule));
      }
    }
    const intensity = lever.intensity ?? def.intensity.default;
    if ((lever.lever === 'barrierRemoval' || lever.lever === 'specialisedSme') && intensity > 1) {
      add(at('intensity'), 'a share from 0 to 1', String(intensity));
    }
    if ((def.runningCost || lever.lever === 'promotionOrganisation') && lever.budget.perYear === null) {
      add(at('budget', 'perYear'), `a yearly budget (${lever.lever} spends it every year it is on)`, 'none');
    }
    if (def.requires && !s.mechanisms[def.requires].enabled) {
      add(at('lever'), `a lever whose mechanism is on (${lever.lever} acts through mechanisms.${def.requires}, which is off)`, describeValue(lever.lever));
    }
    checkTrigger(lever.when, at('when'), years, s.ticks, add);
  });
}

function checkTrigger(t: Trigger, path: PathKey[], years: number, ticks: number, add: Add): void {
  const at = (key: string): PathKey[] => [...path, key];
  if (t.from !== undefined && t.from >= years) add(at('from'), `a year before the end of the run (${years} years)`, String(t.from));
  if (t.from !== undefined && t.to !== undefined && t.to <= t.from) add(at('to'), `a year after from (${t.from})`, String(t.to));
  if (t.fromTick !== undefined && t.fromTick > ticks) add(at('fromTick'), `a tick within the run (1..${ticks})`, String(t.fromTick));
  if (t.fromTick !== undefined && t.toTick !== undefined && t.toTick < t.fromTick) add(at('toTick'), `a tick ≥ fromTick (${t.fromTick})`, String(t.toTick));
  if (t.metric !== undefined) {
    if (!METRIC_NAMES.has(t.metric)) add(at('metric'), 'a metric of timeseries.csv (clusterlab list shows them)', describeValue(t.metric));
    if (t.above === undefined && t.below === undefined) add(at('metric'), 'a threshold: above or below', 'neither');
    if (t.above !== undefined && t.below !== undefined && t.above >= t.below) {
      add(at('below'), `a value above \`above\` (${t.above}), or no value can be both above ${t.above} and below it`, String(t.below));
    }
  } else if (t.above !== undefined || t.below !== undefined) {
    add(at('metric'), 'the metric the threshold applies to', 'none');
  }
  if (t.forYears !== undefined && t.entered === undefined) add(at('forYears'), 'entered: the stage whose entry starts the window', 'none');
  if (t.entered !== undefined && t.forYears === undefined) add(at('forYears'), 'how many years after entering the lever stays on', 'none');
  t.all?.forEach((c, k) => checkTrigger(c, [...path, 'all', k], years, ticks, add));
  t.any?.forEach((c, k) => checkTrigger(c, [...path, 'any', k], years, ticks, add));
  if (t.not) checkTrigger(t.not, [...path, 'not'], years, ticks, add);
}
