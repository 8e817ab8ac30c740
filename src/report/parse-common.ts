// Small pieces shared by the run and batch parsers (parse-run.ts, parse-batch.ts): metric
// descriptions, region order, size sums and the base scenario's name. Pure and browser-safe.
import { METRICS } from '../engine/metrics.ts';
import { MAIN_METRICS, type MetricInfo } from './model.ts';

/** The base scenario's name in batch files (runs/<i>.json store it as null). */
export const BASE = 'base';

export function metricInfos(names: readonly string[]): MetricInfo[] {
  return names.map((name) => {
    const def = METRICS.find((m) => m.name === name);
    return { name, unit: def?.unit ?? '', description: def?.description ?? '' };
  });
}

export function mainMetricsOf(names: readonly string[]): string[] {
  return MAIN_METRICS.filter((m) => names.includes(m));
}

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

export function addSizes(into: number[], sizes: readonly number[] | undefined): void {
  if (!sizes) return;
  for (let k = 0; k < Math.min(into.length, sizes.length); k++) into[k] += sizes[k];
}

/** `all` last. */
export function orderRegions(regions: string[]): string[] {
  return [...regions.filter((r) => r !== 'all'), ...(regions.includes('all') ? ['all'] : [])];
}

/** "1 seed", "20 seeds": a count with its noun, singular for one. */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** "seed 7" or "seeds 1–20". */
export function seedRange(start: number, count: number): string {
  return count === 1 ? `seed ${start}` : `seeds ${start}–${start + count - 1}`;
}
