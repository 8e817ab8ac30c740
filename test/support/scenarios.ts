// Bundled scenarios for the tests: loaded by the project's loader (variant applied), with further
// values set by dotted path through `withOverrides`, validated like a variant.
import { loadScenario, withOverrides } from '../../src/scenarios/load.ts';
import type { Scenario } from '../../src/scenarios/schema.ts';
import { valueOf, type Series } from '../../src/engine/series.ts';

export interface BundledOptions {
  variant?: string;
  /** Further values by dotted path (`mechanisms.entry.rate`, `firms.initial`), after the variant. */
  set?: Record<string, unknown>;
}

/** The bundled scenario `name` (validated, defaults filled in, deeply frozen). */
export function bundled(name: string, options: BundledOptions = {}): Scenario {
  const loaded = loadScenario(name, { variant: options.variant ?? null });
  return options.set ? withOverrides(loaded, options.set).scenario : loaded.scenario;
}

/** Mean of a metric over the last `ticks` recorded ticks, for region r (R: `all`). */
export function tailMean(series: Series, metric: string, r: number, ticks: number): number {
  const last = series.recorded - 1;
  let sum = 0;
  for (let t = last - ticks + 1; t <= last; t++) sum += valueOf(series, metric, t, r);
  return sum / ticks;
}
