// The files of a calibration, all CSV, numbers at full precision (src/io/format.ts; byte-identical
// on every machine):
//   posterior.csv    generation, particle, weight, distance, one column per parameter (values as
//                    applied to the scenario) — every generation; the posterior is the last one
//   generations.csv  per generation: ε, candidates simulated, acceptance rate, effective sample size
//   parameters.csv   per parameter: prior, weighted mean, sd, 5 %, 50 %, 95 % quantiles
//   fit.csv          per target: observed, centre and scale of the distance, the posterior
//                    predictive mean and 90 % interval (particles × seeds, weighted), reached
//   calibrated.yaml  the scenario `extends` the input with the posterior medians set
import { isAbsolute, relative } from 'node:path';
import { stringify } from 'yaml';
import { csvField, csvText, formatInt, formatNumber } from '../io/format.ts';
import type { Target } from '../scenarios/targets.ts';
import { targetName } from '../scenarios/targets.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { deviation, type TargetScale } from './distance.ts';
import type { Prior } from './priors.ts';
import { weightedQuantile } from './weighted.ts';

/** A population as the outputs see it (ABC generations; SMM's draws as one generation). */
export interface PopulationRow {
  generation: number;
  values: number[][];
  weights: number[];
  distances: number[];
}

export function posteriorCsv(priors: readonly Prior[], populations: readonly PopulationRow[]): string {
  const rows: string[] = [];
  for (const g of populations) {
    g.values.forEach((v, i) => rows.push([
      formatInt(g.generation), formatInt(i), formatNumber(g.weights[i]), formatNumber(g.distances[i]),
      ...v.map((x, j) => (priors[j].kind === 'integer' ? formatInt(x) : formatNumber(x))),
    ].join(',')));
  }
  return csvText(['generation', 'particle', 'weight', 'distance', ...priors.map((p) => p.path)], rows);
}

export interface GenerationRow {
  generation: number;
  epsilon: number;
  candidates: number;
  acceptance: number;
  ess: number;
  distanceMedian: number;
}

export function generationsCsv(rows: readonly GenerationRow[]): string {
  return csvText(['generation', 'epsilon', 'candidates', 'acceptance', 'ess', 'distance_median'],
    rows.map((r) => [formatInt(r.generation), formatNumber(r.epsilon), formatInt(r.candidates), ...[r.acceptance, r.ess, r.distanceMedian].map(formatNumber)].join(',')));
}

export interface ParameterSummary {
  path: string;
  mean: number;
  sd: number;
  q05: number;
  median: number;
  q95: number;
}

export function summariseParameters(priors: readonly Prior[], posterior: PopulationRow): ParameterSummary[] {
  let total = 0;
  for (const w of posterior.weights) total += w;
  return priors.map((p, j) => {
    const xs = posterior.values.map((v) => v[j]);
    const mean = xs.reduce((s, x, i) => s + (posterior.weights[i] / total) * x, 0);
    const sd = Math.sqrt(xs.reduce((s, x, i) => s + (posterior.weights[i] / total) * (x - mean) ** 2, 0));
    const q = (pr: number) => weightedQuantile(xs, posterior.weights, pr);
    return { path: p.path, mean, sd, q05: q(0.05), median: q(0.5), q95: q(0.95) };
  });
}

export function parametersCsv(priors: readonly Prior[], summaries: readonly ParameterSummary[]): string {
  return csvText(['parameter', 'prior', 'lo', 'hi', 'mean', 'sd', 'q05', 'median', 'q95'],
    summaries.map((s, j) => [csvField(s.path), priors[j].kind, ...[priors[j].lo, priors[j].hi, s.mean, s.sd, s.q05, s.median, s.q95].map(formatNumber)].join(',')));
}

export interface FitRow {
  target: string;
  kind: 'value' | 'stage';
  weight: number;
  center: number;
  scale: number;
  scale_from: string;
  observed_low: number;
  observed_high: number;
  simulated_mean: number;
  simulated_low: number;
  simulated_high: number;
  /** The simulated mean's standardised deviation from the observation (0 inside an interval). */
  z: number;
  reached: boolean;
}

/**
 * The posterior predictive check: each target's values over the posterior's particles × seeds
 * (particle weight / seeds each). A value target is reached when its 90 % interval meets the
 * observed interval (value ± 2 sd, the interval, or the value); a stage target when the weighted
 * share of seeds reaching the stage lies in [min, max].
 */
export function fitRows(targets: readonly Target[], scales: readonly TargetScale[], perSeed: readonly Float64Array[], weights: readonly number[], seeds: number): FitRow[] {
  const T = targets.length;
  return targets.map((t, j): FitRow => {
    const values: number[] = [];
    const ws: number[] = [];
    perSeed.forEach((ps, i) => { for (let s = 0; s < seeds; s++) { values.push(ps[s * T + j]); ws.push(weights[i] / seeds); } });
    const finite = values.map((v, k) => (Number.isFinite(v) ? k : -1)).filter((k) => k >= 0);
    const wTotal = finite.reduce((s, k) => s + ws[k], 0);
    const mean = wTotal > 0 ? finite.reduce((s, k) => s + ws[k] * values[k], 0) / wTotal : NaN;
    const low = weightedQuantile(finite.map((k) => values[k]), finite.map((k) => ws[k]), 0.05);
    const high = weightedQuantile(finite.map((k) => values[k]), finite.map((k) => ws[k]), 0.95);
    const base = { target: targetName(t), weight: t.weight, center: scales[j].center, scale: scales[j].scale, scale_from: scales[j].from, z: deviation(mean, scales[j]) };
    if (t.stage !== undefined) {
      const min = t.share?.min ?? 0;
      const max = t.share?.max ?? 1;
      return { ...base, kind: 'stage', observed_low: min, observed_high: max, simulated_mean: mean, simulated_low: mean, simulated_high: mean, reached: mean >= min && mean <= max };
    }
    const v = t.value ?? NaN;
    const [lo, hi] = t.interval ?? (t.sd !== undefined ? [v - 2 * t.sd, v + 2 * t.sd] : [v, v]);
    return { ...base, kind: 'value', observed_low: lo, observed_high: hi, simulated_mean: mean, simulated_low: low, simulated_high: high, reached: finite.length > 0 && low <= hi && lo <= high };
  });
}

const FIT_COLUMNS = ['target', 'kind', 'weight', 'center', 'scale', 'scale_from', 'observed_low', 'observed_high', 'simulated_mean', 'simulated_low', 'simulated_high', 'z', 'reached'] as const;

export function fitCsv(rows: readonly FitRow[]): string {
  return csvText([...FIT_COLUMNS], rows.map((r) => FIT_COLUMNS.map((c) => {
    const v = r[c];
    return typeof v === 'number' ? formatNumber(v) : typeof v === 'boolean' ? String(v) : csvField(v);
  }).join(',')));
}

/** `ref` as `extends` must name it from a file in `outDir`: a bundled name stays, a path becomes relative. */
export function extendsRef(ref: string, file: string, bundled: boolean, outDir: string): string {
  if (bundled) return ref;
  const rel = relative(outDir, file);
  return isAbsolute(rel) ? file : rel;
}

/**
 * calibrated.yaml: `extends` the calibrated scenario and sets each parameter to `values` (the
 * posterior medians). A path through a list (levers.0.params.x) writes that whole list, as
 * `extends` replaces lists.
 */
export function calibratedYaml(o: { ref: string; name: string; scenario: Scenario; priors: readonly Prior[]; values: readonly number[]; header: string }): string {
  const doc: Record<string, unknown> = { extends: o.ref, name: `${o.name}-calibrated` };
  o.priors.forEach((p, j) => {
    const keys = p.path.split('.');
    let into: Record<string, unknown> = doc;
    let source: unknown = o.scenario;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      const next = (source as Record<string, unknown>)?.[key];
      if (k === keys.length - 1) { into[key] = o.values[j]; break; }
      if (Array.isArray(next)) {
        // Copy the list from the resolved scenario (once), then set inside the copy.
        if (!Array.isArray(into[key])) into[key] = structuredClone(next);
        let target: unknown = into[key];
        for (const rest of keys.slice(k + 1, -1)) target = (target as Record<string, unknown>)[rest];
        (target as Record<string, unknown>)[keys.at(-1)!] = o.values[j];
        break;
      }
      into[key] = (into[key] as Record<string, unknown>) ?? {};
      into = into[key] as Record<string, unknown>;
      source = next;
    }
  });
  return o.header.split('\n').map((l) => `# ${l}`.trimEnd()).join('\n') + '\n' + stringify(doc);
}
